package storage

import (
	"bufio"
	"context"
	"io"
	"os"

	"certdesk/certification"
	"certdesk/storage/backupfile"
)

// readHeader reads and checks the magic, the header and its checksum, and
// refuses what this version cannot restore (backupfile.ReadHeader).
func readHeader(r io.Reader) (BackupInfo, error) {
	return backupfile.ReadHeader(r, currentSchema)
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

// readPayload reads the payload that follows the header info in br
// (checksum, key order, end of file, the header's counts); master is the unsealed key of an encrypted backup.
func readPayload(ctx context.Context, br *bufio.Reader, info BackupInfo, master []byte, put func(key, value []byte) error, progress func(done, total int)) error {
	pr, err := backupfile.NewPayloadReader(br, info, master)
	if err != nil {
		return err
	}
	defer pr.Close()
	var t tally
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
		key, value, err := pr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		t.add(key, value)
		if err := put(key, value); err != nil {
			return err
		}
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
	if _, err := backupEnvelope(info.Encryption); err != nil {
		return info, err
	}
	return info, backupfile.CheckChecksum(br, info)
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
func fileError(path string, err error) error { return backupfile.InFile(path, err) }

// BackupHeader reads and checks the header of the backup file path
// only (not its content).
func BackupHeader(path string) (BackupInfo, error) {
	info, err := backupHeaderFile(path)
	if err != nil {
		return info, fileError(path, err)
	}
	return info, nil
}

// backupHeaderFile reads the header of the backup file path.
func backupHeaderFile(path string) (BackupInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return BackupInfo{}, err
	}
	defer f.Close()
	return readHeader(f)
}
