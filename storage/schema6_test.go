package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Schema 6 files the covering obligation keys due date first and drops the
// due-date and lapse-date indexes. A folder of schema 5 (the
// certification first) refuses a read-only open, has its keys written
// again on its first open for changes — none of the old layout or the
// dropped indexes left — verifies clean, and shows the schedule and dashboard it
// showed before, as of today and of past days.
func TestMigrationTo6FilesObligationsByDueDate(t *testing.T) {
	ctx := context.Background()
	asOf := certification.NewDate(2026, 11, 24)
	dir, db := demoOnDisk(t, 120, 6, asOf)
	dates := []certification.Date{asOf, certification.NewDate(2025, 6, 1), certification.NewDate(2026, 2, 1)}
	boards := func() []string {
		var out []string
		for _, on := range dates {
			b, err := view.Dashboard(ctx, db, on)
			if err != nil {
				t.Fatal(err)
			}
			s, err := view.Schedule(ctx, db, on, 365)
			if err != nil {
				t.Fatal(err)
			}
			q, err := view.DecisionQueue(ctx, db, on)
			if err != nil {
				t.Fatal(err)
			}
			j, _ := json.Marshal([]any{b, s, q})
			out = append(out, string(j))
		}
		return out
	}
	before := boards()

	// One set as an older CertDesk computed it: its last obligation
	// missing (written through the store, so the journal records it).
	var stale certification.ObligationSet
	mustView(t, db, func(tx certification.Tx) error { return tx.Get(1, &stale) })
	want := stale.Items
	stale.Items = stale.Items[:len(stale.Items)-1]
	err := db.Update(ctx, certification.JournalEntry{Actor: certification.Actor{Name: "system"}, Command: "refresh-obligations", Summary: "an older computation"},
		func(tx certification.Tx) error { return tx.Put(&stale) })
	if err != nil || len(want) == 0 {
		t.Fatalf("making set 1 stale: %v (%d obligations)", err, len(want))
	}

	// Make it a schema 5 folder: each key's value as schema 5 wrote it,
	// certification and place in the set before the due date.
	prefix := indexPrefixOf(certification.IndexObligationItem)
	n := 0
	err = db.bdb.Update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		var keys [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it.Close()
		n = len(keys)
		for _, k := range keys {
			v := k[len(prefix):]
			old := bytes.Join([][]byte{prefix, v[8:24], v[:8], v[24:]}, nil)
			if err := txn.Delete(k); err != nil {
				return err
			}
			if err := txn.Set(old, nil); err != nil {
				return err
			}
			// and an entry of the due-date index schema 6 no longer keeps
			due := bytes.Join([][]byte{indexPrefixOf(schema5Due), v[:8], k[len(k)-8:]}, nil)
			if err := txn.Set(due, nil); err != nil {
				return err
			}
		}
		// Nor did schema 5 keep the decision queue's keys.
		dit := txn.NewIterator(badger.IteratorOptions{Prefix: indexPrefixOf(certification.IndexDecisionReady)})
		var dkeys [][]byte
		for dit.Rewind(); dit.Valid(); dit.Next() {
			dkeys = append(dkeys, dit.Item().KeyCopy(nil))
		}
		dit.Close()
		if len(dkeys) == 0 {
			return errors.New("no decision queue keys to take away")
		}
		for _, k := range dkeys {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return setSchema(txn, 5)
	})
	if err != nil || n == 0 {
		t.Fatalf("%d obligation keys rewritten as schema 5 wrote them: %v", n, err)
	}
	db.Close()

	if ro, err := OpenWith(dir, Options{ReadOnly: true}); err == nil {
		ro.Close()
		t.Fatal("a schema 5 folder opened read-only")
	}
	db = openAt(t, dir)
	if v := readSchema(t, db); v != currentSchema {
		t.Fatalf("schema %d after opening, want %d", v, currentSchema)
	}
	// The upgrade asks for every obligation to be recomputed; the opener
	// marks it in the journal and finishes it, as certctl and the app do.
	if reason, ok, err := db.ObligationsToRecompute(); err != nil || !ok || reason == "" {
		t.Fatalf("after the upgrade: recompute asked %v (%q), %v", ok, reason, err)
	}
	svc := certification.NewService(db, certification.FixedClock(asOf.Time()))
	if marked, err := certification.MarkRecomputeAfterUpgrade(ctx, svc, db); err != nil || !marked {
		t.Fatalf("marking the recomputation: %v, %v", marked, err)
	}
	if _, ok, _ := db.ObligationsToRecompute(); ok {
		t.Error("the request is still there once marked")
	}
	if marked, err := certification.MarkRecomputeAfterUpgrade(ctx, svc, db); err != nil || marked {
		t.Errorf("marked a second time: %v, %v", marked, err)
	}
	if err := svc.FinishRefresh(ctx); err != nil {
		t.Fatal(err)
	}
	var fresh certification.ObligationSet
	mustView(t, db, func(tx certification.Tx) error { return tx.Get(1, &fresh) })
	if len(fresh.Items) != len(want) {
		t.Errorf("set 1 has %d obligations after the recomputation, want %d", len(fresh.Items), len(want))
	}
	var commands []string
	if err := db.Journal(ctx, 0, func(e certification.JournalEntry) error { commands = append(commands, e.Command); return nil }); err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(commands, "mark-refresh") || commands[len(commands)-1] != "refresh-obligations" {
		t.Errorf("journal ends %q, want the mark and the recomputation", commands[max(0, len(commands)-4):])
	}
	verifyClean(t, db)
	after := boards()
	for i := range dates {
		if after[i] != before[i] {
			t.Errorf("on %s the dashboard and schedule after the upgrade differ", dates[i])
		}
	}
	m := 0
	mustView(t, db, func(tx certification.Tx) error {
		return tx.Range(certification.IndexObligationItem, nil, nil, func(v []byte, _ certification.ID) error {
			m++
			if d, err := certification.DecodeObligationItem(v); err != nil || !bytes.Equal(v[:8], certification.DateKey(d.Due)) {
				t.Fatalf("a key not due date first after the upgrade: %v", err)
			}
			return nil
		})
	})
	open := 0
	mustView(t, db, func(tx certification.Tx) error {
		return tx.Each(certification.KindObligations, func(_ certification.ID, decode func(certification.Record) error) error {
			var set certification.ObligationSet
			if err := decode(&set); err != nil {
				return err
			}
			for _, o := range set.Items {
				if !o.Done {
					open++
				}
			}
			return nil
		})
	})
	if m != open || m < n {
		t.Errorf("%d obligation keys after the upgrade, want one per open obligation (%d; %d before it)", m, open, n)
	}
	for _, index := range []string{schema5Due, schema5DueLapsing, schema5Lapse} {
		if keys := rawIndex(t, db, index); len(keys) != 0 {
			t.Errorf("%d keys of the dropped index %s after the upgrade", len(keys), index)
		}
	}
}
