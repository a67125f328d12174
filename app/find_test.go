package app

import (
	"strings"
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

// findAll collects the objects of type T under o (walked as fxWalk does)
// that keep accepts; keep nil accepts all.
func findAll[T any](o fyne.CanvasObject, keep func(T) bool) []T {
	var out []T
	fxWalk(o, func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok && (keep == nil || keep(x)) {
			out = append(out, x)
		}
	})
	return out
}

// findOne is the first object findAll finds; the test fails without one.
func findOne[T any](t *testing.T, o fyne.CanvasObject, what string, keep func(T) bool) T {
	t.Helper()
	all := findAll(o, keep)
	if len(all) == 0 {
		t.Fatalf("no %s on the screen", what)
	}
	return all[0]
}

// topOverlay is the dialog on top of the window; the test fails without one.
func topOverlay(t *testing.T, h *harness) fyne.CanvasObject {
	t.Helper()
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	return top
}

// dialogTitled is the open dialog (an overlay) whose title is title, nil
// when none is open.
func dialogTitled(h *harness, title string) fyne.CanvasObject {
	list := h.w.Canvas().Overlays().List()
	for i := len(list) - 1; i >= 0; i-- {
		if len(findAll(list[i], func(l *widget.Label) bool { return l.Text == title && l.TextStyle.Bold })) > 0 {
			return list[i]
		}
	}
	return nil
}

// labelText is the text of every label under o, joined by spaces.
func labelText(o fyne.CanvasObject) string {
	var texts []string
	for _, l := range findAll(o, func(*widget.Label) bool { return true }) {
		texts = append(texts, l.Text)
	}
	return strings.Join(texts, " ")
}

// formItem is the widget of the form item labelled label under o.
func formItem[T any](t *testing.T, o fyne.CanvasObject, label string) T {
	t.Helper()
	for _, f := range findAll[*widget.Form](o, nil) {
		for _, it := range f.Items {
			if it.Text != label {
				continue
			}
			if w, ok := it.Widget.(T); ok {
				return w
			}
			t.Fatalf("form item %q is a %T", label, it.Widget)
		}
	}
	var zero T
	t.Fatalf("no form item %q", label)
	return zero
}

// partOnTop is the form or dialog body of type T in the dialog on top.
func partOnTop[T fyne.Widget](t *testing.T, h *harness, what string) T {
	t.Helper()
	return findOne[T](t, topOverlay(t, h), what, nil)
}

// personFormShown is the person form in the dialog on top.
func personFormShown(t *testing.T, h *harness) *personForm {
	t.Helper()
	return partOnTop[*personForm](t, h, "person form")
}

// clientFormShown is the client form in the dialog on top.
func clientFormShown(t *testing.T, h *harness) *clientForm {
	t.Helper()
	return partOnTop[*clientForm](t, h, "client form")
}

// certFormShown is the Add certification form in the dialog on top.
func certFormShown(t *testing.T, h *harness) *certificationForm {
	t.Helper()
	return partOnTop[*certificationForm](t, h, "Add certification form")
}

// dialogField is the widget of the form item labelled label in the dialog
// on top.
func dialogField[T any](t *testing.T, h *harness, label string) T {
	t.Helper()
	return formItem[T](t, topOverlay(t, h), label)
}
