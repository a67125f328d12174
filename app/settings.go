package app

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The Settings workspace: who is using the app, the people register,
// the certification body's policies, and the data folder.

// roleText is a role as staff say it.
func roleText(r certification.Role) string {
	s := strings.ReplaceAll(string(r), "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

func rolesText(rs []certification.Role) string {
	var out []string
	for _, r := range rs {
		out = append(out, strings.ToLower(roleText(r)))
	}
	return strings.Join(out, ", ")
}

// roleChecks is a group of role checkboxes that a form validates: at
// least one role must be ticked.
type roleChecks struct {
	widget.CheckGroup
	onValid func(error)
}

func newRoleChecks(selected []certification.Role) *roleChecks {
	r := &roleChecks{}
	for _, role := range certification.Roles {
		r.Options = append(r.Options, roleText(role))
	}
	for _, role := range selected {
		r.Selected = append(r.Selected, roleText(role))
	}
	r.OnChanged = func([]string) {
		if r.onValid != nil {
			r.onValid(r.Validate())
		}
	}
	r.ExtendBaseWidget(r)
	return r
}

func (r *roleChecks) Validate() error {
	if len(r.Selected) == 0 {
		return errors.New("tick at least one role")
	}
	return nil
}

func (r *roleChecks) SetOnValidationChanged(f func(error)) { r.onValid = f }

func (r *roleChecks) roles() []certification.Role {
	var out []certification.Role
	for _, role := range certification.Roles {
		for _, s := range r.Selected {
			if s == roleText(role) {
				out = append(out, role)
			}
		}
	}
	return out
}

// policyNumber is one whole-number setting of the policy, with its
// meaning from RULES.md.
type policyNumber struct {
	label, field, help string
	ptr                func(*certification.Policy) *int
}

var policyNumbers = []policyNumber{
	{"Surveillance window (months)", "surveillance_window_months",
		"Later surveillance audits are due by the anniversary of the certification decision and may take place from this many months before it. The first surveillance is always within 12 months of the initial decision. Default 3.",
		func(p *certification.Policy) *int { return &p.SurveillanceWindowMonths }},
	{"Recertification window (months)", "recertification_window_months",
		"How long before expiry the recertification audit appears in the schedule; the audit and the decision must be completed before expiry. Default 6.",
		func(p *certification.Policy) *int { return &p.RecertificationWindowMonths }},
	{"Stage 1 to stage 2 gap (months)", "stage2_gap_warn_months",
		"A stage 2 later than this after stage 1 needs a written justification that stage 1 is still valid. Default 6.",
		func(p *certification.Policy) *int { return &p.Stage2GapWarnMonths }},
	{"Client response (days)", "response_days",
		"The client's response to a nonconformity (root cause, correction, corrective action plan) is due this many days after the audit's last day. Default 30.",
		func(p *certification.Policy) *int { return &p.ResponseDays }},
	{"Major NC closure (days)", "major_close_days",
		"A major nonconformity must be corrected and verified by the body this many days after the audit's last day, or by the certificate's expiry if that comes first. Default 90.",
		func(p *certification.Policy) *int { return &p.MajorCloseDays }},
	{"Suspension limit (months)", "suspension_max_months",
		"The longest a certificate may stay suspended; then the body must restore it, reduce the scope or withdraw it. Default 6.",
		func(p *certification.Policy) *int { return &p.SuspensionMaxMonths }},
	{"Decision after a report (days)", "decision_days",
		"A closed surveillance or special audit report awaits the committee's decision (maintain, suspend, scope change) this many days. Default 30.",
		func(p *certification.Policy) *int { return &p.DecisionDays }},
	{"Due soon (days)", "due_soon_days",
		"An obligation shows as due soon this many days before its due date. Default 30.",
		func(p *certification.Policy) *int { return &p.DueSoonDays }},
	{"Lead auditor rotation warning (audits)", "rotation_warn_audits",
		"Warn when the same lead auditor leads this many consecutive audits of a client. Rotation is not required by ISO/IEC 17021-1; the default 7 is beyond two full cycles.",
		func(p *certification.Policy) *int { return &p.RotationWarnAudits }},
	{"Actual auditor-days tolerance (%)", "actual_days_tolerance_percent",
		"An audit may take this many percent fewer auditor-days than planned without a written reason; beyond it the report is drafted only once the reason for the shortfall is recorded. Default 10.",
		func(p *certification.Policy) *int { return &p.ActualDaysTolerancePercent }},
	{"Complaint acknowledgement (days)", "complaint_acknowledge_days",
		"A complaint or an appeal is acknowledged this many days after it was received; later, the schedule shows it overdue. Default 7.",
		func(p *certification.Policy) *int { return &p.ComplaintAcknowledgeDays }},
	{"Complaint decision (days)", "complaint_decide_days",
		"A complaint or an appeal is decided this many days after it was received. Default 60.",
		func(p *certification.Policy) *int { return &p.ComplaintDecideDays }},
	{"Remote share limit (%)", "remote_share_percent",
		"The most of an audit's activity hours that may be done remotely (IAF MD 4); stage 1 is not limited. 100: no limit. Default 50.",
		func(p *certification.Policy) *int { return &p.RemoteSharePercent }},
	{"Automatic backups kept", "backups_on_close",
		"When CertDesk opens a data folder that changed since its last automatic backup, it backs it up in the background into the folder beside it named after it plus -backups, and keeps this many (the oldest are deleted); closing never waits for a backup. 0 turns the automatic backups off. Default 5.",
		func(p *certification.Policy) *int { return &p.BackupsOnClose }},
	{"Largest evidence file (MB)", "evidence_max_mb",
		"A file or photo attached as evidence to a checklist item or a finding may be at most this large; a larger one is refused with its size. Default 25.",
		func(p *certification.Policy) *int { return &p.EvidenceMaxMB }},
}

// domainFieldCheck validates one policy field with the domain: only an
// error the domain reports for that field counts.
func domainFieldCheck(field string, set func(*certification.Policy)) error {
	p := certification.DefaultPolicy()
	set(&p)
	err := p.Validate()
	var ve *certification.ValidationError
	if errors.As(err, &ve) && ve.Field == field {
		return errors.New(ve.Msg)
	}
	return nil
}

type settingsSpace struct {
	space
	noSearch
	u    *ui
	body fyne.CanvasObject

	people   []certification.Person
	who      *widget.Label // the person working, chosen with whoBtn (actor_picker.go)
	whoBtn   *widget.Button
	whoRoles *widget.Label
	folder   *widget.Label

	ptable    *widget.Table
	selPerson int
	addPerson *widget.Button
	editBtn   *widget.Button
	keyBtn    *widget.Button // sets a new identity key (identity.go)
	unlockBtn *widget.Button // unlocks the actor's identity key
	// clients is the client list for the interest picker of the person
	// form, loaded when the form first needs it (nil: not loaded).
	clients []view.ClientRow

	policy     certification.Policy
	polNumbers []*entry
	numberFmt  *entry
	expiryPlus *widget.Check
	escalate   *widget.Check
	teamGap    *widget.Check
	remoteCap  *widget.Check // a plan above the remote share limit is refused
	polForm    *fyne.Container
	polSave    *widget.Button
	polRevert  *widget.Button
	polError   *widget.Label
	polChanged *widget.Label
	tabs       *container.AppTabs
	docs       *documentsPane // Settings › Documents (settings_documents.go)
	stds       *standardsPane // Settings › Standards (settings_standards.go)

	loads chain
}

func newSettings(u *ui) workspace {
	s := &settingsSpace{space: space{title: "Settings", ic: theme.SettingsIcon()}, u: u, selPerson: -1}
	s.build()
	return s
}

func (s *settingsSpace) content() fyne.CanvasObject { return s.body }
func (s *settingsSpace) create() bool {
	s.showPersonForm(nil)
	return true
}

var peopleColumns = []column[certification.Person]{
	{title: "Name", width: 160, text: func(p *certification.Person) string { return p.Name }},
	{title: "Email", width: 200, text: func(p *certification.Person) string { return p.Email }},
	{title: "Roles", width: 180, text: func(p *certification.Person) string { return rolesText(p.Roles) }},
	{title: "Competence", width: 240, text: competenceText},
	{title: "Interests", width: 90, text: func(p *certification.Person) string {
		if len(p.Interests) == 0 {
			return "—"
		}
		return strconv.Itoa(len(p.Interests)) + " declared"
	}},
	{title: "Identity key", width: 210, text: func(p *certification.Person) string {
		if k := p.Key(); k != nil {
			return certification.KeyFingerprint(k)
		}
		return "—"
	}},
	{title: "Status", width: 70, text: func(p *certification.Person) string {
		if p.Inactive {
			return "Inactive"
		}
		return "Active"
	}, importance: func(p *certification.Person) widget.Importance {
		if p.Inactive {
			return widget.LowImportance
		}
		return widget.MediumImportance
	}},
}

func (s *settingsSpace) build() {
	u := s.u
	// Who is using the app.
	s.who = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	s.who.Truncation = fyne.TextTruncateEllipsis
	s.whoBtn = widget.NewButtonWithIcon("Choose…", theme.AccountIcon(), func() { u.chooseWho(s.people, s.chooseActor) })
	s.unlockBtn = widget.NewButtonWithIcon("Unlock my key…", theme.LoginIcon(), func() {
		for _, p := range s.people {
			if p.ID == u.actor.PersonID && p.ID != 0 {
				u.askUnlock(p)
			}
		}
	})
	s.whoRoles = widget.NewLabel("")
	s.whoRoles.Importance = widget.LowImportance
	s.whoRoles.Truncation = fyne.TextTruncateEllipsis
	whoNote := widget.NewLabel("Every change is journalled in the name of the person chosen here, signed with their identity key once it is unlocked; a decision starts with them as decision maker when they hold the role.")
	whoNote.Wrapping = fyne.TextWrapWord
	whoNote.SizeName = theme.SizeNameCaptionText
	who := section("Who is using CertDesk", container.NewVBox(
		container.NewBorder(nil, nil, container.NewHBox(container.NewGridWrap(fyne.NewSize(320, s.who.MinSize().Height), s.who), s.whoBtn), s.unlockBtn, s.whoRoles),
		whoNote))

	// The data folder (named when the workspace loads: the window sets
	// it after building the workspaces).
	s.folder = widget.NewLabel("")
	s.folder.Selectable = true
	s.folder.Truncation = fyne.TextTruncateEllipsis
	folder := container.NewBorder(nil, nil, header("Data folder"), nil, s.folder)

	// The people register.
	s.ptable = newTable(peopleColumns, func() []certification.Person { return s.people }, nil)
	s.ptable.OnSelected = func(id widget.TableCellID) {
		s.selPerson = id.Row
		setEnabled(s.editBtn, id.Row >= 0 && id.Row < len(s.people))
		setEnabled(s.keyBtn, id.Row >= 0 && id.Row < len(s.people))
	}
	s.addPerson = widget.NewButtonWithIcon("Add person…", theme.ContentAddIcon(), func() { s.showPersonForm(nil) })
	s.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), func() {
		if s.selPerson >= 0 && s.selPerson < len(s.people) {
			p := s.people[s.selPerson]
			s.showPersonForm(&p)
		}
	})
	s.editBtn.Disable()
	s.keyBtn = widget.NewButtonWithIcon("New identity key…", theme.LoginIcon(), func() {
		if s.selPerson >= 0 && s.selPerson < len(s.people) {
			u.askNewKey(s.people[s.selPerson], nil)
		}
	})
	s.keyBtn.Disable()
	peopleHead := container.NewBorder(nil, nil, header("People"), container.NewHBox(s.addPerson, s.editBtn, s.keyBtn))
	people := container.NewBorder(
		container.NewVBox(who, widget.NewSeparator(), peopleHead), container.NewVBox(widget.NewSeparator(), folder),
		nil, nil, s.ptable)

	// Policies.
	s.numberFmt = u.newEntry()
	s.numberFmt.Validator = func(v string) error {
		return domainFieldCheck("certificate_number_format", func(p *certification.Policy) { p.CertificateNumberFormat = v })
	}
	s.expiryPlus = widget.NewCheck("Expiry on the third anniversary (decision + 3 years)", func(bool) { s.checkPolicy() })
	s.escalate = widget.NewCheck("An overdue minor may be escalated to a major", func(bool) { s.checkPolicy() })
	s.teamGap = widget.NewCheck("A sector or AI competence gap may be justified in writing", func(bool) { s.checkPolicy() })
	s.remoteCap = widget.NewCheck("Refuse a plan above the remote share limit", func(bool) { s.checkPolicy() })
	var cells []fyne.CanvasObject
	row := func(label string, w fyne.CanvasObject, help string) {
		cells = append(cells, policyRow(label, w, help)...)
	}
	row("Certificate numbers", s.numberFmt, "{STD} the standard's number, {YEAR} the year of grant, {SEQ} the certification id (5 digits); {SEQ} keeps numbers unique.")
	row("Certificate expiry", s.expiryPlus, "A certificate is valid three years from the initial decision: by default it expires the day before the third anniversary; some bodies use the anniversary itself.")
	for _, pn := range policyNumbers {
		e := u.newEntry()
		pn := pn
		e.Validator = func(v string) error {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				return errors.New("write a whole number")
			}
			return domainFieldCheck(pn.field, func(p *certification.Policy) { *pn.ptr(p) = n })
		}
		s.polNumbers = append(s.polNumbers, e)
		row(pn.label, container.NewGridWrap(fyne.NewSize(120, e.MinSize().Height), e), pn.help)
		if pn.field == "major_close_days" {
			row("Overdue minors", s.escalate, "Off by default: a minor whose response is overdue stays a minor.")
		}
		if pn.field == "remote_share_percent" {
			row("Above the remote limit", s.remoteCap, "Off by default: a plan above the limit is kept, and the plan, the report and the audit's activities say so. On: it is refused.")
		}
		if pn.field == "rotation_warn_audits" {
			row("Team gaps", s.teamGap, "Off by default: an audit is confirmed only when its team covers the standard, the client's sectors and (42001) the AI competence areas. On: a sector or AI gap may instead be covered by a written justification kept with the audit. Interests, double bookings and expired qualifications are never justifiable.")
		}
	}
	for _, e := range append([]*entry{s.numberFmt}, s.polNumbers...) {
		e.OnChanged = func(string) { s.checkPolicy() }
	}
	s.polForm = container.New(layout.NewFormLayout(), cells...)
	s.polSave = widget.NewButtonWithIcon("Save policy", theme.DocumentSaveIcon(), s.savePolicy)
	s.polSave.Importance = widget.HighImportance
	s.polRevert = widget.NewButtonWithIcon("Revert", theme.ContentUndoIcon(), func() { s.showPolicy(s.policy) })
	s.polChanged = widget.NewLabel("")
	s.polChanged.Importance = widget.LowImportance
	s.polError = widget.NewLabel("")
	s.polError.Importance = widget.DangerImportance
	s.polError.Truncation = fyne.TextTruncateEllipsis
	polHead := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(container.NewHBox(s.polRevert, s.polSave)), container.NewVBox(s.polChanged, s.polError)),
		widget.NewSeparator())
	policies := container.NewBorder(polHead, nil, nil, nil, container.NewVScroll(container.NewPadded(s.polForm)))

	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("People", theme.AccountIcon(), container.NewPadded(people)),
		container.NewTabItemWithIcon("Policies", theme.SettingsIcon(), container.NewPadded(policies)),
	)
	s.docs = newDocumentsPane(s)
	s.tabs.Append(container.NewTabItemWithIcon("Documents", theme.DocumentIcon(), container.NewPadded(s.docs.body)))
	s.stds = newStandardsPane(s)
	s.tabs.Append(container.NewTabItemWithIcon("Standards", theme.ListIcon(), container.NewPadded(s.stds.body)))
	s.body = s.tabs
}

func (s *settingsSpace) reload() {
	dir := s.u.dataDir
	if dir == "" {
		dir = "(in-memory store)"
	}
	if d := s.u.office.desk; d != nil {
		dir += " — a desk of the body at " + d.Office()
	}
	s.folder.SetText(dir)
	for _, b := range []*widget.Button{s.keyBtn, s.unlockBtn} {
		if s.u.ids == nil {
			b.Hide() // this build signs nothing
		} else {
			b.Show()
		}
	}
	s.clients = nil
	s.loads.start(s.load)
}

func (s *settingsSpace) load(done func()) {
	type result struct {
		people    []certification.Person
		policy    certification.Policy
		images    documentImages
		standards []certification.BodyStandard
	}
	queryThen(s.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if r.people, err = view.People(ctx, svc); err != nil {
			return r, err
		}
		if r.standards, err = svc.BodyStandards(ctx); err != nil {
			return r, err
		}
		r.policy, err = svc.Policy(ctx)
		r.images = loadDocumentImages(ctx, svc)
		return r, err
	}, func(r result, err error) {
		defer done()
		if err != nil {
			s.u.showError("load the settings", err)
			return
		}
		s.people = r.people
		s.selPerson = -1
		s.editBtn.Disable()
		s.keyBtn.Disable()
		s.ptable.UnselectAll()
		s.ptable.Refresh()
		s.showWho()
		s.policy = r.policy
		s.showPolicy(r.policy)
		s.docs.show(r.policy, r.images)
		s.stds.show(r.standards)
	})
}

// showWho shows who is using the app.
func (s *settingsSpace) showWho() {
	text := "Nobody chosen"
	for _, p := range s.people {
		if p.ID == s.u.actor.PersonID {
			text = p.Name
			if p.Email != "" {
				text += " <" + p.Email + ">"
			}
		}
	}
	s.who.SetText(text)
	setEnabled(s.whoBtn, len(s.people) > 0)
	s.showRoles()
}

func (s *settingsSpace) showRoles() {
	s.unlockBtn.Disable()
	for _, p := range s.people {
		if p.ID == s.u.actor.PersonID && p.ID != 0 {
			setEnabled(s.unlockBtn, p.Key() != nil && !s.u.unlocked(p))
			s.whoRoles.SetText("Roles: " + rolesText(p.Roles))
			return
		}
	}
	if len(s.people) == 0 {
		s.whoRoles.SetText("The register is empty: add yourself below.")
	} else {
		s.whoRoles.SetText("Nobody chosen: choose yourself before changing any record (only the first person can be added without).")
	}
}

// chooseActor makes the person picked the one using the app.
func (s *settingsSpace) chooseActor(p certification.Person) {
	s.u.setActor(p)
	s.showWho()
}

// showPolicy fills the policy form.
func (s *settingsSpace) showPolicy(p certification.Policy) {
	s.numberFmt.SetText(p.CertificateNumberFormat)
	s.expiryPlus.SetChecked(p.ExpiryPlusThreeYears)
	s.escalate.SetChecked(p.EscalateOverdueMinor)
	s.teamGap.SetChecked(p.TeamGapJustification)
	s.remoteCap.SetChecked(p.RemoteOverLimitRefused)
	for i, pn := range policyNumbers {
		s.polNumbers[i].SetText(strconv.Itoa(*pn.ptr(&p)))
	}
	if p.ChangedOn.IsZero() {
		s.polChanged.SetText("The defaults of the rules apply: nobody has changed the policy yet.")
	} else {
		s.polChanged.SetText(fmt.Sprintf("Last changed by %s on %s.", p.ChangedBy.Name, p.ChangedOn))
	}
	s.checkPolicy()
}

// checkPolicy validates the form with the domain and enables Save when
// the policy is valid and differs from the stored one.
func (s *settingsSpace) checkPolicy() {
	if s.polSave == nil {
		return
	}
	var problem error
	labels := append([]string{"Certificate numbers"}, func() []string {
		var out []string
		for _, pn := range policyNumbers {
			out = append(out, pn.label)
		}
		return out
	}()...)
	for i, e := range append([]*entry{s.numberFmt}, s.polNumbers...) {
		if err := e.Validate(); err != nil && problem == nil {
			problem = fmt.Errorf("%s: %v", labels[i], err)
		}
	}
	p := s.formPolicy()
	if problem == nil {
		problem = p.Validate()
	}
	stored := s.policy
	stored.ChangedBy, stored.ChangedOn = p.ChangedBy, p.ChangedOn
	changed := p != stored
	if problem != nil {
		s.polError.SetText(sentence(problem.Error()))
	} else {
		s.polError.SetText("")
	}
	setEnabled(s.polSave, problem == nil && changed)
	setEnabled(s.polRevert, changed)
}

// formPolicy reads the policy form.
func (s *settingsSpace) formPolicy() certification.Policy {
	p := s.policy
	p.CertificateNumberFormat = strings.TrimSpace(s.numberFmt.Text)
	p.ExpiryPlusThreeYears = s.expiryPlus.Checked
	p.EscalateOverdueMinor = s.escalate.Checked
	p.TeamGapJustification = s.teamGap.Checked
	p.RemoteOverLimitRefused = s.remoteCap.Checked
	for i, pn := range policyNumbers {
		n, _ := strconv.Atoi(strings.TrimSpace(s.polNumbers[i].Text))
		*pn.ptr(&p) = n
	}
	return p
}

// policyRow is a row of a settings form: the label and the field with
// its help under it.
func policyRow(label string, w fyne.CanvasObject, help string) []fyne.CanvasObject {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	h := widget.NewLabel(help)
	h.Wrapping = fyne.TextWrapWord
	h.SizeName = theme.SizeNameCaptionText
	return []fyne.CanvasObject{l, container.NewVBox(w, h)}
}

// savePolicy stores the policy; the domain validates it again and records
// who changed it.
func (s *settingsSpace) savePolicy() {
	p := s.formPolicy()
	if err := p.Validate(); err != nil {
		s.u.showError("save the policy", err)
		return
	}
	s.u.do(command{what: "save the policy", run: func(ctx context.Context, svc *certification.Service) error {
		return svc.SetPolicy(ctx, p)
	}, actor: true})
}
