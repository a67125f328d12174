package storage

import (
	"context"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/storetest"
)

// The journal records when each entry was written by the machine's clock,
// whatever business time the command says (certctl --today): a command
// dated 2020 is recorded today.
func TestRecordedByTheMachinesClock(t *testing.T) {
	db := openDisk(t)
	chainFixture(t, db)
	before := time.Now().UTC()
	e := entry("policy")
	e.At = time.Date(2020, 1, 1, 9, 0, 0, 0, time.UTC)
	e.Recorded = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC) // the caller cannot set it
	if err := db.Update(context.Background(), e, func(tx certification.Tx) error { return tx.Put(&note{ID: 50, Text: "dated 2020"}) }); err != nil {
		t.Fatal(err)
	}
	all := storetest.Journal(t, db, 1)
	got := all[len(all)-1]
	if !got.At.Equal(e.At) {
		t.Errorf("at %v, want the command's own time %v", got.At, e.At)
	}
	if got.Recorded.Before(before) || got.Recorded.After(time.Now()) {
		t.Errorf("recorded %v, want the machine's time (after %v)", got.Recorded, before)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Recorded.Before(all[i-1].Recorded) {
			t.Errorf("entry %d recorded %v, before entry %d (%v)", all[i].Seq, all[i].Recorded, all[i-1].Seq, all[i-1].Recorded)
		}
	}
	if rep := verifyClean(t, db); rep.Entries != len(all) {
		t.Errorf("verify read %d entries, want %d", rep.Entries, len(all))
	}
}

// Verify names an entry recorded earlier than the one before it: the
// machine's clock set back while writing, or an entry forged and chained
// behind the program's back with an earlier time.
func TestVerifyNamesBackdatedEntries(t *testing.T) {
	t.Run("the clock set back", func(t *testing.T) {
		db := openDisk(t)
		chainFixture(t, db)
		db.now = func() time.Time { return time.Now().Add(-24 * time.Hour) }
		put(t, db, &note{ID: 60, Text: "written with yesterday's clock"})
		wantBackdated(t, db, 6)
	})
	t.Run("an entry forged behind the store's back", func(t *testing.T) {
		db := openDisk(t)
		chainFixture(t, db)
		forged := certification.JournalEntry{Seq: 6, At: time.Now(), Recorded: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), Command: "forged"}
		hash := rawSeal(t, db, 6, forged, rawEntry(t, db, 5).Hash)
		rawSet(t, db, []byte(chainKey), ChainLink{6, hash}.encode())
		rawSet(t, db, []byte(journalCounter), u64(6))
		wantBackdated(t, db, 6)
	})
	t.Run("an entry without a recorded time after recorded ones", func(t *testing.T) {
		db := openDisk(t)
		chainFixture(t, db)
		forged := certification.JournalEntry{Seq: 6, At: time.Now(), Command: "forged"} // no Recorded
		sealed, data, err := sealEntry(forged, rawEntry(t, db, 5).Hash)
		if err != nil {
			t.Fatal(err)
		}
		rawSet(t, db, journalKey(6), data)
		rawSet(t, db, []byte(chainKey), ChainLink{6, sealed.Hash}.encode())
		rawSet(t, db, []byte(journalCounter), u64(6))
		rep := mustVerify(t, db, VerifyOptions{})
		if first := rep.FirstBroken(); first == nil || first.Seq != 6 || !strings.Contains(first.Problem, "has no recorded time although entry 5 has") {
			t.Errorf("first broken entry %+v, want entry 6 without a recorded time", first)
		}
	})
}

func wantBackdated(t *testing.T, db *DB, seq uint64) {
	t.Helper()
	rep := mustVerify(t, db, VerifyOptions{Indexes: true})
	first := rep.FirstBroken()
	if first == nil || first.Seq != seq || !strings.Contains(first.Problem, "before entry 5") || !strings.Contains(first.Problem, "backdated") {
		t.Errorf("first broken entry %+v, want entry %d named as recorded before entry 5", first, seq)
	}
	if rep.OK() {
		t.Error("verify passes a backdated journal")
	}
}
