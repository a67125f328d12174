package storage

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/demo"
)

// demoBody writes a demo body of clients into a new folder on disk and
// opens it.
func demoBody(t *testing.T, clients int) (string, *DB) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	bulk, err := OpenBulk(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(context.Background(), bulk, demo.Options{Clients: clients, Seed: 3, AsOf: certification.NewDate(2026, 11, 24)}); err != nil {
		t.Fatal(err)
	}
	if err := bulk.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, openAt(t, dir)
}

// indexDump is every key under i/ with its value, in order.
func indexDump(t *testing.T, db *DB) []string {
	t.Helper()
	var out []string
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := prefixIterator(txn, []byte(indexPrefix))
		defer it.Close()
		for it.Seek([]byte(indexPrefix)); it.ValidForPrefix([]byte(indexPrefix)); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(out, string(it.Item().Key())+"="+string(v))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameDump(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d index keys, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("index key %d is %q, want %q", i, got[i], want[i])
		}
	}
}

// damageIndexes deletes every 7th index key (the schedule's covering
// keys among them) and renames one to another id; it returns how many
// it deleted.
func damageIndexes(t *testing.T, db *DB) int {
	t.Helper()
	n := 0
	err := db.bdb.Update(func(txn *badger.Txn) error {
		var keys [][]byte
		err := eachKey(txn, []byte(indexPrefix), nil, func(k []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		})
		if err != nil {
			return err
		}
		for i, k := range keys {
			if i%7 == 3 {
				n++
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
		}
		bad := bytes.Clone(keys[0])
		bad[len(bad)-1] ^= 0x5a // an entry for a record that does not file itself there
		if err := txn.Delete(keys[0]); err != nil {
			return err
		}
		return txn.Set(bad, nil)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// Reindex on a folder whose index entries were deleted and damaged
// writes back exactly the keys the store wrote, byte for byte, and the
// folder verifies again; records and the journal are untouched.
func TestReindexRestoresIndexes(t *testing.T) {
	_, db := demoBody(t, 25)
	defer func(n int) { reindexChunkRecords = n }(reindexChunkRecords)
	reindexChunkRecords = 20 // deletions in chunks of 200 keys: many of them
	want := indexDump(t, db)
	verifyClean(t, db)
	head := raw(t, db, []byte(chainKey))
	items := 0
	for _, k := range want {
		if bytes.HasPrefix([]byte(k), indexPrefixOf(certification.IndexObligationItem)) {
			items++
		}
	}
	if items == 0 {
		t.Fatal("no obligation.item covering keys in the demo body")
	}
	damaged := damageIndexes(t, db)
	if damaged == 0 {
		t.Fatal("nothing deleted")
	}
	if rep := mustVerify(t, db, VerifyOptions{Indexes: true}); rep.OK() || rep.IndexProblemsTotal == 0 {
		t.Fatalf("a folder with deleted index keys verifies: %+v", rep.IndexProblems)
	}
	rep, err := db.Reindex(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Every key left is deleted: the damaged one renamed, the others.
	if rep.Written != len(want) || rep.Deleted != len(want)-damaged || rep.Records == 0 || rep.Resumed {
		t.Errorf("report %+v, want %d written and %d deleted", rep, len(want), len(want)-damaged)
	}
	sameDump(t, indexDump(t, db), want)
	verifyClean(t, db)
	if got := raw(t, db, []byte(chainKey)); !bytes.Equal(got, head) {
		t.Error("reindex moved the journal's head: it must journal nothing")
	}
}

// cutCtx is cancelled after its Err has been asked n times: a rebuild
// interrupted after a number of its transactions.
type cutCtx struct {
	context.Context
	n int
}

func (c *cutCtx) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// A rebuild cut short at any chunk leaves the marker: a read-only open
// is refused with ErrReindexPending, and the next open for changes
// finishes it with exactly the keys of before.
func TestReindexInterruptedIsFinishedOnOpen(t *testing.T) {
	dir, db := demoBody(t, 25)
	want := indexDump(t, db)
	full := &cutCtx{Context: context.Background(), n: 1 << 30}
	if _, err := db.Reindex(full); err != nil {
		t.Fatal(err)
	}
	chunks := 1<<30 - full.n
	sameDump(t, indexDump(t, db), want)
	db.Close()
	if chunks < 4 {
		t.Fatalf("the rebuild took %d transactions: too few to cut", chunks)
	}
	for _, cut := range []int{0, 1, chunks / 2, chunks - 2} {
		db := openAt(t, dir)
		if _, err := db.Reindex(&cutCtx{Context: context.Background(), n: cut}); !errors.Is(err, context.Canceled) {
			t.Fatalf("cut after %d: %v, want cancelled", cut, err)
		}
		db.Close()
		if ro, err := OpenWith(dir, Options{ReadOnly: true}); !errors.Is(err, ErrReindexPending) {
			if err == nil {
				ro.Close()
			}
			t.Fatalf("cut after %d: a read-only open gave %v, want ErrReindexPending", cut, err)
		}
		db = openAt(t, dir)
		if pending, err := db.reindexPending(); err != nil || pending {
			t.Fatalf("cut after %d: still pending after an open for changes (%v)", cut, err)
		}
		if f := db.FinishedReindex(); f == nil || !f.Resumed || f.Written != len(want) {
			t.Fatalf("cut after %d: the open reports %+v, want a resumed rebuild writing %d keys", cut, f, len(want))
		}
		sameDump(t, indexDump(t, db), want)
		db.Close()
	}
	db = openAt(t, dir)
	verifyClean(t, db)
}
