// Package storetest is the suite every certification.Store passes: the
// contract of certification/store.go, checked through the interface
// alone. Each implementation runs it from its own tests:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) certification.Store { return memstore.New() })
//	}
//
// What only one implementation does (storage's conflict retries, size
// limit, clock and hash chain; memstore's NoJournal) is tested beside it.
package storetest

import (
	"context"
	"fmt"
	"testing"

	"certdesk/certification"
)

// Run runs every check of the suite as a subtest of t, each on a fresh,
// empty store that open returns (open registers any cleanup with t).
func Run(t *testing.T, open func(t *testing.T) certification.Store) {
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) { c.fn(t, open(t)) })
	}
}

var checks = []struct {
	name string
	fn   func(t *testing.T, s certification.Store)
}{
	{"RoundTrip", roundTrip},
	{"NotFound", notFound},
	{"DecodeResets", decodeResets},
	{"PutNeedsID", putNeedsID},
	{"ReadOnlyView", readOnlyView},
	{"ContextCancelled", contextCancelled},
	{"IndexMaintenance", indexMaintenance},
	{"RealIndexes", realIndexes},
	{"ObligationsIndex", obligationsIndex},
	{"Lookup", lookup},
	{"Range", rangeNumbers},
	{"RangeText", rangeText},
	{"EachAndCount", eachAndCount},
	{"EachIgnoresWritesDuringWalk", eachIgnoresWritesDuringWalk},
	{"NextID", nextID},
	{"ReadYourWrites", readYourWrites},
	{"Rollback", rollback},
	{"ViewIsSnapshot", viewIsSnapshot},
	{"Journal", journal},
	{"Blobs", blobs},
}

func entry(cmd string) certification.JournalEntry {
	return certification.JournalEntry{Actor: certification.Actor{Name: "tester"}, Command: cmd}
}

// put writes records in one Update.
func put(t *testing.T, s certification.Store, recs ...certification.Record) {
	t.Helper()
	update(t, s, "put", func(tx certification.Tx) error {
		for _, r := range recs {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
}

// update runs fn in an Update that must succeed.
func update(t *testing.T, s certification.Store, cmd string, fn func(tx certification.Tx) error) {
	t.Helper()
	if err := s.Update(context.Background(), entry(cmd), fn); err != nil {
		t.Fatal(err)
	}
}

// view runs fn in a View that must succeed.
func view(t *testing.T, s certification.Store, fn func(tx certification.Tx) error) {
	t.Helper()
	if err := s.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// Journal lists the journal of s from sequence number from on; an
// error fails t. A store's own tests use it too.
func Journal(t *testing.T, s certification.Store, from uint64) []certification.JournalEntry {
	t.Helper()
	var out []certification.JournalEntry
	err := s.Journal(context.Background(), from, func(e certification.JournalEntry) error {
		out = append(out, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// indexEntries lists a whole index through Range as "value#id" strings.
func indexEntries(t *testing.T, s certification.Store, index string) []string {
	t.Helper()
	var out []string
	view(t, s, func(tx certification.Tx) error {
		return tx.Range(index, nil, nil, func(v []byte, id certification.ID) error {
			out = append(out, fmt.Sprintf("%s#%d", v, id))
			return nil
		})
	})
	return out
}
