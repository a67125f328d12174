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
	if progress != nil {
		total, _ = countKeys(src)
		progress(0, total)
	}
	err := streamInto(dir, key, func(put func(key, value []byte) error) error {
		return src.bdb.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.DefaultIteratorOptions)
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				if n%1024 == 0 {
					if err := ctx.Err(); err != nil {
						return err
					}
					if progress != nil && n > 0 {
						progress(n, max(n, total))
					}
				}
				k := it.Item().KeyCopy(nil)
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					return err
				}
				hashKV(h, k, v)
				n++
				if err := put(k, v); err != nil {
					return err
				}
			}
			return nil
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
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if n%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			hashKV(h, it.Item().Key(), v)
			n++
		}
		return nil
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
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			n++
		}
		return nil
	})
	return n, err
}
