package storage

import (
	"context"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// A schema 1 folder (audits not indexed by team member) is re-indexed on
// open, in chunks, and the double-booking index then finds every audit.
func TestMigrationTo2IndexesAuditsByPerson(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	const n = 1203 // more than two chunks
	err := db.Update(context.Background(), certification.JournalEntry{Command: "test"}, func(tx certification.Tx) error {
		for i := 1; i <= n; i++ {
			a := &certification.Audit{ID: certification.ID(i), CertificationID: 1, ClientID: 1, Kind: certification.Surveillance,
				Status: certification.AuditPlanned, PlannedStart: certification.NewDate(2026, 3, 2), PlannedEnd: certification.NewDate(2026, 3, 3),
				Team: []certification.TeamMember{{PersonID: certification.ID(i%7 + 1), Role: certification.TeamLead}}}
			if err := tx.Put(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Make it a schema 1 folder: no person index, schema marker 1.
	if dropped := downgrade(t, db, certification.IndexAuditByPerson, 1); dropped != n {
		t.Fatalf("%d person index entries before, want %d", dropped, n)
	}
	db.Close()

	db = mustOpen(t, dir)
	defer db.Close()
	if v := readSchema(t, db); v != currentSchema {
		t.Errorf("schema after opening = %d, want %d", v, currentSchema)
	}
	found := 0
	mustView(t, db, func(tx certification.Tx) error {
		for p := 1; p <= 7; p++ {
			lo, hi := certification.PersonMonthKey(certification.ID(p), 202603), certification.PersonMonthKey(certification.ID(p), 202604)
			if err := tx.Range(certification.IndexAuditByPerson, lo, hi, func(_ []byte, _ certification.ID) error { found++; return nil }); err != nil {
				return err
			}
		}
		return nil
	})
	if found != n {
		t.Errorf("the person index finds %d audits after the migration, want %d", found, n)
	}
}

// downgrade makes db a folder of an older schema: the index is removed
// and the schema marker set; it returns how many entries it removed.
func downgrade(t *testing.T, db *DB, index string, schema uint32) int {
	t.Helper()
	n := 0
	err := db.bdb.Update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: indexPrefixOf(index)})
		var keys [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it.Close()
		n = len(keys)
		for _, k := range keys {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return setSchema(txn, schema)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
