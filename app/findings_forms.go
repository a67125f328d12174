package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Verification methods the body records (Verification.Method).
var verifyMethods = []string{"documents", "follow-up visit", "next audit"}

// findingForm holds the fields of an open workflow dialog.
type findingForm struct {
	received, corrBy, actBy *entry
	rootCause, correction   *entry
	action, comment, notes  *entry
	on                      *entry
	method                  *widget.Select
}

// showResponseForm records (or revises) the client's response.
func (f *findingsSpace) showResponseForm() {
	if f.det == nil {
		return
	}
	x := f.det.x
	u := f.u
	ff := &findingForm{}
	ff.received = u.newDateEntry(true)
	ff.received.SetText(u.today().String())
	notBefore(ff.received, x.Raised, "the finding was raised")
	ff.rootCause = u.newMultiLineEntry()
	ff.rootCause.SetMinRowsVisible(3)
	ff.rootCause.Validator = required("the root cause")
	ff.correction = u.newMultiLineEntry()
	ff.correction.SetMinRowsVisible(3)
	ff.corrBy = u.newDateEntry(false)
	ff.action = u.newMultiLineEntry()
	ff.action.SetMinRowsVisible(3)
	ff.action.Validator = required("the corrective action")
	ff.actBy = u.newDateEntry(false)
	if r := x.Response; r != nil {
		ff.rootCause.SetText(r.RootCause)
		ff.correction.SetText(r.Correction)
		ff.corrBy.SetText(r.CorrectionDate.String())
		ff.action.SetText(r.CorrectiveAction)
		ff.actBy.SetText(r.ActionDate.String())
	}
	items := []*widget.FormItem{
		{Text: "Received", Widget: ff.received, HintText: "The date the client's response arrived"},
		{Text: "Root cause", Widget: ff.rootCause, HintText: "Why the nonconformity happened"},
		{Text: "Correction", Widget: ff.correction, HintText: "What fixes this occurrence"},
		{Text: "Correction by", Widget: ff.corrBy, HintText: "Planned date (optional)"},
		{Text: "Corrective action", Widget: ff.action, HintText: "What removes the cause so it does not recur"},
		{Text: "Action by", Widget: ff.actBy, HintText: "Planned date (optional)"},
	}
	id := x.ID
	title := fmt.Sprintf("Client's response to %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
	u.formDialog(title, "Record", items, func() {
		r := certification.Response{
			RootCause: strings.TrimSpace(ff.rootCause.Text), Correction: strings.TrimSpace(ff.correction.Text),
			CorrectiveAction: strings.TrimSpace(ff.action.Text), CorrectionDate: date(ff.corrBy),
			ActionDate: date(ff.actBy), Received: date(ff.received),
		}
		u.do(command{what: "record the response", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.RecordResponse(ctx, id, r)
		}, actor: true})
	}, fyne.NewSize(680, 640))
	primeFormValidation(items)
	u.focusDate(ff.received) // datedialog.go
}

// findingFormOn starts a review or verification form: its date, today by
// default (the latest no-future-dates allows), may not be before the step
// it follows (since, described by what).
func (u *ui) findingFormOn(since certification.Date, what string) *findingForm {
	ff := &findingForm{on: u.newDateEntry(true)}
	ff.on.SetText(u.today().String())
	notBefore(ff.on, since, what)
	return ff
}

// showReviewForm accepts or rejects the client's response.
func (f *findingsSpace) showReviewForm(accept bool) {
	if f.det == nil || f.det.x.Response == nil {
		return
	}
	x := f.det.x
	u := f.u
	ff := u.findingFormOn(x.Response.Received, "the response was received")
	ff.comment = u.newMultiLineEntry()
	ff.comment.SetMinRowsVisible(3)
	title, confirm, hint := "Accept the response", "Accept", "Optional: what the acceptance rests on"
	if x.Grade == certification.Major {
		hint = "Optional. The correction must still be verified before a decision"
	}
	if !accept {
		title, confirm, hint = "Reject the response", "Reject", "Required: what the client must improve"
		ff.comment.Validator = required("a comment")
	}
	title += fmt.Sprintf(" to %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
	items := []*widget.FormItem{
		{Text: "Reviewed on", Widget: ff.on},
		{Text: "Comment", Widget: ff.comment, HintText: hint},
	}
	id := x.ID
	u.formDialog(title, confirm, items, func() {
		rv := certification.Review{Accepted: accept, On: date(ff.on), Comment: strings.TrimSpace(ff.comment.Text)}
		u.do(command{what: "review the response", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.ReviewResponse(ctx, id, rv)
		}, actor: true})
	}, fyne.NewSize(600, 380))
	primeFormValidation(items)
	u.focusDate(ff.on)
}

// confirmEscalate raises an overdue minor to a major after confirmation.
func (f *findingsSpace) confirmEscalate() {
	if f.det == nil {
		return
	}
	x := f.det.x
	id := x.ID
	msg := fmt.Sprintf("Minor NC #%d (%s) is unanswered since its response was due on %s.\n\nEscalate it to a major nonconformity? It will then need verification before any grant, renewal or maintain decision. The body's policy (Settings › Policies) must allow escalation.", x.Number, x.Reference, x.ResponseDue)
	d := dialog.NewConfirm("Escalate to major", msg, func(yes bool) {
		if !yes {
			return
		}
		f.u.do(command{what: "escalate the finding", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.EscalateFinding(ctx, id, 0)
		}, actor: true})
	}, f.u.win)
	f.u.showDialog(d)
}

// showVerifyForm records the verification of the corrective action.
func (f *findingsSpace) showVerifyForm() {
	if f.det == nil || f.det.x.Review == nil {
		return
	}
	x := f.det.x
	u := f.u
	ff := u.findingFormOn(x.Review.On, "the response was accepted")
	ff.method = widget.NewSelect(verifyMethods, nil)
	if x.Grade == certification.Major {
		ff.method.SetSelected("documents")
	} else {
		ff.method.SetSelected("next audit")
	}
	ff.notes = u.newMultiLineEntry()
	ff.notes.SetMinRowsVisible(3)
	items := []*widget.FormItem{
		{Text: "Verified on", Widget: ff.on},
		{Text: "Method", Widget: ff.method, HintText: "How the body checked that the corrective action works"},
		{Text: "Notes", Widget: ff.notes, HintText: "What was seen (records, interviews, the visit)"},
	}
	id := x.ID
	title := fmt.Sprintf("Verify the correction of %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
	u.formDialog(title, "Verify", items, func() {
		v := certification.Verification{On: date(ff.on), Method: ff.method.Selected, Notes: strings.TrimSpace(ff.notes.Text)}
		u.do(command{what: "verify the finding", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.VerifyFinding(ctx, id, v)
		}, actor: true})
	}, fyne.NewSize(600, 400))
	primeFormValidation(items)
	u.focusDate(ff.on)
}
