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
