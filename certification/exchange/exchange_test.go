package exchange_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/view"
	"certdesk/storage"
)

var ctx = context.Background()

func memory(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func export(t *testing.T, st certification.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := exchange.Export(ctx, st, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func empty(t *testing.T, st certification.Store) {
	t.Helper()
	ok, err := exchange.IsEmpty(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		t.Error("the target store is not empty")
	}
}

var actor = certification.Actor{Name: "test"}

func TestRoundTripDemo(t *testing.T) {
	src := memory(t)
	if _, err := demo.Generate(ctx, src, demo.Options{Clients: 40, Seed: 11, AsOf: certification.NewDate(2026, 5, 1)}); err != nil {
		t.Fatal(err)
	}
	attachToOpenFindings(t, src, certification.NewDate(2026, 5, 1), 3) // evidence_test.go
	var evidence int                                                   // the demo's own (its audits sample records) and those 3
	if err := src.View(ctx, func(tx certification.Tx) (err error) {
		evidence, err = tx.Count(certification.KindEvidence)
		return err
	}); err != nil || evidence <= 3 {
		t.Fatalf("%d evidence files in the demo body (%v): want its own and the 3 attached", evidence, err)
	}
	first := export(t, src)
	if !bytes.HasSuffix(first, []byte("}\n")) || !bytes.HasPrefix(first, []byte("{\n  \"format\": \"certdesk\",\n  \"version\": 1,\n")) {
		t.Errorf("unexpected framing: %q … %q", first[:60], first[len(first)-10:])
	}

	// The streamed export is exactly encoding/json's output for the bundle.
	b, err := exchange.Decode(first)
	if err != nil {
		t.Fatal(err)
	}
	again, err := exchange.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, again) {
		t.Error("Export differs from Marshal of the decoded bundle")
	}

	dst := memory(t)
	counts, err := exchange.Import(ctx, dst, bytes.NewReader(first), actor)
	if err != nil {
		t.Fatal(err)
	}
	if counts.Clients != 40 || counts.Evidence != evidence || counts.Obligations != counts.Certifications || counts.Chunks < 2 {
		t.Errorf("counts = %+v", counts)
	}
	second := export(t, dst)
	if !bytes.Equal(first, second) {
		t.Fatalf("export → import → export is not byte-identical (%d vs %d bytes)", len(first), len(second))
	}

	// Obligations are recomputed exactly as the service computes them.
	svcA := certification.NewService(src, certification.FixedClock(time.Now()))
	svcB := certification.NewService(dst, certification.FixedClock(time.Now()))
	on := certification.NewDate(2026, 5, 1)
	a, err := view.Schedule(ctx, svcA, on, 365)
	if err != nil {
		t.Fatal(err)
	}
	bb, err := view.Schedule(ctx, svcB, on, 365)
	if err != nil {
		t.Fatal(err)
	}
	ja, _ := json.Marshal(a)
	jb, _ := json.Marshal(bb)
	if !bytes.Equal(ja, jb) || len(a) == 0 {
		t.Errorf("schedules differ after import (%d vs %d items)", len(a), len(bb))
	}

	// Ids go on after the imported ones.
	id, err := svcB.AddPerson(ctx, certification.Person{Name: "New Person", Roles: []certification.Role{certification.RoleAuditor}})
	if err != nil {
		t.Fatal(err)
	}
	if want := certification.ID(len(b.People) + 1); id != want {
		t.Errorf("new person id = %d, want %d", id, want)
	}

	// The journal has one entry per chunk.
	n := 0
	if err := dst.Journal(ctx, 0, func(e certification.JournalEntry) error {
		if e.Command == "import" {
			if e.Actor.Name != "test" || len(e.Changes) == 0 {
				t.Errorf("journal entry %+v", e)
			}
			n++
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if n != counts.Chunks {
		t.Errorf("%d journal entries for %d chunks", n, counts.Chunks)
	}

	// Copy gives the same data too.
	cp := memory(t)
	if _, err := exchange.Copy(ctx, src, cp, actor, "demo", nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, export(t, cp)) {
		t.Error("Copy → export differs")
	}
	if _, err := exchange.Copy(ctx, src, cp, actor, "demo", nil); !errors.Is(err, exchange.ErrNotEmpty) {
		t.Errorf("Copy into a full store: %v", err)
	}
	if _, err := exchange.Import(ctx, dst, bytes.NewReader(first), actor); !errors.Is(err, exchange.ErrNotEmpty) {
		t.Errorf("Import into a full store: %v", err)
	}
}

func TestEmptyStoreExport(t *testing.T) {
	got := string(export(t, memory(t)))
	for _, want := range []string{"\"people\": [],", "\"decisions\": [],", "\"evidence\": []\n}\n", "\"body_name\": \"CertDesk Certification\""} {
		if !strings.Contains(got, want) {
			t.Errorf("export of an empty store lacks %q:\n%s", want, got)
		}
	}
	dst := memory(t)
	if _, err := exchange.Import(ctx, dst, strings.NewReader(got), actor); err != nil {
		t.Fatal(err)
	}
	if again := string(export(t, dst)); again != got {
		t.Errorf("round trip of an empty store:\n%s\nvs\n%s", got, again)
	}
}

// walkthrough records a small certification through the service: stage 1,
// stage 2 with a major that is corrected and verified, and the grant. The
// stage 2 audit has two evidence files: walkthroughEvidence.
func walkthrough(t *testing.T, st certification.Store) []byte {
	t.Helper()
	clk := &auditfixture.Clock{} // moved to each event's day: no-future-dates
	clk.Set(certification.NewDate(2025, 1, 6))
	svc := certification.NewService(st, clk)
	d := func(s string) certification.Date {
		v, err := certification.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	lead, err := svc.AddPerson(ctx, certification.Person{Name: "Lena Lead", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor},
		Competence: &certification.PersonCompetence{Standards: []certification.Standard{certification.ISO42001}, Sectors: []int{33},
			AIAreas: []certification.AIArea{certification.AIRisk, certification.AILifecycle}}})
	must(err)
	judge, err := svc.AddPerson(ctx, certification.Person{Name: "Dora Decider", Roles: []certification.Role{certification.RoleDecisionMaker}})
	must(err)
	cl, err := svc.AddClient(ctx, certification.Client{LegalName: "Acme AI GmbH", RegisteredAddress: "Hafenstraße 1, 20457 Hamburg", EffectivePersonnel: 40, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIProvider}})
	must(err)
	cert, err := svc.AddCertification(ctx, certification.Certification{ClientID: cl, Standard: certification.ISO42001, Scope: "AI-based document classification services", Applied: d("2025-01-06")})
	must(err)
	team := []certification.TeamMember{{PersonID: lead, Role: certification.TeamLead}}
	run := func(kind certification.AuditKind, start, end, report string, finding func(id certification.ID)) {
		id, err := svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: cert, Kind: kind, PlannedStart: d(start), PlannedEnd: d(end), PlannedDays: 2, Team: team})
		must(err)
		st := func(s certification.AuditStatus) *certification.AuditStatus { return &s }
		must(svc.ChangeAudit(ctx, id, certification.AuditChange{Status: st(certification.AuditConfirmed)}))
		as, ae, rd := d(start), d(end), d(report)
		clk.Set(as)
		must(svc.ChangeAudit(ctx, id, certification.AuditChange{ActualStart: &as, Status: st(certification.AuditInProgress)}))
		clk.Set(ae)
		if finding != nil {
			finding(id)
		}
		must(svc.FillChecklist(ctx, id, certification.ChecklistEntry{Result: certification.ResultConform}))
		ch := certification.AuditChange{ActualEnd: &ae, Status: st(certification.AuditReportDrafted)}
		if kind == certification.Stage1 {
			o := certification.Stage1Ready
			ch.Stage1Outcome = &o
		} else {
			r := certification.RecommendGrant
			ch.Recommendation = &r
		}
		must(svc.ChangeAudit(ctx, id, ch))
		clk.Set(rd)
		must(svc.ChangeAudit(ctx, id, certification.AuditChange{ReportDate: &rd, Status: st(certification.AuditClosed)}))
	}
	run(certification.Stage1, "2025-01-13", "2025-01-14", "2025-01-16", nil)
	var major certification.ID
	run(certification.Stage2, "2025-02-10", "2025-02-12", "2025-02-14", func(audit certification.ID) {
		major, err = svc.RecordFinding(ctx, certification.Finding{AuditID: audit, Grade: certification.Major, Reference: "8.2",
			Requirement: "AI risk assessments at planned intervals", Evidence: "No risk assessment since the model change", RaisedBy: lead, Raised: d("2025-02-11")})
		must(err)
		for _, e := range walkthroughEvidence {
			e.Evidence.AuditID = audit
			if e.FindingID != 0 {
				e.FindingID = major
			}
			_, err := svc.AttachEvidence(ctx, e.Evidence, e.Content)
			must(err)
		}
	})
	clk.Set(d("2025-02-20"))
	must(svc.RecordResponse(ctx, major, certification.Response{RootCause: "No trigger", Correction: "Assessed", CorrectiveAction: "Trigger added", Received: d("2025-02-20")}))
	clk.Set(d("2025-02-22"))
	must(svc.ReviewResponse(ctx, major, certification.Review{By: lead, On: d("2025-02-22"), Accepted: true}))
	clk.Set(d("2025-03-01"))
	must(svc.VerifyFinding(ctx, major, certification.Verification{By: lead, On: d("2025-03-01"), Method: "documents"}))
	clk.Set(d("2025-03-05"))
	_, err = svc.Decide(ctx, certification.Decision{CertificationID: cert, Kind: certification.Grant, Date: d("2025-03-05"), Makers: []certification.ID{judge}, Reasons: "File complete"})
	must(err)
	return export(t, st)
}

// refused imports doc into a fresh store and returns the problems.
func refused(t *testing.T, doc []byte) string {
	t.Helper()
	dst := memory(t)
	_, err := exchange.Import(ctx, dst, bytes.NewReader(doc), actor)
	if err == nil {
		t.Fatal("the document was imported")
	}
	var xe *exchange.Error
	if !errors.As(err, &xe) {
		t.Fatalf("error %v is not an *exchange.Error", err)
	}
	empty(t, dst)
	return err.Error()
}

func edit(t *testing.T, doc []byte, fn func(b *exchange.Bundle)) []byte {
	t.Helper()
	b, err := exchange.Decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	fn(b)
	out, err := exchange.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestImportRefuses(t *testing.T) {
	good := walkthrough(t, memory(t))
	// The walk-through itself imports.
	if _, err := exchange.Import(ctx, memory(t), bytes.NewReader(good), actor); err != nil {
		t.Fatalf("the walk-through does not import: %v", err)
	}
	replace := func(old, new string) []byte {
		if !bytes.Contains(good, []byte(old)) {
			t.Fatalf("the export has no %q", old)
		}
		return bytes.Replace(good, []byte(old), []byte(new), 1)
	}
	for _, tc := range []struct {
		name string
		doc  []byte
		want []string
	}{
		{"unknown field", replace(`"legal_name"`, `"legal_nmae"`),
			[]string{"clients[0] (id 1): legal_nmae: unknown field"}},
		{"unknown nested field", replace(`"root_cause"`, `"root_causes"`),
			[]string{"findings[0] (id 1): response.root_causes: unknown field"}},
		{"unknown top-level field", replace(`"people": [`, `"persons": [], "people": [`),
			[]string{"file: persons: unknown field"}},
		{"wrong version", replace(`"version": 1`, `"version": 2`),
			[]string{"file: version: is 2", "newer CertDesk"}},
		{"wrong format", replace(`"format": "certdesk"`, `"format": "other"`),
			[]string{"file: format:"}},
		{"trailing data", append(bytes.Clone(good), []byte("{}\n")...),
			[]string{"file: ", "more data after the document"}},
		{"not JSON", []byte("certdesk"),
			[]string{"file: ", "not a CertDesk interchange document"}},
		{"invalid date", replace(`"planned_start": "2025-02-10"`, `"planned_start": "2025-02-30"`),
			[]string{"audits[1] (id 2): planned_start: ", "2025-02-30", "not a date"}},
		{"wrong type", replace(`"effective_personnel": 40`, `"effective_personnel": "forty"`),
			[]string{"clients[0] (id 1): effective_personnel: must be a number"}},
		{"forged expiry", edit(t, good, func(b *exchange.Bundle) { b.Certifications[0].Cycles[0].Expiry = certification.NewDate(2099, 12, 31) }),
			[]string{"certification 1: cycles[0].expiry: an initial cycle decided"}},
		{"forged certificate expiry", edit(t, good, func(b *exchange.Bundle) { b.Certificates[0].Expiry = certification.NewDate(2099, 12, 31) }),
			[]string{"certificate 1: expiry: revision 1"}},
		{"forged deadline", edit(t, good, func(b *exchange.Bundle) { b.Findings[0].ResponseDue = certification.NewDate(2099, 1, 1) }),
			[]string{"finding 1: response_due:"}},
		{"dangling reference", edit(t, good, func(b *exchange.Bundle) { b.Findings[0].AuditID = 99 }),
			[]string{"findings[0] (id 1): audit_id: there is no audit 99"}},
		{"dangling person", edit(t, good, func(b *exchange.Bundle) { b.Decisions[0].Makers = []certification.ID{7} }),
			[]string{"decisions[0] (id 1): makers[0]: there is no person 7"}},
		{"interest in a client not in the file", edit(t, good, func(b *exchange.Bundle) {
			b.People[1].Interests = []certification.Interest{{ClientID: 99, Kind: certification.InterestTraining, From: certification.NewDate(2024, 1, 1)}}
		}), []string{"people[1] (id 2): interests[0].client_id: there is no client 99"}},
		{"duplicate id", edit(t, good, func(b *exchange.Bundle) { b.People[1].ID = 1 }),
			[]string{"people[1] (id 1): id: id 1 is used by two people"}},
		{"invalid record", edit(t, good, func(b *exchange.Bundle) { b.Clients[0].EffectivePersonnel = 0 }),
			[]string{"clients[0] (id 1): effective_personnel: effective personnel must be"}},
		{"bad reference of a finding", edit(t, good, func(b *exchange.Bundle) { b.Findings[0].Reference = "8.9" }),
			[]string{"findings[0] (id 1): reference: ", "8.9"}},
		{"exclusion of what is not a control", edit(t, good, func(b *exchange.Bundle) {
			b.Certifications[0].Exclusions = []certification.Exclusion{{Control: "A.11.1", Justification: "j"}}
		}), []string{"certifications[0] (id 1): exclusions[0].control: \"A.11.1\" is not an Annex A control of ISO/IEC 42001:2023"}},
		{"exclusion without justification", edit(t, good, func(b *exchange.Bundle) {
			b.Certifications[0].Exclusions = []certification.Exclusion{{Control: "A.7.4", Justification: " "}}
		}), []string{"certifications[0] (id 1): exclusions[0].justification: excluding A.7.4 needs a justification"}},
		{"exclusion not written as the catalogue writes it", edit(t, good, func(b *exchange.Bundle) {
			b.Certifications[0].Exclusions = []certification.Exclusion{{Control: "a.7.4", Justification: "j"}}
		}), []string{"certifications[0] (id 1): exclusions[0].control: write \"a.7.4\" as \"A.7.4\""}},
		{"grant with an unverified major", edit(t, good, func(b *exchange.Bundle) { b.Findings[0].Verification = nil }),
			[]string{"decisions[0] (id 1): kind: grant of 2025-03-05 refused by rule no-decision-with-unverified-major"}},
		{"grant before the stage 2 report", edit(t, good, func(b *exchange.Bundle) {
			b.Audits[1].ReportDate = certification.NewDate(2025, 3, 10)
		}), []string{"decisions[0] (id 1): kind: grant of 2025-03-05 refused by rule "}},
		{"stage 2 before stage 1", edit(t, good, func(b *exchange.Bundle) {
			b.Audits[0].Stage1Outcome = certification.Stage1NotReady
		}), []string{"audits[1] (id 2): kind: stage2 audit starting 2025-02-10 refused by rule stage2-needs-ready-stage1"}},
		{"a started audit whose team lacks the client's sector", edit(t, good, func(b *exchange.Bundle) {
			b.People[0].Competence.Sectors = []int{19}
		}), []string{"audits[0] (id 1): team: stage1 audit starting 2025-01-13 refused by rule team-gap", "IAF sector 33"}},
		{"a started audit below its audit time, no justification", edit(t, good, func(b *exchange.Bundle) {
			b.Audits[1].PlannedDays, b.Audits[1].ActualDays, b.Audits[1].TimeJustification = 0.5, 0.5, ""
		}), []string{"audits[1] (id 2): planned_days: stage2 audit starting 2025-02-10 refused by rule audit-time-minimum", "the plan has 0.5"}},
		{"several problems", edit(t, good, func(b *exchange.Bundle) {
			b.Findings[0].AuditID = 99
			b.Clients[0].LegalName = ""
			b.People[0].Roles = nil
		}), []string{"3 problems", "findings[0] (id 1): audit_id", "clients[0] (id 1): legal_name", "people[0] (id 1): roles"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := refused(t, tc.doc)
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

func TestManyProblemsAreCapped(t *testing.T) {
	b := &exchange.Bundle{}
	for i := 0; i < 50; i++ {
		b.People = append(b.People, certification.Person{ID: certification.ID(i + 1)})
	}
	doc, err := exchange.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	_, err = exchange.Import(ctx, memory(t), bytes.NewReader(doc), actor)
	var xe *exchange.Error
	if !errors.As(err, &xe) || len(xe.Problems) != exchange.MaxProblems || !xe.More {
		t.Fatalf("err = %v", err)
	}
}

// failing fails the nth Update (counting from 1) after the first ok ones.
type failing struct {
	certification.Store
	n, calls int
}

func (f *failing) Update(ctx context.Context, e certification.JournalEntry, fn func(certification.Tx) error) error {
	f.calls++
	if f.calls == f.n {
		return errors.New("disk full")
	}
	return f.Store.Update(ctx, e, fn)
}

func TestImportRollsBack(t *testing.T) {
	src := memory(t)
	if _, err := demo.Generate(ctx, src, demo.Options{Clients: 40, Seed: 5, AsOf: certification.NewDate(2026, 1, 10)}); err != nil {
		t.Fatal(err)
	}
	doc := export(t, src)
	full, err := exchange.Import(ctx, memory(t), bytes.NewReader(doc), actor)
	if err != nil {
		t.Fatal(err)
	}
	db := memory(t)
	// Fail in the middle, then in the last chunk (obligations).
	for _, n := range []int{3, full.Chunks} {
		st := &failing{Store: db, n: n}
		_, err := exchange.Import(ctx, st, bytes.NewReader(doc), actor)
		if err == nil || !strings.Contains(err.Error(), "disk full") || !strings.Contains(err.Error(), "removed again") {
			t.Fatalf("failing chunk %d: err = %v", n, err)
		}
		empty(t, db)
	}
	// A second attempt on the same store works, and ids still match.
	if _, err := exchange.Import(ctx, db, bytes.NewReader(doc), actor); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(doc, export(t, db)) {
		t.Error("import after a rolled-back attempt differs")
	}
	svc := certification.NewService(db, certification.FixedClock(time.Now()))
	b, _ := exchange.Decode(doc)
	id, err := svc.AddPerson(ctx, certification.Person{Name: "X", Roles: []certification.Role{certification.RoleAuditor}})
	if err != nil {
		t.Fatal(err)
	}
	if id <= certification.ID(len(b.People)) {
		t.Errorf("new person got id %d, an imported one", id)
	}
}

// An older file whose started audit is below its audit time imports once
// the body writes the justification into it (docs/format.md).
func TestImportTakesAJustifiedShortAudit(t *testing.T) {
	doc := edit(t, walkthrough(t, memory(t)), func(b *exchange.Bundle) {
		b.Audits[1].PlannedDays, b.Audits[1].ActualDays = 0.5, 0.5
		b.Audits[1].TimeJustification = "Planned under the body's earlier procedure; the contract recorded half a day for this pilot."
	})
	if _, err := exchange.Import(ctx, memory(t), bytes.NewReader(doc), actor); err != nil {
		t.Fatalf("a justified short audit was refused: %v", err)
	}
}
