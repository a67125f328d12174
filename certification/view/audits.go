package view

import (
	"cmp"
	"context"
	"slices"

	"certdesk/certification"
)

// AuditRow is one line of a list of audits (the programme, the audit
// picker): the audit's summary with the names shown beside it.
type AuditRow struct {
	certification.AuditSummary
	ClientName string                 `json:"client_name"`
	Standard   certification.Standard `json:"standard"`
	LeadName   string                 `json:"lead_name,omitempty"`
}

// AuditsBetween lists the audits starting in the months from from to to
// (inclusive), by start date (then id). It reads the audits' covering
// keys (certification.IndexAuditRow) and decodes no audit; the names
// are looked up once each (auditNames).
func AuditsBetween(ctx context.Context, r Reader, from, to certification.Date) ([]AuditRow, error) {
	return AuditsWhere(ctx, r, from, to, nil)
}

// AuditsWhere is AuditsBetween of the audits keep keeps (nil: all),
// chosen before their names are looked up.
func AuditsWhere(ctx context.Context, r Reader, from, to certification.Date, keep func(*certification.AuditSummary) bool) ([]AuditRow, error) {
	var out []AuditRow
	err := r.View(ctx, func(tx certification.Tx) error {
		lo, hi := certification.AuditRowMonths(from, to)
		if err := tx.Range(certification.IndexAuditRow, lo, hi, func(value []byte, id certification.ID) error {
			s, err := certification.DecodeAuditRow(value, id)
			if err != nil {
				return err
			}
			if keep == nil || keep(&s) {
				out = append(out, AuditRow{AuditSummary: s})
			}
			return nil
		}); err != nil {
			return err
		}
		return auditNames(tx, out)
	})
	if err != nil {
		return nil, err
	}
	// The keys come by start date; the id breaks ties, as it did when
	// the audits were read through the month index.
	slices.SortFunc(out, func(a, b AuditRow) int {
		return cmp.Or(cmp.Compare(a.Start(), b.Start()), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}
