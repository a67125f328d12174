package pdf

// Tables of the long documents: rows that break across pages line by
// line, the header row repeated on each page.

import (
	"strings"

	"codeberg.org/go-pdf/fpdf"
)

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
