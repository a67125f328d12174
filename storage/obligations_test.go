package storage_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
)

// After every entry of the demo body's history, each certification's
// obligations the entry stored are those the certification's file, read
// whole, gives: a command that refreshes them from the file it had
// loaded and brought up to date (RecordFinding, PlanAudit, ChangeAudit)
// stores what reading the file again would.
func TestEveryEntryStoresTheObligationsOfTheWholeFile(t *testing.T) {
	ctx := context.Background()
	src, dst := demoAndEmpty(t, 9)
	checked := map[string]int{}
	err := src.Journal(ctx, 1, func(e certification.JournalEntry) error {
		st := dst.Applying(storage.Apply{Recorded: e.Recorded, IDs: e.IDs})
		if _, err := certification.Replay(ctx, st, e, nil, blobsOf(ctx, t, src, e)); err != nil {
			return err
		}
		return dst.View(ctx, func(tx certification.Tx) error {
			p, err := certification.LoadPolicy(tx)
			if err != nil {
				return err
			}
			for _, c := range e.Changes {
				if c.Kind != certification.KindObligations || c.Op == "delete" {
					continue
				}
				var stored certification.ObligationSet
				if err := tx.Get(c.ID, &stored); err != nil {
					return err
				}
				f, err := certification.LoadFile(tx, c.ID)
				if err != nil {
					return err
				}
				if want := certification.Obligations(f, p); !reflect.DeepEqual(stored.Items, want) {
					return fmt.Errorf("entry %d (%s) stored the obligations of certification %d\n%+v\nits file gives\n%+v", e.Seq, e.Command, c.ID, stored.Items, want)
				}
				checked[e.Command]++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"record-finding", "plan-audit", "change-audit"} {
		if checked[c] == 0 {
			t.Errorf("no %s entry stored obligations: %v", c, checked)
		}
	}
	t.Logf("obligations checked after: %v", checked)
}
