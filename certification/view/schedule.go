package view

// The schedule and status reads: what falls due, each certification's
// obligations, and the certificates' states on a date.

import (
	"cmp"
	"context"

	"certdesk/certification"
	"slices"
	"strings"
)

// Schedule lists what falls due by asOf+within days and everything
// overdue on asOf: open obligations only, read from the covering keys due
// by the horizon (and, as of a past day, the sets of the certifications
// with an obligation done after it), overdue first, then by due date.
func Schedule(ctx context.Context, r Reader, asOf certification.Date, within int) ([]certification.Obligation, error) {
	var out []certification.Obligation
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		horizon := asOf.AddDays(within)
		// As of a past date: obligations done after it were still open;
		// those certifications are read from their whole sets.
		var doneIDs []certification.ID
		doneAfter := map[certification.ID]bool{}
		if err := tx.Range(certification.IndexDoneOn, certification.DateKey(asOf.AddDays(1)), nil, func(_ []byte, id certification.ID) error {
			if !doneAfter[id] {
				doneAfter[id] = true
				doneIDs = append(doneIDs, id)
			}
			return nil
		}); err != nil {
			return err
		}
		keep := func(o certification.Obligation) {
			if o.Due > horizon {
				return
			}
			o.State = o.StateOn(asOf, p.DueSoonDays)
			if o.State == certification.StateDone || o.State == certification.StateLapsed || o.State == certification.StateNotOpen {
				return
			}
			out = append(out, o)
		}
		// The open obligations due by the horizon, from the covering keys
		// of IndexObligationItem (due date first: one key-only range),
		// decoding only those that may show.
		if err := tx.Range(certification.IndexObligationItem, nil, certification.ObligationItemsDueBy(horizon), func(v []byte, _ certification.ID) error {
			if doneAfter[certification.ObligationItemOf(v)] || !certification.ObligationMayShow(v, asOf, horizon) {
				return nil
			}
			o, err := certification.DecodeObligationItem(v)
			if err == nil {
				keep(o)
			}
			return err
		}); err != nil {
			return err
		}
		for _, id := range doneIDs {
			var set certification.ObligationSet
			if err := tx.Get(id, &set); err != nil {
				return err
			}
			for _, o := range set.Items {
				keep(o)
			}
		}
		return nil
	})
	SortObligations(out)
	return out, err
}

// SortObligations puts overdue first, then by due date, client and kind.
func SortObligations(out []certification.Obligation) {
	rank := func(s certification.ObligationState) int {
		if s == certification.StateOverdue {
			return 0
		}
		return 1
	}
	// The order is sorted, not the obligations: moving 200-byte structs
	// was a fifth of the decision queue's time.
	order := make([]int32, len(out))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		a, b := &out[i], &out[j]
		if r := rank(a.State) - rank(b.State); r != 0 {
			return r
		}
		if a.Due != b.Due {
			return int(a.Due) - int(b.Due)
		}
		if a.ClientName != b.ClientName {
			return strings.Compare(a.ClientName, b.ClientName)
		}
		if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
			return c
		}
		return cmp.Compare(a.CertificationID, b.CertificationID)
	})
	sorted := make([]certification.Obligation, len(out))
	for k, i := range order {
		sorted[k] = out[i]
	}
	copy(out, sorted)
}

// Obligations returns every obligation of one certification with its
// state on asOf, done ones included.
func Obligations(ctx context.Context, r Reader, certificationID certification.ID, asOf certification.Date) ([]certification.Obligation, error) {
	var out []certification.Obligation
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		f, err := certification.LoadFile(tx, certificationID)
		if err != nil {
			return err
		}
		out = certification.Obligations(f, p)
		for i := range out {
			out[i].State = out[i].StateOn(asOf, p.DueSoonDays)
		}
		return nil
	})
	return out, err
}

// CertificateState is a current certificate with its status on a date.
type CertificateState struct {
	certification.Certificate
	ClientName string                          `json:"client_name"`
	Status     certification.CertificateStatus `json:"status"`
	AsOf       certification.Date              `json:"as_of"`
}

// Certificates lists every certificate in the revision in force on asOf
// (certificates not yet issued then are left out) with its status
// derived on that date.
func Certificates(ctx context.Context, r Reader, asOf certification.Date) ([]CertificateState, error) {
	var out []CertificateState
	err := r.View(ctx, func(tx certification.Tx) error {
		var err error
		out, err = certificateStates(tx, asOf)
		return err
	})
	return out, err
}

// LoadCertificates is Certificates in a transaction.
func LoadCertificates(tx certification.Tx, asOf certification.Date) ([]CertificateState, error) {
	return certificateStates(tx, asOf)
}

// certificateStates is Certificates in a transaction.
func certificateStates(tx certification.Tx, asOf certification.Date) ([]CertificateState, error) {
	var out []CertificateState
	lk := newLookups(tx)
	err := tx.Each(certification.KindCertificate, func(id certification.ID, decode func(certification.Record) error) error {
		var c certification.Certificate
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

// DecisionQueue lists the files ready for a decision: a stage 2,
// recertification, surveillance or special report closed and not yet
// decided on, overdue first. It reads the covering keys of
// certification.IndexDecisionReady alone.
func DecisionQueue(ctx context.Context, r Reader, asOf certification.Date) ([]certification.Obligation, error) {
	var out []certification.Obligation
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		return tx.Range(certification.IndexDecisionReady, nil, nil, func(v []byte, _ certification.ID) error {
			o, err := certification.DecodeDecisionItem(v)
			if err != nil {
				return err
			}
			o.State = o.StateOn(asOf, p.DueSoonDays)
			if o.State != certification.StateLapsed && o.State != certification.StateNotOpen {
				out = append(out, o)
			}
			return nil
		})
	})
	SortObligations(out)
	return out, err
}
