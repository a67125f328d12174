package app

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The person form of Settings › People: who the person is, the
// competence register (qualifications per standard and role with their
// evidence and validity, IAF sectors, AI competence areas, languages) and
// the declarations of interest in clients. Save stays disabled while the
// person would not pass the domain's own validation (Person.Validate);
// the service checks again (the clients named must exist) and a refusal
// keeps the form open with what was typed.

// personForm holds the fields of the open person dialog (tests fill it in).
type personForm struct {
	part
	u    *ui
	s    *settingsSpace
	orig *certification.Person // nil: a new person
	// stds are the standards the body certifies as the form opened
	// (CertDesk's and those the body added): its checks and selects.
	stds []certification.Standard
	dlg  dialog.Dialog
	recordForm[certification.Person]

	name, email *entry
	roles       *roleChecks
	inactive    *widget.Check
	standards   map[certification.Standard]*widget.Check

	quals   []*pfQualRow
	qualBox *fyne.Container
	addQual *widget.Button

	sectors   *sectorPicker
	areas     map[certification.AIArea]*widget.Check
	languages *entry

	interests   []*pfInterestRow
	interestBox *fyne.Container
	addInterest *widget.Button
	// clients is the snapshot the interest's client picker searches (nil
	// while it loads); picking is the row whose client is being typed.
	clients   []view.ClientRow
	picking   *pfInterestRow
	found     []view.ClientRow
	matches   *widget.List
	matchInfo *widget.Label
	matchRow  *fyne.Container

	bodyBox *fyne.Container
	scroll  *container.Scroll
}

// Column widths of the row editors (0: the rest).
var (
	pfQualWidths     = []float32{190, 170, 0, 150, 36}
	pfInterestWidths = []float32{0, 130, 150, 150, 220, 36}
)

// showPersonForm adds a person (p nil) or edits one.
func (s *settingsSpace) showPersonForm(p *certification.Person) {
	u := s.u
	f := &personForm{u: u, s: s, orig: p, clients: s.clients}
	f.read = f.person
	f.build()
	title, confirm := "Add a person", "Add"
	if p != nil {
		title, confirm = "Edit "+p.Name, "Save"
	}
	buttons := f.buildButtons(confirm, f.submit, func() { f.dlg.Hide() })
	f.fill(p)
	f.scroll = container.NewVScroll(f.body())
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(title, f.as(f, content), u.win)
	f.validate()
	u.openDialog(f.dlg, 1060, 760)
	u.win.Canvas().Focus(f.name)
	if f.clients == nil {
		f.loadClients()
	}
}

// loadClients loads the client list for the interest picker (once per
// visit of Settings: the list is kept until Settings reloads).
func (f *personForm) loadClients() {
	today := f.u.today()
	s := f.s
	query(f.u, "the client list", func(ctx context.Context, svc *certification.Service) ([]view.ClientRow, error) {
		rows, err := view.ClientRows(ctx, svc, today)
		if rows == nil && err == nil {
			rows = []view.ClientRow{}
		}
		return rows, err
	}, func(rows []view.ClientRow) {
		s.clients = rows
		f.clients = rows
		for _, r := range f.interests {
			if r.clientID != 0 {
				r.setClient(r.clientID, f.clientName(r.clientID))
			}
		}
		f.showMatches()
		f.validate()
	})
}

func (f *personForm) build() {
	u := f.u
	f.name = u.newEntry()
	f.name.SetPlaceHolder("First and last name")
	f.name.Validator = required("the name")
	f.email = u.newEntry()
	f.email.SetPlaceHolder("optional")
	f.email.Validator = func(v string) error {
		if v = strings.TrimSpace(v); v != "" && !strings.Contains(v, "@") {
			return errors.New("not an email address")
		}
		return nil
	}
	f.name.OnChanged = func(string) { f.validate() }
	f.email.OnChanged = func(string) { f.validate() }
	f.roles = newRoleChecks(nil)
	f.roles.Horizontal = true
	f.roles.SetOnValidationChanged(func(error) { f.validate() })
	f.inactive = widget.NewCheck("No longer works for the body", func(bool) { f.validate() })

	f.standards = map[certification.Standard]*widget.Check{}
	f.stds = certification.AllStandards()
	for _, std := range f.stds {
		f.standards[std] = widget.NewCheck(string(std), func(bool) { f.validate() })
	}
	f.qualBox = container.NewVBox()
	f.addQual = widget.NewButtonWithIcon("Add qualification", theme.ContentAddIcon(), func() {
		r := f.newQual(certification.Qualification{})
		f.layoutRows()
		f.u.win.Canvas().Focus(r.evidence)
	})

	f.sectors = newSectorPicker(u, func() { f.validate() })
	f.areas = map[certification.AIArea]*widget.Check{}
	for _, a := range certification.AIAreas {
		f.areas[a] = widget.NewCheck(a.Label(), func(bool) { f.validate() })
	}
	f.languages = u.newEntry()
	f.languages.SetPlaceHolder("e.g. English, German, French")
	f.languages.OnChanged = func(string) { f.validate() }

	f.interestBox = container.NewVBox()
	f.addInterest = widget.NewButtonWithIcon("Declare an interest", theme.ContentAddIcon(), func() {
		r := f.newInterest(certification.Interest{Kind: certification.InterestConsultancy})
		f.layoutRows()
		f.scroll.ScrollToBottom()
		f.u.win.Canvas().Focus(r.client)
	})
	f.matches, f.matchInfo, f.matchRow = newClientMatchList(&f.found, 132, f.pickClient)
	f.matchRow.Hide()

}

// body lays the form out top to bottom (the Tab order follows).
func (f *personForm) body() fyne.CanvasObject {
	who := []fyne.CanvasObject{
		formKey("Name *"), f.name,
		formKey("Email"), f.email,
		formKey("Roles *"), f.roles,
	}
	if f.orig != nil {
		who = append(who, formKey("Inactive"), f.inactive)
	}
	var stds []fyne.CanvasObject
	for _, std := range f.stds {
		stds = append(stds, f.standards[std])
	}
	var areas []fyne.CanvasObject
	for _, a := range certification.AIAreas {
		areas = append(areas, f.areas[a])
	}
	right := container.NewVBox(
		formHeading("AI competence areas (ISO/IEC 42006)"),
		formHint("A 42001 audit team must cover AI risk and the AI life cycle together; AI regulation too when the client runs a high-risk AI system."),
		container.NewVBox(areas...),
		formHeading("Languages"),
		f.languages,
	)
	left := container.NewBorder(formHeading("IAF sectors"), nil, nil, nil, f.sectors.content)
	f.bodyBox = container.NewVBox(
		formHeading("Person"),
		container.New(layout.NewFormLayout(), who...),
		formHeading("Qualifications"),
		container.NewBorder(nil, nil, formKey("Qualified for"), nil, container.NewHBox(stds...)),
		formHint("Each qualification names the standard, the role, what it rests on (course, witnessed audit, approval) and its last valid day. Once a person has qualification rows, only those count for the team check."),
		valueGrid(pfQualWidths, []string{"Standard *", "Role *", "Evidence", "Valid until", ""}, nil),
		f.qualBox,
		container.NewHBox(f.addQual),
		container.NewGridWithColumns(2, left, right),
		formHeading("Declarations of interest"),
		formHint("Consultancy, training or employment for a client bars the person from auditing it or deciding on it until two years after the link ends."),
		valueGrid(pfInterestWidths, []string{"Client *", "Kind *", "From *", "To", "Notes", ""}, nil),
		f.interestBox,
		f.matchRow,
		container.NewHBox(f.addInterest),
	)
	return f.bodyBox
}

// fill puts a person's values into the form.
func (f *personForm) fill(p *certification.Person) {
	if p == nil {
		f.layoutRows()
		return
	}
	f.name.SetText(p.Name)
	f.email.SetText(p.Email)
	var sel []string
	for _, r := range p.Roles {
		sel = append(sel, roleText(r))
	}
	f.roles.Selected = sel
	f.roles.Refresh()
	f.inactive.SetChecked(p.Inactive)
	if c := p.Competence; c != nil {
		for _, s := range c.Standards {
			if ch, ok := f.standards[s]; ok {
				ch.SetChecked(true)
			}
		}
		for _, q := range c.Qualifications {
			f.newQual(q)
			if ch, ok := f.standards[q.Standard]; ok {
				ch.SetChecked(true)
			}
		}
		f.sectors.set(c.Sectors)
		for _, a := range c.AIAreas {
			if ch, ok := f.areas[a]; ok {
				ch.SetChecked(true)
			}
		}
		f.languages.SetText(strings.Join(c.Languages, ", "))
	}
	for _, in := range p.Interests {
		f.newInterest(in)
	}
	f.layoutRows()
}
