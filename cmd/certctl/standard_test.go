package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A CISO Assistant library (ISO/IEC 27001:2013, as the body still
// certifies it) is added with certctl standard add and audited: people
// qualify for it, a client applies for it, its stage 1 records a finding
// on one of its Annex A controls and refuses a control it does not have,
// and the interchange carries it. A wrong file is refused naming its
// line, and 27001 alone no longer says which edition.
func TestStandardFromCISOAssistantLibraryAudited(t *testing.T) {
	cleanEnv(t)
	withKeys(t)
	dir := t.TempDir()
	lib := filepath.Join("..", "..", "storage", "cisoassistant", "testdata", "iso27001-2013.yaml")
	ok(t, dir, "person add", "--name", "Lena Lead", "--roles", "lead-auditor,auditor", "--standards", "42001", "--sectors", "33", "--ai-areas", "ai-risk,ai-lifecycle", "--evidence", "Witnessed audit 2024")
	as := []string{"--as", "Lena Lead", "--today", "2025-01-06"}
	out := ok(t, dir, append(as, "standard", "add", lib)...)
	if !strings.Contains(out, "ISO/IEC 27001:2013 added as standard 1: 35 clauses, 114 controls") {
		t.Fatalf("standard add says:\n%s", out)
	}
	list := ok(t, dir, "standard", "list")
	if !strings.Contains(list, "ISO/IEC 27001:2013") || !strings.Contains(list, "iso27001-2013.yaml (CISO Assistant") {
		t.Errorf("standard list:\n%s", list)
	}
	fails(t, dir, exitInput, `"27001" names "ISO/IEC 27001:2022" and "ISO/IEC 27001:2013"`, append(as, "person", "add", "--name", "Ivo", "--roles", "auditor", "--standards", "27001")...)
	ok(t, dir, append(as, "person", "add", "--name", "Iris Infosec", "--roles", "lead-auditor,auditor", "--standards", "ISO/IEC 27001:2013", "--sectors", "33", "--evidence", "ISO 27001 lead auditor course")...)
	ok(t, dir, append(as, "client", "add", "--name", "Acme Cloud GmbH", "--address", "Hafenstraße 1, 20457 Hamburg, Germany", "--personnel", "40", "--sector", "33")...)
	ok(t, dir, append(as, "certification", "add", "--client", "1", "--standard", "ISO/IEC 27001:2013", "--scope", "Cloud hosting")...)
	if out := ok(t, dir, "audit-time", "--client", "1"); !strings.Contains(out, "ISO/IEC 27001:2013  40 personnel") {
		t.Errorf("audit-time of the client certified to the added standard:\n%s", out)
	}
	ok(t, dir, append(as, "audit", "plan", "--certification", "1", "--kind", "stage1", "--start", "2025-01-13", "--end", "2025-01-13", "--lead", "Iris Infosec")...)
	ok(t, dir, append(as, "audit", "confirm", "1")...)
	ok(t, dir, "--as", "Iris Infosec", "--today", "2025-01-13", "audit", "start", "1", "--date", "2025-01-13")
	iris := []string{"--as", "Iris Infosec", "--today", "2025-01-13"}
	ok(t, dir, append(iris, "finding", "add", "--audit", "1", "--grade", "ofi", "--ref", "a.9.2.3",
		"--requirement", "Privileged access reviewed", "--evidence", "Admin list not reviewed since 2023", "--date", "2025-01-13")...)
	fails(t, dir, exitInput, "the lines under A.9.2 are A.9.2.1 to A.9.2.6", append(iris, "finding", "add", "--audit", "1", "--grade", "ofi", "--ref", "A.9.2.9",
		"--requirement", "r", "--evidence", "e", "--date", "2025-01-13")...)
	var list1 struct {
		Findings []struct{ Reference, Standard string }
	}
	decodeJSON(t, ok(t, dir, "--json", "finding", "list"), &list1)
	if f := list1.Findings; len(f) != 1 || f[0].Reference != "A.9.2.3" || f[0].Standard != "ISO/IEC 27001:2013" {
		t.Errorf("findings %+v, want the OFI on A.9.2.3 of ISO/IEC 27001:2013", f)
	}
	export := filepath.Join(t.TempDir(), "body.json")
	ok(t, dir, "export", "json", "--out", export)
	b, err := os.ReadFile(export)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"name": "ISO/IEC 27001:2013"`) || !strings.Contains(string(b), `"ref": "A.9.2.3"`) {
		t.Error("the interchange file does not carry the added standard and its catalogue")
	}
	copyDir := t.TempDir()
	ok(t, copyDir, "import", export)

	bad := filepath.Join(t.TempDir(), "bad.tsv")
	if err := os.WriteFile(bad, []byte("4\tclause\t4 Context\tContext\n4.1\tclaus\t4 Context\tUnderstanding\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fails(t, dir, exitInput, `bad.tsv: line 2: 4.1: the kind "claus" is not clause, control or group`, append(as, "standard", "add", bad, "--name", "ISO 45001:2018")...)
	fails(t, dir, exitInput, "give the standard's name with its edition", append(as, "standard", "add", filepath.Join("..", "..", "assets", "examples", "iso14001-2015.tsv"))...)
}
