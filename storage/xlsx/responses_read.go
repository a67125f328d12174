package xlsx

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

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
	data, scan, err := scanForm(data, formRowsSheet)
	if err != nil {
		return nil, unreadable("the workbook", err)
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
	if err := readFormRows(ctx, f, form, scan); err != nil {
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

func readFormRows(ctx context.Context, f *excelize.File, form *document.ResponseForm, scan formScan) error {
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
		form.Rows = append(form.Rows, readFormRow(form, len(form.Rows), line, cells, cols, date1904, scan))
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
func readFormRow(form *document.ResponseForm, idx, line int, cells []string, cols map[int]formColumn, date1904 bool, scan formScan) document.ResponseRow {
	row := document.ResponseRow{Line: line}
	texts, dates := rowTexts(&row), rowDates(&row)
	problem := func(field document.ResponseField, format string, args ...any) {
		form.Problems = append(form.Problems, document.ResponseProblem{Row: idx, Field: field,
			Cell: fmt.Sprintf("%s!%s%d", formRowsSheet, form.Layout.Columns[field], line), Msg: fmt.Sprintf(format, args...)})
	}
	for i, raw := range cells {
		c, ok := cols[i]
		if !ok {
			continue
		}
		ref, _ := excelize.CoordinatesToCellName(i+1, line)
		if !utf8.ValidString(raw) || scan.damaged[ref] {
			problem(c.field, "the cell holds bytes that are not text (invalid UTF-8): clear it and type the text again")
			continue
		}
		if formula, ok := scan.formulas[ref]; ok {
			problem(c.field, "the cell holds a formula (=%s), not an answer: type the text or date itself; CertDesk does not take a formula's result", formShort(formula))
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
			if p := dates[c.field]; p != nil {
				*p = d
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
			if c.field == document.FieldGrade {
				row.Grade = document.GradeOf(v)
			} else if p := texts[c.field]; p != nil {
				*p = v
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
