package app

import (
	"context"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2/widget"
)

// The automatic backup (docs/cli.md, "Automatic backups"). Closing the
// window never waits for a backup: the store is closed cleanly and the
// window goes at once. When a data folder opens, a backup is written in
// the background into Backups.RollingDir if the folder changed since the
// newest backup there (its header records the store's commit counter and
// last journal entry), and the newest policy.backups_on_close are kept. A
// quiet line at the foot of the window says "Backing up…" and then
// "Backed up at 10:15". Work goes on meanwhile; closing or encrypting the
// folder stops the backup, which leaves no file in the set (it is written
// into a temporary file and renamed once complete), and the next start
// makes it again.

// autoBackup is the ui's part for the automatic backup (UI goroutine).
type autoBackup struct {
	status *widget.Label
	// stop cancels the backup under way and done is closed once it has
	// returned (nil when none was started).
	stop context.CancelFunc
	done chan struct{}
}

// autoResult is what the background work found or did.
type autoResult struct {
	off      bool      // backups_on_close is 0, or nothing to back up
	wrote    bool      // a backup was written
	taken    time.Time // when the newest backup was taken
	upToDate bool
	err      error
}

// newBackupStatus is the line at the foot of the window (hidden until
// there is something to say).
func (u *ui) newBackupStatus() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.LowImportance
	l.Hide()
	u.bk.auto.status = l
	return l
}

func (u *ui) setBackupStatus(text string, imp widget.Importance) {
	l := u.bk.auto.status
	if l == nil {
		return
	}
	u.bk.lastMsg = text
	l.Importance = imp
	l.SetText(text)
	l.Show()
}

// backupOnStart starts the automatic backup of the folder just opened in
// the background. skip: the folder holds nothing yet (first start: there
// is nothing to back up, and the store may be closed for the demo data),
// or it opened for reading only because the disk is nearly full (nothing
// can change, and a backup would take the space left); the next start
// backs up.
func (u *ui) backupOnStart(skip bool) {
	if u.bk.backups == nil || u.dataDir == "" || skip || u.bk.auto.stop != nil {
		return
	}
	ctx, cancel := context.WithCancel(u.bg.ctx)
	done := make(chan struct{})
	u.bk.auto.stop, u.bk.auto.done = cancel, done
	st, b, dir, svc := u.store, u.bk.backups, u.dataDir, u.svc()
	u.bg.Go(func(context.Context) func() {
		defer close(done)
		var r autoResult
		p, err := svc.Policy(ctx)
		if err != nil || p.BackupsOnClose < 1 {
			r.off, r.err = err == nil, err
			return func() { u.showAutoBackup(ctx, r) }
		}
		r.taken, r.upToDate, r.err = b.RollingState(ctx, st, dir)
		if r.err == nil && !r.upToDate {
			u.bg.ui(func() {
				if ctx.Err() == nil {
					u.setBackupStatus("Backing up…", widget.LowImportance)
				}
			})
			_, r.err = b.BackupRolling(ctx, st, dir, p.BackupsOnClose)
			r.wrote, r.taken = r.err == nil, u.clock.Now()
			afterScan()
		}
		return func() { u.showAutoBackup(ctx, r) }
	})
}

// showAutoBackup shows how the automatic backup went.
func (u *ui) showAutoBackup(ctx context.Context, r autoResult) {
	if ctx.Err() != nil {
		return // stopped: the folder is closing; the next start backs up
	}
	u.bk.auto.stop = nil
	switch {
	case r.err != nil:
		u.setBackupStatus("Automatic backup failed", widget.DangerImportance)
		u.showError("make the automatic backup into "+u.bk.backups.RollingDir(u.dataDir)+
			" (use File › Back up now… meanwhile)", r.err)
	case r.off:
		u.bk.auto.status.Hide()
	case r.wrote:
		u.setBackupStatus("Backed up at "+r.taken.Local().Format("15:04"), widget.LowImportance)
	default:
		u.setBackupStatus("Backed up "+r.taken.Local().Format("2006-01-02 15:04")+", nothing changed since", widget.LowImportance)
	}
}

// afterScan returns to the system the memory a scan of the whole store
// used (a backup, a verification): it decompresses every block of the
// store (about 650 MB allocated on the 10,000-client body, little of it
// live at once), and the runtime would otherwise keep the freed pages
// for minutes, counted as the app's.
func afterScan() { debug.FreeOSMemory() }

// stopBackup stops the automatic backup under way, if any, and waits
// until it has returned (it checks for the stop every thousand keys), so
// that the store can be closed. Its temporary file is removed; nothing
// enters the set of backups.
func (u *ui) stopBackup() {
	if u.bk.auto.stop == nil {
		return
	}
	u.bk.auto.stop()
	<-u.bk.auto.done
	u.bk.auto.stop = nil
}

// stopBackupThen is close preceded by stopBackup: closing never waits
// for a backup.
func (u *ui) stopBackupThen(close func()) func() {
	return func() {
		u.stopBackup()
		close()
	}
}
