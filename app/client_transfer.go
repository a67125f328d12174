package app

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Transfer… on a client's certification card: the pre-transfer review of
// the certificate the client arrives with from another body (IAF MD 2;
// certification/transfer.go), recorded by the journalled command
// review-transfer before the body's first decision. The committee then
// takes the certificate over in Decisions (Accept transfer), where the
// transfer's gates show.

// transferForm is the review's fields.
type transferForm struct {
	body, number, accBody, documents, conclusion *entry
	start, expiry, reviewed, visit               *entry
	accredited                                   *widget.Check
	status, surveillances, reviewer              *widget.Select
	reviewers                                    []certification.Person
}

// showTransfer reads the register (the reviewer is chosen from it), then
// opens the pre-transfer review of certification c.
func (p *clientPage) showTransfer(c certification.Certification) {
	query(p.c.u, "the register", func(ctx context.Context, svc *certification.Service) ([]certification.Person, error) {
		return view.People(ctx, svc)
	}, func(people []certification.Person) { p.transferDialog(c, people) })
}

// transferDialog is the pre-transfer review of certification c, filled
// with the one recorded, if any.
func (p *clientPage) transferDialog(c certification.Certification, people []certification.Person) {
	u := p.c.u
	f := &transferForm{body: u.newEntry(), number: u.newEntry(), accBody: u.newEntry(), documents: u.newMultiLineEntry(), conclusion: u.newMultiLineEntry(),
		start: u.newDateEntry(true), expiry: u.newDateEntry(true), reviewed: u.newDateEntry(true), visit: u.newDateEntry(false),
		accredited: widget.NewCheck("An accreditation (of an IAF MLA signatory) covers the certificate", nil)}
	f.body.Validator, f.number.Validator, f.accBody.Validator = required("the issuing body"), required("the certificate number"), required("the accreditation body")
	f.documents.Validator, f.conclusion.Validator = required("what was reviewed"), required("the conclusion")
	f.documents.SetPlaceHolder("The last audit reports, open nonconformities and their status, complaints, the scope")
	var statuses []string
	for _, s := range certification.PreviousStatuses {
		statuses = append(statuses, string(s))
	}
	f.status = widget.NewSelect(statuses, nil)
	f.surveillances = widget.NewSelect([]string{"0", "1", "2"}, nil)
	var names []string
	for _, r := range people {
		if !r.Inactive {
			f.reviewers = append(f.reviewers, r)
			names = append(names, r.Name)
		}
	}
	f.reviewer = widget.NewSelect(names, nil)
	f.fill(c.Transfer, u)
	items := []*widget.FormItem{
		{Text: "Issuing body", Widget: f.body}, {Text: "Certificate number", Widget: f.number},
		{Text: "Accreditation body", Widget: f.accBody}, {Text: "Accredited", Widget: f.accredited},
		{Text: "Status with its body", Widget: f.status, HintText: "Only a valid certificate can be transferred"},
		{Text: "Cycle start", Widget: f.start, HintText: "The day its current cycle counts its anniversaries from"},
		{Text: "Expiry", Widget: f.expiry, HintText: "Carries over to this body's certificate"},
		{Text: "Surveillances done", Widget: f.surveillances, HintText: "By the previous body in the current cycle"},
		{Text: "Reviewed on", Widget: f.reviewed}, {Text: "Reviewed by", Widget: f.reviewer, HintText: "Someone else decides on the transfer"},
		{Text: "Documents reviewed", Widget: f.documents}, {Text: "Pre-transfer visit", Widget: f.visit, HintText: "Where one was needed"},
		{Text: "Conclusion", Widget: f.conclusion},
	}
	// A form taller than a laptop's window: it scrolls, with its own
	// buttons (Record review enabled once every field is valid).
	form := widget.NewForm(items...)
	form.SubmitText, form.CancelText = "Record review", "Cancel"
	d := dialog.NewCustomWithoutButtons("Pre-transfer review: "+string(c.Standard), container.NewVScroll(form), u.win)
	id := c.ID
	form.OnCancel = d.Hide
	form.OnSubmit = func() {
		d.Hide()
		r := f.review()
		u.do(command{what: "record the pre-transfer review", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.ReviewTransfer(ctx, id, r)
		}, actor: true})
	}
	u.openDialog(d, 720, min(680, u.win.Canvas().Size().Height-40))
	u.win.Canvas().Focus(f.body)
}

// fill shows review t, or a blank review made today by the person
// working.
func (f *transferForm) fill(t *certification.TransferReview, u *ui) {
	if t == nil {
		t = &certification.TransferReview{Status: certification.PreviousValid, Accredited: true, Reviewed: u.today(), ReviewerID: u.actor.PersonID}
	}
	f.body.SetText(t.PreviousBody)
	f.number.SetText(t.CertificateNumber)
	f.accBody.SetText(t.AccreditationBody)
	f.accredited.SetChecked(t.Accredited)
	f.status.SetSelected(string(t.Status))
	f.surveillances.SetSelected(strconv.Itoa(t.Surveillances))
	for _, d := range []struct {
		e *entry
		v certification.Date
	}{{f.start, t.CycleStart}, {f.expiry, t.Expiry}, {f.reviewed, t.Reviewed}, {f.visit, t.Visit}} {
		if !d.v.IsZero() {
			d.e.SetText(d.v.String())
		}
	}
	for _, r := range f.reviewers {
		if r.ID == t.ReviewerID {
			f.reviewer.SetSelected(r.Name)
		}
	}
	f.documents.SetText(t.Documents)
	f.conclusion.SetText(t.Conclusion)
}

// review is what the form holds; the domain checks it.
func (f *transferForm) review() certification.TransferReview {
	n, _ := strconv.Atoi(f.surveillances.Selected)
	r := certification.TransferReview{PreviousBody: f.body.Text, CertificateNumber: f.number.Text, AccreditationBody: f.accBody.Text,
		Accredited: f.accredited.Checked, Status: certification.PreviousStatus(f.status.Selected), CycleStart: date(f.start), Expiry: date(f.expiry),
		Surveillances: n, Reviewed: date(f.reviewed), Visit: date(f.visit), Documents: f.documents.Text, Conclusion: f.conclusion.Text}
	for _, p := range f.reviewers {
		if p.Name == f.reviewer.Selected {
			r.ReviewerID = p.ID
		}
	}
	return r
}

// transferText is the review as the certification card and the
// decision's file show it; nameOf names a person ("" if unknown).
func transferText(t *certification.TransferReview, nameOf func(certification.ID) string) string {
	acc := "not accredited"
	if t.Accredited {
		acc = "accredited by " + t.AccreditationBody
	}
	who := nameOf(t.ReviewerID)
	if who == "" {
		who = fmt.Sprintf("person %d", t.ReviewerID)
	}
	return strings.Join([]string{fmt.Sprintf("from %s, certificate %s (%s, %s)", t.PreviousBody, t.CertificateNumber, t.Status, acc),
		fmt.Sprintf("cycle %s to %s", t.CycleStart, t.Expiry), fmt.Sprintf("reviewed %s by %s", t.Reviewed, who)}, "  ·  ")
}
