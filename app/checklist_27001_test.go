package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
)

// TestISO27001SoAAndChecklist: a 27001 certification has the Statement of
// Applicability of its 93 controls; its audit's checklist lists them under
// their group lines, which show as the groups' headings with what was
// recorded on them (as audits of the shorter catalogue did).
func TestISO27001SoAAndChecklist(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	w.client(certification.Client{LegalName: "Helix Secure AG", EffectivePersonnel: 60, Sectors: []int{33}}, certification.ISO27001, "Information security of the hosting platform")
	cert := w.certs["Helix Secure AG"]
	p := tmOpenClient(t, h, w.clients["Helix Secure AG"])
	e := openSoA(t, h, p, cert, 93)
	r := e.row("A.7.4")
	if r == nil || r.item.Title != "Physical security monitoring" || e.row("A.7") != nil {
		t.Fatalf("row A.7.4 = %+v; a group line must not be a row", r)
	}
	r.choice.SetSelected(soaExcluded)
	test.Type(r.reason, "No premises of its own: the hosting provider monitors the data centre.")
	if e.save.Disabled() {
		t.Fatalf("Save disabled: %q", e.problem.Text)
	}
	fxTap(h, e.save)
	p = h.u.spaces[h.u.current].(*clients).page
	if texts := strings.Join(cdTexts(p.root), "\n"); !strings.Contains(texts, "92 of 93 Annex A controls applicable; excluded: A.7.4") {
		t.Errorf("the page does not show the statement:\n%s", texts)
	}

	s1 := w.plan("Helix s1", "Helix Secure AG", certification.Stage1, "2026-11-02", "2026-11-02", 1, w.team("Ingrid Solberg"))
	w.start(s1)
	w.finish(s1, certification.Stage1Ready, "")
	s2 := w.plan("Helix s2", "Helix Secure AG", certification.Stage2, "2026-11-23", "2026-11-24", 2, w.team("Ingrid Solberg"))
	w.start(s2)
	w.result(s2, "A.5", certification.ResultConform, "Organizational controls sampled.")
	w.result(s2, "A.8.24", certification.ResultMinor, "Backups unencrypted.")

	aw := openAudit(t, h, s2)
	var head *checklistRow
	refs := map[string]bool{}
	for i, row := range aw.cl.rows {
		if row.item == nil {
			continue
		}
		refs[row.item.Ref] = true
		if row.group == "A.5 Organizational controls" {
			head = &aw.cl.rows[i]
		}
	}
	if head == nil || head.item.Ref != "A.5" || aw.cl.entry(head.aud, "A.5").Result != certification.ResultConform {
		t.Fatalf("the heading of A.5 = %+v, want the group line with its result", head)
	}
	if head.total != 38 || head.done != 1 {
		t.Errorf("A.5 heading counts %d of %d, want 1 of 38 (the line and its 37 controls)", head.done, head.total)
	}
	if !refs["A.5.15"] || !refs["A.8.34"] || refs["A.7.4"] {
		t.Errorf("checklist rows: A.5.15 %v, A.8.34 %v, excluded A.7.4 %v", refs["A.5.15"], refs["A.8.34"], refs["A.7.4"])
	}
	// What the report waits for: 30 leaf clauses and 92 controls, one
	// answered; the group line is not among them.
	if len(aw.due) != 122 || aw.due["A.5"] || !aw.due["A.5.15"] {
		t.Errorf("%d items due (A.5 due %v)", len(aw.due), aw.due["A.5"])
	}
	if got := aw.cl.progress.TextFormatter(); got != "1 of the 122 items this audit must cover have a result" {
		t.Errorf("progress %q", got)
	}
}
