package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
)

// editXLSX changes a workbook as a client (or a slip) would, writing it
// to a new file.
func editXLSX(t *testing.T, in, out string, edit func(f *excelize.File)) string {
	t.Helper()
	f, err := excelize.OpenFile(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	edit(f)
	if err := f.SaveAs(out); err != nil {
		t.Fatal(err)
	}
	return out
}

func storedFinding(t *testing.T, dir string, id certification.ID) (x certification.Finding) {
	t.Helper()
	withData(t, dir, 0, func(svc *certification.Service) {
		if err := svc.View(context.Background(), func(tx certification.Tx) error { return tx.Get(id, &x) }); err != nil {
			t.Fatal(err)
		}
	})
	return x
}

func TestResponseWorkbookRoundTrip(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	walkThrough(t, dir) // audit 2 (stage 2) closed with major finding 1
	tmp := t.TempDir()
	form := filepath.Join(tmp, "form.xlsx")
	today := []string{"--today", "2025-02-20"}
	out := ok(t, dir, append(today, "export", "xlsx", "responses", "--client", "1", "--audit", "2", "--out", form)...)
	if out != "" {
		t.Errorf("export printed %q", out)
	}
	// The client fills the form in.
	filled := editXLSX(t, form, filepath.Join(tmp, "filled.xlsx"), func(f *excelize.File) {
		f.SetCellValue("Findings", "J6", "The model change was not treated as a change under 6.3")
		f.SetCellValue("Findings", "K6", "Risk assessment of the new model done")
		f.SetCellValue("Findings", "L6", time.Date(2025, 2, 18, 0, 0, 0, 0, time.UTC))
		f.SetCellValue("Findings", "M6", "Model changes trigger a risk assessment")
		f.SetCellValue("Findings", "N6", "2025-04-30")
		f.SetCellValue("Findings", "O6", "Jane Roe, CTO")
		f.SetCellValue("Findings", "P6", "2025-02-19")
	})
	snapshot := func() string { return ok(t, dir, "export", "json") }
	before := snapshot()

	// Preview: what will change, nothing written.
	out = ok(t, dir, append(today, "import-responses", filled)...)
	for _, want := range []string{"Response form of Acme AI GmbH (client 1), written 2025-02-20, for audit 2", "Major NC", "new", "first response", "1 response(s) to record: run again with --apply"} {
		if !strings.Contains(out, want) {
			t.Errorf("preview lacks %q:\n%s", want, out)
		}
	}
	var pj struct {
		Preview struct {
			ClientID int `json:"client_id"`
			Pending  int
			Changes  []struct {
				FindingID int `json:"finding_id"`
				Change    string
				Cell      string
				After     struct {
					ActionDate string `json:"action_date"`
				}
			}
		}
		Applied bool
	}
	decodeJSON(t, ok(t, dir, append(today, "import-responses", filled, "--json")...), &pj)
	if pj.Applied || pj.Preview.Pending != 1 || len(pj.Preview.Changes) != 1 || pj.Preview.Changes[0].Change != "new" || pj.Preview.Changes[0].Cell != "Findings!A6" ||
		pj.Preview.Changes[0].After.ActionDate != "2025-04-30" {
		t.Errorf("JSON preview %+v", pj)
	}
	if snapshot() != before {
		t.Fatal("the preview wrote")
	}

	// Refusals, each naming the cell, each leaving the data as it was.
	otherBook := excelize.NewFile()
	other := filepath.Join(tmp, "other.xlsx")
	otherBook.SaveAs(other)
	otherBook.Close()
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"another audit", []string{"import-responses", filled, "--audit", "1"}, 1, "Instructions!B5: this workbook is the response form for audit 2, not for audit 1"},
		{"another client", []string{"import-responses", filled, "--client", "7"}, 1, "Instructions!B4: this workbook is the response form of client 1"},
		{"locked column changed", []string{"import-responses", editXLSX(t, filled, filepath.Join(tmp, "locked.xlsx"), func(f *excelize.File) {
			f.SetCellValue("Findings", "G6", "Nothing was wrong")
		})}, 1, "Findings!G6: this locked column was changed in the workbook"},
		{"deadline changed", []string{"import-responses", editXLSX(t, filled, filepath.Join(tmp, "due.xlsx"), func(f *excelize.File) {
			f.SetCellValue("Findings", "H6", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC))
		})}, 1, "Findings!H6: this locked column was changed"},
		{"bad date", []string{"import-responses", editXLSX(t, filled, filepath.Join(tmp, "date.xlsx"), func(f *excelize.File) {
			f.SetCellValue("Findings", "N6", "31/02/2027")
		})}, 1, `Findings!N6: "31/02/2027" is not a date: write YYYY-MM-DD or use a date cell`},
		{"date before the finding", []string{"import-responses", editXLSX(t, filled, filepath.Join(tmp, "early.xlsx"), func(f *excelize.File) {
			f.SetCellValue("Findings", "L6", "2025-01-02")
		})}, 1, "Findings!L6: 2025-01-02 is before the finding was raised (2025-02-11)"},
		{"missing root cause", []string{"import-responses", editXLSX(t, filled, filepath.Join(tmp, "root.xlsx"), func(f *excelize.File) {
			f.SetCellValue("Findings", "J6", "   ")
		})}, 1, "Findings!J6: write the root cause"},
		{"not a response form", []string{"import-responses", other}, 1, "not a CertDesk response form"},
		{"not a workbook", []string{"import-responses", filepath.Join(tmp, "missing.xlsx")}, 2, "no such file"},
		{"apply needs --as", []string{"import-responses", filled, "--apply"}, 2, "say who you are"},
		{"apply with a problem", []string{"--as", "Lena Lead", "import-responses", filepath.Join(tmp, "date.xlsx"), "--apply"}, 1, "nothing was written"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := fails(t, dir, c.code, c.want, append(today, c.args...)...)
			if c.code == 1 && !strings.Contains(r.stderr, "refused by rule response-form") {
				t.Errorf("stderr %q", r.stderr)
			}
			if snapshot() != before {
				t.Fatal("a refused import changed the data")
			}
		})
	}

	// Apply: one transaction, the stored response equals the workbook's.
	out = ok(t, dir, append(today, "--as", "Lena Lead", "import-responses", filled, "--apply")...)
	if !strings.Contains(out, "Recorded 1 response(s) in one transaction") {
		t.Errorf("apply printed %q", out)
	}
	x := storedFinding(t, dir, 1)
	want := certification.Response{RootCause: "The model change was not treated as a change under 6.3", Correction: "Risk assessment of the new model done",
		CorrectiveAction: "Model changes trigger a risk assessment", CorrectionDate: certification.NewDate(2025, 2, 18), ActionDate: certification.NewDate(2025, 4, 30),
		Received: certification.NewDate(2025, 2, 19)}
	if x.Response == nil || *x.Response != want || x.Status() != certification.FindingResponded {
		t.Fatalf("stored response %+v", x.Response)
	}
	journal := ok(t, dir, "journal")
	if !strings.Contains(journal, "import-responses") || !strings.Contains(journal, "Jane Roe, CTO") {
		t.Errorf("journal:\n%s", journal)
	}
	// The same workbook again changes nothing.
	after := snapshot()
	out = ok(t, dir, append(today, "--as", "Lena Lead", "import-responses", filled, "--apply")...)
	if !strings.Contains(out, "unchanged") || !strings.Contains(out, "Nothing to record") || snapshot() != after {
		t.Errorf("second import: %s", out)
	}
}

func TestResponseWorkbookExportRefusals(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	out := filepath.Join(t.TempDir(), "f.xlsx")
	fails(t, dir, 2, "--client is required", "export", "xlsx", "responses", "--out", out)
	fails(t, dir, 2, "there is no client 9", "export", "xlsx", "responses", "--client", "9", "--out", out)
	fails(t, dir, 2, "audit 1 of client 1 (Acme AI GmbH) has no nonconformity awaiting a response", "export", "xlsx", "responses", "--client", "1", "--audit", "1", "--out", out)
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a refused export left a file")
	}
	// Every open finding of the client: the same form as for audit 2 here.
	ok(t, dir, "--today", "2025-02-20", "export", "xlsx", "responses", "--client", "1", "--out", out)
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Findings", "G6"); v != "No assessment since the model change" {
		t.Errorf("G6 %q", v)
	}
	if v, _ := f.GetCellValue("Form", "B5"); v != "0" {
		t.Errorf("audit scope %q", v)
	}
}
