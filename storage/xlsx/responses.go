package xlsx

// The client's response form (issue 5): the open nonconformities of a
// client with locked finding columns and open columns for the response,
// and the reader that takes the filled form back. The layout (sheet
// names, columns, titles) is in formColumns and the constants below; the
// reader finds columns by their titles, so a form re-saved by LibreOffice
// or Excel reads back.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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

// WriteResponseForm writes a client's response form: an instructions
// sheet, the findings with their locked columns and open, validated
// response columns (protected), and a very hidden sheet with the form's
// identity and fingerprint.
func (Workbooks) WriteResponseForm(ctx context.Context, w io.Writer, form *document.ResponseForm) error {
	if form == nil || len(form.Rows) == 0 {
		return errors.New("xlsx: a response form needs at least one finding")
	}
	if len(form.Rows) > document.MaxFormRows {
		return fmt.Errorf("xlsx: a response form holds at most %d findings, not %d", document.MaxFormRows, len(form.Rows))
	}
	b, err := New(Meta{Title: "Response to audit findings", Body: form.Body, AsOf: form.AsOf,
		Note: "For " + form.ClientName + ": fill in the white columns on the sheet Findings and send this workbook back."})
	if err != nil {
		return err
	}
	defer b.Close()
	f := b.File()
	st, err := newFormStyles(f)
	if err != nil {
		return err
	}
	for _, name := range []string{formInfoSheet, formRowsSheet, formIDSheet} {
		if err := b.AddSheet(name); err != nil {
			return err
		}
	}
	if err := writeFormInfo(b, st, form); err != nil {
		return err
	}
	if err := writeFormRows(ctx, b, st, form); err != nil {
		return err
	}
	if err := writeFormIdentity(f, form); err != nil {
		return err
	}
	if err := f.SetSheetVisible(formIDSheet, false, true); err != nil {
		return err
	}
	if err := f.ProtectWorkbook(&excelize.WorkbookProtectionOptions{Password: formPassword, LockStructure: true}); err != nil {
		return err
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: "Response to audit findings — " + form.ClientName, Subject: "Client response form",
		Creator: form.Body, Keywords: "CertDesk response form", Created: form.AsOf.Time().Format(time.RFC3339),
		Modified: form.AsOf.Time().Format(time.RFC3339), LastModifiedBy: "CertDesk", Description: "Written by CertDesk. Form " + form.Fingerprint[:min(16, len(form.Fingerprint))],
		Language: "en-GB"}); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return b.Write(w)
}

// formInfoCells are where the instructions sheet shows the identity (the
// reader names them in problems).
var formInfoCells = map[document.ResponseField]string{
	document.FieldBody:   formInfoSheet + "!A2",
	document.FieldClient: formInfoSheet + "!B4",
	document.FieldAudit:  formInfoSheet + "!B5",
	document.FieldForm:   formInfoSheet + "!B9",
}

func writeFormInfo(b *Book, st *formStyles, form *document.ResponseForm) error {
	f, sh := b.File(), formInfoSheet
	set := func(cell string, v any, style int) error {
		if err := f.SetCellValue(sh, cell, v); err != nil {
			return err
		}
		return f.SetCellStyle(sh, cell, cell, style)
	}
	if err := b.pageView(sh, []float64{24, 92}); err != nil {
		return err
	}
	audits := "Every open finding of the client:"
	if form.AuditID != 0 {
		audits = ""
	}
	for _, a := range form.Audits {
		if audits != "" {
			audits += "\n"
		}
		audits += a.Label()
	}
	earliest, overdue := certification.Date(0), 0
	for _, r := range form.Rows {
		if r.Status == certification.FindingResponded || r.ResponseDue.IsZero() {
			continue
		}
		if earliest == 0 || r.ResponseDue < earliest {
			earliest = r.ResponseDue
		}
		if r.Overdue {
			overdue++
		}
	}
	due := earliest.String()
	dueStyle := b.ValueStyle()
	if overdue > 0 {
		due += fmt.Sprintf(" — %d response(s) overdue", overdue)
		dueStyle = st.infoValueRed
	}
	if earliest == 0 {
		due = "—"
	}
	sub := form.Body + " · written " + form.AsOf.String()
	rows := []struct {
		cell  string
		v     any
		style int
	}{
		{"A1", "Response to audit findings", b.TitleStyle()},
		{"A2", sub, b.SubtitleStyle()},
		{"A4", "Client", b.LabelStyle()}, {"B4", form.ClientName, b.ValueStyle()},
		{"A5", "Audit", b.LabelStyle()}, {"B5", audits, b.WrapStyle()},
		{"A6", "Form written", b.LabelStyle()}, {"B6", form.AsOf.String(), b.ValueStyle()},
		{"A7", "Findings to answer", b.LabelStyle()}, {"B7", fmt.Sprintf("%d", len(form.Rows)), b.ValueStyle()},
		{"A8", "First response due", b.LabelStyle()}, {"B8", due, dueStyle},
		{"A9", "Form reference", b.LabelStyle()}, {"B9", form.Fingerprint[:min(16, len(form.Fingerprint))], b.ValueStyle()},
		{"A11", "What to do", b.SectionStyle()},
	}
	for _, r := range rows {
		if err := set(r.cell, r.v, r.style); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, 1, 24); err != nil {
		return err
	}
	if n := strings.Count(audits, "\n") + 1; n > 1 {
		if err := f.SetRowHeight(sh, 5, float64(15*n)); err != nil {
			return err
		}
	}
	steps := []string{
		"The sheet Findings lists each nonconformity the audit team raised that needs your response. The grey columns are the body's record; they are locked.",
		"For each finding, fill in the white columns: the root cause (why it happened), the correction (what you did about this case) with its date, the corrective action (what stops it happening again) with its planned completion date, your name, and the date of your response.",
		"Dates: type them as YYYY-MM-DD (for example " + form.AsOf.AddDays(30).String() + ") or pick a date; they lie between the day the finding was raised and two years later. Texts: up to 10,000 characters per cell; press Alt+Enter for a new line.",
		"Answer by the date in Response due. A red date is overdue: answer at once, or tell the body when you will.",
		"A finding you answered before shows your response; change it only to replace it. If the body did not accept a response, the Status column says why: improve the response and date it again.",
		"Save the workbook as it is (Excel .xlsx, the same file; LibreOffice: keep the format) and send it back to " + form.Body + ". Do not copy the rows into another file, add or remove rows or sheets: CertDesk reads this file back and checks it.",
	}
	for i, s := range steps {
		row := 12 + i
		num, _ := excelize.CoordinatesToCellName(1, row)
		cell, _ := excelize.CoordinatesToCellName(2, row)
		if err := set(num, fmt.Sprintf("%d.", i+1), b.LabelStyle()); err != nil {
			return err
		}
		if err := set(cell, s, b.WrapStyle()); err != nil {
			return err
		}
		if err := f.SetRowHeight(sh, row, float64(15*(1+utf8.RuneCountInString(s)/95))+3); err != nil {
			return err
		}
	}
	if err := (printLayout{}).setUp(f, sh); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{Password: formPassword, SelectLockedCells: true, SelectUnlockedCells: true})
}

func writeFormRows(ctx context.Context, b *Book, st *formStyles, form *document.ResponseForm) error {
	f, sh := b.File(), formRowsSheet
	last := len(formColumns) - 1
	firstOpen := slices.IndexFunc(formColumns, func(c formColumn) bool { return c.open })
	for i, c := range formColumns {
		if err := f.SetColWidth(sh, formCol(i), formCol(i), c.width); err != nil {
			return err
		}
	}
	// Title block, as on every CertDesk register.
	title := []struct {
		cell  string
		v     string
		style int
	}{
		{"A1", "Response to audit findings — " + form.ClientName, b.TitleStyle()},
		{"A2", form.Body + " · written " + form.AsOf.String(), b.SubtitleStyle()},
		{"A3", "Fill in the white columns (" + formCol(firstOpen) + "–" + formCol(last) + "). The grey columns are the body's record and are locked. See the sheet Instructions.", b.SubtitleStyle()},
		{"A4", "The body's finding (locked)", st.lockedBanner},
		{formCol(firstOpen) + "4", "Your response", st.openBanner},
	}
	for _, t := range title {
		if err := f.SetCellStr(sh, t.cell, t.v); err != nil {
			return err
		}
		if err := f.SetCellStyle(sh, t.cell, t.cell, t.style); err != nil {
			return err
		}
	}
	if err := f.MergeCell(sh, "A4", formCol(firstOpen-1)+"4"); err != nil {
		return err
	}
	if err := f.MergeCell(sh, formCol(firstOpen)+"4", formCol(last)+"4"); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, "A4", formCol(firstOpen-1)+"4", st.lockedBanner); err != nil {
		return err
	}
	if err := f.SetCellStyle(sh, formCol(firstOpen)+"4", formCol(last)+"4", st.openBanner); err != nil {
		return err
	}
	if err := f.SetRowHeight(sh, 1, 22); err != nil {
		return err
	}
	for i, c := range formColumns {
		cell := formCol(i) + strconv.Itoa(formHeaderRow)
		if err := f.SetCellStr(sh, cell, c.title); err != nil {
			return err
		}
		style := b.HeaderStyle()
		if c.open {
			style = st.openHeader
		}
		if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
			return err
		}
	}
	if err := f.SetRowHeight(sh, formHeaderRow, 32); err != nil {
		return err
	}
	auditLabel := map[certification.ID]string{}
	standards := map[certification.Standard]bool{}
	for _, a := range form.Audits {
		standards[a.Standard] = true
	}
	for _, a := range form.Audits {
		label := fmt.Sprintf("%s\n%s", a.Kind.Label(), a.Start)
		if len(standards) > 1 {
			label += " (" + a.Standard.Short() + ")"
		}
		auditLabel[a.ID] = label
	}
	for n, r := range form.Rows {
		if n%200 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		row := formHeaderRow + 1 + n
		// Rows get a height from their longest text (spreadsheets do not
		// fit wrapped rows on opening), and room to write an answer.
		lines := 4
		for i, c := range formColumns {
			var text string
			switch {
			case c.field == document.FieldRequirement:
				text = r.Requirement
			case c.field == document.FieldEvidence:
				text = r.Evidence
			case c.title == "Status":
				text = r.StatusText()
			case c.title == "Audit":
				text = auditLabel[r.AuditID]
			case c.field == document.FieldRootCause:
				text = r.RootCause
			case c.field == document.FieldCorrection:
				text = r.Correction
			case c.field == document.FieldCorrectiveAction:
				text = r.CorrectiveAction
			}
			lines = max(lines, formLines(text, formColumns[i].width))
		}
		if err := f.SetRowHeight(sh, row, min(409, float64(lines)*14.5+4)); err != nil {
			return err
		}
		vals := map[document.ResponseField]any{
			document.FieldFindingID: int(r.FindingID), document.FieldNumber: r.Number, document.FieldGrade: r.Grade.Label(),
			document.FieldReference: r.Reference, document.FieldRequirement: r.Requirement, document.FieldEvidence: r.Evidence,
			document.FieldResponseDue: r.ResponseDue,
			document.FieldRootCause:   r.RootCause, document.FieldCorrection: r.Correction, document.FieldCorrectionDate: r.CorrectionDate,
			document.FieldCorrectiveAction: r.CorrectiveAction, document.FieldActionDate: r.ActionDate,
			document.FieldRespondedBy: r.RespondedBy, document.FieldReceived: r.Received,
		}
		for i, c := range formColumns {
			cell := formCol(i) + strconv.Itoa(row)
			var v any
			switch {
			case c.field != "":
				v = vals[c.field]
			case c.title == "Audit":
				v = auditLabel[r.AuditID]
			case c.title == "Status":
				v = r.StatusText()
			}
			style := st.locked[c.kind]
			if c.open {
				style = st.open[c.kind]
			}
			switch {
			case c.field == document.FieldResponseDue && r.Overdue:
				style = st.dueOverdue
			case c.field == document.FieldResponseDue && r.DueSoon:
				style = st.dueSoon
			case c.title == "Status" && r.Status == certification.FindingPlanRejected:
				style = st.statusWarn
			}
			if v = cellValue(v); v == "" {
				v = nil
			}
			// The style first: a date written into a cell without a date
			// style would get a style of its own.
			if err := f.SetCellStyle(sh, cell, cell, style); err != nil {
				return err
			}
			if v != nil {
				if err := f.SetCellValue(sh, cell, v); err != nil {
					return err
				}
			}
		}
	}
	lastRow := formHeaderRow + len(form.Rows)
	if err := formValidations(f, form, lastRow); err != nil {
		return err
	}
	stripes := false
	if err := f.AddTable(sh, &excelize.Table{Range: fmt.Sprintf("A%d:%s%d", formHeaderRow, formCol(last), lastRow), Name: "Responses",
		StyleName: "TableStyleLight1", ShowRowStripes: &stripes}); err != nil {
		return err
	}
	top := "F" + strconv.Itoa(formHeaderRow+1)
	if err := f.SetPanes(sh, &excelize.Panes{Freeze: true, XSplit: 5, YSplit: formHeaderRow, TopLeftCell: top, ActivePane: "bottomRight",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomRight"}}}); err != nil {
		return err
	}
	if err := (printLayout{paper: paperA3, landscape: true, titleRow: formHeaderRow}).setUp(f, sh); err != nil {
		return err
	}
	return f.ProtectSheet(sh, &excelize.SheetProtectionOptions{Password: formPassword, SelectLockedCells: true, SelectUnlockedCells: true,
		FormatRows: true, FormatColumns: true})
}

// formLines estimates how many lines text takes wrapped in a column of
// width characters.
func formLines(text string, width float64) int {
	per := max(1, int(width*1.1))
	n := 0
	for _, l := range strings.Split(text, "\n") {
		n += max(1, (utf8.RuneCountInString(l)+per-1)/per)
	}
	return n
}

// formValidations adds the open columns' data validation: text lengths,
// and dates between the finding's date and two years later (the date of
// response: not after today), grouped by the rows that share a span.
func formValidations(f *excelize.File, form *document.ResponseForm, lastRow int) error {
	first := formHeaderRow + 1
	colOf := func(field document.ResponseField) (string, formColumn) {
		i := slices.IndexFunc(formColumns, func(c formColumn) bool { return c.field == field })
		return formCol(i), formColumns[i]
	}
	for _, t := range []struct {
		field document.ResponseField
		max   int
	}{
		{document.FieldRootCause, document.MaxResponseText},
		{document.FieldCorrection, document.MaxResponseText},
		{document.FieldCorrectiveAction, document.MaxResponseText},
		{document.FieldRespondedBy, document.MaxResponderName},
	} {
		col, c := colOf(t.field)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(fmt.Sprintf("%s%d:%s%d", col, first, col, lastRow))
		if err := dv.SetRange(0, t.max, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween); err != nil {
			return err
		}
		dv.SetInput(c.title, c.help)
		dv.SetError(excelize.DataValidationErrorStyleStop, "Too long", fmt.Sprintf("At most %d characters fit in this cell.", t.max))
		if err := f.AddDataValidation(formRowsSheet, dv); err != nil {
			return err
		}
	}
	type span struct{ from, to certification.Date }
	type group struct {
		span
		rows []int
	}
	var groups []*group
	for n := range form.Rows {
		from, to := form.Rows[n].DateRange()
		if from.IsZero() {
			from, to = form.AsOf.AddMonths(-document.PlanHorizonMonths), form.AsOf.AddMonths(document.PlanHorizonMonths)
		}
		i := slices.IndexFunc(groups, func(g *group) bool { return g.span == span{from, to} })
		if i < 0 {
			groups = append(groups, &group{span: span{from, to}})
			i = len(groups) - 1
		}
		groups[i].rows = append(groups[i].rows, first+n)
	}
	for _, g := range groups {
		for _, field := range []document.ResponseField{document.FieldCorrectionDate, document.FieldActionDate, document.FieldReceived} {
			col, c := colOf(field)
			dv := excelize.NewDataValidation(true)
			for _, r := range g.rows {
				dv.SetSqref(fmt.Sprintf("%s%d", col, r))
			}
			to, until := any(formSerial(g.to)), g.to.String()
			if field == document.FieldReceived {
				to, until = "TODAY()", "today"
			}
			if err := dv.SetRange(formSerial(g.from), to, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
			dv.SetInput(c.title, c.help)
			dv.SetError(excelize.DataValidationErrorStyleStop, "Not a valid date",
				fmt.Sprintf("Write a date from %s (the finding) to %s, as YYYY-MM-DD.", g.from, until))
			if err := f.AddDataValidation(formRowsSheet, dv); err != nil {
				return err
			}
		}
	}
	return nil
}

// identity keys of the Form sheet, in order from row 1.
var formIdentityKeys = []string{formMarker, "body", "client", "client name", "audit", "audits", "as of", "fingerprint", "sheet", "header row", "rows"}

func writeFormIdentity(f *excelize.File, form *document.ResponseForm) error {
	var audits []string
	for _, a := range form.Audits {
		audits = append(audits, a.ID.String())
	}
	vals := []string{strconv.Itoa(form.Version), form.Body, form.ClientID.String(), form.ClientName, form.AuditID.String(), strings.Join(audits, ","),
		form.AsOf.String(), form.Fingerprint, formRowsSheet, strconv.Itoa(formHeaderRow), strconv.Itoa(len(form.Rows))}
	for i, k := range formIdentityKeys {
		if err := f.SetCellStr(formIDSheet, fmt.Sprintf("A%d", i+1), k); err != nil {
			return err
		}
		if err := f.SetCellStr(formIDSheet, fmt.Sprintf("B%d", i+1), vals[i]); err != nil {
			return err
		}
	}
	return f.ProtectSheet(formIDSheet, &excelize.SheetProtectionOptions{Password: formPassword})
}

// notAForm is the refusal of a workbook that is not a response form.
func notAForm(format string, args ...any) error {
	return &certification.RuleError{Rule: certification.RuleResponseForm, Msg: fmt.Sprintf(format, args...)}
}

// unreadable refuses a workbook excelize cannot parse at where.
func unreadable(where string, err error) error {
	if strings.Contains(err.Error(), "invalid UTF-8") {
		return notAForm("the workbook holds bytes that are not text (invalid UTF-8), so it is damaged: open it in Excel or LibreOffice, retype the damaged cells and save it as .xlsx")
	}
	return notAForm("%s cannot be read (%v): send back the response form as CertDesk wrote it", where, err)
}

// ReadResponseForm reads a filled response form. A workbook that is not
// a CertDesk response form (or is damaged beyond reading) is refused
// with an error; a bad value in a cell is a problem of the form, named
// by its cell, and the reading goes on.
func (Workbooks) ReadResponseForm(ctx context.Context, r io.Reader) (form *document.ResponseForm, err error) {
	defer func() {
		if v := recover(); v != nil {
			form, err = nil, notAForm("the workbook could not be read (%v): send back the response form as CertDesk wrote it", v)
		}
	}()
	data, err := io.ReadAll(io.LimitReader(r, maxFormBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxFormBytes {
		return nil, notAForm("the file is larger than %d MB: a response form is much smaller; send back the workbook CertDesk wrote", maxFormBytes>>20)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 200 << 20, UnzipXMLSizeLimit: 32 << 20})
	if err != nil {
		return nil, notAForm("this is not an Excel workbook (.xlsx) CertDesk can read (%v): send back the response form as an .xlsx file", err)
	}
	defer f.Close()
	form, err = readFormIdentity(f)
	if err != nil {
		return nil, err
	}
	if err := readFormRows(ctx, f, form); err != nil {
		return nil, err
	}
	return form, nil
}

func readFormIdentity(f *excelize.File) (*document.ResponseForm, error) {
	if idx, err := f.GetSheetIndex(formIDSheet); err != nil || idx < 0 {
		return nil, notAForm("this workbook is not a CertDesk response form (it has no %s sheet): send back the workbook CertDesk wrote, filled in", formIDSheet)
	}
	vals := make([]string, len(formIdentityKeys))
	for i, k := range formIdentityKeys {
		key, err := f.GetCellValue(formIDSheet, fmt.Sprintf("A%d", i+1))
		if err != nil {
			return nil, unreadable("the form's identity", err)
		}
		if strings.TrimSpace(key) != k {
			if i == 0 {
				return nil, notAForm("this workbook is not a CertDesk response form: send back the workbook CertDesk wrote, filled in")
			}
			return nil, notAForm("%s!A%d: the form's identity was changed (%q, not %q): send back the form as CertDesk wrote it", formIDSheet, i+1, formShort(key), k)
		}
		v, err := f.GetCellValue(formIDSheet, fmt.Sprintf("B%d", i+1), excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, unreadable("the form's identity", err)
		}
		if utf8.RuneCountInString(v) > 1000 || !utf8.ValidString(v) {
			return nil, notAForm("%s!B%d: the form's identity is damaged: export a new form", formIDSheet, i+1)
		}
		vals[i] = strings.TrimSpace(v)
	}
	bad := func(i int, what string) error {
		return notAForm("%s!B%d: the form's %s (%q) is damaged: send back the form as CertDesk wrote it, or export a new one", formIDSheet, i+1, what, formShort(vals[i]))
	}
	form := &document.ResponseForm{Body: vals[1], ClientName: vals[3], Fingerprint: vals[7]}
	var err error
	if form.Version, err = strconv.Atoi(vals[0]); err != nil {
		return nil, bad(0, "version")
	}
	if form.ClientID, err = certification.ParseID(vals[2]); err != nil || form.ClientID == 0 {
		return nil, bad(2, "client")
	}
	if vals[4] != "0" {
		if form.AuditID, err = certification.ParseID(vals[4]); err != nil {
			return nil, bad(4, "audit")
		}
	}
	for _, s := range strings.Split(vals[5], ",") {
		id, err := certification.ParseID(strings.TrimSpace(s))
		if err != nil || id == 0 || len(form.Audits) > 1000 {
			return nil, bad(5, "audits")
		}
		form.Audits = append(form.Audits, document.FormAudit{ID: id})
	}
	if form.AsOf, err = certification.ParseDate(vals[6]); err != nil {
		return nil, bad(6, "date")
	}
	if vals[8] != formRowsSheet {
		return nil, bad(8, "sheet")
	}
	if h, err := strconv.Atoi(vals[9]); err != nil || h != formHeaderRow {
		return nil, bad(9, "header row")
	}
	form.Layout = &document.FormLayout{Sheet: formRowsSheet, Columns: map[document.ResponseField]string{}, Identity: maps.Clone(formInfoCells)}
	return form, nil
}

func readFormRows(ctx context.Context, f *excelize.File, form *document.ResponseForm) error {
	if idx, err := f.GetSheetIndex(formRowsSheet); err != nil || idx < 0 {
		return notAForm("the workbook has no sheet %s: send back the response form with its sheets as CertDesk wrote them", formRowsSheet)
	}
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	rows, err := f.Rows(formRowsSheet)
	if err != nil {
		return unreadable("the sheet "+formRowsSheet, err)
	}
	defer rows.Close()
	cols := map[int]formColumn{} // sheet column index (0-based) → column
	line, blank := 0, 0
	for rows.Next() {
		line++
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return unreadable(fmt.Sprintf("%s row %d", formRowsSheet, line), err)
		}
		if line < formHeaderRow {
			continue
		}
		if line == formHeaderRow {
			if err := formHeader(cells, cols, form.Layout); err != nil {
				return err
			}
			continue
		}
		if line%200 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if formBlank(cells) {
			blank++
			if blank > 10000 {
				break // nothing but empty rows below
			}
			continue
		}
		if len(form.Rows) >= document.MaxFormRows {
			return notAForm("%s!A%d: the sheet has more than %d rows: a response form holds the findings CertDesk wrote", formRowsSheet, line, document.MaxFormRows)
		}
		form.Rows = append(form.Rows, readFormRow(form, len(form.Rows), line, cells, cols, date1904))
	}
	if err := rows.Error(); err != nil {
		return unreadable("the sheet "+formRowsSheet, err)
	}
	if len(cols) == 0 {
		return notAForm("%s row %d: the header is missing: send back the response form as CertDesk wrote it", formRowsSheet, formHeaderRow)
	}
	return nil
}

// formHeader maps the header's titles to the form's columns; every read
// column must be there.
func formHeader(cells []string, cols map[int]formColumn, layout *document.FormLayout) error {
	for i, v := range cells {
		v = strings.Join(strings.Fields(v), " ")
		for _, c := range formColumns {
			if c.field != "" && strings.EqualFold(v, c.title) {
				if _, dup := layout.Columns[c.field]; dup {
					return notAForm("%s!%s%d: the column %q appears twice: send back the response form as CertDesk wrote it", formRowsSheet, formCol(i), formHeaderRow, c.title)
				}
				cols[i] = c
				layout.Columns[c.field] = formCol(i)
			}
		}
	}
	for i, c := range formColumns {
		if c.field != "" && layout.Columns[c.field] == "" {
			return notAForm("%s!%s%d: the column %q is missing: send back the response form with its columns as CertDesk wrote them", formRowsSheet, formCol(i), formHeaderRow, c.title)
		}
	}
	return nil
}

func formBlank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// readFormRow reads one row; bad cells become problems of the form.
func readFormRow(form *document.ResponseForm, idx, line int, cells []string, cols map[int]formColumn, date1904 bool) document.ResponseRow {
	row := document.ResponseRow{Line: line}
	problem := func(field document.ResponseField, format string, args ...any) {
		form.Problems = append(form.Problems, document.ResponseProblem{Row: idx, Field: field,
			Cell: fmt.Sprintf("%s!%s%d", formRowsSheet, form.Layout.Columns[field], line), Msg: fmt.Sprintf(format, args...)})
	}
	for i, raw := range cells {
		c, ok := cols[i]
		if !ok {
			continue
		}
		if !utf8.ValidString(raw) {
			problem(c.field, "the cell holds bytes that are not text (invalid UTF-8): clear it and type the text again")
			continue
		}
		v := strings.TrimSpace(raw)
		if v == "" {
			continue
		}
		limit := maxCellChars
		if !c.open {
			limit = document.FormTextLimit
		}
		if n := utf8.RuneCountInString(v); n > limit {
			problem(c.field, "the text has %d characters; at most %d fit in a cell of the form: shorten it or send details separately", n, limit)
			continue
		}
		switch c.kind {
		case Date:
			d, err := formCellDate(v, date1904)
			if err != nil {
				problem(c.field, "%v", err)
				continue
			}
			switch c.field {
			case document.FieldResponseDue:
				row.ResponseDue = d
			case document.FieldCorrectionDate:
				row.CorrectionDate = d
			case document.FieldActionDate:
				row.ActionDate = d
			case document.FieldReceived:
				row.Received = d
			}
		case Int:
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n != math.Trunc(n) || n < 0 || n > 1e15 {
				if c.field == document.FieldFindingID {
					problem(c.field, "%s is not a finding ID: this locked column must stay as CertDesk wrote it", formShort(v))
				} else {
					problem(c.field, "%s is not a number: this locked column must stay as CertDesk wrote it", formShort(v))
				}
				continue
			}
			if c.field == document.FieldFindingID {
				row.FindingID = certification.ID(n)
			} else {
				row.Number = int(n)
			}
		default:
			switch c.field {
			case document.FieldGrade:
				row.Grade = document.GradeOf(v)
			case document.FieldReference:
				row.Reference = v
			case document.FieldRequirement:
				row.Requirement = v
			case document.FieldEvidence:
				row.Evidence = v
			case document.FieldRootCause:
				row.RootCause = v
			case document.FieldCorrection:
				row.Correction = v
			case document.FieldCorrectiveAction:
				row.CorrectiveAction = v
			case document.FieldRespondedBy:
				row.RespondedBy = v
			}
		}
	}
	return row
}

// cellDate reads a date cell (an Excel serial) or an ISO date typed as
// text.
func formCellDate(v string, date1904 bool) (certification.Date, error) {
	if d, err := certification.ParseDate(v); err == nil {
		return d, nil
	}
	bad := fmt.Errorf("%s is not a date: write YYYY-MM-DD or use a date cell", strconv.Quote(formShort(v)))
	// A serial, possibly with a time of day; text that only looks like a
	// number is taken as one too (the range check below keeps it honest).
	n, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(n) || math.IsInf(n, 0) || n < 1 || n > 2958465 {
		if len(v) > 10 && v[10] == 'T' || len(v) > 10 && v[10] == ' ' {
			if d, err := certification.ParseDate(v[:10]); err == nil {
				return d, nil
			}
		}
		return 0, bad
	}
	t, err := excelize.ExcelDateToTime(n, date1904)
	if err != nil {
		return 0, bad
	}
	d, err := certification.ParseDate(t.Format("2006-01-02"))
	if err != nil {
		return 0, bad
	}
	return d, nil
}

// short cuts a value for a message.
func formShort(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = s[:i] + "…"
	}
	if utf8.RuneCountInString(s) > 40 {
		s = string([]rune(s)[:39]) + "…"
	}
	return s
}
