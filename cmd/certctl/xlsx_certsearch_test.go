package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestExportCertSearch(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	ok(t, dir, "demo", "--clients", "12", "--seed", "1", "--as-of", "2026-11-25")
	out := filepath.Join(t.TempDir(), "upload")
	r := cli(t, dir, "export", "xlsx", "certsearch", "--as-of", "2026-11-25", "--out", out)
	first := filepath.Join(out, "cb_certs_1.xlsx")
	if r.code != 0 || !strings.Contains(r.stderr, "Wrote "+first) || !strings.Contains(r.stderr, "as of 2026-11-25, in 1 file(s)") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	f := openXLSX(t, first)
	want := []string{"Certified Entity", "Certification", "Certification Sites", "Certification Standard & Scheme", "Certification Sector"}
	if got := f.GetSheetList(); !slices.Equal(got, want) {
		t.Fatalf("sheets %q", got)
	}
	certs, _ := f.GetRows("Certification")
	if len(certs) < 3 || certs[0][0] != "Certification Identity Number" || !strings.HasPrefix(certs[1][0], "certification-") {
		t.Fatalf("certification sheet %q", certs)
	}

	// A file left from an earlier, larger export is removed.
	stale := filepath.Join(out, "cb_certs_2.xlsx")
	if err := os.WriteFile(stale, []byte("old"), 0o666); err != nil {
		t.Fatal(err)
	}
	var written struct {
		Kind    string
		Written []string
	}
	r = cli(t, dir, "--json", "export", "xlsx", "certsearch", "--out", out, "--today", "2026-11-25")
	decodeJSON(t, r.stdout, &written)
	if r.code != 0 || written.Kind != "certsearch" || !slices.Equal(written.Written, []string{first}) || !strings.Contains(r.stderr, "Removed "+stale) {
		t.Fatalf("exit %d %+v\n%s", r.code, written, r.stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale file kept: %v", err)
	}

	// As of a date before any certificate: an upload with headers only.
	ok(t, dir, "export", "xlsx", "certsearch", "--as-of", "2010-01-01", "--out", out)
	if rows, _ := openXLSX(t, first).GetRows("Certification"); len(rows) != 1 {
		t.Errorf("%d rows before any certificate", len(rows))
	}

	fails(t, dir, 2, "--out names a folder", "export", "xlsx", "certsearch", "--out", filepath.Join(out, "upload.xlsx"))
	fails(t, dir, 2, "--as-of", "export", "xlsx", "certsearch", "--as-of", "25.11.2026", "--out", out)
	fails(t, dir, 2, "--out is required", "export", "xlsx", "certsearch")
}

// A certificate whose site address has no country is refused, naming
// it, and nothing is written.
func TestExportCertSearchRefused(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	// The same body, but the client's address was recorded without its
	// country (edited in the interchange file and imported elsewhere).
	doc := filepath.Join(t.TempDir(), "body.json")
	ok(t, dir, "export", "json", "--out", doc)
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	b = bytes.ReplaceAll(b, []byte("20457 Hamburg, Germany"), []byte("20457 Hamburg"))
	if err := os.WriteFile(doc, b, 0o600); err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	ok(t, dir, "import", doc)
	out := filepath.Join(t.TempDir(), "upload")
	fails(t, dir, 2, "certificate CD-42001-2025-00001: sites[0].country", "export", "xlsx", "certsearch", "--out", out, "--as-of", "2025-03-05")
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("a refused upload made %s: %v", out, err)
	}
}

func TestExportDecisionAndAuditTime(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	tmp := t.TempDir()

	dec := filepath.Join(tmp, "decision.xlsx")
	r := cli(t, dir, "--today", "2025-03-10", "export", "xlsx", "decision", "--decision", "1", "--out", dec)
	if r.code != 0 || !strings.Contains(r.stderr, "Wrote "+dec) {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	rows, _ := openXLSX(t, dec).GetRows("Decision")
	text := ""
	for _, row := range rows {
		text += strings.Join(row, "|") + "\n"
	}
	for _, want := range []string{"Certification decision record", "Decision|Grant", "Reasons|File complete", "Dora Decider (decision-maker)",
		"Certificate CD-42001-2025-00001 revision 1 issued 2025-03-05", "Major nonconformities verified|", "Stage 2 (audit 2)", "Major NC #1|8.2"} {
		if !strings.Contains(text, want) {
			t.Errorf("decision record lacks %q:\n%s", want, text)
		}
	}
	fails(t, dir, 2, "there is no decision 9", "export", "xlsx", "decision", "--decision", "9", "--out", filepath.Join(tmp, "none.xlsx"))
	fails(t, dir, 2, "--decision is required", "export", "xlsx", "decision", "--out", filepath.Join(tmp, "none.xlsx"))
	if _, err := os.Stat(filepath.Join(tmp, "none.xlsx")); !os.IsNotExist(err) {
		t.Errorf("a failed export left a file: %v", err)
	}

	// The audit time of client 1 (40 personnel, 42001, AI role provider),
	// adjusted: the same flags as certctl audit-time.
	at := filepath.Join(tmp, "audit-time.xlsx")
	ok(t, dir, "--today", "2025-03-10", "export", "xlsx", "audit-time", "--client", "1", "--adjust", "-10:Simple processes", "--out", at)
	rows, _ = openXLSX(t, at).GetRows("Audit time")
	text = ""
	for _, row := range rows {
		text += strings.Join(row, "|") + "\n"
	}
	for _, want := range []string{"Audit time justification", "prepared 2025-03-10", "Client|Acme AI GmbH · client 1", "AI roles|provider",
		"ISO/IEC 42001:2023|Down|−10 %|Simple processes", "Justification"} {
		if !strings.Contains(text, want) {
			t.Errorf("audit time lacks %q:\n%s", want, text)
		}
	}
	// From figures alone, and a refused input names the flag.
	ok(t, dir, "export", "xlsx", "audit-time", "--personnel", "40.5", "--standard", "9001", "--out", filepath.Join(tmp, "figures.xlsx"))
	fails(t, dir, 2, "--adjust", "export", "xlsx", "audit-time", "--personnel", "40", "--adjust", "-40:Too much", "--out", filepath.Join(tmp, "bad.xlsx"))
	fails(t, dir, 2, "--personnel is required", "export", "xlsx", "audit-time", "--out", filepath.Join(tmp, "bad.xlsx"))
	if _, err := os.Stat(filepath.Join(tmp, "bad.xlsx")); !os.IsNotExist(err) {
		t.Errorf("a refused calculation left a file: %v", err)
	}
}
