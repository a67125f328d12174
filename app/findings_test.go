package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

func fxFindings(t *testing.T, h *harness) *findingsSpace {
	t.Helper()
	return fxShow(h, "Findings").(*findingsSpace)
}

// fxMajorShown opens the findings register of the fixture's body as
// Lena, with Acme's major (awaiting a response) in the detail pane.
func fxMajorShown(t *testing.T) (*harness, *fxBody, *findingsSpace) {
	t.Helper()
	h := fxHarness(t)
	b := newFxBody(h)
	h.u.setActor(b.person(b.lena))
	f := fxFindings(t, h)
	f.table.Select(widget.TableCellID{Row: fxRowOf(t, f, b.acmeMajor), Col: 0})
	fxSettle(h)
	if f.det == nil || f.det.x.ID != b.acmeMajor {
		t.Fatal("the major is not shown in the detail pane")
	}
	return h, b, f
}

// fxRowOf returns the index of a finding in the shown rows.
func fxRowOf(t *testing.T, f *findingsSpace, id certification.ID) int {
	t.Helper()
	return fxIndex(t, f.rows, func(r *view.FindingRow) bool { return r.ID == id }, "finding %d is not shown", id)
}

func TestFindingsRegisterFilters(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	f := fxFindings(t, h)

	// Open findings only: the three NCs of Acme and Kestrel's two, and
	// Nordlicht's minor; OFIs and observations need nothing.
	if len(f.rows) != 5 {
		t.Fatalf("%d open findings shown, want 5: %v", len(f.rows), f.rows)
	}
	if got := f.count.Text; got != "5 open findings, 3 late" {
		t.Errorf("count = %q", got)
	}
	test.Type(f.search, "acme")
	if len(f.rows) != 2 {
		t.Errorf("search acme: %d rows, want 2", len(f.rows))
	}
	f.search.SetText("")
	f.grade.SetSelected(certification.Major.Label())
	if len(f.rows) != 2 {
		t.Errorf("majors: %d rows, want 2", len(f.rows))
	}
	f.grade.SetSelected(allGrades)
	test.Tap(f.lateOnly)
	for _, r := range f.rows {
		if !r.Late {
			t.Errorf("late only shows %s #%d, not late", r.ClientName, r.Number)
		}
	}
	if len(f.rows) != 3 {
		t.Errorf("late only: %d rows, want 3", len(f.rows))
	}
	test.Tap(f.lateOnly)

	// All findings, including the OFI and the observation.
	test.Tap(f.openOnly)
	fxSettle(h)
	if len(f.all) < 7 {
		t.Errorf("all findings: %d, want at least 7", len(f.all))
	}
	f.status.SetSelected(findingStatusFilterText(certification.FindingNoAction))
	if len(f.rows) != 2 {
		t.Errorf("no-action findings: %d, want 2 (Acme's OFI, Nordlicht's observation)", len(f.rows))
	}
	_ = b
}

func TestFindingsRespondAcceptVerifyMajor(t *testing.T) {
	h, b, f := fxMajorShown(t) // Acme's major
	if !strings.Contains(f.detStatus.Text, "Awaiting response") || !strings.Contains(f.detStatus.Text, "late") {
		t.Errorf("status %q, want awaiting response and late", f.detStatus.Text)
	}
	if f.respond.Disabled() || !f.accept.Disabled() || !f.reject.Disabled() || !f.verify.Disabled() {
		t.Error("awaiting a response: only Record response should be enabled")
	}
	fxCapture(h, "findings-register-detail")

	// The client's response, typed into the form.
	fxTap(h, f.respond)
	if ok := fxButton(t, h.w, "Record"); !ok.Disabled() {
		t.Error("Record is enabled before the root cause and corrective action are written")
	}
	test.Type(dialogField[*entry](t, h, "Root cause"), "The risk assessment method predates the bias policy.")
	test.Type(dialogField[*entry](t, h, "Correction"), "Bias assessment added to the register for model 4.2.")
	test.Type(dialogField[*entry](t, h, "Corrective action"), "Risk method revised to cover bias for every model release; training for the data science team.")
	test.Type(dialogField[*entry](t, h, "Action by"), "2026-12-15")
	fxCapture(h, "findings-response-form")
	fxTap(h, fxButton(t, h.w, "Record"))
	x := b.finding(b.acmeMajor)
	if x.Response == nil || !strings.HasPrefix(x.Response.RootCause, "The risk assessment method") || x.Response.ActionDate != fxDay("2026-12-15") {
		t.Fatalf("response not stored: %+v", x.Response)
	}
	if x.Response.Received != fxDay("2026-11-24") {
		t.Errorf("received %s, want today", x.Response.Received)
	}
	if f.det.x.Status() != certification.FindingResponded || f.accept.Disabled() || f.reject.Disabled() || !f.verify.Disabled() {
		t.Errorf("after the response: status %s; accept/reject should be enabled, verify not", f.det.x.Status())
	}

	// The body accepts it.
	fxTap(h, f.accept)
	test.Type(dialogField[*entry](t, h, "Comment"), "Root cause convincing; plan covers every release.")
	fxTap(h, fxButton(t, h.w, "Accept"))
	x = b.finding(b.acmeMajor)
	if x.Review == nil || !x.Review.Accepted || x.Review.By != b.lena {
		t.Fatalf("review not stored as accepted by Lena: %+v", x.Review)
	}
	if f.verify.Disabled() || !f.respond.Disabled() || !f.accept.Disabled() {
		t.Error("after acceptance only Verify should be enabled")
	}

	// And verifies the correction by a follow-up visit.
	fxTap(h, f.verify)
	dialogField[*widget.Select](t, h, "Method").SetSelected("follow-up visit")
	test.Type(dialogField[*entry](t, h, "Notes"), "Bias assessment seen for releases 4.2 and 4.3.")
	fxTap(h, fxButton(t, h.w, "Verify"))
	x = b.finding(b.acmeMajor)
	if x.Verification == nil || x.Verification.Method != "follow-up visit" || x.Verification.By != b.lena || x.Verification.On != fxDay("2026-11-24") {
		t.Fatalf("verification not stored: %+v", x.Verification)
	}
	if f.det == nil || f.det.x.Status() != certification.FindingVerified {
		t.Error("the detail pane does not show the verified finding")
	}
	if !f.respond.Disabled() || !f.accept.Disabled() || !f.reject.Disabled() || !f.verify.Disabled() {
		t.Error("a verified finding allows no further step")
	}
	// Verified majors leave the open register.
	for _, r := range f.rows {
		if r.ID == b.acmeMajor {
			t.Error("the verified major is still listed among open findings")
		}
	}
}

func TestFindingsRejectNeedsComment(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	h.u.setActor(b.person(b.lena))
	ok := b.s.RecordResponse(h.ctx, b.nordMinor, certification.Response{RootCause: "Training records not tracked",
		Correction: "Drivers retrained", CorrectiveAction: "Training matrix in the HR system", Received: fxDay("2026-11-20")})
	b.ok(ok)
	f := fxFindings(t, h)
	f.open(recordRef{certification.KindFinding, b.nordMinor})
	fxSettle(h)
	fxTap(h, f.reject)
	if !fxButton(t, h.w, "Reject").Disabled() {
		t.Error("Reject is enabled without a comment")
	}
	test.Type(dialogField[*entry](t, h, "Comment"), "The matrix does not cover subcontracted drivers.")
	fxTap(h, fxButton(t, h.w, "Reject"))
	x := b.finding(b.nordMinor)
	if x.Review == nil || x.Review.Accepted {
		t.Fatalf("rejection not stored: %+v", x.Review)
	}
	if f.respond.Disabled() || !f.accept.Disabled() {
		t.Error("after a rejection the client's new response is what is expected")
	}
	if f.respond.Text != "Record response…" {
		t.Errorf("respond button %q", f.respond.Text)
	}
}
