package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Preference keys (UI state only; records live in the data folder).
const (
	prefWorkspace = "workspace"
	prefActorID   = "actor.id"
	prefActorName = "actor.name"
	// The office a data folder is a desk of (office.go), per folder.
	prefOfficeURL   = "office.url"
	prefOfficeCreds = "office.creds"
	prefOfficeCA    = "office.ca"
	prefWidth       = "window.width"
	prefHeight      = "window.height"
)

// entry is a text field that passes Escape to the window, so that Escape
// closes the dialog the field is in.
type entry struct {
	widget.Entry
	u *ui
}

func (u *ui) newEntry() *entry {
	e := &entry{u: u}
	e.ExtendBaseWidget(e)
	return e
}

func (u *ui) newMultiLineEntry() *entry {
	e := u.newEntry()
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(4)
	return e
}

// AcceptsTab is false for every entry, a multi-line one too: Tab moves
// to the next field, as in any form (Enter starts a new line). Fyne's
// multi-line entry would type the Tab and trap the keyboard there.
func (e *entry) AcceptsTab() bool { return false }

func (e *entry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.u != nil {
		e.u.escape()
		return
	}
	e.Entry.TypedKey(k)
}

// newDateEntry is a field for a calendar date written YYYY-MM-DD,
// validated as the domain reads dates. Empty is allowed unless required.
func (u *ui) newDateEntry(required bool) *entry {
	e := u.newEntry()
	e.SetPlaceHolder("YYYY-MM-DD")
	e.Validator = func(s string) error {
		s = strings.TrimSpace(s)
		if s == "" {
			if required {
				return errors.New("required")
			}
			return nil
		}
		_, err := certification.ParseDate(s)
		return err
	}
	return e
}

// date reads a date field (zero when empty or invalid).
func date(e *entry) certification.Date {
	d, _ := certification.ParseDate(strings.TrimSpace(e.Text))
	return d
}

// required is a validator for a non-empty field.
func required(what string) fyne.StringValidator {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New(what + " is required")
		}
		return nil
	}
}

// number is a validator for a number within [lo, hi].
func number(lo, hi float64) fyne.StringValidator {
	return func(s string) error {
		v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil {
			return errors.New("write a number")
		}
		if v < lo || v > hi {
			return errors.New("out of range")
		}
		return nil
	}
}

func parseFloat(s string) float64 {
	v, _ := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v
}

// formDialog shows a form whose confirm button stays disabled while a
// field is invalid; Escape or Cancel closes it.
func (u *ui) formDialog(title, confirm string, items []*widget.FormItem, onSubmit func(), size fyne.Size) dialog.Dialog {
	d := dialog.NewForm(title, confirm, "Cancel", items, func(ok bool) {
		if ok {
			onSubmit()
		}
	}, u.win)
	d.Resize(size)
	u.showDialog(d)
	primeFormValidation(items)
	return d
}

// header is a bold label for table headers and section titles.
func header(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// section is a titled block.
func section(title string, body fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(header(title), nil, nil, nil, body)
}

// column describes one column of a virtualised table of T.
type column[T any] struct {
	title string
	width float32
	text  func(*T) string
	// importance colours the cell (nil: medium).
	importance func(*T) widget.Importance
}

// newTable is a virtualised table of rows (only visible cells exist).
// rows is read on every refresh: swap the slice it returns, then Refresh.
// onSelect gets the selected row's index.
func newTable[T any](cols []column[T], rows func() []T, onSelect func(int)) *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows()), len(cols) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			rs := rows()
			if id.Row < 0 || id.Row >= len(rs) || id.Col < 0 || id.Col >= len(cols) {
				l.SetText("")
				return
			}
			c := cols[id.Col]
			imp := widget.MediumImportance
			if c.importance != nil {
				imp = c.importance(&rs[id.Row])
			}
			text, bold := c.text(&rs[id.Row]), imp == widget.DangerImportance
			if l.Text == text && l.Importance == imp && l.TextStyle.Bold == bold {
				return // a cell shaped again costs more than the comparison
			}
			l.Importance, l.TextStyle.Bold, l.Text = imp, bold, text
			l.Refresh()
		},
	)
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject { return header("") }
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		title := ""
		if id.Col >= 0 && id.Col < len(cols) {
			title = cols[id.Col].title
		}
		if l.Text != title {
			l.SetText(title)
		}
	}
	for i, c := range cols {
		t.SetColumnWidth(i, c.width)
	}
	if onSelect != nil {
		t.OnSelected = func(id widget.TableCellID) {
			if id.Row >= 0 && id.Row < len(rows()) {
				onSelect(id.Row)
			}
			t.UnselectAll()
		}
	}
	return t
}

// showValidity enables a form's Save button when the record is valid and
// no save is under way, and shows the first problem otherwise.
func showValidity(save *widget.Button, problem *widget.Label, err error, saving bool) {
	if err != nil {
		problem.SetText(err.Error())
		save.Disable()
		return
	}
	problem.SetText("")
	setEnabled(save, !saving)
}

// selectRowOf keeps a master table's selection on the row of rows that
// shows the selected record (or clears it when that record is not shown).
func selectRowOf[T any](t *widget.Table, rows []T, selected func(T) bool) {
	for i := range rows {
		if selected(rows[i]) {
			t.Select(widget.TableCellID{Row: i, Col: 0})
			return
		}
	}
	t.UnselectAll()
}

// rowOf is the first of rows that is the selected record, or nil.
func rowOf[T any](rows []T, selected func(*T) bool) *T {
	for i := range rows {
		if selected(&rows[i]) {
			return &rows[i]
		}
	}
	return nil
}

func setEnabled(b fyne.Disableable, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// part is a part of a screen (a form, a dialog's body) that is a widget of
// its own, as fyne's widgets are: embed it, and show the value returned
// by as where the body goes. Whoever walks the window then meets the part
// itself, with the fields it needs anyway; the tests find forms this way,
// as fyne's tests find theirs.
type part struct {
	widget.BaseWidget
	body fyne.CanvasObject
}

// as makes self, the value that embeds p, a widget that shows body.
func (p *part) as(self fyne.Widget, body fyne.CanvasObject) fyne.Widget {
	p.body = body
	p.ExtendBaseWidget(self)
	return self
}

func (p *part) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.body)
}

// clickable is the pointer behaviour of a tile or a cell that opens
// something: a pointer cursor, a hover state its renderer shows, and
// onTap. Embed it in the widget and set refresh to the widget's Refresh.
type clickable struct {
	onTap   func()
	hovered bool
	refresh func()
}

func (c *clickable) Tapped(*fyne.PointEvent) {
	if c.onTap != nil {
		c.onTap()
	}
}

func (c *clickable) Cursor() desktop.Cursor         { return desktop.PointerCursor }
func (c *clickable) MouseIn(*desktop.MouseEvent)    { c.hovered = true; c.refresh() }
func (c *clickable) MouseMoved(*desktop.MouseEvent) {}
func (c *clickable) MouseOut()                      { c.hovered = false; c.refresh() }
