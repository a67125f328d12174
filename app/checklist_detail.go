package app

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

// checklistFindingColumns are the columns of the audit's findings table.
func checklistFindingColumns(w *auditWS) []column[certification.Finding] {
	return []column[certification.Finding]{
		{title: "#", width: 40, text: func(x *certification.Finding) string { return fmt.Sprint(x.Number) }},
		{title: "Grade", width: 140, text: func(x *certification.Finding) string { return x.Grade.Label() },
			importance: func(x *certification.Finding) widget.Importance { return gradeImportance(x.Grade) }},
		{title: "Ref", width: 70, text: func(x *certification.Finding) string { return x.Reference }},
		{title: "Requirement", width: 190, text: func(x *certification.Finding) string { return oneLine(x.Requirement) }},
		{title: "Objective evidence", width: 240, text: func(x *certification.Finding) string { return oneLine(x.Evidence) }},
		{title: "Raised by", width: 130, text: func(x *certification.Finding) string { return w.personName(x.RaisedBy) }},
		{title: "Raised", width: 100, text: func(x *certification.Finding) string { return x.Raised.String() }},
		{title: "Response due", width: 110, text: func(x *certification.Finding) string { return x.ResponseDue.String() }},
	}
}

// openOther opens another audit of the integrated audit, selecting ref
// there (and, if asked, adding a finding to it).
func (c *checklistPane) openOther(aud certification.ID, ref string, finding bool) {
	c.flush()
	c.pending = pendingSave{aud: aud, ref: ref, finding: finding}
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

// fill loads the selected item into the editor.
func (c *checklistPane) fill() {
	defer c.relayout()
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
	c.iv.load(e.Interviews)
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
			slices.SortFunc(answers, func(p, q view.IntegratedRef) int {
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

// relayout lays the item's detail out again inside its scroll when its
// content grew or shrank (interviews, evidence, findings loaded): a
// scroll sizes its content only when it is itself refreshed, and the
// notes would otherwise be squeezed to nothing.
func (c *checklistPane) relayout() {
	if c.dScroll != nil {
		c.dScroll.Refresh()
	}
}

// refreshDetail updates the detail pane after a load: takes the stored
// values unless the user has unsaved changes, and shows what can be done.
func (c *checklistPane) refreshDetail() {
	defer c.relayout()
	w := c.w
	if c.ref == "" || w.audit == nil {
		return
	}
	e := c.entry(c.aud, c.ref)
	if !c.dirty() && (e.Result != c.baseResult || strings.TrimRight(e.Notes, " \n\t") != strings.TrimRight(c.baseNotes, " \n\t") || !slices.Equal(e.Interviews, c.iv.base)) {
		c.baseResult, c.baseNotes = e.Result, e.Notes
		c.filling = true
		c.result.SetSelected(e.Result.Label())
		c.notes.SetText(e.Notes)
		c.iv.load(e.Interviews)
		c.filling = false
	}
	other, isOther := c.others[c.aud]
	if isOther && c.aud != w.auditID {
		c.addF.SetText(fmt.Sprintf("Add finding on the %s audit…  (Ctrl+N)", other.std.Short()))
	} else {
		c.addF.SetText("Add finding…  (Ctrl+N)")
	}
	a := c.auditOf(c.aud)
	editable := c.editable()
	for _, w := range []fyne.Disableable{c.result, c.notes, c.addF} {
		setEnabled(w, editable)
	}
	c.iv.setEditable(editable)
	if editable {
		c.hint.SetText("Alt+1…6 result · Alt+↑/↓ or Ctrl+Enter next item · leaving an item saves it")
	} else {
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
		lines = append(lines, fmt.Sprintf("#%d %s — %s", x.Number, x.Grade.Label(), shorten(oneLine(x.Evidence), 90)))
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
	c.ev.show(certification.Evidence{AuditID: a.ID, Ref: c.ref}, editable)
	c.dBottom.Refresh()
	c.showState()
}

func (c *checklistPane) edited() {
	if c.filling {
		return
	}
	if a := c.auditOf(c.aud); c.dirty() && !c.w.holdConfirmed(a) {
		// Another desk holds the audit: ask first, and put the item back
		// as saved if the user does not go on (auditws_hold.go).
		c.w.askHold(a, "record checklist results on it", nil, c.fill)
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
	setEnabled(c.save, c.dirty() && c.editable())
	c.dButtons.Refresh()
}
