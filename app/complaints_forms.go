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

// caseForm is the "New complaint…" and "New appeal…" form: who made it,
// the client it is about (picked from the client list), the
// certification (a complaint, optional) or the decision (an appeal), what
// it is about, and the day it was received. A refusal keeps it open with
// what was typed.
type caseForm struct {
	part
	recordForm[certification.Case]
	u    *ui
	kind certification.CaseKind
	dlg  dialog.Dialog

	from, org, contact *entry
	clientQ            *entry
	clients            []view.ClientRow
	found              []view.ClientRow
	matches            *widget.List
	matchInfo          *widget.Label
	matchBox           *fyne.Container // hidden once a client is chosen
	clientID           certification.ID
	chosen             *widget.Label
	ref                *widget.Select // certification (complaint) or decision (appeal)
	refIDs             []certification.ID
	subject            *entry
	received           *entry
}

// showCaseForm opens the form for a new case of kind k.
func showCaseForm(u *ui, k certification.CaseKind) *caseForm {
	f := &caseForm{u: u, kind: k}
	f.read = f.record
	changed := func(string) { f.validate() }
	f.from = u.newEntry()
	f.from.SetPlaceHolder("a person's name (or an organisation's)")
	f.from.OnChanged = changed
	f.org = u.newEntry()
	f.org.SetPlaceHolder("their organisation (optional)")
	f.contact = u.newEntry()
	f.contact.SetPlaceHolder("e-mail, phone or address (optional)")
	f.clientQ = u.newEntry()
	f.clientQ.SetPlaceHolder("type part of the client's name")
	f.clientQ.OnChanged = func(string) { f.clientTyped() }
	f.clientQ.OnSubmitted = func(string) {
		if len(f.found) > 0 {
			f.chooseClient(f.found[0])
		}
	}
	f.matches, f.matchInfo, f.matchBox = newClientMatchList(&f.found, 110, f.chooseClient)
	f.chosen = widget.NewLabel("No client chosen.")
	f.chosen.Importance = widget.LowImportance
	f.ref = widget.NewSelect(nil, func(string) { f.validate() })
	refLabel := "Certification"
	f.ref.PlaceHolder = "(optional) the certification it is about"
	if k == certification.CaseAppeal {
		refLabel = "Decision *"
		f.ref.PlaceHolder = "the decision appealed against"
	}
	f.ref.Disable()
	f.subject = u.newMultiLineEntry()
	f.subject.SetMinRowsVisible(3)
	f.subject.SetPlaceHolder("what the " + string(k) + " is about")
	f.subject.OnChanged = changed
	f.received = u.newDateEntry(true)
	f.received.SetText(u.today().String())
	f.received.OnChanged = changed
	title := "New " + string(k)
	buttons := f.buildButtons("Record "+string(k), f.submit, func() { f.dlg.Hide() })
	form := container.New(layout.NewFormLayout(),
		formKey("From *"), f.from,
		formKey("Organisation"), f.org,
		formKey("Contact"), f.contact,
		formKey("Client *"), container.NewVBox(f.clientQ, f.matchBox, f.chosen),
		formKey(refLabel), f.ref,
		formKey("Subject *"), f.subject,
		formKey("Received *"), f.received,
	)
	f.dlg = dialog.NewCustomWithoutButtons(title, f.as(f, container.NewBorder(nil, buttons, nil, nil, container.NewVScroll(form))), u.win)
	f.validate()
	u.openDialog(f.dlg, 760, 640)
	u.win.Canvas().Focus(f.from)
	query(u, "the clients", func(ctx context.Context, svc *certification.Service) ([]view.ClientRow, error) {
		return view.ClientRows(ctx, svc, u.today())
	}, func(rows []view.ClientRow) {
		f.clients = rows
		f.clientTyped()
	})
	return f
}

// clientTyped filters the client list; typing after a choice starts again.
func (f *caseForm) clientTyped() {
	if f.clientID != 0 {
		f.clientID = 0
		f.chosen.SetText("No client chosen.")
		f.chosen.Importance = widget.LowImportance
		f.setRefs(nil, nil)
	}
	f.matchBox.Show()
	f.found = clientMatches(f.clients, f.clientQ.Text)
	f.matches.Refresh()
	f.matchInfo.SetText(clientMatchesText(f.found, f.clients == nil, f.clientQ.Text))
	f.validate()
}

// chooseClient picks a client and loads its certifications or decisions.
func (f *caseForm) chooseClient(r view.ClientRow) {
	f.clientQ.SetText(r.Name()) // clears an earlier choice
	f.clientID = r.ID
	f.matchBox.Hide()
	f.chosen.SetText("Client: " + r.Name())
	f.chosen.Importance = widget.MediumImportance
	f.chosen.Refresh()
	id, today := r.ID, f.u.today()
	query(f.u, "the client", func(ctx context.Context, svc *certification.Service) (*view.ClientDetail, error) {
		return view.Client(ctx, svc, id, today)
	}, func(v *view.ClientDetail) {
		if f.clientID != id {
			return
		}
		var opts []string
		var ids []certification.ID
		for _, file := range v.Files {
			ce := file.Certification
			if f.kind == certification.CaseComplaint {
				opts = append(opts, fmt.Sprintf("%s · %s (certification %d)", ce.Standard, shorten(ce.Scope, 40), ce.ID))
				ids = append(ids, ce.ID)
				continue
			}
			for _, d := range file.Decisions {
				opts = append(opts, fmt.Sprintf("%s · %s on %s (decision %d)", ce.Standard, d.Kind.Label(), d.Date, d.ID))
				ids = append(ids, d.ID)
			}
		}
		f.setRefs(opts, ids)
	})
}

func (f *caseForm) setRefs(opts []string, ids []certification.ID) {
	f.refIDs = ids
	f.ref.Options = opts
	f.ref.ClearSelected()
	setEnabled(f.ref, len(opts) > 0)
	if f.kind == certification.CaseAppeal && len(opts) == 1 {
		f.ref.SetSelectedIndex(0)
	}
	f.ref.Refresh()
	f.validate()
}

// record reads the fields into a case; the error is the first problem.
func (f *caseForm) record() (certification.Case, error) {
	c := certification.Case{Kind: f.kind, ClientID: f.clientID, Subject: strings.TrimSpace(f.subject.Text),
		From: certification.CaseParty{Name: strings.TrimSpace(f.from.Text), Organisation: strings.TrimSpace(f.org.Text), Contact: strings.TrimSpace(f.contact.Text)}}
	if i := f.ref.SelectedIndex(); i >= 0 && i < len(f.refIDs) {
		if f.kind == certification.CaseAppeal {
			c.DecisionID = f.refIDs[i]
		} else {
			c.CertificationID = f.refIDs[i]
		}
	}
	if err := f.received.Validator(f.received.Text); err != nil {
		return c, errors.New("Received: " + err.Error() + ".")
	}
	c.Received = date(f.received)
	err := c.Validate()
	var ve *certification.ValidationError
	if errors.As(err, &ve) {
		switch ve.Field { // the form's words for what the domain names by a flag
		case "client_id":
			return c, errors.New("Choose the client it is about.")
		case "decision_id":
			return c, errors.New("Choose the decision appealed against.")
		}
	}
	return c, domainProblem(err)
}

func (f *caseForm) submit() {
	f.recordForm.submit(f.u, func(c certification.Case) command {
		var id certification.ID
		return command{what: "record the " + string(c.Kind), run: func(ctx context.Context, svc *certification.Service) (err error) {
			id, err = svc.ReceiveCase(ctx, c)
			return err
		}, before: func() { f.dlg.Hide() }, done: func() {
			f.u.goTo(complaintsTab, recordRef{certification.KindCase, id}) // the new case, selected
		}, actor: true}
	})
}
