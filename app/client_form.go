package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// clientForm adds or edits a client. Save stays disabled while the
// client would not pass the domain's own validation (Client.Validate);
// the first problem is shown above the buttons. All fields belong to the
// UI goroutine.
type clientForm struct {
	part
	u       *ui
	orig    certification.Client
	onSaved func(certification.ID)
	dlg     dialog.Dialog
	recordForm[certification.Client]

	legal, trading, address, personnel *entry
	// language is the language the client's certificate is printed in.
	language *widget.Select

	sectors *sectorPicker

	roleChecks map[certification.AIRole]*widget.Check

	sites      []*siteRow
	sitesBox   *fyne.Container
	addSite    *widget.Button
	contacts   []*contactRow
	contactBox *fyne.Container
	addContact *widget.Button
	systems    []*systemRow
	systemBox  *fyne.Container
	addSystem  *widget.Button

	bodyBox *fyne.Container
	scroll  *container.Scroll
}

// Column widths of the form's row editors (0: the rest).
var (
	siteWidths    = []float32{80, 170, 0, 90, 90, 36}
	contactWidths = []float32{190, 160, 0, 150, 36}
	systemWidths  = []float32{170, 0, 120, 125, 175, 36}
)

// showClientForm opens the form: on a new client when c.ID is 0.
// onSaved (optional) gets the saved client's id.
func showClientForm(u *ui, c certification.Client, onSaved func(certification.ID)) {
	f := &clientForm{u: u, orig: c, onSaved: onSaved}
	f.read = f.client
	f.build()
	title, confirm := "New client", "Add client"
	if c.ID != 0 {
		title, confirm = "Edit client: "+c.LegalName, "Save changes"
	}
	buttons := f.buildButtons(confirm, f.submit, func() { f.dlg.Hide() })
	f.fill(c)
	f.validate()
	f.scroll = container.NewVScroll(f.body())
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(title, f.as(f, content), u.win)
	u.openDialog(f.dlg, 1060, 740)
	u.win.Canvas().Focus(f.legal)
}

func (f *clientForm) build() {
	u := f.u
	f.legal = u.newEntry()
	f.legal.SetPlaceHolder("as registered, e.g. Acme Analytics GmbH")
	f.legal.Validator = required("the legal name")
	f.trading = u.newEntry()
	f.trading.SetPlaceHolder("optional")
	f.address = u.newMultiLineEntry()
	f.address.SetMinRowsVisible(2)
	f.address.Validator = required("the registered address")
	f.personnel = u.newEntry()
	f.personnel.SetPlaceHolder("full-time equivalents in scope, e.g. 42.5")
	f.personnel.Validator = positiveNumber
	f.validateOnChange(f.legal, f.trading, f.address, f.personnel)
	f.language = widget.NewSelect(certification.DocLanguageNames(), func(string) { f.validate() })

	f.sectors = newSectorPicker(u, f.validate)

	f.roleChecks = map[certification.AIRole]*widget.Check{}
	for _, r := range certification.AIRoles {
		f.roleChecks[r] = widget.NewCheck(r.Label(), func(bool) { f.validate() })
	}

	f.sitesBox = container.NewVBox()
	f.addSite = widget.NewButtonWithIcon("Add site", theme.ContentAddIcon(), func() {
		r := f.newSite(certification.Site{Central: len(f.sites) == 0})
		f.layoutRows()
		f.u.win.Canvas().Focus(r.code)
	})
	f.contactBox = container.NewVBox()
	f.addContact = widget.NewButtonWithIcon("Add contact", theme.ContentAddIcon(), func() {
		r := f.newContact(certification.Contact{})
		f.layoutRows()
		f.u.win.Canvas().Focus(r.name)
	})
	f.systemBox = container.NewVBox()
	f.addSystem = widget.NewButtonWithIcon("Add AI system", theme.ContentAddIcon(), func() {
		r := f.newSystem(certification.AISystem{RiskClass: certification.RiskMinimal, Autonomy: certification.AutonomyAssistive})
		f.layoutRows()
		f.u.win.Canvas().Focus(r.name)
	})

}

// body lays the form out: the organisation beside its sectors, then
// sites, contacts and AI systems (the Tab order follows).
func (f *clientForm) body() fyne.CanvasObject {
	org := container.New(layout.NewFormLayout(),
		formKey("Legal name *"), f.legal,
		formKey("Trading name"), f.trading,
		formKey("Registered address *"), f.address,
		formKey("Effective personnel *"), f.personnel,
		formKey("Document language"), f.language,
	)
	var roles []fyne.CanvasObject
	for _, r := range certification.AIRoles {
		roles = append(roles, f.roleChecks[r])
	}
	left := container.NewVBox(
		formHeading("Organisation"),
		org,
		formHeading("AI roles (ISO/IEC 42001)"),
		container.NewGridWithColumns(3, roles...),
	)
	right := container.NewBorder(formHeading("IAF sectors"), nil, nil, nil, f.sectors.content)
	f.bodyBox = container.NewVBox(
		container.NewGridWithColumns(2, left, right),
		formHeading("Sites"),
		formHint("A client with one site may leave this empty. With several sites, mark exactly one as the central function."),
		valueGrid(siteWidths, []string{"Code *", "Name", "Address *", "Personnel", "Central", ""}, nil),
		f.sitesBox,
		container.NewHBox(f.addSite),
		formHeading("Contacts"),
		valueGrid(contactWidths, []string{"Name *", "Role", "Email", "Phone", ""}, nil),
		f.contactBox,
		container.NewHBox(f.addContact),
		formHeading("AI systems"),
		valueGrid(systemWidths, []string{"AI system *", "Purpose", "Risk class", "Personal data", "Autonomy", ""}, nil),
		f.systemBox,
		container.NewHBox(f.addSystem),
	)
	return f.bodyBox
}

func formKey(s string) *widget.Label { return widget.NewLabel(s) }

func formHeading(s string) fyne.CanvasObject {
	h := header(s)
	h.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(widget.NewSeparator(), h)
}

func formHint(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// positiveNumber validates effective personnel.
func positiveNumber(s string) error {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		return errors.New("write a number of full-time equivalents")
	}
	if v <= 0 || v > 1e6 {
		return errors.New("must be above 0")
	}
	return nil
}

// fill puts a client's values into the form.
func (f *clientForm) fill(c certification.Client) {
	f.legal.SetText(c.LegalName)
	f.trading.SetText(c.TradingName)
	f.address.SetText(c.RegisteredAddress)
	f.language.SetSelected(certification.DocLanguageName(c.DocLanguage))
	if c.EffectivePersonnel > 0 {
		f.personnel.SetText(numberText(c.EffectivePersonnel))
	}
	f.sectors.set(c.Sectors)
	for _, r := range c.AIRoles {
		if ch, ok := f.roleChecks[r]; ok {
			ch.SetChecked(true)
		}
	}
	for _, s := range c.Sites {
		f.newSite(s)
	}
	for _, ct := range c.Contacts {
		f.newContact(ct)
	}
	for _, s := range c.AISystems {
		f.newSystem(s)
	}
	f.layoutRows()
	f.sectors.showSummary()
}

// client reads the form; an error names the first field that is not a
// value yet (a number that is not a number).
func (f *clientForm) client() (certification.Client, error) {
	c := certification.Client{
		ID:                f.orig.ID,
		Created:           f.orig.Created,
		LegalName:         strings.TrimSpace(f.legal.Text),
		TradingName:       strings.TrimSpace(f.trading.Text),
		RegisteredAddress: strings.TrimSpace(f.address.Text),
		Sectors:           f.sectors.chosen(),
		DocLanguage:       certification.DocLanguageOf(f.language.Selected),
	}
	if c.DocLanguage == "en" && f.orig.DocLanguage == "" {
		c.DocLanguage = "" // English as before: the record unchanged
	}
	if c.LegalName == "" {
		return c, errors.New("Give the client's legal name.")
	}
	if c.RegisteredAddress == "" {
		return c, errors.New("Give the registered address.")
	}
	if err := positiveNumber(f.personnel.Text); err != nil {
		return c, errors.New("Effective personnel: " + err.Error() + ".")
	}
	c.EffectivePersonnel = parseFloat(f.personnel.Text)
	for _, r := range certification.AIRoles {
		if f.roleChecks[r].Checked {
			c.AIRoles = append(c.AIRoles, r)
		}
	}
	for i, r := range f.sites {
		s := certification.Site{Code: strings.TrimSpace(r.code.Text), Name: strings.TrimSpace(r.name.Text),
			Address: strings.TrimSpace(r.address.Text), Central: r.central.Checked}
		if p := strings.TrimSpace(r.personnel.Text); p != "" {
			n, err := strconv.Atoi(p)
			if err != nil || n < 0 {
				return c, fmt.Errorf("Site %d: personnel must be a whole number.", i+1)
			}
			s.Personnel = n
		}
		c.Sites = append(c.Sites, s)
	}
	for i, r := range f.contacts {
		ct := certification.Contact{Name: strings.TrimSpace(r.name.Text), Role: strings.TrimSpace(r.role.Text),
			Email: strings.TrimSpace(r.email.Text), Phone: strings.TrimSpace(r.phone.Text)}
		if ct.Name == "" {
			return c, fmt.Errorf("Contact %d: give a name, or remove the row.", i+1)
		}
		c.Contacts = append(c.Contacts, ct)
	}
	for i, r := range f.systems {
		s := certification.AISystem{Name: strings.TrimSpace(r.name.Text), Purpose: strings.TrimSpace(r.purpose.Text),
			PersonalData: r.personal.Checked}
		if j := r.risk.SelectedIndex(); j >= 0 {
			s.RiskClass = certification.RiskClasses[j]
		} else {
			return c, fmt.Errorf("AI system %d: choose its EU AI Act risk class.", i+1)
		}
		if j := r.autonomy.SelectedIndex(); j >= 0 {
			s.Autonomy = certification.Autonomies[j]
		} else {
			return c, fmt.Errorf("AI system %d: choose its level of autonomy.", i+1)
		}
		c.AISystems = append(c.AISystems, s)
	}
	// The domain is the authority on what a valid client is.
	return c, domainProblem(c.Validate())
}

// submit saves the client off the UI goroutine. On a refusal the form
// stays open with what was typed.
func (f *clientForm) submit() {
	f.recordForm.submit(f.u, func(c certification.Client) command {
		id := c.ID
		what := "add the client"
		if c.ID != 0 {
			what = "save the client"
		}
		return command{what: what, run: func(ctx context.Context, svc *certification.Service) error {
			if c.ID != 0 {
				return svc.UpdateClient(ctx, c)
			}
			var err error
			id, err = svc.AddClient(ctx, c)
			return err
		}, before: func() {
			f.validate()
			f.dlg.Hide()
		}, done: func() {
			if f.onSaved != nil {
				f.onSaved(id)
			}
		}}
	})
}
