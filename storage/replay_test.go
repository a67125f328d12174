package storage_test

import (
	"context"
	"fmt"
	"strings"
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
	src, dst := demoAndEmpty(t, 5)
	n, commands := replayAll(t, src, dst)
	if n < 100 || len(commands) < 8 {
		t.Fatalf("the demo made %d entries of %d commands (%v): too few to show much", n, len(commands), commands)
	}
	t.Logf("%d entries of %d commands replayed: %v", n, len(commands), commands)
}

// An issued document's record replays too (the demo issues none).
func TestIssueDocumentReplays(t *testing.T) {
	ctx := context.Background()
	src, dst := demoAndEmpty(t, 5)
	asOf, _ := certification.ParseDate("2026-11-24")
	svc := certification.NewService(src, certification.FixedClock(asOf.Time())).As(certification.Actor{Name: "Tess Tester"})
	var c certification.Certificate
	if err := src.View(ctx, func(tx certification.Tx) error { return tx.Get(1, &c) }); err != nil {
		t.Fatal(err)
	}
	sum := strings.Repeat("ab", 32)
	if _, err := svc.IssueDocument(ctx, certification.IssuedDocument{Kind: certification.DocCertificate, CertificateID: c.ID,
		Number: c.Number, Revision: c.Revision, ContentSHA256: strings.Repeat("cd", 32), SHA256: sum, Size: 1000, Issued: c.IssueDate}); err != nil {
		t.Fatal(err)
	}
	if _, commands := replayAll(t, src, dst); commands["issue-document"] != 1 {
		t.Fatalf("replayed %v", commands)
	}
	err := dst.View(ctx, func(tx certification.Tx) error {
		d, err := certification.DocumentBySHA256(tx, sum)
		if err == nil && d.Number != c.Number {
			err = fmt.Errorf("read back %+v", d)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := dst.Verify(ctx, storage.VerifyOptions{Indexes: true})
	if err != nil || !rep.OK() {
		t.Fatalf("verify after replay: %+v, %v", rep, err)
	}
}

// replayAll runs every entry of src's journal again on dst, checking that
// each makes the same hash and the heads end equal, and returns the
// number of entries and of each command.
func replayAll(t *testing.T, src, dst *storage.DB) (int, map[string]int) {
	t.Helper()
	ctx := context.Background()
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
	a, _ := src.Head(ctx)
	b, _ := dst.Head(ctx)
	if a != b {
		t.Fatalf("heads differ: first %+v, replayed %+v", a, b)
	}
	return n, commands
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
