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
		switch foldClass[s[i]] {
		case foldPlain:
		case foldOther:
			return foldText(s)
		case foldSpace:
			// One space between two words is already folded.
			if s[i] != ' ' || i == 0 || i == len(s)-1 || foldClass[s[i+1]] == foldSpace {
				clean = false
			}
		default:
			clean = false
		}
	}
	if clean {
		return s
	}
	b, n := make([]byte, len(s)), 0
	gap := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch foldClass[c] {
		case foldSpace:
			gap = n > 0
			continue
		case foldUpper:
			c += 'a' - 'A'
		}
		if gap {
			b[n], n, gap = ' ', n+1, false
		}
		b[n], n = c, n+1
	}
	return string(b[:n])
}

// foldText is Fold for any text.
func foldText(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// What Fold does with each byte.
const (
	foldPlain = iota // kept
	foldUpper        // lowered
	foldSpace        // a space: runs of them become one between words
	foldOther        // not ASCII: foldText
)

// foldClass holds the class of each byte: the ASCII spaces are those
// unicode.IsSpace (and so strings.Fields) takes for space.
var foldClass = func() (t [256]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = foldUpper
	}
	for _, c := range "\t\n\v\f\r " {
		t[c] = foldSpace
	}
	for c := utf8.RuneSelf; c < 256; c++ {
		t[c] = foldOther
	}
	return t
}()
