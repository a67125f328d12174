package xlsx

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"certdesk/audit/audittime"
	"certdesk/audit/scheme"
	"certdesk/certification"
	"certdesk/certification/document"
)

// atFind returns the 1-based row whose first cell is text, after row from.
func atFind(t *testing.T, rows [][]string, from int, text string) int {
	t.Helper()
	for i := from; i < len(rows); i++ {
		if len(rows[i]) > 0 && rows[i][0] == text {
			return i + 1
		}
	}
	t.Fatalf("no row starting %q after row %d", text, from)
	return 0
}

func TestAuditTimeWorkbookReadsBack(t *testing.T) {
	in := audittime.Input{
		Standards: []string{"9001", "42001"}, EffectivePersonnel: 120, AIPersonnel: 12, AIRoles: []string{"provider", "user"},
		AISystems: []audittime.AISystemInput{{Name: "Scoring", RiskClass: "high", Autonomy: "human-on-the-loop", PersonalData: true}},
		Adjustments: []audittime.Adjustment{
			{Percent: -10, Reason: "Simple, repetitive processes"},
			{Standard: "42001", Percent: 5, Reason: "AI systems under active development"},
		},
		Integrated: true, IntegrationReduction: 10,
		Sites: []audittime.SiteInput{{Code: "HQ", Central: true, Personnel: 80}, {Code: "S2", Personnel: 40}},
	}
	res, err := audittime.Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	sheet := &document.AuditTimeSheet{Body: "Test Certification", Prepared: certification.NewDate(2026, 11, 25), Input: in, Result: res,
		Client: certification.Client{ID: 7, LegalName: "Acme Analytics GmbH", TradingName: "Acme", RegisteredAddress: "Hauptstraße 1, 10115 Berlin, Germany"}}
	f, rows, cell := readPage(t, AuditTimeSheetName, func(w io.Writer) error { return Workbooks{}.WriteAuditTime(context.Background(), w, sheet) })
	if cell(1, 1) != "Audit time justification" || !strings.Contains(cell(2, 1), "Test Certification · prepared 2026-11-25") {
		t.Errorf("title %q / %q", cell(1, 1), cell(2, 1))
	}
	if r := atFind(t, rows, 0, "Client"); cell(r, 2) != "Acme Analytics GmbH (Acme) · client 7" {
		t.Errorf("client %q", cell(r, 2))
	}
	if r := atFind(t, rows, 0, "Standards"); cell(r, 2) != "ISO 9001:2015, ISO/IEC 42001:2023" {
		t.Errorf("standards %q", cell(r, 2))
	}
	if r := atFind(t, rows, 0, "Effective personnel"); !strings.HasPrefix(cell(r, 2), "120 full-time equivalents") {
		t.Errorf("personnel %q", cell(r, 2))
	}

	// Base time: the band and the base days, a number.
	base := atFind(t, rows, 0, "Base time per standard") + 1
	if cell(base, 1) != "Standard" || cell(base, 8) != "Base days" {
		t.Errorf("base header %q", rows[base-1])
	}
	band := "row " + strconv.Itoa(res.Standards[0].Row.Lower) + "–" + strconv.Itoa(res.Standards[0].Row.Upper)
	if cell(base+1, 1) != scheme.ISO9001 || !strings.Contains(cell(base+1, 2), band) {
		t.Errorf("9001 base row %q", rows[base])
	}
	h, _ := excelize.CoordinatesToCellName(8, base+1)
	raw, _ := f.GetCellValue(AuditTimeSheetName, h, excelize.Options{RawCellValue: true})
	if v, err := strconv.ParseFloat(raw, 64); err != nil || v != res.Standards[0].Base {
		t.Errorf("base days %s = %q, want the number %g", h, raw, res.Standards[0].Base)
	}
	if typ, _ := f.GetCellType(AuditTimeSheetName, h); typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("base days stored as text")
	}
	if !strings.Contains(cell(base+2, 2), "several AI roles") {
		t.Errorf("42001 base row %q", rows[base+1])
	}

	// Each adjustment with its sign and reason: the all-standards
	// reduction under each standard, the increase under 42001.
	adj := atFind(t, rows, 0, "Adjustments") + 1
	want := [][]string{
		{scheme.ISO9001, "Down", "−10 %", "Simple, repetitive processes"},
		{scheme.ISO42001, "Down", "−10 %", "Simple, repetitive processes"},
		{scheme.ISO42001, "Up", "+5 %", "AI systems under active development"},
	}
	for i, w := range want {
		r := adj + 1 + i
		if got := []string{cell(r, 1), cell(r, 2), cell(r, 3), cell(r, 4)}; !slices.Equal(got, w) {
			t.Errorf("adjustment row %d %q, want %q", r, got, w)
		}
	}
	// The suggested 42001 factors were not accepted: listed apart.
	if len(res.Suggestions) > 0 {
		atFind(t, rows, 0, "Suggested for ISO/IEC 42001, not applied")
	}
	adjd := atFind(t, rows, 0, "Adjusted time per standard") + 1
	if cell(adjd+1, 4) != "10 %" || cell(adjd+1, 5) != "30 %" {
		t.Errorf("adjusted row %q", rows[adjd])
	}
	if r := atFind(t, rows, 0, "Integration reduction"); !strings.Contains(cell(r, 2), "reduced by 10 %") {
		t.Errorf("integration %q", cell(r, 2))
	}
	if r := atFind(t, rows, 0, "Initial audit (stage 1 + stage 2)"); !strings.HasPrefix(cell(r, 2), strconv.FormatFloat(res.Initial.Days, 'f', -1, 64)+" auditor-days") {
		t.Errorf("initial %q, want %g days", cell(r, 2), res.Initial.Days)
	}
	cyc := atFind(t, rows, 0, "Audit time over the cycle") + 1
	for i, w := range []struct {
		name string
		days float64
	}{{"Stage 1", res.Stage1.Days}, {"Stage 2", res.Stage2.Days}, {"Initial audit", res.Initial.Days}, {"Surveillance (each year)", res.Surveillance.Days}, {"Recertification", res.Recertification.Days}} {
		r := cyc + 1 + i
		c, _ := excelize.CoordinatesToCellName(2, r)
		raw, _ := f.GetCellValue(AuditTimeSheetName, c, excelize.Options{RawCellValue: true})
		if cell(r, 1) != w.name || raw != strconv.FormatFloat(w.days, 'f', -1, 64) {
			t.Errorf("cycle row %d: %q %q, want %s %g", r, cell(r, 1), raw, w.name, w.days)
		}
	}
	sites := atFind(t, rows, 0, "Over the sites") + 1
	if cell(sites+1, 1) != "HQ (central function)" || cell(sites+2, 1) != "S2" {
		t.Errorf("sites %q %q", rows[sites], rows[sites+1])
	}

	// The justification, line by line, numbered.
	j := atFind(t, rows, 0, "Justification")
	for i, l := range res.Justification {
		if got := cell(j+1+i, 1); got != strconv.Itoa(i+1)+". "+l {
			t.Errorf("justification line %d: %q, want %q", i+1, got, l)
		}
	}

	// Print-ready: A4 portrait, fitted to the width.
	pl, err := f.GetPageLayout(AuditTimeSheetName)
	if err != nil || *pl.Orientation != "portrait" || *pl.FitToWidth != 1 || *pl.Size != 9 {
		t.Errorf("page layout %+v %v", pl, err)
	}
	props, err := f.GetSheetProps(AuditTimeSheetName)
	if err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page %+v %v", props, err)
	}
	if hf, _ := f.GetHeaderFooter(AuditTimeSheetName); !strings.Contains(hf.OddFooter, "Acme") {
		t.Errorf("footer %q", hf.OddFooter)
	}
	if dp, _ := f.GetDocProps(); dp.Title != "Audit time justification — Acme" || dp.Creator != "Test Certification" {
		t.Errorf("doc props %+v", dp)
	}
}

// Without a client record, and for one standard with no adjustment.
func TestAuditTimeWorkbookFromFigures(t *testing.T) {
	in := audittime.Input{Standards: []string{"27001"}, EffectivePersonnel: 40.2}
	res, err := audittime.Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	_, rows, _ := readPage(t, AuditTimeSheetName, func(w io.Writer) error {
		return Workbooks{}.WriteAuditTime(context.Background(), w, &document.AuditTimeSheet{Input: in, Result: res})
	})
	if r := atFind(t, rows, 0, "Client"); rows[r-1][1] != "Calculated from figures, no client record" {
		t.Errorf("client %q", rows[r-1])
	}
	if r := atFind(t, rows, 0, "Adjustments"); !strings.HasPrefix(rows[r][0], "No adjustment") {
		t.Errorf("adjustments %q", rows[r])
	}
	base := atFind(t, rows, 0, "Base time per standard") + 2
	if rows[base-1][6] != "40.2 → 41" {
		t.Errorf("personnel counted %q", rows[base-1])
	}
	for _, gone := range []string{"Over the sites", "AI roles", "Sum of the adjusted times"} {
		for _, r := range rows {
			if len(r) > 0 && r[0] == gone {
				t.Errorf("%q shown for one standard without sites or AI", gone)
			}
		}
	}
	if err := (Workbooks{}).WriteAuditTime(context.Background(), io.Discard, &document.AuditTimeSheet{}); err == nil {
		t.Error("a sheet without a result was written")
	}
}
