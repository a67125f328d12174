package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	auditcat "certdesk/audit"
	"certdesk/certification"
)

// Checklist filters.
const (
	awFilterAll      = "All"
	awFilterOpen     = "Not audited"
	awFilterFindings = "With findings"
)

// awRow is one line of the checklist: a group heading or an item. A
// clause's own item ("6" of "6 Planning") is its group's heading.
type awRow struct {
	group       string         // set on a heading
	item        *auditcat.Item // the item (nil on a heading of controls)
	matched     bool           // a heading's own item passes the filter
	done, total int            // for a heading: items of the group audited, of all
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
	// syncing silences the list's OnSelected while the code selects.
	syncing bool

	// ref is the item in the detail pane; base* what is saved for it.
	ref        string
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
				c.goToRef(r.item.Ref)
				if c.w.editable() {
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
	top := container.NewVBox(container.NewPadded(c.progress), c.soaNote, c.filter, c.search)
	left := container.NewBorder(top, nil, nil, nil, c.list)

	// Detail pane.
	c.dRef = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.dTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.dTitle.Truncation = fyne.TextTruncateEllipsis
	c.dGroup = widget.NewLabel("")
	c.dGroup.Importance = widget.LowImportance
	c.dGroup.Truncation = fyne.TextTruncateEllipsis
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
	c.addF = widget.NewButtonWithIcon("Add finding…  (Ctrl+N)", theme.ContentAddIcon(), w.addFinding)
	c.hint = widget.NewLabel("")
	c.hint.Importance = widget.LowImportance
	c.hint.Truncation = fyne.TextTruncateEllipsis
	c.itemF = widget.NewLabel("")
	c.itemF.Wrapping = fyne.TextWrapWord
	c.itemF.Hide()

	c.dTitleRow = container.NewBorder(nil, nil, c.dRef, nil, c.dTitle)
	head := container.NewVBox(c.dTitleRow, c.dGroup, header("Result"), c.result.box, header("Notes"))
	c.dButtons = container.NewHBox(c.save, c.state, layout.NewSpacer(), c.addF)
	c.dBottom = container.NewVBox(c.dButtons, c.hint, c.itemF)
	c.detail = container.NewBorder(head, c.dBottom, nil, nil, c.notes)
	c.noItem = widget.NewLabel("Choose a clause or control in the checklist.")
	c.noItem.Importance = widget.LowImportance
	c.noItem.Alignment = fyne.TextAlignCenter
	c.dStack = container.NewStack(container.NewCenter(c.noItem))

	// Findings of the audit.
	c.fTable = newTable(awFindingColumns(w), func() []certification.Finding { return w.findings }, func(i int) {
		c.goToRef(w.findings[i].Reference)
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

// A row template: a heading (background, group, count) and an item
// (ref, title, notes mark, finding numbers, result); one shows.
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
	notes := widget.NewIcon(theme.DocumentIcon())
	finds := widget.NewLabel("")
	res := widget.NewLabel("")
	h := ref.MinSize().Height
	item := container.NewBorder(nil, nil,
		container.NewGridWrap(fyne.NewSize(76, h), ref),
		container.NewHBox(notes, finds, container.NewGridWrap(fyne.NewSize(96, h), res)),
		title)
	return container.NewStack(heading, item)
}

func (c *checklistPane) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.rows) {
		return
	}
	r := c.rows[i]
	st := o.(*fyne.Container)
	heading, item := st.Objects[0].(*fyne.Container), st.Objects[1].(*fyne.Container)
	if r.group != "" {
		heading.Show()
		item.Hide()
		// Border: center (name), right (count, notes, findings, result).
		b := heading.Objects[1].(*fyne.Container)
		b.Objects[0].(*widget.Label).SetText(r.group)
		right := b.Objects[1].(*fyne.Container)
		right.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d / %d", r.done, r.total))
		c.showMarks(r.item, right.Objects[1].(*widget.Icon), right.Objects[2].(*widget.Label),
			right.Objects[3].(*fyne.Container).Objects[0].(*widget.Label))
		return
	}
	heading.Hide()
	item.Show()
	// Border: center (title), left (ref), right (notes, findings, result).
	right := item.Objects[2].(*fyne.Container)
	item.Objects[0].(*widget.Label).SetText(r.item.Title)
	item.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(r.item.Ref)
	c.showMarks(r.item, right.Objects[0].(*widget.Icon), right.Objects[1].(*widget.Label),
		right.Objects[2].(*fyne.Container).Objects[0].(*widget.Label))
}

// showMarks shows an item's notes mark, finding numbers and result (it
// is nil on a heading of controls: nothing shows).
func (c *checklistPane) showMarks(it *auditcat.Item, notes *widget.Icon, finds, res *widget.Label) {
	var e certification.ChecklistEntry
	var nums []string
	nc := false
	if it != nil {
		e = c.w.entries[it.Ref]
		for _, fi := range c.w.byRef[it.Ref] {
			x := &c.w.findings[fi]
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

// refresh rebuilds the visible rows from the loaded audit, keeps the
// selection and the detail pane, and updates progress and findings.
func (c *checklistPane) refresh() {
	w := c.w
	if w.cat == nil || c.filter == nil {
		return
	}
	q := certification.Fold(c.search.Text)
	mode := c.filter.Selected
	match := func(it *auditcat.Item) bool {
		if q != "" && !strings.Contains(certification.Fold(it.Ref), q) && !strings.Contains(certification.Fold(it.Title), q) {
			return false
		}
		e := w.entries[it.Ref]
		switch mode {
		case awFilterOpen:
			return e.Result == certification.ResultNotAudited
		case awFilterFindings:
			r := e.Result
			return len(w.byRef[it.Ref]) > 0 || r == certification.ResultMajor || r == certification.ResultMinor || r == certification.ResultOFI
		}
		return true
	}
	var rows []awRow
	audited := 0
	// The checklist follows the Statement of Applicability.
	items := w.items
	for start := 0; start < len(items); {
		g := items[start].Group
		end := start
		for end < len(items) && items[end].Group == g {
			end++
		}
		head := awRow{group: g}
		var children []awRow
		for i := start; i < end; i++ {
			it := &items[i]
			head.total++
			if w.entries[it.Ref].Result != certification.ResultNotAudited {
				head.done++
				audited++
			}
			if num, _, _ := strings.Cut(g, " "); it.Ref == num && head.item == nil {
				head.item, head.matched = it, match(it)
				continue
			}
			if match(it) {
				children = append(children, awRow{item: it})
			}
		}
		if len(children) > 0 || head.matched {
			rows = append(rows, head)
			rows = append(rows, children...)
		}
		start = end
	}
	c.rows = rows
	total := len(items)
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

// syncSelection highlights the item in the detail pane.
func (c *checklistPane) syncSelection() {
	c.syncing = true
	defer func() { c.syncing = false }()
	for i, r := range c.rows {
		if r.item != nil && r.item.Ref == c.ref {
			c.list.Select(i)
			return
		}
	}
	c.list.UnselectAll()
}

// selected: the user chose a row. A heading selects its first item.
// Moving away from an item saves its unsaved changes.
func (c *checklistPane) selected(i widget.ListItemID) {
	if c.syncing || i >= len(c.rows) {
		return
	}
	r := c.rows[i]
	if r.item == nil {
		// A heading of controls: its first control.
		if i+1 < len(c.rows) && c.rows[i+1].item != nil {
			c.list.Select(i + 1)
		}
		return
	}
	c.choose(r.item.Ref)
	if c.w.editable() {
		c.w.u.win.Canvas().Focus(c.notes)
	}
}

// choose shows an item in the detail pane, saving the one before.
func (c *checklistPane) choose(ref string) {
	if ref == c.ref {
		return
	}
	c.flush()
	c.ref = ref
	c.fill()
	c.syncSelection()
}

// chooseFirst shows the first item not yet audited (or the first item)
// when an audit is opened.
func (c *checklistPane) chooseFirst() {
	first := ""
	for _, r := range c.rows {
		if r.item == nil || r.group != "" {
			continue // headings: the detailed items come first
		}
		if first == "" {
			first = r.item.Ref
		}
		if c.w.entries[r.item.Ref].Result == certification.ResultNotAudited {
			first = r.item.Ref
			break
		}
	}
	if first != "" {
		c.goToRef(first)
	}
}

// goToRef selects an item, clearing filters that hide it.
func (c *checklistPane) goToRef(ref string) {
	visible := false
	for _, r := range c.rows {
		if r.item != nil && r.item.Ref == ref {
			visible = true
		}
	}
	if !visible {
		c.search.SetText("")
		c.filter.SetSelected(awFilterAll)
	}
	c.choose(ref)
	for i, r := range c.rows {
		if r.item != nil && r.item.Ref == ref {
			c.list.ScrollTo(i)
		}
	}
}

// reset forgets the item on show (another audit is opened).
func (c *checklistPane) reset() {
	c.ref, c.savedRef = "", ""
	c.filling = true
	c.notes.SetText("")
	c.filling = false
	c.dStack.Objects = []fyne.CanvasObject{container.NewCenter(c.noItem)}
	c.dStack.Refresh()
}

// fill loads the selected item into the editor.
func (c *checklistPane) fill() {
	w := c.w
	it, ok := w.cat.Lookup(c.ref)
	if !ok {
		c.ref = ""
		c.reset()
		return
	}
	e := w.entries[c.ref]
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
	case auditcat.Control:
		kind = "Annex A control"
	case auditcat.Group:
		kind = "Annex A controls"
	}
	c.dGroup.SetText(kind + " · " + it.Group)
	if len(c.dStack.Objects) == 0 || c.dStack.Objects[0] != c.detail {
		c.dStack.Objects = []fyne.CanvasObject{c.detail}
		c.dStack.Refresh()
	}
	c.refreshDetail()
}

// refreshDetail updates the detail pane after a load: takes the stored
// values unless the user has unsaved changes, and shows what can be done.
func (c *checklistPane) refreshDetail() {
	w := c.w
	if c.ref == "" || w.audit == nil {
		return
	}
	e := w.entries[c.ref]
	if !c.dirty() && (e.Result != c.baseResult || strings.TrimRight(e.Notes, " \n\t") != strings.TrimRight(c.baseNotes, " \n\t")) {
		c.baseResult, c.baseNotes = e.Result, e.Notes
		c.filling = true
		c.result.SetSelected(e.Result.Label())
		c.notes.SetText(e.Notes)
		c.filling = false
	}
	if w.editable() {
		c.result.Enable()
		c.notes.Enable()
		c.addF.Enable()
		c.hint.SetText("Alt+1…6 result · Alt+↑/↓ or Ctrl+Enter next item · leaving an item saves it")
	} else {
		c.result.Disable()
		c.notes.Disable()
		c.addF.Disable()
		switch w.audit.Status {
		case certification.AuditPlanned, certification.AuditConfirmed:
			c.hint.SetText("The checklist and findings open when the audit starts: use Start in the header.")
		default:
			c.hint.SetText("The audit is " + strings.ToLower(pgStatusText(w.audit.Status)) + ": its checklist is read-only.")
		}
	}
	var lines []string
	for _, fi := range w.byRef[c.ref] {
		x := &w.findings[fi]
		lines = append(lines, fmt.Sprintf("#%d %s — %s", x.Number, x.Grade.Label(), pgShorten(awOneLine(x.Evidence), 90)))
	}
	if len(lines) > 0 {
		c.itemF.SetText("Findings on " + c.ref + ":\n" + strings.Join(lines, "\n"))
		c.itemF.Show()
	} else {
		c.itemF.Hide()
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
	if c.dirty() && c.w.editable() {
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
		if r.item == nil || r.item.Ref != c.ref {
			continue
		}
		for j := i + n; j >= 0 && j < len(c.rows); j += n {
			if c.rows[j].item != nil {
				c.choose(c.rows[j].item.Ref)
				c.list.ScrollTo(j)
				if c.w.editable() {
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
	if !c.dirty() || !w.editable() {
		return
	}
	e := c.current()
	e.Notes = strings.TrimRight(e.Notes, " \n\t")
	id := w.auditID
	prevResult, prevNotes := c.baseResult, c.baseNotes
	// Show the new values at once; the reload after saving confirms them.
	c.baseResult, c.baseNotes = e.Result, e.Notes
	w.entries[e.Ref] = e
	c.saving = true
	c.inflight++
	c.showState()
	c.list.Refresh()
	pgRun(w.u, "save the checklist", func(ctx context.Context, svc *certification.Service) error {
		return svc.RecordChecklist(ctx, id, e)
	}, func() {
		c.saving = false
		c.savedRef = e.Ref
		c.showState()
		c.saveEnded(true)
	}, func() {
		c.saving = false
		defer c.saveEnded(false)
		if c.ref == e.Ref && w.auditID == id {
			// Keep the user's text as unsaved.
			c.baseResult, c.baseNotes = prevResult, prevNotes
		}
		if w.auditID == id {
			w.loadAudit()
		}
		c.showState()
	})
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
