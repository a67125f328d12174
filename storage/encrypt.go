package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// EncryptResult says what Encrypt did.
type EncryptResult struct {
	// Dir is the encrypted data folder.
	Dir string
	// Keys is how many keys were copied into it (0 for a new folder).
	Keys int
	// RemovedBackups are the automatic backups (RollingBackupDir) that
	// were not encrypted and were deleted: they would have kept a
	// readable copy of the folder.
	RemovedBackups []string
	// PlainBackups are the other backups found there that are not
	// encrypted and were left alone.
	PlainBackups []string
	// PlainFolders are whole unencrypted data folders beside it that a
	// restore moved aside (DIR.before-restore-…), left alone.
	PlainFolders []string
}

// Encrypt makes dir an encrypted data folder under passphrase (at least
// MinPassphrase characters; see CheckNewPassphrase).
//
// A folder that does not exist or is empty is created encrypted. A folder
// that holds data is copied, key by key, into a new encrypted folder
// beside it; the copy is read back and compared with the original, and
// only then takes the folder's place; the unencrypted original is then
// deleted, with the automatic backups that are not encrypted. dir must
// not be open. If anything fails before the swap, dir is left as it was.
//
// Deleting a file does not wipe the disk blocks it used: on a laptop that
// has held unencrypted client data, also use the operating system's disk
// encryption (docs/integrity.md).
func Encrypt(ctx context.Context, dir string, passphrase []byte, progress func(done, total int)) (EncryptResult, error) {
	return encryptFolder(ctx, dir, passphrase, DefaultKDF, progress)
}

func encryptFolder(ctx context.Context, dir string, passphrase []byte, params KDFParams, progress func(done, total int)) (EncryptResult, error) {
	res := EncryptResult{}
	if dir == "" {
		return res, errors.New("encrypt: no data folder given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return res, err
	}
	// Through a symbolic link, the link would be moved, not the data.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	dir = abs
	res.Dir = dir
	if err := CheckNewPassphrase(passphrase); err != nil {
		return res, err
	}
	if err := recoverSwap(dir); err != nil {
		return res, err
	}
	if enc, err := IsEncrypted(dir); err != nil {
		return res, err
	} else if enc {
		return res, fmt.Errorf("the CertDesk data folder %s is already encrypted: to change its passphrase use 'certctl passphrase' or File › Change passphrase…", dir)
	}
	// The folder is replaced as a whole: it must hold nothing but
	// CertDesk's files.
	if foreign, err := foreignFiles(dir); err != nil {
		return res, err
	} else if len(foreign) > 0 {
		return res, fmt.Errorf("%s holds files that are not CertDesk's (%s): a data folder holds only CertDesk's files; move them elsewhere, then encrypt; nothing was changed", dir, listSome(foreign, 3))
	}
	holdsData, err := folderHoldsData(dir)
	if err != nil {
		return res, err
	}
	key, err := newKey(passphrase, params)
	if err != nil {
		return res, err
	}
	if !holdsData {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return res, fmt.Errorf("encrypt: creating %s: %w", dir, err)
		}
		if err := writeKeyFile(dir, key, time.Time{}); err != nil {
			return res, err
		}
		db, err := open(dir, writable(dir, true, key), key)
		if err != nil {
			os.Remove(filepath.Join(dir, KeyFileName))
			return res, err
		}
		return res, db.Close()
	}

	// Open the plain folder (this also takes its lock and migrates it).
	src, err := open(dir, writable(dir, true, Key{}), Key{})
	if err != nil {
		return res, err
	}
	srcOpen := true
	defer func() {
		if srcOpen {
			src.Close()
		}
	}()
	parent := filepath.Dir(dir)
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".encrypting-")
	if err != nil {
		return res, fmt.Errorf("encrypt: a folder beside %s: %w", dir, err)
	}
	swapping := false
	defer func() {
		if !swapping {
			os.RemoveAll(tmp)
		}
	}()
	if err := writeKeyFile(tmp, key, time.Time{}); err != nil {
		return res, err
	}
	sum, n, err := copyInto(ctx, src, tmp, key, progress)
	if err != nil {
		return res, err
	}
	res.Keys = n
	// From closing the plain store to the end of the swap, hold its
	// folder's lock: no CertDesk may open it and write what the copy
	// does not have.
	if err := src.Close(); err != nil {
		return res, err
	}
	srcOpen = false
	unlock, err := lockFolder(dir)
	if err != nil {
		return res, fmt.Errorf("encrypt: %w; nothing was changed", err)
	}
	defer unlock()
	// Read the copy back through the key and compare.
	dst, err := open(tmp, writable(tmp, true, key), key)
	if err != nil {
		return res, fmt.Errorf("encrypt: the encrypted copy does not open: %w", err)
	}
	got, m, err := digest(ctx, dst)
	err = errors.Join(err, dst.Close())
	if err != nil {
		return res, fmt.Errorf("encrypt: reading the encrypted copy back: %w", err)
	}
	if m != n || !bytes.Equal(got, sum) {
		return res, fmt.Errorf("encrypt: the encrypted copy differs from %s (%d keys read back, %d written); nothing was changed", dir, m, n)
	}

	if err := carryIdentities(dir, tmp); err != nil {
		return res, fmt.Errorf("encrypt: %w; nothing was changed", err)
	}
	// The swap: recorded first, so that an interrupted one is finished
	// the next time the folder is opened (recoverSwap).
	sw := swapState{Dir: dir, Tmp: tmp, Aside: tmp + ".plain"}
	if err := sw.run(); err != nil {
		swapping = errors.Is(err, errSwapUnfinished)
		return res, fmt.Errorf("encrypt: %w", err)
	}
	swapping = true
	if err := sw.finish(); err != nil {
		return res, fmt.Errorf("the folder is encrypted, but its unencrypted copy %s could not be deleted (%v): delete it by hand", sw.Aside, err)
	}
	res.RemovedBackups, res.PlainBackups, err = dropPlainBackups(ctx, RollingBackupDir(dir))
	res.PlainFolders = plainFoldersBeside(dir)
	return res, err
}

// isBadgerOrOurs reports whether a file name in a data folder belongs
// to Badger or CertDesk.
func isBadgerOrOurs(name string) bool {
	switch filepath.Ext(name) {
	case ".sst", ".vlog", ".mem":
		return true
	}
	return name == "LOCK" || name == "DISCARD" || name == KeyFileName ||
		strings.HasPrefix(name, "MANIFEST") || strings.HasPrefix(name, "KEYREGISTRY") ||
		strings.HasPrefix(name, "."+KeyFileName+".")
}

// foreignFiles lists the names in dir that are not Badger's or
// CertDesk's (none if dir does not exist).
func foreignFiles(dir string) ([]string, error) {
	entries, err := readDirIfAny(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if e.Name() == IdentityDir && e.IsDir() {
			continue // the desk's identity keys (identity.go): carried over
		}
		if !isBadgerOrOurs(e.Name()) || e.IsDir() {
			out = append(out, e.Name())
		}
	}
	return out, nil
}

func listSome(names []string, n int) string {
	if len(names) <= n {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:n], ", "), len(names)-n)
}

// plainFoldersBeside lists the folders a restore moved aside beside dir
// (DIR.before-restore-…): whole unencrypted data folders.
func plainFoldersBeside(dir string) []string {
	matches, _ := filepath.Glob(dir + ".before-restore-*")
	var out []string
	for _, m := range matches {
		if enc, err := IsEncrypted(m); err == nil && !enc {
			out = append(out, m)
		}
	}
	return out
}

// dropPlainBackups deletes the automatic backups in folder that are not
// encrypted, and lists the other unencrypted backups there.
func dropPlainBackups(ctx context.Context, folder string) (removed, kept []string, err error) {
	rolling, err := RollingBackups(folder)
	if err != nil {
		return nil, nil, err
	}
	isRolling := map[string]bool{}
	for _, p := range rolling {
		isRolling[p] = true
	}
	entries, err := readDirIfAny(folder)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range entries {
		p := filepath.Join(folder, e.Name())
		if !e.Type().IsRegular() || filepath.Ext(p) != BackupExt {
			continue
		}
		info, err := backupHeaderFile(p)
		if err != nil || info.Encrypted() {
			continue
		}
		if isRolling[p] {
			if err := os.Remove(p); err != nil {
				return removed, kept, fmt.Errorf("deleting the unencrypted automatic backup %s: %w", p, err)
			}
			removed = append(removed, p)
		} else {
			kept = append(kept, p)
		}
	}
	return removed, kept, nil
}
