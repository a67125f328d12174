package storage

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/klauspost/compress/zstd"

	"certdesk/certification"
)

// Backup writes a backup of the whole store, taken from one consistent
// snapshot, to w. The payload is first written to a temporary file (in
// the system's temporary folder) so that the header can carry its
// checksum. progress, if set, is called now and then with the keys
// written and the total.
func (db *DB) Backup(ctx context.Context, w io.Writer, progress func(done, total int)) (BackupInfo, error) {
	return db.backup(ctx, w, "", progress)
}

// BackupFile writes a backup to the file path: into a temporary file in
// the same folder first, renamed to path once complete and synced, so that
// path never holds a half-written backup. An existing file is replaced.
func (db *DB) BackupFile(ctx context.Context, path string, progress func(done, total int)) (BackupInfo, error) {
	var info BackupInfo
	err := writeFileAtomically(path, func(w io.Writer) error {
		var err error
		info, err = db.backup(ctx, w, filepath.Dir(path), progress)
		return err
	})
	if err != nil {
		return BackupInfo{}, fmt.Errorf("writing the backup %s: %w", path, err)
	}
	return info, nil
}

func (db *DB) backup(ctx context.Context, w io.Writer, spoolDir string, progress func(done, total int)) (BackupInfo, error) {
	spool, err := os.CreateTemp(spoolDir, ".certdesk-backup-*.tmp")
	if err != nil {
		return BackupInfo{}, fmt.Errorf("backup: a temporary file: %w", err)
	}
	defer func() {
		spool.Close()
		os.Remove(spool.Name())
	}()
	info, err := db.writePayload(ctx, spool, progress)
	if err != nil {
		return BackupInfo{}, err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return BackupInfo{}, err
	}
	header, err := json.Marshal(info)
	if err != nil {
		return BackupInfo{}, err
	}
	sum := sha256.Sum256(header)
	bw := bufio.NewWriterSize(w, 1<<16)
	bw.WriteString(backupMagic)
	binary.Write(bw, binary.BigEndian, uint32(len(header)))
	bw.Write(header)
	bw.Write(sum[:])
	n, err := io.Copy(bw, spool)
	if err == nil && n != info.PayloadBytes {
		err = fmt.Errorf("backup: the payload changed while it was copied (%d of %d bytes)", n, info.PayloadBytes)
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return BackupInfo{}, fmt.Errorf("writing the backup: %w", err)
	}
	return info, nil
}

// writePayload writes the compressed entry stream of one snapshot to w and
// returns the header that describes it.
func (db *DB) writePayload(ctx context.Context, w io.Writer, progress func(done, total int)) (BackupInfo, error) {
	info := BackupInfo{
		Format:      BackupFormat,
		Product:     "CertDesk",
		Created:     time.Now().UTC().Truncate(time.Second),
		Records:     map[certification.Kind]int{},
		Compression: "zstd",
		Encryption:  BackupEncryption{Method: "none"},
	}
	hash := sha256.New()
	stored := &countWriter{w: io.MultiWriter(w, hash)}
	// compressed is what zstd writes to: the stored payload, or the
	// sealing of it when the folder is encrypted.
	var compressed io.Writer = stored
	var sealer *sealWriter
	if db.Encrypted() {
		var err error
		if sealer, info.Encryption, err = newSealWriter(stored, db.currentKey()); err != nil {
			return info, fmt.Errorf("backup: %w", err)
		}
		compressed = sealer
	}
	zw, err := zstd.NewWriter(compressed, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithWindowSize(8<<20))
	if err != nil {
		return info, err
	}
	defer zw.Close()
	raw := &countWriter{w: bufio.NewWriterSize(zw, 1<<16)}
	var tally tally
	err = db.bdb.View(func(txn *badger.Txn) error {
		total := 0
		if progress != nil {
			opts := badger.DefaultIteratorOptions
			opts.PrefetchValues = false
			it := txn.NewIterator(opts)
			for it.Rewind(); it.Valid(); it.Next() {
				total++
			}
			it.Close()
			progress(0, total)
		}
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		var lenBuf [binary.MaxVarintLen64]byte
		for it.Rewind(); it.Valid(); it.Next() {
			if tally.keys%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
				if progress != nil && tally.keys > 0 {
					progress(tally.keys, max(total, tally.keys))
				}
			}
			item := it.Item()
			key := item.Key()
			raw.Write(lenBuf[:binary.PutUvarint(lenBuf[:], uint64(len(key)))])
			raw.Write(key)
			err := item.Value(func(v []byte) error {
				raw.Write(lenBuf[:binary.PutUvarint(lenBuf[:], uint64(len(v)))])
				_, err := raw.Write(v)
				tally.add(key, v)
				return err
			})
			if err != nil {
				return fmt.Errorf("backup: reading key %q: %w", key, err)
			}
		}
		if progress != nil {
			progress(tally.keys, max(total, tally.keys))
		}
		return nil
	})
	if err != nil {
		return info, err
	}
	raw.Write([]byte{0})
	if err := raw.w.(*bufio.Writer).Flush(); err != nil {
		return info, fmt.Errorf("writing the backup: %w", err)
	}
	if err := zw.Close(); err != nil {
		return info, fmt.Errorf("writing the backup: %w", err)
	}
	if sealer != nil {
		if err := sealer.Close(); err != nil {
			return info, fmt.Errorf("writing the backup: %w", err)
		}
	}
	tally.fill(&info)
	info.DataBytes = raw.n
	info.PayloadBytes = stored.n
	info.PayloadSHA256 = hex.EncodeToString(hash.Sum(nil))
	return info, nil
}

// tally counts what a stream of keys holds.
type tally struct {
	keys, index, journal int
	records              map[certification.Kind]int
	lastSeq              uint64
	schema               uint32
	hasSchema            bool
}

func (t *tally) add(key, value []byte) {
	t.keys++
	switch {
	case bytes.HasPrefix(key, []byte(recordPrefix)):
		kind, _, _ := bytes.Cut(key[len(recordPrefix):], []byte("/"))
		if t.records == nil {
			t.records = map[certification.Kind]int{}
		}
		t.records[certification.Kind(kind)]++
	case bytes.HasPrefix(key, []byte(indexPrefix)):
		t.index++
	case bytes.HasPrefix(key, []byte(journalPrefix)):
		t.journal++
	case string(key) == journalCounter && len(value) == 8:
		t.lastSeq = binary.BigEndian.Uint64(value)
	case string(key) == schemaKey && len(value) == 4:
		t.schema, t.hasSchema = binary.BigEndian.Uint32(value), true
	}
}

func (t *tally) fill(info *BackupInfo) {
	info.Keys, info.IndexEntries, info.JournalEntries, info.JournalLastSeq = t.keys, t.index, t.journal, t.lastSeq
	info.Schema = currentSchema
	if t.hasSchema {
		info.Schema = t.schema
	}
	for k, n := range t.records {
		info.Records[k] = n
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
