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

	"github.com/klauspost/compress/zstd"

	"certdesk/certification"
)

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
