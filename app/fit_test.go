package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// fitWidth and fitHeight are the window content a 1366×768 laptop
// shows: the screen less a title bar and a desktop panel.
const fitWidth, fitHeight = 1366, 700

// No workspace forces the window beyond a 1366×768 laptop: each one's
// minimum size, with the demo body loaded and its detail views open,
// fits.
func TestWorkspacesFitALaptop(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	h.u.setActor(b.person(b.dora))
	for _, ws := range h.u.spaces {
		fxShow(h, ws.name())
		if d, ok := ws.(*decisionsSpace); ok && len(d.queue) > 0 {
			d.qtable.Select(widget.TableCellID{Row: 0, Col: 0})
			fxSettle(h)
		}
		fitCheck(h, ws.name())
	}
	// The detail views: Acme's client page and each of its audits.
	h.u.goTo("Clients", recordRef{certification.KindClient, b.acme})
	fxSettle(h)
	fitCheck(h, "Acme's client page")
	f, err := b.s.File(h.ctx, b.acmeCert)
	b.ok(err)
	for _, a := range f.Audits {
		h.u.goTo("Audit workspace", recordRef{certification.KindAudit, a.ID})
		fxSettle(h)
		fitCheck(h, a.Kind.Label()+" in the audit workspace")
		// The item's detail keeps its notes at least their minimum height
		// however much the item holds (its scroll is laid out again).
		aw := h.u.spaces[h.u.current].(*auditWS)
		if aw.cl.ref != "" {
			if got, min := aw.cl.notes.Size().Height, aw.cl.notes.MinSize().Height; got < min {
				t.Errorf("%s: the notes are %.0f high, less than their minimum %.0f", a.Kind.Label(), got, min)
			}
		}
	}
}

func fitCheck(h *harness, what string) {
	h.t.Helper()
	min := h.w.Content().MinSize()
	h.t.Logf("%s: minimum %v", what, min)
	if min.Width > fitWidth || min.Height > fitHeight {
		h.t.Errorf("%s needs at least %.0f×%.0f, more than a 1366×768 laptop shows (%d×%d)", what, min.Width, min.Height, fitWidth, fitHeight)
	}
}

// Tab leaves a multi-line field: the desktop driver moves the focus on
// when the focused widget does not accept Tab (fyne.Tabbable), and a
// Tab typed never lands in the notes.
func TestMultiLineFieldsLetTabLeave(t *testing.T) {
	h := fxHarness(t)
	for name, e := range map[string]fyne.Focusable{
		"multi-line entry":  h.u.newMultiLineEntry(),
		"checklist notes":   h.u.newShortcutEntry(true),
		"single-line entry": h.u.newEntry(),
	} {
		if tb, ok := e.(fyne.Tabbable); ok && tb.AcceptsTab() {
			t.Errorf("%s accepts Tab: the keyboard is trapped in it", name)
		}
	}
	notes := h.u.newShortcutEntry(true)
	test.NewTempWindow(t, notes).Canvas().Focus(notes)
	notes.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if notes.Text != "\n" {
		t.Errorf("Enter in the notes typed %q, want a new line", notes.Text)
	}
}
