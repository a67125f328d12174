package storage

import (
	"context"
	"errors"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// prefixIterator iterates over the keys under prefix, with their values.
func prefixIterator(txn *badger.Txn, prefix []byte) *badger.Iterator {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = prefix
	return txn.NewIterator(opts)
}

// eachKey calls fn with each key under prefix from start on (start nil:
// from the beginning of prefix), without reading values. The key is only
// valid during fn. ErrStop from fn ends the walk with nil.
func eachKey(txn *badger.Txn, prefix, start []byte, fn func(key []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := txn.NewIterator(opts)
	defer it.Close()
	if start == nil {
		start = prefix
	}
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		err := fn(it.Item().Key())
		if errors.Is(err, certification.ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// anyKey reports whether txn holds a key under prefix.
func anyKey(txn *badger.Txn, prefix []byte) bool {
	found := false
	eachKey(txn, prefix, nil, func([]byte) error {
		found = true
		return certification.ErrStop
	})
	return found
}

// eachItem calls fn with every item of txn in key order. Every 1024 items
// it stops if ctx has ended and, from the second round on, tells passed
// (if not nil) how many items went by.
func eachItem(ctx context.Context, txn *badger.Txn, passed func(n int), fn func(item *badger.Item) error) error {
	it := txn.NewIterator(badger.DefaultIteratorOptions)
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		if n%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if passed != nil && n > 0 {
				passed(n)
			}
		}
		if err := fn(it.Item()); err != nil {
			return err
		}
		n++
	}
	return nil
}

// countItems counts the keys of txn without reading values.
func countItems(txn *badger.Txn) int {
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	n := 0
	for it.Rewind(); it.Valid(); it.Next() {
		n++
	}
	return n
}
