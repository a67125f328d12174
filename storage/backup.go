package storage

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/ristretto/v2/z"
	"github.com/klauspost/compress/zstd"

	"certdesk/certification"
)

// A backup file holds every key and value of a store, byte for byte
// (records, index entries, counters, the journal), so that a restore gives
// back exactly the store that was backed up. Layout (format version 1):
//
//	magic     16 bytes   "CERTDESK-BACKUP\n"
//	length     4 bytes   big-endian length N of the header
//	header     N bytes   JSON of BackupInfo
//	checksum  32 bytes   SHA-256 of the N header bytes
//	payload              exactly header.payload_bytes bytes, whose SHA-256
//	                     is header.payload_sha256
//
// The payload is the entry stream, compressed (header.compression, "zstd")
// and then, in an encrypted backup, encrypted (header.encryption; format 1
// writes only "none"). The checksum covers the stored payload, so damage is
// found without the key. The entry stream is, in Badger's key order:
//
//	uvarint len(key) | key | uvarint len(value) | value     for each key
//	uvarint 0                                              end (keys are never empty)
//
// Restore reads the header and refuses a foreign file, a newer format or
// schema and an encryption it does not know before it creates anything;
// it then loads the payload into a new folder beside the target, checks
// the checksum, the key order and the counts of the header, and only then
// moves the folder into place. See docs/cli.md (certctl backup).

// BackupFormat is the backup file format this code writes and reads.
const BackupFormat = 1

// BackupExt is the file name extension of backups.
const BackupExt = ".certdesk-backup"

const backupMagic = "CERTDESK-BACKUP\n"

// Limits against hostile or damaged files: nothing near them is ever
// written (a transaction holds about a megabyte).
const (
	maxHeaderBytes = 1 << 20
	maxKeyBytes    = 1 << 16
	maxValueBytes  = 64 << 20
	maxZstdWindow  = 64 << 20
)

// BackupInfo is the header of a backup file: what it holds and how to
// check it.
type BackupInfo struct {
	// Format is the file format version (BackupFormat).
	Format int `json:"format"`
	// Product is always "CertDesk".
	Product string `json:"product"`
	// Schema is the key layout version of the store that was backed up.
	Schema uint32 `json:"schema"`
	// Created is when the backup was taken (UTC).
	Created time.Time `json:"created"`
	// Records counts the records per kind.
	Records map[certification.Kind]int `json:"records"`
	// IndexEntries, JournalEntries and Keys (all keys, these included)
	// count the rest of the store.
	IndexEntries   int `json:"index_entries"`
	JournalEntries int `json:"journal_entries"`
	// JournalLastSeq is the sequence number of the last journal entry.
	JournalLastSeq uint64 `json:"journal_last_seq"`
	Keys           int    `json:"keys"`
	// DataBytes is the size of the entry stream before compression.
	DataBytes int64 `json:"data_bytes"`
	// Compression of the entry stream: "zstd".
	Compression string `json:"compression"`
	// Encryption says whether and how the payload is encrypted.
	Encryption BackupEncryption `json:"encryption"`
	// PayloadBytes and PayloadSHA256 (hex) describe the stored payload.
	PayloadBytes  int64  `json:"payload_bytes"`
	PayloadSHA256 string `json:"payload_sha256"`
}

// BackupEncryption describes the encryption of a backup's payload:
// Method "none", or "aes-256-gcm-chunked" for a backup of an encrypted
// data folder (crypt_stream.go). An encrypted backup carries the folder's
// master key sealed under the folder's passphrase at the time of the
// backup (the fields of its key file), so the passphrase alone restores
// it, even when the folder is lost.
type BackupEncryption struct {
	// Method is "none" or the cipher scheme of the payload.
	Method string `json:"method"`
	// KDF names the key derivation ("argon2id") and KDFParams its
	// parameters.
	KDF       string     `json:"kdf,omitempty"`
	KDFParams *KDFParams `json:"kdf_params,omitempty"`
	// Salt of the derivation, Nonce and WrappedKey of the sealed master
	// key (base64 in JSON).
	Salt       []byte `json:"salt,omitempty"`
	Nonce      []byte `json:"nonce,omitempty"`
	WrappedKey []byte `json:"wrapped_key,omitempty"`
	// PayloadSalt makes the backup's own payload key; ChunkBytes is the
	// size of the sealed chunks before sealing.
	PayloadSalt []byte `json:"payload_salt,omitempty"`
	ChunkBytes  int    `json:"chunk_bytes,omitempty"`
}

// Encrypted reports whether the backup's payload is encrypted.
func (b BackupInfo) Encrypted() bool { return b.Encryption.Method != "none" }

// Summary describes the backup in one line for people: "12 people, 150
// clients, …, 1,523 journal entries (the last no. 1,523), taken
// 2026-11-24 10:15 UTC".
func (b BackupInfo) Summary() string {
	var parts []string
	seen := map[certification.Kind]bool{certification.KindPolicy: true, certification.KindObligations: true}
	for _, k := range summaryKinds {
		seen[k.kind] = true
		if n := b.Records[k.kind]; n > 0 {
			parts = append(parts, plural(n, k.one, k.many))
		}
	}
	var other []string
	for k := range b.Records {
		if !seen[k] {
			other = append(other, string(k))
		}
	}
	sort.Strings(other)
	for _, k := range other {
		parts = append(parts, fmt.Sprintf("%d %s", b.Records[certification.Kind(k)], k))
	}
	if len(parts) == 0 {
		parts = append(parts, "no records")
	}
	journal := plural(b.JournalEntries, "journal entry", "journal entries")
	if b.JournalEntries > 0 {
		journal += fmt.Sprintf(" (the last no. %d)", b.JournalLastSeq)
	}
	return fmt.Sprintf("%s, %s, taken %s", strings.Join(parts, ", "), journal, b.Created.UTC().Format("2006-01-02 15:04 UTC"))
}

var summaryKinds = []struct {
	kind      certification.Kind
	one, many string
}{
	{certification.KindPerson, "person", "people"},
	{certification.KindClient, "client", "clients"},
	{certification.KindCertification, "certification", "certifications"},
	{certification.KindAudit, "audit", "audits"},
	{certification.KindFinding, "finding", "findings"},
	{certification.KindCertificate, "certificate", "certificates"},
	{certification.KindDecision, "decision", "decisions"},
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ErrNotBackup is matched (errors.Is) when a file is not a CertDesk backup.
var ErrNotBackup = errors.New("not a CertDesk backup")

// ErrBackupDamaged is matched (errors.Is) when a backup is truncated or
// damaged: its checksum, its structure or its counts do not match.
var ErrBackupDamaged = errors.New("the backup is damaged")

// ErrBackupUnsupported is matched (errors.Is) when a backup needs a newer
// CertDesk (a newer format or schema, an unknown encryption).
var ErrBackupUnsupported = errors.New("the backup needs a newer CertDesk")

// ErrWouldDecrypt is matched when Restore is asked to replace an
// encrypted folder with a backup that is not encrypted.
var ErrWouldDecrypt = errors.New("the restore would leave an encrypted folder unencrypted")

// ErrTargetHoldsData is matched (errors.Is) when Restore is asked to
// restore into a folder that holds data without RestoreOptions.Replace.
var ErrTargetHoldsData = errors.New("the folder holds data")

// kindError is an error with a message for people that matches
// (errors.Is) one of the package's error values.
type kindError struct {
	kind error
	msg  string
}

func (e *kindError) Error() string        { return e.msg }
func (e *kindError) Is(target error) bool { return target == e.kind }

func damaged(format string, args ...any) error {
	return &kindError{ErrBackupDamaged, "the backup is damaged: " + fmt.Sprintf(format, args...)}
}

// TargetHoldsDataError says which folder holds data.
type TargetHoldsDataError struct{ Dir string }

func (e *TargetHoldsDataError) Error() string {
	return fmt.Sprintf("the folder %s already holds data: restore into a new or empty folder, or choose to replace it (its contents are then moved aside, not deleted)", e.Dir)
}
func (e *TargetHoldsDataError) Is(target error) bool { return target == ErrTargetHoldsData }

// --- writing ------------------------------------------------------------------

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

// --- reading ------------------------------------------------------------------

// readHeader reads and checks the magic, the header and its checksum, and
// refuses what this version cannot restore.
func readHeader(r io.Reader) (BackupInfo, error) {
	var info BackupInfo
	magic := make([]byte, len(backupMagic))
	n, err := io.ReadFull(r, magic)
	if n == 0 {
		return info, &kindError{ErrNotBackup, "this is not a CertDesk backup: the file is empty"}
	}
	if n < len(magic) && !bytes.HasPrefix([]byte(backupMagic), magic[:n]) || n == len(magic) && string(magic) != backupMagic {
		return info, &kindError{ErrNotBackup, "this is not a CertDesk backup (a backup starts with \"CERTDESK-BACKUP\"): choose a file written by 'certctl backup' or CertDesk's Back up"}
	}
	if err != nil {
		return info, damaged("the file ends after %d bytes, inside its header", n)
	}
	var size uint32
	if err := binary.Read(r, binary.BigEndian, &size); err != nil {
		return info, damaged("the file ends inside its header")
	}
	if size == 0 || size > maxHeaderBytes {
		return info, damaged("its header length (%d bytes) is impossible", size)
	}
	header := make([]byte, size)
	if _, err := io.ReadFull(r, header); err != nil {
		return info, damaged("the file ends inside its header")
	}
	var sum [sha256.Size]byte
	if _, err := io.ReadFull(r, sum[:]); err != nil {
		return info, damaged("the file ends inside its header")
	}
	if sha256.Sum256(header) != sum {
		return info, damaged("its header does not match the header's checksum")
	}
	if err := json.Unmarshal(header, &info); err != nil {
		return info, damaged("its header cannot be read: %v", err)
	}
	if info.Format > BackupFormat {
		return info, &kindError{ErrBackupUnsupported, fmt.Sprintf("the backup was written by a newer CertDesk (backup format %d); this version reads up to %d: update CertDesk to restore it", info.Format, BackupFormat)}
	}
	if info.Format < 1 || info.Product != "CertDesk" {
		return info, damaged("its header names format %d of %q", info.Format, info.Product)
	}
	if info.Schema > currentSchema {
		return info, &kindError{ErrBackupUnsupported, fmt.Sprintf("the backup was written by a newer CertDesk (schema %d); this version reads up to %d: update CertDesk to restore it", info.Schema, currentSchema)}
	}
	if m := info.Encryption.Method; m != "none" && m != backupCipher {
		return info, &kindError{ErrBackupUnsupported, fmt.Sprintf("the backup is encrypted (%q) and this CertDesk cannot decrypt it: update CertDesk to restore it", info.Encryption.Method)}
	}
	if info.Compression != "zstd" {
		return info, &kindError{ErrBackupUnsupported, fmt.Sprintf("the backup is compressed with %q, which this CertDesk cannot read: update CertDesk to restore it", info.Compression)}
	}
	if info.PayloadBytes <= 0 || len(info.PayloadSHA256) != 2*sha256.Size {
		return info, damaged("its header gives no payload size or checksum")
	}
	return info, nil
}

// readBackup reads a whole backup from r, passes every key and value to
// put in order, and checks the checksum, the key order, the end of the
// file and the counts of the header. Keys and values passed to put are
// not reused. An error from put is returned as is.
//
// An encrypted backup needs passphrase (see backupMaster).
func readBackup(ctx context.Context, r io.Reader, passphrase []byte, put func(key, value []byte) error, progress func(done, total int)) (BackupInfo, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	info, err := readHeader(br)
	if err != nil {
		return info, err
	}
	return info, readBody(ctx, br, info, passphrase, put, progress)
}

// readBody unseals an encrypted backup's key with passphrase and reads
// the payload (see readPayload).
func readBody(ctx context.Context, br *bufio.Reader, info BackupInfo, passphrase []byte, put func(key, value []byte) error, progress func(done, total int)) error {
	var master []byte
	if info.Encrypted() {
		var err error
		if master, err = backupMaster(info.Encryption, passphrase); err != nil {
			return err
		}
	}
	return readPayload(ctx, br, info, master, put, progress)
}

// readPayload reads the payload that follows the header info in br (see
// readBackup); master is the unsealed key of an encrypted backup.
func readPayload(ctx context.Context, br *bufio.Reader, info BackupInfo, master []byte, put func(key, value []byte) error, progress func(done, total int)) error {
	hash := sha256.New()
	payload := &countReader{r: io.TeeReader(io.LimitReader(br, info.PayloadBytes), hash)}
	var compressed io.Reader = payload
	if info.Encrypted() {
		or, err := newOpenReader(payload, info.Encryption, master, info.PayloadBytes)
		if err != nil {
			return err
		}
		compressed = or
	}
	zr, err := zstd.NewReader(compressed, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		return err
	}
	defer zr.Close()
	// A truncated or damaged payload shows up as a decoding error: read
	// the rest and say what is wrong in the file's terms (cut off, or not
	// matching its checksum).
	wrap := func(err error) error {
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		zr.Close()
		io.Copy(io.Discard, payload)
		if payload.n < info.PayloadBytes {
			return damaged("the file ends early (after %d of %d payload bytes): it was cut off", payload.n, info.PayloadBytes)
		}
		if got := hex.EncodeToString(hash.Sum(nil)); got != info.PayloadSHA256 {
			return damaged("its content does not match its checksum (SHA-256 %s, the header says %s)", got[:16]+"…", info.PayloadSHA256[:16]+"…")
		}
		return damaged("its content cannot be read: %v", err)
	}
	sr := bufio.NewReaderSize(zr, 1<<16)
	var t tally
	var prev []byte
	if progress != nil {
		progress(0, info.Keys)
	}
	for {
		if t.keys%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if progress != nil && t.keys > 0 {
				progress(t.keys, max(info.Keys, t.keys))
			}
		}
		klen, err := binary.ReadUvarint(sr)
		if err != nil {
			return wrap(err)
		}
		if klen == 0 {
			break
		}
		if klen > maxKeyBytes {
			return wrap(fmt.Errorf("a key of %d bytes", klen))
		}
		key := make([]byte, klen)
		if _, err := io.ReadFull(sr, key); err != nil {
			return wrap(err)
		}
		vlen, err := binary.ReadUvarint(sr)
		if err != nil {
			return wrap(err)
		}
		if vlen > maxValueBytes {
			return wrap(fmt.Errorf("a value of %d bytes", vlen))
		}
		value := make([]byte, vlen)
		if _, err := io.ReadFull(sr, value); err != nil {
			return wrap(err)
		}
		if prev != nil && bytes.Compare(prev, key) >= 0 {
			return wrap(errors.New("keys out of order"))
		}
		prev = key
		t.add(key, value)
		if err := put(key, value); err != nil {
			return err
		}
	}
	// The stream must end with the end marker, and the payload with it.
	if _, err := sr.ReadByte(); err != io.EOF {
		return wrap(errors.New("data after the end marker"))
	}
	if _, err := io.Copy(io.Discard, payload); err != nil {
		return wrap(err)
	}
	if payload.n < info.PayloadBytes {
		return damaged("the file ends early (after %d of %d payload bytes): it was cut off", payload.n, info.PayloadBytes)
	}
	if got := hex.EncodeToString(hash.Sum(nil)); got != info.PayloadSHA256 {
		return damaged("its content does not match its checksum (SHA-256 %s, the header says %s)", got[:16]+"…", info.PayloadSHA256[:16]+"…")
	}
	if n, _ := br.Read(make([]byte, 1)); n > 0 {
		return damaged("there are bytes after its end")
	}
	got := BackupInfo{Records: map[certification.Kind]int{}}
	t.fill(&got)
	if !t.hasSchema {
		got.Schema = 0
	}
	if got.Keys != info.Keys || got.IndexEntries != info.IndexEntries || got.JournalEntries != info.JournalEntries ||
		got.JournalLastSeq != info.JournalLastSeq || got.Schema != info.Schema || !sameCounts(got.Records, info.Records) {
		return damaged("it holds other counts than its header says (%d keys, %d journal entries; the header says %d and %d)",
			got.Keys, got.JournalEntries, info.Keys, info.JournalEntries)
	}
	if progress != nil {
		progress(t.keys, max(info.Keys, t.keys))
	}
	return nil
}

func sameCounts(a, b map[certification.Kind]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, n := range a {
		if b[k] != n {
			return false
		}
	}
	return true
}

type countReader struct {
	r   io.Reader
	n   int64
	eof bool
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if err == io.EOF {
		c.eof = true
	}
	return n, err
}

// CheckBackup reads a whole backup and checks it as Restore does, without
// writing anything; it returns the header.
//
// An encrypted backup is checked whole with passphrase (the one its data
// folder had when it was taken); without one (nil), only its checksum is
// checked, which finds damage but not a deliberate change.
func CheckBackup(ctx context.Context, r io.Reader, passphrase []byte) (BackupInfo, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	info, err := readHeader(br)
	if err != nil {
		return info, err
	}
	if !info.Encrypted() || passphrase != nil {
		return info, readBody(ctx, br, info, passphrase, func(key, value []byte) error { return nil }, nil)
	}
	if _, err := info.Encryption.envelope(); err != nil {
		return info, err
	}
	hash := sha256.New()
	n, err := io.Copy(hash, io.LimitReader(br, info.PayloadBytes))
	if err != nil {
		return info, err
	}
	if n < info.PayloadBytes {
		return info, damaged("the file ends early (after %d of %d payload bytes): it was cut off", n, info.PayloadBytes)
	}
	if got := hex.EncodeToString(hash.Sum(nil)); got != info.PayloadSHA256 {
		return info, damaged("its content does not match its checksum (SHA-256 %s, the header says %s)", got[:16]+"…", info.PayloadSHA256[:16]+"…")
	}
	if n, _ := br.Read(make([]byte, 1)); n > 0 {
		return info, damaged("there are bytes after its end")
	}
	return info, nil
}

// CheckBackupFile checks the backup file path; errors name the file.
func CheckBackupFile(ctx context.Context, path string, passphrase []byte) (BackupInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return BackupInfo{}, err
	}
	defer f.Close()
	info, err := CheckBackup(ctx, f, passphrase)
	if err != nil {
		return info, fileError(path, err)
	}
	return info, nil
}

// fileError puts the file name before a backup error, keeping errors.Is.
func fileError(path string, err error) error {
	var be *kindError
	if errors.As(err, &be) {
		return &kindError{be.kind, path + ": " + be.msg}
	}
	return err
}

// --- restoring ----------------------------------------------------------------

// RestoreOptions say how Restore treats the target folder.
type RestoreOptions struct {
	// Replace allows restoring into a folder that holds data: its
	// contents are moved aside (to RestoreResult.Previous, not deleted)
	// once the restore has succeeded.
	Replace bool
	// Progress, if set, is called now and then with the keys loaded and
	// the total.
	Progress func(done, total int)
	// Passphrase opens an encrypted backup: the passphrase its data
	// folder had when the backup was taken. The restored folder is
	// encrypted with the same key and opens with the same passphrase.
	Passphrase []byte
}

// RestoreResult says what Restore did.
type RestoreResult struct {
	BackupInfo
	// Dir is the restored data folder.
	Dir string
	// Previous is where the folder's old contents were moved ("" when
	// the folder did not exist or was empty).
	Previous string
}

// Restore restores the backup read from r into the data folder dir, which
// must not exist, be empty, or (with opts.Replace) hold data that is then
// moved aside. A foreign file, a newer format or schema and a folder that
// holds data are refused before anything is created. The store is loaded
// into a new folder beside dir and checked (checksum, key order, counts,
// and an open as a data folder); only then is it renamed to dir, so dir
// never holds a half-restored store. dir must not be open.
func Restore(ctx context.Context, r io.Reader, dir string, opts RestoreOptions) (RestoreResult, error) {
	res := RestoreResult{}
	if dir == "" {
		return res, errors.New("restore: no data folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return res, err
	}
	dir = abs
	res.Dir = dir
	// Refuse a foreign or unreadable file before touching anything.
	br := bufio.NewReaderSize(r, 1<<16)
	info, err := readHeader(br)
	res.BackupInfo = info
	if err != nil {
		return res, err
	}
	var key Key
	if info.Encrypted() {
		master, err := backupMaster(info.Encryption, opts.Passphrase)
		if err != nil {
			return res, err
		}
		env, _ := info.Encryption.envelope() // checked by backupMaster
		key = Key{master: master, env: env}
	}
	holdsData, err := folderHoldsData(dir)
	if err != nil {
		return res, err
	}
	if holdsData {
		if !opts.Replace {
			return res, &TargetHoldsDataError{Dir: dir}
		}
		if enc, err := IsEncrypted(dir); err == nil && enc && !info.Encrypted() {
			return res, &kindError{ErrWouldDecrypt, fmt.Sprintf("the data folder %s is encrypted and the backup is not: restoring it there would leave the folder unencrypted; restore it into a new folder instead, and encrypt that one (certctl encrypt) if it is to stay on this computer", dir)}
		}
		if err := checkNotInUse(dir); err != nil {
			return res, err
		}
	}

	parent := filepath.Dir(dir)
	created, err := mkdirAllTracked(parent)
	if err != nil {
		return res, fmt.Errorf("restore: creating %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".restoring-")
	ok := false
	defer func() {
		if ok {
			return
		}
		if tmp != "" {
			os.RemoveAll(tmp)
		}
		for i := len(created) - 1; i >= 0; i-- {
			os.Remove(created[i]) // only if still empty
		}
	}()
	if err != nil {
		tmp = ""
		return res, fmt.Errorf("restore: a folder beside %s: %w", dir, err)
	}
	if key.master != nil {
		if err := writeKeyFile(tmp, key, time.Time{}); err != nil {
			return res, fmt.Errorf("restore: %w", err)
		}
	}
	if err := loadInto(ctx, br, info, key, tmp, opts.Progress); err != nil {
		return res, err
	}
	// Open it as a data folder: this checks the schema and migrates a
	// backup of an older CertDesk.
	check, err := open(tmp, true, key)
	if err != nil {
		return res, fmt.Errorf("restore: the restored data does not open: %w", err)
	}
	if err := check.Close(); err != nil {
		return res, err
	}

	if holdsData {
		aside, err := asidePath(dir)
		if err != nil {
			return res, err
		}
		if err := os.Rename(dir, aside); err != nil {
			return res, fmt.Errorf("restore: moving the old contents of %s aside: %w", dir, err)
		}
		if err := os.Rename(tmp, dir); err != nil {
			if back := os.Rename(aside, dir); back != nil {
				return res, fmt.Errorf("restore: %w; the old contents are in %s", err, aside)
			}
			return res, fmt.Errorf("restore: %w", err)
		}
		res.Previous = aside
	} else {
		if _, err := os.Stat(dir); err == nil {
			if err := os.Remove(dir); err != nil { // empty: checked above
				return res, fmt.Errorf("restore: %w", err)
			}
		}
		if err := os.Rename(tmp, dir); err != nil {
			return res, fmt.Errorf("restore: %w", err)
		}
	}
	ok = true
	syncDir(parent)
	return res, nil
}

// RestoreFile restores the backup file path (see Restore); errors about
// the file name it.
func RestoreFile(ctx context.Context, path, dir string, opts RestoreOptions) (RestoreResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return RestoreResult{}, err
	}
	defer f.Close()
	res, err := Restore(ctx, f, dir, opts)
	if err != nil {
		return res, fileError(path, err)
	}
	return res, nil
}

// restoreBaseTable is the Badger BaseTableSize of a restore (a variable
// for measurements).
var restoreBaseTable int64 = 256 << 10

// loadInto writes the backup's keys into a new store in dir. The keys
// come sorted (readPayload checks it), so Badger's StreamWriter can write
// its tables directly, without a write-ahead log or compactions.
func loadInto(ctx context.Context, br *bufio.Reader, info BackupInfo, key Key, dir string, progress func(done, total int)) error {
	err := streamInto(dir, key, func(put func(key, value []byte) error) error {
		return readPayload(ctx, br, info, key.master, put, progress)
	})
	if err != nil {
		if errors.Is(err, ErrBackupDamaged) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return err
		}
		return fmt.Errorf("restore: writing %s: %w", dir, err)
	}
	return nil
}

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

// folderHoldsData reports whether dir exists and is not empty.
func folderHoldsData(dir string) (bool, error) {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		return false, fmt.Errorf("restore: %s is a file, not a folder: choose a folder", dir)
	}
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if err != nil && err != io.EOF {
		return false, err
	}
	return len(names) > 0, nil
}

// checkNotInUse refuses a data folder that a CertDesk window or certctl
// command has open (moving it aside would pull it away under them).
func checkNotInUse(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		return nil // not a Badger folder: nobody has it open as one
	}
	bdb, err := badger.Open(options(dir).WithReadOnly(true))
	if err != nil {
		if isLockError(err) {
			return &inUseError{dir: dir, cause: err}
		}
		return nil // damaged or not closed cleanly: replacing it is what was asked
	}
	return bdb.Close()
}

// asidePath is a new name beside dir for its old contents.
func asidePath(dir string) (string, error) {
	base := dir + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
	p := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
		if i > 100 {
			return "", fmt.Errorf("restore: no free name beside %s", dir)
		}
		p = fmt.Sprintf("%s-%d", base, i)
	}
}

// mkdirAllTracked is os.MkdirAll that returns the folders it created,
// outermost first.
func mkdirAllTracked(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	for i, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return missing[:i], err
		}
	}
	return missing, nil
}

// syncDir makes a rename in dir durable where the platform allows it.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// --- rolling backups ----------------------------------------------------------

// RollingBackupDir is the folder of a data folder's automatic backups:
// beside it, never inside (the data folder belongs to Badger), named after
// it: ~/.local/share/certdesk → ~/.local/share/certdesk-backups.
func RollingBackupDir(dataDir string) string {
	dataDir = filepath.Clean(dataDir)
	return filepath.Join(filepath.Dir(dataDir), filepath.Base(dataDir)+"-backups")
}

const rollingPrefix = "certdesk-"

// BackupRolling writes a backup into folder (created if needed) named
// certdesk-<UTC time>.certdesk-backup and then deletes the oldest such
// files beyond keep. Other files in folder are never touched. It returns
// the new file and the files deleted.
func (db *DB) BackupRolling(ctx context.Context, folder string, keep int) (string, []string, error) {
	if keep < 1 {
		return "", nil, fmt.Errorf("backup: keep at least 1 backup, got %d", keep)
	}
	if err := os.MkdirAll(folder, 0o755); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", nil, fmt.Errorf("cannot create the backups folder %s: %w", folder, err)
	}
	old, err := RollingBackups(folder)
	if err != nil {
		return "", nil, fmt.Errorf("backup: %w", err)
	}
	// Name it after the time; a second one within the same second gets
	// the next number, so that names sort in the order written.
	stamp := time.Now().UTC().Format("20060102T150405")
	name := rollingPrefix + stamp + "Z" + BackupExt
	for _, p := range old {
		if k := rollingKey(p); k >= rollingKey(name) && strings.HasPrefix(k, stamp+"-") {
			n, _ := strconv.Atoi(k[len(stamp)+1:])
			name = fmt.Sprintf("%s%sZ-%d%s", rollingPrefix, stamp, n+1, BackupExt)
		}
	}
	path := filepath.Join(folder, name)
	if _, err := db.BackupFile(ctx, path, nil); err != nil {
		return "", nil, err
	}
	// Keep the new one and the newest keep-1 of the others.
	old = slices.DeleteFunc(old, func(p string) bool { return p == path })
	var removed []string
	for len(old) > keep-1 {
		if err := os.Remove(old[0]); err != nil {
			return path, removed, fmt.Errorf("backup: removing an old backup: %w", err)
		}
		removed = append(removed, old[0])
		old = old[1:]
	}
	return path, removed, nil
}

// readDirIfAny is os.ReadDir with no entries and no error for a folder
// that does not exist.
func readDirIfAny(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return entries, err
}

// RollingBackups lists the automatic backups in folder, oldest first.
func RollingBackups(folder string) ([]string, error) {
	entries, err := readDirIfAny(folder)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, rollingPrefix) && strings.HasSuffix(n, BackupExt) {
			out = append(out, filepath.Join(folder, n))
		}
	}
	// The UTC stamps sort by time; "…Z-2" sorts after "…Z".
	sort.Slice(out, func(i, j int) bool { return rollingKey(out[i]) < rollingKey(out[j]) })
	return out, nil
}

func rollingKey(path string) string {
	n := strings.TrimSuffix(filepath.Base(path), BackupExt)
	stamp, seq, _ := strings.Cut(n[len(rollingPrefix):], "Z-")
	k, err := strconv.Atoi(seq)
	if err != nil {
		k = 1
	}
	return fmt.Sprintf("%s-%06d", strings.TrimSuffix(stamp, "Z"), k)
}

// --- for the desktop app --------------------------------------------------------

// Backups gives the desktop app (app.Backups) its backups without the app
// importing storage. Each store handed in must be a *DB.
type Backups struct{}

func asDB(st certification.Store) (*DB, error) {
	db, ok := st.(*DB)
	if !ok {
		return nil, fmt.Errorf("backup: %T is not a CertDesk data folder", st)
	}
	return db, nil
}

// BackupTo writes a backup of st to the file path and describes it.
func (Backups) BackupTo(ctx context.Context, st certification.Store, path string, progress func(done, total int)) (string, error) {
	db, err := asDB(st)
	if err != nil {
		return "", err
	}
	info, err := db.BackupFile(ctx, path, progress)
	if err != nil {
		return "", err
	}
	return info.Summary(), nil
}

// BackupRolling writes an automatic backup of st, the store of the data
// folder dataDir, into RollingBackupDir(dataDir) and keeps the newest
// keep of them. It returns the new file.
func (Backups) BackupRolling(ctx context.Context, st certification.Store, dataDir string, keep int) (string, error) {
	db, err := asDB(st)
	if err != nil {
		return "", err
	}
	path, _, err := db.BackupRolling(ctx, RollingBackupDir(dataDir), keep)
	return path, err
}

// RollingDir is RollingBackupDir.
func (Backups) RollingDir(dataDir string) string { return RollingBackupDir(dataDir) }

// Check verifies the backup file path without restoring it and
// describes it. An encrypted backup needs its passphrase: without one
// (nil) the error matches ErrEncrypted.
func (Backups) Check(ctx context.Context, path string, passphrase []byte) (string, error) {
	info, err := backupHeaderFile(path)
	if err != nil {
		return "", fileError(path, err)
	}
	if info.Encrypted() && passphrase == nil {
		return "", fileError(path, &kindError{ErrEncrypted, "the backup is encrypted: give the passphrase its data folder had when the backup was taken"})
	}
	info, err = CheckBackupFile(ctx, path, passphrase)
	if err != nil {
		return "", err
	}
	return info.Summary(), nil
}

// RestoreNew restores the backup file path into dir, which must not exist
// or be empty: the app never replaces a folder.
// An encrypted backup needs passphrase (see RestoreOptions).
func (Backups) RestoreNew(ctx context.Context, path, dir string, passphrase []byte, progress func(done, total int)) (string, error) {
	res, err := RestoreFile(ctx, path, dir, RestoreOptions{Progress: progress, Passphrase: passphrase})
	if err != nil {
		return "", err
	}
	return res.Summary(), nil
}
