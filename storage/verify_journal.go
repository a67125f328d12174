package storage

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"certdesk/certification"

	"github.com/dgraph-io/badger/v4"
)

// journal walks the journal, checks the chain and notes what each entry
// says about its records.
func (v *verifier) journal() error {
	rep := v.rep
	var (
		expect  uint64 = 1 // the sequence number the next entry should have
		prev    string     // the stored hash of the entry before
		chained bool       // an entry written with the chain has been seen
		stored  = map[uint64]string{}
		before  certification.JournalEntry // the entry before, as read
	)
	signed, err := v.newSignatures()
	if err != nil {
		return err
	}
	anchors := map[uint64]bool{}
	for _, a := range v.opt.Anchors {
		anchors[a.Seq] = true
	}

	err = v.items([]byte(journalPrefix), func(item *badger.Item) error {
		key := item.Key()
		if len(key) != len(journalPrefix)+8 {
			rep.entry(expect, "the journal holds a key that is not an entry (%q): written outside CertDesk", key)
			return nil
		}
		seq := uint64(idOf(key))
		rep.Entries++
		gap := false
		switch {
		case seq == expect+1:
			rep.entry(expect, "entry %d is missing: the journal goes from entry %d to entry %d", expect, expect-1, seq)
			gap = true
		case seq > expect:
			rep.entry(expect, "entries %d–%d are missing: the journal goes from entry %d to entry %d", expect, seq-1, expect-1, seq)
			gap = true
		}
		expect = seq + 1

		var e certification.JournalEntry
		if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &e) }); err != nil {
			rep.entry(seq, "entry %d cannot be read (%v): it was altered outside CertDesk", seq, err)
			prev = ""
			return nil
		}
		if anchors[seq] {
			stored[seq] = e.Hash
		}
		if e.Sealed {
			rep.Sealed++
		}
		switch {
		case e.Seq != seq:
			rep.entry(seq, "entry %d says it is entry %d: it was altered or moved outside CertDesk", seq, e.Seq)
		case e.Hash == "":
			rep.entry(seq, "entry %d has no hash: it was written or altered outside CertDesk", seq)
		case entryHash(&e) != e.Hash:
			rep.entry(seq, "entry %d was altered outside CertDesk: its content (actor, command, summary, time or changes) does not match its hash", seq)
		case e.Prev != prev && !gap:
			rep.entry(seq, "entry %d does not follow on from entry %d: the chain is broken there (entry %d was altered, or entries were removed or inserted)", seq, seq-1, seq-1)
		case e.Sealed && chained:
			rep.entry(seq, "entry %d claims to predate the chain but follows chained entries: it was written outside CertDesk", seq)
		default:
			if msg := v.changes(&e); msg != "" {
				rep.entry(seq, "entry %d %s", seq, msg)
			} else if msg := signed.entry(&e); msg != "" {
				rep.entry(seq, "entry %d %s", seq, msg)
			}
		}
		if e.Signature != nil {
			rep.Signed++
		}
		v.recordedTime(&e, &before)
		before = e
		chained = chained || !e.Sealed
		for _, c := range e.Changes {
			x := &expected{seq: seq, exists: c.Op != "delete"}
			if sum, err := hex.DecodeString(c.Hash); err == nil && len(sum) == sha256.Size {
				x.known = true
				copy(x.sum[:], sum)
			}
			v.want[recordRef{c.Kind, c.ID}] = x
		}
		prev = e.Hash
		rep.Head = &ChainLink{seq, e.Hash}
		return nil
	})
	if err != nil {
		return err
	}

	v.registerKeys(signed)
	last := expect - 1
	counter, err := v.counter()
	if err != nil {
		return err
	}
	switch {
	case counter > last && last == 0:
		rep.entry(1, "the journal is empty but CertDesk numbered entries up to %d: they were removed outside CertDesk", counter)
	case counter > last:
		rep.entry(last+1, "the journal ends at entry %d but CertDesk numbered entries up to %d: entries %d–%d were removed outside CertDesk", last, counter, last+1, counter)
	}
	head, found, err := readHead(v.txn)
	switch {
	case errors.Is(err, errBadHead):
		rep.entry(last, "%v", errBadHead)
	case err != nil:
		return err
	case found && head.Seq != last:
		rep.entry(min(last, head.Seq)+1, "the journal ends at entry %d but its chain head names entry %d: entries were removed or added outside CertDesk", last, head.Seq)
	case found && rep.Head != nil && head.Hash != rep.Head.Hash:
		rep.entry(last, "the last entry, %d, is not the one the chain head names: it was replaced outside CertDesk", last)
	case !found && chained:
		rep.entry(last, "the journal's chain head is missing: it was removed outside CertDesk")
	}
	for _, a := range v.opt.Anchors {
		h, ok := stored[a.Seq]
		switch {
		case !ok:
			rep.entry(a.Seq, "entry %d, which you gave as an anchor, is not in the journal", a.Seq)
		case len(a.Hash) < 16 || !strings.HasPrefix(h, strings.ToLower(a.Hash)):
			rep.entry(a.Seq, "entry %d does not have the hash you gave (%s): the journal was rewritten from there on", a.Seq, a.Hash)
		}
	}
	// The checks after the walk may name earlier entries: first means lowest.
	slices.SortStableFunc(rep.BrokenEntries, func(a, b EntryProblem) int { return cmp.Compare(a.Seq, b.Seq) })
	return nil
}

// recordedTime checks that the time an entry was recorded never goes
// back: from the first entry with a recorded time on, each has one, no
// earlier than the entry's before it.
func (v *verifier) recordedTime(e, before *certification.JournalEntry) {
	switch {
	case before.Recorded.IsZero():
	case e.Recorded.IsZero():
		v.rep.entry(e.Seq, "entry %d has no recorded time although entry %d has: it was written outside CertDesk", e.Seq, before.Seq)
	case e.Recorded.Before(before.Recorded):
		v.rep.entry(e.Seq, "entry %d was recorded at %s, before entry %d (%s): it was backdated outside CertDesk, or written while the machine's clock was set back",
			e.Seq, e.Recorded.Format(time.RFC3339), before.Seq, before.Recorded.Format(time.RFC3339))
	}
}

// changes checks the changes of a chained entry; it returns what is wrong
// ("" for nothing).
func (v *verifier) changes(e *certification.JournalEntry) string {
	for _, c := range e.Changes {
		switch c.Op {
		case "create", "update":
			if c.Hash == "" && !e.Sealed {
				return fmt.Sprintf("records a change of %s %d without the record's hash: it was written outside CertDesk", c.Kind, c.ID)
			}
		case "delete":
		default:
			return fmt.Sprintf("records an unknown operation %q on %s %d", c.Op, c.Kind, c.ID)
		}
	}
	return ""
}
