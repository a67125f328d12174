package desk

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"certdesk/storage"
	"certdesk/storage/bodylog"
)

// PutSnapshot stores a snapshot of this desk's replica at its head in
// the office (bodylog's object store), so that a new desk starts from it
// and applies only the entries after it. The office keeps every
// snapshot; any desk may take one (certctl office snapshot, from cron).
func (d *Desk) PutSnapshot(ctx context.Context) (bodylog.Snapshot, error) {
	d.mu.Lock() // nothing is applied while the backup reads
	defer d.mu.Unlock()
	if n := d.Waiting(); n > 0 {
		return bodylog.Snapshot{}, fmt.Errorf("this desk has %d changes made offline waiting to be proposed: its records are not the body's until they are (sync first)", n)
	}
	head, err := d.db.Head(ctx)
	if err != nil {
		return bodylog.Snapshot{}, err
	}
	pr, pw := io.Pipe()
	go func() {
		_, err := d.db.Backup(ctx, pw, nil)
		pw.CloseWithError(err)
	}()
	s, err := d.log.PutSnapshot(ctx, head.Seq-d.base.Seq, head.Hash, pr)
	pr.CloseWithError(err) // stops the backup if the upload failed
	return s, err
}

// PutGenesis stores the backup file at path, a data folder's whole
// content whose journal ends at base, as the body's first snapshot
// (stream sequence 0): office init --from.
func PutGenesis(ctx context.Context, log *bodylog.Log, path string, base bodylog.Base) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = log.PutSnapshot(ctx, 0, base.Hash, f)
	return err
}

// Restore makes dir, which must not exist yet or be empty (or hold a
// store that opts.Replace moves aside), a replica of
// the body at url from the body's latest snapshot, and checks that the
// restored journal ends on the body's entry at that point; it returns
// false (and makes nothing) when the body has no snapshot. The new desk
// then catches up with the entries after it (Open, Sync).
func Restore(ctx context.Context, dir, url string, cfg bodylog.Config, opts storage.RestoreOptions) (bool, error) {
	log, err := bodylog.Open(ctx, url, cfg)
	if err != nil {
		return false, err
	}
	defer log.Close()
	snap, found, err := log.LatestSnapshot(ctx)
	if err != nil || !found {
		return false, err
	}
	want := snap.Hash
	if snap.Seq > 0 {
		data, err := log.Get(ctx, snap.Seq)
		if err != nil {
			return false, err
		}
		m, err := decode(snap.Seq, data)
		if err != nil {
			return false, err
		}
		want = m.Entry.Hash
	} else if base, err := log.Base(); err != nil || base.Hash != snap.Hash {
		return false, fmt.Errorf("the body's first snapshot ends on entry hash %s, but the body began on %s: it was changed outside CertDesk (%v)", short(snap.Hash), short(base.Hash), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(filepath.Clean(dir)), ".certdesk-snapshot-*")
	if err != nil {
		return false, err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if err := log.GetSnapshot(ctx, snap, tmp); err != nil {
		return false, err
	}
	if err := tmp.Close(); err != nil {
		return false, err
	}
	if _, err := storage.RestoreFile(ctx, tmp.Name(), dir, opts); err != nil {
		return false, fmt.Errorf("restoring the body's snapshot at entry %d: %w", snap.Seq, err)
	}
	if err := checkRestored(ctx, dir, want); err != nil {
		os.RemoveAll(dir) // it was new and empty: only the bad copy goes
		return false, fmt.Errorf("the body's snapshot at entry %d: %w", snap.Seq, err)
	}
	return true, nil
}

// checkRestored opens the restored folder and checks its journal's head.
func checkRestored(ctx context.Context, dir, want string) error {
	db, err := storage.OpenWith(dir, storage.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer db.Close()
	head, err := db.Head(ctx)
	if err != nil {
		return err
	}
	if head.Hash != want {
		return errors.New("its journal ends on hash " + short(head.Hash) + ", not on the body's entry there (" + short(want) + "): it is not a copy of this body")
	}
	return nil
}

// Start prepares dir, before it is opened, to be a new desk of the body
// at url: a folder that does not exist or is empty, or that holds a store
// with no journal entry yet (a folder opened before it joined; its store
// is moved aside, not deleted), is filled from the body's latest
// snapshot. A folder that holds a journal is left as it is (Open says
// whether it is this body's), and so is one that cannot be opened here
// (an encrypted one: opening it asks for its passphrase). restored is
// whether a snapshot was restored.
func Start(ctx context.Context, dir, url string, cfg bodylog.Config, progress func(done, total int)) (restored bool, err error) {
	replace := false
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		db, err := storage.OpenWith(dir, storage.Options{ReadOnly: true})
		if err != nil {
			return false, nil
		}
		head, err := db.Head(ctx)
		db.Close()
		if err != nil || head.Seq > 0 {
			return false, err
		}
		replace = true
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return false, err
	}
	return Restore(ctx, dir, url, cfg, storage.RestoreOptions{Replace: replace, Progress: progress})
}
