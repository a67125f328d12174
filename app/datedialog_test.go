package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// typeDate replaces a date entry's text as a user would: select it all,
// type the new date.
func typeDate(e *entry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// refusedAsFuture checks that the message on top says the date is after
// today, names the rule, and closes it.
func refusedAsFuture(t *testing.T, h *harness, date, today string) {
	t.Helper()
	msg := dialogTitled(h, "Not allowed")
	if msg == nil {
		t.Fatalf("no refusal shown for %s", date)
	}
	text := labelText(msg)
	if !strings.Contains(text, date+" is after today ("+today+")") || !strings.Contains(text, "Rule: "+certification.RuleFutureDate) {
		t.Fatalf("refusal %q does not name the date, today and the rule", text)
	}
	tapDialogButton(t, h, "OK")
}

// focusedDate is the date entry of the dialog on top labelled label,
// checked to hold want and to have the keyboard focus.
func focusedDate(t *testing.T, h *harness, label, want string) *entry {
	t.Helper()
	e := dialogField[*entry](t, h, label)
	if e.Text != want {
		t.Errorf("%s defaults to %q, want %q", label, e.Text, want)
	}
	if h.w.Canvas().Focused() != e {
		t.Errorf("%s: the focus is on %v, not in the date", label, h.w.Canvas().Focused())
	}
	return e
}

// TestAuditDateDialogsRefuseTomorrow drives the start, finish and close
// dialogs of a stage 2 planned 2026-11-23 to 26, today 2026-11-24.
func TestAuditDateDialogsRefuseTomorrow(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	ingrid := w.people["Ingrid Solberg"]
	h.u.setActor(certification.Person{ID: ingrid, Name: "Ingrid Solberg"})
	aw := h.showSpace("Audit workspace").(*auditWS)
	aw.pickTable.Select(widget.TableCellID{Row: 1, Col: 2})
	h.settle()
	id := w.audits["Kestrel s2"]
	if aw.audit == nil || aw.audit.ID != id {
		t.Fatalf("opened %+v", aw.audit)
	}
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")

	// Each step: the default is the latest date the rules allow (the
	// planned start has come; the planned end, the 26th, capped at today;
	// the report today), a date after today is refused and nothing
	// changes, the default is accepted.
	for _, s := range []struct {
		action, label, def, tomorrow, confirm string
		next                                  certification.AuditStatus
		stored                                func(*certification.Audit) certification.Date
	}{
		{"Start…", "Actual start", "2026-11-23", "2026-11-25", "Start audit", certification.AuditInProgress, func(a *certification.Audit) certification.Date { return a.ActualStart }},
		{"Finish…", "Actual last day", "2026-11-24", "2026-11-26", "Report drafted", certification.AuditReportDrafted, func(a *certification.Audit) certification.Date { return a.ActualEnd }},
		{"Close…", "Report date", "2026-11-24", "2026-11-25", "Close audit", certification.AuditClosed, func(a *certification.Audit) certification.Date { return a.ReportDate }},
	} {
		if s.action == "Finish…" {
			answerRest(t, h, aw) // only the date may stop the report
		}
		before, _ := storedAudit(t, h, id)
		tapAuditAction(t, h, aw, s.action)
		typeDate(focusedDate(t, h, s.label, s.def), s.tomorrow)
		tapDialogButton(t, h, s.confirm)
		refusedAsFuture(t, h, s.tomorrow, "2026-11-24")
		if a, _ := storedAudit(t, h, id); a.Status != before.Status || !s.stored(a).IsZero() {
			t.Fatalf("%s dated tomorrow was stored: %s, %s", s.label, a.Status, s.stored(a))
		}
		tapAuditAction(t, h, aw, s.action)
		focusedDate(t, h, s.label, s.def)
		tapDialogButton(t, h, s.confirm)
		if a, _ := storedAudit(t, h, id); a.Status != s.next || s.stored(a) != dateText(s.def) {
			t.Fatalf("after %s: %s, %s %s", s.action, a.Status, s.label, s.stored(a))
		}
	}
}

// refuseFutureDate opens a date dialog with open, checks that it offers
// today (2026-11-24) in its focused date field label, fills the rest
// (fill may be nil), types future and presses button: the
// no-future-dates refusal must name both dates.
func refuseFutureDate(t *testing.T, h *harness, open *widget.Button, label, future, button string, fill func()) {
	t.Helper()
	fxTap(h, open)
	on := focusedDate(t, h, label, "2026-11-24")
	if fill != nil {
		fill()
	}
	typeDate(on, future)
	fxTap(h, fxButton(t, h.w, button))
	refusedAsFuture(t, h, future, "2026-11-24")
}

// TestFindingDateDialogsRefuseTomorrow drives the response, acceptance
// and verification dialogs of a major, today 2026-11-24.
func TestFindingDateDialogsRefuseTomorrow(t *testing.T) {
	h, b, f := fxMajorShown(t)

	// The response: received today by default, tomorrow refused.
	fillResponse := func() {
		test.Type(dialogField[*entry](t, h, "Root cause"), "The risk method predates the bias policy.")
		test.Type(dialogField[*entry](t, h, "Corrective action"), "Risk method revised for every model release.")
	}
	refuseFutureDate(t, h, f.respond, "Received", "2026-11-25", "Record", fillResponse)
	if x := b.finding(b.acmeMajor); x.Response != nil {
		t.Fatalf("a response received tomorrow was stored: %+v", x.Response)
	}
	fxTap(h, f.respond)
	fillResponse()
	fxTap(h, fxButton(t, h.w, "Record"))

	// The acceptance: today, not before the response.
	refuseFutureDate(t, h, f.accept, "Reviewed on", "2026-11-25", "Accept", nil)
	fxTap(h, f.accept)
	fxTap(h, fxButton(t, h.w, "Accept"))
	if x := b.finding(b.acmeMajor); x.Review == nil || x.Review.On != fxDay("2026-11-24") {
		t.Fatalf("review not stored on today: %+v", x.Review)
	}

	// The verification: today by default, tomorrow refused.
	refuseFutureDate(t, h, f.verify, "Verified on", "2026-11-26", "Verify", nil)
	if x := b.finding(b.acmeMajor); x.Verification != nil {
		t.Fatalf("a verification dated after today was stored: %+v", x.Verification)
	}
	fxTap(h, f.verify)
	focusedDate(t, h, "Verified on", "2026-11-24")
	fxTap(h, fxButton(t, h.w, "Verify"))
	if x := b.finding(b.acmeMajor); x.Verification == nil || x.Verification.On != fxDay("2026-11-24") {
		t.Fatalf("verification not stored on today: %+v", x.Verification)
	}
}

// TestDecisionDatedTomorrowIsBlocked: the decision form's date defaults
// to today; typed as tomorrow, its gate blocks with the rule's message
// and Record is disabled; back on today the grant is recorded.
func TestDecisionDatedTomorrowIsBlocked(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	h.u.setActor(b.person(b.dora))
	for _, id := range []certification.ID{b.acmeMajor, b.acmeMinor} { // the file completed
		b.ok(b.s.RecordResponse(h.ctx, id, certification.Response{RootCause: "cause", Correction: "fixed", CorrectiveAction: "prevented", Received: fxDay("2026-10-10")}))
		b.ok(b.s.ReviewResponse(h.ctx, id, certification.Review{Accepted: true, On: fxDay("2026-10-20"), By: b.lena}))
	}
	b.ok(b.s.VerifyFinding(h.ctx, b.acmeMajor, certification.Verification{On: fxDay("2026-11-10"), Method: "follow-up visit", By: b.lena}))
	d := fxDecisions(t, h)
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, b.acmeCert), Col: 0})
	fxSettle(h)
	if d.date.Text != "2026-11-24" {
		t.Errorf("the decision date defaults to %q, want today", d.date.Text)
	}
	test.Type(d.reasons, "Stage 2 report reviewed; nonconformities closed.")
	typeDate(d.date, "2026-11-25")
	fxSettle(h)
	g := fxGate(t, d, certification.RuleFutureDate)
	if g.Passed || !strings.Contains(g.Detail, "2026-11-25 is after today (2026-11-24)") || !d.record.Disabled() {
		t.Fatalf("dated tomorrow: gate %+v, Record disabled %v", g, d.record.Disabled())
	}
	typeDate(d.date, "2026-11-24")
	fxSettle(h)
	if bl := fxBlocking(d); len(bl) != 0 || d.record.Disabled() {
		t.Fatalf("dated today: blocking %v, Record disabled %v", bl, d.record.Disabled())
	}
	fxTap(h, d.record)
	f, err := b.s.File(h.ctx, b.acmeCert)
	b.ok(err)
	if len(f.Decisions) != 1 || f.Decisions[0].Date != fxDay("2026-11-24") {
		t.Fatalf("decisions %+v, want the grant of today", f.Decisions)
	}
}
