package certification

// The findings list: every finding (or the open ones) with its client,
// standard and lateness.

import (
	"context"
	"slices"
)

// FindingRow is a finding with its client, standard and lateness.
type FindingRow struct {
	Finding
	ClientName string    `json:"client_name"`
	Standard   Standard  `json:"standard"`
	AuditKind  AuditKind `json:"audit_kind"`
	// AuditDate is the audit's start (actual, else planned).
	AuditDate Date          `json:"audit_date,omitzero"`
	Status    FindingStatus `json:"status"`
	// Late: a deadline of the finding has passed on the as-of date with
	// the step it asks for not done.
	Late bool `json:"late"`
}

// FindingRows lists findings (open ones through the open-findings index,
// or all), newest first.
func (s *Service) FindingRows(ctx context.Context, asOf Date, openOnly bool) ([]FindingRow, error) {
	var out []FindingRow
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = findingRows(tx, asOf, openOnly)
		return err
	})
	// Newest first (ids are unique: a total order).
	slices.SortFunc(out, func(a, b FindingRow) int {
		if a.Raised != b.Raised {
			return int(b.Raised) - int(a.Raised)
		}
		return int(b.ID) - int(a.ID)
	})
	return out, err
}

// LoadFindingRows is FindingRows in a transaction, in no particular
// order.
func LoadFindingRows(tx Tx, asOf Date, openOnly bool) ([]FindingRow, error) {
	return findingRows(tx, asOf, openOnly)
}

// findingRows is FindingRows in a transaction, in no particular order.
// All findings are decoded in one scan, with their audits read in one
// scan beforehand; the open ones are read through the open-findings
// index, with their audits looked up one by one.
func findingRows(tx Tx, asOf Date, openOnly bool) ([]FindingRow, error) {
	var out []FindingRow
	lk := newLookups(tx)
	type auditOf struct {
		kind AuditKind
		date Date
	}
	audits := map[ID]auditOf{}
	if !openOnly {
		if err := tx.Each(KindAudit, func(id ID, decode func(Record) error) error {
			var a Audit
			if err := decode(&a); err != nil {
				return err
			}
			audits[id] = auditOf{a.Kind, a.Start()}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	add := func(x *Finding) error {
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
			var rec Audit
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
		var ids []ID
		if err := tx.Range(IndexFindingOpen, nil, nil, func(_ []byte, id ID) error {
			ids = append(ids, id)
			return nil
		}); err != nil {
			return nil, err
		}
		for _, id := range ids {
			var x Finding
			if err := tx.Get(id, &x); err != nil {
				return nil, err
			}
			if err := add(&x); err != nil {
				return nil, err
			}
		}
	} else if err := tx.Each(KindFinding, func(id ID, decode func(Record) error) error {
		var x Finding
		if err := decode(&x); err != nil {
			return err
		}
		return add(&x)
	}); err != nil {
		return nil, err
	}
	return out, nil
}

// LateOn reports whether a deadline of the finding has passed on d with
// its step not done: the response (or an accepted plan) by ResponseDue,
// a major's verification by CloseDue.
func (f *Finding) LateOn(d Date) bool {
	if !f.Grade.IsNC() {
		return false
	}
	if f.responseLate(d) {
		return true
	}
	return f.Grade == Major && f.CloseDue != 0 && d > f.CloseDue && f.Verification == nil
}
