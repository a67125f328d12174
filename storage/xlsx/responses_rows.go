package xlsx

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

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
		}
		for f, p := range rowTexts(&r) {
			vals[f] = *p
		}
		for f, p := range rowDates(&r) {
			vals[f] = *p
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
