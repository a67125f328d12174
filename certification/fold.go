package certification

import (
	"strings"
	"unicode/utf8"
)

// Fold is the normal form of a name for searching: lower case, single
// spaces. Text in ASCII (most names, numbers and scopes) is folded in one
// pass, and returned as it is when it is folded already: the registers
// fold every row's text on each load (10,000 rows on a large body).
func Fold(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return foldText(s)
		case 'A' <= c && c <= 'Z':
			clean = false
		case asciiSpace(c):
			// One space between two words is already folded.
			if c != ' ' || i == 0 || i == len(s)-1 || s[i+1] == ' ' || asciiSpace(s[i+1]) {
				clean = false
			}
		}
	}
	if clean {
		return s
	}
	b := make([]byte, 0, len(s))
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if asciiSpace(c) {
			gap = len(b) > 0
			continue
		}
		if gap {
			b, gap = append(b, ' '), false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return string(b)
}

// foldText is Fold for any text.
func foldText(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// asciiSpace reports the ASCII characters unicode.IsSpace (and so
// strings.Fields) takes for space.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
