package certification_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/certification/view"
	"certdesk/storage"
)

// rowsOf returns the programme rows of one certification.
func rowsOf(reg *document.ProgrammeRegister, cert ID) []document.ProgrammeRow {
	var out []document.ProgrammeRow
	for _, r := range reg.Rows {
		if r.CertificationID == cert {
			out = append(out, r)
		}
	}
	return out
}

// programme reads the programme register on a date: the rows of w's
// certification.
func (w *world) programme(on string) []document.ProgrammeRow {
	reg, err := document.NewProgrammeRegister(w.ctx, w.svc, day(on))
	w.must(err)
	return rowsOf(reg, w.cert)
}

// planAudit plans an audit of w's certification led by w's lead.
func (w *world) planAudit(kind AuditKind, start, end string, days float64) ID {
	return w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: kind, PlannedStart: day(start), PlannedEnd: day(end), PlannedDays: days,
		Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
}

func TestProgrammeRegisterFollowsTheCycle(t *testing.T) {
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := newWorld(t, db)
	ctx := w.ctx

	// Before any audit: the certification alone.
	reg, err := document.NewProgrammeRegister(ctx, w.svc, day("2025-01-10"))
	w.must(err)
	if rows := rowsOf(reg, w.cert); len(rows) != 1 || rows[0].AuditKind != "" || rows[0].HasAudit() || rows[0].Client != "Acme Analytics GmbH" ||
		rows[0].Standard != ISO42001 || reg.Body != DefaultPolicy().BodyName || reg.AsOf != day("2025-01-10") {
		t.Fatalf("before any audit: %+v", rows)
	}

	// Stage 1 done, stage 2 planned: the stage 2 meets the gap obligation.
	s1 := w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
	s2 := w.planAudit(Stage2, "2025-03-10", "2025-03-12", 5)
	rows := w.programme("2025-02-20")
	if len(rows) != 2 || rows[0].AuditID != s1 || rows[1].AuditID != s2 {
		t.Fatalf("rows %+v", rows)
	}
	if r := rows[0]; r.AuditStatus != AuditClosed || r.ActualStart != day("2025-02-03") || r.ActualEnd != day("2025-02-04") || r.Lead != "Lena Lead" ||
		r.ActualDays != 2 || r.Obligation != "" || r.Cycle != 1 || r.CycleStart != 0 || r.Certificate != "" {
		t.Errorf("stage 1 row %+v", r)
	}
	if r := rows[1]; r.AuditKind != Stage2 || r.AuditStatus != AuditPlanned || r.PlannedStart != day("2025-03-10") || r.PlannedDays != 5 ||
		!strings.HasPrefix(r.Obligation, "Stage 2 within 6 months") || r.Due != day("2025-08-04") || r.State != StateUpcoming {
		t.Errorf("stage 2 row %+v", r)
	}
	for _, r := range rows {
		if r.NextDue != rows[1].Obligation || r.NextDueDate != day("2025-08-04") || r.NextDueState != StateUpcoming {
			t.Errorf("next due on %s: %q %s %s", r.AuditKind, r.NextDue, r.NextDueDate, r.NextDueState)
		}
	}

	// Stage 2 carried out and granted: the cycle's surveillance audits and
	// recertification are programme rows still to plan.
	w.must(w.svc.ChangeAudit(ctx, s2, AuditChange{Status: ptr(AuditConfirmed)}))
	w.clk.reach(day("2025-03-10"))
	w.must(w.svc.ChangeAudit(ctx, s2, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
	w.clk.reach(day("2025-03-12"))
	w.fill(s2)
	w.must(w.svc.ChangeAudit(ctx, s2, AuditChange{ActualEnd: ptr(day("2025-03-12")), Recommendation: ptr(RecommendGrant), Status: ptr(AuditReportDrafted)}))
	w.clk.reach(day("2025-03-14"))
	w.must(w.svc.ChangeAudit(ctx, s2, AuditChange{ReportDate: ptr(day("2025-03-14")), Status: ptr(AuditClosed)}))
	w.clk.set("2025-03-20")
	w.must1(w.decide(Grant, "2025-03-20"))
	rows = w.programme("2025-03-25")
	kinds := func(rows []document.ProgrammeRow) (out []string) {
		for _, r := range rows {
			s := string(r.AuditKind)
			if !r.HasAudit() {
				s += " (to plan)"
			}
			out = append(out, s)
		}
		return out
	}
	want := []string{"stage1", "stage2", "surveillance (to plan)", "surveillance (to plan)", "recertification (to plan)"}
	if got := kinds(rows); !slices.Equal(got, want) {
		t.Fatalf("after grant: %q, want %q", got, want)
	}
	for _, r := range rows {
		if r.Certificate != "CD-42001-2025-00001" || r.CertificateStatus != CertActive || r.Cycle != 1 || r.CycleStart != day("2025-03-20") || r.CycleExpiry != day("2028-03-19") {
			t.Errorf("certification columns of %s: %+v", r.AuditKind, r)
		}
	}
	if r := rows[2]; r.Due != day("2026-03-20") || r.State != StateUpcoming || r.AuditStatus != "" || r.NextDueDate != day("2026-03-20") {
		t.Errorf("surveillance 1 to plan: %+v", r)
	}
	if r := rows[4]; r.Due != day("2028-03-19") || !strings.HasPrefix(r.Obligation, "Recertification audit") {
		t.Errorf("recertification to plan: %+v", r)
	}

	// Surveillance 1 planned: it meets the first surveillance obligation,
	// overdue once its due date has passed; a cancelled audit meets none.
	sv := w.planAudit(Surveillance, "2026-03-02", "2026-03-03", 2)
	gone := w.planAudit(Special, "2025-06-02", "2025-06-02", 1)
	w.must(w.svc.ChangeAudit(ctx, gone, AuditChange{Status: ptr(AuditCancelled)}))
	rows = w.programme("2026-03-25")
	want = []string{"stage1", "stage2", "special", "surveillance", "surveillance (to plan)", "recertification (to plan)"}
	if got := kinds(rows); !slices.Equal(got, want) {
		t.Fatalf("with surveillance 1 planned: %q, want %q", got, want)
	}
	if r := rows[2]; r.AuditID != gone || r.AuditStatus != AuditCancelled || r.Obligation != "" {
		t.Errorf("cancelled audit row %+v", r)
	}
	if r := rows[3]; r.AuditID != sv || r.Due != day("2026-03-20") || r.State != StateOverdue || r.NextDueState != StateOverdue || r.NextDueDate != day("2026-03-20") {
		t.Errorf("surveillance 1 planned late: %+v", r)
	}

	// A planned recertification audit meets the recertification obligation.
	rc := w.planAudit(Recertification, "2028-01-10", "2028-01-12", 4)
	rows = w.programme("2026-03-25")
	want = []string{"stage1", "stage2", "special", "surveillance", "surveillance (to plan)", "recertification"}
	if got := kinds(rows); !slices.Equal(got, want) {
		t.Fatalf("with the recertification planned: %q, want %q", got, want)
	}
	if r := rows[5]; r.AuditID != rc || r.Due != day("2028-03-19") || !strings.HasPrefix(r.Obligation, "Recertification audit") || r.State != StateUpcoming {
		t.Errorf("planned recertification: %+v", r)
	}
}

// A demo body, generated once for the tests of this file.
var (
	regOnce  sync.Once
	regStore Store
	regErr   error
	regAsOf  = NewDate(2026, 11, 25)
)

func registerBody(t *testing.T) *Service {
	t.Helper()
	regOnce.Do(func() {
		var db *storage.DB
		if db, regErr = storage.OpenMemory(); regErr != nil {
			return
		}
		regStore = db
		_, regErr = demo.Generate(context.Background(), db, demo.Options{Clients: 40, Seed: 1, AsOf: regAsOf})
	})
	if regErr != nil {
		t.Fatal(regErr)
	}
	return NewService(regStore, FixedClock(regAsOf.Time())).As(Actor{Name: "test"})
}

func TestRegistersOnADemoBody(t *testing.T) {
	svc := registerBody(t)
	ctx := context.Background()
	var audits, certs int
	var certIDs []ID
	if err := svc.View(ctx, func(tx Tx) error {
		var err error
		if audits, err = tx.Count(KindAudit); err != nil {
			return err
		}
		certs, err = tx.Count(KindCertification)
		return tx.Each(KindCertification, func(id ID, _ func(Record) error) error {
			certIDs = append(certIDs, id)
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if audits < 100 || certs < 40 {
		t.Fatalf("a thin demo body: %d audits, %d certifications", audits, certs)
	}

	t.Run("programme", func(t *testing.T) {
		reg, err := document.NewProgrammeRegister(ctx, svc, regAsOf)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[ID]int{}
		for _, r := range reg.Rows {
			if r.HasAudit() {
				seen[r.AuditID]++
			}
		}
		if len(seen) != audits {
			t.Errorf("%d audits in the programme, %d on record", len(seen), audits)
		}
		for id, n := range seen {
			if n != 1 {
				t.Errorf("audit %d on %d rows", id, n)
			}
		}
		// The rows are in client-name order.
		for i := 1; i < len(reg.Rows); i++ {
			if Fold(reg.Rows[i-1].Client) > Fold(reg.Rows[i].Client) {
				t.Fatalf("row %d (%s) before row %d (%s)", i-1, reg.Rows[i-1].Client, i, reg.Rows[i].Client)
			}
		}
		// Per certification: what falls due next and each open programme
		// obligation agree with the certification's obligations.
		overdue := 0
		for _, id := range certIDs {
			rows := rowsOf(reg, id)
			if len(rows) == 0 {
				t.Errorf("certification %d has no row", id)
				continue
			}
			obs, err := view.Obligations(ctx, svc, id, regAsOf)
			if err != nil {
				t.Fatal(err)
			}
			var next *Obligation
			for i := range obs {
				o := &obs[i]
				open := o.State == StateOverdue || o.State == StateDueSoon || o.State == StateUpcoming
				if open && (next == nil || o.Due < next.Due) {
					next = o
				}
				switch o.Kind {
				case ObSurveillance, ObRecertAudit, ObStage2Gap:
				default:
					continue
				}
				n := 0
				for _, r := range rows {
					if r.Obligation == o.Label && r.Due == o.Due {
						n++
						if r.State != o.State {
							t.Errorf("certification %d %q: state %s, obligations say %s", id, o.Label, r.State, o.State)
						}
						if o.State == StateOverdue {
							overdue++
						}
					}
				}
				if open && n != 1 {
					t.Errorf("certification %d: open obligation %q due %s on %d rows", id, o.Label, o.Due, n)
				}
			}
			for _, r := range rows {
				switch {
				case next == nil && (r.NextDue != "" || r.NextDueDate != 0):
					t.Errorf("certification %d: next due %q with nothing open", id, r.NextDue)
				case next != nil && (r.NextDueDate != next.Due || r.NextDueState != next.State):
					t.Errorf("certification %d: next due %s %s, obligations say %s %s", id, r.NextDueDate, r.NextDueState, next.Due, next.State)
				}
			}
		}
		t.Logf("%d rows for %d certifications and %d audits; %d overdue programme obligations", len(reg.Rows), certs, audits, overdue)
	})

	t.Run("findings", func(t *testing.T) {
		reg, err := document.NewFindingsRegister(ctx, svc, regAsOf)
		if err != nil {
			t.Fatal(err)
		}
		all, err := view.FindingRows(ctx, svc, regAsOf, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(reg.Rows) != len(all) || len(all) < 50 {
			t.Fatalf("%d rows in the register, %d findings", len(reg.Rows), len(all))
		}
		late := map[ID]bool{}
		for _, r := range all {
			late[r.ID] = r.Late
		}
		soon, nLate := 0, 0
		for i, r := range reg.Rows {
			if r.Late != late[r.ID] {
				t.Errorf("finding %d: late %v, the findings list says %v", r.ID, r.Late, late[r.ID])
			}
			if r.DueSoon && (r.Late || !r.Open()) {
				t.Errorf("finding %d due soon but late or closed: %+v", r.ID, r)
			}
			if r.DueSoon {
				soon++
			}
			if r.Late {
				nLate++
			}
			if r.AuditDate == 0 || r.AuditKind == "" || r.ClientName == "" {
				t.Errorf("finding %d without its audit or client: %+v", r.ID, r)
			}
			f, err := svc.File(ctx, r.CertificationID)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Certificates) > 0 && r.Certificate != f.Certificates[len(f.Certificates)-1].Number {
				t.Errorf("finding %d: certificate %q, the file has %q", r.ID, r.Certificate, f.Certificates[len(f.Certificates)-1].Number)
			}
			if r.Closed != f.Certification.Closed {
				t.Errorf("finding %d: closed %s, certification closed %s", r.ID, r.Closed, f.Certification.Closed)
			}
			if a, ok := f.Audit(r.AuditID); !ok || a.Start() != r.AuditDate {
				t.Errorf("finding %d: audit date %s", r.ID, r.AuditDate)
			}
			if i > 0 && Fold(reg.Rows[i-1].ClientName) > Fold(r.ClientName) {
				t.Fatalf("findings not in client order at row %d", i)
			}
		}
		if nLate == 0 {
			t.Error("no late finding in the demo body: the register's colours go untested")
		}
		t.Logf("%d findings: %d late, %d due soon", len(reg.Rows), nLate, soon)
	})

	t.Run("certificates", func(t *testing.T) {
		reg, err := document.NewCertificateRegister(ctx, svc, regAsOf)
		if err != nil {
			t.Fatal(err)
		}
		st, err := view.Certificates(ctx, svc, regAsOf)
		if err != nil {
			t.Fatal(err)
		}
		if len(reg.Rows) != len(st) || len(st) == 0 {
			t.Fatalf("%d rows, %d statuses", len(reg.Rows), len(st))
		}
		byID := map[ID]view.CertificateState{}
		for _, s := range st {
			byID[s.ID] = s
		}
		statuses := map[CertificateStatus]int{}
		for i, r := range reg.Rows {
			if s, ok := byID[r.ID]; !ok || s.Status != r.Status || s.ClientName != r.ClientName || s.Revision != r.Revision {
				t.Errorf("certificate %s rev %d: %s, statuses say %+v", r.Number, r.Revision, r.Status, s)
			}
			if i > 0 && reg.Rows[i-1].Number > r.Number {
				t.Fatalf("not in number order at row %d", i)
			}
			statuses[r.Status]++
		}
		if statuses[CertActive] == 0 || len(statuses) < 2 {
			t.Errorf("statuses %v: the demo body should show more than one", statuses)
		}
	})
}
