package xlsx

import (
	"math"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
)

// packPage writes a sheet row by row: title lines, sections, labelled
// fields and small tables over a fixed set of columns. It keeps count of
// the printed page's height so that a section title or a day of the
// timetable is not left alone at the foot of a page.
type packPage struct {
	b         *Book
	st        *packStyles
	f         *excelize.File
	name      string
	widths    []float64
	landscape bool
	margins   margins // of the printed page
	row       int
	err       error
	// heights are the rows' heights set (points); capacity is the height
	// of rows a printed page holds (where the spreadsheet breaks pages); broke is the last row before the
	// last page break; repeat is the height of the rows repeated on
	// every page after the first.
	heights  map[int]float64
	capacity float64
	broke    int
	repeat   float64
}

func newPackPage(b *Book, st *packStyles, name string, widths []float64, landscape bool) (*packPage, error) {
	if err := b.addPage(name, widths); err != nil {
		return nil, err
	}
	pg := &packPage{b: b, st: st, f: b.File(), name: name, widths: widths, landscape: landscape, margins: packMargins, heights: map[int]float64{}}
	px := 0.0
	for _, w := range widths {
		px += math.Trunc(w*7 + 5)
	}
	// A4 less packMargins, in points; the sheet is scaled
	// down to the page's width, so a page holds more rows' points.
	pw, ph := 523.0, 755.0
	if landscape {
		pw, ph = 770.0, 509.0
	}
	scale := math.Min(1, pw/(px*0.75))
	// Less a footer's room (LibreOffice prints it inside the margin's
	// height) and a little for rounding: every page break is set here,
	// before the spreadsheet would break by itself.
	pg.capacity = (ph - 40) / scale * 0.98
	return pg, nil
}

// used is the height of the rows on the current printed page.
func (pg *packPage) used() float64 {
	h := 0.0
	if pg.broke > 0 {
		h = pg.repeat
	}
	for r := pg.broke + 1; r <= pg.row; r++ {
		if x, ok := pg.heights[r]; ok {
			h += x
		} else {
			h += 15
		}
	}
	return h
}

// keep starts a new printed page before the next row unless the
// current page still holds h points more. It reports whether it did.
func (pg *packPage) keep(h float64) bool {
	if pg.err != nil || pg.row <= pg.broke || pg.used()+h <= pg.capacity {
		return false
	}
	pg.err = pg.f.InsertPageBreak(pg.name, packCell(1, pg.row+1))
	pg.broke = pg.row
	return true
}

func packCell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// set writes v with style into column col (1-based) of the current row,
// merged up to column to when to > col.
func (pg *packPage) set(col, to int, v any, style int) {
	if pg.err != nil {
		return
	}
	v = cellValue(v)
	at := packCell(col, pg.row)
	if v != nil {
		if err := pg.f.SetCellValue(pg.name, at, v); err != nil {
			pg.err = err
			return
		}
	}
	end := at
	if to > col {
		end = packCell(to, pg.row)
		if err := pg.f.MergeCell(pg.name, at, end); err != nil {
			pg.err = err
			return
		}
	}
	if err := pg.f.SetCellStyle(pg.name, at, end, style); err != nil {
		pg.err = err
	}
}

// height sets the current row's height for text over columns col..to.
func (pg *packPage) height(h float64) {
	if pg.err == nil && h > 0 {
		pg.heights[pg.row] = h
		pg.err = pg.f.SetRowHeight(pg.name, pg.row, h)
	}
}

// span is the width in characters of columns col..to merged: each
// column adds its margin of 5 pixels (a character is 7).
func (pg *packPage) span(col, to int) float64 {
	w := 0.0
	for i := col; i <= to && i <= len(pg.widths); i++ {
		if i > col {
			w += 5.0 / 7
		}
		w += pg.widths[i-1]
	}
	return w
}

// next starts the next row. Where the row just written overflows the
// printed page, a page break goes before it: the pages break where this
// count says, in Excel and LibreOffice alike, not where each would.
func (pg *packPage) next() {
	pg.fit()
	pg.row++
}

// fit breaks the page before the current row if it overflows the page.
func (pg *packPage) fit() {
	if pg.err == nil && pg.row > pg.broke+1 && pg.used() > pg.capacity {
		pg.err = pg.f.InsertPageBreak(pg.name, packCell(1, pg.row))
		pg.broke = pg.row - 1
	}
}

func (pg *packPage) last() int { return len(pg.widths) }

// title writes the title and the line under it (none when sub is "").
func (pg *packPage) title(title, sub string) {
	pg.next()
	pg.set(1, 0, title, pg.b.TitleStyle())
	pg.height(24)
	if sub != "" {
		pg.next()
		pg.set(1, 0, sub, pg.b.SubtitleStyle())
	}
}

// section starts a section after an empty row, on a new printed page
// unless the title and body points of what follows fit on this one.
func (pg *packPage) section(title string, body float64) {
	if !pg.keep(15 + 20 + body) {
		pg.next()
	}
	pg.next()
	pg.set(1, 0, title, pg.b.SectionStyle())
	pg.height(20)
}

// tableSection starts a section holding a small table and writes the
// table, keeping them together on a printed page where the table is
// short.
func (pg *packPage) tableSection(title string, cols []packCol, rows [][]any, tones []Tone) {
	h := pg.tableHeight(cols, rows)
	if h > 300 {
		h = pg.tableHeight(cols, rows[:2])
	}
	pg.section(title, h)
	pg.table(cols, rows, tones)
}

// packFieldsHeight estimates the height of fields (label, value) on a page.
func (pg *packPage) fieldsHeight(values ...string) float64 {
	h := 0.0
	for _, v := range values {
		h += wrappedHeight(v, pg.span(2, pg.last()))
	}
	return h
}

// tableHeight estimates the height of a small table (see table).
func (pg *packPage) tableHeight(cols []packCol, rows [][]any) float64 {
	h := 18.0
	for _, c := range cols {
		h = max(h, wrappedHeight(c.title, pg.span(c.from, c.to))+3)
	}
	for _, r := range rows {
		h += pg.rowHeight(cols, r)
	}
	return h
}

func (pg *packPage) rowHeight(cols []packCol, r []any) float64 {
	h := 15.0
	for j, c := range cols {
		if j < len(r) {
			if s, ok := r[j].(string); ok {
				h = max(h, wrappedHeight(s, pg.span(c.from, c.to)))
			}
		}
	}
	return h
}

// field writes a label and its value over the other columns; a string
// value wraps, a Date is a date cell.
func (pg *packPage) field(label string, v any) {
	pg.fieldStyled(label, v, pg.b.WrapStyle())
}

func (pg *packPage) fieldStyled(label string, v any, style int) {
	pg.next()
	pg.set(1, 0, label, pg.b.LabelStyle())
	switch x := v.(type) {
	case certification.Date:
		pg.set(2, pg.last(), x, pg.st.date)
	case string:
		pg.set(2, pg.last(), x, style)
		pg.height(max(wrappedHeight(x, pg.span(2, pg.last())), wrappedHeight(label, pg.widths[0])))
	default:
		pg.set(2, pg.last(), v, style)
	}
}

// dates writes a label with two dates: "from … to …".
func (pg *packPage) dates(label string, from, to certification.Date, bold bool) {
	pg.next()
	pg.set(1, 0, label, pg.b.LabelStyle())
	style := pg.st.date
	if bold {
		style = pg.st.dateBold
	}
	pg.set(2, 0, from, style)
	pg.set(3, 0, "to", pg.b.ValueStyle())
	pg.set(4, 0, to, style)
	pg.set(5, pg.last(), nil, pg.b.ValueStyle())
}

// packCol is a column of a small table on a page: a title over sheet
// columns from..to.
type packCol struct {
	title    string
	from, to int
}

// table writes a small table: a header row and rows of values, each
// row in its tone (Plain for none).
func (pg *packPage) table(cols []packCol, rows [][]any, tones []Tone) {
	pg.next()
	h := 18.0
	for _, c := range cols {
		pg.set(c.from, c.to, c.title, pg.b.HeaderStyle())
		h = max(h, wrappedHeight(c.title, pg.span(c.from, c.to))+3)
	}
	pg.height(h)
	for i, r := range rows {
		pg.next()
		for j, c := range cols {
			var v any
			if j < len(r) {
				v = r[j]
			}
			style := pg.st.cell
			if tones != nil && tones[i] != Plain {
				style = pg.st.tone[tones[i]]
			}
			if _, ok := v.(certification.Date); ok {
				style = pg.st.date
			}
			pg.set(c.from, c.to, v, style)
		}
		pg.height(pg.rowHeight(cols, r))
	}
}

// note writes a paragraph in the note style over every column.
func (pg *packPage) note(text string) {
	pg.next()
	pg.set(1, pg.last(), text, pg.st.note)
	pg.height(wrappedHeight(text, pg.span(1, pg.last())))
}

// print sets up the printed page: A4, fitted to the page width, with a
// footer naming the document and the page.
func (pg *packPage) print(footer string) error {
	pg.fit()
	if pg.err != nil {
		return pg.err
	}
	return printLayout{landscape: pg.landscape, margins: pg.margins, footer: footer}.setUp(pg.f, pg.name)
}

// packMargins are the audit documents' margins (inches).
var packMargins = margins{side: 0.5, top: 0.6, bottom: 0.6}

// packPrint is how the audit documents' streamed sheets print: A4,
// fitted to the page width, with a footer naming the document and the
// page.
func packPrint(landscape bool, footer string) printLayout {
	return printLayout{landscape: landscape, margins: packMargins, footer: footer}
}
