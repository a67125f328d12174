package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

// FuzzReadResponseForm feeds the reader hostile workbooks: it must never
// panic, refuse with a RuleError only, and hand back a form whose rows
// and texts are bounded and whose problems name a cell. The seed corpus
// (testdata/fuzz/FuzzReadResponseForm) holds real forms, blank and
// filled; regenerate it with CERTDESK_FUZZ_SEEDS=1 go test -run TestWriteFuzzSeeds.
func FuzzReadResponseForm(f *testing.F) {
	f.Add([]byte("not a workbook"))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		form, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
		if err != nil {
			var re *certification.RuleError
			if !errors.As(err, &re) || re.Rule != certification.RuleResponseForm {
				t.Fatalf("not a refusal: %v", err)
			}
			return
		}
		if len(form.Rows) > document.MaxFormRows {
			t.Fatalf("%d rows", len(form.Rows))
		}
		for _, r := range form.Rows {
			for _, s := range []string{r.RootCause, r.Correction, r.CorrectiveAction, r.RespondedBy} {
				if utf8.RuneCountInString(s) > document.MaxResponseText || !utf8.ValidString(s) {
					t.Fatalf("unchecked text of %d characters", len(s))
				}
			}
		}
		for _, p := range form.Problems {
			if p.Cell == "" || p.Msg == "" {
				t.Fatalf("problem without a cell: %+v", p)
			}
		}
		_ = form.ComputeFingerprint()
	})
}

// TestWriteFuzzSeeds writes the seed corpus from real forms.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("CERTDESK_FUZZ_SEEDS") == "" {
		t.Skip("set CERTDESK_FUZZ_SEEDS=1 to rewrite the seed corpus")
	}
	_, form := richForm(t)
	blank := writeForm(t, form)
	filled := fillForm(t, blank, answerAll)
	bad := fillForm(t, blank, func(f *excelize.File, n int) {
		f.SetCellValue("Findings", "L6", "31/02/2027")
		f.SetCellValue("Findings", "A7", "F-2")
		f.SetCellValue("Findings", "N8", 1e300)
	})
	// A workbook with the form's sheets but no worksheet XML of its own.
	var empty bytes.Buffer
	zw := zip.NewWriter(&empty)
	w, _ := zw.Create("[Content_Types].xml")
	w.Write([]byte(`<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`))
	zw.Close()
	dir := filepath.Join("testdata", "fuzz", "FuzzReadResponseForm")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"blank-form": blank, "filled-form": filled, "bad-cells": bad, "empty-zip": empty.Bytes()} {
		body := fmt.Sprintf("go test fuzz v1\n[]byte(%s)\n", strconv.Quote(string(data)))
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
