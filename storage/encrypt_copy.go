package storage

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"
)

// copyInto writes every key of src, in order, into a new store in dir
// under key, and returns the digest of what it wrote and the key count.
func copyInto(ctx context.Context, src *DB, dir string, key Key, progress func(done, total int)) ([]byte, int, error) {
	h := sha256.New()
	n, total := 0, 0
	var passed func(int)
	if progress != nil {
		total, _ = countKeys(src)
		progress(0, total)
		passed = func(n int) { progress(n, max(n, total)) }
	}
	err := streamInto(dir, key, func(put func(key, value []byte) error) error {
		return src.bdb.View(func(txn *badger.Txn) error {
			return eachItem(ctx, txn, passed, func(item *badger.Item) error {
				k := item.KeyCopy(nil)
				v, err := item.ValueCopy(nil)
				if err != nil {
					return err
				}
				hashKV(h, k, v)
				n++
				return put(k, v)
			})
		})
	})
	if err != nil {
		return nil, 0, fmt.Errorf("encrypt: writing %s: %w", dir, err)
	}
	if progress != nil {
		progress(n, max(n, total))
	}
	return h.Sum(nil), n, nil
}

// digest hashes every key and value of db in order.
func digest(ctx context.Context, db *DB) ([]byte, int, error) {
	h := sha256.New()
	n := 0
	err := db.bdb.View(func(txn *badger.Txn) error {
		return eachItem(ctx, txn, nil, func(item *badger.Item) error {
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			hashKV(h, item.Key(), v)
			n++
			return nil
		})
	})
	return h.Sum(nil), n, err
}

func hashKV(h io.Writer, k, v []byte) {
	var l [8]byte
	for _, b := range [][]byte{k, v} {
		binary.BigEndian.PutUint64(l[:], uint64(len(b)))
		h.Write(l[:])
		h.Write(b)
	}
}

func countKeys(db *DB) (int, error) {
	n := 0
	err := db.bdb.View(func(txn *badger.Txn) error {
		n = countItems(txn)
		return nil
	})
	return n, err
}
