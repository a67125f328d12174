package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/storetest"
)

// The journal as a hash chain, Verify, and the schema 3 migration.

// chainFixture writes five commands through the store, as the service
// would:
//
//	1 client 1 created        2 client 2 created
//	3 client 1 renamed        4 client 2 deleted
//	5 decision 1 created, with the snapshot of its file
func chainFixture(t *testing.T, db *DB) {
	t.Helper()
	ctx := context.Background()
	step := func(cmd string, fn func(tx certification.Tx) error) {
		t.Helper()
		e := certification.JournalEntry{Actor: certification.Actor{PersonID: 7, Name: "Dana Decider"}, Command: cmd, Summary: cmd + " summary"}
		if err := db.Update(ctx, e, fn); err != nil {
			t.Fatal(err)
		}
	}
	client := func(id certification.ID, name string) *certification.Client {
		return &certification.Client{ID: id, LegalName: name, RegisteredAddress: "Hauptstr. 1, Berlin", EffectivePersonnel: 12}
	}
	step("client add", func(tx certification.Tx) error { return tx.Put(client(1, "Acme Robotics GmbH")) })
	step("client add", func(tx certification.Tx) error { return tx.Put(client(2, "Beta Ltd")) })
	step("client edit", func(tx certification.Tx) error { return tx.Put(client(1, "Acme Robotics AG")) })
	step("client delete", func(tx certification.Tx) error { return tx.Delete(certification.KindClient, 2) })
	step("decide", func(tx certification.Tx) error {
		return tx.Put(&certification.Decision{ID: 1, CertificationID: 1, ClientID: 1, Kind: certification.Grant,
			Date: certification.NewDate(2026, 3, 2), Makers: []certification.ID{7}, Reasons: "all gates passed",
			Snapshot: certification.Snapshot{Cycle: 1,
				Audits: []certification.AuditSnapshot{{ID: 1, Kind: certification.Stage2, Cycle: 1, Status: certification.AuditClosed,
					Recommendation: certification.RecommendGrant}},
				Findings: []certification.FindingSnapshot{{ID: 1, AuditID: 1, Grade: certification.Major, Reference: "8.2",
					Status: certification.FindingVerified}}}})
	})
}

func mustVerify(t *testing.T, db *DB, opt VerifyOptions) *VerifyReport {
	t.Helper()
	rep, err := db.Verify(context.Background(), opt)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func verifyClean(t *testing.T, db *DB) *VerifyReport {
	t.Helper()
	rep := mustVerify(t, db, VerifyOptions{Indexes: true})
	if !rep.OK() {
		t.Fatalf("a folder written only through the store does not verify:\nentries %+v\nrecords %+v\nindexes %+v",
			rep.BrokenEntries, rep.RecordProblems, rep.IndexProblems)
	}
	return rep
}

// raw reads a key straight from Badger.
func raw(t *testing.T, db *DB, key []byte) []byte {
	t.Helper()
	var v []byte
	err := db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(key)
		if err != nil {
			return err
		}
		v, err = item.ValueCopy(nil)
		return err
	})
	if err != nil {
		t.Fatalf("reading %q: %v", key, err)
	}
	return v
}

// rawSet and rawDelete write straight into Badger, behind the store's
// back, as someone with the folder and the Badger library could.
func rawSet(t *testing.T, db *DB, key, value []byte) {
	t.Helper()
	if err := db.bdb.Update(func(txn *badger.Txn) error { return txn.Set(key, value) }); err != nil {
		t.Fatal(err)
	}
}

func rawDelete(t *testing.T, db *DB, key []byte) {
	t.Helper()
	if err := db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete(key) }); err != nil {
		t.Fatal(err)
	}
}

// rawEntry decodes a stored journal entry.
func rawEntry(t *testing.T, db *DB, seq uint64) certification.JournalEntry {
	t.Helper()
	var e certification.JournalEntry
	if err := json.Unmarshal(raw(t, db, journalKey(seq)), &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// alterEntry changes a stored journal entry without touching its hash.
func alterEntry(t *testing.T, db *DB, seq uint64, fn func(e *certification.JournalEntry)) {
	t.Helper()
	e := rawEntry(t, db, seq)
	fn(&e)
	data, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	rawSet(t, db, journalKey(seq), data)
}

// rechain recomputes every hash from entry seq on and the chain head, as
// someone who knows docs/integrity.md could.
func rechain(t *testing.T, db *DB, seq uint64) {
	t.Helper()
	prev := ""
	if seq > 1 {
		prev = rawEntry(t, db, seq-1).Hash
	}
	for s := seq; ; s++ {
		var data []byte
		err := db.bdb.View(func(txn *badger.Txn) error {
			item, err := txn.Get(journalKey(s))
			if err != nil {
				return err
			}
			data, err = item.ValueCopy(nil)
			return err
		})
		if errors.Is(err, badger.ErrKeyNotFound) {
			rawSet(t, db, []byte(chainKey), ChainLink{s - 1, prev}.encode())
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		var e certification.JournalEntry
		if err := json.Unmarshal(data, &e); err != nil {
			t.Fatal(err)
		}
		prev = rawSeal(t, db, s, e, prev)
	}
}

// rawSeal stores e as entry seq, chained after the hash prev, and returns
// its hash.
func rawSeal(t *testing.T, db *DB, seq uint64, e certification.JournalEntry, prev string) string {
	t.Helper()
	if e.Recorded.IsZero() {
		e.Recorded = time.Now().UTC()
	}
	sealed, data, err := sealEntry(e, prev)
	if err != nil {
		t.Fatal(err)
	}
	rawSet(t, db, journalKey(seq), data)
	return sealed.Hash
}

func clientKey(id certification.ID) []byte { return recordKey(certification.KindClient, id) }

// Every entry links to the one before and hashes its content; every
// change holds the hash of the record's stored bytes; meta/chain names
// the last entry.
func TestChainWritten(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		chainFixture(t, db)
		all := storetest.Journal(t, db, 1)
		if len(all) != 5 {
			t.Fatalf("%d entries, want 5", len(all))
		}
		prev := ""
		for _, e := range all {
			if e.Prev != prev || e.Hash == "" || e.Hash != entryHash(&e) || e.Sealed {
				t.Errorf("entry %d: prev %q (want %q), hash %q (recomputed %q), sealed %v", e.Seq, e.Prev, prev, e.Hash, entryHash(&e), e.Sealed)
			}
			prev = e.Hash
		}
		if got, want := all[2].Changes[0].Hash, recordHash(raw(t, db, clientKey(1))); got != want {
			t.Errorf("entry 3 says client 1 hashes to %s, its bytes hash to %s", got, want)
		}
		if all[0].Changes[0].Hash == all[2].Changes[0].Hash {
			t.Error("the create and the rename of client 1 record the same hash")
		}
		if c := all[3].Changes[0]; c.Op != "delete" || c.Hash != "" {
			t.Errorf("the delete records %+v", c)
		}
		head := raw(t, db, []byte(chainKey))
		if want := (ChainLink{5, all[4].Hash}).encode(); !bytes.Equal(head, want) {
			t.Errorf("chain head %q, want %q", head, want)
		}

		rep := verifyClean(t, db)
		if rep.Entries != 5 || rep.Records != 2 || rep.Sealed != 0 || rep.IndexEntries == 0 {
			t.Errorf("report counts: %+v", rep)
		}
		if rep.Head == nil || *rep.Head != (ChainLink{5, all[4].Hash}) {
			t.Errorf("report head %+v", rep.Head)
		}
	})
}

// Entries whose text does not survive JSON as is (invalid UTF-8), times
// in other zones and with nanoseconds, empty stores and concurrent
// writers all verify.
func TestChainOddEntriesVerify(t *testing.T) {
	forEachStore(t, func(t *testing.T, db *DB) {
		verifyClean(t, db) // empty
		ctx := context.Background()
		zone := time.FixedZone("CEST", 2*3600)
		odd := []certification.JournalEntry{
			{Actor: certification.Actor{Name: "Bad \xff bytes"}, Command: "x\xfe", Summary: "caf\xc3"},
			{At: time.Date(2026, 7, 1, 9, 30, 0, 123456789, zone), Actor: certification.Actor{PersonID: 3, Name: "Ada"}, Command: "edit"},
			{At: time.Date(1999, 12, 31, 23, 59, 59, 1, time.Local), Command: "old"},
		}
		for i, e := range odd {
			err := db.Update(ctx, e, func(tx certification.Tx) error {
				return tx.Put(&note{ID: certification.ID(i + 1), Text: "n\xff"})
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		// Concurrent writers: Update retries a conflict a few times and
		// then gives up (every command takes the next journal number), so
		// count the entries that were written.
		var (
			wg      sync.WaitGroup
			mu      sync.Mutex
			written = len(odd)
		)
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					err := db.Update(ctx, entry("concurrent"), func(tx certification.Tx) error {
						id, err := tx.NextID(kindThing)
						if err != nil {
							return err
						}
						return tx.Put(&thing{ID: id, Name: fmt.Sprintf("g%d-%d", g, i), Num: uint64(i)})
					})
					mu.Lock()
					if err == nil {
						written++
					}
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if rep := verifyClean(t, db); rep.Entries != written || written <= len(odd) {
			t.Errorf("%d entries, want %d (and more than %d)", rep.Entries, written, len(odd))
		}
	})
}

// Each way of changing the folder behind CertDesk's back is named.
// dropLastEntry deletes the fixture's last journal entry (5) and rolls
// the entry counter back to 4.
func dropLastEntry(t *testing.T, db *DB) {
	rawDelete(t, db, journalKey(5))
	rawSet(t, db, []byte(journalCounter), u64(4))
}

func TestVerifyNamesTampering(t *testing.T) {
	for _, tc := range []struct {
		name    string
		tamper  func(t *testing.T, db *DB)
		entry   uint64 // the first broken entry (0: none)
		problem string // in its problem
		records []string
	}{
		{
			name: "a client's legal name changed in Badger",
			tamper: func(t *testing.T, db *DB) {
				v := raw(t, db, clientKey(1))
				rawSet(t, db, clientKey(1), bytes.Replace(v, []byte("Acme Robotics AG"), []byte("Acme Robotics SE"), 1))
			},
			records: []string{"client 1: changed outside CertDesk after journal entry 3"},
		},
		{
			name: "a decision's snapshot altered",
			tamper: func(t *testing.T, db *DB) {
				key := recordKey(certification.KindDecision, 1)
				v := raw(t, db, key)
				w := bytes.Replace(v, []byte(`"status":"verified"`), []byte(`"status":"open"`), 1)
				if bytes.Equal(v, w) {
					t.Fatalf("the decision holds no verified finding in its snapshot: %s", v)
				}
				rawSet(t, db, key, w)
			},
			records: []string{"decision 1: changed outside CertDesk after journal entry 5"},
		},
		{
			name: "a journal entry's summary changed",
			tamper: func(t *testing.T, db *DB) {
				alterEntry(t, db, 2, func(e *certification.JournalEntry) { e.Summary = "nothing to see" })
			},
			entry:   2,
			problem: "entry 2 was altered outside CertDesk",
		},
		{
			name: "a journal entry's actor changed",
			tamper: func(t *testing.T, db *DB) {
				alterEntry(t, db, 3, func(e *certification.JournalEntry) { e.Actor = certification.Actor{PersonID: 1, Name: "Someone Else"} })
			},
			entry:   3,
			problem: "entry 3 was altered",
		},
		{
			name: "a journal entry's record hash changed with the record",
			tamper: func(t *testing.T, db *DB) {
				v := bytes.Replace(raw(t, db, clientKey(1)), []byte("AG"), []byte("SE"), 1)
				rawSet(t, db, clientKey(1), v)
				alterEntry(t, db, 3, func(e *certification.JournalEntry) { e.Changes[0].Hash = recordHash(v) })
			},
			entry:   3,
			problem: "entry 3 was altered",
		},
		{
			name: "an entry altered and its own hash recomputed",
			tamper: func(t *testing.T, db *DB) {
				e := rawEntry(t, db, 2)
				e.Summary = "nothing to see"
				rawSeal(t, db, 2, e, e.Prev)
			},
			entry:   3,
			problem: "entry 3 does not follow on from entry 2",
		},
		{
			name: "an entry marked as older than the chain",
			tamper: func(t *testing.T, db *DB) {
				alterEntry(t, db, 4, func(e *certification.JournalEntry) { e.Sealed = true })
				rechain(t, db, 4)
			},
			entry:   4,
			problem: "claims to predate the chain",
		},
		{
			name:    "an entry deleted from the middle",
			tamper:  func(t *testing.T, db *DB) { rawDelete(t, db, journalKey(2)) },
			entry:   2,
			problem: "entry 2 is missing: the journal goes from entry 1 to entry 3",
		},
		{
			name:    "the last entry deleted",
			tamper:  func(t *testing.T, db *DB) { rawDelete(t, db, journalKey(5)) },
			entry:   5,
			problem: "the journal ends at entry 4 but CertDesk numbered entries up to 5",
			records: []string{"decision 1: not in the journal"},
		},
		{
			name:    "the last entry deleted and the counter rolled back",
			tamper:  dropLastEntry,
			entry:   5,
			problem: "its chain head names entry 5",
			records: []string{"decision 1: not in the journal"},
		},
		{
			name: "the last entry deleted, the counter and the chain head rolled back",
			tamper: func(t *testing.T, db *DB) {
				dropLastEntry(t, db)
				rawSet(t, db, []byte(chainKey), ChainLink{4, rawEntry(t, db, 4).Hash}.encode())
			},
			// The journal is consistent again; the record it no longer
			// mentions gives it away (an anchor would too).
			records: []string{"decision 1: not in the journal"},
		},
		{
			name: "an entry appended without the store",
			tamper: func(t *testing.T, db *DB) {
				rawSeal(t, db, 6, certification.JournalEntry{Seq: 6, At: time.Now(), Command: "forged"}, rawEntry(t, db, 5).Hash)
			},
			entry:   6,
			problem: "the journal ends at entry 6 but its chain head names entry 5",
		},
		{
			name:    "the chain head removed",
			tamper:  func(t *testing.T, db *DB) { rawDelete(t, db, []byte(chainKey)) },
			entry:   5,
			problem: "chain head is missing",
		},
		{
			name:    "the chain head damaged",
			tamper:  func(t *testing.T, db *DB) { rawSet(t, db, []byte(chainKey), []byte{1, 2}) },
			entry:   5,
			problem: "chain head (meta/chain) was damaged",
		},
		{
			name:    "a client deleted in Badger",
			tamper:  func(t *testing.T, db *DB) { rawDelete(t, db, clientKey(1)) },
			records: []string{"client 1: deleted outside CertDesk after journal entry 3"},
		},
		{
			name: "a client added in Badger",
			tamper: func(t *testing.T, db *DB) {
				rawSet(t, db, clientKey(9), []byte(`{"id":9,"legal_name":"Ghost GmbH","registered_address":"x","effective_personnel":1}`))
			},
			records: []string{"client 9: not in the journal"},
		},
		{
			name:    "a deleted client brought back",
			tamper:  func(t *testing.T, db *DB) { rawSet(t, db, clientKey(2), []byte(`{"id":2,"legal_name":"Beta Ltd"}`)) },
			records: []string{"client 2: deleted by journal entry 4 but present"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db, err := Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			chainFixture(t, db)
			verifyClean(t, db)
			tc.tamper(t, db)

			rep := mustVerify(t, db, VerifyOptions{})
			if rep.OK() {
				t.Fatal("the tampered folder verifies")
			}
			first := rep.FirstBroken()
			switch {
			case tc.entry == 0 && first != nil:
				t.Errorf("first broken entry %+v, want none", *first)
			case tc.entry != 0 && first == nil:
				t.Errorf("no broken entry, want entry %d (%q)", tc.entry, tc.problem)
			case tc.entry != 0 && (first.Seq != tc.entry || !strings.Contains(first.Problem, tc.problem)):
				t.Errorf("first broken entry %d: %q; want entry %d: %q", first.Seq, first.Problem, tc.entry, tc.problem)
			}
			var got []string
			for _, p := range rep.RecordProblems {
				got = append(got, fmt.Sprintf("%s %d: %s", p.Kind, p.ID, p.Problem))
			}
			if len(got) != len(tc.records) {
				t.Fatalf("record problems %q, want %q", got, tc.records)
			}
			for i := range got {
				if !strings.HasPrefix(got[i], tc.records[i]) {
					t.Errorf("record problem %q, want %q", got[i], tc.records[i])
				}
			}
		})
	}
}

// A journal rewritten from some entry on with every hash recomputed
// verifies on its own; an anchor noted before the rewrite names it.
func TestVerifyAnchors(t *testing.T) {
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	chainFixture(t, db)
	before := verifyClean(t, db).Head
	short := ChainLink{before.Seq, before.Hash[:16]}
	if rep := mustVerify(t, db, VerifyOptions{Anchors: []ChainLink{*before, short}}); !rep.OK() {
		t.Fatalf("anchors of the unchanged folder: %+v", rep.BrokenEntries)
	}

	alterEntry(t, db, 2, func(e *certification.JournalEntry) { e.Summary = "nothing to see" })
	rechain(t, db, 2)
	if rep := mustVerify(t, db, VerifyOptions{}); !rep.OK() {
		t.Fatalf("a fully rechained journal should verify without an anchor (docs/integrity.md says so): %+v", rep.BrokenEntries)
	}
	rep := mustVerify(t, db, VerifyOptions{Anchors: []ChainLink{short, {99, before.Hash}}})
	if len(rep.BrokenEntries) != 2 ||
		rep.BrokenEntries[0].Seq != 5 || !strings.Contains(rep.BrokenEntries[0].Problem, "does not have the hash you gave") ||
		rep.BrokenEntries[1].Seq != 99 || !strings.Contains(rep.BrokenEntries[1].Problem, "not in the journal") {
		t.Errorf("anchors after the rewrite: %+v", rep.BrokenEntries)
	}
}

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
