package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// caseStepInput is what a step form records: the step, and for a
// complaint's decision whether it calls for a special audit, for its
// closing the special audit planned.
type caseStepInput struct {
	st      certification.CaseStep
	special bool
	auditID certification.ID
}

// caseStepForm takes the next step of a case (Acknowledge…,
// Investigate…, Decide…, Close…). The domain checks the step as the
// user types (CheckCaseStep); whether the person chosen was involved in
// what the case is about is its answer on saving, shown in a dialog
// while the form stays open with what was typed.
type caseStepForm struct {
	part
	recordForm[caseStepInput]
	u      *ui
	row    view.CaseRow
	step   certification.CaseStatus
	dlg    dialog.Dialog
	on     *entry
	by     *widget.Select
	byIDs  []certification.ID
	text   *entry
	sa     *widget.Check
	audit  *widget.Select
	audits []certification.ID
	// textLabel names the text field (Note, Summary *, Decision *).
	textLabel string
}

// showCaseStepForm opens the form of step s of the case in row.
func showCaseStepForm(u *ui, row *view.CaseRow, s certification.CaseStatus, people []certification.Person) *caseStepForm {
	f := &caseStepForm{u: u, row: *row, step: s}
	f.read = f.input
	f.on = u.newDateEntry(true)
	f.on.SetText(u.today().String())
	f.on.OnChanged = func(string) { f.validate() }
	var names []string
	for _, p := range activePeople(people, u.actor.PersonID) {
		names = append(names, p.Name)
		f.byIDs = append(f.byIDs, p.ID)
	}
	f.by = widget.NewSelect(names, func(string) { f.validate() })
	f.by.PlaceHolder = "who took the step"
	for i, id := range f.byIDs {
		if id == u.actor.PersonID {
			f.by.SetSelectedIndex(i)
		}
	}
	f.text = u.newMultiLineEntry()
	f.text.SetMinRowsVisible(4)
	f.text.OnChanged = func(string) { f.validate() }
	textLabel, hint := "Note", "A note (optional)"
	switch s {
	case certification.CaseInvestigated:
		textLabel, hint = "Summary *", "What the investigation found"
	case certification.CaseDecided:
		textLabel, hint = "Decision *", "The decision and its reasons"
	}
	f.textLabel = textLabel
	f.text.SetPlaceHolder(hint)
	objs := []fyne.CanvasObject{formKey("Date *"), f.on, formKey("By *"), f.by, formKey(textLabel), f.text}
	if s == certification.CaseDecided && row.Kind == certification.CaseComplaint && row.CertificationID != 0 {
		f.sa = widget.NewCheck(fmt.Sprintf("Calls for a special audit of certification %d", row.CertificationID), func(bool) { f.validate() })
		objs = append(objs, formKey("Special audit"), f.sa)
	}
	if s == certification.CaseClosed && row.SpecialAudit {
		f.audit = widget.NewSelect(nil, func(string) { f.validate() })
		f.audit.PlaceHolder = "the special audit planned"
		objs = append(objs, formKey("Special audit *"), f.audit)
		f.loadAudits()
	}
	title := fmt.Sprintf("%s %s %d", caseStatusText(s.Verb()), row.Kind, row.ID)
	buttons := f.buildButtons(caseStatusText(s.Verb()), f.submit, func() { f.dlg.Hide() })
	body := container.NewVBox(formHint(fmt.Sprintf("%s from %s, received %s: %s", row.Kind.Label(), row.From.Name, row.Received, shorten(row.Subject, 120))),
		container.New(layout.NewFormLayout(), objs...))
	f.dlg = dialog.NewCustomWithoutButtons(title, f.as(f, container.NewBorder(nil, buttons, nil, nil, body)), u.win)
	f.validate()
	u.openDialog(f.dlg, 640, 420)
	u.focusDate(f.on) // datedialog.go
	return f
}

// loadAudits offers the special audits of the case's certification.
func (f *caseStepForm) loadAudits() {
	cert := f.row.CertificationID
	query(f.u, "the certification", func(ctx context.Context, svc *certification.Service) (*certification.File, error) {
		return svc.File(ctx, cert)
	}, func(file *certification.File) {
		var opts []string
		f.audits = nil
		for _, a := range file.Audits {
			if a.Kind == certification.Special && a.Status != certification.AuditCancelled {
				opts = append(opts, fmt.Sprintf("audit %d, %s from %s", a.ID, a.Kind.Label(), a.Start()))
				f.audits = append(f.audits, a.ID)
			}
		}
		f.audit.Options = opts
		if len(opts) == 1 {
			f.audit.SetSelectedIndex(0)
		}
		f.audit.Refresh()
		f.validate()
	})
}

// input reads the fields; the first problem is the domain's
// (certification.CheckCaseStep, CheckSpecialAudit's need of an audit).
func (f *caseStepForm) input() (caseStepInput, error) {
	var in caseStepInput
	if err := f.on.Validator(f.on.Text); err != nil {
		return in, errors.New("Date: " + err.Error() + ".")
	}
	in.st = certification.CaseStep{Date: date(f.on), Text: strings.TrimSpace(f.text.Text)}
	if i := f.by.SelectedIndex(); i >= 0 && i < len(f.byIDs) {
		in.st.PersonID = f.byIDs[i]
	}
	if f.sa != nil {
		in.special = f.sa.Checked
	}
	if f.audit != nil {
		if i := f.audit.SelectedIndex(); i >= 0 && i < len(f.audits) {
			in.auditID = f.audits[i]
		}
	}
	c := f.row.Case
	if err := certification.CheckCaseStep(&c, f.step, in.st, f.u.today()); err != nil {
		var re *certification.RuleError
		var ve *certification.ValidationError
		switch {
		case errors.As(err, &re):
			return in, errors.New(sentence(re.Msg))
		case errors.As(err, &ve) && strings.HasSuffix(ve.Field, ".person_id"): // the form's words for the domain's flag
			return in, errors.New("Choose who took the step.")
		case errors.As(err, &ve) && strings.HasSuffix(ve.Field, ".text"):
			return in, fmt.Errorf("Write the %s.", strings.ToLower(strings.TrimSuffix(f.textLabel, " *")))
		}
		return in, domainProblem(err)
	}
	if f.audit != nil && in.auditID == 0 {
		return in, errors.New("Choose the special audit planned (plan it in the Audit programme first).")
	}
	return in, nil
}

func (f *caseStepForm) submit() {
	id, step := f.row.ID, f.step
	f.recordForm.submit(f.u, func(in caseStepInput) command {
		return command{what: step.Verb() + " the " + string(f.row.Kind), run: func(ctx context.Context, svc *certification.Service) error {
			switch step {
			case certification.CaseAcknowledged:
				return svc.AcknowledgeCase(ctx, id, in.st)
			case certification.CaseInvestigated:
				return svc.InvestigateCase(ctx, id, in.st)
			case certification.CaseDecided:
				return svc.DecideCase(ctx, id, in.st, in.special)
			}
			return svc.CloseCase(ctx, id, in.st, in.auditID)
		}, before: func() { f.dlg.Hide() }, actor: true}
	})
}
