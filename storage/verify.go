package storage

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// VerifyOptions tune Verify.
type VerifyOptions struct {
	// Indexes also checks the index entries, which are derived from the
	// records: every entry a record names must exist, and every entry
	// must be named by its record.
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
	Records      int        `json:"records"`       // records read
	IndexEntries int        `json:"index_entries"` // index entries read (with Indexes)
	Head         *ChainLink `json:"head,omitempty"`

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
		if err := v.keys([]byte(recordPrefix), func([]byte) error { n++; return nil }); err != nil {
			return err
		}
		v.total = int(counter) + n
		v.opt.Progress(0, v.total)
	}
	if err := v.journal(); err != nil {
		return err
	}
	return v.records()
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

// journal walks the journal, checks the chain and notes what each entry
// says about its records.
func (v *verifier) journal() error {
	rep := v.rep
	var (
		expect  uint64 = 1 // the sequence number the next entry should have
		prev    string     // the stored hash of the entry before
		chained bool       // an entry written with the chain has been seen
		stored  = map[uint64]string{}
	)
	anchors := map[uint64]bool{}
	for _, a := range v.opt.Anchors {
		anchors[a.Seq] = true
	}

	prefix := []byte(journalPrefix)
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	it := v.txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := v.tick(); err != nil {
			return err
		}
		item := it.Item()
		key := item.Key()
		if len(key) != len(journalPrefix)+8 {
			rep.entry(expect, "the journal holds a key that is not an entry (%q): written outside CertDesk", key)
			continue
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
			continue
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
			}
		}
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
	}

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

// records compares every record with what the journal says of it.
func (v *verifier) records() error {
	rep := v.rep
	type ixKey struct {
		key  string
		kind certification.Kind
	}
	var ix []ixKey

	prefix := []byte(recordPrefix)
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	it := v.txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := v.tick(); err != nil {
			return err
		}
		item := it.Item()
		key := item.Key()
		kind, id, ok := parseRecordKey(key)
		if !ok {
			rep.record(certification.Kind(fmt.Sprintf("%q", key)), 0, 0, "a key that is not a record's: written outside CertDesk")
			continue
		}
		rep.Records++
		var data []byte
		err := item.Value(func(b []byte) error {
			if v.opt.Indexes {
				data = bytes.Clone(b)
			}
			x := v.want[recordRef{kind, id}]
			switch {
			case x == nil:
				rep.record(kind, id, 0, "not in the journal: written outside CertDesk")
			case !x.exists:
				x.seen = true
				rep.record(kind, id, x.seq, fmt.Sprintf("deleted by journal entry %d but present: written outside CertDesk after it", x.seq))
			default:
				x.seen = true
				if !x.known || sha256.Sum256(b) != x.sum {
					rep.record(kind, id, x.seq, fmt.Sprintf("changed outside CertDesk after journal entry %d", x.seq))
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("storage: reading %s %d: %w", kind, id, err)
		}
		if !v.opt.Indexes {
			continue
		}
		r, err := newRecord(kind)
		if err != nil {
			continue // a kind this CertDesk does not know has no index terms it could check
		}
		if err := json.Unmarshal(data, r); err != nil {
			rep.record(kind, id, 0, fmt.Sprintf("cannot be read (%v)", err))
			continue
		}
		keys, err := indexKeys(r, id)
		if err != nil {
			rep.record(kind, id, 0, err.Error())
			continue
		}
		for k := range keys {
			ix = append(ix, ixKey{k, kind})
		}
	}

	// Records the journal says exist that are not there, in journal order.
	var gone []recordRef
	for ref, x := range v.want {
		if x.exists && !x.seen {
			gone = append(gone, ref)
		}
	}
	slices.SortFunc(gone, func(a, b recordRef) int {
		if c := cmp.Compare(v.want[a].seq, v.want[b].seq); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.kind), string(b.kind)); c != 0 {
			return c
		}
		return cmp.Compare(uint64(a.id), uint64(b.id))
	})
	for _, ref := range gone {
		x := v.want[ref]
		rep.record(ref.kind, ref.id, x.seq, fmt.Sprintf("deleted outside CertDesk after journal entry %d", x.seq))
	}
	if !v.opt.Indexes {
		return nil
	}

	// Index entries: a merge of the sorted expected keys with Badger's.
	slices.SortFunc(ix, func(a, b ixKey) int { return strings.Compare(a.key, b.key) })
	i := 0
	missing := func(k ixKey) {
		index, value, id := splitAnyIndexKey([]byte(k.key))
		rep.index(index, value, id, fmt.Sprintf("missing: %s %d files itself under it", k.kind, id))
	}
	err := v.keys([]byte(indexPrefix), func(key []byte) error {
		if err := v.tick(); err != nil {
			return err
		}
		rep.IndexEntries++
		for i < len(ix) && ix[i].key < string(key) {
			missing(ix[i])
			i++
		}
		if i < len(ix) && ix[i].key == string(key) {
			for i < len(ix) && ix[i].key == string(key) {
				i++
			}
			return nil
		}
		index, value, id := splitAnyIndexKey(key)
		rep.index(index, value, id, "left over: no record files itself under it")
		return nil
	})
	for ; i < len(ix); i++ {
		missing(ix[i])
	}
	return err
}

// keys calls fn with each key under prefix, without reading values.
func (v *verifier) keys(prefix []byte, fn func(key []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := v.txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if err := fn(it.Item().Key()); err != nil {
			return err
		}
	}
	return nil
}

// parseRecordKey splits "r/<kind>/<id>".
func parseRecordKey(key []byte) (certification.Kind, certification.ID, bool) {
	n := len(key)
	if n < len(recordPrefix)+2+8 || key[n-9] != '/' {
		return "", 0, false
	}
	kind := string(key[len(recordPrefix) : n-9])
	if checkName("kind", kind) != nil {
		return "", 0, false
	}
	return certification.Kind(kind), idOf(key), true
}

// splitAnyIndexKey splits "i/<index>/<value><id>" as far as it can.
func splitAnyIndexKey(key []byte) (string, []byte, certification.ID) {
	rest := key[len(indexPrefix):]
	slash := bytes.IndexByte(rest, '/')
	if slash < 0 || len(rest)-slash-1 < 8 {
		return string(rest), nil, 0
	}
	value, id := splitIndexKey(key, len(indexPrefix)+slash+1)
	return string(rest[:slash]), value, id
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
