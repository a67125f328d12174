package certification_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/memstore"
)

func reportFixture(t *testing.T) *auditfixture.Fixture {
	t.Helper()
	fx, err := auditfixture.Build(context.Background(), memstore.New())
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func text(s string) *string { return &s }

var completeDetails = ReportDetailsChange{Representative: text("Maria Müller, Head of AI governance"),
	Conclusion: text("Conforms except for the findings raised; effective in the areas sampled.")}

// ReportGaps at its boundaries: each missing 9.4.8 item is named, and
// nothing else; a deviation from the plan needs a written reason.
func TestReportGaps(t *testing.T) {
	ctx := context.Background()
	fx := reportFixture(t)
	if err := fx.Svc.SetReportDetails(ctx, fx.Stage2, completeDetails); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		audit  func(*Fixture) ID
		change func(f *File, a *Audit)
		want   []string // one gap containing each; none when empty
	}{
		{"complete", stage2, func(*File, *Audit) {}, nil},
		{"no representative", stage2, func(_ *File, a *Audit) { a.Report.Representative = " " }, []string{"client's representative"}},
		{"no conclusion", stage2, func(_ *File, a *Audit) { a.Report.Conclusion = "" }, []string{"team's conclusion"}},
		{"no recommendation", stage2, func(_ *File, a *Audit) { a.Recommendation = "" }, []string{"team's recommendation"}},
		{"stage 1 without its outcome", stage1, func(_ *File, a *Audit) {
			a.Stage1Outcome = ""
			a.Report = ReportDetails{Representative: "x", Conclusion: "y"}
		},
			[]string{"stage 1 outcome"}},
		{"not carried out", stage2, func(_ *File, a *Audit) { a.ActualEnd = 0 }, []string{"actual first and last days"}},
		{"cancelled", stage2, func(_ *File, a *Audit) { a.Status = AuditCancelled }, []string{"cancelled"}},
		{"other dates, no reason", stage2, func(_ *File, a *Audit) { a.ActualEnd = a.ActualEnd.AddDays(1) }, []string{"deviation from the audit plan (dates"}},
		{"other dates, a reason", stage2, func(_ *File, a *Audit) {
			a.ActualEnd = a.ActualEnd.AddDays(1)
			a.Report.Deviations = "A fourth day for the Leipzig site after a strike."
		}, nil},
		{"fewer days, the shortfall reason", stage2, func(_ *File, a *Audit) { a.ActualDays, a.ShortfallReason = 6, "Leipzig closed on day 2." }, nil},
		{"fewer days, no reason", stage2, func(_ *File, a *Audit) { a.ActualDays = 6 }, []string{"auditor-days: planned 7.5, carried out 6"}},
		{"more days, no reason", stage2, func(_ *File, a *Audit) { a.ActualDays = 9 }, []string{"auditor-days: planned 7.5, carried out 9"}},
		{"an item unanswered", stage2, func(_ *File, a *Audit) {
			a.Checklist = a.Checklist[1:]
		}, []string{"checklist item(s) the audit must cover"}},
		{"a finding without evidence", stage2, func(f *File, a *Audit) { findingOf(f, a, 2).Evidence = "" }, []string{"finding #2: its statement"}},
		{"a finding without a clause", stage2, func(f *File, a *Audit) { findingOf(f, a, 1).Reference = "" }, []string{"finding #1: the clause"}},
		{"an ungraded finding", stage2, func(f *File, a *Audit) { findingOf(f, a, 3).Grade = "" }, []string{"finding #3: a grade"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			f, err := fx.Svc.File(ctx, fx.Cert)
			if err != nil {
				t.Fatal(err)
			}
			a, ok := f.Audit(c.audit(fx))
			if !ok {
				t.Fatal("no audit")
			}
			c.change(f, a)
			gaps, err := ReportGaps(f, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(gaps) != len(c.want) {
				t.Fatalf("gaps %q, want %d naming %q", gaps, len(c.want), c.want)
			}
			for i, w := range c.want {
				if !strings.Contains(gaps[i], w) {
					t.Errorf("gap %q does not name %q", gaps[i], w)
				}
			}
		})
	}
}

type Fixture = auditfixture.Fixture

func stage1(fx *Fixture) ID { return fx.Stage1 }
func stage2(fx *Fixture) ID { return fx.Stage2 }

// Issuing a report is refused while its audit's file is incomplete, with
// what is missing; once issued, the report details no longer change. A
// plan and a report name their audit, not a certificate.
func TestIssueReportDocument(t *testing.T) {
	ctx := context.Background()
	fx := reportFixture(t)
	svc := fx.Svc
	doc := IssuedDocument{Kind: DocReport, AuditID: fx.Stage2, ContentSHA256: hexSum("report"), SHA256: hexSum("report file"), Size: 10}
	var re *RuleError
	_, err := svc.IssueDocument(ctx, doc)
	if !errors.As(err, &re) || re.Rule != RuleReportIncomplete || !strings.Contains(err.Error(), "client's representative") || !strings.Contains(err.Error(), "conclusion") {
		t.Fatalf("an incomplete report: %v", err)
	}
	if err := svc.SetReportDetails(ctx, fx.Stage2, ReportDetailsChange{Representative: completeDetails.Representative}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.IssueDocument(ctx, doc); !errors.As(err, &re) || re.Rule != RuleReportIncomplete || strings.Contains(err.Error(), "representative") {
		t.Fatalf("with the representative, only the conclusion is missing: %v", err)
	}
	if err := svc.SetReportDetails(ctx, fx.Stage2, completeDetails); err != nil {
		t.Fatal(err)
	}
	id, err := svc.IssueDocument(ctx, doc)
	if err != nil || id == 0 {
		t.Fatalf("a complete report: %v", err)
	}
	if err := svc.SetReportDetails(ctx, fx.Stage2, ReportDetailsChange{Conclusion: text("rewritten")}); !errors.As(err, &re) || re.Rule != RuleReportIssued {
		t.Errorf("details changed after the report was issued: %v", err)
	}
	var docs []IssuedDocument
	if err := svc.View(ctx, func(tx Tx) (err error) { docs, err = DocumentsOfAudit(tx, fx.Stage2); return err }); err != nil || len(docs) != 1 || docs[0].ID != id {
		t.Errorf("documents of the audit: %+v, %v", docs, err)
	}

	plan := IssuedDocument{Kind: DocPlan, AuditID: fx.FollowUp, ContentSHA256: hexSum("plan"), SHA256: hexSum("plan file"), Size: 10}
	if _, err := svc.IssueDocument(ctx, plan); err != nil {
		t.Errorf("the plan of a confirmed audit: %v", err)
	}
	for what, change := range map[string]func(*IssuedDocument){
		"a report of no audit":     func(d *IssuedDocument) { d.AuditID = 0 },
		"a report with a revision": func(d *IssuedDocument) { d.CertificateID, d.Number, d.Revision = 1, "X", 1 },
		"a certificate of audit":   func(d *IssuedDocument) { d.Kind = DocCertificate; d.CertificateID = 1 },
		"an unknown kind":          func(d *IssuedDocument) { d.Kind = "letter" },
		"an audit that is not":     func(d *IssuedDocument) { d.AuditID = 99999 },
	} {
		x := doc
		x.SHA256 = hexSum(what)
		change(&x)
		if _, err := svc.IssueDocument(ctx, x); err == nil {
			t.Errorf("%s: accepted", what)
		}
	}
}

// Report details are checked like the audit's other text, and a
// cancelled audit has none.
func TestSetReportDetails(t *testing.T) {
	ctx := context.Background()
	fx := reportFixture(t)
	long := strings.Repeat("x", 501)
	if err := fx.Svc.SetReportDetails(ctx, fx.Stage2, ReportDetailsChange{Representative: &long}); err == nil {
		t.Error("a representative of 501 characters accepted")
	}
	if err := fx.Svc.SetReportDetails(ctx, fx.Stage2, ReportDetailsChange{Objectives: text("  Confirm the Łódź lab  ")}); err != nil {
		t.Fatal(err)
	}
	f, _ := fx.Svc.File(ctx, fx.Cert)
	if a, _ := f.Audit(fx.Stage2); a.Report.Objectives != "Confirm the Łódź lab" || a.Report.Representative != "" {
		t.Errorf("details read back %+v", a.Report)
	}
	if err := fx.Svc.ChangeAudit(ctx, fx.FollowUp, AuditChange{Status: ptrTo(AuditCancelled)}); err != nil {
		t.Fatal(err)
	}
	var re *RuleError
	if err := fx.Svc.SetReportDetails(ctx, fx.FollowUp, completeDetails); !errors.As(err, &re) || re.Rule != RuleAuditNotOpen {
		t.Errorf("details of a cancelled audit: %v", err)
	}
}

func ptrTo[T any](v T) *T { return &v }

// findingOf is finding number n of audit a in f.
func findingOf(f *File, a *Audit, n int) *Finding {
	for i := range f.Findings {
		if f.Findings[i].AuditID == a.ID && f.Findings[i].Number == n {
			return &f.Findings[i]
		}
	}
	panic("no such finding")
}
