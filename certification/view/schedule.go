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
	var found chunks[certification.Obligation]
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
			found.add(o)
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
	if err != nil {
		return nil, err
	}
	out := found.all()
	SortObligations(out)
	return out, nil
}

// SortObligations puts overdue first, then by due date, client and kind.
func SortObligations(out []certification.Obligation) {
	rank := func(s certification.ObligationState) int {
		if s == certification.StateOverdue {
			return 0
		}
		return 1
	}
	// The order is sorted, not the obligations (moving 200-byte structs
	// was a fifth of the decision queue's time), by a key of rank and due
	// date held beside it; the position breaks the last ties, so the
	// result is the stable sort's.
	type entry struct {
		key int64 // rank, then due date
		i   int32
	}
	order := make([]entry, len(out))
	for i := range order {
		order[i] = entry{int64(rank(out[i].State))<<32 | int64(uint32(out[i].Due)), int32(i)}
	}
	slices.SortFunc(order, func(x, y entry) int {
		if x.key != y.key {
			return cmp.Compare(x.key, y.key)
		}
		a, b := &out[x.i], &out[y.i]
		if a.ClientName != b.ClientName {
			return strings.Compare(a.ClientName, b.ClientName)
		}
		if c := strings.Compare(string(a.Kind), string(b.Kind)); c != 0 {
			return c
		}
		if c := cmp.Compare(a.CertificationID, b.CertificationID); c != 0 {
			return c
		}
		return cmp.Compare(x.i, y.i)
	})
	permute(out, func(k int) int { return int(order[k].i) })
}

// permute puts out[src(k)] at k for every k, in place: it follows each
// cycle of the permutation once, with one value aside. It marks the
// places done in a bitmap rather than touching the order.
func permute(out []certification.Obligation, src func(k int) int) {
	done := make([]uint64, (len(out)+63)/64)
	for k := range out {
		if done[k/64]&(1<<(k%64)) != 0 {
			continue
		}
		aside, j := out[k], k
		for {
			done[j/64] |= 1 << (j % 64)
			s := src(j)
			if s == k {
				out[j] = aside
				break
			}
			out[j] = out[s]
			j = s
		}
	}
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
	var found chunks[certification.Obligation]
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
				found.add(o)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	out := found.all()
	SortObligations(out)
	return out, nil
}
