package xlsx

import (
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
)

func TestStreamedSheetReadsBack(t *testing.T) {
	b, err := New(Meta{Title: "Test register", Body: "CertDesk Certification", AsOf: certification.NewDate(2026, 11, 25)})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	s, err := b.Stream("Register", []Column{{"Client", 30, Text}, {"Due", 12, Date}, {"Days", 8, Number}, {"Open", 8, Text}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Row(Overdue, "Acme AI GmbH", certification.NewDate(2026, 11, 1), 2.5, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Row(Plain, "Beta Bank AG", certification.Date(0), 1.0, false); err != nil {
		t.Fatal(err)
	}
	if err := s.Row(Plain, "too", "many", 1, 2, 3); err == nil {
		t.Error("a row with more values than columns was written")
	}
	if err := s.Close("Register"); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 1 || got[0] != "Register" {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows("Register")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 || rows[0][0] != "Test register" || rows[3][0] != "Client" || rows[4][0] != "Acme AI GmbH" || rows[4][3] != "Yes" {
		t.Fatalf("rows %q", rows)
	}
	if rows[4][1] != "2026-11-01" {
		t.Errorf("date shown as %q, want 2026-11-01", rows[4][1])
	}
	// A date cell holds a date serial, not text.
	raw, err := f.GetCellValue("Register", "B5", excelize.Options{RawCellValue: true})
	if err != nil || raw != "46327" {
		t.Errorf("B5 raw value %q (%v), want the serial 46327", raw, err)
	}
	if typ, _ := f.GetCellType("Register", "B5"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Error("the date is stored as a string")
	}
	tables, err := f.GetTables("Register")
	if err != nil || len(tables) != 1 || tables[0].Range != "A4:D6" {
		t.Fatalf("tables %+v %v", tables, err)
	}
	panes, err := f.GetPanes("Register")
	if err != nil || !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("panes %+v %v", panes, err)
	}
}

// readPage writes a one-sheet workbook with write and reads it back: the
// file, the rows of its sheet (which must be the only one, named sheet)
// and the text of a cell by row and column (1-based; "" past the rows).
func readPage(t *testing.T, sheet string, write func(w io.Writer) error) (*excelize.File, [][]string, func(row, col int) string) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	f := csOpen(t, buf.Bytes())
	if got := f.GetSheetList(); !slices.Equal(got, []string{sheet}) {
		t.Fatalf("sheets %q", got)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return f, rows, func(row, col int) string {
		if row-1 < len(rows) && col-1 < len(rows[row-1]) {
			return rows[row-1][col-1]
		}
		return ""
	}
}
