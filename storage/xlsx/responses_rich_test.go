package xlsx

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/storage"
)

// movingClock is a test clock set day by day.
type movingClock struct{ t time.Time }

func (c *movingClock) Now() time.Time           { return c.t }
func (c *movingClock) set(d certification.Date) { c.t = d.Time().Add(9 * time.Hour) }

// richForm is a client with every kind of row: an overdue minor from
// stage 1, and on stage 2 a major whose response was rejected, a minor
// under review and a minor awaiting its response; on 2025-02-20.
func richForm(t *testing.T) (*certification.Service, *document.ResponseForm) {
	t.Helper()
	ctx := context.Background()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clk := &movingClock{}
	clk.set(certification.NewDate(2025, 1, 6))
	svc := certification.NewService(db, clk).As(certification.Actor{Name: "Sam Scheme"})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	id := func(id certification.ID, err error) certification.ID {
		t.Helper()
		must(err)
		return id
	}
	d := func(s string) certification.Date { v, _ := certification.ParseDate(s); return v }
	p := func(v certification.Date) *certification.Date { return &v }
	lead := id(svc.AddPerson(ctx, certification.Person{Name: "Lena Lead", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor},
		Competence: &certification.PersonCompetence{Standards: []certification.Standard{certification.ISO42001}, Sectors: []int{33},
			AIAreas: []certification.AIArea{certification.AIRisk, certification.AILifecycle, certification.AIRegulation}}}))
	client := id(svc.AddClient(ctx, certification.Client{LegalName: "Acme Analytics GmbH", RegisteredAddress: "Hauptstr. 1, Berlin",
		EffectivePersonnel: 40, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIProvider}}))
	cert := id(svc.AddCertification(ctx, certification.Certification{ClientID: client, Standard: certification.ISO42001, Scope: "Development of AI credit scoring"}))
	audit := func(kind certification.AuditKind, start, end string, findings []certification.Finding, finish certification.AuditChange) (certification.ID, []certification.ID) {
		a := id(svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: cert, Kind: kind, PlannedStart: d(start), PlannedEnd: d(end), PlannedDays: 2,
			Team: []certification.TeamMember{{PersonID: lead, Role: certification.TeamLead}}}))
		st := certification.AuditConfirmed
		must(svc.ChangeAudit(ctx, a, certification.AuditChange{Status: &st}))
		st2 := certification.AuditInProgress
		clk.set(d(start)) // each event on its day: no-future-dates
		must(svc.ChangeAudit(ctx, a, certification.AuditChange{ActualStart: p(d(start)), Status: &st2}))
		var ids []certification.ID
		for _, x := range findings {
			x.AuditID, x.RaisedBy, x.Raised = a, lead, d(start)
			ids = append(ids, id(svc.RecordFinding(ctx, x)))
		}
		must(svc.FillChecklist(ctx, a, certification.ChecklistEntry{Result: certification.ResultConform}))
		st3 := certification.AuditReportDrafted
		finish.ActualEnd, finish.Status = p(d(end)), &st3
		clk.set(d(end))
		must(svc.ChangeAudit(ctx, a, finish))
		return a, ids
	}
	ready := certification.Stage1Ready
	_, _ = audit(certification.Stage1, "2025-01-13", "2025-01-14", []certification.Finding{{Grade: certification.Minor, Reference: "7.5",
		Requirement: "Documented information required by the AI management system shall be controlled.",
		Evidence:    "Two versions of the AI policy were in use: v1.2 on the intranet and v1.4 in the development wiki."}},
		certification.AuditChange{Stage1Outcome: &ready})
	grant := certification.RecommendGrant
	_, st2 := audit(certification.Stage2, "2025-02-10", "2025-02-12", []certification.Finding{
		{Grade: certification.Major, Reference: "8.2", Requirement: "The organization shall perform AI risk assessments at planned intervals or when significant changes are proposed or occur.",
			Evidence: "The credit scoring model was retrained on a new data supplier in October 2024.\nNo risk assessment followed; the risk register is dated March 2023."},
		{Grade: certification.Minor, Reference: "9.2", Requirement: "The organization shall conduct internal audits at planned intervals.",
			Evidence: "The 2024 internal audit programme did not cover clause 8 (operation)."},
		{Grade: certification.Minor, Reference: "A.6.2.4", Requirement: "The organization shall define and document verification and validation measures for the AI system.",
			Evidence: "Validation results of release 3.2 were not retained."},
	}, certification.AuditChange{Recommendation: &grant})
	clk.set(d("2025-02-14"))
	must(svc.RecordResponse(ctx, st2[0], certification.Response{RootCause: "Oversight.", Correction: "Risk assessment done.", CorrectiveAction: "Be more careful.",
		CorrectionDate: d("2025-02-14"), ActionDate: d("2025-02-28")}))
	clk.set(d("2025-02-15"))
	must(svc.ReviewResponse(ctx, st2[0], certification.Review{On: d("2025-02-15"), By: lead,
		Comment: "The root cause is not analysed: why did the retraining not trigger a reassessment?"}))
	must(svc.RecordResponse(ctx, st2[1], certification.Response{RootCause: "The programme was planned before clause 8 processes existed.",
		Correction: "Clause 8 audit scheduled for March 2025.", CorrectiveAction: "The programme is reviewed each quarter against the process map.",
		CorrectionDate: d("2025-03-20"), ActionDate: d("2025-04-30"), Received: d("2025-02-14")}))
	clk.set(d("2025-02-20"))
	form, err := document.NewResponseForm(ctx, svc, client, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(form.Rows) != 4 {
		t.Fatalf("rich form has %d rows", len(form.Rows))
	}
	return svc, form
}

func TestRichResponseFormRoundTrip(t *testing.T) {
	svc, form := richForm(t)
	data := writeForm(t, form)
	if p := os.Getenv("CERTDESK_KEEP_RICH_XLSX"); p != "" {
		os.WriteFile(p, data, 0o644)
	}
	// The rejected response is prefilled, its comment in the status; the
	// stage 1 deadline is overdue.
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	status, _ := f.GetCellValue("Findings", "I7")
	root, _ := f.GetCellValue("Findings", "J7")
	if !strings.Contains(status, "not analysed") || root != "Oversight." {
		t.Errorf("rejected row: status %q, root cause %q", status, root)
	}
	if rows, _ := f.GetRows("Findings"); len(rows) != formHeaderRow+4 {
		t.Errorf("%d rows", len(rows))
	}
	// The client answers the two waiting findings and improves the rejected one.
	data = fillForm(t, data, func(f *excelize.File, n int) {
		f.SetCellValue("Findings", "J7", "Retraining was treated as routine maintenance, outside change management.")
		f.SetCellValue("Findings", "M7", "Retraining and supplier changes are now changes under 8.2.")
		f.SetCellValue("Findings", "P7", "2025-02-19")
		f.SetCellValue("Findings", "J6", "Policy published in two places.")
		f.SetCellValue("Findings", "K6", "v1.2 withdrawn")
		f.SetCellValue("Findings", "L6", "2025-02-17")
		f.SetCellValue("Findings", "M6", "One controlled location for policies")
		f.SetCellValue("Findings", "N6", time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC))
	})
	back, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
	if err != nil || len(back.Problems) != 0 {
		t.Fatal(err, back.Problems)
	}
	pv, err := document.PreviewResponses(context.Background(), svc, back)
	if err != nil || !pv.OK() {
		t.Fatal(err, pv.Problems)
	}
	kinds := []document.ResponseChangeKind{}
	for _, c := range pv.Changes {
		kinds = append(kinds, c.Kind)
	}
	if len(kinds) != 4 || kinds[0] != document.ResponseNew || kinds[1] != document.ResponseNew || kinds[2] != document.ResponseUnchanged || kinds[3] != document.ResponseUnchanged {
		t.Fatalf("changes %v", kinds)
	}
	if err := document.ApplyResponses(context.Background(), svc, pv); err != nil {
		t.Fatal(err)
	}
	var maj, st1 certification.Finding
	err = svc.View(context.Background(), func(tx certification.Tx) error {
		if err := tx.Get(form.Rows[1].FindingID, &maj); err != nil {
			return err
		}
		return tx.Get(form.Rows[0].FindingID, &st1)
	})
	if err != nil {
		t.Fatal(err)
	}
	if r := maj.Response; r == nil || r.RootCause != "Retraining was treated as routine maintenance, outside change management." || r.Correction != "Risk assessment done." ||
		r.Received != certification.NewDate(2025, 2, 19) || maj.Status() != certification.FindingResponded || len(maj.Rejected) != 1 {
		t.Errorf("major after import %+v", maj.Response)
	}
	if r := st1.Response; r == nil || r.ActionDate != certification.NewDate(2025, 3, 31) || r.CorrectionDate != certification.NewDate(2025, 2, 17) || r.Received != certification.NewDate(2025, 2, 20) {
		t.Errorf("stage 1 minor after import %+v", st1.Response)
	}
}
