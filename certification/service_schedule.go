package certification

// The schedule and status reads: what falls due, each certification's
// obligations, and the certificates' states on a date.

import (
	"context"
	"slices"
	"strings"
)

// Schedule lists what falls due by asOf+within days and everything
// overdue on asOf: open obligations only, read through the due-date and
// lapse-date indexes, overdue first, then by due date.
func (s *Service) Schedule(ctx context.Context, asOf Date, within int) ([]Obligation, error) {
	var out []Obligation
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		horizon := asOf.AddDays(within)
		// Key-only index scans: certifications with an obligation due by
		// the horizon that never lapses, or one that lapses, is due by
		// the horizon and has not lapsed yet.
		var ids []ID
		seen := map[ID]bool{}
		add := func(id ID) {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		end := DateKey(horizon.AddDays(1))
		if err := tx.Range(IndexDue, nil, end, func(_ []byte, id ID) error { add(id); return nil }); err != nil {
			return err
		}
		dueLapsing := map[ID]bool{}
		if err := tx.Range(IndexDueLapsing, nil, end, func(_ []byte, id ID) error { dueLapsing[id] = true; return nil }); err != nil {
			return err
		}
		if err := tx.Range(IndexLapse, DateKey(asOf), nil, func(_ []byte, id ID) error {
			if dueLapsing[id] {
				add(id)
			}
			return nil
		}); err != nil {
			return err
		}
		// As of a past date: obligations done after it were still open.
		if err := tx.Range(IndexDoneOn, DateKey(asOf.AddDays(1)), nil, func(_ []byte, id ID) error { add(id); return nil }); err != nil {
			return err
		}
		for _, id := range ids {
			var set ObligationSet
			set.CertificationID = id
			if err := tx.Get(id, &set); err != nil {
				return err
			}
			for _, o := range set.Items {
				if o.Due > horizon {
					continue
				}
				o.State = o.StateOn(asOf, p.DueSoonDays)
				if o.State == StateDone || o.State == StateLapsed || o.State == StateNotOpen {
					continue
				}
				out = append(out, o)
			}
		}
		return nil
	})
	SortObligations(out)
	return out, err
}

// SortObligations puts overdue first, then by due date, client and kind.
func SortObligations(out []Obligation) {
	rank := func(s ObligationState) int {
		if s == StateOverdue {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b Obligation) int {
		if r := rank(a.State) - rank(b.State); r != 0 {
			return r
		}
		if a.Due != b.Due {
			return int(a.Due) - int(b.Due)
		}
		if a.ClientName != b.ClientName {
			return strings.Compare(a.ClientName, b.ClientName)
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
}

// ObligationsOf returns every obligation of one certification with its
// state on asOf, done ones included.
func (s *Service) ObligationsOf(ctx context.Context, certificationID ID, asOf Date) ([]Obligation, error) {
	var out []Obligation
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		f, err := LoadFile(tx, certificationID)
		if err != nil {
			return err
		}
		out = Obligations(f, p)
		for i := range out {
			out[i].State = out[i].StateOn(asOf, p.DueSoonDays)
		}
		return nil
	})
	return out, err
}

// CertificateState is a current certificate with its status on a date.
type CertificateState struct {
	Certificate
	ClientName string            `json:"client_name"`
	Status     CertificateStatus `json:"status"`
	AsOf       Date              `json:"as_of"`
}

// Statuses lists every certificate in the revision in force on asOf
// (certificates not yet issued then are left out) with its status
// derived on that date.
func (s *Service) Statuses(ctx context.Context, asOf Date) ([]CertificateState, error) {
	var out []CertificateState
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = certificateStates(tx, asOf)
		return err
	})
	return out, err
}

// LoadCertificateStates is Statuses in a transaction.
func LoadCertificateStates(tx Tx, asOf Date) ([]CertificateState, error) {
	return certificateStates(tx, asOf)
}

// certificateStates is Statuses in a transaction.
func certificateStates(tx Tx, asOf Date) ([]CertificateState, error) {
	var out []CertificateState
	lk := newLookups(tx)
	err := tx.Each(KindCertificate, func(id ID, decode func(Record) error) error {
		var c Certificate
		if err := decode(&c); err != nil {
			return err
		}
		// The revision in force on asOf: issued by then and not yet
		// superseded (the latest revision for dates after it).
		if !c.InForceOn(asOf) {
			return nil
		}
		name, err := lk.clientName(c.ClientID)
		if err != nil {
			return err
		}
		out = append(out, CertificateState{Certificate: c, ClientName: name, Status: c.StatusOn(asOf), AsOf: asOf})
		return nil
	})
	return out, err
}
