package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/storetest"
)

// The storage-level test records are the conformance suite's: thing has
// three indexes, note none.
type (
	thing = storetest.Thing
	note  = storetest.Note
)

const (
	kindThing = storetest.KindThing
	kindNote  = storetest.KindNote
	indexName = storetest.IndexThingName
	indexNum  = storetest.IndexThingNum
	indexTag  = storetest.IndexThingTag
)

func init() {
	recordTypes[kindThing] = func() certification.Record { return new(thing) }
	recordTypes[kindNote] = func() certification.Record { return new(note) }
}

// openDisk opens a fresh on-disk store that t closes.
func openDisk(t *testing.T) *DB {
	t.Helper()
	return openAt(t, t.TempDir())
}

// mustOpen opens the store in dir; the test closes it.
func mustOpen(t *testing.T, dir string) *DB {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// openAt opens the store in dir; t closes it.
func openAt(t *testing.T, dir string) *DB {
	t.Helper()
	db := mustOpen(t, dir)
	t.Cleanup(func() { db.Close() })
	return db
}

// openMemory opens a fresh in-memory store that t closes.
func openMemory(t *testing.T) *DB {
	t.Helper()
	db, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// forEachStore runs fn on a fresh on-disk store and a fresh in-memory one.
func forEachStore(t *testing.T, fn func(t *testing.T, db *DB)) {
	t.Helper()
	t.Run("disk", func(t *testing.T) { fn(t, openDisk(t)) })
	t.Run("memory", func(t *testing.T) { fn(t, openMemory(t)) })
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

func mustView(t *testing.T, db *DB, fn func(tx certification.Tx) error) {
	t.Helper()
	if err := db.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// noteText is the text of note id.
func noteText(t *testing.T, db *DB, id certification.ID) string {
	t.Helper()
	var n note
	mustView(t, db, func(tx certification.Tx) error { return tx.Get(id, &n) })
	return n.Text
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
		if got := noteText(t, db, 1); got != "0+other+mine" {
			t.Errorf("text = %q", got)
		}
		if got := len(storetest.Journal(t, db, 0)); got != 3 {
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
		mustView(t, db, func(tx certification.Tx) error {
			if n, _ := tx.Count(kindNote); n != 0 {
				t.Errorf("%d notes written", n)
			}
			return nil
		})
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
	db := mustOpen(t, dir)
	writeSchema(t, db, currentSchema+1)
	db.Close()

	db, err := Open(dir)
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
	db := mustOpen(t, dir)
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

	db = mustOpen(t, dir)
	defer db.Close()
	if ran != 1 {
		t.Errorf("migration ran %d times, want 1", ran)
	}
	if v := readSchema(t, db); v != old+1 {
		t.Errorf("schema after migration = %d, want %d", v, old+1)
	}
	if got := noteText(t, db, 1); got != "migrated" {
		t.Errorf("note = %q", got)
	}
}

func TestMissingMigration(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
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
	db := mustOpen(t, dir)
	put(t, db, &thing{ID: 1, Name: "kept", Num: 4})
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}

	db = mustOpen(t, dir)
	defer db.Close()
	if db.Dir() != dir {
		t.Errorf("Dir = %q, want %q", db.Dir(), dir)
	}
	mustView(t, db, func(tx certification.Tx) error {
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
	if got := len(storetest.Journal(t, db, 0)); got != 1 {
		t.Errorf("journal after reopen has %d entries", got)
	}
}

// Options.Existing opens only a folder that holds a store: a missing or
// empty one is refused, naming it, and left as it was; one with a store
// opens.
func TestExistingOnly(t *testing.T) {
	tmp := t.TempDir()
	missing, empty, held := filepath.Join(tmp, "missing"), filepath.Join(tmp, "empty"), filepath.Join(tmp, "held")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	db := mustOpen(t, held)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{missing, empty} {
		db, err := OpenWith(dir, Options{ReadOnly: true, Existing: true})
		if err == nil {
			db.Close()
			t.Fatalf("%s opened", dir)
		}
		if !errors.Is(err, ErrNoStore) || err.Error() != "there is no CertDesk data in "+dir {
			t.Errorf("%s: %v", dir, err)
		}
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the missing folder was made: %v", err)
	}
	if names, _ := os.ReadDir(empty); len(names) > 0 {
		t.Errorf("the empty folder holds %d files", len(names))
	}
	db, err := OpenWith(held, Options{ReadOnly: true, Existing: true})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

func TestInUse(t *testing.T) {
	dir := t.TempDir()
	openAt(t, dir) // held open while a second Open tries

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
	db = mustOpen(t, dir)
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
	db := mustOpen(t, dir)
	db.Close()
	if err := os.WriteFile(mine, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	db = mustOpen(t, dir)
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
	db = mustOpen(t, dir) // still a valid store of the current schema
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
