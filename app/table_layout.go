package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// fillColumn lets column flex of a table take the width left by the others.
func fillColumn(t *widget.Table, widths []float32, flex int) fyne.CanvasObject {
	return container.New(&flexColumnLayout{t: t, widths: widths, flex: flex}, t)
}

// columnWidths are the widths of a table's columns.
func columnWidths[T any](cols []column[T]) []float32 {
	w := make([]float32, len(cols))
	for i, c := range cols {
		w[i] = c.width
	}
	return w
}

type flexColumnLayout struct {
	t      *widget.Table
	widths []float32
	flex   int
	set    float32
}

func (l *flexColumnLayout) MinSize([]fyne.CanvasObject) fyne.Size { return l.t.MinSize() }

func (l *flexColumnLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	l.t.Move(fyne.NewPos(0, 0))
	l.t.Resize(size)
	if l.flex < 0 || l.flex >= len(l.widths) {
		return
	}
	sep := theme.Padding()
	used := float32(0)
	for i, w := range l.widths {
		if i != l.flex {
			used += w + sep
		}
	}
	// Keep clear of the vertical scroll bar.
	w := max(l.widths[l.flex], size.Width-used-2*sep)
	if w != l.set {
		l.set = w
		l.t.SetColumnWidth(l.flex, w)
	}
}
