package storage

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// Blobs (evidence content) are kept content-addressed, in chunks:
// "b/<hex sha256>/<chunk number, 4 bytes>". A chunk is at least Badger's
// value threshold, so it goes to the value log and counts only as a
// pointer towards a transaction's size (ErrTooLarge), and well below a
// value log file, so a large file fits in one transaction. An in-memory
// store has no value log (Badger fails on a value past the threshold
// there): its chunks stay below it, so it holds about a megabyte per
// transaction, enough for the tests it serves.
const (
	blobPrefix      = "b/"
	blobChunk       = 4 << 20
	blobChunkMemory = 256 << 10
)

// blobKeyPrefix is "b/<hash>/".
func blobKeyPrefix(hash string) []byte { return []byte(blobPrefix + hash + "/") }

func blobKey(hash string, n uint32) []byte {
	return binary.BigEndian.AppendUint32(blobKeyPrefix(hash), n)
}

// checkHash refuses a name that is not a lower-case hex SHA-256.
func checkHash(hash string) error {
	if b, err := hex.DecodeString(hash); err != nil || len(b) != 32 || hex.EncodeToString(b) != hash {
		return fmt.Errorf("storage: %q is not a hex SHA-256", hash)
	}
	return nil
}

func (t *tx) PutBlob(content []byte) (string, error) {
	if err := t.checkWritable("PutBlob"); err != nil {
		return "", err
	}
	hash := certification.ContentHash(content)
	switch _, err := t.txn.Get(blobKey(hash, 0)); {
	case err == nil:
		return hash, nil // stored already
	case !errors.Is(err, badger.ErrKeyNotFound):
		return "", fmt.Errorf("storage: reading content %s: %w", hash, err)
	}
	chunk := blobChunk
	if t.memory {
		chunk = blobChunkMemory
	}
	for n := uint32(0); ; n++ {
		part := content[min(len(content), int(n)*chunk):min(len(content), int(n+1)*chunk)]
		if err := t.set(blobKey(hash, n), part); err != nil {
			return "", err
		}
		if int(n+1)*chunk >= len(content) {
			return hash, nil
		}
	}
}

func (t *tx) Blob(hash string) ([]byte, error) {
	if err := checkHash(hash); err != nil {
		return nil, err
	}
	return readBlob(t.txn, hash)
}

// readBlob joins the chunks of the blob hash, checking none is missing.
func readBlob(txn *badger.Txn, hash string) ([]byte, error) {
	prefix := blobKeyPrefix(hash)
	it := prefixIterator(txn, prefix)
	defer it.Close()
	out := []byte{}
	n := uint32(0)
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		key := it.Item().Key()
		if len(key) != len(prefix)+4 || binary.BigEndian.Uint32(key[len(prefix):]) != n {
			return nil, fmt.Errorf("storage: content %s: chunk %d is missing", hash, n)
		}
		err := it.Item().Value(func(v []byte) error { out = append(out, v...); return nil })
		if err != nil {
			return nil, fmt.Errorf("storage: reading content %s: %w", hash, err)
		}
		n++
	}
	if n == 0 {
		return nil, fmt.Errorf("content %s: %w", hash, certification.ErrNotFound)
	}
	return out, nil
}
