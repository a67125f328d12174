package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"
)

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
// never holds a half-restored store. The swap is journalled (swap.go):
// one cut short by a crash is finished the next time dir is opened.
// dir must not be open.
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
		env, _ := backupEnvelope(info.Encryption) // checked by backupMaster
		key = Key{master: master, env: env}
	}
	// A swap an earlier restore or encryption left unfinished is
	// finished first: its journal must not be overwritten.
	if err := recoverSwap(dir); err != nil {
		return res, err
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
			return res, &kindError{Kind: ErrWouldDecrypt, Msg: fmt.Sprintf("the data folder %s is encrypted and the backup is not: restoring it there would leave the folder unencrypted; restore it into a new folder instead, and encrypt that one (certctl encrypt) if it is to stay on this computer", dir)}
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
	check, err := open(tmp, writable(tmp, true, key), key)
	if err != nil {
		return res, fmt.Errorf("restore: the restored data does not open: %w", err)
	}
	if err := check.Close(); err != nil {
		return res, err
	}

	// The desk's identity keys stay with the folder (the old contents
	// keep their copy).
	if err := carryIdentities(dir, tmp); err != nil {
		return res, fmt.Errorf("restore: %w; nothing was changed", err)
	}
	// The swap: recorded first, so that an interrupted one is finished
	// the next time the folder is opened (recoverSwap).
	sw := swapState{Dir: dir, Tmp: tmp, KeepOld: true}
	if holdsData {
		if sw.Aside, err = asidePath(dir); err != nil {
			return res, err
		}
	}
	if err := sw.run(); err != nil {
		if errors.Is(err, errSwapUnfinished) {
			ok = true // tmp is the new folder: opening dir puts it in place
		}
		return res, fmt.Errorf("restore: %w", err)
	}
	ok = true
	sw.finish()
	res.Previous = sw.Aside
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
