package storage

import (
	"errors"

	"github.com/dgraph-io/badger/v4"
)

// recomputeKey marks a folder whose obligations an older CertDesk
// computed under rules or catalogues that have changed since: the schema
// migration that knows it sets it (schema 6: the 9001 and 27001
// catalogues list every sub-clause and Annex A control, which the
// schedule's Annex A coverage counts), and the opener clears it once the
// recomputation is marked in the journal
// (certification.MarkRecomputeAfterUpgrade), so that every desk of the
// body recomputes through the same journalled commands.
const recomputeKey = "meta/recompute-obligations"

// ObligationsToRecompute says whether an upgrade asked for every
// certification's obligations to be recomputed, and why.
func (db *DB) ObligationsToRecompute() (reason string, ok bool, err error) {
	err = db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(recomputeKey))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		ok = true
		return item.Value(func(v []byte) error { reason = string(v); return nil })
	})
	return reason, ok, err
}

// ObligationsRecomputeMarked clears the request once the recomputation
// is marked in the journal.
func (db *DB) ObligationsRecomputeMarked() error {
	return db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(recomputeKey)) })
}
