package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Transfer… on a certification not yet decided records the pre-transfer
// review through review-transfer; the card shows it, the committee's
// accept-transfer takes the certificate over with its cycle, and the
// card then shows a transferred cycle and no Transfer… button.
func TestTransferFromTheClientPage(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	h.u.setActor(certification.Person{ID: w.people["Hannah Becker"], Name: "Hannah Becker"})
	client, cert := w.clients["Meridian Logistics BV"], w.certs["Meridian Logistics BV"]
	p := tmOpenClient(t, h, client)
	sec := certSection(p, cert)
	if sec == nil || sec.transfer == nil {
		t.Fatal("no Transfer… button on a certification without a decision")
	}
	test.Tap(sec.transfer)
	h.settle()
	for label, text := range map[string]string{"Issuing body": "Nordcert GmbH", "Certificate number": "NC-9001-2025-117", "Accreditation body": "DAkkS",
		"Cycle start": "2025-03-01", "Expiry": "2028-02-28", "Documents reviewed": "Stage 2 report 2025; NC list, all closed", "Conclusion": "Valid; transfer recommended"} {
		test.Type(dialogField[*entry](t, h, label), text)
	}
	if got := dialogField[*widget.Select](t, h, "Reviewed by").Selected; got != "Hannah Becker" {
		t.Errorf("the reviewer is %q, not the person working", got)
	}
	before := lastJournalEntry(h)
	tapDialogButton(t, h, "Record review")
	h.settle()
	if last := lastJournalEntry(h); last.Seq == before.Seq || last.Command != "review-transfer" {
		t.Fatalf("last entry %s, want review-transfer", last.Command)
	}
	f, err := w.svc.File(w.ctx, cert)
	if err != nil {
		t.Fatal(err)
	}
	tr := f.Certification.Transfer
	if tr == nil || tr.CertificateNumber != "NC-9001-2025-117" || tr.Status != certification.PreviousValid || !tr.Accredited || tr.ReviewerID != w.people["Hannah Becker"] {
		t.Fatalf("stored review %+v", tr)
	}
	p = tmOpenClient(t, h, client)
	if got := strings.Join(cdTexts(p.root), " "); !strings.Contains(got, "from Nordcert GmbH, certificate NC-9001-2025-117 (valid, accredited by DAkkS)") || !strings.Contains(got, "reviewed 2026-11-24 by Hannah Becker") {
		t.Errorf("the card does not show the review: %q", got)
	}

	// The committee's queue asks for it, and its file shows the review.
	d := fxDecisions(t, h)
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, cert), Col: 0})
	h.settle()
	if d.selectedKind() != certification.AcceptTransfer || !strings.Contains(fxFileText(d), "Pre-transfer review (IAF MD 2)") ||
		!strings.Contains(fxFileText(d), "Conclusion: Valid; transfer recommended") {
		t.Errorf("the decision asked is %q and the file reads:\n%s", d.selectedKind(), fxFileText(d))
	}

	if _, err := w.svc.Decide(w.ctx, certification.Decision{CertificationID: cert, Kind: certification.AcceptTransfer, Date: dateText("2026-11-24"),
		Makers: []certification.ID{w.people["Margaret O'Neill"]}, Reasons: "Review complete"}); err != nil {
		t.Fatal(err)
	}
	p = tmOpenClient(t, h, client)
	got := strings.Join(cdTexts(p.root), " ")
	if !strings.Contains(got, "1 (transferred): 2025-03-01 to 2028-02-28") || !strings.Contains(got, "transferred from Nordcert GmbH, certificate NC-9001-2025-117") {
		t.Errorf("the card after the transfer: %q", got)
	}
	if sec := certSection(p, cert); sec == nil || sec.transfer != nil {
		t.Error("Transfer… is still offered once the certificate was taken over")
	}
}
