// Package memstore is a certification.Store in memory. It keeps records
// as Go values: a read is a deep copy instead of a JSON decode, which
// makes the service's commands several times faster than on storage's
// in-memory Badger store. The demo generator builds a large body in it
// quickly; exchange.Copy then writes the result to the real store.
//
// It passes the suite every Store passes (certification/storetest) and
// follows storage's semantics beyond it where the service can see them:
// Each does not see writes made during the walk, and an Update runs alone
// (Views wait for it and it waits for them), so no Update ever conflicts. Unlike storage it does not fill in a journal
// entry's At, Prev and Hash, nor the hashes of its changes. It persists
// nothing and is meant for generating data and for tests.
package memstore

import (
	"context"
	"errors"
	"sync"

	"certdesk/certification"
)

// Store is a certification.Store in memory; the zero value is not
// ready for use: make one with New.
type Store struct {
	// NoJournal, when set before the first Update, keeps only the
	// journal's sequence numbers, not its entries: a large generated
	// body's journal takes much memory and exchange.Copy does not copy it.
	NoJournal bool

	mu      sync.RWMutex
	seq     uint64
	recs    map[certification.Kind][]slot // by id; nil record: none
	count   map[certification.Kind]int
	next    map[certification.Kind]certification.ID
	index   map[string]map[string][]certification.ID // index → value → sorted ids
	values  map[string]*sortedValues                 // index → its values in order, for Range
	journal []certification.JournalEntry
	blobs   map[string][]byte // content by hex SHA-256 (PutBlob)

	offset, stride certification.ID // Interleave's; stride 0: every id
}

// New returns an empty Store.
func New() *Store {
	return &Store{recs: map[certification.Kind][]slot{}, count: map[certification.Kind]int{},
		next: map[certification.Kind]certification.ID{}, index: map[string]map[string][]certification.ID{},
		values: map[string]*sortedValues{}}
}

var _ certification.Store = (*Store)(nil)

// Interleave makes NextID hand out, from now on, only the ids i with
// i ≡ offset (mod stride), 1 ≤ offset ≤ stride, each above every id
// handed out before: stores that take each a different offset of the
// same stride give ids that never collide, so that their records can be
// written into one store (demo.Bulk). Call it outside any transaction.
func (s *Store) Interleave(offset, stride int) {
	if stride < 1 || offset < 1 || offset > stride {
		panic("memstore: Interleave needs 1 <= offset <= stride")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.offset, s.stride = certification.ID(offset), certification.ID(stride)
}

// View runs fn on a read-only view.
func (s *Store) View(ctx context.Context, fn func(certification.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(&tx{s: s})
}

// Update runs fn in one transaction: if fn fails, its writes are undone.
func (s *Store) Update(ctx context.Context, entry certification.JournalEntry, fn func(certification.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &tx{s: s, writable: true}
	if err := fn(t); err != nil {
		for i := len(t.undo) - 1; i >= 0; i-- {
			t.undo[i]()
		}
		return err
	}
	s.seq++
	if s.NoJournal {
		return nil
	}
	entry.Seq = s.seq
	entry.Changes = t.changes.Changes()
	s.journal = append(s.journal, entry)
	return nil
}

// Journal calls fn for each entry from sequence number from on.
func (s *Store) Journal(ctx context.Context, from uint64, fn func(certification.JournalEntry) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, e := range s.journal {
		if e.Seq < from {
			continue
		}
		if err := fn(e); err != nil {
			if errors.Is(err, certification.ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// slot holds a record and the index terms it is filed under, so that
// replacing it does not compute its old terms again.
type slot struct {
	rec   certification.Record
	terms []certification.IndexTerm
}

func (s *Store) get(kind certification.Kind, id certification.ID) certification.Record {
	return s.slot(kind, id).rec
}

func (s *Store) slot(kind certification.Kind, id certification.ID) slot {
	rs := s.recs[kind]
	if uint64(id) >= uint64(len(rs)) {
		return slot{}
	}
	return rs[id]
}

func (s *Store) set(kind certification.Kind, id certification.ID, sl slot) {
	rs := s.recs[kind]
	if uint64(len(rs)) <= uint64(id) {
		rs = append(rs, make([]slot, int(id)+1-len(rs))...)
	}
	switch {
	case rs[id].rec == nil && sl.rec != nil:
		s.count[kind]++
	case rs[id].rec != nil && sl.rec == nil:
		s.count[kind]--
	}
	rs[id] = sl
	s.recs[kind] = rs
}
