package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// ErrTooLarge is returned (wrapped) when one transaction writes more than
// Badger can commit at once (about a megabyte with our memtable size).
var ErrTooLarge = errors.New("the change is too large to save in one step: split it into smaller steps (import in batches, for example)")

// tx implements certification.Tx on a Badger transaction.
type tx struct {
	txn      *badger.Txn
	writable bool
	now      func() time.Time // the machine's clock, for the journal's Recorded
	memory   bool             // an in-memory store: blobs in small chunks (blob.go)
	apply    *applyHooks      // applying the body's journal (apply.go), nil otherwise
	offline  *offlineRun      // a change made offline (offline.go), nil otherwise
	chosen   int              // how many of the entry's chosen ids NextID gave out

	// Records written or deleted, for the journal.
	changes certification.ChangeLog

	decoded *Decoded    // records decoded before, by their bytes (decoded.go); nil: none
	index   *batchIndex // a batch's index lookups (batchindex.go); nil: through txn
}

type recordRef struct {
	kind certification.Kind
	id   certification.ID
}

var _ certification.Tx = (*tx)(nil)

func (t *tx) Get(id certification.ID, dst certification.Record) error {
	kind := dst.RecordKind()
	item, err := t.txn.Get(recordKey(kind, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return fmt.Errorf("%s %d: %w", kind, id, certification.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("storage: reading %s %d: %w", kind, id, err)
	}
	return t.decoded.decodeItem(item, kind, id, dst)
}

func (t *tx) Put(r certification.Record) error {
	if err := t.checkWritable("Put"); err != nil {
		return err
	}
	kind, id := r.RecordKind(), r.RecordID()
	if err := checkName("kind", string(kind)); err != nil {
		return err
	}
	if id == 0 {
		return fmt.Errorf("storage: %s record has no id: get one from NextID", kind)
	}
	key := recordKey(kind, id)
	item, err := t.txn.Get(key)
	existed := err == nil
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return fmt.Errorf("storage: reading %s %d: %w", kind, id, err)
	}

	if ix, ok := r.(certification.Indexed); ok {
		var oldKeys map[string]struct{}
		if existed {
			old, err := emptyLike(r)
			if err != nil {
				return err
			}
			if err := t.decoded.decodeItem(item, kind, id, old); err != nil {
				return err
			}
			if oldKeys, err = indexKeys(old, id); err != nil {
				return err
			}
		}
		newKeys, err := termKeys(ix.IndexTerms(), id)
		if err != nil {
			return err
		}
		for k := range oldKeys {
			if _, keep := newKeys[k]; !keep {
				if err := t.del([]byte(k)); err != nil {
					return err
				}
				t.index.noted(k, false)
			}
		}
		for k := range newKeys {
			if _, had := oldKeys[k]; !had {
				if err := t.set([]byte(k), nil); err != nil {
					return err
				}
				t.index.noted(k, true)
			}
		}
	}

	data, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("storage: encoding %s %d: %w", kind, id, err)
	}
	if err := t.set(key, data); err != nil {
		return err
	}
	t.changes.Touch(kind, id, existed, true, recordHash(data))
	t.touched(kind, id, r)
	return nil
}

func (t *tx) Delete(kind certification.Kind, id certification.ID) error {
	if err := t.checkWritable("Delete"); err != nil {
		return err
	}
	key := recordKey(kind, id)
	item, err := t.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return fmt.Errorf("%s %d: %w", kind, id, certification.ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("storage: reading %s %d: %w", kind, id, err)
	}
	old, err := newRecord(kind)
	if err != nil {
		return err
	}
	if err := decodeItem(item, kind, id, old); err != nil {
		return err
	}
	oldKeys, err := indexKeys(old, id)
	if err != nil {
		return err
	}
	for k := range oldKeys {
		if err := t.del([]byte(k)); err != nil {
			return err
		}
		t.index.noted(k, false)
	}
	if err := t.del(key); err != nil {
		return err
	}
	t.changes.Touch(kind, id, true, false, "")
	t.touched(kind, id, nil)
	return nil
}

func (t *tx) NextID(kind certification.Kind) (certification.ID, error) {
	if err := t.checkWritable("NextID"); err != nil {
		return 0, err
	}
	if err := checkName("kind", string(kind)); err != nil {
		return 0, err
	}
	if id, ok, err := t.chosenID(kind); ok || err != nil {
		return id, err
	}
	if t.offline != nil {
		return t.offline.nextID(t, kind)
	}
	n, err := t.next(counterKey(kind))
	return certification.ID(n), err
}

// next increments the uint64 counter at key and returns the new value
// (1 for a counter never used).
func (t *tx) next(key []byte) (uint64, error) {
	var last uint64
	item, err := t.txn.Get(key)
	switch {
	case err == nil:
		err = item.Value(func(v []byte) error {
			if len(v) != 8 {
				return fmt.Errorf("storage: counter %s holds %d bytes, want 8", key, len(v))
			}
			last = binary.BigEndian.Uint64(v)
			return nil
		})
		if err != nil {
			return 0, err
		}
	case !errors.Is(err, badger.ErrKeyNotFound):
		return 0, fmt.Errorf("storage: reading counter %s: %w", key, err)
	}
	last++
	return last, t.set(key, u64(last))
}

func (t *tx) Lookup(index string, value []byte) ([]certification.ID, error) {
	if err := checkName("index", index); err != nil {
		return nil, err
	}
	prefix := append(indexPrefixOf(index), value...)
	if t.index != nil {
		return t.index.lookup(prefix)
	}
	var ids []certification.ID
	err := eachKey(t.txn, prefix, nil, func(key []byte) error {
		// Longer values that start with value share the prefix.
		if len(key) == len(prefix)+8 {
			ids = append(ids, idOf(key))
		}
		return nil
	})
	return ids, err
}

func (t *tx) Range(index string, from, to []byte, fn func(value []byte, id certification.ID) error) error {
	if err := checkName("index", index); err != nil {
		return err
	}
	prefix := indexPrefixOf(index)
	start := append(bytes.Clone(prefix), from...)
	return eachKey(t.txn, prefix, start, func(key []byte) error {
		if len(key) < len(prefix)+8 {
			return nil // not an index key: ignore
		}
		value, id := splitIndexKey(key, len(prefix))
		if bytes.Compare(value, from) < 0 {
			return nil
		}
		if to != nil && bytes.Compare(value, to) >= 0 {
			return certification.ErrStop
		}
		return fn(value, id)
	})
}

func (t *tx) Each(kind certification.Kind, fn func(id certification.ID, decode func(dst certification.Record) error) error) error {
	if err := checkName("kind", string(kind)); err != nil {
		return err
	}
	prefix := kindPrefix(kind)
	it := prefixIterator(t.txn, prefix)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		id := idOf(item.Key())
		err := fn(id, func(dst certification.Record) error {
			if dst.RecordKind() != kind {
				return fmt.Errorf("storage: cannot decode a %s record into a %s", kind, dst.RecordKind())
			}
			return decodeItem(item, kind, id, dst)
		})
		if errors.Is(err, certification.ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func (t *tx) Count(kind certification.Kind) (int, error) {
	if err := checkName("kind", string(kind)); err != nil {
		return 0, err
	}
	n := 0
	err := eachKey(t.txn, kindPrefix(kind), nil, func([]byte) error { n++; return nil })
	return n, err
}

// writeJournal appends entry with its sequence number and the changes
// made through t, chained to the entry before (chain.go).
func (t *tx) writeJournal(entry certification.JournalEntry) error {
	seq, err := t.next([]byte(journalCounter))
	if err != nil {
		return err
	}
	head, _, err := readHead(t.txn)
	if err != nil {
		return err
	}
	// Stamped inside the transaction, after it started: a transaction
	// that commits later conflicts on the journal counter with any that
	// committed meanwhile and runs again, so in journal order the
	// recorded times never go back (unless the clock does).
	entry.Recorded = t.now().UTC()
	if t.apply != nil {
		if entry.Recorded, err = t.apply.recordedTime(t, head, entry.Recorded); err != nil {
			return err
		}
	}
	if entry.At.IsZero() {
		entry.At = entry.Recorded
	}
	entry.Seq = seq
	entry.Sealed = false
	entry.Changes = t.changes.Changes()
	if t.apply != nil {
		entry.IDs = t.apply.ids[:t.chosen]
	}
	sealed, data, err := sealEntry(entry, head.Hash)
	if err != nil {
		return err
	}
	if t.apply != nil && t.apply.sealed != nil {
		if err := t.apply.sealed(sealed); err != nil {
			return err
		}
	}
	if err := t.set(journalKey(seq), data); err != nil {
		return err
	}
	if err := t.set([]byte(chainKey), ChainLink{seq, sealed.Hash}.encode()); err != nil {
		return err
	}
	if t.apply != nil {
		return t.apply.written(t)
	}
	return nil
}

func (t *tx) checkWritable(op string) error {
	if !t.writable {
		return fmt.Errorf("storage: %s inside View: writes need Update", op)
	}
	return nil
}

func (t *tx) set(key, value []byte) error {
	if err := t.keepBefore(key); err != nil {
		return err
	}
	return tooLarge(t.txn.Set(key, value))
}

func (t *tx) del(key []byte) error {
	if err := t.keepBefore(key); err != nil {
		return err
	}
	return tooLarge(t.txn.Delete(key))
}

// tooLarge turns Badger's ErrTxnTooBig into ErrTooLarge.
func tooLarge(err error) error {
	if errors.Is(err, badger.ErrTxnTooBig) {
		return fmt.Errorf("storage: %w", ErrTooLarge)
	}
	return err
}

// decodeItem decodes a record value into dst, which is first reset to its
// zero value so that fields absent from the JSON (omitempty) do not keep
// what an earlier decode left there.
func decodeItem(item *badger.Item, kind certification.Kind, id certification.ID, dst certification.Record) error {
	if v := reflect.ValueOf(dst); v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().SetZero()
	}
	err := item.Value(func(v []byte) error { return unmarshalRecord(v, dst) })
	if err != nil {
		return fmt.Errorf("storage: decoding %s %d: %w", kind, id, err)
	}
	return nil
}

// emptyLike returns a fresh record of r's own type, so that Put can read
// the old version of any record type, including ones not in recordTypes.
func emptyLike(r certification.Record) (certification.Record, error) {
	if t := reflect.TypeOf(r); t.Kind() == reflect.Pointer {
		if old, ok := reflect.New(t.Elem()).Interface().(certification.Record); ok {
			return old, nil
		}
	}
	return newRecord(r.RecordKind())
}

// indexKeys returns the index keys r names, if it is Indexed.
func indexKeys(r certification.Record, id certification.ID) (map[string]struct{}, error) {
	ix, ok := r.(certification.Indexed)
	if !ok {
		return nil, nil
	}
	return termKeys(ix.IndexTerms(), id)
}

func termKeys(terms []certification.IndexTerm, id certification.ID) (map[string]struct{}, error) {
	keys := make(map[string]struct{}, len(terms))
	for _, term := range terms {
		if err := checkName("index", term.Index); err != nil {
			return nil, err
		}
		keys[string(indexKey(term.Index, term.Value, id))] = struct{}{}
	}
	return keys, nil
}
