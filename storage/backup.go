package storage

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/storage/backupfile"
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
		if err == nil {
			err = ctx.Err() // cancelled at the last moment: publish nothing
		}
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
	// The payload is read from every table: hand back after it the pages
	// that were not in memory before, so that a backup leaves the process
	// (the app, at start) holding what its screens need, not the whole
	// folder (mapped.go).
	before := db.residentTables()
	defer db.releaseMapped(before)
	info, err := db.writePayload(ctx, spool, before, progress)
	if err != nil {
		return BackupInfo{}, err
	}
	if _, err := spool.Seek(0, io.SeekStart); err != nil {
		return BackupInfo{}, err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	err = backupfile.WriteHeader(bw, info)
	var n int64
	if err == nil {
		n, err = io.Copy(bw, ctxReader{ctx, spool})
	}
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

// releaseEvery is how many keys a backup reads between handing back
// the pages of the tables it has read: about 10 MB of them on the
// 10,000-client body, so the backup's memory does not grow with the body.
const releaseEvery = 1 << 16

// writePayload writes the payload of one snapshot to w and returns the
// header that describes it; every releaseEvery keys it hands back the
// table pages read that were not in memory before (mapped.go).
func (db *DB) writePayload(ctx context.Context, w io.Writer, before residentPages, progress func(done, total int)) (BackupInfo, error) {
	info := BackupInfo{
		Format:      BackupFormat,
		Product:     "CertDesk",
		Created:     time.Now().UTC().Truncate(time.Second),
		Records:     map[certification.Kind]int{},
		Compression: "zstd",
	}
	var key Key
	if db.Encrypted() {
		key = db.currentKey()
	}
	pw, err := backupfile.NewPayloadWriter(w, key.master)
	if err != nil {
		return info, fmt.Errorf("backup: %w", err)
	}
	info.Encryption = pw.Encryption()
	if key.master != nil {
		sealedKey(&info.Encryption, key.env)
	}
	var tally tally
	err = db.bdb.View(func(txn *badger.Txn) error {
		info.Snapshot = txn.ReadTs()
		total := 0
		var passed func(int)
		if progress != nil {
			total = countItems(txn)
			progress(0, total)
			passed = func(n int) { progress(n, max(total, n)) }
		}
		err := eachItem(ctx, txn, passed, func(item *badger.Item) error {
			if tally.keys%releaseEvery == releaseEvery-1 {
				db.releaseMapped(before) // the tables read so far (mapped.go)
			}
			key := item.Key()
			err := item.Value(func(v []byte) error {
				tally.add(key, v)
				return pw.Put(key, v)
			})
			if err != nil {
				return fmt.Errorf("backup: reading key %q: %w", key, err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if progress != nil {
			progress(tally.keys, max(total, tally.keys))
		}
		return nil
	})
	if err != nil {
		pw.Close(&info)
		return info, err
	}
	if err := pw.Close(&info); err != nil {
		return info, fmt.Errorf("writing the backup: %w", err)
	}
	tally.fill(&info)
	return info, nil
}

// ctxReader stops a copy once ctx is cancelled, so that cancelling a
// backup stops it within one buffer, in the copy of the payload too.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
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
