package app

import (
	"context"
	"strings"

	"certdesk/certification"
)

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
	if !c.dirty() || !c.editable() || !w.holdConfirmed(c.auditOf(c.aud)) {
		return
	}
	e := c.current()
	e.Notes = strings.TrimRight(e.Notes, " \n\t")
	// The item's audit: the open one, or another of its integrated audit
	// (a shared clause is recorded on one and answered for all).
	id, open := c.aud, w.auditID
	prevResult, prevNotes, prevIvs := c.baseResult, c.baseNotes, c.iv.base
	// Show the new values at once; the reload after saving confirms them.
	c.baseResult, c.baseNotes, c.iv.base = e.Result, e.Notes, e.Interviews
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
	}, before: func() {
		c.saving = false
		c.savedRef = e.Ref
		c.showState()
		c.saveEnded(true)
	}, failed: func() {
		c.saving = false
		defer c.saveEnded(false)
		if c.ref == e.Ref && c.aud == id && w.auditID == open {
			// Keep the user's text as unsaved.
			c.baseResult, c.baseNotes, c.iv.base = prevResult, prevNotes, prevIvs
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
