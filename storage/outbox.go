package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// The outbox holds a desk's waiting changes (offline.go), in order:
// o/<n>/c the change, and o/<n>/u what undoes it, present only while the
// change's effects are on the records. The review list holds the
// changes the body refused when they were proposed again (v/<n>), with
// the rule that refused them and every value they carried, until the
// person re-does or discards them.
const (
	outboxPrefix  = "o/"
	outboxCounter = "meta/outbox-next"
	reviewPrefix  = "v/"
)

func outboxKey(n uint64, part byte) []byte {
	return append(append([]byte(outboxPrefix), u64(n)...), '/', part)
}

func reviewKey(n uint64) []byte { return append([]byte(reviewPrefix), u64(n)...) }

// Waiting is a change made on this desk while the office could not be
// reached, waiting to be proposed to the body.
type Waiting struct {
	N uint64 `json:"n"` // its place in the outbox
	// Entry is the change as a journal entry that is not one yet: its
	// time, actor, command, arguments, summary, the records it changed
	// here and the ids it gave them; no sequence, chain link or
	// signature (those it gets when the body takes it).
	Entry certification.JournalEntry `json:"entry"`
	// Blobs are the hashes of the content it stored (evidence), which
	// the desk keeps and sends with it.
	Blobs []string `json:"blobs,omitempty"`
	// Tried is the journal's head when the desk last appended it to the
	// body: if the office took it then, its entry is after Tried.
	Tried uint64 `json:"tried,omitempty"`
	// Applied says its effects are on this desk's records (it is not
	// stored: o/<n>/u exists).
	Applied bool `json:"-"`
}

// Review is a waiting change the body refused when it was proposed.
type Review struct {
	N       uint64                     `json:"n"`
	Entry   certification.JournalEntry `json:"entry"`
	Blobs   []string                   `json:"blobs,omitempty"`
	Rule    string                     `json:"rule,omitempty"` // the domain's rule id, when a rule refused it
	Reason  string                     `json:"reason"`
	Refused time.Time                  `json:"refused"`
}

// Outbox returns the waiting changes in order.
func (db *DB) Outbox(ctx context.Context) ([]Waiting, error) {
	var out []Waiting
	err := db.View(ctx, func(certification.Tx) error { return nil }) // refuses a closed store as every read does
	if err != nil {
		return nil, err
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		it := prefixIterator(txn, []byte(outboxPrefix))
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			key := it.Item().Key()
			switch key[len(key)-1] {
			case 'c':
				var w Waiting
				if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &w) }); err != nil {
					return fmt.Errorf("storage: waiting change %q does not read: %w", key, err)
				}
				out = append(out, w)
			case 'u':
				if n := binary.BigEndian.Uint64(key[len(outboxPrefix):]); len(out) > 0 && out[len(out)-1].N == n {
					out[len(out)-1].Applied = true
				}
			}
		}
		return nil
	})
	return out, err
}

// UndoWaiting takes the effects of every waiting change applied here off
// the records, in one transaction, and returns how many it undid: the
// records are then the body's as of the last journal entry applied, and
// the changes still wait (to be proposed, or applied here again).
func (db *DB) UndoWaiting(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	n := 0
	err := db.bdb.Update(func(txn *badger.Txn) error {
		n = 0
		restored := map[string]bool{}
		var undo [][]byte
		it := prefixIterator(txn, []byte(outboxPrefix))
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			key := it.Item().Key()
			if key[len(key)-1] != 'u' {
				continue
			}
			var before []image
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &before) }); err != nil {
				return fmt.Errorf("storage: what undoes waiting change %q does not read: %w", key, err)
			}
			// The oldest change to touch a key knows its value before
			// them all.
			for _, im := range before {
				if restored[string(im.Key)] {
					continue
				}
				restored[string(im.Key)] = true
				var err error
				if im.Existed {
					err = txn.Set(im.Key, im.Value)
				} else {
					err = txn.Delete(im.Key)
				}
				if err != nil {
					return tooLarge(err)
				}
			}
			undo = append(undo, bytes.Clone(key))
			n++
		}
		for _, k := range undo {
			if err := txn.Delete(k); err != nil {
				return tooLarge(err)
			}
		}
		return nil
	})
	return n, err
}

// Tried records that waiting change n is being appended to the body on
// top of the journal's entry head.
func (db *DB) Tried(ctx context.Context, w Waiting, head uint64) error {
	w.Tried = head
	return db.bdb.Update(func(txn *badger.Txn) error { return putJSON(txn, outboxKey(w.N, 'c'), w) })
}

// Forget takes waiting change n out of the outbox (its entry is in the
// body's journal); its effects must be undone.
func (db *DB) Forget(ctx context.Context, n uint64) error {
	return db.bdb.Update(func(txn *badger.Txn) error { return forget(txn, n) })
}

func forget(txn *badger.Txn, n uint64) error {
	if err := txn.Delete(outboxKey(n, 'c')); err != nil {
		return err
	}
	return txn.Delete(outboxKey(n, 'u'))
}

// ToReview moves waiting change w (undone) to the review list, refused
// for reason (by rule, if a rule of the domain refused it).
func (db *DB) ToReview(ctx context.Context, w Waiting, rule, reason string) error {
	r := Review{N: w.N, Entry: w.Entry, Blobs: w.Blobs, Rule: rule, Reason: reason, Refused: db.now().UTC()}
	return db.bdb.Update(func(txn *badger.Txn) error {
		if err := forget(txn, w.N); err != nil {
			return err
		}
		return putJSON(txn, reviewKey(w.N), r)
	})
}

// Reviews returns the review list in order.
func (db *DB) Reviews(ctx context.Context) ([]Review, error) {
	var out []Review
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := prefixIterator(txn, []byte(reviewPrefix))
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var r Review
			if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &r) }); err != nil {
				return fmt.Errorf("storage: review item %q does not read: %w", it.Item().Key(), err)
			}
			out = append(out, r)
		}
		return nil
	})
	return out, err
}

// ReviewItem returns item n of the review list.
func (db *DB) ReviewItem(ctx context.Context, n uint64) (Review, error) {
	var r Review
	err := db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get(reviewKey(n))
		if err != nil {
			return fmt.Errorf("there is no change %d on the review list (certctl sync --review lists them)", n)
		}
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &r) })
	})
	return r, err
}

// DropReview takes item n off the review list (re-done or discarded).
func (db *DB) DropReview(ctx context.Context, n uint64) error {
	return db.bdb.Update(func(txn *badger.Txn) error {
		if _, err := txn.Get(reviewKey(n)); err != nil {
			return fmt.Errorf("there is no change %d on the review list", n)
		}
		return txn.Delete(reviewKey(n))
	})
}

// waiting accounts for the waiting changes whose effects are on the
// records, in order, as if each were the journal's next entry.
func (v *verifier) waiting() error {
	it := prefixIterator(v.txn, []byte(outboxPrefix))
	defer it.Close()
	var last Waiting
	for it.Rewind(); it.Valid(); it.Next() {
		key := it.Item().Key()
		switch key[len(key)-1] {
		case 'c':
			last = Waiting{}
			if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &last) }); err != nil {
				return fmt.Errorf("storage: waiting change %q does not read: %w", key, err)
			}
		case 'u':
			if binary.BigEndian.Uint64(key[len(outboxPrefix):]) != last.N {
				continue
			}
			v.rep.Waiting++
			for _, c := range last.Entry.Changes {
				x := &expected{exists: c.Op != "delete"}
				if v.rep.Head != nil {
					x.seq = v.rep.Head.Seq
				}
				if sum, err := hex.DecodeString(c.Hash); err == nil && len(sum) == sha256.Size {
					x.known = true
					copy(x.sum[:], sum)
				}
				v.want[recordRef{c.Kind, c.ID}] = x
			}
		}
	}
	return nil
}
