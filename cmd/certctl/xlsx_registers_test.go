package main

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

// regCounts opens the data folder (certctl has closed it) and counts the
// rows of each register as of a date, through the domain's queries.
func regCounts(t *testing.T, dir string, asOf certification.Date) (counts map[string]int) {
	t.Helper()
	withData(t, dir, asOf, func(svc *certification.Service) {
		ctx := context.Background()
		pr, err := document.NewProgrammeRegister(ctx, svc, asOf)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := document.NewFindingsRegister(ctx, svc, asOf)
		if err != nil {
			t.Fatal(err)
		}
		cr, err := document.NewCertificateRegister(ctx, svc, asOf)
		if err != nil {
			t.Fatal(err)
		}
		counts = map[string]int{"programme": len(pr.Rows), "findings": len(fr.Rows), "certificates": len(cr.Rows)}
	})
	return counts
}

// regOpen reads a written register back: its one sheet, the as-of date
// in the title block, the header's first cell and the data rows.
func regOpen(t *testing.T, path string) (sheet, subtitle, first string, rows int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) != 1 {
		t.Fatalf("%s: sheets %q", path, sheets)
	}
	all, err := f.GetRows(sheets[0])
	if err != nil || len(all) < 4 {
		t.Fatalf("%s: %d rows (%v)", path, len(all), err)
	}
	tables, err := f.GetTables(sheets[0])
	if err != nil || len(tables) != 1 || !strings.HasSuffix(tables[0].Range, strconv.Itoa(len(all))) {
		t.Errorf("%s: tables %+v (%v) for %d rows", path, tables, err, len(all))
	}
	return sheets[0], all[1][0], all[3][0], len(all) - 4
}

func TestExportRegisters(t *testing.T) {
	cleanEnv(t)
	dir, out := t.TempDir(), t.TempDir()
	ok(t, dir, "demo", "--clients", "20", "--as-of", "2026-11-25")
	today := certification.NewDate(2026, 11, 25)
	want := regCounts(t, dir, today)
	for _, k := range []struct{ kind, sheet, first string }{
		{"programme", "Programme", "Client"},
		{"findings", "Findings", "Client"},
		{"certificates", "Certificates", "Certificate"},
	} {
		path := filepath.Join(out, k.kind+".xlsx")
		r := cli(t, dir, "--today", "2026-11-25", "export", "xlsx", k.kind, "--out", path)
		if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "Wrote "+path) {
			t.Fatalf("export xlsx %s: exit %d, stdout %q, stderr %q", k.kind, r.code, r.stdout, r.stderr)
		}
		sheet, sub, first, rows := regOpen(t, path)
		if sheet != k.sheet || first != k.first || !strings.Contains(sub, "as of 2026-11-25") {
			t.Errorf("%s: sheet %q, header %q, subtitle %q", k.kind, sheet, first, sub)
		}
		if rows != want[k.kind] || rows == 0 {
			t.Errorf("%s: %d rows, the register has %d", k.kind, rows, want[k.kind])
		}
	}

	// As of an earlier date: fewer certificates, the date in the title.
	early := filepath.Join(out, "certificates-2022.xlsx")
	s := ok(t, dir, "--json", "--today", "2026-11-25", "export", "xlsx", "certificates", "--as-of", "2022-06-30", "--out", early)
	var js struct {
		Kind    string
		Written []string
	}
	decodeJSON(t, s, &js)
	if js.Kind != "certificates" || len(js.Written) != 1 || js.Written[0] != early {
		t.Errorf("--json: %s", s)
	}
	_, sub, _, rows := regOpen(t, early)
	if n := regCounts(t, dir, certification.NewDate(2022, 6, 30))["certificates"]; rows != n || rows >= want["certificates"] || !strings.Contains(sub, "as of 2022-06-30") {
		t.Errorf("as of 2022-06-30: %d rows (the register has %d, today %d), subtitle %q", rows, n, want["certificates"], sub)
	}

	// Mistakes are input errors, and leave no file behind.
	bad := filepath.Join(out, "bad.xlsx")
	fails(t, dir, exitInput, "--as-of", "export", "xlsx", "findings", "--as-of", "2026-13-01", "--out", bad)
	fails(t, dir, exitInput, "--out is required", "export", "xlsx", "programme")
	if _, err := excelize.OpenFile(bad); err == nil {
		t.Error("a failed export left a file")
	}
}
