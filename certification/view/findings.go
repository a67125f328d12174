package view

// The findings list: every finding (or the open ones) with its client,
// standard and lateness.

import (
	"certdesk/certification"
	"context"
	"slices"
	"strings"
)

// FindingRow is a finding with its client, standard and lateness.
type FindingRow struct {
	certification.Finding
	ClientName string                  `json:"client_name"`
	Standard   certification.Standard  `json:"standard"`
	AuditKind  certification.AuditKind `json:"audit_kind"`
	// AuditDate is the audit's start (actual, else planned).
	AuditDate certification.Date          `json:"audit_date,omitzero"`
	Status    certification.FindingStatus `json:"status"`
	// Late: a deadline of the finding has passed on the as-of date with
	// the step it asks for not done.
	Late bool `json:"late"`
}

// FindingRows lists findings (open ones through the open-findings index,
// or all), newest first.
func FindingRows(ctx context.Context, r Reader, asOf certification.Date, openOnly bool) ([]FindingRow, error) {
	var out []FindingRow
	err := r.View(ctx, func(tx certification.Tx) error {
		var err error
		out, err = findingRows(tx, asOf, openOnly, nil)
		return err
	})
	sortNewestFirst(out)
	return out, err
}

// sortNewestFirst puts finding rows newest first (ids are unique: a
// total order).
func sortNewestFirst(out []FindingRow) {
	slices.SortFunc(out, func(a, b FindingRow) int {
		if a.Raised != b.Raised {
			return int(b.Raised) - int(a.Raised)
		}
		return int(b.ID) - int(a.ID)
	})
}

// LoadFindingRows is FindingRows in a transaction, in no particular
// order.
func LoadFindingRows(tx certification.Tx, asOf certification.Date, openOnly bool) ([]FindingRow, error) {
	return findingRows(tx, asOf, openOnly, nil)
}

// findingRows is FindingRows in a transaction, in no particular order.
// All findings are decoded in one scan, with their audits read in one
// scan beforehand; the open ones are read through the open-findings
// index, with their audits looked up one by one; among (when not nil)
// keeps to the open findings it names, the others not decoded.
func findingRows(tx certification.Tx, asOf certification.Date, openOnly bool, among map[certification.ID]bool) ([]FindingRow, error) {
	var out []FindingRow
	lk := newLookups(tx)
	type auditOf struct {
		kind certification.AuditKind
		date certification.Date
	}
	audits := map[certification.ID]auditOf{}
	if !openOnly {
		if err := tx.Each(certification.KindAudit, func(id certification.ID, decode func(certification.Record) error) error {
			var a certification.Audit
			if err := decode(&a); err != nil {
				return err
			}
			audits[id] = auditOf{a.Kind, a.Start()}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	add := func(x *certification.Finding) error {
		r := FindingRow{Finding: *x}
		name, err := lk.clientName(r.ClientID)
		if err != nil {
			return err
		}
		c, err := lk.certification(r.CertificationID)
		if err != nil {
			return err
		}
		closed := !c.Closed.IsZero()
		a, ok := audits[r.AuditID]
		if !ok {
			var rec certification.Audit
			if err := tx.Get(r.AuditID, &rec); err != nil {
				return err
			}
			a = auditOf{rec.Kind, rec.Start()}
			audits[r.AuditID] = a
		}
		r.ClientName, r.Standard, r.AuditKind, r.AuditDate = name, c.Standard, a.kind, a.date
		r.Status = r.Finding.Status()
		// A refused or withdrawn certification asks nothing more: its
		// findings are not late, nor listed among the open ones.
		if openOnly && closed {
			return nil
		}
		r.Late = r.Finding.LateOn(asOf) && !closed
		out = append(out, r)
		return nil
	}
	if openOnly {
		var ids []certification.ID
		if err := tx.Range(certification.IndexFindingOpen, nil, nil, func(_ []byte, id certification.ID) error {
			if among == nil || among[id] {
				ids = append(ids, id)
			}
			return nil
		}); err != nil {
			return nil, err
		}
		for _, id := range ids {
			var x certification.Finding
			if err := tx.Get(id, &x); err != nil {
				return nil, err
			}
			if err := add(&x); err != nil {
				return nil, err
			}
		}
	} else if err := tx.Each(certification.KindFinding, func(id certification.ID, decode func(certification.Record) error) error {
		var x certification.Finding
		if err := decode(&x); err != nil {
			return err
		}
		return add(&x)
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// LateFinding is an open finding past a deadline, with the deadline it
// missed and what was due by it.
type LateFinding struct {
	FindingRow
	Deadline certification.Date `json:"deadline"`
	Awaited  string             `json:"awaited"`
}

// LateFindings are the late findings that count on asOf: among the open
// finding rows (FindingRows as of asOf), those late whose deadline is
// still an obligation overdue on asOf (the findings of a lapsed cycle, a
// refused or a withdrawn certification ask nothing more). They come by
// the deadline missed, then client name, keeping the rows' order.
func LateFindings(open []FindingRow, overdue []certification.Obligation, asOf certification.Date) []LateFinding {
	live := map[certification.ID]bool{}
	for _, o := range overdue {
		if o.FindingID != 0 {
			live[o.FindingID] = true
		}
	}
	var out []LateFinding
	for _, r := range open {
		if r.Late && live[r.ID] {
			due, what := r.MissedDeadline(asOf)
			out = append(out, LateFinding{FindingRow: r, Deadline: due, Awaited: what})
		}
	}
	slices.SortStableFunc(out, func(a, b LateFinding) int {
		if a.Deadline != b.Deadline {
			return int(a.Deadline) - int(b.Deadline)
		}
		return strings.Compare(a.ClientName, b.ClientName)
	})
	return out
}
