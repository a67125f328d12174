package app

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// deadOffice is an office address where nothing listens: a desk that
// joined its body before opens on it offline.
func deadOffice(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "nats://" + addr
}

// rejoin closes the window's desk and joins the office at url again.
func rejoin(t *testing.T, h *harness, url string) {
	t.Helper()
	h.u.closeOffice()
	var joinErr error
	joined := false
	h.u.joinOffice(joinForTest, Office{URL: url}, func(err error) { joinErr, joined = err, true })
	h.settle()
	if !joined || joinErr != nil || h.u.office.desk == nil {
		t.Fatalf("joining %s: joined %v, %v", url, joined, joinErr)
	}
}

// A window on a desk that joined the body goes offline: two findings
// recorded there wait, and the status line says so. Meanwhile another
// desk cancels their audit. When the desk is back, the body refuses
// both: the status line and a dashboard badge say so, and the review
// list shows each with its rule and its values. One is re-done with
// changes on another audit (the add-finding form filled in with its
// values), the other discarded: the list is empty,
// and the body's journal ends with the finding and the discard.
func TestRefusedOfflineFindingsOnTheReviewList(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	o, deskA, dbA, fx := fixtureBody(t, ctx)
	h := newHarness(t, fx.AsOf.String())
	h.u.setActor(certification.Person{ID: fx.Lead, Name: "Lena Lindqvist"})
	rejoin(t, h, o.URL())
	t.Cleanup(h.u.closeOffice)

	rejoin(t, h, deadOffice(t))
	const seen = "Ελληνικά: the impact assessment of the chatbot is missing"
	for _, x := range []certification.Finding{
		{AuditID: fx.Integrated9001, Grade: certification.Minor, Reference: "7.5", Requirement: "7.5.1 documented information", Evidence: seen},
		{AuditID: fx.Integrated9001, Grade: certification.OFI, Reference: "7.5", Evidence: "second, to discard"},
	} {
		if _, err := h.u.svc().RecordFinding(ctx, x); err != nil {
			t.Fatalf("offline: %v", err)
		}
	}
	h.u.showOfficeStatus()
	if s := h.u.office.status.Text; !strings.Contains(s, "Offline — 2 changes waiting") {
		t.Fatalf("status line offline: %q", s)
	}
	h.capture("office-offline-waiting")

	// The office's desk cancels the integrated audit (both its parts) and
	// starts the follow-up visit early.
	cancelled, started, today := certification.AuditCancelled, certification.AuditInProgress, fx.AsOf
	atHQ := certification.NewService(deskA.Store(), fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	if err := atHQ.ChangeAudit(ctx, fx.Integrated9001, certification.AuditChange{Status: &cancelled}); err != nil {
		t.Fatal(err)
	}
	if err := atHQ.ChangeAudit(ctx, fx.FollowUp, certification.AuditChange{ActualStart: &today, Status: &started}); err != nil {
		t.Fatal(err)
	}
	rejoin(t, h, o.URL())
	if s := h.u.office.status.Text; !strings.Contains(s, "2 changes refused by the body") || h.u.office.desk.Waiting() != 0 {
		t.Fatalf("status line after rejoining: %q (%d waiting)", s, h.u.office.desk.Waiting())
	}

	// The dashboard's badge opens the review list.
	dash := h.showSpace("Dashboard").(*dashboard)
	h.settle()
	badge := findButton(dash.content(), "2 changes refused by the body — review")
	if badge == nil || !badge.Visible() {
		t.Fatal("no badge on the dashboard for the 2 refused changes")
	}
	test.Tap(badge)
	h.settle()
	list := partOnTop[*reviewList](t, h, "review list")
	text := labelText(list)
	for _, want := range []string{"Refused by rule " + certification.RuleAuditNotOpen, "Grade: Minor", "Clause or control: 7.5", "Requirement: 7.5.1 documented information", "Objective evidence: " + seen, "made by Lena Lindqvist"} {
		if !strings.Contains(text, want) {
			t.Fatalf("the review list does not say %q:\n%s", want, text)
		}
	}
	h.capture("office-review-list")

	// The first re-done with changes on the follow-up visit, the one
	// audit open now.
	tapIn(t, h, list, "Re-do with changes…", 0)
	pick := dialogField[*widget.Select](t, h, "Audit")
	if len(pick.Options) != 1 || !strings.HasPrefix(pick.Selected, fx.FollowUp.String()+" — ") {
		t.Fatalf("the audits offered are %q, want the follow-up %d", pick.Options, fx.FollowUp)
	}
	tapDialogButton(t, h, "Open the form")
	if dialogTitled(h, "Record the refused finding again") == nil {
		t.Fatal("the add-finding form did not open with the refused finding")
	}
	if ev := dialogField[*shortcutEntry](t, h, "Objective evidence"); ev.Text != seen {
		t.Fatalf("the form's evidence is %q, want the refused finding's", ev.Text)
	}
	dialogField[*shortcutEntry](t, h, "Requirement").SetText("7.5.1 documented information, AI system impact assessment")
	tapDialogButton(t, h, "Record finding")

	// The second discarded.
	h.u.reviewMenu()
	h.settle()
	list = partOnTop[*reviewList](t, h, "review list")
	if n := len(findAll(list, func(b *widget.Button) bool { return b.Text == "Discard…" })); n != 1 {
		t.Fatalf("%d changes on the review list after re-doing one, want 1", n)
	}
	tapIn(t, h, list, "Discard…", 0)
	tapDialogButton(t, h, "Discard")
	if left, err := h.u.office.desk.Reviews(ctx); err != nil || len(left) != 0 {
		t.Fatalf("%d left on the review list (%v)", len(left), err)
	}
	if text := labelText(list); !strings.Contains(text, "No change waits for review") {
		t.Fatalf("the review list after the discard: %s", text)
	}
	if _, err := deskA.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	head, _ := dbA.Head(ctx)
	var last []certification.JournalEntry
	if err := dbA.Journal(ctx, head.Seq-1, func(e certification.JournalEntry) error { last = append(last, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(last) != 2 || last[0].Command != "record-finding" || !strings.Contains(string(last[0].Args), "AI system impact assessment") ||
		last[1].Command != "discard-change" || !strings.Contains(string(last[1].Args), "second, to discard") {
		t.Fatalf("the body's journal ends with %+v; want the re-done finding, then the discard", last)
	}
	h.u.showOfficeStatus()
	if s := h.u.office.status.Text; strings.Contains(s, "refused") || badge.Visible() {
		t.Fatalf("after the review: status %q, badge shown %v", s, badge.Visible())
	}
}

// tapIn taps the i-th button labelled text under o.
func tapIn(t *testing.T, h *harness, o fyne.CanvasObject, text string, i int) {
	t.Helper()
	bs := findAll(o, func(b *widget.Button) bool { return b.Text == text })
	if len(bs) <= i {
		t.Fatalf("%d buttons %q, want more than %d", len(bs), text, i)
	}
	test.Tap(bs[i])
	h.settle()
}
