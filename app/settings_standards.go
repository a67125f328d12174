package app

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/storage/catalogfile"
)

// Settings › Standards: the standards the body certifies — CertDesk's
// own and those the body added from a catalogue file (its own TSV or a
// CISO Assistant library) — each with its clauses and controls. Adding
// one is an administrator's journalled command (define-standard), so
// every desk of the body certifies it too.

type standardsPane struct {
	s     *settingsSpace
	rows  []standardRow
	sel   int
	table *widget.Table
	items *widget.List
	title *widget.Label
	from  *widget.Label
	add   *widget.Button
	body  fyne.CanvasObject
}

// standardRow is one standard with its catalogue.
type standardRow struct {
	name    certification.Standard
	cat     *catalogue.Catalogue
	added   *certification.BodyStandard // nil: CertDesk ships it
	clauses int
}

func newStandardsPane(s *settingsSpace) *standardsPane {
	p := &standardsPane{s: s, sel: -1}
	cols := []column[standardRow]{
		{"Standard", 230, func(r *standardRow) string { return string(r.name) }, nil},
		{"Clauses", 70, func(r *standardRow) string { return strconv.Itoa(r.clauses) }, nil},
		{"Controls", 75, func(r *standardRow) string { return strconv.Itoa(len(r.cat.Controls())) }, nil},
		{"Audit time", 140, func(r *standardRow) string { return timeTableText(r) }, nil},
	}
	p.table = newTable(cols, func() []standardRow { return p.rows }, p.choose)
	p.title = header("Choose a standard to see its catalogue")
	p.from = widget.NewLabel("")
	p.from.Importance = widget.LowImportance
	p.from.Wrapping = fyne.TextWrapWord
	p.items = widget.NewList(
		func() int { return p.itemCount() },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.itemText(i)) })
	p.add = widget.NewButtonWithIcon("Add from file…", theme.ContentAddIcon(), p.chooseFile)
	p.add.Importance = widget.HighImportance
	intro := widget.NewLabel("CertDesk ships ISO/IEC 42001, ISO 9001 and ISO/IEC 27001. Add another standard the body certifies from its catalogue — a TSV file (reference, kind, group, title) or a CISO Assistant library (.yaml): titles only. Adding one already added brings it up to date; no line can be dropped.")
	intro.Wrapping = fyne.TextWrapWord
	head := container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(p.add), intro), widget.NewSeparator())
	split := container.NewHSplit(p.table, container.NewBorder(container.NewVBox(p.title, p.from), nil, nil, nil, p.items))
	split.Offset = 0.48
	p.body = container.NewBorder(head, nil, nil, nil, split)
	return p
}

// show lists the standards the body certifies (added: the body's
// records of the standards it added).
func (p *standardsPane) show(added []certification.BodyStandard) {
	p.rows = p.rows[:0]
	for _, s := range certification.AllStandards() {
		cat, err := catalogue.For(string(s))
		if err != nil {
			continue
		}
		r := standardRow{name: s, cat: cat, clauses: len(cat.Clauses())}
		for i := range added {
			if added[i].Name == s {
				r.added = &added[i]
			}
		}
		if r.added == nil && !catalogue.Builtin(string(s)) {
			continue // another folder's standard opened earlier in this process
		}
		p.rows = append(p.rows, r)
	}
	p.table.Refresh()
	if p.sel >= len(p.rows) {
		p.sel = -1
	}
	p.choose(p.sel)
}

func (p *standardsPane) choose(i int) {
	p.sel = i
	if i < 0 || i >= len(p.rows) {
		p.title.SetText("Choose a standard to see its catalogue")
		p.from.SetText("")
	} else {
		p.title.SetText(fmt.Sprintf("%s: %d lines", p.rows[i].name, len(p.rows[i].cat.Items)))
		p.from.SetText(sentence(standardFrom(&p.rows[i])))
	}
	p.items.Refresh()
	p.items.ScrollToTop()
}

func (p *standardsPane) itemCount() int {
	if p.sel < 0 || p.sel >= len(p.rows) {
		return 0
	}
	return len(p.rows[p.sel].cat.Items)
}

func (p *standardsPane) itemText(i int) string {
	if p.sel < 0 || p.sel >= len(p.rows) || i >= len(p.rows[p.sel].cat.Items) {
		return ""
	}
	it := p.rows[p.sel].cat.Items[i]
	if it.Kind == catalogue.Group {
		return it.Ref + "  " + it.Title + " (group)"
	}
	return it.Ref + "  " + it.Title
}

func timeTableText(r *standardRow) string {
	switch {
	case r.added == nil && r.name == certification.ISO42001:
		return "42001 AI table"
	case r.added != nil && r.added.Table == catalogue.TableNone:
		return "set by hand"
	}
	return "IAF MD 5 (QMS)"
}

func standardFrom(r *standardRow) string {
	if r.added == nil {
		return "shipped with CertDesk"
	}
	return fmt.Sprintf("added %s from %s", r.added.Added, r.added.Source)
}

// chooseFile asks for a catalogue file, reads it off the UI goroutine
// and shows what it holds in the form that adds it.
func (p *standardsPane) chooseFile() {
	u := p.s.u
	filter := fynestorage.NewExtensionFileFilter([]string{".tsv", ".txt", ".yaml", ".yml"})
	u.openFileFor("Add a standard from its catalogue", "Read", filter, func(r io.ReadCloser, name string) {
		backgroundThen(u.bg, func(context.Context) (catalogfile.File, error) {
			defer r.Close()
			data, err := io.ReadAll(io.LimitReader(r, catalogfile.MaxSize+1))
			if err != nil {
				return catalogfile.File{}, err
			}
			if len(data) > catalogfile.MaxSize {
				return catalogfile.File{}, fmt.Errorf("%s is larger than %d MB: a catalogue file is smaller", name, catalogfile.MaxSize>>20)
			}
			return catalogfile.Items(name, data)
		}, func(f catalogfile.File, err error) {
			if err != nil {
				u.showError("read the catalogue", err)
				return
			}
			p.showAddForm(f)
		})
	})
}
