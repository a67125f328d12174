package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

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
	query(w.u, "the integrated audit", func(ctx context.Context, svc *certification.Service) (*view.Checklist, error) {
		return view.IntegratedChecklist(ctx, svc, id)
	}, func(ig *view.Checklist) {
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
func (c *checklistPane) setIntegrated(a *certification.Audit, ig *view.Checklist) {
	c.ig, c.igFor = ig, a
	c.others = map[certification.ID]*checklistAudit{}
	for i, x := range ig.Audits {
		if i == 0 {
			continue // the open audit: w.entries, w.findings
		}
		f := ig.Files[i]
		o := &checklistAudit{a: x, std: f.Certification.Standard, entries: map[string]certification.ChecklistEntry{}, byRef: map[string][]int{}}
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
	add := func(l *view.IntegratedLine, tag string) checklistItem {
		c.igItems = append(c.igItems, l.Item)
		return checklistItem{it: &c.igItems[len(c.igItems)-1], aud: l.AuditID(), tag: tag}
	}
	c.sections = nil
	if len(ig.Shared) > 0 {
		sec := checklistSection{title: "Shared clauses · answered once for " + ig.Shared[0].StandardsLabel()}
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
		sec := checklistSection{title: title}
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
	c.igNote.SetText("Integrated audit · one visit with " + joinList(names))
	c.igBar.Objects[1].(*fyne.Container).Objects = buttons
	c.igBar.Show()
	c.igBar.Refresh()
}
