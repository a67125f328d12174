package view_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

// scheduleFromSets is the schedule read without any index: every
// certification's whole obligation set decoded.
func scheduleFromSets(t *testing.T, r view.Reader, asOf Date, within int) []Obligation {
	t.Helper()
	var out []Obligation
	err := r.View(context.Background(), func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		horizon := asOf.AddDays(within)
		return tx.Each(KindObligations, func(_ ID, decode func(Record) error) error {
			var set ObligationSet
			if err := decode(&set); err != nil {
				return err
			}
			for _, o := range set.Items {
				if o.Due > horizon {
					continue
				}
				o.State = o.StateOn(asOf, p.DueSoonDays)
				if o.State != StateDone && o.State != StateLapsed && o.State != StateNotOpen {
					out = append(out, o)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	view.SortObligations(out)
	return out
}

// decisionQueueFromSets is the decision queue read without an index:
// every obligation set decoded.
func decisionQueueFromSets(t *testing.T, r view.Reader, asOf Date) []Obligation {
	t.Helper()
	var out []Obligation
	err := r.View(context.Background(), func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return tx.Each(KindObligations, func(_ ID, decode func(Record) error) error {
			var set ObligationSet
			if err := decode(&set); err != nil {
				return err
			}
			ready := DecisionReady(set.Items)
			for _, o := range set.Items {
				if o.Done || !slices.Contains(DecisionObligations, o.Kind) || !ready[o.Kind] {
					continue
				}
				o.State = o.StateOn(asOf, p.DueSoonDays)
				if o.State != StateLapsed && o.State != StateNotOpen {
					out = append(out, o)
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	view.SortObligations(out)
	return out
}

// boardFromEveryCertificate is the dashboard as it was read before the
// indexes shaped for it: the schedule from whole obligation sets
// (scheduleFromSets), the lists picked from every certificate's state
// (Certificates) and from every open finding, decoded one by one.
func boardFromEveryCertificate(t *testing.T, r view.Reader, asOf Date) view.Board {
	t.Helper()
	ctx := context.Background()
	d := view.Board{AsOf: asOf}
	obs := scheduleFromSets(t, r, asOf, view.HorizonDays)
	var err error
	for _, o := range obs {
		switch {
		case o.State == StateOverdue:
			d.Overdue = append(d.Overdue, o)
		case o.Due <= asOf.AddDays(view.SoonDays):
			d.DueSoon = append(d.DueSoon, o)
		default:
			d.DueLater = append(d.DueLater, o)
		}
	}
	var p Policy
	if err := r.View(ctx, func(tx Tx) error { p, err = LoadPolicy(tx); return err }); err != nil {
		t.Fatal(err)
	}
	certs, err := view.Certificates(ctx, r, asOf)
	if err != nil {
		t.Fatal(err)
	}
	d.Expiring = view.ExpiringCertificates(certs, asOf)
	d.Suspensions = view.SuspensionsNearLimit(certs, asOf, p)
	open, err := view.FindingRows(ctx, r, asOf, true)
	if err != nil {
		t.Fatal(err)
	}
	d.Late = view.LateFindings(open, d.Overdue, asOf)
	return d
}

// TestDashboardIndexesShowTheSame: on a demo body in a Badger folder,
// the dashboard read through the indexes shaped for it is the board read
// from whole obligation sets and every certificate, at dates across the
// body's history and after it, in the same rows and order; so is the
// schedule over a year.
func TestDashboardIndexesShowTheSame(t *testing.T) {
	ctx := context.Background()
	_, db := demoBothStores(t, 150, 7)
	var expiring, suspensions, obligations, queued int
	for _, on := range []string{"2023-01-10", "2024-06-01", "2025-03-15", "2025-09-30", "2026-01-10", "2026-05-20", "2026-11-24", "2027-02-01", "2028-03-01"} {
		asOf := d(on)
		got, err := view.Dashboard(ctx, db, asOf)
		if err != nil {
			t.Fatal(err)
		}
		want := boardFromEveryCertificate(t, db, asOf)
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("on %s the dashboard differs from the one read from every certificate:\n%s\nwant\n%s", on, gj, wj)
		}
		sched, err := view.Schedule(ctx, db, asOf, 365)
		if err != nil {
			t.Fatal(err)
		}
		sj, _ := json.Marshal(sched)
		if wj, _ := json.Marshal(scheduleFromSets(t, db, asOf, 365)); string(sj) != string(wj) {
			t.Errorf("on %s the schedule over 365 days differs from the one read from whole sets:\n%s\nwant\n%s", on, sj, wj)
		}
		obligations += len(sched)
		q, err := view.DecisionQueue(ctx, db, asOf)
		if err != nil {
			t.Fatal(err)
		}
		qj, _ := json.Marshal(q)
		if wj, _ := json.Marshal(decisionQueueFromSets(t, db, asOf)); string(qj) != string(wj) {
			t.Errorf("on %s the decision queue differs from the one read from whole sets:\n%s\nwant\n%s", on, qj, wj)
		}
		queued += len(q)
		expiring += len(want.Expiring)
		suspensions += len(want.Suspensions)
	}
	if expiring < 10 || suspensions < 3 || obligations < 100 || queued < 10 {
		t.Errorf("the body shows too little to compare: %d expiring, %d suspensions, %d obligations, %d files for decision over all dates", expiring, suspensions, obligations, queued)
	}
	t.Logf("compared %d expiring certificates, %d suspensions and %d obligations", expiring, suspensions, obligations)
}
