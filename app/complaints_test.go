package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// cpTop is the widget of type T in the window's top overlay (the open
// dialog), nil when none.
func cpTop[T fyne.CanvasObject](w fyne.Window) T {
	var found T
	var zero T
	if o := w.Canvas().Overlays().Top(); o != nil {
		fxWalk(o, func(x fyne.CanvasObject) {
			if v, ok := x.(T); ok && any(found) == any(zero) {
				found = v
			}
		})
	}
	return found
}

// cpOpen shows the Complaints workspace working as person id.
func cpOpen(h *harness, b *fxBody, id certification.ID) *complaintsSpace {
	h.u.setActor(b.person(id))
	h.settle()
	return fxShow(h, complaintsTab).(*complaintsSpace)
}

// cpCase reads case id back from the store.
func cpCase(t *testing.T, h *harness, id certification.ID) *certification.Case {
	t.Helper()
	c, err := h.svc().Case(h.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// cpStep takes the selected case's next step through its form.
func cpStep(t *testing.T, h *harness, verb, text string) {
	t.Helper()
	fxTap(h, fxButton(t, h.w, verb+"…"))
	f := cpTop[*caseStepForm](h.w)
	if f == nil {
		t.Fatalf("%s… opened no step form", verb)
	}
	if text != "" {
		test.Type(f.text, text)
	}
	h.settle()
	fxTap(h, f.save)
	if cpTop[*caseStepForm](h.w) != nil {
		t.Fatalf("%s: the form stayed open: %v", verb, fxTexts(h.w.Canvas().Overlays().Top()))
	}
}

// A complaint typed into New complaint… is in the register, and each
// step taken through its form moves it on until it is closed.
func TestComplaintReceivedAndSteppedThrough(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	c := cpOpen(h, b, b.sam)

	fxTap(h, fxButton(t, h.w, "New complaint…"))
	f := cpTop[*caseForm](h.w)
	if f == nil {
		t.Fatal("New complaint… opened no form")
	}
	test.Type(f.from, "Jane Roe")
	test.Type(f.org, "Patients' Association")
	test.Type(f.clientQ, "Helix")
	f.clientQ.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) // picks the first match
	h.settle()
	if f.clientID != b.helix || f.matchBox.Visible() {
		t.Fatalf("client picked %d (list shown %v), want Helix %d", f.clientID, f.matchBox.Visible(), b.helix)
	}
	if !f.save.Disabled() {
		t.Error("Save enabled without a subject")
	}
	f.ref.SetSelectedIndex(0)
	test.Type(f.subject, "The certified scope covers a service that is no longer run")
	h.settle()
	fxTap(h, f.save)
	if cpTop[*caseForm](h.w) != nil {
		t.Fatalf("the form stayed open: %v", fxTexts(h.w.Canvas().Overlays().Top()))
	}
	if len(c.rows) != 1 {
		t.Fatalf("%d rows in the register, want the new complaint", len(c.rows))
	}
	r := c.rows[0]
	if r.Kind != certification.CaseComplaint || r.From.Name != "Jane Roe" || r.ClientID != b.helix || r.CertificationID != b.helixCert || r.Status != certification.CaseReceived {
		t.Fatalf("row %+v", r.Case)
	}
	if got := cdCell(c.table, 0, 4); got != "Helix Health" {
		t.Errorf("client cell %q", got)
	}
	if got := cdCell(c.table, 0, 7); got != "Acknowledge by 2026-12-01" {
		t.Errorf("next deadline %q, want Acknowledge by 2026-12-01 (7 days)", got)
	}
	id := r.ID
	if c.det.row == nil || c.det.row.ID != id {
		t.Fatal("the case just recorded is not shown in the detail pane")
	}
	c.selectCase(0)
	c.table.UnselectAll()
	c.table.Select(widget.TableCellID{Row: 0, Col: 0})
	h.settle()
	if c.det.row == nil || c.det.row.ID != id {
		t.Fatal("selecting the row shows no detail")
	}
	for _, s := range []string{"Investigate…", "Decide…", "Close…"} {
		if !fxButton(t, h.w, s).Disabled() {
			t.Errorf("%s enabled on a complaint just received", s)
		}
	}
	cpStep(t, h, "Acknowledge", "Acknowledged by e-mail")
	cpStep(t, h, "Investigate", "The scope still names the home-visit service closed in 2025")
	cpStep(t, h, "Decide", "Upheld: the scope is reduced at the next surveillance")
	if got := cpCase(t, h, id); got.Status() != certification.CaseDecided || got.Decided.PersonID != b.sam || got.Decided.Text == "" {
		t.Fatalf("after Decide: %s, decided %+v", got.Status(), got.Decided)
	}
	hist := strings.Join(fxTexts(c.det.history.form), "\n")
	if !strings.Contains(hist, "2026-11-24 by Sam Schmidt: Upheld") {
		t.Errorf("history does not show the decision:\n%s", hist)
	}
	cpStep(t, h, "Close", "")
	if got := cpCase(t, h, id); got.Status() != certification.CaseClosed {
		t.Fatalf("status %s after Close", got.Status())
	}
	if len(c.rows) != 0 {
		t.Errorf("a closed case is in the open-only list")
	}
	c.openOnly.SetChecked(false)
	if len(c.rows) != 1 || cdCell(c.table, 0, 6) != "Closed" {
		t.Errorf("all cases: %d rows, status %q", len(c.rows), cdCell(c.table, 0, 6))
	}
}

// An appeal decided by the person who made the decision appealed
// against is refused: the domain's message shows in a dialog, the form
// stays open with what was typed, and saved by someone else it goes in.
func TestAppealDecidedByInvolvedPersonRefused(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	f, err := b.s.File(h.ctx, b.helixCert)
	b.ok(err)
	dec := f.Decisions[len(f.Decisions)-1] // the maintain decision by Priya
	s := b.s.As(certification.Actor{PersonID: b.sam, Name: "Sam Schmidt"})
	id := b.id(s.ReceiveCase(h.ctx, certification.Case{Kind: certification.CaseAppeal, DecisionID: dec.ID,
		From: certification.CaseParty{Name: "Helix Health Ltd"}, Subject: "The maintain decision ignored our corrective actions", Received: fxDay("2026-11-20")}))
	b.ok(s.AcknowledgeCase(h.ctx, id, certification.CaseStep{}))
	b.ok(s.InvestigateCase(h.ctx, id, certification.CaseStep{Text: "The file was complete"}))

	c := cpOpen(h, b, b.sam)
	c.selectCase(id)
	fxTap(h, fxButton(t, h.w, "Decide…"))
	form := cpTop[*caseStepForm](h.w)
	if form == nil {
		t.Fatal("Decide… opened no form")
	}
	form.by.SetSelected("Priya Nair")
	typed := "Appeal rejected: the decision stands"
	test.Type(form.text, typed)
	h.settle()
	fxTap(h, form.save)

	msg := strings.Join(fxTexts(h.w.Canvas().Overlays().Top()), "\n")
	if !strings.Contains(msg, "Rule: "+certification.RuleAppealHandlerInvolved) || !strings.Contains(msg, "Priya Nair") || !strings.Contains(msg, "Not allowed") {
		t.Fatalf("the refusal shown is not the domain's:\n%s", msg)
	}
	if got := cpCase(t, h, id); got.Decided != nil {
		t.Fatalf("the appeal was decided by %s", got.Decided.Name)
	}
	h.u.escape() // closes the message: the form is under it, as typed
	h.settle()
	if cpTop[*caseStepForm](h.w) != form {
		t.Fatal("the Decide form was closed by the refusal")
	}
	if form.text.Text != typed || form.by.Selected != "Priya Nair" {
		t.Errorf("the form lost what was typed: %q by %q", form.text.Text, form.by.Selected)
	}
	form.by.SetSelected("Sam Schmidt")
	h.settle()
	fxTap(h, form.save)
	if got := cpCase(t, h, id); got.Decided == nil || got.Decided.PersonID != b.sam || got.Decided.Text != typed {
		t.Fatalf("decided %+v, want Sam's decision as typed", got.Decided)
	}
}

// A case past its deadline is marked late (red, the word "late") in the
// register, in the detail and on the dashboard's tile; Late only shows
// only those.
func TestLateCasesMarked(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	s := b.s.As(certification.Actor{PersonID: b.sam, Name: "Sam Schmidt"})
	late := b.id(s.ReceiveCase(h.ctx, certification.Case{Kind: certification.CaseComplaint, ClientID: b.nordlicht,
		From: certification.CaseParty{Name: "A driver"}, Subject: "Audit in the Billwerder site was skipped", Received: fxDay("2026-11-01")}))
	fresh := b.id(s.ReceiveCase(h.ctx, certification.Case{Kind: certification.CaseComplaint, ClientID: b.helix,
		From: certification.CaseParty{Name: "A patient"}, Subject: "Certificate shown for a service not in scope", Received: fxDay("2026-11-23")}))

	c := cpOpen(h, b, b.sam)
	if len(c.rows) != 2 {
		t.Fatalf("%d rows, want 2", len(c.rows))
	}
	li := slices.IndexFunc(c.rows, func(r *view.CaseRow) bool { return r.ID == late })
	fi := slices.IndexFunc(c.rows, func(r *view.CaseRow) bool { return r.ID == fresh })
	if cdCell(c.table, li, 8) != "late" || cdCellImportance(c.table, li, 8) != widget.DangerImportance {
		t.Errorf("late case: %q (%v), want late in red", cdCell(c.table, li, 8), cdCellImportance(c.table, li, 8))
	}
	if cdCellImportance(c.table, li, 7) != widget.DangerImportance {
		t.Errorf("late case's deadline not in red")
	}
	if cdCell(c.table, fi, 8) != "" {
		t.Errorf("case received yesterday marked %q", cdCell(c.table, fi, 8))
	}
	if !strings.Contains(c.count.Text, "1 late") {
		t.Errorf("count %q", c.count.Text)
	}
	c.lateOnly.SetChecked(true)
	if len(c.rows) != 1 || c.rows[0].ID != late {
		t.Errorf("Late only shows %d rows", len(c.rows))
	}
	c.selectCase(late)
	if !strings.HasSuffix(c.det.status.Text, "· late") || c.det.status.Importance != widget.DangerImportance {
		t.Errorf("detail status %q (%v)", c.det.status.Text, c.det.status.Importance)
	}

	d := fxShow(h, "Dashboard").(*dashboard)
	if d.cases.count.Text != "2" || d.cases.sub.Text != "open · 1 late" || !d.cases.alert {
		t.Errorf("dashboard tile %q %q", d.cases.count.Text, d.cases.sub.Text)
	}
	test.Tap(d.cases)
	h.settle()
	if h.u.spaces[h.u.current].name() != complaintsTab {
		t.Errorf("the tile opened %s", h.u.spaces[h.u.current].name())
	}
}

// Decide… on a complaint about a certification can call for a special
// audit; Close… then waits for that audit to be named.
func TestComplaintDecidedForSpecialAudit(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	s := b.s.As(certification.Actor{PersonID: b.sam, Name: "Sam Schmidt"})
	id := b.id(s.ReceiveCase(h.ctx, certification.Case{Kind: certification.CaseComplaint, CertificationID: b.helixCert,
		From: certification.CaseParty{Name: "A regulator"}, Subject: "Data breach not reported", Received: fxDay("2026-11-20")}))
	b.ok(s.AcknowledgeCase(h.ctx, id, certification.CaseStep{}))
	b.ok(s.InvestigateCase(h.ctx, id, certification.CaseStep{Text: "The breach happened in October"}))

	c := cpOpen(h, b, b.sam)
	c.selectCase(id)
	fxTap(h, fxButton(t, h.w, "Decide…"))
	f := cpTop[*caseStepForm](h.w)
	if f == nil || f.sa == nil {
		t.Fatal("the Decide form of a complaint about a certification offers no special audit")
	}
	test.Tap(f.sa)
	test.Type(f.text, "Upheld: a special audit of the incident process")
	h.settle()
	fxTap(h, f.save)
	if got := cpCase(t, h, id); got.Decided == nil || !got.SpecialAudit {
		t.Fatalf("decided %+v, special audit %v", got.Decided, got.SpecialAudit)
	}
	if !strings.Contains(c.det.hint.Text, "special audit") {
		t.Errorf("hint %q does not ask for the special audit", c.det.hint.Text)
	}
	fxTap(h, fxButton(t, h.w, "Close…"))
	cf := cpTop[*caseStepForm](h.w)
	if cf == nil || cf.audit == nil {
		t.Fatal("the Close form asks for no special audit")
	}
	h.settle()
	if !cf.save.Disabled() || !strings.Contains(cf.problem.Text, "special audit") {
		t.Errorf("Close enabled (%v) with no special audit planned: %q", !cf.save.Disabled(), cf.problem.Text)
	}
}
