package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
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
	u       *ui
	orig    certification.Client
	onSaved func(certification.ID)
	dlg     dialog.Dialog
	saving  bool

	legal, trading, address, personnel *entry

	sectors *sectorPicker

	roleChecks map[certification.AIRole]*widget.Check

	sites      []*cfSiteRow
	sitesBox   *fyne.Container
	addSite    *widget.Button
	contacts   []*cfContactRow
	contactBox *fyne.Container
	addContact *widget.Button
	systems    []*cfSystemRow
	systemBox  *fyne.Container
	addSystem  *widget.Button

	bodyBox *fyne.Container
	scroll  *container.Scroll
	problem *widget.Label
	save    *widget.Button
	cancel  *widget.Button
}

type cfSiteRow struct {
	code, name, address, personnel *entry
	central                        *widget.Check
	remove                         *widget.Button
}

type cfContactRow struct {
	name, role, email, phone *entry
	remove                   *widget.Button
}

type cfSystemRow struct {
	name, purpose *entry
	risk          *widget.Select
	personal      *widget.Check
	autonomy      *widget.Select
	remove        *widget.Button
}

// Column widths of the form's row editors (0: the rest).
var (
	cfSiteWidths    = []float32{80, 170, 0, 90, 90, 36}
	cfContactWidths = []float32{190, 160, 0, 150, 36}
	cfSystemWidths  = []float32{170, 0, 120, 125, 175, 36}
)

// newClientForm opens the form: on a new client when c.ID is 0.
// onSaved (optional) gets the saved client's id.
func newClientForm(u *ui, c certification.Client, onSaved func(certification.ID)) *clientForm {
	f := &clientForm{u: u, orig: c, onSaved: onSaved}
	f.build()
	f.fill(c)
	f.validate()
	title, confirm := "New client", "Add client"
	if c.ID != 0 {
		title, confirm = "Edit client: "+c.LegalName, "Save changes"
	}
	f.save.SetText(confirm)
	f.scroll = container.NewVScroll(f.body())
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(f.cancel, f.save), f.problem)
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	f.dlg.Resize(fyne.NewSize(1060, 740))
	u.showDialog(f.dlg)
	u.win.Canvas().Focus(f.legal)
	return f
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
	f.personnel.Validator = cfPositive
	for _, e := range []*entry{f.legal, f.trading, f.address, f.personnel} {
		e.OnChanged = func(string) { f.validate() }
	}

	f.sectors = newSectorPicker(u, f.validate)

	f.roleChecks = map[certification.AIRole]*widget.Check{}
	for _, r := range certification.AIRoles {
		f.roleChecks[r] = widget.NewCheck(cpAIRole(r), func(bool) { f.validate() })
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

	f.problem = widget.NewLabel("")
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.WarningImportance
	f.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.dlg.Hide() })
}

// body lays the form out: the organisation beside its sectors, then
// sites, contacts and AI systems (the Tab order follows).
func (f *clientForm) body() fyne.CanvasObject {
	org := container.New(layout.NewFormLayout(),
		cfKey("Legal name *"), f.legal,
		cfKey("Trading name"), f.trading,
		cfKey("Registered address *"), f.address,
		cfKey("Effective personnel *"), f.personnel,
	)
	var roles []fyne.CanvasObject
	for _, r := range certification.AIRoles {
		roles = append(roles, f.roleChecks[r])
	}
	left := container.NewVBox(
		cfHeading("Organisation"),
		org,
		cfHeading("AI roles (ISO/IEC 42001)"),
		container.NewGridWithColumns(3, roles...),
	)
	right := container.NewBorder(cfHeading("IAF sectors"), nil, nil, nil, f.sectors.content)
	f.bodyBox = container.NewVBox(
		container.NewGridWithColumns(2, left, right),
		cfHeading("Sites"),
		cfHint("A client with one site may leave this empty. With several sites, mark exactly one as the central function."),
		cpGrid(cfSiteWidths, []string{"Code *", "Name", "Address *", "Personnel", "Central", ""}, nil),
		f.sitesBox,
		container.NewHBox(f.addSite),
		cfHeading("Contacts"),
		cpGrid(cfContactWidths, []string{"Name *", "Role", "Email", "Phone", ""}, nil),
		f.contactBox,
		container.NewHBox(f.addContact),
		cfHeading("AI systems"),
		cpGrid(cfSystemWidths, []string{"AI system *", "Purpose", "Risk class", "Personal data", "Autonomy", ""}, nil),
		f.systemBox,
		container.NewHBox(f.addSystem),
	)
	return f.bodyBox
}

func cfKey(s string) *widget.Label { return widget.NewLabel(s) }

func cfHeading(s string) fyne.CanvasObject {
	h := header(s)
	h.SizeName = theme.SizeNameSubHeadingText
	return container.NewVBox(widget.NewSeparator(), h)
}

func cfHint(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// cfPositive validates effective personnel.
func cfPositive(s string) error {
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
	if c.EffectivePersonnel > 0 {
		f.personnel.SetText(cpNum(c.EffectivePersonnel))
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

func (f *clientForm) newSite(s certification.Site) *cfSiteRow {
	r := &cfSiteRow{code: f.u.newEntry(), name: f.u.newEntry(), address: f.u.newEntry(), personnel: f.u.newEntry()}
	r.code.SetText(s.Code)
	r.code.SetPlaceHolder("HQ")
	r.code.Validator = required("a site code")
	r.name.SetText(s.Name)
	r.address.SetText(s.Address)
	r.address.Validator = required("the site's address")
	if s.Personnel > 0 {
		r.personnel.SetText(strconv.Itoa(s.Personnel))
	}
	r.personnel.Validator = func(v string) error {
		if strings.TrimSpace(v) == "" {
			return nil
		}
		if n, err := strconv.Atoi(strings.TrimSpace(v)); err != nil || n < 0 {
			return errors.New("a whole number")
		}
		return nil
	}
	r.central = widget.NewCheck("", nil)
	r.central.SetChecked(s.Central)
	r.central.OnChanged = func(on bool) {
		if on { // one central function: the others are not
			for _, o := range f.sites {
				if o != r && o.central.Checked {
					o.central.SetChecked(false)
				}
			}
		}
		f.validate()
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.sites = slices.DeleteFunc(f.sites, func(o *cfSiteRow) bool { return o == r })
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	for _, e := range []*entry{r.code, r.name, r.address, r.personnel} {
		e.OnChanged = func(string) { f.validate() }
	}
	f.sites = append(f.sites, r)
	return r
}

func (f *clientForm) newContact(c certification.Contact) *cfContactRow {
	r := &cfContactRow{name: f.u.newEntry(), role: f.u.newEntry(), email: f.u.newEntry(), phone: f.u.newEntry()}
	r.name.SetText(c.Name)
	r.name.Validator = required("a name")
	r.role.SetText(c.Role)
	r.role.SetPlaceHolder("e.g. Quality manager")
	r.email.SetText(c.Email)
	r.phone.SetText(c.Phone)
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.contacts = slices.DeleteFunc(f.contacts, func(o *cfContactRow) bool { return o == r })
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	for _, e := range []*entry{r.name, r.role, r.email, r.phone} {
		e.OnChanged = func(string) { f.validate() }
	}
	f.contacts = append(f.contacts, r)
	return r
}

func (f *clientForm) newSystem(s certification.AISystem) *cfSystemRow {
	r := &cfSystemRow{name: f.u.newEntry(), purpose: f.u.newEntry()}
	r.name.SetText(s.Name)
	r.name.Validator = required("a name")
	r.purpose.SetText(s.Purpose)
	r.purpose.SetPlaceHolder("what it does")
	var risks, autos []string
	for _, c := range certification.RiskClasses {
		risks = append(risks, cpRisk(c))
	}
	for _, a := range certification.Autonomies {
		autos = append(autos, cpAutonomy(a))
	}
	r.risk = widget.NewSelect(risks, nil)
	if i := slices.Index(certification.RiskClasses, s.RiskClass); i >= 0 {
		r.risk.SetSelectedIndex(i)
	}
	r.personal = widget.NewCheck("", nil)
	r.personal.SetChecked(s.PersonalData)
	r.autonomy = widget.NewSelect(autos, nil)
	if i := slices.Index(certification.Autonomies, s.Autonomy); i >= 0 {
		r.autonomy.SetSelectedIndex(i)
	}
	r.risk.OnChanged = func(string) { f.validate() }
	r.autonomy.OnChanged = func(string) { f.validate() }
	r.personal.OnChanged = func(bool) { f.validate() }
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.systems = slices.DeleteFunc(f.systems, func(o *cfSystemRow) bool { return o == r })
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	for _, e := range []*entry{r.name, r.purpose} {
		e.OnChanged = func(string) { f.validate() }
	}
	f.systems = append(f.systems, r)
	return r
}

// layoutRows rebuilds the row editors after a row was added or removed.
func (f *clientForm) layoutRows() {
	f.sitesBox.Objects = nil
	for _, r := range f.sites {
		f.sitesBox.Add(container.New(&cpColumns{widths: cfSiteWidths}, r.code, r.name, r.address, r.personnel, r.central, r.remove))
	}
	f.contactBox.Objects = nil
	for _, r := range f.contacts {
		f.contactBox.Add(container.New(&cpColumns{widths: cfContactWidths}, r.name, r.role, r.email, r.phone, r.remove))
	}
	f.systemBox.Objects = nil
	for _, r := range f.systems {
		f.systemBox.Add(container.New(&cpColumns{widths: cfSystemWidths}, r.name, r.purpose, r.risk, r.personal, r.autonomy, r.remove))
	}
	// The rows changed height: lay the whole form out again.
	if f.bodyBox != nil {
		f.bodyBox.Refresh()
		f.scroll.Refresh()
	}
	f.validate()
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
	}
	if c.LegalName == "" {
		return c, errors.New("Give the client's legal name.")
	}
	if c.RegisteredAddress == "" {
		return c, errors.New("Give the registered address.")
	}
	if err := cfPositive(f.personnel.Text); err != nil {
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
	if err := c.Validate(); err != nil {
		var ve *certification.ValidationError
		if errors.As(err, &ve) {
			return c, errors.New(sentence(ve.Msg))
		}
		return c, err
	}
	return c, nil
}

// validate enables Save when the client is valid and shows the first
// problem otherwise.
func (f *clientForm) validate() {
	if f.save == nil {
		return
	}
	_, err := f.client()
	showValidity(f.save, f.problem, err, f.saving)
}

// submit saves the client off the UI goroutine. On a refusal the form
// stays open with what was typed.
func (f *clientForm) submit() {
	c, err := f.client()
	if err != nil || f.saving {
		return
	}
	f.saving = true
	f.save.Disable()
	u := f.u
	svc := u.svc()
	u.bg.Go(func(ctx context.Context) func() {
		id := c.ID
		var err error
		if c.ID == 0 {
			id, err = svc.AddClient(ctx, c)
		} else {
			err = svc.UpdateClient(ctx, c)
		}
		return func() {
			f.saving = false
			f.validate()
			if err != nil {
				what := "add the client"
				if c.ID != 0 {
					what = "save the client"
				}
				u.showError(what, err)
				return
			}
			f.dlg.Hide()
			u.changed()
			if f.onSaved != nil {
				f.onSaved(id)
			}
		}
	})
}

// cfCertificationForm opens a client's application for a standard.
type cfCertificationForm struct {
	u        *ui
	clientID certification.ID
	dlg      dialog.Dialog
	standard *widget.Select
	scope    *entry
	applied  *entry
	problem  *widget.Label
	save     *widget.Button
	saving   bool
}

// newCFCertificationForm opens the "Add certification" form for a client.
func newCFCertificationForm(u *ui, v *certification.ClientView) *cfCertificationForm {
	f := &cfCertificationForm{u: u, clientID: v.Client.ID}
	held := cpOpenStandards(v)
	var options []string
	for _, s := range certification.Standards {
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
	f.problem = widget.NewLabel("")
	f.problem.Importance = widget.WarningImportance
	f.problem.Wrapping = fyne.TextWrapWord
	f.save = widget.NewButtonWithIcon("Add certification", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.dlg.Hide() })

	held2 := "none"
	if len(held) > 0 {
		var hs []string
		for _, s := range held {
			hs = append(hs, string(s))
		}
		held2 = strings.Join(hs, ", ")
	}
	form := container.New(layout.NewFormLayout(),
		cfKey("Standard"), f.standard,
		cfKey("Scope *"), f.scope,
		cfKey("Application date *"), f.applied,
	)
	body := container.NewVBox(
		cfHint("Client: "+v.Client.LegalName+". Certifications already open: "+held2+"."),
		form,
	)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, f.save), f.problem)
	f.dlg = dialog.NewCustomWithoutButtons("Add certification", container.NewBorder(nil, buttons, nil, nil, body), u.win)
	f.dlg.Resize(fyne.NewSize(720, 360))
	f.validate()
	u.showDialog(f.dlg)
	u.win.Canvas().Focus(f.scope)
	return f
}

func (f *cfCertificationForm) certification() (certification.Certification, error) {
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
	if err := c.Validate(); err != nil {
		var ve *certification.ValidationError
		if errors.As(err, &ve) {
			return c, errors.New(sentence(ve.Msg))
		}
		return c, err
	}
	return c, nil
}

func (f *cfCertificationForm) validate() {
	if f.save == nil {
		return
	}
	_, err := f.certification()
	showValidity(f.save, f.problem, err, f.saving)
}

func (f *cfCertificationForm) submit() {
	c, err := f.certification()
	if err != nil || f.saving {
		return
	}
	f.saving = true
	f.save.Disable()
	u := f.u
	svc := u.svc()
	u.bg.Go(func(ctx context.Context) func() {
		_, err := svc.AddCertification(ctx, c)
		return func() {
			f.saving = false
			f.validate()
			if err != nil {
				u.showError("add the certification", err)
				return
			}
			f.dlg.Hide()
			u.changed()
		}
	})
}
