package storage

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// tagged is a record filed under each of its tags, for the index tests.
type tagged struct {
	ID   certification.ID `json:"id"`
	Tags []string         `json:"tags"`
}

func (r *tagged) RecordKind() certification.Kind { return "tagged" }
func (r *tagged) RecordID() certification.ID     { return r.ID }
func (r *tagged) IndexTerms() []certification.IndexTerm {
	var out []certification.IndexTerm
	for _, tag := range r.Tags {
		out = append(out, certification.IndexTerm{Index: "tag", Value: []byte(tag)})
	}
	return out
}

// A batch's lookups (batchIndex) find what Badger's iterator over the
// batch's transaction finds: the index keys committed before the batch,
// less those the batch deleted, and those it set, after each entry.
func TestBatchLookupsSeeWhatTheBatchWrote(t *testing.T) {
	ctx := context.Background()
	db, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	recordTypes["tagged"] = func() certification.Record { return new(tagged) } // Delete reads the old record
	defer delete(recordTypes, "tagged")
	before := map[certification.ID][]string{1: {"a"}, 2: {"a", "b"}, 3: {"ab"}, 4: {"b"}, 5: {"a", "ab"}}
	err = db.Update(ctx, certification.JournalEntry{Command: "test", Summary: "before"}, func(tx certification.Tx) error {
		for id, tags := range before {
			if err := tx.Put(&tagged{ID: id, Tags: tags}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	steps := []func(certification.Tx) error{
		func(tx certification.Tx) error { return tx.Put(&tagged{ID: 2, Tags: []string{"b", "c"}}) }, // leaves a
		func(tx certification.Tx) error { return tx.Delete("tagged", 5) },
		func(tx certification.Tx) error { return tx.Put(&tagged{ID: 6, Tags: []string{"ab", "b"}}) },
		func(tx certification.Tx) error { return tx.Put(&tagged{ID: 2, Tags: []string{"a"}}) }, // back under a
		func(tx certification.Tx) error { return tx.Delete("tagged", 6) },
		func(tx certification.Tx) error { return tx.Put(&tagged{ID: 5, Tags: []string{"c"}}) },
	}
	err = db.ApplyBatch(ctx, nil, func(b *Batch) error {
		if b.index == nil {
			t.Fatal("the batch looks up through its transaction")
		}
		for i, step := range steps {
			at := time.Date(2026, 12, 1, 10, i, 0, 0, time.UTC)
			err := b.Applying(Apply{Recorded: at}).Update(ctx, certification.JournalEntry{Command: "test", Summary: fmt.Sprint("step ", i+1)}, func(in certification.Tx) error {
				if err := step(in); err != nil {
					return err
				}
				for _, tag := range []string{"a", "ab", "b", "c", "d"} {
					got, err := in.Lookup("tag", []byte(tag))
					if err != nil {
						return err
					}
					var want []certification.ID
					prefix := append(indexPrefixOf("tag"), tag...)
					err = eachKey(in.(*tx).txn, prefix, nil, func(key []byte) error {
						if len(key) == len(prefix)+8 {
							want = append(want, idOf(key))
						}
						return nil
					})
					if err != nil {
						return err
					}
					if !slices.Equal(got, want) {
						t.Errorf("step %d, tag %q: the batch looked up %v, its transaction holds %v", i+1, tag, got, want)
					}
				}
				return nil
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A change committed by another transaction while a batch runs makes
// the batch's commit fail (its lookups read a snapshot outside its
// transaction, which Badger's conflict check does not see).
func TestABatchConflictsWithAChangeCommittedMeanwhile(t *testing.T) {
	ctx := context.Background()
	db, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	put := func(tx certification.Tx) error { return tx.Put(&tagged{ID: 1, Tags: []string{"a"}}) }
	err = db.ApplyBatch(ctx, nil, func(b *Batch) error {
		err := b.Applying(Apply{Recorded: time.Now()}).Update(ctx, certification.JournalEntry{Command: "test", Summary: "in the batch"}, func(tx certification.Tx) error {
			if _, err := tx.Lookup("tag", []byte("a")); err != nil {
				return err
			}
			return put(tx)
		})
		if err != nil {
			return err
		}
		return db.Update(ctx, certification.JournalEntry{Command: "test", Summary: "meanwhile"}, put)
	})
	if !errors.Is(err, badger.ErrConflict) {
		t.Fatalf("the batch's commit returned %v, want a conflict", err)
	}
}
