package certification

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold is the normal form of a name for searching: lower case, single
// spaces (strings.Fields of strings.ToLower, joined by one space: what
// foldText spells out). It is one pass, ASCII through a table, and
// returns text that is folded already as it is: the registers fold every
// row's text on each load (10,000 rows on a large body).
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	b := make([]byte, 0, len(s))
	gap := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch foldClass[c] {
			case foldSpace:
				gap = len(b) > 0
				continue
			case foldUpper:
				c += 'a' - 'A'
			}
			if gap {
				b, gap = append(b, ' '), false
			}
			b = append(b, c)
			continue
		}
		// An invalid byte reads as utf8.RuneError and is written as
		// U+FFFD, as strings.ToLower does.
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r = unicode.ToLower(r)
		if unicode.IsSpace(r) {
			gap = len(b) > 0
			continue
		}
		if gap {
			b, gap = append(b, ' '), false
		}
		b = utf8.AppendRune(b, r)
	}
	return string(b)
}

// isFolded reports whether Fold(s) is s: valid UTF-8 in lower case, its
// words one space apart.
func isFolded(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 || unicode.IsSpace(r) || unicode.ToLower(r) != r {
				return false
			}
			i += n
			continue
		}
		switch foldClass[c] {
		case foldUpper:
			return false
		case foldSpace:
			if c != ' ' || i == 0 || i == len(s)-1 {
				return false
			}
			if r, _ := utf8.DecodeRuneInString(s[i+1:]); unicode.IsSpace(r) {
				return false
			}
		}
		i++
	}
	return true
}

// foldText is Fold as its definition reads (the tests hold Fold to it).
func foldText(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }

// What Fold does with each ASCII byte.
const (
	foldPlain = iota // kept
	foldUpper        // lowered
	foldSpace        // a space: runs of them become one between words
)

// foldClass holds the class of each ASCII byte: the spaces are those
// unicode.IsSpace (and so strings.Fields) takes for space.
var foldClass = func() (t [utf8.RuneSelf]byte) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = foldUpper
	}
	for _, c := range "\t\n\v\f\r " {
		t[c] = foldSpace
	}
	return t
}()
