package storage

import (
	"errors"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"
)

// restoreBaseTable is the Badger BaseTableSize of a restore (a variable
// for measurements).
var restoreBaseTable int64 = 256 << 10

// streamInto writes the keys fill passes to put, which must come in
// Badger's key order, into a new store in dir (encrypted under key when
// it is set) with Badger's StreamWriter: its tables are written directly,
// without a write-ahead log or compactions. An error from fill is
// returned as is.
func streamInto(dir string, key Key, fill func(put func(key, value []byte) error) error) error {
	// The StreamWriter builds tables of the last level, BaseTableSize ×
	// 2^(levels-2) each, in memory, several at once: smaller ones keep a
	// restore of 10,000 clients under 800 MB (BENCHMARKS.md).
	bdb, err := badger.Open(options(dir).WithSyncWrites(false).WithBaseTableSize(restoreBaseTable).WithEncryptionKey(key.master))
	if err != nil {
		return err
	}
	sw := bdb.NewStreamWriter()
	if err := sw.Prepare(); err != nil {
		bdb.Close()
		return err
	}
	// Write copies what it takes from buf: buf is reused.
	const chunk = 4 << 20
	buf := z.NewBuffer(chunk+(1<<20), "certdesk.stream")
	defer buf.Release()
	put := func(key, value []byte) error {
		badger.KVToBuffer(&pb.KV{Key: key, Value: value, Version: 1}, buf)
		if buf.LenNoPadding() < chunk {
			return nil
		}
		if err := sw.Write(buf); err != nil {
			return err
		}
		buf.Reset()
		return nil
	}
	err = fill(put)
	if err == nil {
		err = sw.Write(buf)
	}
	if err == nil {
		err = sw.Flush()
	} else {
		sw.Cancel()
	}
	if err == nil {
		err = bdb.Sync()
	}
	return errors.Join(err, bdb.Close())
}
