package app

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// pageSection is a titled block of the page.
func pageSection(title string, body fyne.CanvasObject, right ...fyne.CanvasObject) fyne.CanvasObject {
	h := header(title)
	h.SizeName = theme.SizeNameSubHeadingText
	top := fyne.CanvasObject(h)
	if len(right) > 0 {
		top = container.NewBorder(nil, nil, h, container.NewHBox(right...))
	}
	return container.NewPadded(container.NewVBox(widget.NewSeparator(), top, body))
}

// pageKey is the name of a value in a details block.
func pageKey(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func pageValue(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

func numberText(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// valueGrid lays out rows of cells in fixed columns (width 0: the rest).
func valueGrid(widths []float32, head []string, rows [][]fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox()
	if head != nil {
		var hs []fyne.CanvasObject
		for _, h := range head {
			l := header(h)
			l.Truncation = fyne.TextTruncateEllipsis
			hs = append(hs, l)
		}
		box.Add(container.New(&gridColumns{widths: widths}, hs...))
	}
	for _, r := range rows {
		box.Add(container.New(&gridColumns{widths: widths}, r...))
	}
	return box
}

// gridCell is a truncating label for a grid row.
func gridCell(s string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	l.Importance = imp
	l.TextStyle.Bold = imp == widget.DangerImportance
	return l
}

// gridColumns places objects side by side in fixed widths; columns of
// width 0 share what is left.
type gridColumns struct {
	widths []float32
}

func (l *gridColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i, o := range objs {
		if i < len(l.widths) && l.widths[i] > 0 {
			w += l.widths[i]
		} else {
			w += max(o.MinSize().Width, 80)
		}
		h = max(h, o.MinSize().Height)
	}
	if len(objs) > 1 {
		w += pad * float32(len(objs)-1)
	}
	return fyne.NewSize(w, h)
}

func (l *gridColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := float32(0), 0
	for i := range objs {
		if i < len(l.widths) && l.widths[i] > 0 {
			fixed += l.widths[i]
		} else {
			flex++
		}
	}
	rest := size.Width - fixed - pad*float32(max(len(objs)-1, 0))
	each := float32(0)
	if flex > 0 {
		each = max(rest/float32(flex), 0)
	}
	x := float32(0)
	for i, o := range objs {
		w := each
		if i < len(l.widths) && l.widths[i] > 0 {
			w = l.widths[i]
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		x += w + pad
	}
}
