package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/storage"
)

// A policy change killed before its recomputation finished leaves a
// Refresh mark (storage's TestPolicyChangeInterrupted makes one the hard
// way). verify --indexes names it and leaves it; the next command that
// reads the schedule finishes it first; then the folder verifies.
func TestUnfinishedRecomputationFinishedOnOpen(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	walkThrough(t, dir)
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The policy change as its administrator made it, signed.
	lena, err := certification.NewService(db, certification.FixedClock(time.Now())).Person(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	id, err := storage.UnlockIdentity(dir, lena.ID, lena.Name, lena.Key(), []byte(keyPass))
	if err != nil {
		t.Fatal(err)
	}
	e := certification.JournalEntry{Actor: certification.Actor{PersonID: lena.ID, Name: lena.Name}, Command: "set-policy", Summary: "policy changed", Signer: id}
	err = db.Update(context.Background(), e, func(tx certification.Tx) error {
		return tx.Put(&certification.Refresh{Reason: "policy changed"})
	})
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}

	r := fails(t, dir, exitRule, "", "verify", "--indexes")
	if !strings.Contains(r.stdout, "recomputation of the obligations (policy changed) is unfinished") {
		t.Errorf("verify --indexes does not name the unfinished recomputation:\n%s", r.stdout)
	}
	ok(t, dir, "schedule")
	ok(t, dir, "verify", "--indexes")
	journal := ok(t, dir, "journal")
	if !strings.Contains(journal, "refresh-obligations") {
		t.Errorf("the recomputation is not in the journal:\n%s", journal)
	}
}
