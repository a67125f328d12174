package pdf

// The page engine of the long documents (the audit report and plan): a
// running header and a "page N of M" footer, section headings kept with
// what follows, label–value rows, wrapped paragraphs and tables whose
// rows break across pages line by line, the header row repeated. Every
// label goes through the document's message.Printer.

import (
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/text/message"
)

// doc is a long document being written.
type doc struct {
	f *fpdf.Fpdf
	p *message.Printer
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
	d := &doc{f: f, p: printer(lang)}
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
		f.CellFormat(0, 4, d.p.Sprintf("Page %d of %s", f.PageNo(), "{nb}"), "T", 0, "R", false, 0, "")
		f.SetTextColor(0, 0, 0)
	})
	f.AddPage()
	return d, nil
}

// t is a label in the document's language.
func (d *doc) t(label string) string { return d.p.Sprintf(label) }

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

// fields prints label–value rows, both wrapped; an empty value prints "—".
func (d *doc) fields(rows [][2]string) {
	f := d.f
	for _, r := range rows {
		v := r[1]
		if strings.TrimSpace(v) == "" {
			v = "—"
		}
		f.SetFont(Font, "", 9)
		vl := len(splitAll(f, []string{v}, []float64{122})[0])
		f.SetFont(Font, "", 9)
		ll := len(splitAll(f, []string{r[0]}, []float64{50})[0])
		h := float64(max(vl, ll)) * lineH
		if h < 60 { // a long value may break over pages; a short one not
			d.room(h)
		} else {
			d.room(3 * lineH)
		}
		x, y := f.GetX(), f.GetY()
		f.SetTextColor(80, 80, 80)
		f.MultiCell(47, lineH, r[0], "", "L", false)
		f.SetTextColor(0, 0, 0)
		yl, page := f.GetY(), f.PageNo()
		f.SetXY(x+50, y)
		f.MultiCell(120, lineH, v, "", "L", false)
		if f.PageNo() == page {
			f.SetY(max(yl, f.GetY()))
		}
		f.SetX(x)
	}
	f.Ln(1.5)
}

// table prints rows under head in columns of widths (mm), 8.5 pt; a
// row taller than what is left of the page continues on the next, the
// header repeated on each page.
func (d *doc) table(head []string, widths []float64, rows [][]string) {
	f := d.f
	auto, margin := f.GetAutoPageBreak()
	f.SetAutoPageBreak(false, margin)
	defer f.SetAutoPageBreak(auto, margin)
	const lh, pad = 4, 1
	_, ph := f.GetPageSize()
	bottom := ph - 20
	header := func() {
		f.SetFont(Font, "B", 8.5)
		f.SetFillColor(240, 240, 240)
		d.row(widths, splitAll(f, head, widths), 0, maxLines(f, head, widths), lh, pad, true)
		f.SetFont(Font, "", 8.5)
	}
	if f.GetY()+3*lh+2*pad > bottom {
		f.AddPage()
	}
	header()
	for _, r := range rows {
		lines := splitAll(f, r, widths)
		n := 1
		for _, l := range lines {
			n = max(n, len(l))
		}
		for from := 0; from < n; {
			fit := int((bottom - f.GetY() - 2*pad) / lh)
			if fit < min(2, n-from) { // no orphan line: start the row over
				f.AddPage()
				header()
				continue
			}
			k := min(fit, n-from)
			d.row(widths, lines, from, k, lh, pad, false)
			from += k
		}
	}
	f.Ln(2)
}

// row draws lines from..from+k of each cell as one band with borders.
func (d *doc) row(widths []float64, lines [][]string, from, k int, lh, pad float64, fill bool) {
	f := d.f
	x0, y0 := f.GetX(), f.GetY()
	h := float64(k)*lh + 2*pad
	x := x0
	for i, w := range widths {
		f.Rect(x, y0, w, h, map[bool]string{true: "FD", false: "D"}[fill])
		end := min(from+k, len(lines[i]))
		if from < end {
			f.SetXY(x+pad, y0+pad)
			f.MultiCell(w-2*pad, lh, strings.Join(lines[i][from:end], "\n"), "", "L", false)
		}
		x += w
	}
	f.SetXY(x0, y0+h)
}

// splitAll wraps each cell's text to its column (less padding).
func splitAll(f *fpdf.Fpdf, cells []string, widths []float64) [][]string {
	out := make([][]string, len(widths))
	for i := range widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		for _, para := range strings.Split(text, "\n") {
			out[i] = append(out[i], f.SplitText(para, widths[i]-2.5)...)
		}
	}
	return out
}

// maxLines is the most lines a cell of the row wraps to.
func maxLines(f *fpdf.Fpdf, cells []string, widths []float64) int {
	n := 1
	for _, l := range splitAll(f, cells, widths) {
		n = max(n, len(l))
	}
	return n
}

// finish returns the document's error, named for what it is.
func (d *doc) finish(what string) error {
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("pdf: %s: %w", what, err)
	}
	return nil
}
