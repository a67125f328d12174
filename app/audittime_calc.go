package app

import (
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

	"certdesk/audit/audittime"
	"certdesk/audit/scheme"
	"certdesk/certification"
	"certdesk/certification/view"
)

// The audit-time calculator of the client page: IAF MD 5 (and the
// ISO/IEC 42001 mode of ISO/IEC 42006) from the client's effective
// personnel, AI roles, AI systems and sites, with adjustments up or down
// (each with a reason), an integrated audit's reduction, the result for
// the initial audit, its stages, surveillance and recertification, split
// over the sites, and the justification step by step, ready to copy into
// the contract. audit.Calculate is pure (embedded tables, no store), so
// it runs on every change on the UI goroutine.

// audittimeCalc holds the open calculator (tests drive its fields).
type audittimeCalc struct {
	part
	u    *ui
	view *view.ClientDetail
	dlg  dialog.Dialog

	standards   map[string]*widget.Check
	stdList     []string // the standards it calculates for, in order
	personnel   *entry
	aiPersonnel *entry
	aiRoles     map[string]*widget.Check
	aiProcesses *entry
	suggest     *widget.Check
	suggestions *widget.Label
	aiBox       *fyne.Container

	adjs     []*atAdjRow
	adjBox   *fyne.Container
	addAdj   *widget.Button
	adjError *widget.Label

	integrated *widget.Check
	reduction  *entry
	intError   *widget.Label

	inputError *widget.Label
	left       *fyne.Container
	leftScroll *container.Scroll

	// The result.
	res      *audittime.Result
	headline *widget.Label
	times    *fyne.Container
	perStd   *fyne.Container
	sites    *fyne.Container
	justify  *widget.Label
	justHead fyne.CanvasObject
	copyBtn  *widget.Button
	copied   *widget.Label
	excel    *widget.Button // Export to Excel… (xlsx_export.go)
	right    *fyne.Container
}

// atAdjRow is one adjustment of the calculator.
type atAdjRow struct {
	standard *widget.Select
	percent  *entry
	reason   *entry
	remove   *widget.Button
}

// Column widths of the adjustment rows (0: the rest).
var atAdjWidths = []float32{150, 90, 0, 36}

const atAllStandards = "All standards"

// showAudittimeCalc opens the calculator prefilled from a client.
func showAudittimeCalc(u *ui, v *view.ClientDetail) {
	c := &audittimeCalc{u: u, view: v}
	c.build()
	c.fill()
	c.calculate()
	c.leftScroll = container.NewVScroll(container.NewPadded(c.left))
	// The result scrolls both ways so that its tables do not widen the dialog.
	split := container.NewHSplit(c.leftScroll, container.NewScroll(container.NewPadded(c.right)))
	split.Offset = 0.41
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), func() { c.dlg.Hide() })
	content := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, container.NewHBox(c.copied, c.excel, c.copyBtn, closeBtn))), nil, nil, split)
	c.dlg = dialog.NewCustomWithoutButtons("Audit time: "+v.Client.LegalName, c.as(c, content), u.win)
	u.openDialog(c.dlg, 1180, 780)
}

func (c *audittimeCalc) build() {
	u := c.u
	changed := func() { c.calculate() }
	c.standards = map[string]*widget.Check{}
	c.stdList = certification.CalculableStandards()
	for _, s := range c.stdList {
		c.standards[s] = widget.NewCheck(s, func(bool) { c.showAI(); changed() })
	}
	c.personnel = u.newEntry()
	c.personnel.SetPlaceHolder("full-time equivalents in scope, all shifts")
	c.personnel.Validator = positiveNumber
	c.aiPersonnel = u.newEntry()
	c.aiPersonnel.SetPlaceHolder("people doing AI work; empty: all effective personnel")
	c.aiPersonnel.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil || v < 0 {
			return errors.New("a number of full-time equivalents")
		}
		return nil
	}
	c.aiProcesses = u.newEntry()
	c.aiProcesses.SetPlaceHolder("processes using AI; empty: not stated")
	c.aiProcesses.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err != nil || n < 0 {
			return errors.New("a whole number")
		}
		return nil
	}
	for _, e := range []*entry{c.personnel, c.aiPersonnel, c.aiProcesses} {
		e.OnChanged = func(string) { changed() }
	}
	c.aiRoles = map[string]*widget.Check{}
	for _, r := range scheme.AIRoleNames {
		c.aiRoles[r] = widget.NewCheck(certification.AIRole(r).Label(), func(bool) { changed() })
	}
	c.suggest = widget.NewCheck("Apply the suggested adjustments", func(bool) { changed() })
	c.suggestions = widget.NewLabel("")
	c.suggestions.Wrapping = fyne.TextWrapWord
	c.suggestions.Importance = widget.LowImportance

	c.adjBox = container.NewVBox()
	c.addAdj = widget.NewButtonWithIcon("Add adjustment", theme.ContentAddIcon(), func() {
		r := c.newAdj()
		c.layoutAdjs()
		c.u.win.Canvas().Focus(r.percent)
	})
	c.adjError = atErrorLabel()
	c.integrated = widget.NewCheck("Integrated audit of the standards ticked", func(on bool) {
		setEnabled(c.reduction, on)
		changed()
	})
	c.reduction = u.newEntry()
	c.reduction.SetPlaceHolder("0–20")
	c.reduction.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		if _, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err != nil {
			return errors.New("a percentage")
		}
		return nil
	}
	c.reduction.OnChanged = func(string) { changed() }
	c.reduction.Disable()
	c.intError = atErrorLabel()
	c.inputError = atErrorLabel()

	c.headline = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.headline.Wrapping = fyne.TextWrapWord
	c.times = container.NewVBox()
	c.perStd = container.NewVBox()
	c.sites = container.NewVBox()
	c.justify = widget.NewLabel("")
	c.justify.Wrapping = fyne.TextWrapWord
	c.justify.Selectable = true
	c.copied = widget.NewLabel("")
	c.copied.Importance = widget.LowImportance
	c.copyBtn = widget.NewButtonWithIcon("Copy justification", theme.ContentCopyIcon(), c.copyJustification)
	c.copyBtn.Importance = widget.HighImportance
	c.excel = widget.NewButtonWithIcon("Export to Excel…", theme.DownloadIcon(), c.exportExcel)
}

func atErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// fill prefills the calculator from the client and its open certifications.
func (c *audittimeCalc) fill() {
	cl := &c.view.Client
	open := openStandards(c.view)
	for _, s := range open {
		if ch := c.standards[string(s)]; ch != nil {
			ch.Checked = true
		}
	}
	if cl.EffectivePersonnel > 0 {
		c.personnel.SetText(numberText(cl.EffectivePersonnel))
	}
	for _, r := range cl.AIRoles {
		if ch := c.aiRoles[string(r)]; ch != nil {
			ch.Checked = true
		}
	}

	var stds []fyne.CanvasObject
	for _, s := range c.stdList {
		stds = append(stds, c.standards[s])
	}
	var roles []fyne.CanvasObject
	for _, r := range scheme.AIRoleNames {
		roles = append(roles, c.aiRoles[r])
	}
	systems := "No AI systems recorded for the client."
	if n := len(cl.AISystems); n > 0 {
		var parts []string
		for _, s := range cl.AISystems {
			p := s.Name + " (" + strings.ToLower(s.RiskClass.Label()) + " risk, " + strings.ToLower(s.Autonomy.Label())
			if s.PersonalData {
				p += ", personal data"
			}
			parts = append(parts, p+")")
		}
		systems = fmt.Sprintf("%d AI systems from the client record: %s.", n, strings.Join(parts, "; "))
	}
	sites := "No sites recorded: one site, the registered address."
	if len(cl.Sites) > 0 {
		var parts []string
		for _, s := range cl.Sites {
			p := fmt.Sprintf("%s %d personnel", s.Code, s.Personnel)
			if s.Central {
				p += " (central)"
			}
			parts = append(parts, p)
		}
		sites = fmt.Sprintf("%d sites from the client record: %s.", len(cl.Sites), strings.Join(parts, ", "))
	}
	c.aiBox = container.NewVBox(
		formHeading("ISO/IEC 42001"),
		container.New(layout.NewFormLayout(),
			formKey("AI personnel"), c.aiPersonnel,
			formKey("AI roles"), container.NewGridWithColumns(2, roles...),
			formKey("Processes using AI"), c.aiProcesses,
		),
		formHint(systems),
		c.suggest,
		c.suggestions,
	)
	c.left = container.NewVBox(
		formHeading("Standards"),
		container.NewGridWithColumns(2, stds...),
		container.New(layout.NewFormLayout(), formKey("Effective personnel *"), c.personnel),
		formHint(sites),
		c.inputError,
		c.aiBox,
		formHeading("Adjustments"),
		formHint("Each adjustment up (+) or down (−) needs a reason; reductions for a standard may together be at most 30 % (IAF MD 5)."),
		valueGrid(atAdjWidths, []string{"Standard", "Percent", "Reason", ""}, nil),
		c.adjBox,
		container.NewHBox(c.addAdj),
		c.adjError,
		formHeading("Integrated audit"),
		c.integrated,
		container.New(layout.NewFormLayout(), formKey("Reduction"), container.NewHBox(
			container.New(layout.NewGridWrapLayout(fyne.NewSize(110, c.reduction.MinSize().Height)), c.reduction),
			widget.NewLabel("% of the sum, at most 20 %"))),
		c.intError,
	)
	c.justHead = formHeading("Justification (for the contract)")
	c.right = container.NewVBox(
		c.headline,
		c.times,
		c.perStd,
		c.sites,
		c.justHead,
		c.justify,
	)
	c.layoutAdjs()
	c.showAI()
}

// showAI shows the 42001 inputs when 42001 is ticked.
func (c *audittimeCalc) showAI() {
	if c.aiBox == nil {
		return
	}
	if c.standards[scheme.ISO42001].Checked {
		c.aiBox.Show()
	} else {
		c.aiBox.Hide()
	}
	c.left.Refresh()
}

func (c *audittimeCalc) newAdj() *atAdjRow {
	opts := []string{atAllStandards}
	opts = append(opts, c.stdList...)
	r := &atAdjRow{standard: widget.NewSelect(opts, nil), percent: c.u.newEntry(), reason: c.u.newEntry()}
	r.standard.SetSelected(atAllStandards)
	r.standard.OnChanged = func(string) { c.calculate() }
	r.percent.SetPlaceHolder("+10 or −5")
	r.percent.Validator = func(s string) error {
		if _, err := atPercent(s); err != nil {
			return err
		}
		return nil
	}
	r.reason.SetPlaceHolder("why, e.g. complex processes, shift work, low risk")
	r.reason.Validator = required("a reason")
	r.percent.OnChanged = func(string) { c.calculate() }
	r.reason.OnChanged = func(string) { c.calculate() }
	r.remove = widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
		c.adjs = slices.DeleteFunc(c.adjs, func(o *atAdjRow) bool { return o == r })
		c.layoutAdjs()
	})
	r.remove.Importance = widget.LowImportance
	c.adjs = append(c.adjs, r)
	return r
}

// atPercent reads a percentage written +10, 10, -5 or −5.
func atPercent(s string) (float64, error) {
	s = strings.TrimSpace(strings.ReplaceAll(strings.TrimSuffix(strings.TrimSpace(s), "%"), "−", "-"))
	v, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
	if err != nil {
		return 0, errors.New("a percentage, e.g. +10 or -5")
	}
	return v, nil
}

func (c *audittimeCalc) layoutAdjs() {
	c.adjBox.Objects = nil
	for _, r := range c.adjs {
		c.adjBox.Add(container.New(&gridColumns{widths: atAdjWidths}, r.standard, r.percent, r.reason, r.remove))
	}
	if len(c.adjs) == 0 {
		c.adjBox.Add(lowLabel("No adjustment: the table's time applies."))
	}
	c.adjBox.Refresh()
	c.left.Refresh()
	c.calculate()
}

// input reads the form; an error says what to put right first, with the
// label that shows it.
func (c *audittimeCalc) input() (audittime.Input, *widget.Label, error) {
	cl := &c.view.Client
	var in audittime.Input
	for _, s := range c.stdList {
		if c.standards[s].Checked {
			in.Standards = append(in.Standards, s)
		}
	}
	certification.AuditTimeStandards(&in) // the body's added ones: from the MD 5 table
	if err := positiveNumber(c.personnel.Text); err != nil {
		return in, c.inputError, errors.New("Effective personnel: " + err.Error() + ".")
	}
	in.EffectivePersonnel = parseFloat(c.personnel.Text)
	if slices.Contains(in.Standards, scheme.ISO42001) {
		if err := c.aiPersonnel.Validate(); err != nil {
			return in, c.inputError, errors.New("AI personnel: " + err.Error() + ".")
		}
		in.AIPersonnel = parseFloat(c.aiPersonnel.Text)
		for _, r := range scheme.AIRoleNames {
			if c.aiRoles[r].Checked {
				in.AIRoles = append(in.AIRoles, r)
			}
		}
		if err := c.aiProcesses.Validate(); err != nil {
			return in, c.inputError, errors.New("Processes using AI: " + err.Error() + ".")
		}
		in.AIProcesses, _ = strconv.Atoi(strings.TrimSpace(c.aiProcesses.Text))
		for _, s := range cl.AISystems {
			in.AISystems = append(in.AISystems, audittime.AISystemInput{Name: s.Name, RiskClass: string(s.RiskClass), Autonomy: string(s.Autonomy), PersonalData: s.PersonalData})
		}
		in.AcceptSuggestions = c.suggest.Checked
	}
	for _, s := range cl.Sites {
		in.Sites = append(in.Sites, audittime.SiteInput{Code: s.Code, Central: s.Central, Personnel: s.Personnel})
	}
	for i, r := range c.adjs {
		p, err := atPercent(r.percent.Text)
		if err != nil {
			return in, c.adjError, fmt.Errorf("Adjustment %d: %v.", i+1, err)
		}
		a := audittime.Adjustment{Percent: p, Reason: strings.TrimSpace(r.reason.Text)}
		if r.standard.Selected != atAllStandards {
			a.Standard = r.standard.Selected
		}
		in.Adjustments = append(in.Adjustments, a)
	}
	in.Integrated = c.integrated.Checked
	if in.Integrated {
		if err := c.reduction.Validate(); err != nil {
			return in, c.intError, errors.New("Reduction: " + err.Error() + ".")
		}
		in.IntegrationReduction = parseFloat(c.reduction.Text)
	}
	return in, nil, nil
}

// atErrorPlace is the label that shows a refused input field.
func (c *audittimeCalc) atErrorPlace(field string) *widget.Label {
	switch {
	case strings.HasPrefix(field, "adjustments"):
		return c.adjError
	case strings.HasPrefix(field, "integrat"):
		return c.intError
	}
	return c.inputError
}

// calculate works the time out again and shows it, or the refusal next
// to the field it concerns.
func (c *audittimeCalc) calculate() {
	if c.right == nil {
		return
	}
	for _, l := range []*widget.Label{c.inputError, c.adjError, c.intError} {
		l.SetText("")
		l.Hide()
	}
	in, place, err := c.input()
	var res *audittime.Result
	if err == nil {
		res, err = audittime.Calculate(in)
		if err != nil {
			var fe *audittime.FieldError
			if errors.As(err, &fe) {
				place = c.atErrorPlace(fe.Field)
				err = errors.New(sentence(fe.Message))
			} else {
				place = c.inputError
			}
		}
	}
	// The suggestions come with the result; without one, from the systems.
	if sug, serr := audittime.SuggestAI(in.AISystems, in.AIProcesses); serr == nil {
		c.showSuggestions(sug)
	}
	c.res = res
	if err != nil {
		place.SetText(err.Error())
		place.Show()
		c.headline.Importance = widget.DangerImportance
		c.headline.SetText("No result until the input is put right: " + err.Error())
		c.times.Objects, c.perStd.Objects, c.sites.Objects = nil, nil, nil
		c.justify.SetText("")
		c.justHead.Hide()
		c.copyBtn.Disable()
		c.excel.Disable()
		c.left.Refresh()
		c.right.Refresh()
		return
	}
	c.copyBtn.Enable()
	c.excel.Enable()
	c.justHead.Show()
	c.showResult(res)
	c.left.Refresh()
}

func (c *audittimeCalc) showSuggestions(sug []audittime.Adjustment) {
	if len(sug) == 0 {
		c.suggestions.SetText("No complexity factor suggests an adjustment.")
		c.suggest.Disable()
		return
	}
	c.suggest.Enable()
	var lines []string
	for _, a := range sug {
		lines = append(lines, atPct(a.Percent)+" "+a.Reason)
	}
	c.suggestions.SetText("Suggested by the ISO/IEC 42001 complexity factors: " + strings.Join(lines, "; ") + ".")
}

// atPct writes a percentage with its sign: "+10 %", "−5 %".
func atPct(p float64) string {
	s := strconv.FormatFloat(p, 'f', -1, 64)
	if p > 0 {
		s = "+" + s
	} else {
		s = strings.Replace(s, "-", "−", 1)
	}
	return s + " %"
}

// atDays writes days and hours: "6.5 days (52 h)".
func atDays(t audittime.Time) string {
	return fmt.Sprintf("%s days (%s h)", numberText(t.Days), numberText(t.Hours))
}

func (c *audittimeCalc) showResult(res *audittime.Result) {
	c.headline.Importance = widget.HighImportance
	c.headline.SetText("Initial audit: " + audittime.AuditorDays(res.Initial.Days))
	row := func(k, v string) []fyne.CanvasObject {
		return []fyne.CanvasObject{pageKey(k), widget.NewLabel(v)}
	}
	var cells []fyne.CanvasObject
	cells = append(cells, row("Initial (stage 1 + 2)", atDays(res.Initial))...)
	cells = append(cells, row("Stage 1", atDays(res.Stage1))...)
	cells = append(cells, row("Stage 2", atDays(res.Stage2))...)
	cells = append(cells, row("Surveillance (each year)", atDays(res.Surveillance))...)
	cells = append(cells, row("Recertification", atDays(res.Recertification))...)
	c.times.Objects = []fyne.CanvasObject{container.New(layout.NewFormLayout(), cells...)}

	c.perStd.Objects = nil
	var rows [][]fyne.CanvasObject
	for _, st := range res.Standards {
		adj := "—"
		if len(st.Adjustments) > 0 {
			adj = atPct(st.AdjustmentPercent)
		}
		rows = append(rows, []fyne.CanvasObject{
			gridCell(st.Standard, widget.MediumImportance), gridCell(numberText(st.Base), widget.MediumImportance),
			gridCell(adj, widget.MediumImportance), gridCell(numberText(st.Adjusted), widget.MediumImportance),
		})
	}
	c.perStd.Add(formHeading("Per standard"))
	c.perStd.Add(valueGrid([]float32{0, 60, 100, 60}, []string{"Standard", "Base", "Adjusted by", "Days"}, rows))
	if len(res.Standards) > 1 {
		sum := "Sum " + audittime.AuditorDays(res.Sum)
		if res.Integrated {
			sum += fmt.Sprintf("; integrated audit reduced by %s %% to %s", numberText(res.IntegrationReduction), numberText(res.Initial.Days))
		}
		c.perStd.Add(lowLabel(sum))
	}

	c.sites.Objects = nil
	if len(res.Sites) > 1 {
		var rows [][]fyne.CanvasObject
		for _, s := range res.Sites {
			code := s.Code
			if s.Central {
				code += " ★"
			}
			rows = append(rows, []fyne.CanvasObject{
				gridCell(code, widget.MediumImportance), gridCell(strconv.Itoa(s.Personnel), widget.MediumImportance),
				gridCell(numberText(s.Share)+" %", widget.MediumImportance), gridCell(atZero(s.Stage1), widget.MediumImportance),
				gridCell(numberText(s.Stage2), widget.MediumImportance), gridCell(numberText(s.Surveillance), widget.MediumImportance),
				gridCell(numberText(s.Recertification), widget.MediumImportance),
			})
		}
		c.sites.Add(formHeading("Per site (auditor-days)"))
		c.sites.Add(valueGrid([]float32{0, 92, 60, 68, 68, 108, 72}, []string{"Site", "Personnel", "Share", "Stage 1", "Stage 2", "Surveillance", "Recert."}, rows))
	}
	// The steps as they are copied, a paragraph each.
	c.justify.SetText(strings.Join(res.Justification, "\n\n"))
	c.right.Refresh()
}

// copyJustification puts the justification on the clipboard.
func (c *audittimeCalc) copyJustification() {
	if c.res == nil {
		return
	}
	c.u.app.Clipboard().SetContent(c.res.Text())
	c.copied.SetText("Copied to the clipboard")
}

// atZero writes days, "—" for none.
func atZero(d float64) string {
	if d == 0 {
		return "—"
	}
	return numberText(d)
}
