package memstore_test

import (
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/memstore"
	"certdesk/certification/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(*testing.T) certification.Store { return memstore.New() })
}

// With NoJournal an Update writes its records but the journal keeps no
// entry of it.
func TestNoJournal(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	s.NoJournal = true
	for i := 1; i <= 2; i++ {
		err := s.Update(ctx, certification.JournalEntry{Command: "add"}, func(tx certification.Tx) error {
			return tx.Put(&storetest.Note{ID: certification.ID(i), Text: "kept"})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	if err := s.Journal(ctx, 0, func(certification.JournalEntry) error { n++; return nil }); err != nil || n != 0 {
		t.Errorf("Journal with NoJournal: %d entries, %v", n, err)
	}
	err := s.View(ctx, func(tx certification.Tx) error {
		if n, err := tx.Count(storetest.KindNote); err != nil || n != 2 {
			t.Errorf("Count = %d, %v; want 2", n, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
