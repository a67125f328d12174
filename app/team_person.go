package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
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
	u      *ui
	s      *settingsSpace
	orig   *certification.Person // nil: a new person
	dlg    dialog.Dialog
	saving bool

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
	clients   []certification.ClientRow
	picking   *pfInterestRow
	found     []certification.ClientRow
	matches   *widget.List
	matchInfo *widget.Label
	matchRow  *fyne.Container

	bodyBox *fyne.Container
	scroll  *container.Scroll
	problem *widget.Label
	save    *widget.Button
	cancel  *widget.Button
}

// pfQualRow is one qualification of the form.
type pfQualRow struct {
	standard, role *widget.Select
	evidence       *entry
	validUntil     *entry
	remove         *widget.Button
}

// pfInterestRow is one declared interest of the form.
type pfInterestRow struct {
	client   *entry
	clientID certification.ID
	// setting silences the client field's OnChanged while the form sets it.
	setting  bool
	kind     *widget.Select
	from, to *entry
	notes    *entry
	remove   *widget.Button
}

// Column widths of the row editors (0: the rest).
var (
	pfQualWidths     = []float32{190, 170, 0, 150, 36}
	pfInterestWidths = []float32{0, 130, 150, 150, 220, 36}
)

// pfQualRoles are the roles one qualifies for (not scheme manager).
var pfQualRoles = []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor, certification.RoleTechnicalExpert, certification.RoleDecisionMaker}

// aiAreaText is an AI competence area as staff say it.
func aiAreaText(a certification.AIArea) string {
	switch a {
	case certification.AIRisk:
		return "AI risk assessment and treatment"
	case certification.AIData:
		return "Data quality and provenance"
	case certification.AILifecycle:
		return "AI system life cycle and technology"
	case certification.AIEthics:
		return "Ethics and impact assessment"
	case certification.AIRegulation:
		return "AI regulation (EU AI Act) and sector law"
	}
	return string(a)
}

// aiAreaShort is an AI competence area in a few words.
func aiAreaShort(a certification.AIArea) string {
	switch a {
	case certification.AIRisk:
		return "AI risk"
	case certification.AIData:
		return "data quality"
	case certification.AILifecycle:
		return "AI life cycle"
	case certification.AIEthics:
		return "ethics and impact"
	case certification.AIRegulation:
		return "AI regulation"
	}
	return string(a)
}

// interestKindText is a kind of interest as staff say it.
func interestKindText(k certification.InterestKind) string {
	s := string(k)
	return strings.ToUpper(s[:1]) + s[1:]
}

// showPersonForm adds a person (p nil) or edits one.
func (s *settingsSpace) showPersonForm(p *certification.Person) {
	u := s.u
	f := &personForm{u: u, s: s, orig: p, clients: s.clients}
	f.build()
	f.fill(p)
	title, confirm := "Add a person", "Add"
	if p != nil {
		title, confirm = "Edit "+p.Name, "Save"
	}
	f.save.SetText(confirm)
	f.scroll = container.NewVScroll(f.body())
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(f.cancel, f.save), f.problem)
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, f.scroll)
	f.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	f.dlg.Resize(fyne.NewSize(1060, 760))
	s.pform = f
	f.validate()
	u.showDialog(f.dlg)
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
	query(f.u, "the client list", func(ctx context.Context, svc *certification.Service) ([]certification.ClientRow, error) {
		rows, err := svc.ClientRows(ctx, today)
		if rows == nil && err == nil {
			rows = []certification.ClientRow{}
		}
		return rows, err
	}, func(rows []certification.ClientRow) {
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
	for _, std := range certification.Standards {
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
		f.areas[a] = widget.NewCheck(aiAreaText(a), func(bool) { f.validate() })
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
	f.matches = widget.NewList(
		func() int { return len(f.found) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.found) {
				r := &f.found[i]
				o.(*widget.Label).SetText(r.Name() + pgStandardsSuffix(r.Standards))
			}
		})
	f.matches.OnSelected = func(i widget.ListItemID) {
		if i < len(f.found) {
			f.pickClient(f.found[i])
		}
		f.matches.UnselectAll()
	}
	f.matchInfo = widget.NewLabel("")
	f.matchInfo.Importance = widget.LowImportance
	f.matchInfo.Truncation = fyne.TextTruncateEllipsis
	box := canvas.NewRectangle(color.Transparent)
	box.SetMinSize(fyne.NewSize(0, 132))
	f.matchRow = container.NewBorder(nil, f.matchInfo, nil, nil, container.NewStack(box, f.matches))
	f.matchRow.Hide()

	f.problem = widget.NewLabel("")
	f.problem.Wrapping = fyne.TextWrapWord
	f.problem.Importance = widget.WarningImportance
	f.save = widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.dlg.Hide() })
}

// body lays the form out top to bottom (the Tab order follows).
func (f *personForm) body() fyne.CanvasObject {
	who := []fyne.CanvasObject{
		cfKey("Name *"), f.name,
		cfKey("Email"), f.email,
		cfKey("Roles *"), f.roles,
	}
	if f.orig != nil {
		who = append(who, cfKey("Inactive"), f.inactive)
	}
	var stds []fyne.CanvasObject
	for _, std := range certification.Standards {
		stds = append(stds, f.standards[std])
	}
	var areas []fyne.CanvasObject
	for _, a := range certification.AIAreas {
		areas = append(areas, f.areas[a])
	}
	right := container.NewVBox(
		cfHeading("AI competence areas (ISO/IEC 42006)"),
		cfHint("A 42001 audit team must cover AI risk and the AI life cycle together; AI regulation too when the client runs a high-risk AI system."),
		container.NewVBox(areas...),
		cfHeading("Languages"),
		f.languages,
	)
	left := container.NewBorder(cfHeading("IAF sectors"), nil, nil, nil, f.sectors.content)
	f.bodyBox = container.NewVBox(
		cfHeading("Person"),
		container.New(layout.NewFormLayout(), who...),
		cfHeading("Qualifications"),
		container.NewBorder(nil, nil, cfKey("Qualified for"), nil, container.NewHBox(stds...)),
		cfHint("Each qualification names the standard, the role, what it rests on (course, witnessed audit, approval) and its last valid day. Once a person has qualification rows, only those count for the team check."),
		cpGrid(pfQualWidths, []string{"Standard *", "Role *", "Evidence", "Valid until", ""}, nil),
		f.qualBox,
		container.NewHBox(f.addQual),
		container.NewGridWithColumns(2, left, right),
		cfHeading("Declarations of interest"),
		cfHint("Consultancy, training or employment for a client bars the person from auditing it or deciding on it until two years after the link ends."),
		cpGrid(pfInterestWidths, []string{"Client *", "Kind *", "From *", "To", "Notes", ""}, nil),
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

func (f *personForm) newQual(q certification.Qualification) *pfQualRow {
	var stds, roles []string
	for _, s := range certification.Standards {
		stds = append(stds, string(s))
	}
	for _, r := range pfQualRoles {
		roles = append(roles, roleText(r))
	}
	r := &pfQualRow{evidence: f.u.newEntry(), validUntil: f.u.newDateEntry(false)}
	r.standard = widget.NewSelect(stds, nil)
	r.standard.PlaceHolder = "(standard)"
	if i := slices.Index(certification.Standards, q.Standard); i >= 0 {
		r.standard.SetSelectedIndex(i)
	}
	r.role = widget.NewSelect(roles, nil)
	r.role.PlaceHolder = "(role)"
	if i := slices.Index(pfQualRoles, q.Role); i >= 0 {
		r.role.SetSelectedIndex(i)
	}
	r.evidence.SetText(q.Evidence)
	r.evidence.SetPlaceHolder("e.g. IRCA lead auditor course 2024, witnessed audit")
	if !q.ValidUntil.IsZero() {
		r.validUntil.SetText(q.ValidUntil.String())
	}
	r.standard.OnChanged = func(s string) {
		// A qualification for a standard makes the person qualified for it.
		if ch := f.standards[certification.Standard(s)]; ch != nil && !ch.Checked {
			ch.SetChecked(true)
		}
		f.validate()
	}
	r.role.OnChanged = func(string) { f.validate() }
	r.evidence.OnChanged = func(string) { f.validate() }
	r.validUntil.OnChanged = func(string) { f.validate() }
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.quals = slices.DeleteFunc(f.quals, func(o *pfQualRow) bool { return o == r })
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	f.quals = append(f.quals, r)
	return r
}

func (f *personForm) newInterest(in certification.Interest) *pfInterestRow {
	var kinds []string
	for _, k := range certification.InterestKinds {
		kinds = append(kinds, interestKindText(k))
	}
	r := &pfInterestRow{client: f.u.newEntry(), from: f.u.newDateEntry(true), to: f.u.newDateEntry(false), notes: f.u.newEntry()}
	r.client.SetPlaceHolder("Type part of the client's name, Enter picks the first match")
	r.client.Validator = func(string) error {
		if r.clientID == 0 {
			return errors.New("choose the client from the list")
		}
		return nil
	}
	if in.ClientID != 0 {
		r.setClient(in.ClientID, f.clientName(in.ClientID))
	}
	r.client.OnChanged = func(string) {
		if r.setting {
			return
		}
		r.clientID = 0
		f.picking = r
		f.showMatches()
		f.validate()
	}
	r.client.OnSubmitted = func(string) {
		if f.picking == r && len(f.found) > 0 {
			f.pickClient(f.found[0])
		}
	}
	r.kind = widget.NewSelect(kinds, func(string) { f.validate() })
	if i := slices.Index(certification.InterestKinds, in.Kind); i >= 0 {
		r.kind.SetSelectedIndex(i)
	}
	if !in.From.IsZero() {
		r.from.SetText(in.From.String())
	}
	r.to.SetPlaceHolder("ongoing")
	if !in.To.IsZero() {
		r.to.SetText(in.To.String())
	}
	r.notes.SetText(in.Notes)
	r.notes.SetPlaceHolder("what the link was")
	for _, e := range []*entry{r.from, r.to, r.notes} {
		e.OnChanged = func(string) { f.validate() }
	}
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		f.interests = slices.DeleteFunc(f.interests, func(o *pfInterestRow) bool { return o == r })
		if f.picking == r {
			f.picking = nil
			f.showMatches()
		}
		f.layoutRows()
	})
	r.remove.Importance = widget.LowImportance
	f.interests = append(f.interests, r)
	return r
}

// setClient shows a chosen client in the row.
func (r *pfInterestRow) setClient(id certification.ID, name string) {
	r.clientID = id
	r.setting = true
	r.client.SetText(name)
	r.setting = false
	r.client.Validate()
}

// clientName names a client from the snapshot ("client #id" while it loads).
func (f *personForm) clientName(id certification.ID) string {
	for i := range f.clients {
		if f.clients[i].ID == id {
			return f.clients[i].Name()
		}
	}
	return "client #" + id.String()
}

// showMatches lists the clients matching the row being typed.
func (f *personForm) showMatches() {
	r := f.picking
	if r == nil || r.clientID != 0 {
		f.found = nil
		if f.matchRow.Visible() {
			f.matchRow.Hide()
			f.relayout()
		}
		return
	}
	q := certification.Fold(r.client.Text)
	var prefix, inner []certification.ClientRow
	for _, c := range f.clients {
		if len(prefix) >= pgMaxMatches {
			break
		}
		name := certification.Fold(c.Name())
		switch {
		case q == "" || strings.HasPrefix(name, q):
			prefix = append(prefix, c)
		case strings.Contains(name, q) && len(inner) < pgMaxMatches:
			inner = append(inner, c)
		}
	}
	f.found = append(prefix, inner...)
	if len(f.found) > pgMaxMatches {
		f.found = f.found[:pgMaxMatches]
	}
	switch {
	case f.clients == nil:
		f.matchInfo.SetText("Loading the client list…")
	case len(f.found) == 0:
		f.matchInfo.SetText("No client matches “" + strings.TrimSpace(r.client.Text) + "”.")
	case len(f.found) >= pgMaxMatches:
		f.matchInfo.SetText("Many clients match: type more of the name.")
	default:
		f.matchInfo.SetText(pgCount(len(f.found), "match") + ": Enter picks the first, or click one.")
	}
	f.matches.Refresh()
	f.matches.ScrollToTop()
	if !f.matchRow.Visible() {
		f.matchRow.Show()
		f.relayout()
		f.scroll.ScrollToBottom()
	}
}

// pickClient sets the client of the row being typed.
func (f *personForm) pickClient(c certification.ClientRow) {
	r := f.picking
	if r == nil {
		return
	}
	r.setClient(c.ID, c.Name())
	f.picking = nil
	f.showMatches()
	f.validate()
	f.u.win.Canvas().Focus(r.kind)
}

// layoutRows rebuilds the row editors after a row was added or removed.
func (f *personForm) layoutRows() {
	f.qualBox.Objects = nil
	for _, r := range f.quals {
		f.qualBox.Add(container.New(&cpColumns{widths: pfQualWidths}, r.standard, r.role, r.evidence, r.validUntil, r.remove))
	}
	if len(f.quals) == 0 {
		f.qualBox.Add(cpLow("No qualification recorded: add one per standard and role."))
	}
	f.interestBox.Objects = nil
	for _, r := range f.interests {
		f.interestBox.Add(container.New(&cpColumns{widths: pfInterestWidths}, r.client, r.kind, r.from, r.to, r.notes, r.remove))
	}
	if len(f.interests) == 0 {
		f.interestBox.Add(cpLow("No interest declared."))
	}
	f.relayout()
	f.validate()
}

func (f *personForm) relayout() {
	if f.bodyBox != nil && f.scroll != nil {
		f.bodyBox.Refresh()
		f.scroll.Refresh()
	}
}

// person reads the form; an error names the first thing to put right.
func (f *personForm) person() (certification.Person, error) {
	p := certification.Person{Name: strings.TrimSpace(f.name.Text), Email: strings.TrimSpace(f.email.Text), Roles: f.roles.roles()}
	if f.orig != nil {
		p.ID = f.orig.ID
		p.Inactive = f.inactive.Checked
	}
	if p.Name == "" {
		return p, errors.New("Give the person's name.")
	}
	if err := f.email.Validate(); err != nil {
		return p, errors.New("Email: " + err.Error() + ".")
	}
	if len(p.Roles) == 0 {
		return p, errors.New("Tick at least one role.")
	}
	c := &certification.PersonCompetence{}
	stds := map[certification.Standard]bool{}
	for i, r := range f.quals {
		q := certification.Qualification{Evidence: strings.TrimSpace(r.evidence.Text)}
		if j := r.standard.SelectedIndex(); j >= 0 {
			q.Standard = certification.Standards[j]
		} else {
			return p, fmt.Errorf("Qualification %d: choose the standard, or remove the row.", i+1)
		}
		if j := r.role.SelectedIndex(); j >= 0 {
			q.Role = pfQualRoles[j]
		} else {
			return p, fmt.Errorf("Qualification %d: choose the role.", i+1)
		}
		if err := r.validUntil.Validate(); err != nil {
			return p, fmt.Errorf("Qualification %d: valid until: %v.", i+1, err)
		}
		q.ValidUntil = date(r.validUntil)
		stds[q.Standard] = true
		c.Qualifications = append(c.Qualifications, q)
	}
	for _, std := range certification.Standards {
		if f.standards[std].Checked || stds[std] {
			c.Standards = append(c.Standards, std)
		}
	}
	c.Sectors = f.sectors.chosen()
	for _, a := range certification.AIAreas {
		if f.areas[a].Checked {
			c.AIAreas = append(c.AIAreas, a)
		}
	}
	for _, l := range strings.Split(f.languages.Text, ",") {
		if l = strings.TrimSpace(l); l != "" && !slices.Contains(c.Languages, l) {
			c.Languages = append(c.Languages, l)
		}
	}
	if len(c.Standards) > 0 || len(c.Qualifications) > 0 || len(c.Sectors) > 0 || len(c.AIAreas) > 0 || len(c.Languages) > 0 {
		p.Competence = c
	}
	for i, r := range f.interests {
		in := certification.Interest{ClientID: r.clientID, Notes: strings.TrimSpace(r.notes.Text)}
		if in.ClientID == 0 {
			return p, fmt.Errorf("Interest %d: choose the client from the list, or remove the row.", i+1)
		}
		if j := r.kind.SelectedIndex(); j >= 0 {
			in.Kind = certification.InterestKinds[j]
		} else {
			return p, fmt.Errorf("Interest %d: choose the kind of link.", i+1)
		}
		if err := r.from.Validate(); err != nil {
			return p, fmt.Errorf("Interest %d: from: %v.", i+1, err)
		}
		if err := r.to.Validate(); err != nil {
			return p, fmt.Errorf("Interest %d: to: %v.", i+1, err)
		}
		in.From, in.To = date(r.from), date(r.to)
		p.Interests = append(p.Interests, in)
	}
	// The domain is the authority on what a valid person is.
	if err := p.Validate(); err != nil {
		var ve *certification.ValidationError
		var re *certification.RuleError
		switch {
		case errors.As(err, &ve):
			return p, errors.New(pfFieldText(ve.Field) + sentence(ve.Msg))
		case errors.As(err, &re):
			return p, errors.New(sentence(re.Msg) + " (rule " + re.Rule + ")")
		}
		return p, err
	}
	return p, nil
}

// pfFieldText names a field of the person record the way the form does:
// "interests[1].from" → "Interest 2: ".
func pfFieldText(field string) string {
	for prefix, name := range map[string]string{"interests[": "Interest", "competence.qualifications[": "Qualification"} {
		if rest, ok := strings.CutPrefix(field, prefix); ok {
			if n, _, ok := strings.Cut(rest, "]"); ok {
				if i, err := strconv.Atoi(n); err == nil {
					return fmt.Sprintf("%s %d: ", name, i+1)
				}
			}
		}
	}
	return ""
}

// validate enables Save when the person is valid and shows the first
// problem otherwise.
func (f *personForm) validate() {
	if f.save == nil || f.problem == nil {
		return
	}
	_, err := f.person()
	showValidity(f.save, f.problem, err, f.saving)
}

// submit saves the person off the UI goroutine; a refusal keeps the form
// open with what was typed.
func (f *personForm) submit() {
	p, err := f.person()
	if err != nil || f.saving {
		return
	}
	f.saving = true
	f.save.Disable()
	u := f.u
	what := "add the person"
	if p.ID != 0 {
		what = "save the person"
	}
	u.do(command{what: what, run: func(ctx context.Context, svc *certification.Service) error {
		if p.ID == 0 {
			_, err := svc.AddPerson(ctx, p)
			return err
		}
		return svc.UpdatePerson(ctx, p)
	}, done: func() {
		f.saving = false
		f.dlg.Hide()
		if p.ID != 0 && p.ID == u.actor.PersonID {
			u.setActor(p) // the header shows the new name
		}
	}, doneFirst: true, failed: func() {
		f.saving = false
		f.validate()
	}})
}

// competenceText sums up a person's competence for the register:
// "42001 lead auditor to 2027-06-30, 9001 auditor · sectors 33, 35 · AI risk, AI life cycle".
func competenceText(p *certification.Person) string {
	c := p.Competence
	if c == nil {
		return "—"
	}
	var parts []string
	var quals []string
	if len(c.Qualifications) > 0 {
		for _, q := range c.Qualifications {
			s := stdNumber(q.Standard) + " " + strings.ToLower(roleText(q.Role))
			if !q.ValidUntil.IsZero() {
				s += " to " + q.ValidUntil.String()
			}
			quals = append(quals, s)
		}
	} else {
		for _, s := range c.Standards {
			quals = append(quals, stdNumber(s))
		}
	}
	if len(quals) > 0 {
		parts = append(parts, strings.Join(quals, ", "))
	}
	if len(c.Sectors) > 0 {
		var codes []string
		for _, s := range c.Sectors {
			codes = append(codes, strconv.Itoa(s))
		}
		parts = append(parts, "sectors "+strings.Join(codes, ", "))
	}
	if len(c.AIAreas) > 0 {
		var as []string
		for _, a := range c.AIAreas {
			as = append(as, aiAreaShort(a))
		}
		parts = append(parts, strings.Join(as, ", "))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " · ")
}

// stdNumber is a standard's number alone: "42001".
func stdNumber(s certification.Standard) string {
	n := pgStandardShort(s)
	if i := strings.LastIndexByte(n, ' '); i >= 0 {
		n = n[i+1:]
	}
	return n
}
