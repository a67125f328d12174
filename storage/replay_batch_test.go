package storage_test

import (
	"context"
	"fmt"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/storage"
)

// The demo body's history run again in batches (DB.ApplyBatch, as a desk
// catching up applies it), every batch reading records through one
// Decoded, makes the same entries as the body: the same changes, the
// same hashes. Two batch sizes, so that the certification files kept
// from batch to batch (keptfiles.go) meet their commands at other
// points.
func TestReplayInBatchesMakesTheSameEntries(t *testing.T) {
	for _, size := range []int{16, 5} {
		t.Run(fmt.Sprint(size), func(t *testing.T) { replayInBatches(t, size) })
	}
}

func replayInBatches(t *testing.T, size int) {
	ctx := context.Background()
	src, dst := demoAndEmpty(t, 7)
	var entries []certification.JournalEntry
	if err := src.Journal(ctx, 1, func(e certification.JournalEntry) error {
		entries = append(entries, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	dec := storage.NewDecoded()
	for at := 0; at < len(entries); at += size {
		err := dst.ApplyBatch(ctx, dec, func(b *storage.Batch) error {
			for _, e := range entries[at:min(at+size, len(entries))] {
				st := b.Applying(storage.Apply{Recorded: e.Recorded, IDs: e.IDs, Sealed: func(got certification.JournalEntry) error {
					if got.Hash != e.Hash {
						return fmt.Errorf("entry %d (%s) replayed in a batch to hash %s, first made %s:\nfirst  %+v\nreplay %+v", e.Seq, e.Command, got.Hash, e.Hash, e, got)
					}
					return nil
				}})
				if _, err := certification.Replay(ctx, st, e, nil, blobsOf(ctx, t, src, e)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	a, _ := src.Head(ctx)
	b, _ := dst.Head(ctx)
	if a != b || len(entries) < 100 {
		t.Fatalf("%d entries; heads differ: first %+v, replayed %+v", len(entries), a, b)
	}
}

// demoAndEmpty returns a store holding the demo body of 12 clients made
// with seed, and an empty store to replay its journal on.
func demoAndEmpty(t *testing.T, seed int64) (src, dst *storage.DB) {
	t.Helper()
	asOf, _ := certification.ParseDate("2026-11-24")
	src, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { src.Close() })
	if _, err := demo.Generate(context.Background(), src, demo.Options{Clients: 12, Seed: seed, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if dst, err = storage.OpenMemory(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dst.Close() })
	return src, dst
}
