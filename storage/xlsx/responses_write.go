package xlsx

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

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
