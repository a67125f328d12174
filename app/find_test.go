package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Tests reach dialogs and their buttons through the canvas, as Fyne's own
// tests do, not through fields kept in the screens for them.

// findButton finds a button by its text in o (widgets are walked
// through their renderers).
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		if x.Text == text {
			return x
		}
		return nil
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
		return nil
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			if b := findButton(c, text); b != nil {
				return b
			}
		}
	}
	return nil
}

// tapDialogButton taps a button of the topmost dialog.
func tapDialogButton(t *testing.T, h *harness, text string) {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q", text)
	}
	b := findButton(top, text)
	if b == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	if b.Disabled() {
		t.Fatalf("button %q is disabled", text)
	}
	test.Tap(b)
	h.settle()
}

// topDialog is the dialog shown last (the one Escape closes).
func topDialog(t *testing.T, h *harness) dialog.Dialog {
	t.Helper()
	if n := len(h.u.dialogs); n > 0 {
		return h.u.dialogs[n-1]
	}
	t.Fatal("no dialog open")
	return nil
}
