package app

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// "Re-do with changes…" on a refused finding: the person picks the audit
// to record it on (one in progress or with its report drafted, the
// original audit's client first), and the audit workspace opens that
// audit with its add-finding form filled with the values the finding
// carried. Recording it takes it off the review list, in the same
// command.

// redoFinding asks for the audit to record the refused finding x on.
func (r *reviewList) redoFinding(it ReviewItem, x certification.Finding) {
	u := r.u
	t := u.today()
	from, to := t.AddMonths(-pickerMonthsBack), t.AddMonths(pickerMonthsAhead)
	query(u, "the audits", func(ctx context.Context, svc *certification.Service) ([]view.AuditRow, error) {
		return openAudits(ctx, svc, from, to, x.AuditID)
	}, func(rows []view.AuditRow) {
		if len(rows) == 0 {
			u.showMessage("No audit to record it on", fmt.Sprintf("No audit starting from %s to %s is in progress or has its report drafted: a finding is recorded on one of those. Copy the values, or discard the change.", from, to), 220)
			return
		}
		labels := make([]string, len(rows))
		for i, a := range rows {
			labels[i] = fmt.Sprintf("%d — %s, %s %s (%s), from %s", a.ID, a.ClientName, a.Standard.Short(), a.Kind.Label(), a.Status.Label(), a.Start())
		}
		pick := widget.NewSelect(labels, nil)
		pick.SetSelectedIndex(0)
		note := widget.NewLabel("The audit workspace opens that audit with the finding's form filled in with the values it carried: change what needs changing and record it. Recording it takes it off the review list.")
		note.Wrapping = fyne.TextWrapWord
		d, n := r.d, it.N
		u.formDialog("Record the finding on another audit", "Open the form", []*widget.FormItem{
			{Text: "Audit", Widget: pick},
			{Text: "", Widget: note},
		}, func() {
			x.AuditID = rows[pick.SelectedIndex()].ID
			r.dlg.Hide()
			u.recordFindingAgain(&findingAgain{x: x, after: func(ctx context.Context) error {
				if err := d.Done(ctx, n); err != nil {
					return fmt.Errorf("the finding is recorded, but change %d was not taken off the review list: %w", n, err)
				}
				return nil
			}})
		}, fyne.NewSize(760, 300))
	})
}

// openAudits are the audits starting between from and to that a finding
// can be recorded on, those of the client of audit near first.
func openAudits(ctx context.Context, svc *certification.Service, from, to certification.Date, near certification.ID) ([]view.AuditRow, error) {
	rows, err := view.AuditsWhere(ctx, svc, from, to, func(a *certification.AuditSummary) bool {
		return a.Status == certification.AuditInProgress || a.Status == certification.AuditReportDrafted
	})
	if err != nil {
		return nil, err
	}
	sortAuditPicker(rows)
	var a certification.Audit // the audit it was recorded on, if it is still there
	if err := svc.View(ctx, func(tx certification.Tx) error { return tx.Get(near, &a) }); err != nil && !errors.Is(err, certification.ErrNotFound) {
		return nil, err
	}
	other := func(r view.AuditRow) int {
		if r.ClientID == a.ClientID {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(rows, func(x, y view.AuditRow) int { return other(x) - other(y) })
	return rows, nil
}

// recordFindingAgain opens the audit workspace on again's audit with the
// add-finding form filled in.
func (u *ui) recordFindingAgain(again *findingAgain) {
	for _, ws := range u.spaces {
		if w, ok := ws.(*auditWS); ok {
			w.again = again
		}
	}
	u.goTo("Audit workspace", recordRef{certification.KindAudit, again.x.AuditID})
}
