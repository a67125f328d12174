package storage

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// A desk whose office cannot be reached keeps working (docs/sync.md,
// "Working offline"): a command runs on the replica as it would online,
// but instead of a journal entry the transaction writes the change to
// the desk's outbox, with what undoes it: the value every key it wrote
// had before. When the office is back the desk undoes its waiting
// changes, applies the body's entries and proposes the changes again in
// order (storage/desk). The journal stays the body's throughout.
//
// A change made offline takes the ids of the records it makes from a
// range of its desk's own (offlineID), and keeps them: proposed again,
// its entry carries them (JournalEntry.IDs), so every desk gives the
// records the ids they had on the desk that made them, and a later
// waiting change that names one of them still means it.

// offlineRun is a transaction's part in an offline change.
type offlineRun struct {
	chosen []certification.ID // the ids it had when it was first made (applied again)
	ids    []certification.ID // every id it gave out, in order
	before []image            // each key's value before its first write
	seen   map[string]bool
}

// image is a key's value before a waiting change wrote it.
type image struct {
	Key     []byte `json:"k"`
	Value   []byte `json:"v,omitempty"`
	Existed bool   `json:"e,omitempty"`
}

// keepBefore remembers key's value before this transaction's first write
// of it, when the transaction is an offline change. Content blobs are
// not undone: they are named by their hash, harmless to keep, and the
// change needs them when it is proposed.
func (t *tx) keepBefore(key []byte) error {
	r := t.offline
	if r == nil || bytes.HasPrefix(key, []byte(blobPrefix)) || r.seen[string(key)] {
		return nil
	}
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	r.seen[string(key)] = true
	im := image{Key: bytes.Clone(key)}
	item, err := t.txn.Get(key)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
	case err != nil:
		return fmt.Errorf("storage: reading %q before changing it: %w", key, err)
	default:
		im.Existed = true
		if im.Value, err = item.ValueCopy(nil); err != nil {
			return fmt.Errorf("storage: reading %q before changing it: %w", key, err)
		}
	}
	r.before = append(r.before, im)
	return nil
}

// chosenID gives out the next id the entry's proposer chose, if any is
// left: an entry applied from the body's journal (applyHooks.ids) or a
// waiting change applied again. The record must not exist yet.
func (t *tx) chosenID(kind certification.Kind) (certification.ID, bool, error) {
	var list []certification.ID
	switch {
	case t.apply != nil:
		list = t.apply.ids
	case t.offline != nil:
		list = t.offline.chosen
	}
	if t.chosen >= len(list) {
		return 0, false, nil
	}
	id := list[t.chosen]
	t.chosen++
	if _, err := t.txn.Get(recordKey(kind, id)); !errors.Is(err, badger.ErrKeyNotFound) {
		if err != nil {
			return 0, true, fmt.Errorf("storage: reading %s %d: %w", kind, id, err)
		}
		return 0, true, fmt.Errorf("the id %d it gives its new %s is taken here: the desk that made the change offline chose it, and another record has it", id, kind)
	}
	if t.offline != nil {
		t.offline.ids = append(t.offline.ids, id)
	}
	return id, true, nil
}

// Offline ids are 1<<40 + the desk's tag (20 random bits, drawn at its
// first offline change) <<20 + a count of the desk's own per kind: far
// above any id a body hands out in turn, and apart from every other
// desk's but by a one-in-a-million draw (which a taken id refuses, so
// the change goes to the review list, never over another record).
const (
	offlineBase   = 1 << 40
	offlineTagKey = "meta/desk-tag"
	offlineCount  = "meta/offline-ids/"
)

// nextID is the next id of the desk's own range for kind. Neither the
// tag nor the count is undone with the change: an id is never given out
// twice.
func (r *offlineRun) nextID(t *tx, kind certification.Kind) (certification.ID, error) {
	tag, err := deskTag(t.txn)
	if err != nil {
		return 0, err
	}
	key := []byte(offlineCount + string(kind))
	var n uint64
	if item, err := t.txn.Get(key); err == nil {
		err = item.Value(func(v []byte) error {
			if len(v) == 8 {
				n = binary.BigEndian.Uint64(v)
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
	} else if !errors.Is(err, badger.ErrKeyNotFound) {
		return 0, err
	}
	if n++; n >= 1<<20 {
		return 0, fmt.Errorf("this desk has made %d %s records offline, its range's end: bring it online", n-1, kind)
	}
	if err := t.txn.Set(key, u64(n)); err != nil {
		return 0, tooLarge(err)
	}
	id := certification.ID(offlineBase | tag<<20 | n)
	r.ids = append(r.ids, id)
	return id, nil
}

// deskTag reads the desk's tag, drawing it the first time.
func deskTag(txn *badger.Txn) (uint64, error) {
	item, err := txn.Get([]byte(offlineTagKey))
	if err == nil {
		var tag uint64
		err = item.Value(func(v []byte) error {
			if len(v) != 8 {
				return fmt.Errorf("storage: %s holds %d bytes, want 8", offlineTagKey, len(v))
			}
			tag = binary.BigEndian.Uint64(v)
			return nil
		})
		return tag, err
	}
	if !errors.Is(err, badger.ErrKeyNotFound) {
		return 0, err
	}
	var b [8]byte
	if _, err := rand.Read(b[5:]); err != nil {
		return 0, err
	}
	tag := binary.BigEndian.Uint64(b[:]) & (1<<20 - 1)
	return tag, tooLarge(txn.Set([]byte(offlineTagKey), u64(tag)))
}

// Offline returns the store a desk runs a change on while its office
// cannot be reached: its one Update writes the records and, instead of a
// journal entry, w to the outbox with what undoes it. w.N == 0 is a new
// change, put at the outbox's end; otherwise w is a waiting change (its
// effects undone) applied here again, with the ids it had.
func (db *DB) Offline(w *Waiting) certification.Store {
	return &offlineStore{db: db, w: w}
}

type offlineStore struct {
	db *DB
	w  *Waiting
}

func (o *offlineStore) View(ctx context.Context, fn func(certification.Tx) error) error {
	return o.db.View(ctx, fn)
}

func (o *offlineStore) Journal(ctx context.Context, from uint64, fn func(certification.JournalEntry) error) error {
	return o.db.Journal(ctx, from, fn)
}

func (o *offlineStore) Update(ctx context.Context, e certification.JournalEntry, fn func(certification.Tx) error) error {
	if o.db.readOnly {
		return o.db.update(ctx, e, fn, nil) // its refusal says why
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var fnErr error
	err := o.db.bdb.Update(func(txn *badger.Txn) error {
		run := &offlineRun{chosen: o.w.Entry.IDs}
		t := &tx{txn: txn, writable: true, now: o.db.now, memory: o.db.memory, offline: run}
		if fnErr = fn(t); fnErr != nil {
			return fnErr
		}
		w := *o.w
		e.Signer, e.Signature, e.Seq, e.Prev, e.Hash = nil, nil, 0, "", ""
		e.Changes, e.IDs = t.changes.Changes(), run.ids
		w.Entry = e
		if w.N == 0 {
			// Not through t: the outbox's count is never undone, so that
			// no new change takes the place of one still waiting.
			n, err := (&tx{txn: txn, writable: true}).next([]byte(outboxCounter))
			if err != nil {
				return err
			}
			w.N = n
		}
		if err := putJSON(txn, outboxKey(w.N, 'c'), w); err != nil {
			return err
		}
		if err := putJSON(txn, outboxKey(w.N, 'u'), run.before); err != nil {
			return err
		}
		*o.w = w
		return nil
	})
	if fnErr != nil {
		return fnErr
	}
	return tooLarge(err)
}

// putJSON stores v's JSON at key.
func putJSON(txn *badger.Txn, key []byte, v any) error {
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("storage: encoding %q: %w", key, err)
	}
	return tooLarge(txn.Set(key, data))
}
