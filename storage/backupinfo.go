package storage

import (
	"errors"
	"fmt"

	"certdesk/storage/backupfile"
)

// The backup file format is package backupfile's; these names keep the
// package's API of before it moved there.

// BackupFormat is the backup file format this code writes and reads.
const BackupFormat = backupfile.Format

// BackupExt is the file name extension of backups.
const BackupExt = backupfile.Ext

// BackupInfo is the header of a backup file: what it holds and how to
// check it.
type BackupInfo = backupfile.Info

// BackupEncryption describes the encryption of a backup's payload.
type BackupEncryption = backupfile.Encryption

// ErrNotBackup is matched (errors.Is) when a file is not a CertDesk backup.
var ErrNotBackup = backupfile.ErrNotBackup

// ErrBackupDamaged is matched (errors.Is) when a backup is truncated or
// damaged: its checksum, its structure or its counts do not match.
var ErrBackupDamaged = backupfile.ErrDamaged

// ErrBackupUnsupported is matched (errors.Is) when a backup needs a newer
// CertDesk (a newer format or schema, an unknown encryption).
var ErrBackupUnsupported = backupfile.ErrUnsupported

// ErrWouldDecrypt is matched when Restore is asked to replace an
// encrypted folder with a backup that is not encrypted.
var ErrWouldDecrypt = errors.New("the restore would leave an encrypted folder unencrypted")

// ErrTargetHoldsData is matched (errors.Is) when Restore is asked to
// restore into a folder that holds data without RestoreOptions.Replace.
var ErrTargetHoldsData = errors.New("the folder holds data")

// kindError is an error with a message for people that matches
// (errors.Is) one of the package's error values.
type kindError = backupfile.Error

var damaged = backupfile.Damaged

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// TargetHoldsDataError says which folder holds data.
type TargetHoldsDataError struct{ Dir string }

func (e *TargetHoldsDataError) Error() string {
	return fmt.Sprintf("the folder %s already holds data: restore into a new or empty folder, or choose to replace it (its contents are then moved aside, not deleted)", e.Dir)
}
func (e *TargetHoldsDataError) Is(target error) bool { return target == ErrTargetHoldsData }
