package demo_test

import (
	"context"
	"testing"

	"certdesk/certification"
)

// checkNothingAfter fails when the generated body records anything after
// asOf (no-future-dates): no command ran with a clock after it, and no
// date of something that happened lies after it. Planning dates may.
func checkNothingAfter(t *testing.T, st certification.Store, asOf certification.Date) {
	t.Helper()
	ctx := context.Background()
	svc := certification.NewService(st, certification.FixedClock(asOf.Time()))
	entries, err := svc.Journal(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if d := certification.DateOf(e.At.UTC()); d > asOf {
			t.Fatalf("journal entry %d (%s) ran on %s, after %s", e.Seq, e.Summary, d, asOf)
		}
	}
	after := func(what string, id certification.ID, d certification.Date) {
		if d > asOf {
			t.Errorf("%s of record %d is %s, after %s", what, id, d, asOf)
		}
	}
	err = st.View(ctx, func(tx certification.Tx) error {
		if err := tx.Each(certification.KindAudit, func(id certification.ID, decode func(certification.Record) error) error {
			var a certification.Audit
			if err := decode(&a); err != nil {
				return err
			}
			after("actual start", id, a.ActualStart)
			after("actual end", id, a.ActualEnd)
			after("report date", id, a.ReportDate)
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Each(certification.KindFinding, func(id certification.ID, decode func(certification.Record) error) error {
			var x certification.Finding
			if err := decode(&x); err != nil {
				return err
			}
			after("raised", id, x.Raised)
			if x.Response != nil {
				after("response", id, x.Response.Received)
			}
			if x.Review != nil {
				after("review", id, x.Review.On)
			}
			if x.Verification != nil {
				after("verification", id, x.Verification.On)
			}
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Each(certification.KindCertificate, func(id certification.ID, decode func(certification.Record) error) error {
			var c certification.Certificate
			if err := decode(&c); err != nil {
				return err
			}
			after("issue date", id, c.IssueDate)
			return nil
		}); err != nil {
			return err
		}
		return tx.Each(certification.KindDecision, func(id certification.ID, decode func(certification.Record) error) error {
			var d certification.Decision
			if err := decode(&d); err != nil {
				return err
			}
			after("decision date", id, d.Date)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
}
