package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

func fxCertRow(t *testing.T, c *certificatesSpace, cert certification.ID) int {
	t.Helper()
	return fxIndex(t, c.rows, func(r *view.CertificateRow) bool { return r.CertificationID == cert },
		"certification %d not shown", cert)
}

func TestCertificatesRegister(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	c := fxShow(h, "Certificates").(*certificatesSpace)
	want := map[certification.ID]certification.CertificateStatus{
		b.nordCert: certification.CertActive, b.helixCert: certification.CertActive,
		b.brCert: certification.CertSuspended, b.orionCert: certification.CertWithdrawn,
	}
	if len(c.rows) != len(want) {
		t.Fatalf("%d certificates shown, want %d", len(c.rows), len(want))
	}
	for _, r := range c.rows {
		if r.Status != want[r.CertificationID] {
			t.Errorf("%s: %s, want %s", r.ClientName, r.Status, want[r.CertificationID])
		}
	}
	c.status.SetSelected(certification.CertSuspended.Label())
	if len(c.rows) != 1 || c.rows[0].CertificationID != b.brCert {
		t.Errorf("suspended filter shows %v", c.rows)
	}
	c.status.SetSelected(allCertStatuses)
	test.Type(c.search, "helix")
	if len(c.rows) != 1 {
		t.Fatalf("search helix: %d rows", len(c.rows))
	}
	c.search.SetText("")

	// Brightwave, suspended: restore, withdraw and scope allowed, not suspend.
	c.table.Select(widget.TableCellID{Row: fxCertRow(t, c, b.brCert), Col: 0})
	fxSettle(h)
	if !c.suspend.Disabled() || c.restore.Disabled() || c.withdraw.Disabled() {
		t.Error("a suspended certificate: restore and withdraw, not suspend")
	}
	if len(c.revs) != 1 || !strings.Contains(c.revs[0].events, "suspended 2026-10-05") {
		t.Errorf("revisions %+v", c.revs)
	}
	if !strings.Contains(c.detStatus.Text, "Suspended since 2026-10-05") {
		t.Errorf("status %q", c.detStatus.Text)
	}
	// The row holds the number of sites; the sites come with the file.
	if r := c.rows[fxCertRow(t, c, b.brCert)]; r.Sites != 1 || !strings.Contains(c.sites.Text, "1 Canal Walk, Leeds") {
		t.Errorf("%d sites, shown as %q", r.Sites, c.sites.Text)
	}
	fxCapture(h, "certificates-register")
}

func TestSuspendThroughCertificates(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	h.u.setActor(b.person(b.dora))
	c := fxShow(h, "Certificates").(*certificatesSpace)
	c.table.Select(widget.TableCellID{Row: fxCertRow(t, c, b.helixCert), Col: 0})
	fxSettle(h)
	if c.suspend.Disabled() || !c.restore.Disabled() {
		t.Fatal("an active certificate: suspend, not restore")
	}
	fxTap(h, c.suspend)
	d, ok := h.u.spaces[h.u.current].(*decisionsSpace)
	if !ok {
		t.Fatalf("Suspend went to %s, not Decisions", h.u.spaces[h.u.current].name())
	}
	if d.certID != b.helixCert || d.selectedKind() != certification.Suspend || d.item != nil {
		t.Fatalf("decision view on %d kind %q item %v, want Helix, suspend, no queue item", d.certID, d.selectedKind(), d.item)
	}
	if !d.record.Disabled() {
		t.Error("Record enabled before reasons are written")
	}
	test.Type(d.reasons, "Client refused the special audit after the data breach of October.")
	fxSettle(h)
	if bl := fxBlocking(d); len(bl) != 0 {
		t.Fatalf("suspension blocked by %v", bl)
	}
	fxTap(h, d.record)
	f, err := b.s.File(h.ctx, b.helixCert)
	b.ok(err)
	cert, _ := f.Certificate()
	if st := cert.StatusOn(fxDay("2026-11-24")); st != certification.CertSuspended {
		t.Fatalf("certificate %s after suspension", st)
	}
	c = fxShow(h, "Certificates").(*certificatesSpace)
	if r := c.rows[fxCertRow(t, c, b.helixCert)]; r.Status != certification.CertSuspended {
		t.Errorf("register shows %s", r.Status)
	}
}
