package xlsx

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/certification/view"
)

var regAsOf = demoAsOf

// regBody is the demo body (demoDB) on its date.
func regBody(t *testing.T) *certification.Service {
	t.Helper()
	return certification.NewService(demoDB(t), certification.FixedClock(regAsOf.Time())).As(certification.Actor{Name: "test"})
}

// demoRegister is the register build makes of the demo body on its date.
func demoRegister[R any](t *testing.T, build func(context.Context, *certification.Service, certification.Date) (R, error)) R {
	t.Helper()
	reg, err := build(context.Background(), regBody(t), regAsOf)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// regReadBack opens a written workbook and checks what every register has:
// one sheet of the given name, the title block, the header, n data rows
// in one table with filters, the frozen header and the print setup.
func regReadBack(t *testing.T, buf *bytes.Buffer, sheet, title string, cols []Column, n int) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
		t.Fatalf("sheets %q, want [%s]", got, sheet)
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != titleRows+1+n {
		t.Fatalf("%d rows, want %d title rows, the header and %d data rows", len(rows), titleRows, n)
	}
	if rows[0][0] != title || !strings.Contains(rows[1][0], "as of "+regAsOf.String()) || !strings.Contains(rows[1][0], certification.DefaultPolicy().BodyName) || rows[2][0] == "" {
		t.Errorf("title block %q", rows[:3])
	}
	for i, c := range cols {
		if i >= len(rows[titleRows]) || rows[titleRows][i] != c.Title {
			t.Fatalf("header %q, want the titles of %d columns", rows[titleRows], len(cols))
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(cols), titleRows+1+n)
	tables, err := f.GetTables(sheet)
	if err != nil || len(tables) != 1 || tables[0].Range != fmt.Sprintf("A%d:%s", titleRows+1, last) || tables[0].Name != sheet {
		t.Fatalf("tables %+v (%v), want one over A%d:%s", tables, err, titleRows+1, last)
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != titleRows+1 {
		t.Errorf("panes %+v %v", panes, err)
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	if pr, err := f.GetSheetProps(sheet); err != nil || pr.FitToPage == nil || !*pr.FitToPage {
		t.Errorf("fit to page not set: %+v %v", pr, err)
	}
	names := f.GetDefinedName()
	found := false
	for _, d := range names {
		if d.Name == "_xlnm.Print_Titles" && d.Scope == sheet && strings.HasSuffix(d.RefersTo, fmt.Sprintf("$%d:$%d", titleRows+1, titleRows+1)) {
			found = true
		}
	}
	if !found {
		t.Errorf("no print titles in %+v", names)
	}
	for i, c := range cols {
		w, err := f.GetColWidth(sheet, regColName(i))
		if err != nil || w != c.Width {
			t.Errorf("column %s (%s) width %v, want %v", regColName(i), c.Title, w, c.Width)
		}
	}
	if p, err := f.GetDocProps(); err != nil || p.Title != title || p.Creator != certification.DefaultPolicy().BodyName {
		t.Errorf("document properties %+v %v", p, err)
	}
	return f
}

func regColName(i int) string {
	n, _ := excelize.ColumnNumberToName(i + 1)
	return n
}

// regCellAt is the cell of data row i (from 0) in column col.
func regCellAt(col, i int) string { return regColName(col) + strconv.Itoa(titleRows+2+i) }

// regCheckDate checks that a cell holds date d as a date serial shown as
// yyyy-mm-dd, not as text.
func regCheckDate(t *testing.T, f *excelize.File, sheet, cell string, d certification.Date) {
	t.Helper()
	shown, err := f.GetCellValue(sheet, cell)
	if err != nil || shown != d.String() {
		t.Errorf("%s shows %q (%v), want %s", cell, shown, err, d)
	}
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	serial, err := strconv.Atoi(raw)
	if err != nil || serial < 40000 || serial > 60000 {
		t.Errorf("%s holds %q, want a date serial", cell, raw)
	}
	if typ, _ := f.GetCellType(sheet, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("%s: the date is stored as text", cell)
	}
}

// regFillOf is the fill colour of a cell's style ("" for none).
func regFillOf(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Fill.Color) == 0 {
		return ""
	}
	return strings.ToUpper(st.Fill.Color[0])
}

func TestProgrammeRegisterWorkbook(t *testing.T) {
	ctx := context.Background()
	reg := demoRegister(t, document.NewProgrammeRegister)
	var buf bytes.Buffer
	calls, lastDone := 0, -1
	if err := (Workbooks{}).ProgrammeRegister(ctx, &buf, reg, func(done, total int) {
		calls++
		if total != len(reg.Rows) || done < lastDone {
			t.Errorf("progress %d of %d after %d", done, total, lastDone)
		}
		lastDone = done
	}); err != nil {
		t.Fatal(err)
	}
	if calls == 0 || lastDone != len(reg.Rows) {
		t.Errorf("progress called %d times, last %d of %d", calls, lastDone, len(reg.Rows))
	}
	f := regReadBack(t, &buf, "Programme", "Audit programme", regProgrammeCols, len(reg.Rows))
	var overdue, cancelled, unplanned, planned bool
	for i, r := range reg.Rows {
		client, _ := f.GetCellValue("Programme", regCellAt(0, i))
		if client != r.Client {
			t.Fatalf("row %d client %q, want %q", i, client, r.Client)
		}
		if !planned && r.HasAudit() && r.PlannedStart != 0 && r.CycleExpiry != 0 {
			planned = true
			regCheckDate(t, f, "Programme", regCellAt(9, i), r.PlannedStart)
			regCheckDate(t, f, "Programme", regCellAt(6, i), r.CycleExpiry)
			if lead, _ := f.GetCellValue("Programme", regCellAt(13, i)); lead != r.Lead {
				t.Errorf("row %d lead %q, want %q", i, lead, r.Lead)
			}
		}
		if !overdue && r.State == certification.StateOverdue {
			overdue = true
			if v, _ := f.GetCellValue("Programme", regCellAt(regPgState, i)); v != "Overdue" {
				t.Errorf("row %d state %q", i, v)
			}
			if got := regFillOf(t, f, "Programme", regCellAt(regPgState, i)); got != palette[Overdue].fill {
				t.Errorf("overdue state filled %q, want %s", got, palette[Overdue].fill)
			}
		}
		if !cancelled && (r.AuditStatus == certification.AuditCancelled || !r.Closed.IsZero()) {
			cancelled = true // a cancelled audit, or a refused or withdrawn certification
			if got := regFillOf(t, f, "Programme", regCellAt(0, i)); got != palette[Muted].fill {
				t.Errorf("row %d (cancelled or closed) filled %q, want grey", i, got)
			}
		} else if r.AuditStatus != certification.AuditCancelled && r.Closed.IsZero() {
			if got := regFillOf(t, f, "Programme", regCellAt(0, i)); got != "" {
				t.Errorf("row %d filled %q, want no fill", i, got)
			}
		}
		if !unplanned && !r.HasAudit() && r.AuditKind != "" {
			unplanned = true
			if v, _ := f.GetCellValue("Programme", regCellAt(8, i)); v != "Not planned" {
				t.Errorf("row %d: a programme audit still to plan shows %q", i, v)
			}
			regCheckDate(t, f, "Programme", regCellAt(17, i), r.Due)
		}
	}
	if !overdue || !cancelled || !unplanned || !planned {
		t.Errorf("the demo body lacks a kind of row: overdue %v, cancelled or closed %v, to plan %v, planned %v", overdue, cancelled, unplanned, planned)
	}
	if days, _ := f.GetCellValue("Programme", regCellAt(14, 0), excelize.Options{RawCellValue: true}); reg.Rows[0].PlannedDays > 0 && days != strconv.FormatFloat(reg.Rows[0].PlannedDays, 'f', -1, 64) {
		t.Errorf("planned days %q, want %v", days, reg.Rows[0].PlannedDays)
	}
}

func TestFindingsRegisterWorkbook(t *testing.T) {
	ctx := context.Background()
	reg := demoRegister(t, document.NewFindingsRegister)
	var buf bytes.Buffer
	if err := (Workbooks{}).FindingsRegister(ctx, &buf, reg, nil); err != nil {
		t.Fatal(err)
	}
	f := regReadBack(t, &buf, "Findings", "Findings register", regFindingCols, len(reg.Rows))
	var late, verified, received bool
	for i, r := range reg.Rows {
		if i == 0 {
			regCheckDate(t, f, "Findings", regCellAt(9, i), r.Raised)
			regCheckDate(t, f, "Findings", regCellAt(4, i), r.AuditDate)
			if n, _ := f.GetCellValue("Findings", regCellAt(5, i), excelize.Options{RawCellValue: true}); n != strconv.Itoa(r.Number) {
				t.Errorf("finding number %q, want %d", n, r.Number)
			}
		}
		ref, _ := f.GetCellValue("Findings", regCellAt(7, i))
		if ref != r.Reference {
			t.Fatalf("row %d clause %q, want %q", i, ref, r.Reference)
		}
		if !late && r.Late {
			late = true
			if v, _ := f.GetCellValue("Findings", regCellAt(regFdLate, i)); v != "Yes" {
				t.Errorf("late finding shows %q", v)
			}
			if got := regFillOf(t, f, "Findings", regCellAt(regFdStatus, i)); got != palette[Overdue].fill {
				t.Errorf("late finding's status filled %q, want red", got)
			}
		}
		if !verified && r.Verification != nil && r.Closed.IsZero() {
			verified = true
			regCheckDate(t, f, "Findings", regCellAt(17, i), r.Verification.On)
			if got := regFillOf(t, f, "Findings", regCellAt(regFdStatus, i)); got != palette[Done].fill {
				t.Errorf("verified finding's status filled %q, want green", got)
			}
		}
		if !received && r.Response != nil {
			received = true
			regCheckDate(t, f, "Findings", regCellAt(13, i), r.Response.Received)
		}
	}
	if !late || !verified || !received {
		t.Errorf("the demo body lacks a kind of finding: late %v, verified %v, response received %v", late, verified, received)
	}
}

func TestCertificateRegisterWorkbook(t *testing.T) {
	ctx := context.Background()
	reg := demoRegister(t, document.NewCertificateRegister)
	var buf bytes.Buffer
	if err := (Workbooks{}).CertificateRegister(ctx, &buf, reg, nil); err != nil {
		t.Fatal(err)
	}
	f := regReadBack(t, &buf, "Certificates", "Certificate register", regCertificateCols, len(reg.Rows))
	tones := map[certification.CertificateStatus]bool{}
	for i, r := range reg.Rows {
		num, _ := f.GetCellValue("Certificates", regCellAt(0, i))
		status, _ := f.GetCellValue("Certificates", regCellAt(regCtStatus, i))
		if num != r.Number || status != r.Status.Label() {
			t.Fatalf("row %d: %q %q, want %q %q", i, num, status, r.Number, r.Status)
		}
		if i == 0 {
			regCheckDate(t, f, "Certificates", regCellAt(6, i), r.OriginalDate)
			regCheckDate(t, f, "Certificates", regCellAt(8, i), r.Expiry)
			sites, _ := f.GetCellValue("Certificates", regCellAt(5, i))
			if len(r.Sites) == 0 || !strings.Contains(sites, r.Sites[0].Code) || strings.Count(sites, "\n") != len(r.Sites)-1 {
				t.Errorf("sites %q for %+v", sites, r.Sites)
			}
		}
		if tones[r.Status] {
			continue
		}
		tones[r.Status] = true
		want := map[certification.CertificateStatus]string{certification.CertActive: palette[Done].fill, certification.CertSuspended: palette[DueSoon].fill,
			certification.CertWithdrawn: palette[Muted].fill, certification.CertExpired: palette[Muted].fill}[r.Status]
		if got := regFillOf(t, f, "Certificates", regCellAt(regCtStatus, i)); got != want {
			t.Errorf("%s status filled %q, want %q", r.Status, got, want)
		}
	}
	if !tones[certification.CertActive] || len(tones) < 2 {
		t.Errorf("statuses seen %v", tones)
	}
}

func TestRegisterStopsWhenCancelled(t *testing.T) {
	reg := demoRegister(t, document.NewFindingsRegister)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := (Workbooks{}).FindingsRegister(ctx, &buf, reg, nil); !errors.Is(err, context.Canceled) || buf.Len() != 0 {
		t.Errorf("cancelled: %v, %d bytes written", err, buf.Len())
	}
}

func TestEmptyRegistersStillOpen(t *testing.T) {
	ctx := context.Background()
	var buf bytes.Buffer
	if err := (Workbooks{}).CertificateRegister(ctx, &buf, &document.CertificateRegister{Body: "Empty body", AsOf: regAsOf}, nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if tables, err := f.GetTables("Certificates"); err != nil || len(tables) != 1 {
		t.Errorf("tables %+v %v", tables, err)
	}
}

// The line estimate against where LibreOffice wrapped these cells
// (Carlito, metric-compatible with Calibri) in the registers.
func TestWrappedLines(t *testing.T) {
	for _, c := range []struct {
		text  string
		width float64
		lines int
	}{
		{"The organization shall determine and document a plan for communicating incidents to users of the AI system.", 42, 3},
		{"The organization shall perform AI risk assessments at planned intervals or when significant changes are proposed or occur.", 42, 3},
		{"Recertification audit (before expiry)", 30, 1},
		{"Stage 2 within 6 months of stage 1 (or a written justification)", 34, 2},
		{"Surveillance 1 (within 12 months of the certification decision)", 30, 2},
		{"HQ: Schillerstraße 34, 86610 Frankfurt am Main, Germany\nS1: Bahnhofstraße 2, 16418 Köln, Germany\nS2: Lindenallee 147, 44143 Dresden, Germany", 42, 4},
		{"Short", 10, 1},
		{"", 10, 1},
		{strings.Repeat("word ", 1000), 20, regMaxLines + 1},
	} {
		if got := regWrappedLines(c.text, c.width); got != c.lines && !(c.lines > regMaxLines && got > regMaxLines) {
			t.Errorf("%q in %v: %d lines, want %d", c.text, c.width, got, c.lines)
		}
	}
	// A word longer than the line breaks anywhere: about 54 × 0.48 em over
	// 10 × 0.49 em a line.
	if got := regWrappedLines("Averyveryverylongwordwithoutanyspaceatallthatmustbreak", 10); got < 5 || got > 6 {
		t.Errorf("a long word takes %d lines, want 5 or 6", got)
	}
}

// A certificate taken over from another body (IAF MD 2) says so in the
// register.
func TestCertificateRegisterTransferred(t *testing.T) {
	ctx := context.Background()
	var row view.CertificateState
	row.Number, row.Revision, row.ClientName, row.Standard = "CD-9001-2026-00007", 1, "Moved Ltd", certification.ISO9001
	row.IssueDate, row.Expiry, row.Status, row.AsOf = regAsOf, regAsOf.AddDays(500), certification.CertActive, regAsOf
	row.TransferredFrom = "Other Cert GmbH, certificate Q-123"
	var buf bytes.Buffer
	if err := (Workbooks{}).CertificateRegister(ctx, &buf, &document.CertificateRegister{Body: certification.DefaultPolicy().BodyName, AsOf: regAsOf, Rows: []view.CertificateState{row}}, nil); err != nil {
		t.Fatal(err)
	}
	f := regReadBack(t, &buf, "Certificates", "Certificate register", regCertificateCols, 1)
	if v, _ := f.GetCellValue("Certificates", regCellAt(11, 0)); v != row.TransferredFrom {
		t.Errorf("Transferred from = %q, want %q", v, row.TransferredFrom)
	}
}
