package xlsx

import "strings"

// A spreadsheet does not grow the rows of a written file to fit wrapped
// text (LibreOffice leaves them one line high, the text running over the
// rows below), so every sheet sets the height of rows holding wrapped
// text from the estimate here: the text wrapped word by word with
// Calibri's character widths. Each sheet gives the width of its lines,
// with the margin it keeps so that no line is cut.

// calibriASCII are Calibri's advance widths of the ASCII characters, in
// em (rounded from the font's metrics); characters not listed
// count as calibriOther.
var calibriASCII = func() (g [128]float64) {
	for i := range g {
		g[i] = calibriOther
	}
	for r := '0'; r <= '9'; r++ {
		g[r] = 0.507
	}
	for i, w := range []float64{0.479, 0.525, 0.423, 0.525, 0.498, 0.305, 0.471, 0.525, 0.229, 0.239, 0.455, 0.229, 0.799,
		0.525, 0.527, 0.525, 0.525, 0.349, 0.391, 0.335, 0.525, 0.452, 0.715, 0.433, 0.453, 0.395} {
		g['a'+i] = w
	}
	for i, w := range []float64{0.579, 0.544, 0.533, 0.615, 0.488, 0.459, 0.631, 0.623, 0.252, 0.319, 0.520, 0.420, 0.855,
		0.646, 0.662, 0.517, 0.673, 0.543, 0.459, 0.487, 0.642, 0.567, 0.890, 0.519, 0.487, 0.468} {
		g['A'+i] = w
	}
	for r, w := range map[rune]float64{' ': 0.226, '.': 0.252, ',': 0.250, ':': 0.268, ';': 0.268, '!': 0.26, '|': 0.26,
		'-': 0.306, '(': 0.303, ')': 0.303, '[': 0.35, ']': 0.35, '/': 0.386, '\'': 0.221, '"': 0.401,
		'%': 0.715, '&': 0.682, '#': 0.498, '=': 0.498, '+': 0.507, '@': 0.899} {
		g[r] = w
	}
	return g
}()

// calibriOther is the width of a character not listed: an average
// capital's, so that unknown text rather takes a line too many.
const calibriOther = 0.537

// calibriEm is the width of a character in Calibri, in em.
func calibriEm(r rune) float64 {
	if r < 128 {
		return calibriASCII[r]
	}
	switch r {
	case '–', '×', '−':
		return 0.507
	case '—', '…':
		return 0.89
	case '·':
		return 0.252
	case '•':
		return 0.35
	case 'ı':
		return 0.229
	case '→':
		return 0.61
	case 'ä', 'ö', 'ü', 'é', 'è', 'á', 'ó', 'ł', 'ś', 'ć', 'ń', 'ż', 'ź', 'ą', 'ę':
		return 0.52
	case 'Ä', 'Ö', 'Ü', 'É':
		return 0.63
	case 'ß':
		return 0.54
	}
	return calibriOther
}

// textEm is the width of s in Calibri, in em.
func textEm(s string) float64 {
	w := 0.0
	for _, r := range s {
		if r < 128 {
			w += calibriASCII[r]
		} else {
			w += calibriEm(r)
		}
	}
	return w
}

// wrappedLines estimates how many lines text takes in a cell whose lines
// hold avail em of text, wrapped as Excel and LibreOffice wrap: each
// newline starts a line, a word that does not fit on the line starts the
// next, and a word longer than a line breaks anywhere. Counting stops
// past most lines (0: no limit).
func wrappedLines(text string, avail float64, most int) int {
	// No glyph is wider than an em: a short line needs no wrapping.
	if float64(len(text)) <= avail && !strings.Contains(text, "\n") {
		return 1
	}
	space := calibriASCII[' ']
	lines := 0
	for para := range strings.SplitSeq(text, "\n") {
		lines++
		at := 0.0
		for word := range strings.FieldsSeq(para) {
			w := textEm(word)
			switch {
			case at == 0:
				at = w
			case at+space+w <= avail:
				at += space + w
			default:
				lines++
				at = w
			}
			for at > avail && avail > 0 {
				lines++
				at -= avail
			}
		}
		if most > 0 && lines > most {
			break
		}
	}
	return lines
}

// wrappedHeight estimates the height in points of text wrapped in a
// cell width characters wide (Excel's unit: the width of a digit, 7
// pixels, a column adding 5 pixels of margin); a line of Calibri 11 (14.67
// pixels an em) takes 15 points. 1 % is kept spare for rounding.
func wrappedHeight(text string, width float64) float64 {
	return max(15, 15*float64(wrappedLines(text, (width*7+5-7)/14.67/1.01, 0)))
}
