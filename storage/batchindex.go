package storage

import (
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// batchIndex answers a Batch's index lookups (tx.Lookup) without an
// iterator over the batch's transaction: Badger sorts all of a
// transaction's pending writes each time one is opened there, and a
// batch of entries holds hundreds, with a few lookups per entry (a
// certification's audits, findings, decisions, certificates). It reads
// the index keys committed before the batch from a read-only
// transaction at the batch's own read timestamp, and the index keys
// the batch set or deleted since from what it noted. The batch
// transaction reads the journal's head (ApplyBatch), which every
// journalled change writes: a change committed by another transaction
// while the batch runs makes the batch's commit fail with a conflict.
type batchIndex struct {
	snap    *badger.Txn     // read-only, at the batch transaction's read timestamp
	written map[string]bool // index keys set (true) or deleted (false) by the batch
}

// newBatchIndex returns the batchIndex of txn, or nil when a read-only
// transaction cannot see what txn sees (a commit came between them):
// the batch then looks up through txn.
func newBatchIndex(db *badger.DB, txn *badger.Txn) *batchIndex {
	snap := db.NewTransaction(false)
	if snap.ReadTs() != txn.ReadTs() {
		snap.Discard()
		return nil
	}
	return &batchIndex{snap: snap, written: map[string]bool{}}
}

func (b *batchIndex) discard() {
	if b != nil {
		b.snap.Discard()
	}
}

// noted records that the batch set (or deleted) index key k.
func (b *batchIndex) noted(k string, set bool) {
	if b != nil {
		b.written[k] = set
	}
}

// lookup is tx.Lookup: the ids filed under exactly the value that ends
// prefix ("i/<index>/<value>"), in id order.
func (b *batchIndex) lookup(prefix []byte) ([]certification.ID, error) {
	var ids []certification.ID
	err := eachKey(b.snap, prefix, nil, func(key []byte) error {
		if set, ok := b.written[string(key)]; (!ok || set) && len(key) == len(prefix)+8 {
			ids = append(ids, idOf(key))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	n, p := len(ids), string(prefix)
	for k, set := range b.written {
		if set && len(k) == len(p)+8 && strings.HasPrefix(k, p) {
			ids = append(ids, idOf([]byte(k)))
		}
	}
	if len(ids) > n { // keys committed before are already in order
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	return ids, nil
}
