package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// bodyBaseKey holds where the body's journal stream begins in this
// folder's journal, as the desk learnt it when it joined: a desk that
// starts while its office cannot be reached works from it.
const bodyBaseKey = "meta/body-base"

// BodyBase returns the link stored by SetBodyBase; found is false when
// the folder has never been a desk.
func (db *DB) BodyBase(ctx context.Context) (link ChainLink, found bool, err error) {
	if err := ctx.Err(); err != nil {
		return link, false, err
	}
	err = db.bdb.View(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(bodyBaseKey))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		found = true
		return item.Value(func(v []byte) error { return json.Unmarshal(v, &link) })
	})
	if err != nil {
		return link, false, fmt.Errorf("storage: reading the body's base: %w", err)
	}
	return link, found, nil
}

// SetBodyBase records where the body's stream begins (see BodyBase).
func (db *DB) SetBodyBase(ctx context.Context, link ChainLink) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	return db.bdb.Update(func(txn *badger.Txn) error { return putJSON(txn, []byte(bodyBaseKey), link) })
}
