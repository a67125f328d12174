package app

import (
	"context"
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// certificationForm opens a client's application for a standard.
type certificationForm struct {
	part
	u        *ui
	clientID certification.ID
	dlg      dialog.Dialog
	standard *widget.Select
	scope    *entry
	applied  *entry
	recordForm[certification.Certification]
}

// showCertificationForm opens the "Add certification" form for a client.
func showCertificationForm(u *ui, v *view.ClientDetail) {
	f := &certificationForm{u: u, clientID: v.Client.ID}
	f.read = f.certification
	held := openStandards(v)
	var options []string
	for _, s := range certification.AllStandards() {
		if !slices.Contains(held, s) {
			options = append(options, string(s))
		}
	}
	f.standard = widget.NewSelect(options, func(string) { f.validate() })
	f.standard.PlaceHolder = "Choose the standard"
	if len(options) > 0 {
		f.standard.SetSelectedIndex(0)
	}
	f.scope = u.newMultiLineEntry()
	f.scope.SetMinRowsVisible(3)
	f.scope.SetPlaceHolder("the activities, sites and products or services certified")
	f.scope.Validator = required("the scope")
	f.scope.OnChanged = func(string) { f.validate() }
	f.applied = u.newDateEntry(true)
	f.applied.SetText(u.today().String())
	f.applied.OnChanged = func(string) { f.validate() }
	buttons := f.buildButtons("Add certification", f.submit, func() { f.dlg.Hide() })

	held2 := "none"
	if len(held) > 0 {
		var hs []string
		for _, s := range held {
			hs = append(hs, string(s))
		}
		held2 = strings.Join(hs, ", ")
	}
	form := container.New(layout.NewFormLayout(),
		formKey("Standard"), f.standard,
		formKey("Scope *"), f.scope,
		formKey("Application date *"), f.applied,
	)
	body := container.NewVBox(
		formHint("Client: "+v.Client.LegalName+". Certifications already open: "+held2+"."),
		form,
	)
	f.dlg = dialog.NewCustomWithoutButtons("Add certification", f.as(f, container.NewBorder(nil, buttons, nil, nil, body)), u.win)
	f.validate()
	u.openDialog(f.dlg, 720, 360)
	u.win.Canvas().Focus(f.scope)
}

func (f *certificationForm) certification() (certification.Certification, error) {
	c := certification.Certification{ClientID: f.clientID, Scope: strings.TrimSpace(f.scope.Text)}
	if i := f.standard.SelectedIndex(); i >= 0 {
		c.Standard = certification.Standard(f.standard.Selected)
	} else {
		return c, errors.New("Choose the standard.")
	}
	if c.Scope == "" {
		return c, errors.New("Describe the scope of certification.")
	}
	if err := f.applied.Validator(f.applied.Text); err != nil {
		return c, errors.New("Application date: " + err.Error() + ".")
	}
	c.Applied = date(f.applied)
	return c, domainProblem(c.Validate())
}

// submit adds the certification off the UI goroutine. On a refusal the
// form stays open with what was typed.
func (f *certificationForm) submit() {
	f.recordForm.submit(f.u, func(c certification.Certification) command {
		return command{what: "add the certification", run: func(ctx context.Context, svc *certification.Service) error {
			_, err := svc.AddCertification(ctx, c)
			return err
		}, before: func() {
			f.validate()
			f.dlg.Hide()
		}}
	})
}
