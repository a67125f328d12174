package document_test

import (
	"context"
	"errors"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
)

// demoBody is a demo body of 40 clients (withdrawn, suspended and
// reissued certificates among them) as of asOf.
func demoBody(t *testing.T, asOf certification.Date) *certification.Service {
	t.Helper()
	st := memstore.New()
	if _, err := demo.Generate(context.Background(), st, demo.Options{Clients: 40, Seed: 2, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	return certification.NewService(st, certification.FixedClock(asOf.Time()))
}

// The certificate document holds the revision's fields, the policy's
// body details, the client's legal name and the status the view gives
// that day; a revision that
// is not valid carries its status as a watermark.
func TestCertificateDoc(t *testing.T) {
	ctx := context.Background()
	asOf := certification.NewDate(2026, 11, 24)
	svc := demoBody(t, asOf)
	p, _ := svc.Policy(ctx)
	p.BodyAddress, p.Signatory = "1 Rue de la Paix, 75002 Paris, France", "Élodie Dupont, Certification Manager"
	if err := svc.SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	states, err := view.Certificates(ctx, svc, asOf)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[certification.CertificateStatus]bool{}
	for _, st := range states {
		d, err := document.NewCertificateDoc(ctx, svc, st.Certificate.ID, 0, asOf)
		if err != nil {
			t.Fatal(err)
		}
		c := st.Certificate
		client, err := svc.Client(ctx, c.ClientID)
		if err != nil {
			t.Fatal(err)
		}
		if d.CertificateID != c.ID || d.Number != c.Number || d.Revision != c.Revision || d.Status != st.Status || d.Client != client.LegalName ||
			d.Scope != c.Scope || d.Standard != c.Standard || d.Expiry != c.Expiry || d.IssueDate != c.IssueDate || d.OriginalDate != c.OriginalDate ||
			len(d.Sites) != len(c.Sites) || d.Body != p.BodyName || d.BodyAddress != p.BodyAddress || d.Signatory != p.Signatory {
			t.Fatalf("document %+v of %+v", d, st)
		}
		if (d.Watermark() == "") != (st.Status == certification.CertActive) {
			t.Errorf("%s (%s): watermark %q", c.Number, st.Status, d.Watermark())
		}
		seen[st.Status] = true
		if c.Revision > 1 {
			old, err := document.NewCertificateDoc(ctx, svc, c.ID, c.Revision-1, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if old.Revision != c.Revision-1 || old.Watermark() != "SUPERSEDED" || d.Supersedes != c.Revision-1 {
				t.Errorf("%s revision %d: %s, supersedes %d", c.Number, old.Revision, old.Watermark(), d.Supersedes)
			}
			seen[certification.CertSuperseded] = true
			if old.ContentSHA256() == d.ContentSHA256() || old.QRText() == d.QRText() {
				t.Error("two revisions have one content hash")
			}
		}
	}
	for _, st := range []certification.CertificateStatus{certification.CertActive, certification.CertSuspended, certification.CertWithdrawn, certification.CertSuperseded} {
		if !seen[st] {
			t.Errorf("the demo printed no %s certificate: the test shows less than it says (%v)", st, seen)
		}
	}
	if _, err := document.NewCertificateDoc(ctx, svc, states[0].Certificate.ID, 99, asOf); !errors.Is(err, certification.ErrNotFound) {
		t.Errorf("revision 99: %v", err)
	}
}
