package app

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// monthCell is one month of the programme's overview strip: its name,
// how many audits start in it (after the filters) and a bar for the load.
// Tapping it shows the month.
type monthCell struct {
	widget.BaseWidget
	clickable

	label     string
	count     int
	frac      float32
	selected  bool
	current   bool
	bg, bar   *canvas.Rectangle
	name, num *canvas.Text
}

func newMonthCell(onTap func()) *monthCell {
	c := &monthCell{clickable: clickable{onTap: onTap}}
	c.refresh = c.Refresh
	c.bg = canvas.NewRectangle(color.Transparent)
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.bar = canvas.NewRectangle(color.Transparent)
	c.bar.CornerRadius = 2
	c.name = canvas.NewText("", color.Black)
	c.name.Alignment = fyne.TextAlignCenter
	c.name.TextSize = theme.CaptionTextSize()
	c.num = canvas.NewText("", color.Black)
	c.num.Alignment = fyne.TextAlignCenter
	c.num.TextStyle.Bold = true
	c.ExtendBaseWidget(c)
	return c
}

// set updates what the cell shows.
func (c *monthCell) set(label string, count int, frac float32, selected, current bool) {
	c.label, c.count, c.frac, c.selected, c.current = label, count, frac, selected, current
	c.Refresh()
}

func (c *monthCell) CreateRenderer() fyne.WidgetRenderer {
	return &monthCellRenderer{c: c, objects: []fyne.CanvasObject{c.bg, c.bar, c.name, c.num}}
}

type monthCellRenderer struct {
	c       *monthCell
	objects []fyne.CanvasObject
}

func (r *monthCellRenderer) Destroy()                     {}
func (r *monthCellRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *monthCellRenderer) MinSize() fyne.Size {
	pad := theme.Padding()
	return fyne.NewSize(56, r.c.name.MinSize().Height+r.c.num.MinSize().Height+4+3*pad)
}

func (r *monthCellRenderer) Layout(size fyne.Size) {
	c, pad := r.c, theme.Padding()
	inner := fyne.NewSize(size.Width-pad, size.Height-pad)
	c.bg.Move(fyne.NewPos(pad/2, pad/2))
	c.bg.Resize(inner)
	nh := c.name.MinSize().Height
	c.name.Move(fyne.NewPos(pad/2, pad))
	c.name.Resize(fyne.NewSize(inner.Width, nh))
	c.num.Move(fyne.NewPos(pad/2, pad+nh-2))
	c.num.Resize(fyne.NewSize(inner.Width, c.num.MinSize().Height))
	barMax := inner.Width - 4*pad
	w := barMax * c.frac
	if c.count > 0 && w < 3 {
		w = 3
	}
	c.bar.Move(fyne.NewPos(pad/2+2*pad, size.Height-pad/2-pad-3))
	c.bar.Resize(fyne.NewSize(w, 4))
}

func (r *monthCellRenderer) Refresh() {
	c := r.c
	v := fyne.CurrentApp().Settings().ThemeVariant()
	th := c.Theme()
	fg := th.Color(theme.ColorNameForeground, v)
	c.name.Text, c.num.Text = c.label, fmt.Sprint(c.count)
	c.name.Color, c.num.Color = th.Color(theme.ColorNamePlaceHolder, v), fg
	c.bar.FillColor = th.Color(theme.ColorNamePrimary, v)
	switch {
	case c.selected:
		c.bg.FillColor = th.Color(theme.ColorNamePrimary, v)
		on := th.Color(theme.ColorNameForegroundOnPrimary, v)
		c.name.Color, c.num.Color, c.bar.FillColor = on, on, on
	case c.hovered:
		c.bg.FillColor = th.Color(theme.ColorNameHover, v)
	default:
		c.bg.FillColor = th.Color(theme.ColorNameInputBackground, v)
	}
	c.name.TextStyle.Bold = c.current
	if c.current && !c.selected {
		c.name.Color = th.Color(theme.ColorNamePrimary, v)
	}
	if c.count == 0 && !c.selected {
		c.num.Color = th.Color(theme.ColorNameDisabled, v)
	}
	c.bar.Hidden = c.count == 0 || c.frac == 0
	r.Layout(c.Size())
	canvas.Refresh(c)
}
