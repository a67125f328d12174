package storage

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/view"
)

// schema7Indexes are the read models schema 7 adds.
var schema7Indexes = []string{certification.IndexClientRow, certification.IndexClientStandard, certification.IndexClientObligations,
	certification.IndexAuditRow, certification.IndexCertRow}

// schema7Rewritten are the indexes whose keys schema 7 writes in a new
// form: the keys of schema 6 must be gone after the upgrade.
var schema7Rewritten = []string{certification.IndexObligationItem, certification.IndexDecisionReady}

// Schema 7 keeps the clients list, the audits' rows and the certificates'
// rows as covering keys. A folder of schema 6
// (without them) has them written on its first open for changes, exactly
// as a new folder writes them, verifies clean and shows the same list.
func TestMigrationTo7KeepsTheClientsList(t *testing.T) {
	ctx := context.Background()
	asOf := certification.NewDate(2026, 11, 24)
	dir, db := demoOnDisk(t, 60, 4, asOf)
	want := map[string][]string{}
	for _, index := range schema7Indexes {
		want[index] = rawIndex(t, db, index)
		if len(want[index]) < 60 {
			t.Fatalf("%d keys of %s in a 60-client body", len(want[index]), index)
		}
	}
	list, err := view.ClientRows(ctx, db, asOf)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(list)
	for _, index := range schema7Rewritten {
		want[index] = rawIndex(t, db, index)
		if len(want[index]) < 10 {
			t.Fatalf("%d keys of %s in a 60-client body", len(want[index]), index)
		}
	}

	// Make it a schema 6 folder.
	makeSchema6(t, db)
	for _, index := range schema7Indexes {
		if n := len(rawIndex(t, db, index)); n != 0 {
			t.Fatalf("%d keys of %s left in the schema 6 folder", n, index)
		}
	}
	db.Close()

	db = openAt(t, dir)
	if v := readSchema(t, db); v != currentSchema {
		t.Fatalf("schema %d after opening, want %d", v, currentSchema)
	}
	for _, index := range append(schema7Indexes, schema7Rewritten...) {
		if got := rawIndex(t, db, index); !slices.Equal(got, want[index]) {
			t.Errorf("%s after the upgrade: %d keys, want the %d a new folder writes", index, len(got), len(want[index]))
		}
	}
	verifyClean(t, db)
	list, err = view.ClientRows(ctx, db, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(list); string(after) != string(before) {
		t.Errorf("the clients list after the upgrade differs:\n%s\nwant\n%s", after, before)
	}
}

// makeSchema6 turns a folder of this version into one as schema 6 left
// it: the indexes schema 7 adds dropped, the obligations' keys in JSON
// beside the new ones, the schema marker at 6.
func makeSchema6(t *testing.T, db *DB) {
	t.Helper()
	for _, index := range schema7Indexes {
		if err := db.bdb.DropPrefix(indexPrefixOf(index)); err != nil {
			t.Fatal(err)
		}
	}
	// The obligations' keys as schema 6 wrote them: the same place, the
	// obligation in JSON.
	err := db.bdb.Update(func(txn *badger.Txn) error {
		var sets []certification.ObligationSet
		err := db.View(context.Background(), func(tx certification.Tx) error {
			return tx.Each(certification.KindObligations, func(_ certification.ID, decode func(certification.Record) error) error {
				var set certification.ObligationSet
				err := decode(&set)
				sets = append(sets, set)
				return err
			})
		})
		if err != nil {
			return err
		}
		for _, set := range sets {
			for i, o := range set.Items {
				if o.Done {
					continue
				}
				j, _ := json.Marshal(o)
				old := append(indexPrefixOf(certification.IndexObligationItem), certification.DateKey(o.Due)...)
				old = append(old, certification.U64(uint64(set.CertificationID))...)
				old = append(old, certification.U64(uint64(i))...)
				old = append(append(old, j...), certification.U64(uint64(set.CertificationID))...)
				if err := txn.Set(old, nil); err != nil {
					return err
				}
			}
		}
		return setSchema(txn, 6)
	})
	if err != nil {
		t.Fatal(err)
	}
}
