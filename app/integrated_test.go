package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"certdesk/certification"
)

// igAddCert opens another application of a client of the world.
func (w *worldFixture) igAddCert(client string, std certification.Standard, scope string) certification.ID {
	w.t.Helper()
	f, err := w.svc.File(w.ctx, w.certs[client])
	if err != nil {
		w.t.Fatal(err)
	}
	id, err := w.svc.AddCertification(w.ctx, certification.Certification{ClientID: f.Client.ID, Standard: std, Scope: scope, Applied: dateText("2024-02-01")})
	if err != nil {
		w.t.Fatal(err)
	}
	return id
}

// igCertLabel is the plan form's label of a client's certification.
func igCertLabel(t *testing.T, f *planForm, std certification.Standard) string {
	t.Helper()
	for _, o := range f.cert.Options {
		if strings.HasPrefix(o, string(std)+" — ") {
			return o
		}
	}
	t.Fatalf("no %s certification offered: %v", std, f.cert.Options)
	return ""
}

func igPart(t *testing.T, f *planForm, std certification.Standard) *planPart {
	t.Helper()
	for _, r := range f.integ.rows {
		if r.std == std {
			return r
		}
	}
	t.Fatalf("%s not offered to integrate (%d rows)", std, len(f.integ.rows))
	return nil
}

func TestPlanFormPlansAnIntegratedAudit(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	c9 := w.igAddCert("Nordlicht Analytics GmbH", certification.ISO9001, "Quality management of analytics services")
	w.igAddCert("Nordlicht Analytics GmbH", certification.ISO27001, "Information security of the analytics platform")
	k9 := w.igAddCert("Kestrel Robotics AB", certification.ISO9001, "Design and manufacture of warehouse robots")
	p := openProgramme(t, h)

	test.Tap(p.planBtn)
	h.settle()
	f := p.form
	test.Type(f.clientQ, "nordl")
	h.settle()
	f.clientQ.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if len(f.integ.rows) != 0 || !strings.Contains(f.integ.info.Text, "choose the client and certification") {
		t.Errorf("parts offered before a certification is chosen: %d (%q)", len(f.integ.rows), f.integ.info.Text)
	}
	f.cert.SetSelected(igCertLabel(t, f, certification.ISO42001))
	h.settle()
	if len(f.integ.rows) != 2 {
		t.Fatalf("%d certifications offered to integrate, want 9001 and 27001", len(f.integ.rows))
	}
	fillPlan(t, h, f, "2026-12-14", "2026-12-15", "3", "Ingrid Solberg")
	test.Type(f.time.just, "One visit for both standards; fewer days agreed in the contract (IAF MD 11).")
	pickMember(t, h, f.picker, "Lea Martin", "Auditor")
	part := igPart(t, f, certification.ISO9001)
	gen := f.picker.gen
	test.Tap(part.check)
	h.settle()
	// The picker reads its candidates again: its lead must lead for 9001 too.
	if f.picker.gen == gen || len(f.picker.parts) != 1 || f.picker.parts[0].CertificationID != c9 {
		t.Errorf("ticking 9001: picker reloaded %v, parts %+v", f.picker.gen != gen, f.picker.parts)
	}
	if part.days.Text != "3" {
		t.Errorf("ticking 9001 proposes %q days, want the visit's 3", part.days.Text)
	}
	part.days.SetText("")
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdict.Text, "auditor-days of the 9001 audit") {
		t.Errorf("no days for 9001: save disabled %v, verdict %q", f.save.Disabled(), f.verdict.Text)
	}
	test.Type(part.days, "2")
	saveMeetingPlan(t, h, f, "integrated-plan-form")
	if f.isOpen() {
		t.Fatalf("the plan form is still open after saving: %q", f.verdict.Text)
	}

	// In the store: two audits, linked, same visit, own days.
	lead := plannedFor(t, h, w.certs["Nordlicht Analytics GmbH"], "2026-12-14", "2026-12-14")
	if lead == nil || lead.Kind != certification.Stage1 || lead.PlannedDays != 3 || len(lead.IntegratedWith) != 1 {
		t.Fatalf("planned %+v", lead)
	}
	sib, sf := storedAudit(t, h, lead.IntegratedWith[0])
	if sf.Certification.ID != c9 || sib.PlannedDays != 2 || sib.PlannedStart != dateText("2026-12-14") || len(sib.Team) != 2 ||
		len(sib.IntegratedWith) != 1 || sib.IntegratedWith[0] != lead.ID {
		t.Fatalf("9001 part %+v", sib)
	}

	// Kestrel: its 42001 stage 1 found it ready, its new 9001 application
	// had none: an integrated stage 2 is refused by 9001's rule, inline.
	test.Tap(p.planBtn)
	h.settle()
	f = p.form
	test.Type(f.clientQ, "kestrel")
	h.settle()
	f.clientQ.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	f.cert.SetSelected(igCertLabel(t, f, certification.ISO42001))
	f.kind.SetSelected(certification.Stage2.Label())
	fillPlan(t, h, f, "2026-12-07", "2026-12-09", "11", "Priya Raman")
	h.settle()
	if f.save.Disabled() {
		t.Fatalf("the 42001 stage 2 alone is refused: %q", f.verdict.Text)
	}
	kp := igPart(t, f, certification.ISO9001)
	if kp.cert != k9 {
		t.Fatalf("Kestrel's 9001 certification is %d, offered %d", k9, kp.cert)
	}
	test.Tap(kp.check)
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdictTitle.Text, certification.RuleStage2NeedsReadyStage1) ||
		!strings.Contains(f.verdict.Text, "(ISO 9001:2015)") {
		t.Errorf("integrated stage 2 without a 9001 stage 1: save disabled %v, verdict %q / %q", f.save.Disabled(), f.verdictTitle.Text, f.verdict.Text)
	}
	h.capture("integrated-plan-refused")
	test.Tap(kp.check)
	h.settle()
	if f.save.Disabled() {
		t.Errorf("unticking 9001 leaves the plan refused: %q", f.verdict.Text)
	}
	f.d.Hide()
}

// igRow finds the checklist row of ref recorded on audit aud.
func igRow(t *testing.T, aw *auditWS, aud certification.ID, ref string) int {
	t.Helper()
	for i, r := range aw.cl.rows {
		if r.item != nil && r.item.Ref == ref && r.aud == aud && r.group == "" {
			return i
		}
	}
	t.Fatalf("no checklist row %s of audit %d", ref, aud)
	return -1
}

func TestAuditWorkspaceIntegratedChecklist(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	c9 := w.igAddCert("Nordlicht Analytics GmbH", certification.ISO9001, "Quality management of analytics services")
	ids, err := w.svc.PlanIntegratedAtRequiredTime(w.ctx, certification.Audit{CertificationID: w.certs["Nordlicht Analytics GmbH"], Kind: certification.Stage1,
		PlannedStart: dateText("2026-11-23"), PlannedEnd: dateText("2026-11-24"), PlannedDays: 3, Sites: []string{"HQ"},
		Team: w.team("Priya Raman", "Samuel Osei")}, []certification.IntegratedPart{{CertificationID: c9, PlannedDays: 2}})
	if err != nil {
		t.Fatal(err)
	}
	a42, a9 := ids[0], ids[1]
	w.carryOut(a42, "", "", false) // confirmed and started: the 9001 audit with it
	if err := w.svc.RecordChecklist(w.ctx, a9, certification.ChecklistEntry{Ref: "4.1", Result: certification.ResultConform, Notes: "Context analysis covers QMS and AIMS"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.svc.RecordFinding(w.ctx, certification.Finding{AuditID: a9, Grade: certification.Minor, Reference: "8.5",
		Requirement: "Controlled conditions for service provision", Evidence: "Release checklist not signed for two of five releases sampled", RaisedBy: w.people["Priya Raman"]}); err != nil {
		t.Fatal(err)
	}

	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, a42})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)
	c := &aw.cl
	if aw.audit == nil || aw.audit.ID != a42 || c.ig == nil {
		t.Fatalf("opened %+v, combined checklist loaded %v", aw.audit, c.ig != nil)
	}
	if c.rows[0].section != "Shared clauses · answered once for 9001 · 42001" {
		t.Errorf("first row %+v", c.rows[0])
	}
	if !c.igBar.Visible() || !strings.Contains(c.igNote.Text, "one visit with 9001 (audit "+a9.String()+")") {
		t.Errorf("integrated note %q (shown %v)", c.igNote.Text, c.igBar.Visible())
	}
	// The answer on 4.1 recorded from the 9001 side shows once, on the shared line.
	if r := c.rows[igRow(t, aw, a42, "4.1")]; r.tag != "9001 · 42001" || c.entry(a42, "4.1").Result != certification.ResultConform {
		t.Errorf("4.1: tag %q, result %q", r.tag, c.entry(a42, "4.1").Result)
	}
	var sections []string
	for _, r := range c.rows {
		if r.section != "" {
			sections = append(sections, r.section)
		}
	}
	if len(sections) != 3 || sections[1] != "ISO/IEC 42001:2023 only" || !strings.HasPrefix(sections[2], "ISO 9001:2015 only · audit "+a9.String()) {
		t.Errorf("sections %q", sections)
	}
	// The progress counts what the open stage 1 must cover before its
	// report: its 11 readiness items, none answered yet (4.1 and 9001's
	// 8.5, which have results, are not among them).
	if got := c.progress.TextFormatter(); got != "0 of the 11 items this audit must cover have a result" {
		t.Errorf("progress %q", got)
	}

	// A shared clause: answered once, stored on both audits.
	c.list.Select(igRow(t, aw, a42, "9.2"))
	h.settle()
	if c.ref != "9.2" || c.aud != a42 || !strings.Contains(c.dStd.Text, "answered once for 9001 · 42001") {
		t.Fatalf("detail pane %s on %d: %q", c.ref, c.aud, c.dStd.Text)
	}
	c.result.SetSelected("Conform")
	test.Type(c.notes, "Internal audit programme 2026 covers the QMS and the AIMS; two audits sampled.")
	c.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()
	for _, id := range ids {
		a, _ := storedAudit(t, h, id)
		if e, _ := a.Entry("9.2"); e.Result != certification.ResultConform || !strings.Contains(e.Notes, "two audits sampled") {
			t.Errorf("audit %d 9.2 = %+v", id, e)
		}
	}
	h.capture("integrated-checklist-shared")

	// 9001's own 8.2 is recorded on the 9001 audit only.
	c.list.Select(igRow(t, aw, a9, "8.2"))
	h.settle()
	if c.aud != a9 || !strings.Contains(c.dStd.Text, "9001 only · on audit") || !strings.Contains(c.addF.Text, "9001 audit") {
		t.Fatalf("9001 8.2: audit %d, %q, %q", c.aud, c.dStd.Text, c.addF.Text)
	}
	c.result.SetSelected("OFI")
	test.Type(c.notes, "Customer requirements reviewed; change log could record approvals.")
	c.notes.TypedShortcut(ctrlKey(fyne.KeyS))
	h.settle()
	if a, _ := storedAudit(t, h, a9); func() bool { e, _ := a.Entry("8.2"); return e.Result != certification.ResultOFI }() {
		t.Errorf("9001 8.2 not stored on the 9001 audit: %+v", a.Checklist)
	}
	if a, _ := storedAudit(t, h, a42); func() bool { _, ok := a.Entry("8.2"); return ok }() {
		t.Errorf("9001's 8.2 answer landed on 42001's 8.2 (AI risk assessment)")
	}
	// The 9001 finding shows on its line.
	c.list.Select(igRow(t, aw, a9, "8.5"))
	h.settle()
	if !strings.Contains(c.itemF.Text, "#1 Minor NC") || !strings.Contains(c.itemF.Text, "9001 audit") {
		t.Errorf("9001 finding on 8.5: %q", c.itemF.Text)
	}
	h.capture("integrated-checklist-9001-part")

	// Ctrl+N on a 9001 item: the finding goes on the 9001 audit, which opens.
	aw.create()
	h.settle()
	if ff := findingFieldsShown(t, h); aw.auditID != a9 || ff == nil || ff.ref.Text != "8.5" {
		t.Fatalf("Ctrl+N on 9001's 8.5 opened audit %d, finding form %+v", aw.auditID, ff)
	}
	h.capture("integrated-finding-on-9001")
	topDialog(t, h).Hide()
	h.settle()
	if c.rows[0].section == "" || c.ref != "8.5" || c.aud != a9 {
		t.Errorf("the 9001 audit's combined checklist: first row %+v, selected %s on %d", c.rows[0], c.ref, c.aud)
	}
}
