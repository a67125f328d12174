package main

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"certdesk/certification"
)

// An audit report exported with its two evidence files beside it (both
// named "scan.pdf" when attached), read back: the same bytes, the same
// SHA-256 as the report's Evidence sheet; --evidence-dir chooses the
// folder; a different file in the way refuses the export (exit 2)
// before the workbook is written.
func TestExportAuditReportWritesItsEvidence(t *testing.T) {
	dir, fx := fixtureFolder(t)
	as := []string{"--today", fx.AsOf.String(), "--as", fx.Lead.String()}
	audit := fx.Integrated42001.String()
	src := t.TempDir()
	contents := [][]byte{[]byte("%PDF-1.7 the AI policy"), []byte("%PDF-1.7 the management review minutes")}
	var ids []certification.ID
	for i, ref := range []string{"4.1", "5.2"} {
		sub := filepath.Join(src, ref)
		if err := os.Mkdir(sub, 0o755); err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(sub, "scan.pdf")
		if err := os.WriteFile(file, contents[i], 0o644); err != nil {
			t.Fatal(err)
		}
		var added struct{ Evidence certification.Evidence }
		decodeJSON(t, ok(t, dir, append(as, "--json", "evidence", "add", audit, file, "--ref", ref)...), &added)
		ids = append(ids, added.Evidence.ID)
	}

	out := t.TempDir()
	report := filepath.Join(out, "report.xlsx")
	var res struct {
		Kind    string
		Written []string
	}
	decodeJSON(t, ok(t, dir, "--today", fx.AsOf.String(), "--json", "export", "xlsx", "audit-report", "--audit", audit, "--out", report), &res)
	evDir := filepath.Join(out, "report evidence")
	want := []string{report, filepath.Join(evDir, ids[0].String()+" scan.pdf"), filepath.Join(evDir, ids[1].String()+" scan.pdf")}
	if !slices.Equal(res.Written, want) {
		t.Fatalf("written %q, want %q", res.Written, want)
	}
	f := openXLSX(t, report)
	sheet, _ := f.GetRows("Evidence")
	for i, c := range contents {
		got, err := os.ReadFile(want[i+1])
		if err != nil || !bytes.Equal(got, c) {
			t.Errorf("%s: %q (%v), want %q", want[i+1], got, err, c)
		}
		hash := certification.ContentHash(got)
		if !slices.ContainsFunc(sheet, func(r []string) bool { return slices.Contains(r, hash) }) {
			t.Errorf("%s hashes to %s, not on the report's Evidence sheet", want[i+1], hash)
		}
	}

	// Another folder, chosen.
	chosen := filepath.Join(t.TempDir(), "files")
	ok(t, dir, "export", "xlsx", "audit-report", "--audit", audit, "--out", report, "--evidence-dir", chosen)
	if got, err := os.ReadFile(filepath.Join(chosen, ids[1].String()+" scan.pdf")); err != nil || !bytes.Equal(got, contents[1]) {
		t.Errorf("--evidence-dir: %q (%v)", got, err)
	}

	// A different file in the way: refused, nothing written.
	if err := os.WriteFile(want[2], []byte("my notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(out, "other.xlsx")
	fails(t, dir, 2, "a different file of that name is already there", "export", "xlsx", "audit-report", "--audit", audit, "--out", other, "--evidence-dir", evDir)
	if _, err := os.Stat(other); !os.IsNotExist(err) {
		t.Errorf("the refused export wrote the workbook (%v)", err)
	}
	if got, _ := os.ReadFile(want[2]); string(got) != "my notes" {
		t.Errorf("the file in the way was replaced: %q", got)
	}
	// No evidence: the workbook only.
	fails(t, dir, 2, "exclude each other", "export", "xlsx", "audit-report", "--audit", audit, "--out", other, "--evidence-dir", evDir, "--no-evidence")
	ok(t, dir, "export", "xlsx", "audit-report", "--audit", audit, "--out", other, "--no-evidence")
	if _, err := os.Stat(filepath.Join(out, "other evidence")); !os.IsNotExist(err) {
		t.Errorf("--no-evidence made the folder (%v)", err)
	}
}
