package xlsx

import (
	"fmt"
	"math"
	"strings"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
)

// printSheet is a packPage written in typed cells (pcell): a title
// block, sections of label–value fields, small tables and wrapped
// paragraphs over the full width, each cell styled by its kind and tone.
// The audit time justification and the decision record are made with
// it; the page, its breaks and its printing are packPage's.
type printSheet struct {
	*packPage
	styles map[printStyleKey]int
	small  int // the style of note, made once
}

type printStyleKey struct {
	kind   Kind
	tone   Tone
	header bool
	bold   bool
	right  bool
}

// pcell is a cell of a printSheet row: a value spanning Span columns
// (0 or 1: one), shown as Kind in Tone, Bold if asked.
type pcell struct {
	V    any
	Span int
	Kind Kind
	Tone Tone
	Bold bool
	// Right aligns text to the right (percentages beside numbers).
	Right bool
}

func ptext(v any, span int) pcell      { return pcell{V: v, Span: span} }
func pwrap(v any, span int) pcell      { return pcell{V: v, Span: span, Kind: Wrap} }
func pnum(v float64) pcell             { return pcell{V: v, Kind: Number} }
func pdate(d certification.Date) pcell { return pcell{V: d, Kind: Date} }

// A4 and the margins printSetup sets, in points.
const (
	psPageW, psPageH       = 595.0, 842.0
	psMarginLR             = 36.0
	psMarginT, psMarginB   = 43.2, 50.4
	psDefaultRow           = 15.0
	psPixelPoints          = 0.75
	psColumnPadding, psDig = 5.0, 7.0
)

// newPrintSheet adds a sheet with the given column widths (characters),
// to be printed on A4 in the orientation ("portrait" or "landscape")
// fitted to the width.
func newPrintSheet(b *Book, name string, widths []float64, orientation string) (*printSheet, error) {
	pg, err := newPackPage(b, nil, name, widths, orientation == "landscape")
	if err != nil {
		return nil, err
	}
	pg.margins = margins{side: psMarginLR / 72, top: psMarginT / 72, bottom: psMarginB / 72}
	// A page holds the rows of the printable height at the scale that
	// fits the width.
	pw, ph := psPageW-2*psMarginLR, psPageH-psMarginT-psMarginB
	if pg.landscape {
		pw, ph = psPageH-2*psMarginLR, psPageW-psMarginT-psMarginB
	}
	sheetW := 0.0
	for _, w := range widths {
		sheetW += (w*psDig + psColumnPadding) * psPixelPoints
	}
	pg.capacity = ph / min(1, pw/sheetW)
	return &printSheet{packPage: pg, styles: map[printStyleKey]int{}}, nil
}

// style is a table cell's style: a light rule under it, the tone's
// colours, the kind's format; header cells are the book's header.
func (p *printSheet) style(k printStyleKey) (int, error) {
	if id, ok := p.styles[k]; ok {
		return id, nil
	}
	if k.header {
		p.styles[k] = p.b.HeaderStyle()
		return p.b.HeaderStyle(), nil
	}
	s := toneStyle(k.kind, k.tone)
	s.Font.Bold = k.bold
	s.Border = []excelize.Border{{Type: "bottom", Color: "D9D9D9", Style: 1}}
	if k.right || k.kind == Number || k.kind == Int {
		s.Alignment.Horizontal, s.Alignment.Indent = "right", 1
	}
	id, err := p.f.NewStyle(s)
	if err != nil {
		return 0, err
	}
	p.styles[k] = id
	return id, nil
}

// put writes a row of cells at the next row; header styles them as a
// table header. The row's height fits its longest wrapped text.
func (p *printSheet) put(header bool, cells ...pcell) error {
	p.next()
	col := 1
	lines := 1
	for _, c := range cells {
		span := max(c.Span, 1)
		last := min(col+span-1, len(p.widths))
		st, err := p.style(printStyleKey{kind: c.Kind, tone: c.Tone, header: header, bold: c.Bold, right: c.Right})
		if err != nil {
			return err
		}
		p.set(col, last, c.V, st)
		if s, ok := cellValue(c.V).(string); ok && (c.Kind == Wrap || header) {
			lines = max(lines, textLines(s, p.pixels(col, last), 11))
		}
		col = last + 1
	}
	if lines > 1 || header {
		h := 15.0*float64(lines) + 1
		if header {
			h = max(h, 20)
		}
		p.height(h)
	}
	return p.err
}

// blank leaves an empty row.
func (p *printSheet) blank() { p.next() }

// textLines estimates how many lines text takes, wrapped at words, in a
// cell px pixels wide at the given font size (points), less 3 pixels of
// padding each side; 2 % is kept spare so that nothing is cut.
func textLines(s string, px, size float64) int {
	return wrappedLines(s, (px-6)*0.98/(size*96/72), 0)
}

// pixels is the width in pixels of columns from..to (1-based).
func (p *printSheet) pixels(from, to int) float64 {
	px := 0.0
	for i := from; i <= to; i++ {
		px += p.widths[i-1]*psDig + psColumnPadding
	}
	return px
}

// title writes the title block: title, then the subtitle in grey.
func (p *printSheet) title(title, sub string) error {
	p.packPage.title(title, sub)
	return p.err
}

// section leaves a blank row and writes a section heading, on the next
// page when the heading, a table header and a few rows would not fit
// (the blank row then opens the page: these documents keep it).
func (p *printSheet) section(text string) error {
	p.keep(psDefaultRow + 20 + 20 + 3*18)
	p.next()
	p.next()
	p.set(1, 0, text, p.b.SectionStyle())
	p.height(20)
	return p.err
}

// field writes a label in the first column and its value over the rest.
func (p *printSheet) field(label string, v any) error {
	c := pwrap(v, len(p.widths)-1)
	switch v.(type) {
	case certification.Date:
		c.Kind = Date
	case float64:
		c.Kind = Number
	case int:
		c.Kind = Int
	}
	return p.put(false, pcell{V: label, Bold: true}, c)
}

// para writes text over the full width, wrapped.
func (p *printSheet) para(text string, tone Tone) error {
	return p.put(false, pcell{V: text, Span: len(p.widths), Kind: Wrap, Tone: tone})
}

// note writes a grey line over the full width.
func (p *printSheet) note(text string) error {
	if p.small == 0 {
		st, err := p.f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 9, Italic: true, Color: "595959"},
			Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
		if err != nil {
			return err
		}
		p.small = st
	}
	p.next()
	p.set(1, len(p.widths), text, p.small)
	if n := textLines(text, p.pixels(1, len(p.widths)), 9); n > 1 {
		p.height(12.5*float64(n) + 2)
	}
	return p.err
}

// printSetup sets up the sheet for printing on A4, fitted to the width,
// with the document's title and page numbers in the footer.
func (p *printSheet) printSetup(footer string) error { return p.print(footer) }

// daysText writes a number of days without trailing zeros.
func daysText(d float64) string {
	if d == math.Trunc(d) {
		return fmt.Sprintf("%.0f", d)
	}
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", d), "0"), ".")
}
