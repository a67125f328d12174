package document_test

import (
	"path/filepath"
	"testing"

	"certdesk/certification"
	"certdesk/certification/document"
)

// An exported evidence file's name: the id first, nothing that leaves
// the folder or a file system refuses.
func TestEvidenceFileName(t *testing.T) {
	for name, want := range map[string]string{
		"scan.pdf":              "42 scan.pdf",
		"../../etc/passwd":      "42 _._etc_passwd",
		`..\..\boot.ini`:        "42 _._boot.ini",
		"..":                    "42 file",
		"":                      "42 file",
		" .hidden. ":            "42 hidden",
		"a:b*c?\"d<e>f|g\t":     "42 a_b_c__d_e_f_g_",
		"Prüfbericht 2025.docx": "42 Prüfbericht 2025.docx",
	} {
		got := document.EvidenceFileName(certification.Evidence{ID: 42, FileName: name})
		if got != want {
			t.Errorf("%q: %q, want %q", name, got, want)
		}
		if filepath.Base(got) != got || got == ".." {
			t.Errorf("%q: %q is not a plain file name", name, got)
		}
	}
}
