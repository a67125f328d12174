package storage

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Indexes also checks the index entries, which are derived from the
	// records: every entry a record names must exist, and every entry
	// must be named by its record; and the stored obligations, derived
	// from each certification's file and the policy.
	Indexes bool
	// Anchors are entries written down elsewhere (an earlier certctl
	// verify, a backup's header): each must still be in the journal with
	// that hash. A hash may be given by its first 16 or more hex digits.
	Anchors []ChainLink
	// Progress, if not nil, is called now and then with the journal
	// entries and records checked so far and their total.
	Progress func(done, total int)
}

// VerifyReport is what Verify found. Problems are listed in the order
// found, at most maxListed of each kind; the totals count them all.
type VerifyReport struct {
	Entries      int        `json:"entries"`       // journal entries read
	Sealed       int        `json:"sealed"`        // of them, sealed when the folder was upgraded to the chain
	Signed       int        `json:"signed"`        // of them, signed by the person who acted
	Records      int        `json:"records"`       // records read
	IndexEntries int        `json:"index_entries"` // index entries read (with Indexes)
	Head         *ChainLink `json:"head,omitempty"`
	// Waiting counts the changes made offline that wait to be proposed
	// to the body (outbox.go): the records hold their effects, which
	// their own list of changes accounts for, but no journal entry yet.
	Waiting int `json:"waiting,omitempty"`

	// BrokenEntries are the journal entries that do not match the chain;
	// the first is the first entry that cannot be trusted.
	BrokenEntries      []EntryProblem `json:"broken_entries"`
	BrokenEntriesTotal int            `json:"broken_entries_total"`
	// RecordProblems are the records whose stored bytes do not match
	// what the chain says they hold.
	RecordProblems      []RecordProblem `json:"record_problems"`
	RecordProblemsTotal int             `json:"record_problems_total"`
	// IndexProblems are index entries missing or left over (Indexes).
	IndexProblems      []IndexProblem `json:"index_problems"`
	IndexProblemsTotal int            `json:"index_problems_total"`
}

// EntryProblem is a journal entry that does not match the chain.
type EntryProblem struct {
	Seq     uint64 `json:"seq"`
	Problem string `json:"problem"`
}

// RecordProblem is a record that does not match the journal. Entry is the
// journal entry that last changed it (0: none did).
type RecordProblem struct {
	Kind    certification.Kind `json:"kind"`
	ID      certification.ID   `json:"id"`
	Entry   uint64             `json:"entry,omitempty"`
	Problem string             `json:"problem"`
}

// IndexProblem is an index entry missing or left over.
type IndexProblem struct {
	Index   string           `json:"index"`
	Value   string           `json:"value"` // Go-quoted bytes
	ID      certification.ID `json:"id"`
	Problem string           `json:"problem"`
}

// OK reports whether everything matched.
func (r *VerifyReport) OK() bool {
	return r.BrokenEntriesTotal == 0 && r.RecordProblemsTotal == 0 && r.IndexProblemsTotal == 0
}

// FirstBroken returns the first entry that does not match, or nil.
func (r *VerifyReport) FirstBroken() *EntryProblem {
	if len(r.BrokenEntries) == 0 {
		return nil
	}
	return &r.BrokenEntries[0]
}

// maxListed bounds each list of a VerifyReport.
const maxListed = 10000

func (r *VerifyReport) entry(seq uint64, format string, args ...any) {
	r.BrokenEntriesTotal++
	if len(r.BrokenEntries) < maxListed {
		r.BrokenEntries = append(r.BrokenEntries, EntryProblem{seq, fmt.Sprintf(format, args...)})
	}
}

func (r *VerifyReport) record(kind certification.Kind, id certification.ID, entry uint64, problem string) {
	r.RecordProblemsTotal++
	if len(r.RecordProblems) < maxListed {
		r.RecordProblems = append(r.RecordProblems, RecordProblem{kind, id, entry, problem})
	}
}

func (r *VerifyReport) index(index string, value []byte, id certification.ID, problem string) {
	r.IndexProblemsTotal++
	if len(r.IndexProblems) < maxListed {
		r.IndexProblems = append(r.IndexProblems, IndexProblem{index, fmt.Sprintf("%q", value), id, problem})
	}
}

// expected is what the journal says about one record: the entry that
// last changed it, whether it exists since, and the SHA-256 of its bytes.
type expected struct {
	seq    uint64
	exists bool
	known  bool // sum holds the hash (a sealed entry may not know it)
	seen   bool // the record walk found it
	sum    [sha256.Size]byte
}

// Verify checks the data folder against its journal (docs/integrity.md):
// it walks the journal in order, recomputes each entry's hash and checks
// its link to the entry before, then compares every record with the hash
// its last journal change recorded. It reads one consistent snapshot, so
// it may run while the folder is in use. A mismatch is reported, not
// returned as an error; the error is for a walk that could not finish.
func (db *DB) Verify(ctx context.Context, opt VerifyOptions) (*VerifyReport, error) {
	// It reads every table: hand back after it the pages it brought in,
	// as a backup does (mapped.go).
	defer db.releaseMapped(db.residentTables())
	rep := &VerifyReport{BrokenEntries: []EntryProblem{}, RecordProblems: []RecordProblem{}, IndexProblems: []IndexProblem{}}
	err := db.bdb.View(func(txn *badger.Txn) error {
		v := &verifier{ctx: ctx, txn: txn, rep: rep, opt: opt, want: map[recordRef]*expected{}}
		return v.run()
	})
	if err != nil {
		return nil, err
	}
	return rep, nil
}

type verifier struct {
	ctx  context.Context
	txn  *badger.Txn
	rep  *VerifyReport
	opt  VerifyOptions
	want map[recordRef]*expected

	done, total int
}

func (v *verifier) run() error {
	if v.opt.Progress != nil {
		counter, err := v.counter()
		if err != nil {
			return err
		}
		n := 0
		if err := eachKey(v.txn, []byte(recordPrefix), nil, func([]byte) error { n++; return nil }); err != nil {
			return err
		}
		v.total = int(counter) + n
		v.opt.Progress(0, v.total)
	}
	if err := v.journal(); err != nil {
		return err
	}
	if err := v.waiting(); err != nil {
		return err
	}
	if err := v.records(); err != nil {
		return err
	}
	if err := v.blobs(); err != nil {
		return err
	}
	if !v.opt.Indexes {
		return nil
	}
	return v.obligations()
}

// items calls fn with each item under prefix, counting it in the progress
// and stopping when the context ends.
func (v *verifier) items(prefix []byte, fn func(item *badger.Item) error) error {
	it := prefixIterator(v.txn, prefix)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := v.tick(); err != nil {
			return err
		}
		if err := fn(it.Item()); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) tick() error {
	v.done++
	if v.done%1024 != 0 {
		return nil
	}
	if v.opt.Progress != nil {
		v.opt.Progress(min(v.done, v.total), v.total)
	}
	return v.ctx.Err()
}

// counter reads s/journal, the last sequence number handed out.
func (v *verifier) counter() (uint64, error) {
	item, err := v.txn.Get([]byte(journalCounter))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var n uint64
	err = item.Value(func(b []byte) error {
		if len(b) != 8 {
			return fmt.Errorf("storage: the journal counter holds %d bytes, want 8", len(b))
		}
		n = binary.BigEndian.Uint64(b)
		return nil
	})
	return n, err
}

// Lines describes the report for people, at most limit problems of each
// kind (the rest counted): what was checked, then what does not match.
func (r *VerifyReport) Lines(limit int) []string {
	checked := plural(r.Entries, "journal entry", "journal entries") + " and " + plural(r.Records, "record", "records") + " checked"
	if r.IndexEntries > 0 {
		checked += ", " + plural(r.IndexEntries, "index entry", "index entries")
	}
	out := []string{checked + "."}
	if r.Head != nil {
		out = append(out, fmt.Sprintf("Last journal entry: no. %d, hash %s.", r.Head.Seq, r.Head.Hash))
	}
	if r.Waiting > 0 {
		out = append(out, plural(r.Waiting, "change made offline waits", "changes made offline wait")+" to be proposed to the body; the records hold their effects, checked against their own lists of changes.")
	}
	if r.OK() {
		return append(out, "Everything matches the journal: nothing was changed behind CertDesk's back.")
	}
	if p := r.FirstBroken(); p != nil {
		out = append(out, fmt.Sprintf("The first journal entry that does not match is no. %d: %s.", p.Seq, p.Problem))
		if r.BrokenEntriesTotal > 1 {
			out = append(out, plural(r.BrokenEntriesTotal-1, "later entry does", "later entries do")+" not match either.")
		}
	}
	if r.RecordProblemsTotal > 0 {
		out = append(out, plural(r.RecordProblemsTotal, "record does", "records do")+" not match the journal:")
		for i, p := range r.RecordProblems {
			if i == limit {
				out = append(out, fmt.Sprintf("  … and %d more (certctl verify --json lists them all)", r.RecordProblemsTotal-limit))
				break
			}
			out = append(out, fmt.Sprintf("  %s %d: %s", p.Kind, p.ID, p.Problem))
		}
	}
	if r.IndexProblemsTotal > 0 {
		out = append(out, plural(r.IndexProblemsTotal, "index entry does", "index entries do")+" not match their records (certctl verify --indexes lists them).")
	}
	return out
}

// Verify checks the store st (a *DB) against its journal for the desktop
// app and describes the result in lines for people (see Lines).
func (Backups) Verify(ctx context.Context, st certification.Store, progress func(done, total int)) (ok bool, lines []string, err error) {
	db, err := asDB(st)
	if err != nil {
		return false, nil, err
	}
	rep, err := db.Verify(ctx, VerifyOptions{Progress: progress})
	if err != nil {
		return false, nil, err
	}
	return rep.OK(), rep.Lines(12), nil
}
