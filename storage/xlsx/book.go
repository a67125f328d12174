// Package xlsx writes and reads the Excel workbooks CertDesk exchanges
// with the outside world: registers, the IAF CertSearch upload, audit
// plans and reports, the client's response workbook, the audit time
// justification and the decision record. It is the only package that
// imports excelize.
//
// Every workbook is built through a Book: styles are created once (a
// style per cell would bloat the file), and any sheet that can grow is
// streamed (excelize's StreamWriter) with fixed column widths, a frozen
// header and one Excel table carrying the filters.
package xlsx

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
)

// Tone colours a row or a cell by state.
type Tone int

const (
	Plain   Tone = iota
	Overdue      // red: late, overdue, refused
	DueSoon      // amber: due soon, open, warning
	Done         // green: done, closed, active
	Muted        // grey: cancelled, withdrawn, expired
	tones
)

// Kind is how a column's values are shown.
type Kind int

const (
	Text   Kind = iota // text, one line
	Wrap               // text, wrapped
	Date               // certification.Date as an Excel date (yyyy-mm-dd)
	Number             // a number with up to two decimals
	Int                // a whole number
	kinds
)

// Column is one column of a streamed sheet.
type Column struct {
	Title string
	Width float64 // in characters
	Kind  Kind
}

// Meta describes a workbook: its document properties and the title lines
// above a register's table.
type Meta struct {
	Title string // e.g. "Findings register"
	Body  string // the certification body's name
	AsOf  certification.Date
	// Note is an optional line under the title (filters applied, etc.).
	Note string
}

// Book is a workbook being written. It is not safe for concurrent use.
type Book struct {
	f      *excelize.File
	meta   Meta
	sheets int
	// cell[kind][tone] are the cell styles; header, title, subtitle,
	// label and the rest are created once in New.
	cell                             [kinds][tones]int
	header, title, subtitle, label   int
	labelTop, value, valueWrap, bold int
}

// palette gives each tone its fill and font colour.
var palette = [tones]struct{ fill, font string }{
	Plain:   {"", ""},
	Overdue: {"FADBD8", "9C0006"},
	DueSoon: {"FFF2CC", "7F6000"},
	Done:    {"E2EFDA", "375623"},
	Muted:   {"EDEDED", "595959"},
}

// New starts a workbook.
func New(meta Meta) (*Book, error) {
	b := &Book{f: excelize.NewFile(), meta: meta}
	if err := b.makeStyles(); err != nil {
		b.f.Close()
		return nil, err
	}
	created := time.Now().UTC().Format(time.RFC3339)
	if err := b.f.SetDocProps(&excelize.DocProperties{Title: meta.Title, Creator: meta.Body, Created: created, Modified: created,
		LastModifiedBy: "CertDesk", Description: "Written by CertDesk"}); err != nil {
		b.f.Close()
		return nil, err
	}
	return b, nil
}

func (b *Book) makeStyles() error {
	for k := range kinds {
		for t := range tones {
			id, err := b.f.NewStyle(toneStyle(Kind(k), Tone(t)))
			if err != nil {
				return err
			}
			b.cell[k][t] = id
		}
	}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	font := func(bold bool, color string, size float64) *excelize.Font {
		return &excelize.Font{Bold: bold, Color: color, Family: "Calibri", Size: size}
	}
	return newStyles(b.f, []styleDef{
		{&b.header, &excelize.Style{Font: font(true, "FFFFFF", 11), Fill: solid("1F4E78"), Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&b.title, &excelize.Style{Font: font(true, "1F4E78", 14)}},
		{&b.subtitle, &excelize.Style{Font: font(false, "595959", 11)}},
		{&b.label, &excelize.Style{Font: font(true, "", 11), Alignment: &excelize.Alignment{Vertical: "top"}, Border: border}},
		{&b.labelTop, &excelize.Style{Font: font(true, "1F4E78", 12), Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&b.value, &excelize.Style{Font: font(false, "", 11), Alignment: &excelize.Alignment{Vertical: "top"}, Border: border}},
		{&b.valueWrap, &excelize.Style{Font: font(false, "", 11), Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}, Border: border}},
		{&b.bold, &excelize.Style{Font: font(true, "", 11)}},
	})
}

// styleDef is a style to create and where to keep its id.
type styleDef struct {
	id    *int
	style *excelize.Style
}

// newStyles creates the styles in order.
func newStyles(f *excelize.File, defs []styleDef) error {
	for _, d := range defs {
		id, err := f.NewStyle(d.style)
		if err != nil {
			return err
		}
		*d.id = id
	}
	return nil
}

// toneStyle is the style of a value of kind k in tone t: Calibri 11 in
// the tone's colours, at the top of the cell, in the kind's format.
func toneStyle(k Kind, t Tone) *excelize.Style {
	s := &excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Color: palette[t].font}, Fill: solid(palette[t].fill),
		Alignment: &excelize.Alignment{Vertical: "top"}}
	switch k {
	case Wrap:
		s.Alignment.WrapText = true
	case Date:
		code := "yyyy-mm-dd"
		s.CustomNumFmt = &code
		s.Alignment.Horizontal = "left"
	case Number:
		code := "0.0#"
		s.CustomNumFmt = &code
	case Int:
		s.NumFmt = 1
	}
	return s
}

// wording is the word for k in words, or k as it is stored where words
// has none.
func wording[K ~string](words map[K]string, k K) string {
	if w, ok := words[k]; ok {
		return w
	}
	return string(k)
}

// solid is a fill of one colour; "" is none.
func solid(color string) excelize.Fill {
	if color == "" {
		return excelize.Fill{}
	}
	return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}
}

// File gives the underlying excelize file, for what the helpers here do
// not cover (data validation, protection) in this package only.
func (b *Book) File() *excelize.File { return b.f }

// Meta returns the workbook's description.
func (b *Book) Meta() Meta { return b.meta }

// CellStyle is the style of a value of kind k in tone t.
func (b *Book) CellStyle(k Kind, t Tone) int { return b.cell[k][t] }

// HeaderStyle, TitleStyle, LabelStyle, ValueStyle and WrapStyle are the
// fixed styles, for sheets written cell by cell.
func (b *Book) HeaderStyle() int   { return b.header }
func (b *Book) TitleStyle() int    { return b.title }
func (b *Book) SubtitleStyle() int { return b.subtitle }
func (b *Book) LabelStyle() int    { return b.label }
func (b *Book) SectionStyle() int  { return b.labelTop }
func (b *Book) ValueStyle() int    { return b.value }
func (b *Book) WrapStyle() int     { return b.valueWrap }
func (b *Book) BoldStyle() int     { return b.bold }

// AddSheet names the next sheet: the first call renames the default
// sheet, later calls add one.
func (b *Book) AddSheet(name string) error {
	b.sheets++
	if b.sheets == 1 {
		return b.f.SetSheetName(b.f.GetSheetName(0), name)
	}
	_, err := b.f.NewSheet(name)
	return err
}

// addPage adds a sheet to be written cell by cell as a printed page: its
// columns widths characters wide, without grid lines.
func (b *Book) addPage(name string, widths []float64) error {
	if err := b.AddSheet(name); err != nil {
		return err
	}
	return b.pageView(name, widths)
}

// pageView sets a sheet's column widths (characters) and hides its grid
// lines.
func (b *Book) pageView(sheet string, widths []float64) error {
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := b.f.SetColWidth(sheet, col, col, w); err != nil {
			return err
		}
	}
	show := false
	return b.f.SetSheetView(sheet, 0, &excelize.ViewOptions{ShowGridLines: &show})
}

// Write writes the workbook to w. (The first sheet is active in a new
// workbook already; setting it again would make excelize read every
// streamed sheet back into memory.)
func (b *Book) Write(w io.Writer) error {
	_, err := b.f.WriteTo(w)
	return err
}

// writeSteps writes the sheets step by step, stopping when ctx is done,
// then writes the workbook to w.
func (b *Book) writeSteps(ctx context.Context, w io.Writer, steps ...func() error) error {
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := step(); err != nil {
			return err
		}
	}
	return b.Write(w)
}

// Close releases the workbook (streamed sheets spill to temporary files).
func (b *Book) Close() error { return b.f.Close() }

// Sheet is a streamed sheet: title lines, a header row, then data rows
// written in order, closed by an Excel table over header and rows.
type Sheet struct {
	b      *Book
	sw     *excelize.StreamWriter
	name   string
	cols   []Column
	header int // the header's row number
	row    int // the last row written
	buf    []any
}

// titleRows is how many rows the title block takes above the header.
const titleRows = 3

// Stream starts a streamed sheet with the book's title block (title,
// body and date, note) and the column header, frozen under it.
func (b *Book) Stream(name string, cols []Column) (*Sheet, error) {
	return b.stream(name, cols, nil)
}

// streamPrinted is Stream for a sheet printed as l, with the header
// repeated on every printed page. A streamed sheet writes its sheet
// properties (where fit to page is switched on) when its stream starts,
// and its page setup from the worksheet the stream started with: so the
// sheet is set up before its stream starts.
func (b *Book) streamPrinted(name string, cols []Column, l printLayout) (*Sheet, error) {
	l.titleRow = titleRows + 1
	return b.stream(name, cols, &l)
}

func (b *Book) stream(name string, cols []Column, l *printLayout) (*Sheet, error) {
	if err := b.AddSheet(name); err != nil {
		return nil, err
	}
	if l != nil {
		if err := l.setUp(b.f, name); err != nil {
			return nil, err
		}
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	s := &Sheet{b: b, sw: sw, name: name, cols: cols, header: titleRows + 1, buf: make([]any, len(cols))}
	for i, c := range cols {
		w := c.Width
		if w == 0 {
			w = 14
		}
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	top, _ := excelize.CoordinatesToCellName(1, s.header+1)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: s.header, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}}}); err != nil {
		return nil, err
	}
	sub := b.meta.Body
	if !b.meta.AsOf.IsZero() {
		if sub != "" {
			sub += " · "
		}
		sub += "as of " + b.meta.AsOf.String()
	}
	lines := [][]any{
		{excelize.Cell{StyleID: b.title, Value: b.meta.Title}},
		{excelize.Cell{StyleID: b.subtitle, Value: sub}},
		{excelize.Cell{StyleID: b.subtitle, Value: b.meta.Note}},
	}
	for i, l := range lines {
		if err := sw.SetRow(fmt.Sprintf("A%d", i+1), l, excelize.RowOpts{Height: map[bool]float64{true: 22, false: 15}[i == 0]}); err != nil {
			return nil, err
		}
	}
	head := make([]any, len(cols))
	for i, c := range cols {
		head[i] = excelize.Cell{StyleID: b.header, Value: c.Title}
	}
	if err := sw.SetRow(fmt.Sprintf("A%d", s.header), head, excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	s.row = s.header
	return s, nil
}

// Row writes the next data row in tone t, tall enough for its wrapped
// text. Values: see cellValue; each is styled by its column's kind.
func (s *Sheet) Row(t Tone, vals ...any) error {
	if len(vals) > len(s.cols) {
		return fmt.Errorf("xlsx: %s: row of %d values for %d columns", s.name, len(vals), len(s.cols))
	}
	h := 15.0
	for i := range s.buf {
		var v any
		if i < len(vals) {
			v = cellValue(vals[i])
		}
		c := s.cols[i]
		if x, ok := v.(string); ok && c.Kind == Wrap && x != "" {
			h = max(h, wrappedHeight(x, c.Width))
		}
		s.buf[i] = excelize.Cell{StyleID: s.b.cell[c.Kind][t], Value: v}
	}
	s.row++
	return s.sw.SetRow(fmt.Sprintf("A%d", s.row), s.buf, excelize.RowOpts{Height: min(h, 409)})
}

// cellValue is v as a cell holds it: a certification.Date as a time (the
// zero date as an empty cell), a bool as Yes or No; strings, numbers and
// nil (empty) as they are.
func cellValue(v any) any {
	switch x := v.(type) {
	case certification.Date:
		if x.IsZero() {
			return nil
		}
		return x.Time()
	case bool:
		if x {
			return "Yes"
		}
		return "No"
	}
	return v
}

// Rows is the number of data rows written so far.
func (s *Sheet) Rows() int { return s.row - s.header }

// Close adds the Excel table (named table, with filters) over the header
// and rows, and flushes the sheet.
func (s *Sheet) Close(table string) error {
	last := max(s.row, s.header+1) // a table has at least one data row
	ref, _ := excelize.CoordinatesToCellName(len(s.cols), last)
	stripes := false
	if err := s.sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A%d:%s", s.header, ref), Name: table, StyleName: "TableStyleLight1",
		ShowRowStripes: &stripes}); err != nil {
		return err
	}
	return s.sw.Flush()
}

// HeaderRow is the row number of the header (the table's first row).
func (s *Sheet) HeaderRow() int { return s.header }

// Workbooks writes and reads CertDesk's workbooks. Its methods (one file
// per kind of workbook) implement the interfaces the domain declares
// where it uses them; the zero value is ready to use.
type Workbooks struct{}

// Paper sizes (ECMA-376 paperSize codes).
const (
	paperA4 = 9
	paperA3 = 8
)

// printLayout is how a sheet prints: on paper (0: A4) in portrait or
// landscape, fitted to the page width, with margins (none: the
// spreadsheet's own), the document and the page number in the footer
// (if footer is set) and row titleRow (if set) repeated on every page.
type printLayout struct {
	paper     int
	landscape bool
	margins   margins
	footer    string
	titleRow  int
}

// margins are a printed page's margins in inches; header and footer
// take 0.3.
type margins struct{ side, top, bottom float64 }

// setUp sets up the printing of a sheet.
func (l printLayout) setUp(f *excelize.File, sheet string) error {
	paper, orientation, one, free, fit := cmp.Or(l.paper, paperA4), "portrait", 1, 0, true
	if l.landscape {
		orientation = "landscape"
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &paper, Orientation: &orientation, FitToWidth: &one, FitToHeight: &free}); err != nil {
		return err
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if m := l.margins; m != (margins{}) {
		hf := 0.3
		if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &m.side, Right: &m.side, Top: &m.top, Bottom: &m.bottom,
			Header: &hf, Footer: &hf}); err != nil {
			return err
		}
	}
	if l.footer != "" {
		if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&L&8" + hfEscape(l.footer) + "&R&8Page &P of &N"}); err != nil {
			return err
		}
	}
	if l.titleRow > 0 {
		return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
			RefersTo: fmt.Sprintf("'%s'!$%d:$%d", strings.ReplaceAll(sheet, "'", "''"), l.titleRow, l.titleRow)})
	}
	return nil
}

// hfEscape keeps a text from being read as header/footer codes, and
// within the 255 characters a header or footer may hold.
func hfEscape(s string) string {
	s = strings.ReplaceAll(s, "&", "&&")
	if r := []rune(s); len(r) > 200 {
		s = string(r[:199]) + "…"
	}
	return s
}
