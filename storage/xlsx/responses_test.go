package xlsx

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/certification/view"
	"certdesk/storage"
)

var demoAsOf = certification.NewDate(2026, 11, 25)

type fixedClock time.Time

func (c fixedClock) Now() time.Time { return time.Time(c) }

var (
	demoOnce  sync.Once
	demoStore *storage.DB
	demoErr   error
)

// demoDB is a realistic body (demo data, 40 clients) on 2026-11-25 on a
// real in-memory store, generated once for the tests of this package
// (they only read it).
func demoDB(t *testing.T) *storage.DB {
	t.Helper()
	demoOnce.Do(func() {
		demoStore, demoErr = storage.OpenMemory()
		if demoErr == nil {
			_, demoErr = demo.Generate(context.Background(), demoStore, demo.Options{Clients: 40, Seed: 1, AsOf: demoAsOf})
		}
	})
	if demoErr != nil {
		t.Fatal(demoErr)
	}
	return demoStore
}

// demoService is the demo body at 10:00 on its date.
func demoService(t *testing.T) *certification.Service {
	t.Helper()
	return certification.NewService(demoDB(t), fixedClock(demoAsOf.Time().Add(10*time.Hour)))
}

// openForm finds the client with the most findings awaiting a response
// and returns its form.
func openForm(t *testing.T, svc *certification.Service) *document.ResponseForm {
	t.Helper()
	rows, err := view.FindingRows(context.Background(), svc, demoAsOf, true)
	if err != nil {
		t.Fatal(err)
	}
	count := map[certification.ID]int{}
	best := certification.ID(0)
	for _, r := range rows {
		if r.Grade.IsNC() && (r.Status == certification.FindingAwaitingResponse || r.Status == certification.FindingPlanRejected || r.Status == certification.FindingResponded) {
			count[r.ClientID]++
			if count[r.ClientID] > count[best] {
				best = r.ClientID
			}
		}
	}
	if best == 0 {
		t.Fatal("the demo body has no finding awaiting a response")
	}
	form, err := document.NewResponseForm(context.Background(), svc, best, 0, demoAsOf)
	if err != nil {
		t.Fatal(err)
	}
	return form
}

func writeForm(t *testing.T, form *document.ResponseForm) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := (Workbooks{}).WriteResponseForm(context.Background(), &buf, form); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestResponseFormWritesAndReadsBack(t *testing.T) {
	svc := demoService(t)
	form := openForm(t, svc)
	data := writeForm(t, form)
	if os.Getenv("CERTDESK_KEEP_XLSX") != "" {
		os.WriteFile(os.Getenv("CERTDESK_KEEP_XLSX"), data, 0o644)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := strings.Join(f.GetSheetList(), ","); got != "Instructions,Findings,Form" {
		t.Fatalf("sheets %s", got)
	}
	if vis, _ := f.GetSheetVisible("Form"); vis {
		t.Error("the identity sheet is visible")
	}
	// Header and rows.
	rows, err := f.GetRows("Findings")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != formHeaderRow+len(form.Rows) {
		t.Fatalf("%d rows for %d findings", len(rows), len(form.Rows))
	}
	head := rows[formHeaderRow-1]
	for i, c := range formColumns {
		if head[i] != c.title {
			t.Errorf("header %s = %q, want %q", formCol(i), head[i], c.title)
		}
	}
	first := rows[formHeaderRow]
	if first[0] != form.Rows[0].FindingID.String() || first[3] != form.Rows[0].Grade.Label() || first[7] != form.Rows[0].ResponseDue.String() {
		t.Errorf("first row %q", first)
	}
	// The deadline is a date serial, not text.
	cell := "H" + strconv.Itoa(formHeaderRow+1)
	if typ, _ := f.GetCellType("Findings", cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("%s is stored as text", cell)
	}
	if raw, _ := f.GetCellValue("Findings", cell, excelize.Options{RawCellValue: true}); raw != strconv.Itoa(formSerial(form.Rows[0].ResponseDue)) {
		t.Errorf("%s raw %q", cell, raw)
	}
	// Locked and open cells.
	for i, c := range formColumns {
		cell := formCol(i) + strconv.Itoa(formHeaderRow+1)
		id, _ := f.GetCellStyle("Findings", cell)
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		locked := st.Protection == nil || st.Protection.Locked
		if locked == c.open {
			t.Errorf("%s (%s): locked %v", cell, c.title, locked)
		}
	}
	// Overdue deadlines are red.
	for n, r := range form.Rows {
		if !r.Overdue {
			continue
		}
		id, _ := f.GetCellStyle("Findings", "H"+strconv.Itoa(formHeaderRow+1+n))
		st, _ := f.GetStyle(id)
		if len(st.Fill.Color) == 0 || st.Fill.Color[0] != palette[Overdue].fill {
			t.Errorf("overdue deadline of row %d not red: %+v", n, st.Fill)
		}
	}
	// Table, validations, protection, identity.
	if tables, err := f.GetTables("Findings"); err != nil || len(tables) != 1 || tables[0].Range != "A5:P"+strconv.Itoa(formHeaderRow+len(form.Rows)) {
		t.Errorf("tables %+v %v", tables, err)
	}
	dvs, err := f.GetDataValidations("Findings")
	if err != nil || len(dvs) < 7 {
		t.Fatalf("validations %d %v", len(dvs), err)
	}
	types := map[string]int{}
	for _, dv := range dvs {
		types[dv.Type]++
		if !dv.ShowInputMessage || dv.Prompt == nil || *dv.Prompt == "" {
			t.Errorf("validation %s without an input message", dv.Sqref)
		}
	}
	if types["textLength"] != 4 || types["date"] < 3 {
		t.Errorf("validation types %v", types)
	}
	ws := string(sheetXML(t, data, "xl/worksheets/sheet2.xml"))
	if !strings.Contains(ws, "<sheetProtection") || !strings.Contains(ws, `password=`) {
		t.Error("the Findings sheet is not protected with a password")
	}
	if wb := string(sheetXML(t, data, "xl/workbook.xml")); !strings.Contains(wb, `state="veryHidden"`) || !strings.Contains(wb, "lockStructure") {
		t.Error("identity not very hidden or structure not locked")
	}
	if v, _ := f.GetCellValue("Form", "B8"); v != form.Fingerprint {
		t.Errorf("fingerprint %q", v)
	}

	// Read back untouched: the same form.
	back, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Problems) != 0 {
		t.Fatalf("problems %v", back.Problems)
	}
	if back.ClientID != form.ClientID || back.AuditID != 0 || back.AsOf != form.AsOf || back.Body != form.Body || back.Fingerprint != form.Fingerprint ||
		len(back.Rows) != len(form.Rows) || back.ComputeFingerprint() != form.Fingerprint {
		t.Fatalf("read back %+v", back)
	}
	for i := range form.Rows {
		w, g := form.Rows[i], back.Rows[i]
		if g.FindingID != w.FindingID || g.Evidence != w.Evidence || g.Requirement != w.Requirement || g.ResponseDue != w.ResponseDue || g.Grade != w.Grade ||
			g.RootCause != w.RootCause || g.CorrectionDate != w.CorrectionDate || g.Line != formHeaderRow+1+i {
			t.Errorf("row %d: got %+v\nwant %+v", i, g, w)
		}
	}
	pv, err := document.PreviewResponses(context.Background(), svc, back)
	if err != nil || !pv.OK() {
		t.Fatalf("preview of the untouched form: %v %v", err, pv.Problems)
	}
}

func sheetXML(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if f.Name == name {
			r, _ := f.Open()
			defer r.Close()
			b, _ := io.ReadAll(r)
			return b
		}
	}
	t.Fatalf("no %s in the workbook", name)
	return nil
}

// fillForm fills the open cells of every row as a client does in Excel:
// the sheet's protection does not stop a program, so only open cells are
// touched, dates as date cells or ISO text.
func fillForm(t *testing.T, data []byte, edit func(f *excelize.File, rows int)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	for {
		v, _ := f.GetCellValue("Findings", "A"+strconv.Itoa(formHeaderRow+1+n))
		if v == "" {
			break
		}
		n++
	}
	edit(f, n)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func answerAll(f *excelize.File, n int) {
	for i := range n {
		r := strconv.Itoa(formHeaderRow + 1 + i)
		f.SetCellValue("Findings", "J"+r, "  No check of the supplier's model updates  ")
		f.SetCellValue("Findings", "K"+r, "Reviewed the update of 2026-10")
		f.SetCellValue("Findings", "L"+r, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
		f.SetCellValue("Findings", "M"+r, "Supplier updates\nnow go through change control")
		f.SetCellValue("Findings", "N"+r, "2027-01-31") // text date
		f.SetCellValue("Findings", "O"+r, "Jane Roe, QM")
		f.SetCellValue("Findings", "P"+r, time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC))
	}
}

func TestFilledResponseFormReadsBack(t *testing.T) {
	svc := demoService(t)
	form := openForm(t, svc)
	data := fillForm(t, writeForm(t, form), answerAll)
	back, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Problems) != 0 {
		t.Fatalf("problems %v", back.Problems)
	}
	r := back.Rows[0]
	if r.RootCause != "No check of the supplier's model updates" || r.CorrectionDate != certification.NewDate(2026, 11, 20) ||
		r.ActionDate != certification.NewDate(2027, 1, 31) || r.CorrectiveAction != "Supplier updates\nnow go through change control" ||
		r.Received != certification.NewDate(2026, 11, 24) || r.RespondedBy != "Jane Roe, QM" {
		t.Errorf("filled row %+v", r)
	}
	if back.ComputeFingerprint() != back.Fingerprint {
		t.Error("filling the open columns changed the fingerprint")
	}
}

func TestResponseFormReaderRefusals(t *testing.T) {
	svc := demoService(t)
	form := openForm(t, svc)
	clean := writeForm(t, form)
	last := strconv.Itoa(formHeaderRow + len(form.Rows))
	first := strconv.Itoa(formHeaderRow + 1)
	// Whole workbooks that are refused.
	other := excelize.NewFile()
	other.SetCellValue("Sheet1", "A1", "Findings")
	var otherBuf bytes.Buffer
	other.WriteTo(&otherBuf)
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("hello, world"), "not an Excel workbook"},
		{"empty", nil, "not an Excel workbook"},
		{"another workbook", otherBuf.Bytes(), "not a CertDesk response form"},
		{"identity edited", fillForm(t, clean, func(f *excelize.File, _ int) { f.SetCellValue("Form", "B3", "abc") }), "Form!B3: the form's client"},
		{"rows sheet renamed", fillForm(t, clean, func(f *excelize.File, _ int) { f.SetSheetName("Findings", "Mine") }), "no sheet Findings"},
		{"column removed", fillForm(t, clean, func(f *excelize.File, _ int) { f.SetCellValue("Findings", "J5", "Why") }), `Findings!J5: the column "Root cause" is missing`},
		{"too large", bytes.Repeat([]byte("x"), maxFormBytes+10), "larger than 20 MB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(c.data))
			var re *certification.RuleError
			if !errors.As(err, &re) || re.Rule != certification.RuleResponseForm || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want refusal %q", err, c.want)
			}
		})
	}
	// Bad cells: problems naming the cell, reading goes on.
	for _, c := range []struct {
		name string
		edit func(f *excelize.File, n int)
		want string
	}{
		{"impossible date", func(f *excelize.File, n int) { f.SetCellValue("Findings", "L"+first, "31/02/2027") },
			`Findings!L` + first + `: "31/02/2027" is not a date: write YYYY-MM-DD or use a date cell`},
		{"word for a date", func(f *excelize.File, n int) { f.SetCellValue("Findings", "P"+last, "next week") }, `Findings!P` + last + `: "next week" is not a date`},
		{"huge text", func(f *excelize.File, n int) {
			f.SetCellValue("Findings", "J"+first, strings.Repeat("é", maxCellChars+1))
		}, "Findings!J" + first + ": the text has 10001 characters"},
		{"ID overwritten", func(f *excelize.File, n int) { f.SetCellValue("Findings", "A"+first, "F-1") }, `Findings!A` + first + `: F-1 is not a finding ID`},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := fillForm(t, clean, c.edit)
			back, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, p := range back.Problems {
				got = append(got, p.String())
			}
			if !strings.Contains(strings.Join(got, "\n"), c.want) {
				t.Fatalf("problems %q, want %q", got, c.want)
			}
			pv, err := document.PreviewResponses(context.Background(), svc, back)
			if err != nil || pv.OK() {
				t.Fatalf("preview passed a bad cell: %v", err)
			}
		})
	}
}

// rezip rewrites one part of a workbook, as a hostile or broken file
// would have it.
func rezip(t *testing.T, data []byte, part string, edit func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		if f.Name == part {
			b = edit(b)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}

// A cell a client's program damaged (bytes that are not UTF-8, in the
// sheet or in the shared strings) or filled with a formula is a problem
// named by its own cell, and the rest of the form reads on.
func TestResponseFormDamagedAndFormulaCells(t *testing.T) {
	svc := demoService(t)
	form := openForm(t, svc)
	row := strconv.Itoa(formHeaderRow + 1)
	inSheet := func(cell, xml string) func([]byte) []byte {
		return func(b []byte) []byte {
			re := regexp.MustCompile(`<c r="` + cell + `"[^>]*>.*?</c>`)
			return re.ReplaceAll(b, []byte(`<c r="`+cell+`"`+xml+`</c>`))
		}
	}
	for _, tc := range []struct {
		name, part string
		edit       func([]byte) []byte
		cell, want string
	}{
		{"invalid UTF-8 in a shared string", "xl/sharedStrings.xml",
			func(b []byte) []byte { return bytes.Replace(b, []byte("MARKER"), []byte("\xff\xfe"), 1) },
			"K" + row, "the cell holds bytes that are not text (invalid UTF-8)"},
		{"invalid UTF-8 in an inline string", "xl/worksheets/sheet2.xml",
			inSheet("K"+row, ` t="inlineStr"><is><t>ok `+"\xff\xfe"+` bad</t></is>`),
			"K" + row, "the cell holds bytes that are not text (invalid UTF-8)"},
		{"a formula without a result", "xl/worksheets/sheet2.xml",
			inSheet("J"+row, ` t="str"><f>CONCAT("a","b")</f>`),
			"J" + row, `the cell holds a formula (=CONCAT("a","b")), not an answer`},
		{"a formula with a cached result", "xl/worksheets/sheet2.xml",
			inSheet("L"+row, `><f>TODAY()</f><v>46000</v>`),
			"L" + row, "the cell holds a formula (=TODAY()), not an answer"},
		{"a formula in a locked column", "xl/worksheets/sheet2.xml",
			inSheet("A"+row, `><f>1+1</f><v>2</v>`),
			"A" + row, "the cell holds a formula (=1+1)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := fillForm(t, writeForm(t, form), func(f *excelize.File, n int) {
				answerAll(f, n)
				f.SetCellValue("Findings", "K"+row, "ok MARKER bad")
			})
			data = rezip(t, data, tc.part, tc.edit)
			back, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
			if err != nil {
				t.Fatalf("the whole workbook was refused: %v", err)
			}
			var got []string
			for _, p := range back.Problems {
				got = append(got, p.String())
			}
			if want := "Findings!" + tc.cell + ": " + tc.want; len(got) != 1 || !strings.Contains(got[0], want) {
				t.Fatalf("problems %q, want just %q", got, want)
			}
			if back.Rows[0].RespondedBy != "Jane Roe, QM" || back.Rows[0].CorrectiveAction == "" {
				t.Errorf("the row's other cells were not read on: %+v", back.Rows[0])
			}
		})
	}
}

func TestResponseFormSurvivesLibreOffice(t *testing.T) {
	lo, err := exec.LookPath("libreoffice")
	if err != nil {
		t.Skip("libreoffice is not on PATH")
	}
	if testing.Short() {
		t.Skip("short")
	}
	svc := demoService(t)
	form := openForm(t, svc)
	dir := t.TempDir()
	in := filepath.Join(dir, "form.xlsx")
	if err := os.WriteFile(in, fillForm(t, writeForm(t, form), answerAll), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command(lo, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, in)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("libreoffice: %v\n%s", err, b)
	}
	data, err := os.ReadFile(filepath.Join(out, "form.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	back, err := (Workbooks{}).ReadResponseForm(context.Background(), bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Problems) != 0 || back.Fingerprint != form.Fingerprint || back.ComputeFingerprint() != form.Fingerprint || len(back.Rows) != len(form.Rows) {
		t.Fatalf("after LibreOffice: problems %v, %d rows", back.Problems, len(back.Rows))
	}
	if r := back.Rows[0]; r.ActionDate != certification.NewDate(2027, 1, 31) || r.CorrectionDate != certification.NewDate(2026, 11, 20) || r.RootCause == "" {
		t.Errorf("row after LibreOffice %+v", r)
	}
	pv, err := document.PreviewResponses(context.Background(), svc, back)
	if err != nil || !pv.OK() || pv.Pending() != len(form.Rows) {
		t.Fatalf("preview after LibreOffice: %v %v", err, pv.Problems)
	}
}
