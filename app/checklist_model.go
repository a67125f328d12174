package app

import (
	"fmt"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// checklistRow is one line of the checklist: a section title (integrated
// audits), a group heading or an item. A clause's own item ("6" of "6
// Planning") is its group's heading.
type checklistRow struct {
	section     string           // set on a section title
	group       string           // set on a heading
	item        *catalogue.Item  // the item (nil on a heading of controls)
	aud         certification.ID // the audit the item is recorded on
	tag         string           // the standards a shared clause answers: "9001 · 42001"
	matched     bool             // a heading's own item passes the filter
	done, total int              // for a heading: items of the group audited, of all
}

// checklistItem is one item of a section of the checklist.
type checklistItem struct {
	it  *catalogue.Item
	aud certification.ID
	tag string
}

// checklistSection is a part of the checklist: the whole checklist of an audit
// alone (no title), or, for an integrated audit, the shared clauses and
// each standard's own clauses and controls.
type checklistSection struct {
	title string
	items []checklistItem
}

// checklistAudit is an audit of an integrated audit as the checklist shows it.
type checklistAudit struct {
	a        *certification.Audit
	std      certification.Standard
	cat      *catalogue.Catalogue
	entries  map[string]certification.ChecklistEntry
	findings []certification.Finding
	byRef    map[string][]int
}

// pendingSave is an item to select (and maybe a finding to add) once the
// audit it belongs to has been opened.
type pendingSave struct {
	aud     certification.ID
	ref     string
	finding bool
}

func resultOf(label string) certification.ChecklistResult {
	for _, r := range certification.ChecklistResults {
		if r.Label() == label {
			return r
		}
	}
	return certification.ResultNotAudited
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

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

// sectionsNow are the parts of the checklist to show: the combined
// checklist of an integrated audit once loaded, else the open audit's.
func (c *checklistPane) sectionsNow() []checklistSection {
	w := c.w
	if c.ig != nil && c.igFor == w.audit {
		return c.sections
	}
	sec := checklistSection{}
	for i := range w.items {
		sec.items = append(sec.items, checklistItem{it: &w.items[i], aud: w.auditID})
	}
	return []checklistSection{sec}
}

func checklistFindingSummary(fs []certification.Finding) string {
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
func (c *checklistPane) isSelected(r checklistRow) bool {
	return r.item != nil && r.item.Ref == c.ref && r.aud == c.aud
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

// catOf is the catalogue of audit aud's standard.
func (c *checklistPane) catOf(aud certification.ID) *catalogue.Catalogue {
	if o, ok := c.others[aud]; ok && o.cat != nil {
		return o.cat
	}
	return c.w.cat
}

func (c *checklistPane) current() certification.ChecklistEntry {
	return certification.ChecklistEntry{Ref: c.ref, Result: resultOf(c.result.Selected), Notes: c.notes.Text, Interviews: c.iv.current()}
}

func (c *checklistPane) dirty() bool {
	if c.ref == "" {
		return false
	}
	e := c.current()
	return e.Result != c.baseResult || strings.TrimRight(e.Notes, " \n\t") != strings.TrimRight(c.baseNotes, " \n\t") || c.iv.changed()
}
