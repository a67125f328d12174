package memstore_test

import (
	"context"
	"slices"
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

// Interleave: after two ids of every kind, offset 2 of 3 hands out 5, 8,
// 11; offset 3 of 3 hands out 3, 6, 9; a failed Update gives its id back.
func TestInterleave(t *testing.T) {
	ctx := context.Background()
	next := func(s *memstore.Store, fail bool) certification.ID {
		var id certification.ID
		err := s.Update(ctx, certification.JournalEntry{Command: "next"}, func(tx certification.Tx) error {
			var err error
			id, err = tx.NextID(certification.KindAudit)
			if fail {
				return context.Canceled
			}
			return err
		})
		if err != nil && !fail {
			t.Fatal(err)
		}
		return id
	}
	for _, c := range []struct {
		offset int
		want   []certification.ID
	}{{2, []certification.ID{5, 8, 11}}, {3, []certification.ID{3, 6, 9}}, {1, []certification.ID{4, 7, 10}}} {
		s := memstore.New()
		next(s, false)
		next(s, false)
		s.Interleave(c.offset, 3)
		var got []certification.ID
		for range 3 {
			if w := c.want[len(got)]; next(s, true) != w {
				t.Errorf("offset %d: a failed Update's id was not %d", c.offset, w)
			}
			got = append(got, next(s, false))
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("offset %d of 3: ids %v, want %v", c.offset, got, c.want)
		}
	}
}
