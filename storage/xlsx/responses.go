package xlsx

// The client's response form (issue 5): the open nonconformities of a
// client with locked finding columns and open columns for the response,
// and the reader that takes the filled form back. The layout (sheet
// names, columns, titles) is in formColumns and the constants below; the
// reader finds columns by their titles, so a form re-saved by LibreOffice
// or Excel reads back.

import (
	"time"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

var _ document.ResponseWorkbook = Workbooks{}

const (
	formInfoSheet = "Instructions"
	formRowsSheet = "Findings"
	formIDSheet   = "Form" // very hidden: the form's identity
	formMarker    = "CertDesk response form"
	// formHeaderRow is the header of the Findings sheet; rows follow it.
	formHeaderRow = 5
	// formPassword protects the sheets against slips, not against a
	// determined editor: the fingerprint catches those.
	formPassword = "CertDesk"
	// maxFormBytes is the largest workbook the reader opens.
	maxFormBytes = 20 << 20
	// maxCellChars is the longest text the reader takes from any cell.
	maxCellChars = document.MaxResponseText
)

// formColumn is one column of the Findings sheet. field is empty for
// columns that are shown but not read back (the audit, the status).
type formColumn struct {
	field document.ResponseField
	title string
	width float64
	kind  Kind
	open  bool   // the client fills it in
	help  string // the input message of an open column (≤ 255 characters)
}

// formColumns is the layout of the Findings sheet, left to right.
var formColumns = []formColumn{
	{document.FieldFindingID, "ID", 7, Int, false, ""},
	{"", "Audit", 18, Wrap, false, ""},
	{document.FieldNumber, "No.", 5, Int, false, ""},
	{document.FieldGrade, "Grade", 10, Wrap, false, ""},
	{document.FieldReference, "Clause", 8, Text, false, ""},
	{document.FieldRequirement, "Requirement", 28, Wrap, false, ""},
	{document.FieldEvidence, "Finding", 40, Wrap, false, ""},
	{document.FieldResponseDue, "Response due", 12, Date, false, ""},
	{"", "Status", 22, Wrap, false, ""},
	{document.FieldRootCause, "Root cause", 34, Wrap, true,
		"Why was the requirement not met? Look past the symptom: what in your system let it happen?"},
	{document.FieldCorrection, "Correction", 30, Wrap, true,
		"What you did, or will do, to put this case right."},
	{document.FieldCorrectionDate, "Correction done / due", 13, Date, true,
		"The date the correction was or will be done, as YYYY-MM-DD."},
	{document.FieldCorrectiveAction, "Corrective action", 34, Wrap, true,
		"What you will change so that it does not happen again (and how you will check it worked)."},
	{document.FieldActionDate, "Corrective action due", 13, Date, true,
		"The date the corrective action will be complete, as YYYY-MM-DD."},
	{document.FieldRespondedBy, "Responded by", 18, Wrap, true,
		"Your name and role."},
	{document.FieldReceived, "Date of response", 13, Date, true,
		"The date of this response, as YYYY-MM-DD (empty: the day the body imports it)."},
}

// rowTexts and rowDates point at the text and date fields of r by the
// column they are written to and read from.
func rowTexts(r *document.ResponseRow) map[document.ResponseField]*string {
	return map[document.ResponseField]*string{
		document.FieldReference: &r.Reference, document.FieldRequirement: &r.Requirement, document.FieldEvidence: &r.Evidence,
		document.FieldRootCause: &r.RootCause, document.FieldCorrection: &r.Correction, document.FieldCorrectiveAction: &r.CorrectiveAction,
		document.FieldRespondedBy: &r.RespondedBy,
	}
}

func rowDates(r *document.ResponseRow) map[document.ResponseField]*certification.Date {
	return map[document.ResponseField]*certification.Date{
		document.FieldResponseDue: &r.ResponseDue, document.FieldCorrectionDate: &r.CorrectionDate,
		document.FieldActionDate: &r.ActionDate, document.FieldReceived: &r.Received,
	}
}

// colName is the column letter of formColumns[i].
func formCol(i int) string {
	n, _ := excelize.ColumnNumberToName(i + 1)
	return n
}

// excelSerial is d as an Excel date serial (1900 system).
func formSerial(d certification.Date) int {
	return int(d.Time().Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24)
}

// formStyles are the response form's own styles, made once.
type formStyles struct {
	locked                    [kinds]int // grey, protected
	open                      [kinds]int // white, unprotected
	dueOverdue, dueSoon       int
	statusWarn                int
	openHeader                int
	lockedBanner, openBanner  int
	infoValueRed, infoSection int
}

func newFormStyles(f *excelize.File) (*formStyles, error) {
	s := &formStyles{}
	thin := func(color string) []excelize.Border {
		var out []excelize.Border
		for _, side := range []string{"left", "right", "top", "bottom"} {
			out = append(out, excelize.Border{Type: side, Color: color, Style: 1})
		}
		return out
	}
	mk := func(k Kind, fill, font string, bold, locked bool) *excelize.Style {
		st := &excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Color: font, Bold: bold}, Fill: solid(fill),
			Alignment:  &excelize.Alignment{Vertical: "top"},
			Border:     thin(map[bool]string{true: "D9D9D9", false: "A6A6A6"}[locked]),
			Protection: &excelize.Protection{Locked: locked}}
		switch k {
		case Wrap:
			st.Alignment.WrapText = true
		case Date:
			code := "yyyy-mm-dd"
			st.CustomNumFmt = &code
			st.Alignment.Horizontal = "left"
		case Int:
			st.NumFmt = 1
			st.Alignment.Horizontal = "left"
		}
		return st
	}
	var defs []styleDef
	for k := range kinds {
		defs = append(defs, styleDef{&s.locked[k], mk(Kind(k), "F2F2F2", "262626", false, true)}, styleDef{&s.open[k], mk(Kind(k), "", "000000", false, false)})
	}
	banner := func(fill, font string) *excelize.Style {
		return &excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: font}, Fill: solid(fill), Alignment: &excelize.Alignment{Vertical: "center"}}
	}
	defs = append(defs, []styleDef{
		{&s.dueOverdue, mk(Date, palette[Overdue].fill, palette[Overdue].font, true, true)},
		{&s.dueSoon, mk(Date, palette[DueSoon].fill, palette[DueSoon].font, false, true)},
		{&s.statusWarn, mk(Wrap, palette[DueSoon].fill, palette[DueSoon].font, false, true)},
		{&s.openHeader, &excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: "FFFFFF"}, Fill: solid("548235"),
			Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&s.lockedBanner, banner("D9E1F2", "1F4E78")},
		{&s.openBanner, banner("E2EFDA", "375623")},
		{&s.infoValueRed, &excelize.Style{Font: &excelize.Font{Family: "Calibri", Size: 11, Bold: true, Color: palette[Overdue].font},
			Alignment: &excelize.Alignment{Vertical: "top", Horizontal: "left"}, Border: []excelize.Border{{Type: "bottom", Color: "BFBFBF", Style: 1}}}},
	}...)
	if err := newStyles(f, defs); err != nil {
		return nil, err
	}
	return s, nil
}
