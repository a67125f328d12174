package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// indexKeys reads every index key (i/...) and its value straight from
// Badger.
func indexKeys(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	behindTheBack(t, dir, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("i/"), PrefetchValues: true})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(out, string(it.Item().Key())+"="+string(v))
		}
		return nil
	})
	return out
}

// deleteIndexKeys deletes every nth index key behind CertDesk's back and,
// with corrupt, files the first one under another id.
func deleteIndexKeys(t *testing.T, dir string, n int, corrupt bool, also func(txn *badger.Txn) error) {
	t.Helper()
	behindTheBack(t, dir, func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("i/")})
		var keys [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it.Close()
		for i, k := range keys {
			if i%n == 1 || (corrupt && i == 0) {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
		}
		if corrupt {
			bad := bytes.Clone(keys[0])
			bad[len(bad)-1] ^= 0x5a
			if err := txn.Set(bad, nil); err != nil {
				return err
			}
		}
		if also != nil {
			return also(txn)
		}
		return nil
	})
}

func sameKeys(t *testing.T, got, want []string) {
	t.Helper()
	if slices.Equal(got, want) {
		return
	}
	i := 0
	for i < min(len(got), len(want)) && got[i] == want[i] {
		i++
	}
	t.Fatalf("%d index keys, want %d; they differ from key %d on", len(got), len(want), i)
}

// certctl reindex writes back, byte for byte, index keys deleted and
// damaged behind CertDesk's back; verify --indexes fails before and
// passes after, and the journal's head does not move.
func TestReindexRestoresIndexKeys(t *testing.T) {
	_, dir := demoBeside(t, "6")
	want := indexKeys(t, dir)
	var before, after verifyJSON
	decodeJSON(t, ok(t, dir, "verify", "--indexes", "--json"), &before)
	deleteIndexKeys(t, dir, 5, true, nil)
	fails(t, dir, exitRule, "index entries are missing or left over", "verify", "--indexes")

	var rep struct {
		Deleted, Written, Records int
		Resumed                   bool
		Seconds                   float64
	}
	decodeJSON(t, ok(t, dir, "reindex", "--json"), &rep)
	if rep.Written != len(want) || rep.Deleted == 0 || rep.Records == 0 || rep.Resumed {
		t.Errorf("reindex reports %+v, want %d keys written", rep, len(want))
	}
	sameKeys(t, indexKeys(t, dir), want)
	decodeJSON(t, ok(t, dir, "verify", "--indexes", "--json"), &after)
	if !after.OK || after.Report.Head != before.Report.Head {
		t.Errorf("after reindex: ok %v, head %+v, want ok and head %+v", after.OK, after.Report.Head, before.Report.Head)
	}
	if out := ok(t, dir, "reindex"); !strings.Contains(out, "Rebuilt the index entries") {
		t.Errorf("reindex printed %q", out)
	}
}

// A reindex interrupted halfway leaves its mark and half the keys: a
// read command finishes it before it reads, and reindex reports that it
// finished one.
func TestReindexInterruptedIsFinished(t *testing.T) {
	_, dir := demoBeside(t, "6")
	want := indexKeys(t, dir)
	mark := func(txn *badger.Txn) error { return txn.Set([]byte("meta/reindex"), []byte{1}) }

	deleteIndexKeys(t, dir, 2, false, mark)
	ok(t, dir, "schedule")
	sameKeys(t, indexKeys(t, dir), want)
	ok(t, dir, "verify", "--indexes")

	deleteIndexKeys(t, dir, 2, false, mark)
	var rep struct{ Resumed bool }
	decodeJSON(t, ok(t, dir, "reindex", "--json"), &rep)
	if !rep.Resumed {
		t.Error("reindex on a marked folder does not say it finished an interrupted one")
	}
	sameKeys(t, indexKeys(t, dir), want)
}
