package xlsx

// The documents of one audit: the audit plan sent to the client before
// the visit (cover, proposed timetable, team) and the audit report
// (cover with the report's contents, checklist, findings). Covers and
// timetables are written cell by cell (one printed page or two);
// checklist and findings are streamed tables with filters.

import (
	"context"
	"io"

	"github.com/xuri/excelize/v2"

	"certdesk/certification/document"
)

var _ document.AuditPackWriter = Workbooks{}

// Sheet names of the audit plan and the audit report.
const (
	PlanCoverSheet     = "Audit plan"
	PlanTimetableSheet = "Timetable"
	PlanTeamSheet      = "Team"
	ReportCoverSheet   = "Report"
	ReportChecklist    = "Checklist"
	ReportFindings     = "Findings"
)

// AuditPlan writes the audit plan workbook for the client.
func (Workbooks) AuditPlan(ctx context.Context, w io.Writer, p *document.AuditPack) error {
	return packWrite(ctx, w, p, "Audit plan", planCover, planTimetable, planTeam)
}

// AuditReport writes the audit report workbook.
func (Workbooks) AuditReport(ctx context.Context, w io.Writer, p *document.AuditPack) error {
	return packWrite(ctx, w, p, "Audit report", reportCover, reportChecklist, reportFindings, reportEvidence)
}

// packWrite writes the workbook doc of an audit, a sheet a part.
func packWrite(ctx context.Context, w io.Writer, p *document.AuditPack, doc string, parts ...func(*Book, *packStyles, *document.AuditPack) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := New(Meta{Title: doc + " — " + packKindTitle(p), Body: p.Body, AsOf: p.AsOf, Note: packNote(p)})
	if err != nil {
		return err
	}
	defer b.Close()
	st, err := newPackStyles(b)
	if err != nil {
		return err
	}
	steps := make([]func() error, len(parts))
	for i, part := range parts {
		steps[i] = func() error { return part(b, st, p) }
	}
	return b.writeSteps(ctx, w, steps...)
}

// ---- styles ----

// packStyles are the styles the audit documents add to the Book's.
type packStyles struct {
	date, dateBold, note, strong, right, dayHead, dayDate, cell, cellBold, cellMuted, sign int
	tone                                                                                   [tones]int // bordered value cells in a tone
}

func newPackStyles(b *Book) (*packStyles, error) {
	f := b.File()
	st := &packStyles{}
	border := []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}
	font := func(bold, italic bool, color string) *excelize.Font {
		return &excelize.Font{Bold: bold, Italic: italic, Color: color, Family: "Calibri", Size: 11}
	}
	top := func(wrap bool) *excelize.Alignment {
		return &excelize.Alignment{Vertical: "top", Horizontal: "left", WrapText: wrap}
	}
	iso := "yyyy-mm-dd"
	long := "dddd d mmmm yyyy"
	dayFill := solid("DDEBF7")
	defs := []styleDef{
		{&st.date, &excelize.Style{Font: font(false, false, ""), Alignment: top(false), Border: border, CustomNumFmt: &iso}},
		{&st.dateBold, &excelize.Style{Font: font(true, false, ""), Alignment: top(false), Border: border, CustomNumFmt: &iso}},
		{&st.note, &excelize.Style{Font: font(false, true, "595959"), Alignment: top(true)}},
		{&st.strong, &excelize.Style{Font: font(true, false, ""), Alignment: top(true), Border: border}},
		{&st.right, &excelize.Style{Font: font(false, false, "595959"), Alignment: &excelize.Alignment{Vertical: "bottom", Horizontal: "right", Indent: 1}}},
		{&st.dayHead, &excelize.Style{Font: font(true, false, "1F4E78"), Fill: dayFill, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.dayDate, &excelize.Style{Font: font(true, false, "1F4E78"), Fill: dayFill, Alignment: &excelize.Alignment{Vertical: "center", Horizontal: "left"}, CustomNumFmt: &long}},
		{&st.cell, &excelize.Style{Font: font(false, false, ""), Alignment: top(true), Border: border}},
		{&st.cellBold, &excelize.Style{Font: font(true, false, ""), Alignment: top(true), Border: border}},
		{&st.cellMuted, &excelize.Style{Font: font(false, true, "7F7F7F"), Alignment: top(true), Border: border}},
		{&st.sign, &excelize.Style{Font: font(false, false, ""), Alignment: &excelize.Alignment{Vertical: "bottom"}, Border: []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}}},
	}
	for t := range tones {
		s := toneStyle(Wrap, Tone(t))
		s.Font.Bold, s.Alignment.Horizontal, s.Border = t != Plain, "left", border
		defs = append(defs, styleDef{&st.tone[t], s})
	}
	if err := newStyles(f, defs); err != nil {
		return nil, err
	}
	return st, nil
}
