package storage

import (
	"context"
	"testing"

	"certdesk/certification"
)

// BenchmarkPutDurable measures one Update that takes an id, writes one
// small indexed record and its journal entry.
func BenchmarkPutDurable(b *testing.B) {
	b.Run("disk", func(b *testing.B) {
		db, err := Open(b.TempDir()) // SyncWrites on
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		benchPut(b, db)
	})
	b.Run("memory", func(b *testing.B) {
		db, err := OpenMemory()
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		benchPut(b, db)
	})
}

func benchPut(b *testing.B, db *DB) {
	ctx := context.Background()
	e := certification.JournalEntry{Actor: certification.Actor{Name: "bench"}, Command: "client add"}
	for b.Loop() {
		err := db.Update(ctx, e, func(tx certification.Tx) error {
			id, err := tx.NextID(certification.KindClient)
			if err != nil {
				return err
			}
			return tx.Put(&certification.Client{ID: id, LegalName: "Acme Robotics GmbH", RegisteredAddress: "Hauptstr. 1, Berlin", EffectivePersonnel: 12})
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
