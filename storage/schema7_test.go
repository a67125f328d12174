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

	// Make it a schema 6 folder: the three indexes dropped.
	for _, index := range schema7Indexes {
		if err := db.bdb.DropPrefix(indexPrefixOf(index)); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.bdb.Update(func(txn *badger.Txn) error { return setSchema(txn, 6) }); err != nil {
		t.Fatal(err)
	}
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
	for _, index := range schema7Indexes {
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
