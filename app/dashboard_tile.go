package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dashTile is a big count with a caption that selects its list when
// tapped (or when focused and Space or Enter is pressed).
type dashTile struct {
	widget.BaseWidget
	tone     widget.Importance
	onTap    func()
	onEscape func()
	n        int
	selected bool
	hovered  bool
	focused  bool

	bg      *canvas.Rectangle
	count   *canvas.Text
	caption *canvas.Text
	sub     *canvas.Text
}

func newDashTile(caption, sub string, tone widget.Importance, onTap func()) *dashTile {
	t := &dashTile{tone: tone, onTap: onTap}
	t.bg = canvas.NewRectangle(color.Transparent)
	t.count = canvas.NewText("–", color.Black)
	t.count.TextSize = 34
	t.count.TextStyle.Bold = true
	t.caption = canvas.NewText(caption, color.Black)
	t.caption.TextStyle.Bold = true
	t.sub = canvas.NewText(sub, color.Black)
	t.ExtendBaseWidget(t)
	return t
}

func (t *dashTile) CreateRenderer() fyne.WidgetRenderer {
	t.applyStyle()
	body := container.NewVBox(t.count, t.caption, t.sub)
	return widget.NewSimpleRenderer(container.NewStack(t.bg, container.NewPadded(container.NewPadded(body))))
}

// Refresh restyles the tile (selection, hover, focus, theme) and redraws it.
func (t *dashTile) Refresh() {
	t.applyStyle()
	t.BaseWidget.Refresh()
}

func (t *dashTile) applyStyle() {
	th := t.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	col := func(n fyne.ThemeColorName) color.Color { return th.Color(n, v) }
	t.bg.CornerRadius = th.Size(theme.SizeNameInputRadius) * 2
	t.bg.FillColor = col(theme.ColorNameInputBackground)
	if t.hovered {
		t.bg.FillColor = col(theme.ColorNameHover)
	}
	t.bg.StrokeWidth = 0
	switch {
	case t.selected:
		t.bg.StrokeColor, t.bg.StrokeWidth = col(theme.ColorNamePrimary), 2
	case t.focused:
		t.bg.StrokeColor, t.bg.StrokeWidth = col(theme.ColorNameFocus), 2
	}
	t.count.Color = col(theme.ColorNamePlaceHolder)
	if t.n > 0 {
		switch t.tone {
		case widget.DangerImportance:
			t.count.Color = col(theme.ColorNameError)
		case widget.WarningImportance:
			t.count.Color = col(theme.ColorNameWarning)
		default:
			t.count.Color = col(theme.ColorNameForeground)
		}
	}
	t.caption.Color = col(theme.ColorNameForeground)
	t.sub.Color = col(theme.ColorNamePlaceHolder)
	t.sub.TextSize = th.Size(theme.SizeNameCaptionText)
	for _, o := range []fyne.CanvasObject{t.bg, t.count, t.caption, t.sub} {
		o.Refresh()
	}
}

func (t *dashTile) setCount(n int) {
	t.n = n
	t.count.Text = strconv.Itoa(n)
	t.Refresh()
}

func (t *dashTile) setSelected(on bool) {
	t.selected = on
	t.Refresh()
}

func (t *dashTile) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

func (t *dashTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *dashTile) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

func (t *dashTile) MouseMoved(*desktop.MouseEvent) {}

func (t *dashTile) MouseOut() { t.hovered = false; t.Refresh() }

func (t *dashTile) FocusGained() { t.focused = true; t.Refresh() }

func (t *dashTile) FocusLost() { t.focused = false; t.Refresh() }

func (t *dashTile) TypedRune(r rune) {
	if r == ' ' {
		t.Tapped(nil)
	}
}

func (t *dashTile) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.Tapped(nil)
	case fyne.KeyEscape:
		// A focused widget takes the keys: pass Escape on to the window.
		if t.onEscape != nil {
			t.onEscape()
		}
	}
}
