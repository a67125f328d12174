package certification

import (
	"fmt"
	"testing"
)

// Fold's one pass gives what its definition gives (foldText), and hands
// back folded text as it is.
func TestFoldIsItsDefinition(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "\t\n\v\f\r", "a", "A", "ab cd", "ab  cd", " ab", "ab ", "AB\tCd",
		"Nordlicht GmbH", "already folded text", "ISO 9001:2015 scope — Ünïcode", "x\u00a0y", "x\u0085y",
		"CERT-9001-0042", "  Mixed   CASE\r\nlines  ", "@[`{", "a \tb", "a\t b", "Z",
		"Łódź Böhm", "łódź böhm", "ĞÜŞİÖÇ", "a \u00a0b", "a\u3000", "\u2028x", "bad \xff byte", "\xc3", "x\uFFFDy", "Ǆ ǅ ǆ", "ΣΊΣΥΦΟΣ",
	} {
		if got, want := Fold(s), foldText(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if isFolded(s) != (foldText(s) == s) {
			t.Errorf("isFolded(%q) = %v", s, isFolded(s))
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"", "A b", " x  Y ", "\tq\n", "é È"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldText(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
		if isFolded(s) != (foldText(s) == s) {
			t.Errorf("isFolded(%q) = %v", s, isFolded(s))
		}
	})
}

// BenchmarkFold folds a register row's search text: number, client
// name and scope, in ASCII and with a name that is not.
func BenchmarkFold(b *testing.B) {
	for _, s := range []string{
		"ISO-9001-2024-00417 Nordlicht Logistik AG Warehousing, freight forwarding and contract logistics for retail customers",
		"ISO-9001-2024-00418 Łódzkie Zakłady Böhm Sp. z o.o. Warehousing, freight forwarding and contract logistics for retail customers",
	} {
		b.Run(fmt.Sprint(len(s)), func(b *testing.B) {
			for b.Loop() {
				Fold(s)
			}
		})
	}
}
