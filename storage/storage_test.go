package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// thing is a storage-level test record with three indexes.
type thing struct {
	ID   certification.ID `json:"id"`
	Name string           `json:"name"`
	Num  uint64           `json:"num"`
	Tags []string         `json:"tags,omitempty"`
}

const (
	kindThing certification.Kind = "thing"
	kindNote  certification.Kind = "note"
	indexName                    = "thing.name"
	indexNum                     = "thing.num"
	indexTag                     = "thing.tag"
)

func (t *thing) RecordKind() certification.Kind { return kindThing }
func (t *thing) RecordID() certification.ID     { return t.ID }
func (t *thing) IndexTerms() []certification.IndexTerm {
	terms := []certification.IndexTerm{
		{Index: indexName, Value: []byte(t.Name)},
		{Index: indexNum, Value: certification.U64(t.Num)},
	}
	for _, tag := range t.Tags {
		terms = append(terms, certification.IndexTerm{Index: indexTag, Value: []byte(tag)})
	}
	return terms
}

// note is a test record without indexes.
type note struct {
	ID   certification.ID `json:"id"`
	Text string           `json:"text"`
}

func (n *note) RecordKind() certification.Kind { return kindNote }
func (n *note) RecordID() certification.ID     { return n.ID }

func init() {
	recordTypes[kindThing] = func() certification.Record { return new(thing) }
	recordTypes[kindNote] = func() certification.Record { return new(note) }
}

// forEachStore runs fn on a fresh on-disk store and a fresh in-memory one.
func forEachStore(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("disk", func(t *testing.T) {
		db, err := Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
	t.Run("memory", func(t *testing.T) {
		db, err := OpenMemory()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
}

func entry(cmd string) certification.JournalEntry {
	return certification.JournalEntry{Actor: certification.Actor{Name: "tester"}, Command: cmd}
}

// put writes records in one Update.
func put(t *testing.T, db *DB, recs ...certification.Record) {
	t.Helper()
	err := db.Update(context.Background(), entry("put"), func(tx certification.Tx) error {
		for _, r := range recs {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func view(t *testing.T, db *DB, fn func(tx certification.Tx) error) {
	t.Helper()
	if err := db.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// rawIndex lists the index keys of index as "value#id" strings.
func rawIndex(t *testing.T, db *DB, index string) []string {
	t.Helper()
	var out []string
	prefix := indexPrefixOf(index)
	err := db.bdb.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			v, id := splitIndexKey(it.Item().Key(), len(prefix))
			out = append(out, fmt.Sprintf("%s#%d", v, id))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func journal(t *testing.T, db *DB, from uint64) []certification.JournalEntry {
	t.Helper()
	var out []certification.JournalEntry
	err := db.Journal(context.Background(), from, func(e certification.JournalEntry) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		client := &certification.Client{
			ID: 1, LegalName: "Acme Robotics GmbH", RegisteredAddress: "Hauptstr. 1, Berlin",
			EffectivePersonnel: 42.5, Sectors: []int{19},
			Sites:   []certification.Site{{Code: "HQ", Address: "Berlin", Central: true}},
			Created: certification.NewDate(2025, 3, 1),
		}
		person := &certification.Person{ID: 7, Name: "Ada Lovelace", Roles: []certification.Role{certification.RoleLeadAuditor}}
		policy := certification.DefaultPolicy()
		th := &thing{ID: 3, Name: "a/b", Num: 9, Tags: []string{"x"}}
		put(t, db, client, person, &policy, th)

		view(t, db, func(tx certification.Tx) error {
			for _, want := range []certification.Record{client, person, &policy, th} {
				got := reflect.New(reflect.TypeOf(want).Elem()).Interface().(certification.Record)
				if err := tx.Get(want.RecordID(), got); err != nil {
					return err
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s: got %+v, want %+v", want.RecordKind(), got, want)
				}
			}
			return nil
		})
	})
}

func TestNotFound(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		view(t, db, func(tx certification.Tx) error {
			err := tx.Get(12, new(certification.Client))
			if !errors.Is(err, certification.ErrNotFound) {
				t.Errorf("Get: %v, want ErrNotFound", err)
			}
			if err == nil || err.Error() != "client 12: not found" {
				t.Errorf("Get message: %v", err)
			}
			return nil
		})
		err := db.Update(context.Background(), entry("delete"), func(tx certification.Tx) error {
			return tx.Delete(kindThing, 5)
		})
		if !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("Delete of a missing record: %v, want ErrNotFound", err)
		}
	})
}

// TestDecodeResets checks that a reused dst does not keep fields of the
// previous record that the next one omits.
func TestDecodeResets(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db, &thing{ID: 1, Name: "one", Tags: []string{"t"}}, &thing{ID: 2, Name: "two"})
		view(t, db, func(tx certification.Tx) error {
			var th thing
			if err := tx.Get(1, &th); err != nil {
				return err
			}
			if err := tx.Get(2, &th); err != nil {
				return err
			}
			if th.Tags != nil {
				t.Errorf("Get kept tags of the earlier record: %+v", th)
			}
			return nil
		})
	})
}

func TestIndexMaintenance(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db, &thing{ID: 1, Name: "alpha", Num: 1, Tags: []string{"red", "blue"}})
		if got, want := rawIndex(t, db, indexTag), []string{"blue#1", "red#1"}; !reflect.DeepEqual(got, want) {
			t.Errorf("tags after create: %q, want %q", got, want)
		}

		put(t, db, &thing{ID: 1, Name: "beta", Num: 1, Tags: []string{"blue", "green"}})
		if got, want := rawIndex(t, db, indexTag), []string{"blue#1", "green#1"}; !reflect.DeepEqual(got, want) {
			t.Errorf("tags after update: %q, want %q", got, want)
		}
		if got, want := rawIndex(t, db, indexName), []string{"beta#1"}; !reflect.DeepEqual(got, want) {
			t.Errorf("names after update: %q, want %q", got, want)
		}

		err := db.Update(context.Background(), entry("delete"), func(tx certification.Tx) error {
			return tx.Delete(kindThing, 1)
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, ix := range []string{indexTag, indexName, indexNum} {
			if got := rawIndex(t, db, ix); len(got) != 0 {
				t.Errorf("%s after delete: %q, want none", ix, got)
			}
		}
		view(t, db, func(tx certification.Tx) error {
			if err := tx.Get(1, new(thing)); !errors.Is(err, certification.ErrNotFound) {
				t.Errorf("Get after delete: %v", err)
			}
			return nil
		})
	})
}

func TestRealIndexes(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db, &certification.Client{ID: 4, LegalName: "Acme  GmbH", RegisteredAddress: "x", EffectivePersonnel: 1})
		put(t, db, &certification.Client{ID: 4, LegalName: "Acme Robotics GmbH", RegisteredAddress: "x", EffectivePersonnel: 1})
		if got, want := rawIndex(t, db, certification.IndexClientName), []string{"acme robotics gmbh#4"}; !reflect.DeepEqual(got, want) {
			t.Errorf("client.name: %q, want %q", got, want)
		}
		err := db.Update(context.Background(), entry("delete client"), func(tx certification.Tx) error {
			return tx.Delete(certification.KindClient, 4)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := rawIndex(t, db, certification.IndexClientName); len(got) != 0 {
			t.Errorf("client.name after delete: %q", got)
		}
	})
}

func TestLookup(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db,
			&thing{ID: 300, Name: "acme"},
			&thing{ID: 2, Name: "acme"},
			&thing{ID: 5, Name: "acme ltd"}, // value starts with "acme": not a match
			&thing{ID: 6, Name: "ac"},
			&thing{ID: 7, Name: "a/c/m/e"},
		)
		view(t, db, func(tx certification.Tx) error {
			for value, want := range map[string][]certification.ID{
				"acme":     {2, 300},
				"acme ltd": {5},
				"a/c/m/e":  {7},
				"acm":      nil,
			} {
				got, err := tx.Lookup(indexName, []byte(value))
				if err != nil {
					return err
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("Lookup(%q) = %v, want %v", value, got, want)
				}
			}
			return nil
		})
	})
}

func TestRange(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		// Numbers whose little-endian or decimal order differs from numeric order.
		nums := []uint64{65536, 1, 256, 255, 1 << 40, 256}
		var recs []certification.Record
		for i, n := range nums {
			recs = append(recs, &thing{ID: certification.ID(10 - i), Name: "n", Num: n})
		}
		put(t, db, recs...)

		walk := func(tx certification.Tx, from, to []byte) []string {
			var out []string
			err := tx.Range(indexNum, from, to, func(v []byte, id certification.ID) error {
				out = append(out, fmt.Sprintf("%d#%d", binary.BigEndian.Uint64(v), id))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
		u := certification.U64
		view(t, db, func(tx certification.Tx) error {
			for _, c := range []struct {
				from, to []byte
				want     string
			}{
				{nil, nil, "1#9 255#7 256#5 256#8 65536#10 1099511627776#6"},
				{u(256), nil, "256#5 256#8 65536#10 1099511627776#6"},
				{nil, u(256), "1#9 255#7"},
				{u(255), u(65536), "255#7 256#5 256#8"},
				{u(2), u(3), ""},
			} {
				if got := strings.Join(walk(tx, c.from, c.to), " "); got != c.want {
					t.Errorf("Range(%x, %x) = %q, want %q", c.from, c.to, got, c.want)
				}
			}
			// ErrStop ends the walk without error.
			n := 0
			err := tx.Range(indexNum, nil, nil, func([]byte, certification.ID) error {
				n++
				if n == 2 {
					return certification.ErrStop
				}
				return nil
			})
			if err != nil || n != 2 {
				t.Errorf("Range with ErrStop: n=%d err=%v", n, err)
			}
			// Other errors come back as they are.
			boom := errors.New("boom")
			if err := tx.Range(indexNum, nil, nil, func([]byte, certification.ID) error { return boom }); err != boom {
				t.Errorf("Range error: %v", err)
			}
			return nil
		})
	})
}

func TestRangeText(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db,
			&thing{ID: 1, Name: "b/x"},
			&thing{ID: 2, Name: "b"},
			&thing{ID: 3, Name: "a"},
			&thing{ID: 4, Name: "c"},
		)
		view(t, db, func(tx certification.Tx) error {
			var got []string
			err := tx.Range(indexName, []byte("b"), []byte("c"), func(v []byte, id certification.ID) error {
				got = append(got, fmt.Sprintf("%s#%d", v, id))
				return nil
			})
			if want := []string{"b#2", "b/x#1"}; !reflect.DeepEqual(got, want) {
				t.Errorf("Range = %q, want %q", got, want)
			}
			return err
		})
	})
}

func TestEachAndCount(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db, &note{ID: 258, Text: "c"}, &note{ID: 1, Text: "a"}, &note{ID: 2, Text: "b"}, &thing{ID: 1, Name: "x"})
		view(t, db, func(tx certification.Tx) error {
			var got []string
			err := tx.Each(kindNote, func(id certification.ID, decode func(certification.Record) error) error {
				var n note
				if err := decode(&n); err != nil {
					return err
				}
				got = append(got, fmt.Sprintf("%d:%s", id, n.Text))
				return nil
			})
			if err != nil {
				return err
			}
			if want := []string{"1:a", "2:b", "258:c"}; !reflect.DeepEqual(got, want) {
				t.Errorf("Each = %q, want %q", got, want)
			}

			n := 0
			err = tx.Each(kindNote, func(certification.ID, func(certification.Record) error) error {
				n++
				return certification.ErrStop
			})
			if err != nil || n != 1 {
				t.Errorf("Each with ErrStop: n=%d err=%v", n, err)
			}

			err = tx.Each(kindNote, func(_ certification.ID, decode func(certification.Record) error) error {
				return decode(new(thing))
			})
			if err == nil {
				t.Error("decoding a note into a thing succeeded")
			}

			for kind, want := range map[certification.Kind]int{kindNote: 3, kindThing: 1, certification.KindClient: 0} {
				if got, err := tx.Count(kind); err != nil || got != want {
					t.Errorf("Count(%s) = %d, %v; want %d", kind, got, err, want)
				}
			}
			return nil
		})
	})
}

func TestNextID(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		var got []certification.ID
		next := func(kind certification.Kind, fail error) error {
			return db.Update(context.Background(), entry("next"), func(tx certification.Tx) error {
				id, err := tx.NextID(kind)
				if err != nil {
					return err
				}
				got = append(got, id)
				return fail
			})
		}
		boom := errors.New("boom")
		for _, step := range []struct {
			kind certification.Kind
			fail error
		}{{kindThing, nil}, {kindThing, nil}, {kindNote, nil}, {kindThing, boom}, {kindThing, nil}} {
			if err := next(step.kind, step.fail); err != step.fail {
				t.Fatalf("NextID: %v", err)
			}
		}
		// Per kind from 1; the aborted transaction's id 3 is handed out again.
		if want := []certification.ID{1, 2, 1, 3, 3}; !reflect.DeepEqual(got, want) {
			t.Errorf("ids = %v, want %v", got, want)
		}

		err := db.View(context.Background(), func(tx certification.Tx) error {
			_, err := tx.NextID(kindThing)
			return err
		})
		if err == nil {
			t.Error("NextID in View succeeded")
		}
	})
}

func TestJournal(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		put(t, db, &note{ID: 1, Text: "old"}, &thing{ID: 9, Name: "gone"})

		e := certification.JournalEntry{At: at, Actor: certification.Actor{PersonID: 3, Name: "Ada"}, Command: "edit", Summary: "several"}
		err := db.Update(ctx, e, func(tx certification.Tx) error {
			for _, step := range []func() error{
				func() error { return tx.Put(&thing{ID: 10, Name: "new"}) },
				func() error { return tx.Put(&note{ID: 1, Text: "changed"}) },
				func() error { return tx.Delete(kindThing, 9) },
				func() error { return tx.Put(&thing{ID: 10, Name: "newer"}) }, // still a create
				func() error { return tx.Put(&note{ID: 2, Text: "brief"}) },
				func() error { return tx.Delete(kindNote, 2) }, // created and deleted: no change
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
		err = db.Update(ctx, entry("refused"), func(tx certification.Tx) error {
			if err := tx.Put(&note{ID: 3, Text: "never"}); err != nil {
				return err
			}
			return fmt.Errorf("wrapped: %w", rule)
		})
		var re *certification.RuleError
		if !errors.As(err, &re) || re != rule {
			t.Errorf("Update error = %v, want the RuleError", err)
		}
		view(t, db, func(tx certification.Tx) error {
			if err := tx.Get(3, new(note)); !errors.Is(err, certification.ErrNotFound) {
				t.Errorf("record of failed Update: %v", err)
			}
			return nil
		})

		all := journal(t, db, 0)
		if len(all) != 2 {
			t.Fatalf("journal has %d entries, want 2: %+v", len(all), all)
		}
		if all[0].Seq != 1 || all[1].Seq != 2 {
			t.Errorf("seqs %d, %d; want 1, 2", all[0].Seq, all[1].Seq)
		}
		wantChanges := []certification.Change{
			{Kind: kindThing, ID: 10, Op: "create"},
			{Kind: kindNote, ID: 1, Op: "update"},
			{Kind: kindThing, ID: 9, Op: "delete"},
		}
		got := all[1]
		for i := range got.Changes {
			got.Changes[i].Hash = "" // chain_test.go checks the record hashes
		}
		if !reflect.DeepEqual(got.Changes, wantChanges) {
			t.Errorf("changes = %+v, want %+v", got.Changes, wantChanges)
		}
		if !got.At.Equal(at) || got.Actor != e.Actor || got.Command != "edit" || got.Summary != "several" {
			t.Errorf("entry = %+v", got)
		}
		if all[0].At.IsZero() {
			t.Error("At not filled in")
		}

		if from2 := journal(t, db, 2); len(from2) != 1 || from2[0].Seq != 2 {
			t.Errorf("Journal from 2: %+v", from2)
		}
		n := 0
		err = db.Journal(ctx, 0, func(certification.JournalEntry) error { n++; return certification.ErrStop })
		if err != nil || n != 1 {
			t.Errorf("Journal with ErrStop: n=%d err=%v", n, err)
		}
	})
}

// TestConflictRetry makes the first attempt conflict with a transaction
// that commits in between; Update must run fn again and succeed.
func TestConflictRetry(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		put(t, db, &note{ID: 1, Text: "0"})
		attempts := 0
		err := db.Update(ctx, entry("append"), func(tx certification.Tx) error {
			attempts++
			var n note
			if err := tx.Get(1, &n); err != nil {
				return err
			}
			if attempts == 1 {
				put(t, db, &note{ID: 1, Text: "0+other"})
			}
			n.Text += "+mine"
			return tx.Put(&n)
		})
		if err != nil {
			t.Fatal(err)
		}
		if attempts != 2 {
			t.Errorf("fn ran %d times, want 2", attempts)
		}
		view(t, db, func(tx certification.Tx) error {
			var n note
			if err := tx.Get(1, &n); err != nil {
				return err
			}
			if n.Text != "0+other+mine" {
				t.Errorf("text = %q", n.Text)
			}
			return nil
		})
		if got := len(journal(t, db, 0)); got != 3 {
			t.Errorf("journal has %d entries, want 3", got)
		}

		// A conflict on every attempt gives up after maxAttempts.
		attempts = 0
		err = db.Update(ctx, entry("hopeless"), func(tx certification.Tx) error {
			attempts++
			if err := tx.Get(1, new(note)); err != nil {
				return err
			}
			put(t, db, &note{ID: 1, Text: fmt.Sprint(attempts)})
			return tx.Put(&note{ID: 1, Text: "mine"})
		})
		if err == nil || attempts != maxAttempts {
			t.Errorf("always conflicting: attempts=%d err=%v", attempts, err)
		}
	})
}

func TestTooLarge(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		big := strings.Repeat("x", 10<<10)
		err := db.Update(context.Background(), entry("import"), func(tx certification.Tx) error {
			for i := 1; i <= 1000; i++ {
				if err := tx.Put(&note{ID: certification.ID(i), Text: big}); err != nil {
					return err
				}
			}
			return nil
		})
		if !errors.Is(err, ErrTooLarge) {
			t.Fatalf("err = %v, want ErrTooLarge", err)
		}
		view(t, db, func(tx certification.Tx) error {
			if n, _ := tx.Count(kindNote); n != 0 {
				t.Errorf("%d notes written", n)
			}
			return nil
		})
	})
}

func TestReadOnlyView(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		err := db.View(context.Background(), func(tx certification.Tx) error {
			return tx.Put(&note{ID: 1})
		})
		if err == nil || !strings.Contains(err.Error(), "View") {
			t.Errorf("Put in View: %v", err)
		}
	})
}

func TestContextCancelled(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		ran := false
		fn := func(certification.Tx) error { ran = true; return nil }
		if err := db.View(ctx, fn); !errors.Is(err, context.Canceled) {
			t.Errorf("View: %v", err)
		}
		if err := db.Update(ctx, entry("x"), fn); !errors.Is(err, context.Canceled) {
			t.Errorf("Update: %v", err)
		}
		if err := db.Journal(ctx, 0, func(certification.JournalEntry) error { return nil }); !errors.Is(err, context.Canceled) {
			t.Errorf("Journal: %v", err)
		}
		if ran {
			t.Error("fn ran on a cancelled context")
		}
	})
}

func TestEmpty(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		ctx := context.Background()
		policy := certification.DefaultPolicy()
		put(t, db, &policy) // a policy alone does not make the store non-empty
		if empty, err := db.Empty(ctx); err != nil || !empty {
			t.Errorf("Empty = %v, %v; want true", empty, err)
		}
		put(t, db, &certification.Person{ID: 1, Name: "Ada", Roles: []certification.Role{certification.RoleAuditor}})
		if empty, err := db.Empty(ctx); err != nil || empty {
			t.Errorf("Empty with a person = %v, %v; want false", empty, err)
		}
	})
}

func TestSchemaWritten(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		if v := readSchema(t, db); v != currentSchema {
			t.Errorf("schema = %d, want %d", v, currentSchema)
		}
	})
}

func readSchema(t *testing.T, db *DB) uint32 {
	t.Helper()
	var v []byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(schemaKey))
		if err != nil {
			return err
		}
		v, err = item.ValueCopy(nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(v) != 4 {
		t.Fatalf("schema marker is %d bytes", len(v))
	}
	return binary.BigEndian.Uint32(v)
}

func writeSchema(t *testing.T, db *DB, v uint32) {
	t.Helper()
	if err := db.bdb.Update(func(txn *badger.Txn) error { return setSchema(txn, v) }); err != nil {
		t.Fatal(err)
	}
}

func TestSchemaNewerRefused(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	writeSchema(t, db, currentSchema+1)
	db.Close()

	db, err = Open(dir)
	if err == nil {
		db.Close()
		t.Fatal("Open of a newer schema succeeded")
	}
	want := fmt.Sprintf("was written by a newer CertDesk (schema %d); this version reads up to %d", currentSchema+1, currentSchema)
	if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), dir) {
		t.Errorf("err = %q, want it to name %s and say %q", err, dir, want)
	}
	// The refused Open released the folder.
	db, err = Open(dir)
	if err == nil || errors.Is(err, ErrInUse) {
		t.Errorf("third Open: %v", err)
	}
	if db != nil {
		db.Close()
	}
}

func TestMigration(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, &note{ID: 1, Text: "v1"})
	db.Close()

	// Pretend the code moved on to schema current+1 with a migration that
	// rewrites every note.
	old := currentSchema
	currentSchema = old + 1
	ran := 0
	migrations[old] = func(txn *badger.Txn) error {
		ran++
		t := &tx{txn: txn, writable: true}
		return t.Put(&note{ID: 1, Text: "migrated"})
	}
	t.Cleanup(func() {
		currentSchema = old
		delete(migrations, old)
	})

	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ran != 1 {
		t.Errorf("migration ran %d times, want 1", ran)
	}
	if v := readSchema(t, db); v != old+1 {
		t.Errorf("schema after migration = %d, want %d", v, old+1)
	}
	view(t, db, func(tx certification.Tx) error {
		var n note
		if err := tx.Get(1, &n); err != nil {
			return err
		}
		if n.Text != "migrated" {
			t.Errorf("note = %q", n.Text)
		}
		return nil
	})
}

func TestMissingMigration(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	old := currentSchema
	currentSchema = old + 1
	t.Cleanup(func() { currentSchema = old })
	if db, err := Open(dir); err == nil {
		db.Close()
		t.Fatal("Open without a migration succeeded")
	}
}

func TestReopenKeepsData(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	put(t, db, &thing{ID: 1, Name: "kept", Num: 4})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Dir() != dir {
		t.Errorf("Dir = %q, want %q", db.Dir(), dir)
	}
	view(t, db, func(tx certification.Tx) error {
		var th thing
		if err := tx.Get(1, &th); err != nil {
			return err
		}
		ids, err := tx.Lookup(indexName, []byte("kept"))
		if err != nil || th.Num != 4 || len(ids) != 1 {
			t.Errorf("after reopen: %+v %v %v", th, ids, err)
		}
		return nil
	})
	if got := len(journal(t, db, 0)); got != 1 {
		t.Errorf("journal after reopen has %d entries", got)
	}
}

func TestInUse(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	second, err := Open(dir)
	if err == nil {
		second.Close()
		t.Fatal("second Open succeeded")
	}
	if !errors.Is(err, ErrInUse) {
		t.Errorf("err = %v, want ErrInUse", err)
	}
	want := "the CertDesk data folder " + dir + " is in use by another CertDesk window or certctl command: close it and try again"
	if err.Error() != want {
		t.Errorf("message:\n got %q\nwant %q", err, want)
	}
}

func TestGCLoop(t *testing.T) {
	old := gcInterval
	gcInterval = time.Millisecond
	t.Cleanup(func() { gcInterval = old })
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		put(t, db, &note{ID: 1, Text: strings.Repeat("y", 1000)})
	}
	time.Sleep(20 * time.Millisecond) // let the ticker fire a few times
	done := make(chan error)
	go func() { done <- db.Close() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Close did not stop the GC goroutine")
	}
}

func TestRecordTypesCoverKinds(t *testing.T) {
	for _, kind := range certification.Kinds {
		r, err := newRecord(kind)
		if err != nil {
			t.Error(err)
			continue
		}
		if r.RecordKind() != kind {
			t.Errorf("newRecord(%s) made a %s", kind, r.RecordKind())
		}
	}
}

func TestKeyParsing(t *testing.T) {
	prefix := indexPrefixOf("x")
	k := indexKey("x", []byte("a/b/"), 513)
	v, id := splitIndexKey(k, len(prefix))
	if !bytes.Equal(v, []byte("a/b/")) || id != 513 {
		t.Errorf("split = %q, %d", v, id)
	}
	if err := checkName("kind", "a/b"); err == nil {
		t.Error("a kind with '/' was accepted")
	}
}

func TestObligationsIndex(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		d := certification.NewDate
		set := &certification.ObligationSet{CertificationID: 4, ClientID: 2, Items: []certification.Obligation{
			{Label: "surveillance 1", Due: d(2026, 5, 1)},
			{Label: "stage 2", Due: d(2025, 1, 10), Done: true, DoneOn: d(2025, 1, 9)},
			{Label: "response", Due: d(2026, 2, 1)},
		}}
		put(t, db, set)
		if got, want := len(rawIndex(t, db, certification.IndexDue)), 2; got != want {
			t.Errorf("%d due entries, want %d", got, want)
		}
		view(t, db, func(tx certification.Tx) error {
			var dues []certification.Date
			err := tx.Range(certification.IndexDue, nil, certification.DateKey(d(2026, 3, 1)), func(v []byte, id certification.ID) error {
				dues = append(dues, certification.Date(binary.BigEndian.Uint64(v)))
				if id != 4 {
					t.Errorf("id %d", id)
				}
				return nil
			})
			if want := []certification.Date{d(2026, 2, 1)}; !reflect.DeepEqual(dues, want) {
				t.Errorf("due before March: %v, want %v", dues, want)
			}
			return err
		})
		err := db.Update(context.Background(), entry("drop"), func(tx certification.Tx) error {
			return tx.Delete(certification.KindObligations, 4)
		})
		if err != nil {
			t.Fatal(err)
		}
		if got := rawIndex(t, db, certification.IndexDue); len(got) != 0 {
			t.Errorf("due entries after delete: %q", got)
		}
	})
}

func TestOpenBulkKeepsDataAfterClose(t *testing.T) {
	dir := t.TempDir()
	db, err := OpenBulk(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 50; i++ {
		c := &certification.Client{LegalName: fmt.Sprintf("Bulk %d", i), RegisteredAddress: "x", EffectivePersonnel: 1}
		err := db.Update(ctx, certification.JournalEntry{Command: "bulk"}, func(tx certification.Tx) error {
			id, err := tx.NextID(certification.KindClient)
			if err != nil {
				return err
			}
			c.ID = id
			return tx.Put(c)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.View(ctx, func(tx certification.Tx) error {
		n, err = tx.Count(certification.KindClient)
		return err
	}); err != nil || n != 50 {
		t.Fatalf("after reopen: %d clients, %v", n, err)
	}
}

func TestClearKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "thesis.docx")
	if err := os.WriteFile(mine, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A folder that holds other files and no store is not made one.
	if _, err := Open(dir); err == nil || !strings.Contains(err.Error(), "not a CertDesk data folder") || !strings.Contains(err.Error(), "thesis.docx") {
		t.Fatalf("opening a folder of other files: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
		t.Fatal("Badger's files were put into it")
	}
	// A file put into a data folder later stays there.
	os.Remove(mine)
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if err := os.WriteFile(mine, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := &certification.Client{ID: 1, LegalName: "Acme", RegisteredAddress: "x", EffectivePersonnel: 1}
	if err := db.Update(ctx, certification.JournalEntry{Command: "t"}, func(tx certification.Tx) error { return tx.Put(c) }); err != nil {
		t.Fatal(err)
	}
	if err := db.Clear(); err != nil {
		t.Fatal(err)
	}
	if empty, err := db.Empty(ctx); err != nil || !empty {
		t.Fatalf("after Clear: empty %v, %v", empty, err)
	}
	n := 0
	db.Journal(ctx, 1, func(certification.JournalEntry) error { n++; return nil })
	if n != 0 {
		t.Errorf("%d journal entries after Clear", n)
	}
	db.Close()
	if b, err := os.ReadFile(mine); err != nil || string(b) != "years of work" {
		t.Fatalf("a file of the user's was touched: %q, %v", b, err)
	}
	db, err = Open(dir) // still a valid store of the current schema
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// A write the user saw succeed must survive a power cut: the on-disk
// store syncs every transaction; only the bulk loader does not.
func TestSyncWritesOnDisk(t *testing.T) {
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.bdb.Opts().SyncWrites {
		t.Fatal("SyncWrites is off for the on-disk store")
	}
	bulk, err := OpenBulk(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer bulk.Close()
	if bulk.bdb.Opts().SyncWrites {
		t.Fatal("the bulk loader syncs every transaction")
	}
}

// A schema 1 folder (audits not indexed by team member) is re-indexed on
// open, in chunks, and the double-booking index then finds every audit.
func TestMigrationTo2IndexesAuditsByPerson(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	const n = 1203 // more than two chunks
	err = db.Update(context.Background(), certification.JournalEntry{Command: "test"}, func(tx certification.Tx) error {
		for i := 1; i <= n; i++ {
			a := &certification.Audit{ID: certification.ID(i), CertificationID: 1, ClientID: 1, Kind: certification.Surveillance,
				Status: certification.AuditPlanned, PlannedStart: certification.NewDate(2026, 3, 2), PlannedEnd: certification.NewDate(2026, 3, 3),
				Team: []certification.TeamMember{{PersonID: certification.ID(i%7 + 1), Role: certification.TeamLead}}}
			if err := tx.Put(a); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Make it a schema 1 folder: no person index, schema marker 1.
	err = db.bdb.Update(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: indexPrefixOf(certification.IndexAuditByPerson)})
		var keys [][]byte
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		it.Close()
		if len(keys) != n {
			return fmt.Errorf("%d person index entries before, want %d", len(keys), n)
		}
		for _, k := range keys {
			if err := txn.Delete(k); err != nil {
				return err
			}
		}
		return setSchema(txn, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()

	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if v := readSchema(t, db); v != currentSchema {
		t.Errorf("schema after opening = %d, want %d", v, currentSchema)
	}
	found := 0
	view(t, db, func(tx certification.Tx) error {
		for p := 1; p <= 7; p++ {
			lo, hi := certification.PersonMonthKey(certification.ID(p), 202603), certification.PersonMonthKey(certification.ID(p), 202604)
			if err := tx.Range(certification.IndexAuditByPerson, lo, hi, func(_ []byte, _ certification.ID) error { found++; return nil }); err != nil {
				return err
			}
		}
		return nil
	})
	if found != n {
		t.Errorf("the person index finds %d audits after the migration, want %d", found, n)
	}
}
