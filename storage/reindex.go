package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// reindexKey marks a rebuild of the index entries under way (Reindex).
// While it is set the index entries may be half deleted or half written:
// a store opened for changes finishes the rebuild before anything else,
// and a store opened for reading only refuses to open (ErrReindexPending).
const reindexKey = "meta/reindex"

// ErrReindexPending is matched by the error of a read-only open of a
// folder whose rebuild of the index entries was interrupted.
var ErrReindexPending = errors.New("the index entries are being rebuilt")

// Chunk bounds: each transaction of a rebuild writes or deletes at most
// reindexChunkRecords records' entries or reindexChunkBytes key bytes
// (covering keys are long), so a rebuild of any size fits Badger's
// transaction limits. Variables only so that tests can make many chunks.
var (
	reindexChunkRecords = 500
	reindexChunkBytes   = 256 << 10
)

// ReindexReport is what Reindex did.
type ReindexReport struct {
	Deleted  int           `json:"deleted"` // index keys deleted
	Written  int           `json:"written"` // index keys written
	Records  int           `json:"records"` // records read (of the kinds that have index entries)
	Resumed  bool          `json:"resumed"` // an interrupted rebuild was found and done again
	Duration time.Duration `json:"-"`
}

// Reindex deletes every index entry (i/..., the covering keys of the
// schedule included) and writes them again from the records, in chunks
// of bounded transactions. It changes no record, counter or journal
// entry, so it is not journalled: index entries are local to a folder
// (a desk rebuilds its own; nothing of it is sent to the office).
//
// It is crash-safe by a marker (reindexKey) set before the first
// deletion and removed after the last write: an interrupted rebuild
// (a crash, a kill, ctx cancelled) is done again from the start by the
// next open for changes, and the folder refuses a read-only open until
// then, so nothing ever answers a query from half an index.
func (db *DB) Reindex(ctx context.Context) (ReindexReport, error) {
	start := time.Now()
	var rep ReindexReport
	if db.readOnly {
		return rep, fmt.Errorf("the CertDesk data folder %s is open for reading only: nothing was rebuilt", db.dir)
	}
	kinds, err := db.recordKinds()
	if err != nil {
		return rep, err
	}
	rep.Resumed, err = db.reindexPending()
	if err != nil {
		return rep, err
	}
	err = db.bdb.Update(func(txn *badger.Txn) error { return txn.Set([]byte(reindexKey), []byte{1}) })
	if err != nil {
		return rep, fmt.Errorf("starting the rebuild of the index entries: %w", err)
	}
	if rep.Deleted, err = db.deleteIndexes(ctx); err != nil {
		return rep, fmt.Errorf("deleting the index entries (the rebuild is finished when the folder is next opened for changes): %w", err)
	}
	for _, kind := range kinds {
		n, w, err := db.rebuildKind(ctx, kind)
		rep.Records += n
		rep.Written += w
		if err != nil {
			return rep, fmt.Errorf("rebuilding the index entries of %s (the rebuild is finished when the folder is next opened for changes): %w", kind, err)
		}
	}
	err = db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(reindexKey)) })
	if err != nil {
		return rep, fmt.Errorf("ending the rebuild of the index entries: %w", err)
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// finishReindex does again a rebuild an interruption left (the marker is
// set), when the store is opened: for changes it is done, for reading
// the open is refused.
func (db *DB) finishReindex() error {
	pending, err := db.reindexPending()
	if err != nil || !pending {
		return err
	}
	if db.readOnly {
		return fmt.Errorf("%w in %s (an interrupted certctl reindex): open it once for changes (the app, certctl reindex, or a certctl command that changes records) so that the rebuild is finished, then read it again", ErrReindexPending, db.where())
	}
	rep, err := db.Reindex(context.Background())
	if err != nil {
		return fmt.Errorf("finishing the interrupted rebuild of the index entries of %s: %w", db.where(), err)
	}
	db.finishedReindex = &rep
	return nil
}

// FinishedReindex is the rebuild of the index entries that opening the
// store finished (an interrupted Reindex), or nil.
func (db *DB) FinishedReindex() *ReindexReport { return db.finishedReindex }

func (db *DB) reindexPending() (bool, error) {
	found := false
	err := db.bdb.View(func(txn *badger.Txn) error {
		_, err := txn.Get([]byte(reindexKey))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		found = err == nil
		return err
	})
	return found, err
}

// recordKinds returns the kinds of the records in the store, refusing a
// kind this CertDesk cannot read (its index terms could not be written
// again) before anything is deleted.
func (db *DB) recordKinds() ([]certification.Kind, error) {
	var kinds []certification.Kind
	err := db.bdb.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		opts.Prefix = []byte(recordPrefix)
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Seek(opts.Prefix); it.ValidForPrefix(opts.Prefix); {
			kind, _, ok := parseRecordKey(it.Item().Key())
			if !ok {
				return fmt.Errorf("the key %q is not a record's (written outside CertDesk): nothing was rebuilt; see certctl verify", it.Item().Key())
			}
			if _, err := newRecord(kind); err != nil {
				return fmt.Errorf("records of kind %q are unknown to this CertDesk: nothing was rebuilt", kind)
			}
			kinds = append(kinds, kind)
			it.Seek(append(kindPrefix(kind), 0xff)) // past the kind's ids
		}
		return nil
	})
	slices.Sort(kinds)
	return kinds, err
}

// deleteIndexes deletes every key under i/, a chunk per transaction.
// Each chunk starts after the last key the one before deleted: from the
// start of i/ it would step over every tombstone left so far (quadratic).
func (db *DB) deleteIndexes(ctx context.Context) (int, error) {
	deleted := 0
	var from []byte
	for {
		if err := ctx.Err(); err != nil {
			return deleted, err
		}
		var keys [][]byte
		err := db.bdb.View(func(txn *badger.Txn) error {
			size := 0
			return eachKey(txn, []byte(indexPrefix), from, func(k []byte) error {
				if len(keys) == 10*reindexChunkRecords || size > reindexChunkBytes {
					return certification.ErrStop
				}
				keys = append(keys, bytes.Clone(k))
				size += len(k)
				return nil
			})
		})
		if err != nil || len(keys) == 0 {
			return deleted, err
		}
		err = db.bdb.Update(func(txn *badger.Txn) error {
			for _, k := range keys {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return deleted, err
		}
		deleted += len(keys)
		from = append(keys[len(keys)-1], 0) // the next key after the last deleted
	}
}

// rebuildKinds writes the index entries of every record of each kind
// (the schema migrations that add an index).
func (db *DB) rebuildKinds(kinds ...certification.Kind) error {
	for _, kind := range kinds {
		if _, _, err := db.rebuildKind(context.Background(), kind); err != nil {
			return err
		}
	}
	return nil
}

// rebuildKind writes every index entry of every record of kind, a chunk
// of records per transaction. Existing entries are written again (no
// harm), so a rebuild cut short may simply run again. It returns the
// records read and the keys written.
func (db *DB) rebuildKind(ctx context.Context, kind certification.Kind) (records, written int, err error) {
	if r, err := newRecord(kind); err != nil {
		return 0, 0, err
	} else if _, ok := r.(certification.Indexed); !ok {
		return 0, 0, nil // no index entries
	}
	prefix := kindPrefix(kind)
	var after []byte
	for {
		if err := ctx.Err(); err != nil {
			return records, written, err
		}
		done, n := true, 0
		var sets [][]byte
		next := after
		err := db.bdb.Update(func(txn *badger.Txn) error {
			sets, n, done = nil, 0, true
			it := prefixIterator(txn, prefix)
			defer it.Close()
			it.Seek(prefix)
			if after != nil {
				it.Seek(after)
				if it.ValidForPrefix(prefix) && bytes.Equal(it.Item().Key(), after) {
					it.Next()
				}
			}
			size := 0
			for ; it.ValidForPrefix(prefix); it.Next() {
				if n == reindexChunkRecords || size > reindexChunkBytes {
					done = false
					break
				}
				item := it.Item()
				id := idOf(item.Key())
				r, err := newRecord(kind)
				if err != nil {
					return err
				}
				if err := decodeItem(item, kind, id, r); err != nil {
					return err
				}
				keys, err := indexKeys(r, id)
				if err != nil {
					return err
				}
				for k := range keys {
					sets = append(sets, []byte(k))
					size += len(k)
				}
				next = item.KeyCopy(nil)
				n++
			}
			for _, k := range sets {
				if err := txn.Set(k, nil); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return records, written, err
		}
		records += n
		written += len(sets)
		after = next
		if done {
			return records, written, nil
		}
	}
}
