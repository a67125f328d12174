package storage

import (
	"context"
	"fmt"
	"time"

	"certdesk/certification"
)

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

// RollingState says when the newest automatic backup of st, the store
// of the data folder dataDir, was taken (zero if none) and whether it
// holds st as it is now (see DB.RollingState).
func (Backups) RollingState(ctx context.Context, st certification.Store, dataDir string) (taken time.Time, upToDate bool, err error) {
	db, err := asDB(st)
	if err != nil {
		return time.Time{}, false, err
	}
	s, err := db.RollingState(ctx, RollingBackupDir(dataDir))
	return s.Taken, s.UpToDate, err
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
		return "", fileError(path, &kindError{Kind: ErrEncrypted, Msg: "the backup is encrypted: give the passphrase its data folder had when the backup was taken"})
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
