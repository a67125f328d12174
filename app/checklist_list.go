package app

import (
	"fmt"
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

	sBG := canvas.NewRectangle(sectionColor())
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

// dueMark is the result column of an item due in the open audit and not
// answered yet.
const dueMark = "Due"

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
	res.Importance = resultImportance(e.Result)
	res.TextStyle.Bold = e.Result == certification.ResultMajor || e.Result == certification.ResultMinor
	switch {
	case it == nil:
		res.SetText("")
	case e.Result == certification.ResultNotAudited && aud == c.w.auditID && c.w.due[it.Ref]:
		// Due in this audit: the report waits for it (checklist-coverage).
		res.Importance = widget.WarningImportance
		res.SetText(dueMark)
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
	c.loadIntegrated()
	if c.ig == nil || c.igFor != w.audit {
		c.igBar.Hide()
	}
	q := certification.Fold(c.search.Text)
	mode := c.filter.Selected
	match := func(x checklistItem) bool {
		it := x.it
		if q != "" && !strings.Contains(certification.Fold(it.Ref), q) && !strings.Contains(certification.Fold(it.Title), q) {
			return false
		}
		e := c.entry(x.aud, it.Ref)
		switch mode {
		case filterNotAudited:
			return e.Result == certification.ResultNotAudited
		case filterDue:
			// Due in the open audit and still without a result.
			return x.aud == w.auditID && w.due[it.Ref] && e.Result == certification.ResultNotAudited
		case filterWithFindings:
			r := e.Result
			return len(c.findingsOn(x.aud, it.Ref)) > 0 || r == certification.ResultMajor || r == certification.ResultMinor || r == certification.ResultOFI
		}
		return true
	}
	var rows []checklistRow
	audited, total := 0, 0
	for _, sec := range c.sectionsNow() {
		title := checklistRow{section: sec.title}
		var secRows []checklistRow
		items := sec.items
		for start := 0; start < len(items); {
			g := items[start].it.Group
			end := start
			for end < len(items) && items[end].it.Group == g {
				end++
			}
			head := checklistRow{group: g}
			var children []checklistRow
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
					children = append(children, checklistRow{item: x.it, aud: x.aud, tag: x.tag})
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
	if len(w.due) > 0 {
		// What the report waits for (checklist-coverage), not every line
		// of the catalogue (group headings, items not due this time).
		done := 0
		for ref := range w.due {
			if c.entry(w.auditID, ref).Result != certification.ResultNotAudited {
				done++
			}
		}
		c.progress.Max = float64(len(w.due))
		c.progress.SetValue(float64(done))
		c.progress.TextFormatter = func() string {
			return fmt.Sprintf("%d of the %d items this audit must cover have a result", done, len(w.due))
		}
	}
	c.progress.Refresh()
	c.list.Refresh()
	if p := c.pending; p.aud != 0 && p.aud == w.auditID {
		c.pending = pendingSave{}
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
	c.fInfo.SetText(checklistFindingSummary(w.findings))
	c.fHead.Refresh()
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
	var first *checklistRow
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
		c.filter.SetSelected(filterAllItems)
	}
	c.choose(aud, ref)
	if i := find(); i >= 0 {
		c.list.ScrollTo(i)
	}
}

// reset forgets the item on show (another audit is opened).
func (c *checklistPane) reset() {
	c.ref, c.aud, c.savedRef = "", 0, ""
	c.filling = true
	c.notes.SetText("")
	c.iv.load(nil)
	c.filling = false
	c.dStack.Objects = []fyne.CanvasObject{container.NewCenter(c.noItem)}
	c.dStack.Refresh()
}
