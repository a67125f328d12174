package xlsx

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/storage"
)

// packOf builds the audit fixture and reads the pack of one of its audits.
func packOf(t *testing.T, which func(*auditfixture.Fixture) certification.ID) *document.AuditPack {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fx, err := auditfixture.Build(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	p, err := document.NewAuditPack(context.Background(), fx.Svc, which(fx))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// writePack writes a workbook and opens it again; with
// CERTDESK_XLSX_OUT set it also keeps the file there (to look at).
func writePack(t *testing.T, name string, write func(*bytes.Buffer) error) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("CERTDESK_XLSX_OUT"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// findRow returns the number and the values of the row labelled label in
// column A.
func findRow(t *testing.T, f *excelize.File, sheet, label string) (int, []string) {
	t.Helper()
	return findRowAfter(t, f, sheet, label, 0)
}

// findRowAfter is findRow from row after on.
func findRowAfter(t *testing.T, f *excelize.File, sheet, label string, after int) (int, []string) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if i >= after && len(r) > 0 && r[0] == label {
			return i + 1, r
		}
	}
	t.Fatalf("%s: no row labelled %q", sheet, label)
	return 0, nil
}

// rawDate checks that a cell holds a date serial (not text) showing want.
func rawDate(t *testing.T, f *excelize.File, sheet, cell, want string) {
	t.Helper()
	shown, _ := f.GetCellValue(sheet, cell)
	raw, _ := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	typ, _ := f.GetCellType(sheet, cell)
	if _, err := strconv.Atoi(raw); err != nil || typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("%s!%s holds %q (type %v), not a date serial", sheet, cell, raw, typ)
	}
	if shown != want {
		t.Errorf("%s!%s shows %q, want %q", sheet, cell, shown, want)
	}
}

func TestAuditPlanWorkbook(t *testing.T) {
	p := packOf(t, func(fx *auditfixture.Fixture) certification.ID { return fx.Stage2 })
	f := writePack(t, "audit-plan.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditPlan(context.Background(), b, p) })

	if got := f.GetSheetList(); !slices.Equal(got, []string{PlanCoverSheet, PlanTimetableSheet, PlanTeamSheet}) {
		t.Fatalf("sheets %v", got)
	}
	// The cover: client, dates, team.
	if v, _ := f.GetCellValue(PlanCoverSheet, "A1"); v != "Audit plan — Stage 2" {
		t.Errorf("title %q", v)
	}
	if _, r := findRow(t, f, PlanCoverSheet, "Organisation"); r[1] != "Acme Analytics GmbH (trading as Acme AI)" {
		t.Errorf("organisation %q", r)
	}
	row, r := findRow(t, f, PlanCoverSheet, "Dates")
	if len(r) < 4 || r[2] != "to" {
		t.Fatalf("dates row %q", r)
	}
	rawDate(t, f, PlanCoverSheet, "B"+strconv.Itoa(row), "2025-02-10")
	rawDate(t, f, PlanCoverSheet, "D"+strconv.Itoa(row), "2025-02-12")
	row, _ = findRow(t, f, PlanCoverSheet, "Role")
	for i, want := range [][]string{{"Lead auditor", "Lena Lindqvist"}, {"Auditor", "Ahmed Aziz"}, {"Technical expert", "Dr. Tomasz Nowak"}} {
		a, _ := f.GetCellValue(PlanCoverSheet, "A"+strconv.Itoa(row+1+i))
		b, _ := f.GetCellValue(PlanCoverSheet, "B"+strconv.Itoa(row+1+i))
		if a != want[0] || b != want[1] {
			t.Errorf("team row %d: %q %q, want %v", i, a, b, want)
		}
	}
	if _, r := findRow(t, f, PlanCoverSheet, "Language"); r[1] != "English, German" {
		t.Errorf("language %q", r)
	}
	rows, _ := f.GetRows(PlanCoverSheet)
	text := flatten(rows)
	for _, want := range []string{"HH (central function)", "Hafenstraße 1, 20457 Hamburg", "seed 20250210", "Confidential:", "ISO/IEC 42001:2023", "Objectives"} {
		if !strings.Contains(text, want) {
			t.Errorf("the cover does not say %q", want)
		}
	}

	// The timetable: headed as a proposal, one header row per day with
	// the day's date as a date, opening first and closing last.
	rows, _ = f.GetRows(PlanTimetableSheet)
	if !strings.Contains(rows[1][0], "proposed plan") {
		t.Errorf("timetable subtitle %q", rows[1][0])
	}
	var days []int
	for i, r := range rows {
		if len(r) > 0 && strings.HasPrefix(r[0], "Day ") {
			days = append(days, i+1)
		}
	}
	if len(days) != 3 {
		t.Fatalf("day rows %v", days)
	}
	if v, _ := f.GetCellValue(PlanTimetableSheet, "B"+strconv.Itoa(days[0]), excelize.Options{RawCellValue: true}); v != "45698" {
		t.Errorf("day 1 date raw %q, want the serial of 2025-02-10", v)
	}
	if r := rows[days[0]]; r[0] != "09:00–09:30" || r[2] != "Opening meeting" || !strings.Contains(r[3], "Introductions") {
		t.Errorf("first session %q", r)
	}
	if !strings.Contains(flatten(rows), "6.1.2  AI risk assessment") || !strings.Contains(flatten(rows), "Closing meeting") {
		t.Error("the timetable lacks a clause or the closing meeting")
	}
	if panes, _ := f.GetPanes(PlanTimetableSheet); !panes.Freeze || panes.YSplit != 4 {
		t.Errorf("timetable panes %+v", panes)
	}
	if lay, _ := f.GetPageLayout(PlanTimetableSheet); lay.Orientation == nil || *lay.Orientation != "landscape" || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("timetable page layout %+v", lay)
	}

	// The team sheet.
	rows, _ = f.GetRows(PlanTeamSheet)
	if len(rows) < 7 || rows[3][0] != "Role" || rows[4][1] != "Lena Lindqvist" || !strings.Contains(rows[4][3], "ISO/IEC 42001:2023") {
		t.Errorf("team sheet %q", rows)
	}
}

func TestAuditReportWorkbook(t *testing.T) {
	p := packOf(t, func(fx *auditfixture.Fixture) certification.ID { return fx.Stage2 })
	f := writePack(t, "audit-report.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditReport(context.Background(), b, p) })

	if got := f.GetSheetList(); !slices.Equal(got, []string{ReportCoverSheet, ReportChecklist, ReportFindings, ReportEvidence}) {
		t.Fatalf("sheets %v", got)
	}
	// The cover has what the rules ask of a report.
	if _, r := findRow(t, f, ReportCoverSheet, "Organisation"); r[1] != "Acme Analytics GmbH (trading as Acme AI)" {
		t.Errorf("organisation %q", r)
	}
	row, _ := findRow(t, f, ReportCoverSheet, "Carried out")
	rawDate(t, f, ReportCoverSheet, "B"+strconv.Itoa(row), "2025-02-10")
	rawDate(t, f, ReportCoverSheet, "D"+strconv.Itoa(row), "2025-02-12")
	row, _ = findRow(t, f, ReportCoverSheet, "Report date")
	rawDate(t, f, ReportCoverSheet, "B"+strconv.Itoa(row), "2025-02-15")
	if _, r := findRow(t, f, ReportCoverSheet, "Recommendation"); !strings.HasPrefix(r[1], "Grant or renew only once") {
		t.Errorf("recommendation %q", r)
	}
	if _, r := findRow(t, f, ReportCoverSheet, "Conditions"); !strings.Contains(r[1], "Minor NC #3 (7.2)") {
		t.Errorf("conditions %q", r)
	}
	grades, _ := findRow(t, f, ReportCoverSheet, "Grade")
	if _, r := findRowAfter(t, f, ReportCoverSheet, "Major NC", grades); len(r) < 3 || r[1] != "1" || r[2] != "0" {
		t.Errorf("major NCs raised/open %q", r)
	}
	if _, r := findRowAfter(t, f, ReportCoverSheet, "Minor NC", grades); len(r) < 3 || r[1] != "2" || r[2] != "1" {
		t.Errorf("minor NCs raised/open %q", r)
	}
	rows, _ := f.GetRows(ReportCoverSheet)
	text := flatten(rows)
	for _, want := range []string{"Objectives", "Criteria", "Sites audited", "Lena Lindqvist", "Sites sampled", "seed 20250210", "Lead auditor", "Signature:", "Excluded by the SoA", "Kraków"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report cover does not say %q", want)
		}
	}

	// The checklist: every catalogue line, excluded controls with the
	// SoA's justification, in a table with filters.
	rows, _ = f.GetRows(ReportChecklist)
	if rows[3][0] != "Ref" || rows[3][3] != "Result" {
		t.Fatalf("checklist header %q", rows[3])
	}
	data := rows[4:]
	if len(data) != len(p.Checklist) {
		t.Fatalf("%d checklist rows, the pack has %d lines", len(data), len(p.Checklist))
	}
	applicable := 0
	for _, r := range data {
		if len(r) > 3 && r[3] == "Excluded (SoA)" {
			if !strings.Contains(r[5], "Statement of Applicability") || r[4] != "" {
				t.Errorf("excluded row without justification %q", r)
			}
			continue
		}
		applicable++
	}
	items, _ := certification.ChecklistItems(&p.Certification)
	if applicable != len(items) {
		t.Errorf("%d applicable rows, the audit's checklist has %d items", applicable, len(items))
	}
	i := slices.IndexFunc(data, func(r []string) bool { return r[0] == "6.1.2" })
	if i < 0 || data[i][3] != "Major NC" || data[i][4] != "Yes" || data[i][6] != "#1" {
		t.Errorf("6.1.2 row %q", data[i])
	}
	// Who was interviewed on the item, in what role, when.
	if rows[3][7] != "Interviews" || len(data[i]) < 8 || data[i][7] != "Amira Haddad (AI officer), 2025-02-10: No risk assessment for release 4.2.\nJonas Berg (Head of data science), 2025-02-11" {
		t.Errorf("6.1.2 interviews %q (header %q)", data[i], rows[3])
	}
	if tables, err := f.GetTables(ReportChecklist); err != nil || len(tables) != 1 || tables[0].Range != "A4:H"+strconv.Itoa(4+len(p.Checklist)) {
		t.Errorf("checklist tables %+v %v", tables, err)
	}

	// The findings: a table of the five findings with dates as dates.
	rows, _ = f.GetRows(ReportFindings)
	if rows[3][0] != "No." || rows[3][6] != "Raised" || len(rows) != 4+5 {
		t.Fatalf("findings rows %d, header %q", len(rows), rows[3])
	}
	if r := rows[4]; r[1] != "Major NC" || r[2] != "6.1.2" || r[9] != "Verified" || !strings.Contains(r[10], "Root cause:") || !strings.Contains(r[11], "Verified 2025-03-10 (documents) by Lena Lindqvist") {
		t.Errorf("finding 1 %q", r)
	}
	if rows[6][9] != "Awaiting response — late" || rows[6][5] != "Lena Lindqvist" {
		t.Errorf("finding 3 %q", rows[6])
	}
	rawDate(t, f, ReportFindings, "G5", "2025-02-10")
	rawDate(t, f, ReportFindings, "H7", "2025-03-14")
	if tables, err := f.GetTables(ReportFindings); err != nil || len(tables) != 1 || tables[0].Range != "A4:L9" {
		t.Errorf("findings tables %+v %v", tables, err)
	}
	if lay, _ := f.GetPageLayout(ReportFindings); lay.Orientation == nil || *lay.Orientation != "landscape" {
		t.Errorf("findings page layout %+v", lay)
	}
	names := f.GetDefinedName()
	if !slices.ContainsFunc(names, func(d excelize.DefinedName) bool {
		return d.Name == "_xlnm.Print_Titles" && d.Scope == ReportFindings && d.RefersTo == "'Findings'!$4:$4"
	}) {
		t.Errorf("the findings header is not repeated on each printed page: %+v", names)
	}
}

func TestAuditPackWorkbooksOfAnIntegratedAudit(t *testing.T) {
	p := packOf(t, func(fx *auditfixture.Fixture) certification.ID { return fx.Integrated42001 })
	plan := writePack(t, "audit-plan-integrated.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditPlan(context.Background(), b, p) })
	if _, r := findRow(t, plan, PlanCoverSheet, "Standard"); r[1] != "ISO/IEC 42001:2023 + ISO 9001:2015" {
		t.Errorf("standards %q", r)
	}
	rows, _ := plan.GetRows(PlanTimetableSheet)
	if rows[3][4] != "Standards" || !strings.Contains(flatten(rows), "42001 · 9001") {
		t.Errorf("integrated timetable header %q", rows[3])
	}
	report := writePack(t, "audit-report-integrated.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditReport(context.Background(), b, p) })
	rows, _ = report.GetRows(ReportChecklist)
	if rows[3][7] != "Answered once for" || rows[3][8] != "Interviews" {
		t.Fatalf("checklist header %q", rows[3])
	}
	i := slices.IndexFunc(rows, func(r []string) bool { return len(r) > 0 && r[0] == "4.1" })
	if i < 0 || len(rows[i]) < 8 || rows[i][7] != "42001 · 9001" || rows[i][3] != "Conform" {
		t.Errorf("4.1 row %q", rows[i])
	}
	if _, r := findRow(t, report, ReportCoverSheet, "Stage 1 outcome"); r[1] != "Not yet recorded" {
		t.Errorf("stage 1 outcome %q", r)
	}
}

func TestAuditPackWorkbooksOfAFollowUp(t *testing.T) {
	p := packOf(t, func(fx *auditfixture.Fixture) certification.ID { return fx.FollowUp })
	plan := writePack(t, "audit-plan-followup.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditPlan(context.Background(), b, p) })
	if v, _ := plan.GetCellValue(PlanCoverSheet, "A2"); !strings.Contains(v, "confirmed plan") {
		t.Errorf("plan subtitle %q", v)
	}
	rows, _ := plan.GetRows(PlanTimetableSheet)
	if !strings.Contains(flatten(rows), "7.2  Verification of the action on Minor NC #3") {
		t.Errorf("the follow-up's timetable does not name the finding:\n%s", flatten(rows))
	}
	report := writePack(t, "audit-report-followup.xlsx", func(b *bytes.Buffer) error { return Workbooks{}.AuditReport(context.Background(), b, p) })
	if _, r := findRow(t, report, ReportCoverSheet, "Minor NC #3 (7.2)"); len(r) < 4 || r[1] != "Stage 2 audit of 2025-02-10" || r[3] != "Awaiting response, late" {
		t.Errorf("earlier finding row %q", r)
	}
	rows, _ = report.GetRows(ReportFindings)
	if tables, _ := report.GetTables(ReportFindings); len(rows) != 4 || len(tables) != 1 || tables[0].Range != "A4:L5" {
		t.Errorf("a follow-up without findings has an empty findings table (one blank row): %d rows, %+v", len(rows), tables)
	}
	if _, r := findRow(t, report, ReportCoverSheet, "Conditions"); !strings.Contains(r[1], "None") {
		t.Errorf("conditions %q", r)
	}
}

func TestAuditPackWriterStopsWhenCancelled(t *testing.T) {
	p := packOf(t, func(fx *auditfixture.Fixture) certification.ID { return fx.Stage2 })
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var buf bytes.Buffer
	if err := (Workbooks{}).AuditReport(ctx, &buf, p); err == nil || buf.Len() > 0 {
		t.Errorf("cancelled report: %v, %d bytes", err, buf.Len())
	}
	if err := (Workbooks{}).AuditPlan(ctx, &buf, p); err == nil || buf.Len() > 0 {
		t.Errorf("cancelled plan: %v, %d bytes", err, buf.Len())
	}
}

func flatten(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}
