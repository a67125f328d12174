package storage

import (
	"context"
	"reflect"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/storetest"
)

// The Badger store, on disk and in memory, passes the suite every
// certification.Store passes.
func TestConformance(t *testing.T) {
	t.Run("disk", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) certification.Store { return openDisk(t) })
	})
	t.Run("memory", func(t *testing.T) {
		storetest.Run(t, func(t *testing.T) certification.Store { return openMemory(t) })
	})
}

// The index keys Badger holds are exactly the records' terms: an update
// removes the terms its record no longer names and a delete removes all,
// with no key left behind that Range would have to skip.
func TestIndexKeys(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		d := certification.NewDate
		drop := func(kind certification.Kind, id certification.ID) {
			t.Helper()
			err := db.Update(context.Background(), entry("delete"), func(tx certification.Tx) error { return tx.Delete(kind, id) })
			if err != nil {
				t.Fatal(err)
			}
		}
		expect := func(step, index string, want []string) {
			t.Helper()
			if got := rawIndex(t, db, index); !reflect.DeepEqual(got, want) {
				t.Errorf("%s after %s: %q, want %q", index, step, got, want)
			}
		}

		put(t, db, &thing{ID: 1, Name: "alpha", Num: 1, Tags: []string{"red", "blue"}})
		expect("create", indexTag, []string{"blue#1", "red#1"})
		put(t, db, &thing{ID: 1, Name: "beta", Num: 1, Tags: []string{"blue", "green"}})
		expect("update", indexTag, []string{"blue#1", "green#1"})
		expect("update", indexName, []string{"beta#1"})
		drop(kindThing, 1)
		for _, ix := range []string{indexTag, indexName, indexNum} {
			expect("delete", ix, nil)
		}

		put(t, db, &certification.Client{ID: 4, LegalName: "Acme  GmbH", RegisteredAddress: "x", EffectivePersonnel: 1})
		put(t, db, &certification.Client{ID: 4, LegalName: "Acme Robotics GmbH", RegisteredAddress: "x", EffectivePersonnel: 1})
		expect("update", certification.IndexClientName, []string{"acme robotics gmbh#4"})
		drop(certification.KindClient, 4)
		expect("delete", certification.IndexClientName, nil)

		put(t, db, &certification.ObligationSet{CertificationID: 4, ClientID: 2, Items: []certification.Obligation{
			{Label: "surveillance 1", Due: d(2026, 5, 1)},
			{Label: "stage 2", Due: d(2025, 1, 10), Done: true, DoneOn: d(2025, 1, 9)},
			{Label: "response", Due: d(2026, 2, 1)},
		}})
		if got, want := len(rawIndex(t, db, certification.IndexObligationItem)), 2; got != want {
			t.Errorf("%d open obligation entries, want %d", got, want)
		}
		drop(certification.KindObligations, 4)
		expect("delete", certification.IndexObligationItem, nil)
	})
}

// Update fills in the At of an entry that has none from the clock; the
// conformance suite checks that a given At is kept, chain_test.go the
// hashes.
func TestJournalFillsAt(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		before := time.Now().Add(-time.Second)
		put(t, db, &note{ID: 1, Text: "x"})
		all := storetest.Journal(t, db, 0)
		if len(all) != 1 {
			t.Fatalf("journal has %d entries, want 1", len(all))
		}
		if all[0].At.IsZero() {
			t.Error("At not filled in")
		}
		if at := all[0].At; at.Before(before) || at.After(time.Now().Add(time.Second)) {
			t.Errorf("At = %v, want about now", at)
		}
	})
}
