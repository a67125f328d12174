package storetest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"certdesk/certification"
)

// journal: each successful Update appends one entry with the next
// sequence number, the caller's fields as given, and the records it
// created, updated and deleted (a record created and deleted again is
// no change); a failed Update appends nothing; Journal reads from a
// sequence number on and stops at ErrStop.
func journal(t *testing.T, s certification.Store) {
	ctx := context.Background()
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	put(t, s, &Note{ID: 1, Text: "old"}, &Thing{ID: 9, Name: "gone"})

	e := certification.JournalEntry{At: at, Actor: certification.Actor{PersonID: 3, Name: "Ada"}, Command: "edit", Summary: "several"}
	err := s.Update(ctx, e, func(tx certification.Tx) error {
		for _, step := range []func() error{
			func() error { return tx.Put(&Thing{ID: 10, Name: "new"}) },
			func() error { return tx.Put(&Note{ID: 1, Text: "changed"}) },
			func() error { return tx.Delete(KindThing, 9) },
			func() error { return tx.Put(&Thing{ID: 10, Name: "newer"}) }, // still a create
			func() error { return tx.Put(&Note{ID: 2, Text: "brief"}) },
			func() error { return tx.Delete(KindNote, 2) }, // created and deleted: no change
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// fn fails: nothing written, the error comes back unchanged.
	rule := &certification.RuleError{Rule: "test-rule", Msg: "no"}
	err = s.Update(ctx, entry("refused"), func(tx certification.Tx) error {
		if err := tx.Put(&Note{ID: 3, Text: "never"}); err != nil {
			return err
		}
		return fmt.Errorf("wrapped: %w", rule)
	})
	var re *certification.RuleError
	if !errors.As(err, &re) || re != rule {
		t.Errorf("Update error = %v, want the RuleError", err)
	}
	view(t, s, func(tx certification.Tx) error {
		if err := tx.Get(3, new(Note)); !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("record of failed Update: %v", err)
		}
		return nil
	})

	all := Journal(t, s, 0)
	if len(all) != 2 {
		t.Fatalf("journal has %d entries, want 2: %+v", len(all), all)
	}
	if all[0].Seq != 1 || all[1].Seq != 2 {
		t.Errorf("seqs %d, %d; want 1, 2", all[0].Seq, all[1].Seq)
	}
	wantChanges := []certification.Change{
		{Kind: KindThing, ID: 10, Op: "create"},
		{Kind: KindNote, ID: 1, Op: "update"},
		{Kind: KindThing, ID: 9, Op: "delete"},
	}
	got := all[1]
	for i := range got.Changes {
		got.Changes[i].Hash = "" // a store may fill in record hashes; storage's tests check them
	}
	if !reflect.DeepEqual(got.Changes, wantChanges) {
		t.Errorf("changes = %+v, want %+v", got.Changes, wantChanges)
	}
	if !got.At.Equal(at) || got.Actor != e.Actor || got.Command != "edit" || got.Summary != "several" {
		t.Errorf("entry = %+v", got)
	}

	if from2 := Journal(t, s, 2); len(from2) != 1 || from2[0].Seq != 2 {
		t.Errorf("Journal from 2: %+v", from2)
	}
	n := 0
	err = s.Journal(ctx, 0, func(certification.JournalEntry) error { n++; return certification.ErrStop })
	if err != nil || n != 1 {
		t.Errorf("Journal with ErrStop: n=%d err=%v", n, err)
	}
	boom := errors.New("boom")
	if err := s.Journal(ctx, 0, func(certification.JournalEntry) error { return boom }); err != boom {
		t.Errorf("Journal error: %v", err)
	}
}
