package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/storetest"
)

// Index entries are derived data: Verify compares them with the records
// only when asked.
func TestVerifyIndexes(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		put(t, db, &thing{ID: 1, Name: "one", Num: 1, Tags: []string{"a"}}, &thing{ID: 2, Name: "two", Num: 2})
		verifyClean(t, db)
		rawDelete(t, db, indexKey(indexTag, []byte("a"), 1))
		rawSet(t, db, indexKey(indexName, []byte("zombie"), 3), nil)

		if rep := mustVerify(t, db, VerifyOptions{}); !rep.OK() {
			t.Errorf("without Indexes: %+v", rep)
		}
		rep := mustVerify(t, db, VerifyOptions{Indexes: true})
		var got []string
		for _, p := range rep.IndexProblems {
			got = append(got, fmt.Sprintf("%s %s %d: %s", p.Index, p.Value, p.ID, p.Problem))
		}
		want := []string{
			`thing.name "zombie" 3: left over: no record files itself under it`,
			`thing.tag "a" 1: missing: thing 1 files itself under it`,
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") || rep.IndexProblemsTotal != 2 || rep.FirstBroken() != nil {
			t.Errorf("index problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// unchain makes a chained folder look like one written by schema 2: no
// Prev, Hash, Sealed or change hashes, no chain head, schema marker 2.
func unchain(t *testing.T, db *DB) {
	t.Helper()
	err := db.bdb.Update(func(txn *badger.Txn) error {
		var sets [][2][]byte
		err := eachEntry(txn, 1, func(seq uint64, e *certification.JournalEntry) error {
			e.Prev, e.Hash, e.Sealed = "", "", false
			for i := range e.Changes {
				e.Changes[i].Hash = ""
			}
			data, err := json.Marshal(e)
			sets = append(sets, [2][]byte{journalKey(seq), data})
			return err
		})
		if err != nil {
			return err
		}
		for _, kv := range sets {
			if err := txn.Set(kv[0], kv[1]); err != nil {
				return err
			}
		}
		if err := txn.Delete([]byte(chainKey)); err != nil {
			return err
		}
		return setSchema(txn, 2)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// A schema 2 folder is chained on open: every entry sealed, the records
// as they are then; what is changed afterwards is named.
func TestMigrationTo3ChainsJournal(t *testing.T) {
	dir := t.TempDir()
	db := mustOpen(t, dir)
	chainFixture(t, db)
	// Enough entries for several migration transactions (384 KB each).
	long := strings.Repeat("long summary ", 40)
	for i := 1; i <= 1200; i++ {
		e := certification.JournalEntry{Actor: certification.Actor{Name: "bulk"}, Command: "note", Summary: long}
		err := db.Update(context.Background(), e, func(tx certification.Tx) error {
			return tx.Put(&note{ID: certification.ID(i%300 + 1), Text: fmt.Sprint(i)})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	unchain(t, db)
	// Before the upgrade: one change behind CertDesk's back (it is sealed
	// with the rest: nothing tells it apart), one record lost.
	rawSet(t, db, clientKey(1), bytes.Replace(raw(t, db, clientKey(1)), []byte("AG"), []byte("SE"), 1))
	rawDelete(t, db, recordKey(certification.KindDecision, 1))
	db.Close()

	db = mustOpen(t, dir)
	defer db.Close()
	if v := readSchema(t, db); v != currentSchema {
		t.Fatalf("schema %d after opening, want %d", v, currentSchema)
	}
	rep := mustVerify(t, db, VerifyOptions{Indexes: true})
	if rep.Entries != 1205 || rep.Sealed != 1205 || rep.FirstBroken() != nil || len(rep.RecordProblems) != 1 ||
		rep.RecordProblems[0].Problem != "deleted outside CertDesk after journal entry 5" || rep.RecordProblems[0].Kind != certification.KindDecision {
		t.Fatalf("after the migration: entries %d sealed %d broken %+v records %+v", rep.Entries, rep.Sealed, rep.BrokenEntries, rep.RecordProblems)
	}
	all := storetest.Journal(t, db, 1)
	if all[0].Changes[0].Hash != "" || all[2].Changes[0].Hash != recordHash(raw(t, db, clientKey(1))) {
		t.Errorf("client 1's changes after the migration: %+v, %+v", all[0].Changes, all[2].Changes)
	}

	// Running it again (as after a crash before the schema bump) changes nothing.
	before := journalBytes(t, db)
	if err := db.chainJournal(); err != nil {
		t.Fatal(err)
	}
	if after := journalBytes(t, db); !bytes.Equal(before, after) {
		t.Error("the migration gives another journal when run again")
	}

	// New entries chain on; changes after the upgrade are named.
	put(t, db, &note{ID: 1, Text: "after"})
	last := rawEntry(t, db, 1206)
	if last.Sealed || last.Prev != all[len(all)-1].Hash {
		t.Errorf("the first entry after the migration: %+v", last)
	}
	rawSet(t, db, recordKey(kindNote, 1), []byte(`{"id":1,"text":"forged"}`))
	rep = mustVerify(t, db, VerifyOptions{})
	if rep.FirstBroken() != nil || len(rep.RecordProblems) != 2 || rep.RecordProblems[0].Problem != "changed outside CertDesk after journal entry 1206" {
		t.Errorf("after a change past the migration: %+v %+v", rep.BrokenEntries, rep.RecordProblems)
	}
}

// journalBytes is every journal entry and the chain head, concatenated.
func journalBytes(t *testing.T, db *DB) []byte {
	t.Helper()
	var out []byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(journalPrefix)})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(append(out, it.Item().Key()...), v...)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return append(out, raw(t, db, []byte(chainKey))...)
}

// The hashed encoding is fixed: a change to it (or to what it covers)
// must be a new chainTag and a migration, never a silent edit.
func TestEntryHashIsStable(t *testing.T) {
	e := certification.JournalEntry{Seq: 42, At: time.Date(2026, 11, 24, 10, 0, 0, 5, time.FixedZone("", 3600)),
		Actor: certification.Actor{PersonID: 7, Name: "Dana Decider"}, Command: "decide", Summary: "grant",
		Prev:    "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
		Changes: []certification.Change{{Kind: "decision", ID: 1, Op: "create", Hash: "aa"}, {Kind: "client", ID: 2, Op: "delete"}}}
	// Computed apart from this code, from the encoding docs/integrity.md gives.
	const want = "f6ac0790fead56031188d9f758d611d5b1a7d97b4575383ad65a263908a46bdc"
	got := entryHash(&e)
	if got != want {
		t.Errorf("entryHash = %s, want %s", got, want)
	}
	// Each field counts.
	for name, change := range map[string]func(e *certification.JournalEntry){
		"prev":    func(e *certification.JournalEntry) { e.Prev = "" },
		"seq":     func(e *certification.JournalEntry) { e.Seq++ },
		"at":      func(e *certification.JournalEntry) { e.At = e.At.Add(time.Nanosecond) },
		"zone":    func(e *certification.JournalEntry) { e.At = e.At.UTC() },
		"actor":   func(e *certification.JournalEntry) { e.Actor.PersonID = 8 },
		"name":    func(e *certification.JournalEntry) { e.Actor.Name += "." },
		"command": func(e *certification.JournalEntry) { e.Command = "refuse" },
		"summary": func(e *certification.JournalEntry) { e.Summary = "" },
		"sealed":  func(e *certification.JournalEntry) { e.Sealed = true },
		"kind":    func(e *certification.JournalEntry) { e.Changes[0].Kind = "audit" },
		"id":      func(e *certification.JournalEntry) { e.Changes[0].ID = 2 },
		"op":      func(e *certification.JournalEntry) { e.Changes[0].Op = "update" },
		"hash":    func(e *certification.JournalEntry) { e.Changes[0].Hash = "ab" },
		"changes": func(e *certification.JournalEntry) { e.Changes = e.Changes[:1] },
		// Length prefixes: moving a byte from one string to the next is seen.
		"boundary": func(e *certification.JournalEntry) { e.Command, e.Summary = "decideg", "rant" },
	} {
		c := e
		c.Changes = append([]certification.Change(nil), e.Changes...)
		change(&c)
		if entryHash(&c) == got {
			t.Errorf("changing %s leaves the hash unchanged", name)
		}
	}
}

func TestVerifyReportLines(t *testing.T) {
	db := openMemory(t)
	chainFixture(t, db)
	lines := strings.Join(verifyClean(t, db).Lines(10), "\n")
	if !strings.Contains(lines, "5 journal entries and 2 records checked") || !strings.Contains(lines, "Last journal entry: no. 5") ||
		!strings.Contains(lines, "Everything matches") {
		t.Errorf("clean:\n%s", lines)
	}
	rawSet(t, db, clientKey(1), bytes.Replace(raw(t, db, clientKey(1)), []byte("Acme Robotics AG"), []byte("Acme Robotics SE"), 1))
	alterEntry(t, db, 2, func(e *certification.JournalEntry) { e.Summary = "rewritten" })
	rep := mustVerify(t, db, VerifyOptions{})
	lines = strings.Join(rep.Lines(10), "\n")
	for _, want := range []string{"first journal entry that does not match is no. 2", "1 record does not match the journal", "client 1: changed outside CertDesk after journal entry 3"} {
		if !strings.Contains(lines, want) {
			t.Errorf("tampered: no %q in\n%s", want, lines)
		}
	}
	if strings.Contains(lines, "Everything matches") {
		t.Errorf("tampered, yet:\n%s", lines)
	}
}
