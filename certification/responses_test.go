package certification_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage"
)

// respWorld is a client with a closed stage 1 (one minor) and a stage 2
// whose report is drafted (a major, a minor and an OFI), on 2025-02-20.
type respWorld struct {
	*world
	st1, st2                    ID
	st1Minor, major, minor, ofi ID
}

func newRespWorld(t *testing.T) *respWorld {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	w := &respWorld{world: newWorld(t, db)}
	w.st1 = w.runAudit(Stage1, "2025-01-13", "2025-01-14", Stage1Ready, "",
		Finding{Grade: Minor, Reference: "7.5", Requirement: "Documented information is controlled", Evidence: "Two versions of the AI policy in use"})
	w.st2 = w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-02-10"), PlannedEnd: day("2025-02-12"), PlannedDays: 5,
		Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}}))
	w.must(w.svc.ChangeAudit(w.ctx, w.st2, AuditChange{Status: ptr(AuditConfirmed)}))
	w.clk.set("2025-02-12")
	w.must(w.svc.ChangeAudit(w.ctx, w.st2, AuditChange{ActualStart: ptr(day("2025-02-10")), Status: ptr(AuditInProgress)}))
	add := func(g Grade, ref, req, ev string) ID {
		return w.must1(w.svc.RecordFinding(w.ctx, Finding{AuditID: w.st2, Grade: g, Reference: ref, Requirement: req, Evidence: ev, RaisedBy: w.lead, Raised: day("2025-02-11")}))
	}
	w.major = add(Major, "8.2", "AI risk assessment at planned intervals", "No assessment since the model change in 2024.\nThe risk register is dated 2023.")
	w.minor = add(Minor, "9.2", "Internal audit programme", "The 2024 internal audit did not cover clause 8")
	w.ofi = add(OFI, "4.1", "", "Context review could use the AI impact assessment")
	w.fill(w.st2)
	w.must(w.svc.ChangeAudit(w.ctx, w.st2, AuditChange{ActualEnd: ptr(day("2025-02-12")), ActualDays: ptr(5.0), Recommendation: ptr(RecommendGrant), Status: ptr(AuditReportDrafted)}))
	w.st1Minor = 1 // the first finding recorded
	w.clk.set("2025-02-20")
	return w
}

// fill answers a row as a client would.
func fill(r *document.ResponseRow, who string) {
	r.RootCause = "No trigger for reassessment after a model change " + who
	r.Correction = "Risk assessment redone"
	r.CorrectionDate = day("2025-02-18")
	r.CorrectiveAction = "Model changes now trigger a reassessment"
	r.ActionDate = day("2025-04-30")
	r.RespondedBy = who
	r.Received = day("2025-02-19")
}

// findingsJSON is every finding and the journal's length: what a refused
// import must leave as it was.
func findingsJSON(t *testing.T, svc *Service) string {
	t.Helper()
	var b strings.Builder
	err := svc.View(context.Background(), func(tx Tx) error {
		return tx.Each(KindFinding, func(id ID, decode func(Record) error) error {
			var x Finding
			if err := decode(&x); err != nil {
				return err
			}
			j, _ := json.Marshal(x)
			b.Write(j)
			b.WriteByte('\n')
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := svc.Journal(context.Background(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	return b.String() + strings.Repeat("#", len(entries))
}

func (w *respWorld) finding(id ID) Finding {
	w.t.Helper()
	var x Finding
	w.must(w.svc.View(w.ctx, func(tx Tx) error { return tx.Get(id, &x) }))
	return x
}

func TestResponseFormQuery(t *testing.T) {
	w := newRespWorld(t)
	all, err := document.NewResponseForm(w.ctx, w.svc, w.client, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if all.AsOf != day("2025-02-20") || all.Body != DefaultPolicy().BodyName || all.ClientName != "Acme Analytics GmbH" || all.Version != document.ResponseFormVersion {
		t.Errorf("identity %+v", all)
	}
	// Nonconformities only, stage 1 first; the OFI is left out.
	var ids []ID
	for _, r := range all.Rows {
		ids = append(ids, r.FindingID)
	}
	if len(ids) != 3 || ids[0] != w.st1Minor || ids[1] != w.major || ids[2] != w.minor {
		t.Fatalf("rows %v, want [%d %d %d]", ids, w.st1Minor, w.major, w.minor)
	}
	if len(all.Audits) != 2 || all.Audits[0].ID != w.st1 || all.Audits[1].ID != w.st2 || all.Audits[1].Kind != Stage2 {
		t.Errorf("audits %+v", all.Audits)
	}
	r := all.Rows[1]
	if r.Grade != Major || r.Reference != "8.2" || r.ResponseDue != day("2025-03-14") || r.Raised != day("2025-02-11") || r.Status != FindingAwaitingResponse || r.Answered() {
		t.Errorf("major row %+v", r)
	}
	if all.Fingerprint == "" || all.Fingerprint != all.ComputeFingerprint() {
		t.Error("fingerprint not set")
	}
	// The stage 1 minor was due 30 days after 2025-01-14: overdue on 2025-02-20.
	if !all.Rows[0].Overdue || all.Rows[1].Overdue || !all.Rows[1].DueSoon {
		t.Errorf("overdue/due soon: %v %v %v", all.Rows[0].Overdue, all.Rows[1].Overdue, all.Rows[1].DueSoon)
	}

	one, err := document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, day("2025-02-20"))
	if err != nil || len(one.Rows) != 2 || one.AuditID != w.st2 || len(one.Audits) != 1 {
		t.Fatalf("audit form: %+v %v", one, err)
	}
	if one.Fingerprint == all.Fingerprint {
		t.Error("two different forms share a fingerprint")
	}
	// Refusals.
	other := w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Other Ltd", RegisteredAddress: "1 Road", EffectivePersonnel: 5}))
	for _, c := range []struct {
		client, audit ID
		want          string
	}{
		{999, 0, "there is no client 999"},
		{w.client, 999, "there is no audit 999"},
		{other, w.st2, "not an audit of client"},
		{other, 0, "has no nonconformity awaiting a response"},
	} {
		if _, err := document.NewResponseForm(w.ctx, w.svc, c.client, c.audit, 0); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("document.ResponseForm(%d, %d) = %v, want %q", c.client, c.audit, err, c.want)
		}
	}
	// Once answered and accepted, a minor leaves the form.
	w.must(w.svc.RecordResponse(w.ctx, w.minor, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a"}))
	w.must(w.svc.ReviewResponse(w.ctx, w.minor, Review{Accepted: true}))
	one, err = document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
	if err != nil || len(one.Rows) != 1 || one.Rows[0].FindingID != w.major {
		t.Fatalf("after acceptance: %+v %v", one, err)
	}
}

func TestResponsesRoundTrip(t *testing.T) {
	w := newRespWorld(t)
	// The major was answered and rejected: the form prefills the rejected
	// response with the body's comment and no date.
	w.must(w.svc.RecordResponse(w.ctx, w.major, Response{RootCause: "Oversight", Correction: "Assessed", CorrectiveAction: "Be careful", Received: day("2025-02-14")}))
	w.must(w.svc.ReviewResponse(w.ctx, w.major, Review{On: day("2025-02-15"), Comment: "The root cause is not analysed"}))
	form, err := document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
	if err != nil {
		t.Fatal(err)
	}
	maj, min := &form.Rows[0], &form.Rows[1]
	if maj.Status != FindingPlanRejected || maj.RootCause != "Oversight" || maj.Received != 0 || maj.BodyComment != "The root cause is not analysed" ||
		!strings.Contains(maj.StatusText(), "not analysed") {
		t.Fatalf("rejected row %+v", maj)
	}

	// Unchanged: the rejected response sent back as it was, the minor blank.
	pv, err := document.PreviewResponses(w.ctx, w.svc, form)
	if err != nil || !pv.OK() || pv.Pending() != 0 || len(pv.Changes) != 2 || pv.Changes[0].Kind != document.ResponseUnchanged || pv.Changes[1].Note != "no response written" {
		t.Fatalf("unchanged preview %+v %v", pv, err)
	}
	before := findingsJSON(t, w.svc)
	w.must(document.ApplyResponses(w.ctx, w.svc, pv))
	if findingsJSON(t, w.svc) != before {
		t.Error("applying nothing wrote something")
	}

	fill(maj, "Jane Roe (QM)")
	maj.Received = 0 // today
	fill(min, "Jane Roe (QM)")
	pv, err = document.PreviewResponses(w.ctx, w.svc, form)
	if err != nil || !pv.OK() {
		t.Fatalf("preview: %v %v", err, pv.Problems)
	}
	if pv.Pending() != 2 || pv.Changes[0].Kind != document.ResponseNew || !strings.Contains(pv.Changes[0].Note, "did not accept on 2025-02-15") ||
		pv.Changes[1].Kind != document.ResponseNew || pv.Changes[1].Note != "first response" || pv.Changes[0].Before == nil || len(pv.Changes[0].Fields) == 0 {
		t.Fatalf("changes %+v", pv.Changes)
	}
	if findingsJSON(t, w.svc) != before {
		t.Fatal("the preview wrote")
	}
	w.must(document.ApplyResponses(w.ctx, w.svc, pv))
	x := w.finding(w.major)
	want := Response{RootCause: maj.RootCause, Correction: "Risk assessment redone", CorrectiveAction: "Model changes now trigger a reassessment",
		CorrectionDate: day("2025-02-18"), ActionDate: day("2025-04-30"), Received: day("2025-02-20")}
	if x.Response == nil || *x.Response != want || x.Status() != FindingResponded || len(x.Rejected) != 1 {
		t.Errorf("major after import: %+v %+v", x.Response, x)
	}
	y := w.finding(w.minor)
	if y.Response == nil || y.Response.Received != day("2025-02-19") || y.Response.RootCause != min.RootCause {
		t.Errorf("minor after import: %+v", y.Response)
	}
	// One journal entry for both, naming who answered.
	entries, err := w.svc.Journal(w.ctx, 1, 0)
	if err != nil || len(entries) == 0 {
		t.Fatalf("journal: %v, %d entries", err, len(entries))
	}
	last := entries[len(entries)-1]
	if last.Command != "import-responses" || !strings.Contains(last.Summary, "Jane Roe (QM)") || len(last.Changes) < 2 {
		t.Errorf("journal %+v", last)
	}

	// A second form prefills the responses under review; a change replaces one.
	form2, err := document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if form2.Rows[1].Received != day("2025-02-19") || form2.Rows[1].Status != FindingResponded {
		t.Fatalf("under review row %+v", form2.Rows[1])
	}
	form2.Rows[1].CorrectiveAction = "Audit programme covers every clause each year"
	pv, err = document.PreviewResponses(w.ctx, w.svc, form2)
	if err != nil || !pv.OK() || pv.Pending() != 1 || pv.Changes[1].Kind != document.ResponseChanged || len(pv.Changes[1].Fields) != 1 || pv.Changes[1].Fields[0] != document.FieldCorrectiveAction ||
		pv.Changes[0].Kind != document.ResponseUnchanged {
		t.Fatalf("changed preview %+v %v", pv, err)
	}
	w.must(document.ApplyResponses(w.ctx, w.svc, pv))
	if y := w.finding(w.minor); y.Response.CorrectiveAction != "Audit programme covers every clause each year" {
		t.Errorf("changed response not recorded: %+v", y.Response)
	}
}

func TestResponsePreviewRefusals(t *testing.T) {
	long := strings.Repeat("x", document.MaxResponseText+1)
	for _, c := range []struct {
		name  string
		setup func(w *respWorld) // changes the store after the form was written
		edit  func(w *respWorld, f *document.ResponseForm)
		row   int // -1: the form
		field document.ResponseField
		want  string
	}{
		{"another body", nil, func(w *respWorld, f *document.ResponseForm) { f.Body = "Other Certification Ltd" }, -1, document.FieldBody, "not by"},
		{"another version", nil, func(w *respWorld, f *document.ResponseForm) { f.Version = 2 }, -1, document.FieldForm, "layout version 2"},
		{"unknown client", nil, func(w *respWorld, f *document.ResponseForm) { f.ClientID = 999 }, -1, document.FieldClient, "there is no client 999"},
		{"unknown audit", nil, func(w *respWorld, f *document.ResponseForm) { f.Audits[0].ID = 999 }, -1, document.FieldAudit, "there is no audit 999"},
		{"another client's audit", func(w *respWorld) {
			w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Other Ltd", RegisteredAddress: "1 Road", EffectivePersonnel: 5}))
		}, func(w *respWorld, f *document.ResponseForm) { f.ClientID = 2 }, -1, document.FieldAudit, "is not an audit of Other Ltd"},
		{"unknown finding", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].FindingID = 999 }, 0, document.FieldFindingID, "there is no finding 999"},
		{"finding of another audit", nil, func(w *respWorld, f *document.ResponseForm) {
			f.Rows[0].FindingID = w.st1Minor
		}, 0, document.FieldFindingID, "belongs to audit 1, which this form is not for"},
		{"same finding twice", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[1] = f.Rows[0] }, 1, document.FieldFindingID, "already on row"},
		{"row without a finding", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[1].FindingID = 0 }, 1, document.FieldFindingID, "names no finding"},
		{"locked column changed in the workbook", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].Evidence = "Nothing was wrong" }, 0, document.FieldEvidence,
			"locked column was changed in the workbook"},
		{"grade changed in the workbook", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].Grade = document.GradeOf("Minor NC") }, 0, document.FieldGrade, `"Major NC"`},
		{"deadline changed in the workbook", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[1].ResponseDue = day("2025-12-31") }, 1, document.FieldResponseDue, "2025-03-14"},
		{"record changed at the body since", func(w *respWorld) {
			w.must(w.svc.ChangeAudit(w.ctx, w.st2, AuditChange{ActualEnd: ptr(day("2025-02-13"))}))
		}, nil, 0, document.FieldResponseDue, "changed after the form was written on 2025-02-20"},
		{"a row removed", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows = f.Rows[:1] }, -1, document.FieldForm, "changed outside its white columns"},
		{"root cause missing", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].RootCause = "  " }, 0, document.FieldRootCause, "write the root cause"},
		{"corrective action missing", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[1].CorrectiveAction = "" }, 1, document.FieldCorrectiveAction, "write the corrective action"},
		{"text too long", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].Correction = long }, 0, document.FieldCorrection, "at most 10000 fit"},
		{"name too long", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].RespondedBy = long }, 0, document.FieldRespondedBy, "at most 200"},
		{"correction date missing", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].CorrectionDate = 0 }, 0, document.FieldCorrectionDate, "write the correction date"},
		{"correction before the finding", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].CorrectionDate = day("2025-02-01") }, 0, document.FieldCorrectionDate,
			"before the finding was raised (2025-02-11)"},
		{"plan too far out", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[1].ActionDate = day("2028-01-01") }, 1, document.FieldActionDate, "more than 24 months"},
		{"response dated in the future", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].Received = day("2025-03-01") }, 0, document.FieldReceived, "after today"},
		{"response before the finding", nil, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].Received = day("2025-02-10") }, 0, document.FieldReceived, "before the finding"},
		{"response before the rejection", func(w *respWorld) {
			w.must(w.svc.RecordResponse(w.ctx, w.major, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: day("2025-02-14")}))
			w.must(w.svc.ReviewResponse(w.ctx, w.major, Review{On: day("2025-02-18"), Comment: "analyse the cause"}))
		}, func(w *respWorld, f *document.ResponseForm) { f.Rows[0].Received = day("2025-02-17") }, 0, document.FieldReceived, "before the body asked for a better response (2025-02-18)"},
		{"plan already accepted", func(w *respWorld) {
			w.must(w.svc.RecordResponse(w.ctx, w.minor, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: day("2025-02-14")}))
			w.must(w.svc.ReviewResponse(w.ctx, w.minor, Review{On: day("2025-02-18"), Accepted: true}))
		}, nil, 1, document.FieldRootCause, "accepted the plan for finding 3 on 2025-02-18"},
		{"a cell the reader refused", nil, func(w *respWorld, f *document.ResponseForm) {
			f.Problems = append(f.Problems, document.ResponseProblem{Row: 0, Field: document.FieldActionDate, Cell: "Findings!N5", Msg: `"31/02/2027" is not a date`})
			f.Rows[0].ActionDate = 0
		}, 0, document.FieldActionDate, "31/02/2027"},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newRespWorld(t)
			// The form is written first, then the store may change.
			var form *document.ResponseForm
			var err error
			if c.name == "plan already accepted" || c.name == "record changed at the body since" {
				form, err = document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
				if err == nil {
					fill(&form.Rows[0], "Jane")
					fill(&form.Rows[1], "Jane")
				}
				c.setup(w)
			} else {
				if c.setup != nil {
					c.setup(w)
				}
				form, err = document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
				if err == nil {
					fill(&form.Rows[0], "Jane")
					fill(&form.Rows[1], "Jane")
				}
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.edit != nil {
				c.edit(w, form)
			}
			before := findingsJSON(t, w.svc)
			pv, err := document.PreviewResponses(w.ctx, w.svc, form)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, p := range pv.Problems {
				if p.Row == c.row && p.Field == c.field && strings.Contains(p.Msg, c.want) {
					found = true
				}
			}
			if !found {
				t.Fatalf("problems %v, want row %d %s: %q", pv.Problems, c.row, c.field, c.want)
			}
			// A form built by the query has no layout: the problem still
			// says where, in words.
			if p := pv.Problems[len(pv.Problems)-1]; p.Cell == "" {
				t.Errorf("problem without a place: %+v", p)
			}
			w.refused(document.ApplyResponses(w.ctx, w.svc, pv), RuleResponseForm)
			if findingsJSON(t, w.svc) != before {
				t.Error("a refused form changed the store")
			}
		})
	}
}

func TestApplyRefusesAStalePreview(t *testing.T) {
	w := newRespWorld(t)
	form, err := document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
	if err != nil {
		t.Fatal(err)
	}
	fill(&form.Rows[0], "Jane")
	fill(&form.Rows[1], "Jane")
	pv, err := document.PreviewResponses(w.ctx, w.svc, form)
	if err != nil || !pv.OK() {
		t.Fatal(err, pv.Problems)
	}
	// Someone records the minor's response by hand meanwhile: the whole
	// import is refused, the major included.
	w.must(w.svc.RecordResponse(w.ctx, w.minor, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a"}))
	before := findingsJSON(t, w.svc)
	err = document.ApplyResponses(w.ctx, w.svc, pv)
	w.refused(err, RuleResponseForm)
	if !strings.Contains(err.Error(), "changed since the preview") {
		t.Error(err)
	}
	if findingsJSON(t, w.svc) != before || w.finding(w.major).Response != nil {
		t.Error("a stale preview wrote")
	}
}

func TestResponseFormScopeAndCells(t *testing.T) {
	w := newRespWorld(t)
	form, err := document.NewResponseForm(w.ctx, w.svc, w.client, w.st2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if err := form.CheckScope(w.client, w.st2); err != nil {
		t.Error(err)
	}
	if err := form.CheckScope(w.client, 0); err != nil {
		t.Error(err)
	}
	form.Layout = &document.FormLayout{Sheet: "Findings", Columns: map[document.ResponseField]string{document.FieldFindingID: "A", document.FieldRootCause: "J"},
		Identity: map[document.ResponseField]string{document.FieldClient: "Instructions!B5", document.FieldAudit: "Instructions!B6"}}
	form.Rows[1].Line = 7
	w.refused(form.CheckScope(w.client, w.st1), RuleResponseForm)
	if err := form.CheckScope(w.client, w.st1); !strings.Contains(err.Error(), "Instructions!B6: this workbook is the response form for audit 2, not for audit 1") {
		t.Error(err)
	}
	if err := form.CheckScope(99, 0); err == nil || !strings.Contains(err.Error(), "Instructions!B5") {
		t.Error(err)
	}
	if got := form.Cell(1, document.FieldRootCause); got != "Findings!J7" {
		t.Errorf("cell %q", got)
	}
	if got := form.Cell(1, document.FieldEvidence); got != "Findings!A7" { // unmapped: the row's first cell
		t.Errorf("cell %q", got)
	}
	if got := form.Cell(0, document.FieldRootCause); !strings.Contains(got, "row 1") {
		t.Errorf("cell of an unread row %q", got)
	}
	if document.CleanText(" a\r\nb\x00 ") != "a\nb" || document.GradeOf("major nc") != Major || document.GradeOf("x") != Grade("x") {
		t.Error("document.CleanText/document.GradeOf")
	}
}
