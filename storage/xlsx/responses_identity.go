package xlsx

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/document"
)

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
