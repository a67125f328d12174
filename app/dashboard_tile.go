package app

import (
	"image/color"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dashboardTile is a big count with a caption that selects its list when
// tapped (or when focused and Space or Enter is pressed).
type dashboardTile struct {
	widget.BaseWidget
	tone widget.Importance
	clickable
	onEscape func()
	n        int
	// alert draws the caption below the title in the error colour (the
	// Complaints tile when a case is late).
	alert    bool
	selected bool
	focused  bool

	bg      *canvas.Rectangle
	count   *canvas.Text
	caption *canvas.Text
	sub     *canvas.Text
}

func newDashboardTile(caption, sub string, tone widget.Importance, onTap func()) *dashboardTile {
	t := &dashboardTile{tone: tone, clickable: clickable{onTap: onTap}}
	t.refresh = t.Refresh
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

func (t *dashboardTile) CreateRenderer() fyne.WidgetRenderer {
	t.applyStyle()
	body := container.NewVBox(t.count, t.caption, t.sub)
	return widget.NewSimpleRenderer(container.NewStack(t.bg, container.NewPadded(container.NewPadded(body))))
}

// Refresh restyles the tile (selection, hover, focus, theme) and redraws it.
func (t *dashboardTile) Refresh() {
	t.applyStyle()
	t.BaseWidget.Refresh()
}

func (t *dashboardTile) applyStyle() {
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
	t.sub.TextStyle.Bold = t.alert
	if t.alert {
		t.sub.Color = col(theme.ColorNameError)
	}
	t.sub.TextSize = th.Size(theme.SizeNameCaptionText)
	for _, o := range []fyne.CanvasObject{t.bg, t.count, t.caption, t.sub} {
		o.Refresh()
	}
}

// setLoading shows that the count is not known yet (not a zero).
func (t *dashboardTile) setLoading() {
	t.n = 0
	t.count.Text = "…"
	t.Refresh()
}

func (t *dashboardTile) setCount(n int) {
	t.n = n
	t.count.Text = strconv.Itoa(n)
	t.Refresh()
}

func (t *dashboardTile) setSelected(on bool) {
	t.selected = on
	t.Refresh()
}

func (t *dashboardTile) FocusGained() { t.focused = true; t.Refresh() }

func (t *dashboardTile) FocusLost() { t.focused = false; t.Refresh() }

func (t *dashboardTile) TypedRune(r rune) {
	if r == ' ' {
		t.Tapped(nil)
	}
}

func (t *dashboardTile) TypedKey(e *fyne.KeyEvent) {
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
