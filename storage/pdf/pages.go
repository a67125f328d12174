package pdf

// The page engine of the long documents (the audit report and plan): a
// running header and a "page N of M" footer, section headings kept with
// what follows, label–value rows, wrapped paragraphs and tables whose
// rows break across pages line by line, the header row repeated. Every
// label goes through the document's message.Printer.

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/message"
)

// doc is a long document being written.
type doc struct {
	f *fpdf.Fpdf
	p *message.Printer
	// words are the domain's words (kinds, grades, results…) in the
	// document's language, by their English (domainWords).
	words map[string]string
	// sentences are the objectives and criteria the domain writes, in
	// the document's language (sentences).
	sentences map[string]string
}

// lineH is the height of a line of body text (9 pt).
const lineH = 4.6

// newDoc starts an A4 document whose pages carry running (the document
// and its subject) at the top, mark across them when set ("DRAFT"), and
// "page N of M" at the bottom.
func newDoc(title, running, mark string, on time.Time, lang string) (*doc, error) {
	f, err := newA4(title, on)
	if err != nil {
		return nil, err
	}
	d := &doc{f: f, p: printer(lang), words: domainWords[lang], sentences: sentences[lang]}
	f.SetAutoPageBreak(true, 20)
	f.AliasNbPages("{nb}")
	f.SetHeaderFunc(func() {
		if mark != "" {
			watermark(f, mark)
		}
		f.SetFont(Font, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.SetXY(20, 9)
		f.CellFormat(0, 4, running, "B", 1, "L", false, 0, "")
		f.SetTextColor(0, 0, 0)
		f.SetY(18)
	})
	f.SetFooterFunc(func() {
		f.SetY(-13)
		f.SetFont(Font, "", 7.5)
		f.SetTextColor(90, 90, 90)
		f.CellFormat(0, 4, d.p.Sprintf("Page %s of %s", strconv.Itoa(f.PageNo()), "{nb}"), "T", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return d, nil
}

// t is a label of the code in the document's language (its English is
// the catalogue's key).
func (d *doc) t(label string) string { return d.p.Sprintf(label) }

// v is a word the domain gives (an audit kind's label, a grade, a
// result…) in the document's language; anything else — a clause title,
// a recorded text — prints as it is, never read as a format.
func (d *doc) v(word string) string {
	if w, ok := d.words[word]; ok {
		return w
	}
	return word
}

// room makes sure h mm are left on the page, else starts a new one.
func (d *doc) room(h float64) {
	_, ph := d.f.GetPageSize()
	_, _, _, bottom := d.f.GetMargins()
	if d.f.GetY()+h > ph-max(bottom, 20) {
		d.f.AddPage()
	}
}

// title is the document's title line.
func (d *doc) title(text string) {
	d.f.SetFont(Font, "B", 17)
	d.f.MultiCell(0, 8, text, "", "L", false)
	d.f.Ln(2)
}

// section starts a numbered section, kept with 25 mm of what follows.
func (d *doc) section(text string) {
	d.f.Ln(3)
	d.room(25)
	d.f.SetFont(Font, "B", 12)
	d.f.SetFillColor(230, 236, 244)
	d.f.CellFormat(0, 7, text, "", 1, "L", true, 0, "")
	d.f.Ln(1.5)
}

// sub is a heading inside a section (bold, 9.5 pt).
func (d *doc) sub(text string) {
	d.room(14)
	d.f.SetFont(Font, "B", 9.5)
	d.f.MultiCell(0, lineH+0.4, text, "", "L", false)
}

// para is wrapped body text; empty text prints nothing.
func (d *doc) para(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	d.f.SetFont(Font, "", 9)
	d.f.MultiCell(0, lineH, text, "", "L", false)
	d.f.Ln(1)
}

// bullets lists items, each wrapped with a hanging indent.
func (d *doc) bullets(items []string) {
	d.f.SetFont(Font, "", 9)
	for _, it := range items {
		d.room(lineH)
		x := d.f.GetX()
		d.f.CellFormat(5, lineH, "•", "", 0, "L", false, 0, "")
		d.f.MultiCell(0, lineH, it, "", "L", false)
		d.f.SetX(x)
	}
	d.f.Ln(1)
}

// labelW and valueW are the widths (mm) of a field's label and value.
const labelW, valueW = 47, 120

// fields prints label–value rows, both wrapped; an empty value prints "—".
func (d *doc) fields(rows [][2]string) {
	f := d.f
	for _, r := range rows {
		v := r[1]
		if strings.TrimSpace(v) == "" {
			v = "—"
		}
		h := d.fieldHeight(r[0], v)
		if h < 60 { // a long value may break over pages; a short one not
			d.room(h)
		} else {
			d.room(3 * lineH)
		}
		x, y := f.GetX(), f.GetY()
		f.SetTextColor(80, 80, 80)
		f.MultiCell(labelW, lineH, r[0], "", "L", false)
		f.SetTextColor(0, 0, 0)
		yl, page := f.GetY(), f.PageNo()
		f.SetXY(x+labelW+3, y)
		f.MultiCell(valueW, lineH, v, "", "L", false)
		if f.PageNo() == page {
			f.SetY(max(yl, f.GetY()))
		}
		f.SetX(x)
	}
	f.Ln(1.5)
}

// fieldHeight is the height of a label–value row (9 pt).
func (d *doc) fieldHeight(label, value string) float64 {
	d.f.SetFont(Font, "", 9)
	lines := splitAll(d.f, []string{label, value}, []float64{labelW + 2.5, valueW + 2.5})
	return float64(max(len(lines[0]), len(lines[1]))) * lineH
}

// keep makes room for rows printed by fields (up to 90 mm), and for
// extra mm above them, so that a short block is not split over pages.
func (d *doc) keep(extra float64, rows [][2]string) {
	h := extra
	for _, r := range rows {
		h += d.fieldHeight(r[0], r[1])
	}
	d.room(min(h, 90))
}

// finish returns the document's error, named for what it is.
func (d *doc) finish(what string) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %s: %w", what, err)
	}
	return nil
}
