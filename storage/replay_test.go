package storage_test

import (
	"context"
	"fmt"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
)

// Every change the demo body's history makes, run again from its journal
// entry (the command's name and arguments, time and actor) on a second
// store that holds the records as they were before it, makes the same
// entry: the same changes and the same hash. That is what every desk of
// a body with an office relies on (docs/sync.md).
func TestReplayMakesTheSameEntries(t *testing.T) {
	ctx := context.Background()
	src, dst := demoAndEmpty(t, 5)
	commands := map[string]int{}
	n := 0
	err := src.Journal(ctx, 1, func(e certification.JournalEntry) error {
		n++
		if len(e.Args) == 0 {
			return fmt.Errorf("entry %d (%s) carries no arguments", e.Seq, e.Command)
		}
		commands[e.Command]++
		st := dst.Applying(storage.Apply{Recorded: e.Recorded, Sealed: func(got certification.JournalEntry) error {
			if got.Hash != e.Hash {
				return fmt.Errorf("entry %d (%s) replayed to hash %s, first made %s:\nfirst  %+v\nreplay %+v", e.Seq, e.Command, got.Hash, e.Hash, e, got)
			}
			return nil
		}})
		_, err := certification.Replay(ctx, st, e, nil, blobsOf(ctx, t, src, e))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 || len(commands) < 8 {
		t.Fatalf("the demo made %d entries of %d commands (%v): too few to show much", n, len(commands), commands)
	}
	a, _ := src.Head(ctx)
	b, _ := dst.Head(ctx)
	if a != b {
		t.Fatalf("heads differ: first %+v, replayed %+v", a, b)
	}
	t.Logf("%d entries of %d commands replayed: %v", n, len(commands), commands)
}

// blobsOf is the content of the evidence entry e created, read from db.
func blobsOf(ctx context.Context, t *testing.T, db *storage.DB, e certification.JournalEntry) map[string][]byte {
	blobs := map[string][]byte{}
	err := db.View(ctx, func(tx certification.Tx) error {
		for _, c := range e.Changes {
			if c.Kind != certification.KindEvidence || c.Op != "create" {
				continue
			}
			var ev certification.Evidence
			if err := tx.Get(c.ID, &ev); err != nil {
				return err
			}
			content, err := tx.Blob(ev.SHA256)
			if err != nil {
				return err
			}
			blobs[ev.SHA256] = content
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return blobs
}
