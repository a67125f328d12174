package document_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/certification/view"
)

// The certificate document takes the client's language and the policy's
// accreditation, register address and images; its QR code then holds
// the address of its page in the register, and the images are covered
// by its content hash.
func TestCertificateDocLanguageAndDocumentSettings(t *testing.T) {
	ctx := context.Background()
	asOf := certification.NewDate(2026, 11, 24)
	svc := demoBody(t, asOf)
	states, err := view.Certificates(ctx, svc, asOf)
	if err != nil || len(states) == 0 {
		t.Fatalf("%d certificates (%v)", len(states), err)
	}
	c := states[0].Certificate
	before, err := document.NewCertificateDoc(ctx, svc, c.ID, 0, asOf)
	if err != nil {
		t.Fatal(err)
	}
	client, err := svc.Client(ctx, c.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	// The demo gives French clients French documents, English the rest.
	if before.Language != client.Language() || before.Language == "el" || before.Logo != nil || !strings.HasPrefix(before.QRText(), c.Number+" rev ") {
		t.Fatalf("before: language %q (client's %q), logo %d bytes, QR %q", before.Language, client.Language(), len(before.Logo), before.QRText())
	}
	client.DocLanguage = "el"
	if err := svc.UpdateClient(ctx, client); err != nil {
		t.Fatal(err)
	}
	logo, err := auditfixture.DocumentSettings(ctx, svc)
	if err != nil {
		t.Fatal(err)
	}
	d, err := document.NewCertificateDoc(ctx, svc, c.ID, 0, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if d.Language != "el" || d.AccreditationBody != "ESYD" || d.AccreditationNumber != "123-3" || !bytes.Equal(d.Logo, logo) ||
		d.LogoSHA256 != certification.ContentHash(logo) || d.Mark != nil || d.MarkSHA256 != "" {
		t.Fatalf("document %+v", d)
	}
	want := certification.RegisterPageURL("https://register.example.org", c.Number, c.Revision, d.ContentSHA256()[:document.ShortHashLen])
	if d.QRText() != want || !strings.HasPrefix(want, "https://register.example.org/cert/") {
		t.Errorf("QR %q, want %q", d.QRText(), want)
	}
	if d.ContentSHA256() == before.ContentSHA256() {
		t.Error("the content hash did not change with the language and the logo")
	}
}
