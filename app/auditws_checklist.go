package app

import (
	"cmp"
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// Checklist filters.
const (
	awFilterAll      = "All"
	awFilterOpen     = "Not audited"
	awFilterFindings = "With findings"
)

// awRow is one line of the checklist: a section title (integrated
// audits), a group heading or an item. A clause's own item ("6" of "6
// Planning") is its group's heading.
type awRow struct {
	section     string           // set on a section title
	group       string           // set on a heading
	item        *catalogue.Item  // the item (nil on a heading of controls)
	aud         certification.ID // the audit the item is recorded on
	tag         string           // the standards a shared clause answers: "9001 · 42001"
	matched     bool             // a heading's own item passes the filter
	done, total int              // for a heading: items of the group audited, of all
}

// awItem is one item of a section of the checklist.
type awItem struct {
	it  *catalogue.Item
	aud certification.ID
	tag string
}

// awSection is a part of the checklist: the whole checklist of an audit
// alone (no title), or, for an integrated audit, the shared clauses and
// each standard's own clauses and controls.
type awSection struct {
	title string
	items []awItem
}

// awAudit is an audit of an integrated audit as the checklist shows it.
type awAudit struct {
	a        *certification.Audit
	std      certification.Standard
	cat      *catalogue.Catalogue
	entries  map[string]certification.ChecklistEntry
	findings []certification.Finding
	byRef    map[string][]int
}

// awPending is an item to select (and maybe a finding to add) once the
// audit it belongs to has been opened.
type awPending struct {
	aud     certification.ID
	ref     string
	finding bool
}

// checklistPane is the checklist (virtualised list), the detail pane of
// the selected item (result and notes, saved with the Save button or
// Ctrl+S, and when moving to another item) and the audit's findings.
type checklistPane struct {
	w       *auditWS
	content fyne.CanvasObject

	filter   *widget.RadioGroup
	search   *entry
	progress *widget.ProgressBar
	soaNote  *widget.Label // controls the SoA excludes (hidden when none)
	rows     []awRow
	list     *widget.List
	// The integrated audit (auditws_checklist.go): the combined checklist
	// loaded for igFor (the audit as last loaded), the other audits by id,
	// the sections shown, and the note above the list.
	ig        *certification.IntegratedChecklist
	igFor     *certification.Audit
	igLoading *certification.Audit
	others    map[certification.ID]*awAudit
	sections  []awSection
	igItems   []catalogue.Item
	igNote    *widget.Label
	igBar     *fyne.Container
	pending   awPending
	// syncing silences the list's OnSelected while the code selects.
	syncing bool

	// ref is the item in the detail pane and aud the audit it is
	// recorded on; base* what is saved for it.
	ref        string
	aud        certification.ID
	baseResult certification.ChecklistResult
	baseNotes  string
	savedRef   string
	saving     bool
	filling    bool
	// inflight counts saves not yet finished; saveFailed notes a failure
	// among them; waiters are called when the last one finishes.
	inflight   int
	saveFailed bool
	waiters    []func(ok bool)

	dRef   *widget.Label
	dTitle *widget.Label
	dGroup *widget.Label
	dStd   *widget.Label // the standards the item answers (integrated audits)
	result *awResultPicker
	notes  *awEntry
	save   *widget.Button
	state  *widget.Label
	addF   *widget.Button
	hint   *widget.Label
	itemF  *widget.Label
	fTable *widget.Table
	fInfo  *widget.Label
	detail fyne.CanvasObject
	// containers laid out again when their content changes size
	dTitleRow, dBottom, dButtons, fHead *fyne.Container
	noItem                              *widget.Label
	dStack                              *fyne.Container
	fHeader                             *widget.Label
}

func (c *checklistPane) init(w *auditWS) {
	c.w = w
	u := w.u
	c.filter = widget.NewRadioGroup([]string{awFilterAll, awFilterOpen, awFilterFindings}, func(string) { c.refresh() })
	c.filter.Horizontal = true
	c.filter.Required = true
	c.filter.SetSelected(awFilterAll)
	c.search = u.newEntry()
	c.search.SetPlaceHolder("Find clause or control (ref or title)…")
	c.search.OnChanged = func(string) { c.refresh() }
	// Enter goes to the first item found, ready for notes.
	c.search.OnSubmitted = func(string) {
		for _, r := range c.rows {
			if r.item != nil && (r.group == "" || r.matched) {
				c.goTo(r.aud, r.item.Ref)
				if c.editable() {
					c.w.u.win.Canvas().Focus(c.notes)
				}
				return
			}
		}
	}
	c.progress = widget.NewProgressBar()
	c.progress.TextFormatter = func() string { return "" }

	c.list = widget.NewList(func() int { return len(c.rows) }, c.newRow, c.updateRow)
	c.list.OnSelected = c.selected

	c.soaNote = widget.NewLabel("")
	c.soaNote.Importance = widget.LowImportance
	c.soaNote.Truncation = fyne.TextTruncateEllipsis
	c.soaNote.Hide()
	c.igNote = widget.NewLabel("")
	c.igNote.Truncation = fyne.TextTruncateEllipsis
	c.igNote.Importance = widget.HighImportance
	c.igBar = container.NewBorder(nil, nil, nil, container.NewHBox(), c.igNote)
	c.igBar.Hide()
	top := container.NewVBox(c.igBar, container.NewPadded(c.progress), c.soaNote, c.filter, c.search)
	left := container.NewBorder(top, nil, nil, nil, c.list)

	// Detail pane.
	c.dRef = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.dTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.dTitle.Truncation = fyne.TextTruncateEllipsis
	c.dGroup = widget.NewLabel("")
	c.dGroup.Importance = widget.LowImportance
	c.dGroup.Truncation = fyne.TextTruncateEllipsis
	c.dStd = widget.NewLabel("")
	c.dStd.Importance = widget.HighImportance
	c.dStd.Hide()
	c.result = newAwResultPicker(func(string) { c.edited() })
	c.notes = u.newAwEntry(true)
	c.notes.SetMinRowsVisible(5)
	c.notes.SetPlaceHolder("What was seen, whom you spoke to, documents and records sampled…")
	c.notes.OnChanged = func(string) { c.edited() }
	c.notes.on(awCtrl(fyne.KeyS), c.saveNow)
	c.notes.on(awCtrl(fyne.KeyReturn), c.saveAndNext)
	c.notes.on(awCtrl(fyne.KeyEnter), c.saveAndNext)
	c.notes.on(awAlt(fyne.KeyDown), func() { c.step(1) })
	c.notes.on(awAlt(fyne.KeyUp), func() { c.step(-1) })
	for i, r := range certification.ChecklistResults {
		c.notes.on(awAlt(fyne.KeyName(fmt.Sprint(i+1))), func() {
			if !c.result.Disabled() {
				c.result.SetSelected(r.Label())
			}
		})
	}
	c.save = widget.NewButtonWithIcon("Save  (Ctrl+S)", theme.DocumentSaveIcon(), c.saveNow)
	c.save.Importance = widget.HighImportance
	c.state = widget.NewLabel("")
	c.addF = widget.NewButtonWithIcon("Add finding…  (Ctrl+N)", theme.ContentAddIcon(), c.addFinding)
	c.hint = widget.NewLabel("")
	c.hint.Importance = widget.LowImportance
	c.hint.Truncation = fyne.TextTruncateEllipsis
	c.itemF = widget.NewLabel("")
	c.itemF.Wrapping = fyne.TextWrapWord
	c.itemF.Hide()

	c.dTitleRow = container.NewBorder(nil, nil, c.dRef, nil, c.dTitle)
	head := container.NewVBox(c.dTitleRow, container.NewBorder(nil, nil, nil, c.dStd, c.dGroup), header("Result"), c.result.box, header("Notes"))
	c.dButtons = container.NewHBox(c.save, c.state, layout.NewSpacer(), c.addF)
	c.dBottom = container.NewVBox(c.dButtons, c.hint, c.itemF)
	c.detail = container.NewBorder(head, c.dBottom, nil, nil, c.notes)
	c.noItem = widget.NewLabel("Choose a clause or control in the checklist.")
	c.noItem.Importance = widget.LowImportance
	c.noItem.Alignment = fyne.TextAlignCenter
	c.dStack = container.NewStack(container.NewCenter(c.noItem))

	// Findings of the audit.
	c.fTable = newTable(awFindingColumns(w), func() []certification.Finding { return w.findings }, func(i int) {
		c.goTo(w.auditID, w.findings[i].Reference)
	})
	c.fHeader = header("Findings")
	c.fInfo = widget.NewLabel("")
	c.fInfo.Importance = widget.LowImportance
	c.fInfo.Truncation = fyne.TextTruncateEllipsis
	c.fHead = container.NewBorder(nil, nil, c.fHeader, nil, c.fInfo)
	findings := container.NewBorder(c.fHead, nil, nil, nil, c.fTable)

	right := container.NewVSplit(container.NewPadded(c.dStack), findings)
	right.Offset = 0.7
	split := container.NewHSplit(left, right)
	split.Offset = 0.44
	c.content = split
}

// awFindingColumns are the columns of the audit's findings table.
func awFindingColumns(w *auditWS) []column[certification.Finding] {
	return []column[certification.Finding]{
		{title: "#", width: 40, text: func(x *certification.Finding) string { return fmt.Sprint(x.Number) }},
		{title: "Grade", width: 140, text: func(x *certification.Finding) string { return x.Grade.Label() },
			importance: func(x *certification.Finding) widget.Importance { return awGradeImportance(x.Grade) }},
		{title: "Ref", width: 70, text: func(x *certification.Finding) string { return x.Reference }},
		{title: "Requirement", width: 190, text: func(x *certification.Finding) string { return awOneLine(x.Requirement) }},
		{title: "Objective evidence", width: 240, text: func(x *certification.Finding) string { return awOneLine(x.Evidence) }},
		{title: "Raised by", width: 130, text: func(x *certification.Finding) string { return w.personName(x.RaisedBy) }},
		{title: "Raised", width: 100, text: func(x *certification.Finding) string { return x.Raised.String() }},
		{title: "Response due", width: 110, text: func(x *certification.Finding) string { return x.ResponseDue.String() }},
	}
}

func awGradeImportance(g certification.Grade) widget.Importance {
	switch g {
	case certification.Major:
		return widget.DangerImportance
	case certification.Minor:
		return widget.WarningImportance
	case certification.OFI:
		return widget.HighImportance
	case certification.Positive:
		return widget.SuccessImportance
	}
	return widget.MediumImportance
}

func awResultImportance(r certification.ChecklistResult) widget.Importance {
	switch r {
	case certification.ResultConform:
		return widget.SuccessImportance
	case certification.ResultOFI:
		return widget.HighImportance
	case certification.ResultMinor:
		return widget.WarningImportance
	case certification.ResultMajor:
		return widget.DangerImportance
	}
	return widget.LowImportance
}

func awResultOf(label string) certification.ChecklistResult {
	for _, r := range certification.ChecklistResults {
		if r.Label() == label {
			return r
		}
	}
	return certification.ResultNotAudited
}

func awOneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// ---- the list ----

// A row template: a section title, a heading (background, group, count)
// and an item (ref, title, standards, notes mark, finding numbers,
// result); one shows.
func (c *checklistPane) newRow() fyne.CanvasObject {
	// Translucent, so that the list's selection shows through.
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHover))
	gName := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	gName.Truncation = fyne.TextTruncateEllipsis
	gCount := widget.NewLabel("")
	gCount.Importance = widget.LowImportance
	gNotes := widget.NewIcon(theme.DocumentIcon())
	gFinds := widget.NewLabel("")
	gRes := widget.NewLabel("")
	gh := gName.MinSize().Height
	heading := container.NewStack(bg, container.NewBorder(nil, nil, nil,
		container.NewHBox(gCount, gNotes, gFinds, container.NewGridWrap(fyne.NewSize(96, gh), gRes)), gName))

	ref := widget.NewLabel("")
	title := widget.NewLabel("")
	title.Truncation = fyne.TextTruncateEllipsis
	tag := widget.NewLabel("")
	tag.Importance = widget.HighImportance
	tag.SizeName = theme.SizeNameCaptionText
	notes := widget.NewIcon(theme.DocumentIcon())
	finds := widget.NewLabel("")
	res := widget.NewLabel("")
	h := ref.MinSize().Height
	// The standards of a shared clause, in a box as wide as the text
	// (set in updateRow: a label's new text does not widen its row).
	tagBox := container.NewGridWrap(fyne.NewSize(0, h), tag)
	item := container.NewBorder(nil, nil,
		container.NewGridWrap(fyne.NewSize(76, h), ref),
		container.NewHBox(tagBox, notes, finds, container.NewGridWrap(fyne.NewSize(96, h), res)),
		title)

	sBG := canvas.NewRectangle(awSectionColor())
	sName := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sName.Truncation = fyne.TextTruncateEllipsis
	sName.Importance = widget.HighImportance
	sCount := widget.NewLabel("")
	sCount.Importance = widget.LowImportance
	sCount.Alignment = fyne.TextAlignTrailing
	section := container.NewStack(sBG, container.NewBorder(nil, nil, nil,
		container.NewGridWrap(fyne.NewSize(96, sName.MinSize().Height), sCount), sName))
	return container.NewStack(heading, item, section)
}

// awSectionColor is the background of a section title: the primary
// colour, faint.
func awSectionColor() color.Color {
	r, g, b, _ := theme.Color(theme.ColorNamePrimary).RGBA()
	return color.NRGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(b >> 8), A: 0x38}
}

func (c *checklistPane) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.rows) {
		return
	}
	r := c.rows[i]
	st := o.(*fyne.Container)
	heading, item, section := st.Objects[0].(*fyne.Container), st.Objects[1].(*fyne.Container), st.Objects[2].(*fyne.Container)
	if r.section != "" {
		heading.Hide()
		item.Hide()
		section.Show()
		b := section.Objects[1].(*fyne.Container)
		b.Objects[0].(*widget.Label).SetText(r.section)
		b.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d / %d", r.done, r.total))
		return
	}
	section.Hide()
	if r.group != "" {
		heading.Show()
		item.Hide()
		// Border: center (name), right (count, notes, findings, result).
		b := heading.Objects[1].(*fyne.Container)
		b.Objects[0].(*widget.Label).SetText(r.group)
		right := b.Objects[1].(*fyne.Container)
		right.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d / %d", r.done, r.total))
		c.showMarks(r.aud, r.item, right.Objects[1].(*widget.Icon), right.Objects[2].(*widget.Label),
			right.Objects[3].(*fyne.Container).Objects[0].(*widget.Label))
		return
	}
	heading.Hide()
	item.Show()
	// Border: center (title), left (ref), right (standards, notes, findings, result).
	right := item.Objects[2].(*fyne.Container)
	item.Objects[0].(*widget.Label).SetText(r.item.Title)
	item.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(r.item.Ref)
	tagBox := right.Objects[0].(*fyne.Container)
	if r.tag != "" {
		tag := tagBox.Objects[0].(*widget.Label)
		tag.SetText(r.tag)
		size := fyne.MeasureText(r.tag, theme.Size(theme.SizeNameCaptionText), tag.TextStyle)
		tagBox.Layout = layout.NewGridWrapLayout(fyne.NewSize(size.Width+2*theme.Padding()+2, tag.MinSize().Height))
		tagBox.Show()
		item.Refresh()
	} else {
		tagBox.Hide()
	}
	c.showMarks(r.aud, r.item, right.Objects[1].(*widget.Icon), right.Objects[2].(*widget.Label),
		right.Objects[3].(*fyne.Container).Objects[0].(*widget.Label))
}

// entry is what is recorded for ref on audit aud (the open audit or
// another audit of its integrated audit).
func (c *checklistPane) entry(aud certification.ID, ref string) certification.ChecklistEntry {
	if o, ok := c.others[aud]; ok {
		return o.entries[ref]
	}
	return c.w.entries[ref]
}

// findingsOn lists the findings of audit aud on ref.
func (c *checklistPane) findingsOn(aud certification.ID, ref string) []*certification.Finding {
	var out []*certification.Finding
	if o, ok := c.others[aud]; ok {
		for _, fi := range o.byRef[ref] {
			out = append(out, &o.findings[fi])
		}
		return out
	}
	for _, fi := range c.w.byRef[ref] {
		out = append(out, &c.w.findings[fi])
	}
	return out
}

// auditOf returns audit aud (the open one, or another of its
// integrated audit).
func (c *checklistPane) auditOf(aud certification.ID) *certification.Audit {
	if o, ok := c.others[aud]; ok {
		return o.a
	}
	return c.w.audit
}

// editable: the checklist of the item's audit is open for work.
func (c *checklistPane) editable() bool {
	a := c.auditOf(c.aud)
	return a != nil && (a.Status == certification.AuditInProgress || a.Status == certification.AuditReportDrafted)
}

// showMarks shows an item's notes mark, finding numbers and result (it
// is nil on a heading of controls: nothing shows).
func (c *checklistPane) showMarks(aud certification.ID, it *catalogue.Item, notes *widget.Icon, finds, res *widget.Label) {
	var e certification.ChecklistEntry
	var nums []string
	nc := false
	if it != nil {
		e = c.entry(aud, it.Ref)
		for _, x := range c.findingsOn(aud, it.Ref) {
			nums = append(nums, fmt.Sprintf("#%d", x.Number))
			nc = nc || x.Grade.IsNC()
		}
	}
	if strings.TrimSpace(e.Notes) != "" {
		notes.Show()
	} else {
		notes.Hide()
	}
	finds.Importance = widget.HighImportance
	if nc {
		finds.Importance = widget.DangerImportance
	}
	finds.SetText(strings.Join(nums, " "))
	res.Importance = awResultImportance(e.Result)
	res.TextStyle.Bold = e.Result == certification.ResultMajor || e.Result == certification.ResultMinor
	switch {
	case it == nil:
		res.SetText("")
	case e.Result == certification.ResultNotAudited:
		res.SetText("—")
	default:
		res.SetText(e.Result.Label())
	}
}

// ---- the integrated audit ----

// loadIntegrated loads the combined checklist of the open audit and the
// other audits of its integrated audit (once per load of the audit); the
// list then shows the shared clauses once and each standard's own part.
func (c *checklistPane) loadIntegrated() {
	w := c.w
	a := w.audit
	if a == nil || len(a.IntegratedWith) == 0 {
		c.ig, c.igFor, c.others, c.sections = nil, nil, nil, nil
		return
	}
	if c.igFor == a || c.igLoading == a {
		return
	}
	c.igLoading = a
	id := a.ID
	query(w.u, "the integrated audit", func(ctx context.Context, svc *certification.Service) (*certification.IntegratedChecklist, error) {
		return svc.IntegratedChecklist(ctx, id)
	}, func(ig *certification.IntegratedChecklist) {
		if c.igLoading == a {
			c.igLoading = nil
		}
		if w.audit != a {
			return // a newer load of the audit asks again
		}
		c.setIntegrated(a, ig)
		c.refresh()
	})
}

// setIntegrated keeps a loaded combined checklist and builds its sections.
func (c *checklistPane) setIntegrated(a *certification.Audit, ig *certification.IntegratedChecklist) {
	c.ig, c.igFor = ig, a
	c.others = map[certification.ID]*awAudit{}
	for i, x := range ig.Audits {
		if i == 0 {
			continue // the open audit: w.entries, w.findings
		}
		f := ig.Files[i]
		o := &awAudit{a: x, std: f.Certification.Standard, entries: map[string]certification.ChecklistEntry{}, byRef: map[string][]int{}}
		o.cat, _ = catalogue.For(string(o.std))
		for _, e := range x.Checklist {
			o.entries[e.Ref] = e
		}
		for _, fd := range f.FindingsOf([]*certification.Audit{x}) {
			o.findings = append(o.findings, *fd)
		}
		slices.SortFunc(o.findings, func(p, q certification.Finding) int { return p.Number - q.Number })
		for i, fd := range o.findings {
			o.byRef[fd.Reference] = append(o.byRef[fd.Reference], i)
		}
		c.others[x.ID] = o
	}
	// The items live in one slice, so that rows can point into it.
	n := len(ig.Shared)
	for _, sec := range ig.Own {
		n += len(sec.Lines)
	}
	c.igItems = make([]catalogue.Item, 0, n)
	add := func(l *certification.IntegratedLine, tag string) awItem {
		c.igItems = append(c.igItems, l.Item)
		return awItem{it: &c.igItems[len(c.igItems)-1], aud: l.AuditID(), tag: tag}
	}
	c.sections = nil
	if len(ig.Shared) > 0 {
		sec := awSection{title: "Shared clauses · answered once for " + ig.Shared[0].StandardsLabel()}
		for i := range ig.Shared {
			sec.items = append(sec.items, add(&ig.Shared[i], ig.Shared[i].StandardsLabel()))
		}
		c.sections = append(c.sections, sec)
	}
	for i, own := range ig.Own {
		title := string(own.Standard) + " only"
		if i > 0 {
			x := ig.Audits[i]
			title += fmt.Sprintf(" · audit %s, %s", x.ID, strings.ToLower(x.Status.Label()))
		}
		sec := awSection{title: title}
		for j := range own.Lines {
			sec.items = append(sec.items, add(&own.Lines[j], ""))
		}
		c.sections = append(c.sections, sec)
	}
	// The note above the list, with a way to each other audit.
	var names []string
	var buttons []fyne.CanvasObject
	for _, x := range ig.Audits[1:] {
		o := c.others[x.ID]
		names = append(names, fmt.Sprintf("%s (audit %s)", o.std.Short(), x.ID))
		id := x.ID
		b := widget.NewButtonWithIcon("Open "+o.std.Short(), theme.NavigateNextIcon(), func() { c.openOther(id, "", false) })
		b.Importance = widget.LowImportance
		buttons = append(buttons, b)
	}
	c.igNote.SetText("Integrated audit · one visit with " + pgJoin(names))
	c.igBar.Objects[1].(*fyne.Container).Objects = buttons
	c.igBar.Show()
	c.igBar.Refresh()
}

// openOther opens another audit of the integrated audit, selecting ref
// there (and, if asked, adding a finding to it).
func (c *checklistPane) openOther(aud certification.ID, ref string, finding bool) {
	c.flush()
	c.pending = awPending{aud: aud, ref: ref, finding: finding}
	c.w.open(recordRef{certification.KindAudit, aud})
}

// addFinding adds a finding to the item in the detail pane: on the open
// audit, or, for another standard's item, on that standard's audit
// (which opens, so that the finding is recorded where it belongs).
func (c *checklistPane) addFinding() {
	if c.aud != 0 && c.aud != c.w.auditID {
		if _, ok := c.others[c.aud]; ok && c.editable() {
			c.openOther(c.aud, c.ref, true)
		}
		return
	}
	c.w.addFinding()
}

// ---- rows ----

// sectionsNow are the parts of the checklist to show: the combined
// checklist of an integrated audit once loaded, else the open audit's.
func (c *checklistPane) sectionsNow() []awSection {
	w := c.w
	if c.ig != nil && c.igFor == w.audit {
		return c.sections
	}
	sec := awSection{}
	for i := range w.items {
		sec.items = append(sec.items, awItem{it: &w.items[i], aud: w.auditID})
	}
	return []awSection{sec}
}

// refresh rebuilds the visible rows from the loaded audit, keeps the
// selection and the detail pane, and updates progress and findings.
func (c *checklistPane) refresh() {
	w := c.w
	if w.cat == nil || c.filter == nil {
		return
	}
	c.loadIntegrated()
	if c.ig == nil || c.igFor != w.audit {
		c.igBar.Hide()
	}
	q := certification.Fold(c.search.Text)
	mode := c.filter.Selected
	match := func(x awItem) bool {
		it := x.it
		if q != "" && !strings.Contains(certification.Fold(it.Ref), q) && !strings.Contains(certification.Fold(it.Title), q) {
			return false
		}
		e := c.entry(x.aud, it.Ref)
		switch mode {
		case awFilterOpen:
			return e.Result == certification.ResultNotAudited
		case awFilterFindings:
			r := e.Result
			return len(c.findingsOn(x.aud, it.Ref)) > 0 || r == certification.ResultMajor || r == certification.ResultMinor || r == certification.ResultOFI
		}
		return true
	}
	var rows []awRow
	audited, total := 0, 0
	for _, sec := range c.sectionsNow() {
		title := awRow{section: sec.title}
		var secRows []awRow
		items := sec.items
		for start := 0; start < len(items); {
			g := items[start].it.Group
			end := start
			for end < len(items) && items[end].it.Group == g {
				end++
			}
			head := awRow{group: g}
			var children []awRow
			for i := start; i < end; i++ {
				x := items[i]
				head.total++
				if c.entry(x.aud, x.it.Ref).Result != certification.ResultNotAudited {
					head.done++
				}
				if num, _, _ := strings.Cut(g, " "); x.it.Ref == num && head.item == nil {
					head.item, head.aud, head.matched = x.it, x.aud, match(x)
					continue
				}
				if match(x) {
					children = append(children, awRow{item: x.it, aud: x.aud, tag: x.tag})
				}
			}
			title.done += head.done
			title.total += head.total
			if len(children) > 0 || head.matched {
				secRows = append(secRows, head)
				secRows = append(secRows, children...)
			}
			start = end
		}
		audited += title.done
		total += title.total
		if sec.title != "" && len(secRows) > 0 {
			rows = append(rows, title)
		}
		rows = append(rows, secRows...)
	}
	c.rows = rows
	if n := len(w.file.Certification.Exclusions); n > 0 {
		c.soaNote.SetText(soaExcludedText(n))
		c.soaNote.Show()
	} else {
		c.soaNote.Hide()
	}
	c.progress.Max = float64(total)
	c.progress.SetValue(float64(audited))
	c.progress.TextFormatter = func() string { return fmt.Sprintf("%d of %d items audited", audited, total) }
	c.progress.Refresh()
	c.list.Refresh()
	if p := c.pending; p.aud != 0 && p.aud == w.auditID {
		c.pending = awPending{}
		if p.ref != "" {
			c.goTo(p.aud, p.ref)
		}
		if p.finding {
			defer w.addFinding()
		}
	}
	c.syncSelection()
	c.refreshDetail()
	c.fTable.Refresh()
	c.fHeader.SetText(fmt.Sprintf("Findings (%d)", len(w.findings)))
	c.fInfo.SetText(awFindingSummary(w.findings))
	c.fHead.Refresh()
}

func awFindingSummary(fs []certification.Finding) string {
	n := map[certification.Grade]int{}
	for _, x := range fs {
		n[x.Grade]++
	}
	var parts []string
	for _, g := range certification.Grades {
		if n[g] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[g], g.Label()))
		}
	}
	if len(parts) == 0 {
		return "none yet — add one from a checklist item with Ctrl+N"
	}
	return strings.Join(parts, " · ")
}

// isSelected reports whether row r is the item in the detail pane.
func (c *checklistPane) isSelected(r awRow) bool {
	return r.item != nil && r.item.Ref == c.ref && r.aud == c.aud
}

// syncSelection highlights the item in the detail pane.
func (c *checklistPane) syncSelection() {
	c.syncing = true
	defer func() { c.syncing = false }()
	for i, r := range c.rows {
		if c.isSelected(r) {
			c.list.Select(i)
			return
		}
	}
	c.list.UnselectAll()
}

// selected: the user chose a row. A heading selects its first item, a
// section title its first item.
// Moving away from an item saves its unsaved changes.
func (c *checklistPane) selected(i widget.ListItemID) {
	if c.syncing || i >= len(c.rows) {
		return
	}
	r := c.rows[i]
	if r.item == nil {
		// A section title or a heading of controls: the first item after it.
		for j := i + 1; j < len(c.rows); j++ {
			if c.rows[j].item != nil {
				c.list.Select(j)
				return
			}
		}
		return
	}
	c.choose(r.aud, r.item.Ref)
	if c.editable() {
		c.w.u.win.Canvas().Focus(c.notes)
	}
}

// choose shows an item in the detail pane, saving the one before.
func (c *checklistPane) choose(aud certification.ID, ref string) {
	if aud == 0 {
		aud = c.w.auditID
	}
	if ref == c.ref && aud == c.aud {
		return
	}
	c.flush()
	c.ref, c.aud = ref, aud
	c.fill()
	c.syncSelection()
}

// chooseFirst shows the first item not yet audited (or the first item)
// when an audit is opened.
func (c *checklistPane) chooseFirst() {
	var first *awRow
	for i := range c.rows {
		r := &c.rows[i]
		if r.item == nil || r.group != "" {
			continue // headings: the detailed items come first
		}
		if first == nil {
			first = r
		}
		if c.entry(r.aud, r.item.Ref).Result == certification.ResultNotAudited {
			first = r
			break
		}
	}
	if first != nil {
		c.goTo(first.aud, first.item.Ref)
	}
}

// goToRef selects an item of the open audit, clearing filters that hide it.
func (c *checklistPane) goToRef(ref string) { c.goTo(c.w.auditID, ref) }

// goTo selects an item recorded on audit aud, clearing filters that hide
// it. A shared clause of the open audit is found as the other audits
// number it too.
func (c *checklistPane) goTo(aud certification.ID, ref string) {
	if aud == 0 {
		aud = c.w.auditID
	}
	aud, ref = c.lineOf(aud, ref)
	find := func() int {
		for i, r := range c.rows {
			if r.item != nil && r.item.Ref == ref && r.aud == aud {
				return i
			}
		}
		return -1
	}
	if find() < 0 {
		c.search.SetText("")
		c.filter.SetSelected(awFilterAll)
	}
	c.choose(aud, ref)
	if i := find(); i >= 0 {
		c.list.ScrollTo(i)
	}
}

// lineOf returns where an item is shown: a shared clause answered on
// another audit of the integrated audit shows on the line of the audit it
// is recorded on.
func (c *checklistPane) lineOf(aud certification.ID, ref string) (certification.ID, string) {
	if c.ig == nil || c.igFor != c.w.audit {
		return aud, ref
	}
	for _, l := range c.ig.Shared {
		for _, x := range l.Answers {
			if x.AuditID == aud && x.Ref == ref {
				return l.AuditID(), l.Item.Ref
			}
		}
	}
	return aud, ref
}

// reset forgets the item on show (another audit is opened).
func (c *checklistPane) reset() {
	c.ref, c.aud, c.savedRef = "", 0, ""
	c.filling = true
	c.notes.SetText("")
	c.filling = false
	c.dStack.Objects = []fyne.CanvasObject{container.NewCenter(c.noItem)}
	c.dStack.Refresh()
}

// catOf is the catalogue of audit aud's standard.
func (c *checklistPane) catOf(aud certification.ID) *catalogue.Catalogue {
	if o, ok := c.others[aud]; ok && o.cat != nil {
		return o.cat
	}
	return c.w.cat
}

// fill loads the selected item into the editor.
func (c *checklistPane) fill() {
	it, ok := c.catOf(c.aud).Lookup(c.ref)
	if !ok {
		c.ref = ""
		c.reset()
		return
	}
	e := c.entry(c.aud, c.ref)
	c.baseResult, c.baseNotes = e.Result, e.Notes
	c.filling = true
	c.result.SetSelected(e.Result.Label())
	c.notes.SetText(e.Notes)
	c.filling = false
	c.dRef.SetText(it.Ref)
	c.dTitle.SetText(it.Title)
	c.dTitleRow.Refresh()
	kind := "Clause"
	switch it.Kind {
	case catalogue.Control:
		kind = "Annex A control"
	case catalogue.Group:
		kind = "Annex A controls"
	}
	c.dGroup.SetText(kind + " · " + it.Group)
	c.showStandards()
	if len(c.dStack.Objects) == 0 || c.dStack.Objects[0] != c.detail {
		c.dStack.Objects = []fyne.CanvasObject{c.detail}
		c.dStack.Refresh()
	}
	c.refreshDetail()
}

// showStandards says, for an integrated audit, which standards the item
// in the detail pane answers and where it is recorded.
func (c *checklistPane) showStandards() {
	if c.ig == nil || c.igFor != c.w.audit {
		c.dStd.Hide()
		return
	}
	for _, l := range c.ig.Shared {
		if l.AuditID() == c.aud && l.Item.Ref == c.ref {
			answers := slices.Clone(l.Answers)
			slices.SortFunc(answers, func(p, q certification.IntegratedRef) int {
				a, b := p.Standard.Short(), q.Standard.Short()
				return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b))
			})
			var parts []string
			for _, x := range answers {
				p := x.Standard.Short()
				if x.Ref != l.Item.Ref {
					p += " " + x.Ref
				}
				parts = append(parts, p)
			}
			c.dStd.SetText("Shared · answered once for " + strings.Join(parts, " · "))
			c.dStd.Show()
			return
		}
	}
	if o, ok := c.others[c.aud]; ok {
		c.dStd.SetText(fmt.Sprintf("%s only · on audit %s", o.std.Short(), o.a.ID))
	} else {
		c.dStd.SetText(c.w.file.Certification.Standard.Short() + " only")
	}
	c.dStd.Show()
}

// refreshDetail updates the detail pane after a load: takes the stored
// values unless the user has unsaved changes, and shows what can be done.
func (c *checklistPane) refreshDetail() {
	w := c.w
	if c.ref == "" || w.audit == nil {
		return
	}
	e := c.entry(c.aud, c.ref)
	if !c.dirty() && (e.Result != c.baseResult || strings.TrimRight(e.Notes, " \n\t") != strings.TrimRight(c.baseNotes, " \n\t")) {
		c.baseResult, c.baseNotes = e.Result, e.Notes
		c.filling = true
		c.result.SetSelected(e.Result.Label())
		c.notes.SetText(e.Notes)
		c.filling = false
	}
	other, isOther := c.others[c.aud]
	if isOther && c.aud != w.auditID {
		c.addF.SetText(fmt.Sprintf("Add finding on the %s audit…  (Ctrl+N)", other.std.Short()))
	} else {
		c.addF.SetText("Add finding…  (Ctrl+N)")
	}
	a := c.auditOf(c.aud)
	if c.editable() {
		c.result.Enable()
		c.notes.Enable()
		c.addF.Enable()
		c.hint.SetText("Alt+1…6 result · Alt+↑/↓ or Ctrl+Enter next item · leaving an item saves it")
	} else {
		c.result.Disable()
		c.notes.Disable()
		c.addF.Disable()
		what := "The audit"
		if isOther {
			what = fmt.Sprintf("The %s audit (%s)", other.std.Short(), a.ID)
		}
		switch a.Status {
		case certification.AuditPlanned, certification.AuditConfirmed:
			c.hint.SetText("The checklist and findings open when the audit starts: use Start in the header.")
		default:
			c.hint.SetText(what + " is " + strings.ToLower(a.Status.Label()) + ": its checklist is read-only.")
		}
	}
	var lines []string
	for _, x := range c.findingsOn(c.aud, c.ref) {
		lines = append(lines, fmt.Sprintf("#%d %s — %s", x.Number, x.Grade.Label(), pgShorten(awOneLine(x.Evidence), 90)))
	}
	if len(lines) > 0 {
		// In place of the keyboard hint, so that the pane keeps its height
		// with one finding.
		on := c.ref
		if isOther {
			on += fmt.Sprintf(" (%s audit %s)", other.std.Short(), a.ID)
		}
		if len(lines) == 1 {
			c.itemF.SetText("Finding on " + on + ": " + lines[0])
		} else {
			c.itemF.SetText("Findings on " + on + ":\n" + strings.Join(lines, "\n"))
		}
		c.itemF.Show()
		c.hint.Hide()
	} else {
		c.itemF.Hide()
		c.hint.Show()
	}
	c.dBottom.Refresh()
	c.showState()
}

// ---- editing ----

func (c *checklistPane) current() certification.ChecklistEntry {
	return certification.ChecklistEntry{Ref: c.ref, Result: awResultOf(c.result.Selected), Notes: c.notes.Text}
}

func (c *checklistPane) dirty() bool {
	if c.ref == "" {
		return false
	}
	e := c.current()
	return e.Result != c.baseResult || strings.TrimRight(e.Notes, " \n\t") != strings.TrimRight(c.baseNotes, " \n\t")
}

func (c *checklistPane) edited() {
	if c.filling {
		return
	}
	if c.ref != "" {
		c.savedRef = ""
	}
	c.showState()
}

func (c *checklistPane) showState() {
	switch {
	case c.saving:
		c.state.Importance = widget.LowImportance
		c.state.SetText("Saving…")
	case c.dirty():
		c.state.Importance = widget.WarningImportance
		c.state.SetText("● Unsaved changes")
	case c.savedRef == c.ref && c.ref != "":
		c.state.Importance = widget.SuccessImportance
		c.state.SetText("✓ Saved")
	default:
		c.state.SetText("")
	}
	if c.dirty() && c.editable() {
		c.save.Enable()
	} else {
		c.save.Disable()
	}
	c.dButtons.Refresh()
}

// saveNow saves the item in the detail pane (Save, Ctrl+S).
func (c *checklistPane) saveNow() { c.flush() }

// saveAndNext saves and moves to the next item in the list.
func (c *checklistPane) saveAndNext() {
	if !c.step(1) {
		c.flush()
	}
}

// step moves n items down (or up) the list, saving the item left; it
// reports whether there was an item to move to.
func (c *checklistPane) step(n int) bool {
	for i, r := range c.rows {
		if !c.isSelected(r) {
			continue
		}
		for j := i + n; j >= 0 && j < len(c.rows); j += n {
			if c.rows[j].item != nil {
				c.choose(c.rows[j].aud, c.rows[j].item.Ref)
				c.list.ScrollTo(j)
				if c.editable() {
					c.w.u.win.Canvas().Focus(c.notes)
				}
				return true
			}
		}
		return false
	}
	return false
}

// flush saves unsaved changes of the item in the detail pane.
func (c *checklistPane) flush() {
	w := c.w
	if !c.dirty() || !c.editable() {
		return
	}
	e := c.current()
	e.Notes = strings.TrimRight(e.Notes, " \n\t")
	// The item's audit: the open one, or another of its integrated audit
	// (a shared clause is recorded on one and answered for all).
	id, open := c.aud, w.auditID
	prevResult, prevNotes := c.baseResult, c.baseNotes
	// Show the new values at once; the reload after saving confirms them.
	c.baseResult, c.baseNotes = e.Result, e.Notes
	if o, ok := c.others[id]; ok {
		o.entries[e.Ref] = e
	} else {
		w.entries[e.Ref] = e
	}
	c.saving = true
	c.inflight++
	c.showState()
	c.list.Refresh()
	w.u.do(command{what: "save the checklist", run: func(ctx context.Context, svc *certification.Service) error {
		return svc.RecordChecklist(ctx, id, e)
	}, done: func() {
		c.saving = false
		c.savedRef = e.Ref
		c.showState()
		c.saveEnded(true)
	}, doneFirst: true, failed: func() {
		c.saving = false
		defer c.saveEnded(false)
		if c.ref == e.Ref && c.aud == id && w.auditID == open {
			// Keep the user's text as unsaved.
			c.baseResult, c.baseNotes = prevResult, prevNotes
		}
		if w.auditID == open {
			w.loadAudit()
		}
		c.showState()
	}})
}

// saveEnded notes that a save has finished and, after the last one,
// tells those waiting.
func (c *checklistPane) saveEnded(ok bool) {
	c.inflight--
	c.saveFailed = c.saveFailed || !ok
	if c.inflight > 0 {
		return
	}
	waiters, failed := c.waiters, c.saveFailed
	c.waiters, c.saveFailed = nil, false
	for _, done := range waiters {
		done(!failed)
	}
}

// whenSaved calls done once every save started has finished (at once if
// none is running).
func (c *checklistPane) whenSaved(done func(ok bool)) {
	if c.inflight == 0 {
		done(true)
		return
	}
	c.waiters = append(c.waiters, done)
}
