package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

// Checklist filters.
const (
	filterAllItems     = "All"
	filterNotAudited   = "Not audited"
	filterWithFindings = "With findings"
	filterDue          = "Due" // what the report still waits for
)

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
	rows     []checklistRow
	list     *widget.List
	// The integrated audit (auditws_checklist.go): the combined checklist
	// loaded for igFor (the audit as last loaded), the other audits by id,
	// the sections shown, and the note above the list.
	ig        *view.Checklist
	igFor     *certification.Audit
	igLoading *certification.Audit
	others    map[certification.ID]*checklistAudit
	sections  []checklistSection
	igItems   []catalogue.Item
	igNote    *widget.Label
	igBar     *fyne.Container
	pending   pendingSave
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
	result *resultPicker
	notes  *shortcutEntry
	save   *widget.Button
	state  *widget.Label
	addF   *widget.Button
	iv     interviewsPane // checklist_interviews.go
	hint   *widget.Label
	itemF  *widget.Label
	fTable *widget.Table
	fInfo  *widget.Label
	detail fyne.CanvasObject
	// containers laid out again when their content changes size
	dTitleRow, dBottom, dButtons, fHead *fyne.Container
	noItem                              *widget.Label
	dStack                              *fyne.Container
	dScroll                             *container.Scroll
	fHeader                             *widget.Label
	// ev lists the files attached to the item (evidence.go).
	ev *evidenceBox
}

func (c *checklistPane) init(w *auditWS) {
	c.w = w
	u := w.u
	c.filter = widget.NewRadioGroup([]string{filterAllItems, filterDue, filterNotAudited, filterWithFindings}, func(string) { c.refresh() })
	c.filter.Horizontal = true
	c.filter.Required = true
	c.filter.SetSelected(filterAllItems)
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
	c.result = newResultPicker(func(string) { c.edited() })
	c.notes = u.newShortcutEntry(true)
	c.notes.SetMinRowsVisible(5)
	c.notes.SetPlaceHolder("What was seen, whom you spoke to, documents and records sampled…")
	c.notes.OnChanged = func(string) { c.edited() }
	c.notes.on(ctrlKey(fyne.KeyS), c.saveNow)
	c.notes.on(ctrlKey(fyne.KeyReturn), c.saveAndNext)
	c.notes.on(ctrlKey(fyne.KeyEnter), c.saveAndNext)
	c.notes.on(altKey(fyne.KeyDown), func() { c.step(1) })
	c.notes.on(altKey(fyne.KeyUp), func() { c.step(-1) })
	for i, r := range certification.ChecklistResults {
		c.notes.on(altKey(fyne.KeyName(fmt.Sprint(i+1))), func() {
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
	c.iv.init(c)
	c.ev = newEvidenceBox(u)
	c.ev.changed = c.relayout
	c.dBottom = container.NewVBox(c.iv.box, c.dButtons, c.hint, c.itemF, c.ev.box)
	c.detail = container.NewBorder(head, c.dBottom, nil, nil, c.notes)
	c.noItem = widget.NewLabel("Choose a clause or control in the checklist.")
	c.noItem.Importance = widget.LowImportance
	c.noItem.Alignment = fyne.TextAlignCenter
	c.dStack = container.NewStack(container.NewCenter(c.noItem))

	// Findings of the audit.
	c.fTable = newTable(checklistFindingColumns(w), func() []certification.Finding { return w.findings }, func(i int) {
		c.goTo(w.auditID, w.findings[i].Reference)
	})
	c.fHeader = header("Findings")
	c.fInfo = widget.NewLabel("")
	c.fInfo.Importance = widget.LowImportance
	c.fInfo.Truncation = fyne.TextTruncateEllipsis
	c.fHead = container.NewBorder(nil, nil, c.fHeader, nil, c.fInfo)
	findings := container.NewBorder(c.fHead, nil, nil, nil, c.fTable)

	// The detail scrolls rather than forcing the window taller than a
	// 1366×768 laptop (a scroll still lets it fill the room there is).
	c.dScroll = container.NewVScroll(container.NewPadded(c.dStack))
	right := container.NewVSplit(c.dScroll, findings)
	right.Offset = 0.7
	split := container.NewHSplit(left, right)
	split.Offset = 0.44
	c.content = split
}

// ---- the list ----

// ---- the integrated audit ----

// ---- rows ----

// ---- editing ----
