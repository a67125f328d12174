package certification

import "testing"

// Fold's ASCII pass gives what folding any text gives (foldText).
func TestFoldASCIIPass(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "\t\n\v\f\r", "a", "A", "ab cd", "ab  cd", " ab", "ab ", "AB\tCd",
		"Nordlicht GmbH", "already folded text", "ISO 9001:2015 scope — Ünïcode", "x\u00a0y", "x\u0085y",
		"CERT-9001-0042", "  Mixed   CASE\r\nlines  ", "@[`{", "a \tb", "a\t b", "Z",
	} {
		if got, want := Fold(s), foldText(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
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
	})
}

// BenchmarkFold folds a register row's search text: number, client
// name and scope.
func BenchmarkFold(b *testing.B) {
	s := "ISO-9001-2024-00417 Nordlicht Logistik AG Warehousing, freight forwarding and contract logistics for retail customers"
	for b.Loop() {
		Fold(s)
	}
}
