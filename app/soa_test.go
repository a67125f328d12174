package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// tmOpenClient shows a client's page.
func tmOpenClient(t *testing.T, h *harness, id certification.ID) *clientPage {
	t.Helper()
	c := h.showSpace("Clients").(*clients)
	c.open(recordRef{certification.KindClient, id})
	h.settle()
	if c.page == nil || c.page.view == nil || c.page.view.Client.ID != id {
		t.Fatal("the client page did not open")
	}
	return c.page
}

// TestStatementOfApplicability excludes a control with a justification:
// the audit's checklist loses the item and says why.
func TestStatementOfApplicability(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	cert := w.certs["Nordlicht Analytics GmbH"]
	p := tmOpenClient(t, h, w.clients["Nordlicht Analytics GmbH"])
	if certSection(p, w.certs["Meridian Logistics BV"]) != nil {
		t.Fatal("Meridian's certification shows on Nordlicht's page")
	}
	e := openSoA(t, h, p, cert, 38)
	if !strings.Contains(e.summary.Text, "38 applicable, 0 excluded") || !e.save.Disabled() {
		t.Errorf("summary %q, Save disabled %v before a change", e.summary.Text, e.save.Disabled())
	}
	r := e.row("A.10.4")
	if r == nil || r.item.Title == "" {
		t.Fatal("no row for A.10.4")
	}
	r.choice.SetSelected(soaExcluded)
	if !e.save.Disabled() || !strings.Contains(e.problem.Text, "A.10.4") || r.reason.Validate() == nil {
		t.Errorf("an exclusion without justification: Save disabled %v, problem %q", e.save.Disabled(), e.problem.Text)
	}
	test.Type(r.reason, "The client sells no AI product or service to customers: its AI systems serve internal credit decisions only.")
	if e.save.Disabled() {
		t.Fatalf("Save disabled: %q", e.problem.Text)
	}
	e.scroll.ScrollToBottom()
	fxCapture(h, "i4-soa-editor")
	fxTap(h, e.save)

	// In the store.
	f, err := h.svc().File(h.ctx, cert)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Certification.Exclusions) != 1 || f.Certification.Exclusions[0].Control != "A.10.4" || !strings.HasPrefix(f.Certification.Exclusions[0].Justification, "The client sells no AI") {
		t.Fatalf("exclusions stored %+v", f.Certification.Exclusions)
	}
	// The page shows the statement.
	p = h.u.spaces[h.u.current].(*clients).page
	if texts := strings.Join(cdTexts(p.root), "\n"); !strings.Contains(texts, "37 of 38 Annex A controls applicable; excluded: A.10.4") {
		t.Errorf("the page does not show the statement:\n%s", texts)
	}

	// The audit's checklist follows the statement.
	aw := openAudit(t, h, w.audits["Nordlicht s2"])
	for _, row := range aw.cl.rows {
		if row.item != nil && row.item.Ref == "A.10.4" {
			t.Error("A.10.4 is still in the checklist")
		}
	}
	if !slices.ContainsFunc(aw.cl.rows, func(r checklistRow) bool { return r.item != nil && r.item.Ref == "A.10.3" }) {
		t.Error("A.10.3 is not in the checklist")
	}
	if !aw.cl.soaNote.Visible() || aw.cl.soaNote.Text != "1 control excluded by the Statement of Applicability" {
		t.Errorf("checklist note %q (shown %v)", aw.cl.soaNote.Text, aw.cl.soaNote.Visible())
	}
	if len(aw.items) != 72 {
		t.Errorf("checklist of %d items, want 72 (73 less 1)", len(aw.items))
	}
	aw.cl.list.ScrollToBottom()
	fxCapture(h, "i4-checklist-soa")
}

// TestChecklistCoverage shows the Annex A coverage of the cycle and the
// stage 2's clause gaps on the client page.
func TestChecklistCoverage(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	cert := w.certs["Nordlicht Analytics GmbH"]
	p := tmOpenClient(t, h, w.clients["Nordlicht Analytics GmbH"])
	sec := coverageOf(certSection(p, cert))
	if sec.coverage == nil || sec.coverage.Text != "Annex A coverage in cycle 1: 12 of 38 applicable controls audited" {
		t.Fatalf("coverage %v", sec.coverage)
	}
	if len(sec.unaudited) != 26 || sec.unauditedFold == nil || sec.unauditedFold.Items[0].Open {
		t.Errorf("unaudited %d, folded %v", len(sec.unaudited), sec.unauditedFold)
	}
	if len(sec.clauseGaps) != 1 || !strings.Contains(sec.clauseGaps[0], "Stage 2 of 2026-10-12 has no result for 2 clauses: 9.3, 10.1") {
		t.Errorf("clause gaps %q", sec.clauseGaps)
	}
	sec.unauditedFold.Open(0)
	fxCapture(h, "i4-client-coverage")

	// More results in a surveillance audit in progress count too.
	s1 := w.plan("Nordlicht surv", "Nordlicht Analytics GmbH", certification.Surveillance, "2026-11-23", "2026-11-24", 2, w.team("Ingrid Solberg", "TE:Elena Petrova"), "HQ")
	w.start(s1)
	for _, ref := range sec.unaudited[:20] {
		w.result(s1, ref, certification.ResultConform, "")
	}
	w.result(s1, sec.unaudited[20], certification.ResultNotAudited, "notes only")
	p = tmOpenClient(t, h, w.clients["Nordlicht Analytics GmbH"])
	sec = coverageOf(certSection(p, cert))
	if sec.coverage.Text != "Annex A coverage in cycle 1: 32 of 38 applicable controls audited" {
		t.Errorf("coverage %q after the surveillance results", sec.coverage.Text)
	}
	if len(sec.unaudited) != 6 || sec.unauditedFold != nil {
		t.Errorf("6 unaudited controls should be listed unfolded: %v, fold %v", sec.unaudited, sec.unauditedFold)
	}
	texts := strings.Join(cdTexts(p.root), "\n")
	if !strings.Contains(texts, "Not yet audited: "+sec.unaudited[0]) {
		t.Errorf("unfolded list missing:\n%s", texts)
	}
	fxCapture(h, "i4-client-coverage-short")
}

// openSoA opens the Statement of Applicability of certification cert from
// its client's page p and checks that the editor has a row for each of
// the standard's controls.
func openSoA(t *testing.T, h *harness, p *clientPage, cert certification.ID, controls int) *soaEditor {
	t.Helper()
	sec := certSection(p, cert)
	if sec == nil || sec.soa == nil {
		t.Fatalf("no Statement of Applicability button on certification %d", cert)
	}
	test.Tap(sec.soa)
	h.settle()
	e := partOnTop[*soaEditor](t, h, "Statement of Applicability")
	if e == nil || len(e.rows) != controls {
		t.Fatalf("the editor lists %d controls, want the %d of Annex A", len(e.rows), controls)
	}
	return e
}

// row is the editor's row of a control (nil: not an Annex A control).
func (e *soaEditor) row(ref string) *soaRow {
	for _, r := range e.rows {
		if r.item.Ref == ref {
			return r
		}
	}
	return nil
}

// coverageShown is what a certification section shows of the checklist
// coverage: the Annex A line, the controls not yet audited (folded into
// unauditedFold when many) and the clause gaps.
type coverageShown struct {
	coverage      *widget.Label
	unaudited     []string
	unauditedFold *widget.Accordion
	clauseGaps    []string
}

// coverageOf reads the coverage a certification section shows.
func coverageOf(sec *clientCertSection) coverageShown {
	var c coverageShown
	ref := func(s string) string { return strings.Fields(s)[0] }
	for _, l := range findAll[*widget.Label](sec, nil) {
		switch {
		case strings.HasPrefix(l.Text, "Annex A coverage in cycle "):
			c.coverage = l
		case strings.HasPrefix(l.Text, "Not yet audited: "):
			for _, s := range strings.Split(strings.TrimPrefix(l.Text, "Not yet audited: "), "; ") {
				c.unaudited = append(c.unaudited, ref(s))
			}
		case l.Importance == widget.WarningImportance && strings.Contains(l.Text, " has no result for "):
			c.clauseGaps = append(c.clauseGaps, l.Text)
		}
	}
	for _, a := range findAll[*widget.Accordion](sec, nil) {
		if len(a.Items) == 1 && strings.HasPrefix(a.Items[0].Title, "Not yet audited in cycle ") {
			c.unauditedFold = a
			for _, l := range findAll[*widget.Label](a.Items[0].Detail, nil) {
				c.unaudited = append(c.unaudited, ref(l.Text))
			}
		}
	}
	return c
}
