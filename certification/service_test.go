package certification_test

import (
	"context"
	"errors"
	"testing"
	"time"

	. "certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

// clock is a movable test clock.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }
func (c *clock) set(s string)   { c.t = day(s).Time().Add(9 * time.Hour) }

// reach moves the clock forward to d when it is before: what is recorded
// on d has happened (no-future-dates). It never moves the clock back.
func (c *clock) reach(d Date) {
	if DateOf(c.t) < d {
		c.t = d.Time().Add(9 * time.Hour)
	}
}

func day(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}
func ptr[T any](v T) *T { return &v }

// forEachStore runs a test on an on-disk and an in-memory Badger store.
func forEachStore(t *testing.T, fn func(t *testing.T, st Store)) {
	t.Run("disk", func(t *testing.T) {
		db, err := storage.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
	t.Run("memory", func(t *testing.T) {
		db, err := storage.OpenMemory()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
}

type world struct {
	t                  *testing.T
	ctx                context.Context
	clk                *clock
	svc                *Service
	lead, aud, decider ID
	client, cert       ID
}

func newWorld(t *testing.T, st Store) *world {
	w := &world{t: t, ctx: context.Background(), clk: &clock{}}
	w.clk.set("2025-01-06")
	w.svc = NewService(st, w.clk).As(Actor{Name: "Sam Scheme"})
	// The team is competent for the client (42001, IAF 33, the AI areas a
	// high-risk AI system needs), so the team gate lets its audits go ahead.
	w.lead = w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Lena Lead", Roles: []Role{RoleLeadAuditor, RoleAuditor},
		Competence: &PersonCompetence{Standards: []Standard{ISO42001}, Sectors: []int{33}, AIAreas: []AIArea{AIRisk, AILifecycle, AIRegulation}}}))
	w.aud = w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Ada Auditor", Roles: []Role{RoleAuditor, RoleTechnicalExpert},
		Competence: &PersonCompetence{Standards: []Standard{ISO42001}, Sectors: []int{33}, AIAreas: []AIArea{AILifecycle}}}))
	w.decider = w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Dora Decider", Roles: []Role{RoleDecisionMaker}}))
	w.client = w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Acme Analytics GmbH", RegisteredAddress: "Hauptstr. 1, Berlin",
		EffectivePersonnel: 40, Sectors: []int{33}, AIRoles: []AIRole{AIProvider},
		AISystems: []AISystem{{Name: "Credit scoring", RiskClass: RiskHigh, Autonomy: AutonomyHumanInLoop, PersonalData: true}}}))
	w.cert = w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: ISO42001, Scope: "Development of AI credit scoring"}))
	return w
}

func (w *world) must1(id ID, err error) ID {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

func (w *world) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *world) refused(err error, rule string) {
	w.t.Helper()
	var re *RuleError
	if !errors.As(err, &re) || re.Rule != rule {
		w.t.Fatalf("got %v, want refusal by rule %s", err, rule)
	}
}

// fill records a result on every item audit id must cover (FillChecklist).
func (w *world) fill(id ID) {
	w.t.Helper()
	w.must(w.svc.FillChecklist(w.ctx, id, ChecklistEntry{Result: ResultConform, Notes: "Sampled; no finding."}))
}

// runAudit plans an audit and walks it to closed.
func (w *world) runAudit(kind AuditKind, start, end string, outcome Stage1Outcome, rec Recommendation, findings ...Finding) ID {
	w.t.Helper()
	a := w.svc.AtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: kind, PlannedStart: day(start), PlannedEnd: day(end), PlannedDays: 2,
		Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}})
	id := w.must1(w.svc.PlanAudit(w.ctx, a))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
	w.clk.reach(day(start))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day(start)), Status: ptr(AuditInProgress)}))
	for _, f := range findings {
		f.AuditID, f.RaisedBy, f.Raised = id, w.lead, day(start)
		w.must1(w.svc.RecordFinding(w.ctx, f))
	}
	w.fill(id)
	ch := AuditChange{ActualEnd: ptr(day(end)), ActualDays: ptr(a.PlannedDays), Status: ptr(AuditReportDrafted)}
	if kind == Stage1 {
		ch.Stage1Outcome = &outcome
	} else {
		ch.Recommendation = &rec
	}
	w.clk.reach(day(end))
	w.must(w.svc.ChangeAudit(w.ctx, id, ch))
	w.clk.reach(day(end).AddDays(2))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ReportDate: ptr(day(end).AddDays(2)), Status: ptr(AuditClosed)}))
	return id
}

// certify runs a stage 1 (client ready) and a stage 2 (2025-03-10 to
// 11) and grants the certification on 2025-03-20.
func (w *world) certify() {
	w.t.Helper()
	w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
	w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", RecommendGrant)
	w.must1(w.decide(Grant, "2025-03-20"))
}

// initialAuditsWithMajor runs a stage 1 (client ready) and a stage 2
// (2025-03-10 to 11, recommending rec) that raises the one major
// nonconformity major, and returns that finding.
func (w *world) initialAuditsWithMajor(rec Recommendation, major Finding) ID {
	w.t.Helper()
	w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
	w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", rec, major)
	f, _ := w.svc.File(w.ctx, w.cert)
	return f.Findings[0].ID
}

// answerFinding records the client's response to finding x, received on
// received, and the lead auditor's acceptance of it on accepted.
func (w *world) answerFinding(x ID, received, accepted string) {
	w.t.Helper()
	w.clk.reach(day(received))
	w.must(w.svc.RecordResponse(w.ctx, x, Response{Correction: "c", Received: day(received)}))
	w.clk.reach(day(accepted))
	w.must(w.svc.ReviewResponse(w.ctx, x, Review{By: w.lead, On: day(accepted), Accepted: true}))
}

// verifyFinding records the lead auditor's verification of finding x on
// the day on, by method.
func (w *world) verifyFinding(x ID, on, method string) {
	w.t.Helper()
	w.clk.reach(day(on))
	w.must(w.svc.VerifyFinding(w.ctx, x, Verification{By: w.lead, On: day(on), Method: method}))
}

func (w *world) decide(kind DecisionKind, date string) (ID, error) {
	w.clk.reach(day(date))
	return w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: kind, Date: day(date), Makers: []ID{w.decider}, Reasons: "reviewed the file"})
}

func scheduled(t *testing.T, svc *Service, asOf string, within int, kind ObligationKind) *Obligation {
	t.Helper()
	obs, err := view.Schedule(context.Background(), svc, day(asOf), within)
	if err != nil {
		t.Fatal(err)
	}
	for i := range obs {
		if obs[i].Kind == kind {
			return &obs[i]
		}
	}
	return nil
}

func TestWholeCycle(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		ctx := w.ctx

		// Stage 2 cannot come before a stage 1 that found the client ready.
		_, err := w.svc.PlanAudit(ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-02-10"), PlannedEnd: day("2025-02-12")})
		w.refused(err, RuleStage2NeedsReadyStage1)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1NotReady, "")
		_, err = w.svc.PlanAudit(ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-12")})
		w.refused(err, RuleStage2NeedsReadyStage1)
		w.runAudit(Stage1, "2025-02-17", "2025-02-18", Stage1Ready, "")
		if o := scheduled(t, w.svc, "2025-02-20", 365, ObStage2Gap); o == nil || o.Due != day("2025-08-18") {
			t.Fatalf("stage 2 gap obligation = %+v", o)
		}

		// Stage 2 with a major and a minor.
		s2 := w.runAudit(Stage2, "2025-03-10", "2025-03-12", "", RecommendNotYet,
			Finding{Grade: Major, Reference: "6.1.4", Requirement: "AI system impact assessment", Evidence: "No impact assessment for the credit scoring system"},
			Finding{Grade: Minor, Reference: "a.7.4", Requirement: "Data quality", Evidence: "Data quality checks not recorded for March"},
			Finding{Grade: OFI, Reference: "9.2", Requirement: "Internal audit", Evidence: "Audit programme could sample AI suppliers"})
		f, err := w.svc.File(ctx, w.cert)
		w.must(err)
		if len(f.Findings) != 3 || f.Findings[1].Reference != "A.7.4" || f.Findings[0].ResponseDue != day("2025-04-11") || f.Findings[0].CloseDue != day("2025-06-10") {
			t.Fatalf("findings = %+v", f.Findings)
		}
		_, err = w.svc.RecordFinding(ctx, Finding{AuditID: s2, Grade: Minor, Reference: "8.9", Requirement: "x", Evidence: "y"})
		if err == nil {
			t.Fatal("a finding on a closed audit was recorded")
		}

		// The committee cannot grant yet.
		w.clk.set("2025-03-20")
		_, err = w.decide(Grant, "2025-03-20")
		w.refused(err, RuleUnverifiedMajor)
		w.clk.reach(day("2025-03-20"))
		_, err = w.svc.Decide(ctx, Decision{CertificationID: w.cert, Kind: Grant, Date: day("2025-03-20"), Makers: []ID{w.lead}, Reasons: "x"})
		w.refused(err, RuleDeciderRole)

		if o := scheduled(t, w.svc, "2025-04-12", 0, ObClientResponse); o == nil || o.State != StateOverdue {
			t.Fatalf("late response not overdue: %+v", o)
		}
		major, minor := f.Findings[0].ID, f.Findings[1].ID
		w.clk.reach(day("2025-04-01"))
		w.must(w.svc.RecordResponse(ctx, major, Response{RootCause: "No owner", Correction: "Assessment done", CorrectiveAction: "Procedure", Received: day("2025-04-01")}))
		w.clk.reach(day("2025-04-02"))
		w.must(w.svc.ReviewResponse(ctx, major, Review{By: w.lead, On: day("2025-04-02"), Accepted: true}))
		_, err = w.decide(Grant, "2025-04-03")
		w.refused(err, RuleUnverifiedMajor)
		w.clk.reach(day("2025-04-20"))
		w.must(w.svc.VerifyFinding(ctx, major, Verification{By: w.lead, On: day("2025-04-20"), Method: "documents"}))
		_, err = w.decide(Grant, "2025-04-21")
		w.refused(err, RuleMinorWithoutPlan)
		w.clk.reach(day("2025-04-05"))
		w.must(w.svc.RecordResponse(ctx, minor, Response{Correction: "Checks recorded", Received: day("2025-04-05")}))
		w.clk.reach(day("2025-04-06"))
		w.must(w.svc.ReviewResponse(ctx, minor, Review{By: w.lead, On: day("2025-04-06"), Accepted: false, Comment: "no root cause"}))
		_, err = w.decide(Grant, "2025-04-21")
		w.refused(err, RuleMinorWithoutPlan)
		w.clk.reach(day("2025-04-08"))
		w.must(w.svc.RecordResponse(ctx, minor, Response{RootCause: "Manual step", Correction: "Checks recorded", CorrectiveAction: "Automated check", Received: day("2025-04-08")}))
		w.clk.reach(day("2025-04-09"))
		w.must(w.svc.ReviewResponse(ctx, minor, Review{By: w.lead, On: day("2025-04-09"), Accepted: true}))

		// Grant.
		dec := w.must1(w.decide(Grant, "2025-04-21"))
		f, err = w.svc.File(ctx, w.cert)
		w.must(err)
		cert, ok := f.Certificate()
		if !ok || cert.Number != "CD-42001-2025-00001" || cert.Expiry != day("2028-04-20") || cert.StatusOn(day("2025-04-21")) != CertActive {
			t.Fatalf("certificate = %+v", cert)
		}
		if d := f.Decisions[0]; d.ID != dec || len(d.Snapshot.Findings) != 3 || d.Snapshot.Findings[0].Status != FindingVerified || d.Snapshot.Cycle != 1 {
			t.Fatalf("decision snapshot = %+v", d.Snapshot)
		}
		s1 := scheduled(t, w.svc, "2025-05-01", 365, ObSurveillance)
		if s1 == nil || s1.Due != day("2026-04-21") || s1.State != StateUpcoming {
			t.Fatalf("surveillance 1 = %+v", s1)
		}
		if o := scheduled(t, w.svc, "2026-04-22", 0, ObSurveillance); o == nil || o.State != StateOverdue {
			t.Fatalf("surveillance 1 the day after 12 months = %+v", o)
		}

		// Surveillance 1, maintain; the surveillance leaves the schedule.
		w.runAudit(Surveillance, "2026-03-02", "2026-03-03", "", RecommendMaintain)
		if o := scheduled(t, w.svc, "2026-03-06", 60, ObDecisionPending); o == nil || o.Due != day("2026-04-04") {
			t.Fatalf("decision pending after surveillance = %+v", o)
		}
		w.must1(w.decide(Maintain, "2026-03-10"))
		if o := scheduled(t, w.svc, "2026-03-11", 60, ObDecisionPending); o != nil {
			t.Fatalf("decision still pending after maintain: %+v", o)
		}
		if o := scheduled(t, w.svc, "2026-03-11", 100, ObSurveillance); o != nil {
			t.Fatalf("surveillance 1 still scheduled after it was done: %+v", o)
		}

		// Suspend, restore, and the suspension limit on the schedule.
		w.must1(w.decide(Suspend, "2026-06-01"))
		if o := scheduled(t, w.svc, "2026-06-02", 365, ObSuspensionLimit); o == nil || o.Due != day("2026-12-01") {
			t.Fatalf("suspension limit = %+v", o)
		}
		sts, err := view.Certificates(ctx, w.svc, day("2026-06-02"))
		w.must(err)
		if len(sts) != 1 || sts[0].Status != CertSuspended {
			t.Fatalf("statuses = %+v", sts)
		}
		w.must1(w.decide(Restore, "2026-07-01"))
		if o := scheduled(t, w.svc, "2026-07-02", 365, ObSuspensionLimit); o != nil {
			t.Fatalf("suspension limit after restore: %+v", o)
		}

		// Recertification and renewal: the new expiry continues from the old one.
		w.runAudit(Surveillance, "2027-03-01", "2027-03-02", "", RecommendMaintain)
		w.runAudit(Recertification, "2028-02-01", "2028-02-03", "", RecommendRenew)
		w.must1(w.decide(Renew, "2028-03-01"))
		f, err = w.svc.File(ctx, w.cert)
		w.must(err)
		cert, _ = f.Certificate()
		if cert.Expiry != day("2031-04-20") || cert.Revision != 2 || cert.IssueDate != day("2028-03-01") || cert.OriginalDate != day("2025-04-21") {
			t.Fatalf("renewed certificate = %+v", cert)
		}
		if len(f.Certificates) != 2 || f.Certificates[0].StatusOn(day("2028-03-02")) != CertSuperseded {
			t.Fatalf("revision 1 not superseded: %+v", f.Certificates)
		}
		if o := scheduled(t, w.svc, "2028-03-02", 500, ObSurveillance); o == nil || o.Due != day("2029-04-21") || o.Cycle != 2 {
			t.Fatalf("cycle 2 surveillance 1 = %+v", o)
		}

		// Withdraw: nothing more is due, no surveillance can be planned.
		w.must1(w.decide(Withdraw, "2028-06-01"))
		if obs, _ := view.Schedule(ctx, w.svc, day("2028-06-02"), 2000); len(obs) != 0 {
			t.Fatalf("a withdrawn certification still has obligations: %+v", obs)
		}
		_, err = w.svc.PlanAudit(ctx, Audit{CertificationID: w.cert, Kind: Surveillance, PlannedStart: day("2028-09-01"), PlannedEnd: day("2028-09-01")})
		w.refused(err, RuleSurveillanceWithdrawn)

		// Every change is in the journal with its actor.
		n := 0
		w.must(st.Journal(ctx, 1, func(e JournalEntry) error {
			n++
			if e.Actor.Name != "Sam Scheme" || e.Command == "" || len(e.Changes) == 0 {
				t.Errorf("journal entry %d = %+v", e.Seq, e)
			}
			return nil
		}))
		if n < 40 {
			t.Errorf("only %d journal entries", n)
		}
	})
}

func TestDecisionMakerWhoAuditedIsRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		dual := w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Tom Two-Hats", Roles: []Role{RoleDecisionMaker, RoleAuditor}}))
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		id := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: dual, Role: TeamAuditor}}}))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-10"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		w.clk.reach(day("2025-03-11"))
		w.fill(id)
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualEnd: ptr(day("2025-03-11")), Recommendation: ptr(RecommendGrant), Status: ptr(AuditReportDrafted)}))
		_, err := w.decide(Grant, "2025-03-20")
		w.refused(err, RuleNeedsClosedReport)
		w.clk.reach(day("2025-03-12"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ReportDate: ptr(day("2025-03-12")), Status: ptr(AuditClosed)}))
		w.clk.reach(day("2025-03-20"))
		_, err = w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: Grant, Date: day("2025-03-20"), Makers: []ID{w.decider, dual}, Reasons: "x"})
		w.refused(err, RuleDeciderAudited)
		w.must1(w.decide(Grant, "2025-03-20"))
	})
}

func TestRestorationAfterExpiry(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify() // expires 2028-03-19
		w.runAudit(Surveillance, "2026-03-02", "2026-03-03", "", RecommendMaintain)
		w.runAudit(Surveillance, "2027-03-01", "2027-03-02", "", RecommendMaintain)
		// Renewal after expiry is refused; the certificate shows expired.
		w.runAudit(Recertification, "2028-04-10", "2028-04-11", "", RecommendRenew)
		_, err := w.decide(Renew, "2028-04-20")
		w.refused(err, RuleRecertificationAfterExp)
		if o := scheduled(t, w.svc, "2028-04-20", 180, ObRestoration); o == nil || o.Due != day("2028-09-19") {
			t.Fatalf("restoration window = %+v", o)
		}
		// Restore within 6 months keeps the old cycle's dates, with a gap.
		w.must1(w.decide(Restore, "2028-04-20"))
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		cert, _ := f.Certificate()
		if cert.Expiry != day("2031-03-19") || cert.IssueDate != day("2028-04-20") {
			t.Fatalf("restored certificate = %+v", cert)
		}
		if st := cert.StatusOn(day("2028-04-01")); st != CertNotYet {
			t.Errorf("the gap before restoration shows as %s", st)
		}
	})
}

func TestRestorationWindowClosed(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify() // expires 2028-03-19, restorable until 2028-09-19
		_, err := w.svc.PlanAudit(w.ctx, Audit{CertificationID: w.cert, Kind: Recertification, PlannedStart: day("2028-09-20"), PlannedEnd: day("2028-09-21")})
		w.refused(err, RuleRestorationWindow)
		_, err = w.decide(Restore, "2028-09-20")
		w.refused(err, RuleRestorationWindow)
		// The schedule no longer lists the lapsed certification.
		if obs, _ := view.Schedule(w.ctx, w.svc, day("2028-09-20"), 30); len(obs) != 0 {
			t.Fatalf("lapsed certification still scheduled: %+v", obs)
		}
		// It can be certified again from stage 1 as a new initial certification.
		w.runAudit(Stage1, "2028-10-01", "2028-10-01", Stage1Ready, "")
		w.runAudit(Stage2, "2028-11-01", "2028-11-02", "", RecommendGrant)
		w.must1(w.decide(Grant, "2028-11-10"))
		f, _ := w.svc.File(w.ctx, w.cert)
		cert, _ := f.Certificate()
		if len(f.Certification.Cycles) != 2 || !f.Certification.Cycles[1].Initial || cert.Revision != 2 || cert.OriginalDate != day("2028-11-10") {
			t.Fatalf("re-certification: cycles %+v, certificate %+v", f.Certification.Cycles, cert)
		}
	})
}

func TestStage2GapNeedsJustification(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		a := Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-08-05"), PlannedEnd: day("2025-08-06")}
		_, err := w.svc.PlanAudit(w.ctx, a)
		w.refused(err, RuleStage2GapJustification)
		// The gap is a policy.
		p, err := w.svc.Policy(w.ctx)
		w.must(err)
		p.Stage2GapWarnMonths = 9
		w.must(w.svc.SetPolicy(w.ctx, p))
		p, _ = w.svc.Policy(w.ctx)
		if p.ChangedBy.Name != "Sam Scheme" || p.ChangedOn != day("2025-02-06") { // the stage 1's report date
			t.Errorf("policy change not recorded: %+v", p)
		}
		id := w.must1(w.svc.PlanAtRequiredTime(w.ctx, a))
		// Moving it before stage 1 ended is refused on change too.
		err = w.svc.ChangeAudit(w.ctx, id, AuditChange{PlannedStart: ptr(day("2025-02-03"))})
		w.refused(err, RuleDatesBackwards)
	})
}
