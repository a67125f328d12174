package pdf

import (
	"bytes"
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
)

// An audit's activities print in its plan and its report: each with its
// mode and ICT, the remote share, the body's limit with the warning
// when above it, and the risk assessment; a plan without activities
// prints no such part.
func TestActivitiesPrintInPlanAndReport(t *testing.T) {
	need(t, "pdftotext", "pdfinfo")
	ctx := context.Background()
	fx := reportFixture(t)
	day := auditfixture.D("2025-04-22")
	plan := certification.ActivityPlan{Activities: []certification.AuditActivity{
		{Name: "Competence records at HR", Site: "HH", Date: day, Hours: 1},
		{Name: "Training records", Date: day, Hours: 2, Remote: true, ICT: "Video call"},
	}, RemoteAssessment: "Video link tested with the client on 15 April; records shown on screen, none copied."}

	before, err := document.NewPlanDoc(ctx, fx.Svc, fx.FollowUp)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := (Writer{}).WritePlan(&b, before); err != nil {
		t.Fatal(err)
	}
	if text, _, _ := pdfText(t, b.Bytes()); bytes.Contains([]byte(text), []byte("Audit activities")) {
		t.Error("a plan without activities prints an activities part")
	}

	if err := fx.Svc.SetAuditActivities(ctx, fx.FollowUp, plan); err != nil {
		t.Fatal(err)
	}
	want := []string{"Audit activities", "Competence records at HR", "on site", "Training records", "remote",
		"Video call", "Remote share: 2 of 3 hours (66.7 %).", "The body's limit for this audit is 50 %.",
		"The remote share is above the body's limit.", "Risk assessment for remote", plan.RemoteAssessment} // a table cell or label may wrap: short texts
	p, err := document.NewPlanDoc(ctx, fx.Svc, fx.FollowUp)
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	if err := (Writer{}).WritePlan(&b, p); err != nil {
		t.Fatal(err)
	}
	text, _, _ := pdfText(t, b.Bytes())
	wantText(t, text, want)

	r, err := document.NewReportDoc(ctx, fx.Svc, fx.FollowUp)
	if err != nil {
		t.Fatal(err)
	}
	r.Draft = true // the follow-up is not carried out yet
	b.Reset()
	if err := (Writer{}).WriteReport(&b, r); err != nil {
		t.Fatal(err)
	}
	text, _, _ = pdfText(t, b.Bytes())
	wantText(t, text, want)
}
