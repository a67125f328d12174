package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/storage"
)

// The report lists the files attached to the audit's checklist and its
// findings, read back with excelize.
func TestAuditReportListsEvidence(t *testing.T) {
	ctx := context.Background()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fx, err := auditfixture.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	// The integrated audit is in progress: a checklist item and a finding
	// raised on it take files.
	a := fx.Integrated42001
	x, err := fx.Svc.RecordFinding(ctx, certification.Finding{AuditID: a, Grade: certification.Minor, Reference: "7.5",
		Requirement: "Documented information shall be controlled.", Evidence: "The AI policy has no version.", RaisedBy: fx.Lead})
	if err != nil {
		t.Fatal(err)
	}
	photo, scan := []byte("photo of the server room"), []byte("%PDF the policy")
	if _, err := fx.Svc.AttachEvidence(ctx, certification.Evidence{AuditID: a, Ref: "4.1", FileName: "room.jpg", Caption: "Server room door"}, photo); err != nil {
		t.Fatal(err)
	}
	if _, err := fx.Svc.AttachEvidence(ctx, certification.Evidence{AuditID: a, FindingID: x, FileName: "policy.pdf"}, scan); err != nil {
		t.Fatal(err)
	}
	p, err := document.NewAuditPack(ctx, fx.Svc, a)
	if err != nil {
		t.Fatal(err)
	}
	f := writePack(t, "report-evidence.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditReport(ctx, b, p) })
	n, head := findRow(t, f, ReportEvidence, "Evidence of")
	if fmt.Sprint(head) != "[Evidence of File Type Size (bytes) SHA-256 Added by Added on Caption]" {
		t.Errorf("header %q", head)
	}
	rows, err := f.GetRows(ReportEvidence)
	if err != nil {
		t.Fatal(err)
	}
	got := rows[n:]
	want := [][]string{
		{"Checklist 4.1", "room.jpg", "image/jpeg", fmt.Sprint(len(photo)), certification.ContentHash(photo), "Sam Scheme", fx.AsOf.String(), "Server room door"},
		{"Finding #1 (7.5)", "policy.pdf", "application/pdf", fmt.Sprint(len(scan)), certification.ContentHash(scan), "Sam Scheme", fx.AsOf.String()},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("evidence rows:\n got %q\nwant %q", got, want)
	}
}
