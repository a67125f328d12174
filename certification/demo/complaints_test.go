package demo

import (
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/memstore"
)

// The demo body has complaints: some closed after their whole course,
// the latest ones still open, each taken within its client's history.
func TestDemoComplaints(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	asOf := certification.NewDate(2026, 11, 24)
	if _, err := Generate(ctx, st, Options{Clients: 60, Seed: 1, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	var cases []certification.Case
	err := st.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindCase, func(_ certification.ID, decode func(certification.Record) error) error {
			var c certification.Case
			if err := decode(&c); err != nil {
				return err
			}
			cases = append(cases, c)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	closed, open := 0, 0
	for _, c := range cases {
		if c.Received > asOf || c.Received < asOf.AddDays(-730) {
			t.Errorf("%s received %s, outside the last two years before %s", &c, c.Received, asOf)
		}
		if c.Closed != nil {
			closed++
			if c.Acknowledged == nil || c.Investigated == nil || c.Decided == nil || c.Decided.PersonID == c.Acknowledged.PersonID {
				t.Errorf("%s closed without its course, or decided by who received it: %+v", &c, c)
			}
		} else {
			open++
		}
	}
	if closed == 0 || open == 0 {
		t.Errorf("%d closed and %d open complaints in 60 clients, want some of each", closed, open)
	}
}
