package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fynestorage "fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Backups (docs/cli.md, "Backups"): File › Back up now… writes a backup
// file of the whole data folder; File › Restore from a backup… checks a
// backup and restores it into a NEW folder, then offers to open that
// folder (the app never replaces a folder: certctl restore --replace
// does). The automatic backups (backup_auto.go) are written in the
// background when a data folder opens, into the folder beside it
// (Backups.RollingDir); closing never waits for one.

// Backups writes, checks and restores backup files. storage.Backups
// implements it; main.go hands it in (Config.Backups), so that app never
// imports Badger. Summaries are one line for people.
type Backups interface {
	// BackupTo writes a backup of st to the file path.
	BackupTo(ctx context.Context, st certification.Store, path string, progress func(done, total int)) (summary string, err error)
	// BackupRolling writes an automatic backup of st, the store of the
	// data folder dataDir, into RollingDir(dataDir) and keeps the newest
	// keep of them.
	BackupRolling(ctx context.Context, st certification.Store, dataDir string, keep int) (path string, err error)
	// RollingState says when the newest automatic backup of st (the
	// store of dataDir) was taken and whether it holds st as it is now.
	RollingState(ctx context.Context, st certification.Store, dataDir string) (taken time.Time, upToDate bool, err error)
	// RollingDir is the folder of the automatic backups of dataDir.
	RollingDir(dataDir string) string
	// Check reads and verifies a backup file without restoring it. An
	// encrypted backup needs the passphrase its data folder had when it
	// was taken: without one (nil) the error is one that
	// Encryption.NeedsPassphrase recognises.
	Check(ctx context.Context, path string, passphrase []byte) (summary string, err error)
	// RestoreNew restores a backup file into dir, which must not exist
	// or be empty. The folder of an encrypted backup is encrypted with
	// the backup's passphrase.
	RestoreNew(ctx context.Context, path, dir string, passphrase []byte, progress func(done, total int)) (summary string, err error)
	// Verify checks st against its journal's hash chain (verify.go): ok
	// when nothing was changed behind CertDesk's back; lines describe
	// what was checked and what does not match.
	Verify(ctx context.Context, st certification.Store, progress func(done, total int)) (ok bool, lines []string, err error)
}

// backupState is the ui's part for backups (UI goroutine only).
type backupState struct {
	backups Backups
	auto    autoBackup

	// For tests: the last message.
	lastMsg string
}

var backupFilter = fynestorage.NewExtensionFileFilter([]string{".certdesk-backup"})

const backupExt = ".certdesk-backup"

// noBackups reports that this build cannot write backups.
func (u *ui) noBackups() bool {
	if u.bk.backups != nil {
		return false
	}
	u.showInfo("Backups not available", "This CertDesk was started without its backup writer. Use certctl backup and certctl restore on the command line.")
	return true
}

// backupProgress hands progress from the work to the dialog, at most
// about ten times a second.
func (u *ui) backupProgress(x *transfer) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		now := time.Now()
		if now.Sub(last) < 100*time.Millisecond && done < total {
			return
		}
		last = now
		u.bg.ui(func() {
			if x.ctx.Err() != nil || total <= 0 {
				return
			}
			if x.bar.Hidden {
				x.busy.Stop()
				x.busy.Hide()
				x.bar.Show()
			}
			x.bar.Max = float64(total)
			x.bar.TextFormatter = func() string { return fmt.Sprintf("%d of %d keys", min(done, total), total) }
			x.bar.SetValue(float64(min(done, total)))
		})
	}
}

// --- Back up now ----------------------------------------------------------------

// backupNowMenu asks where to write a backup (File › Back up now…).
func (u *ui) backupNowMenu() {
	if u.noBackups() {
		return
	}
	d := u.fileSave("open the backup file", func(w fyne.URIWriteCloser) {
		// The backup is written beside the file and renamed onto it.
		path := w.URI().Path()
		w.Close()
		u.backupTo(path)
	})
	d.SetTitleText("Back up the data folder")
	d.SetConfirmText("Back up")
	d.SetFileName("certdesk-" + u.today().String() + backupExt)
	d.SetFilter(backupFilter)
	showFileDialog(d)
}

// backupTo writes a backup to path in the background.
func (u *ui) backupTo(path string) {
	name := filepath.Base(path)
	x := u.startTransfer("Backing up", "Writing a backup of this data folder to "+name+" …\nIt is taken from one consistent snapshot; you can go on working meanwhile.",
		"Cancelling: the unfinished backup will be removed …")
	st, b, encrypted := u.store, u.bk.backups, u.enc.encrypted
	progress := u.backupProgress(x)
	transferJob(u, x, func(context.Context) (string, error) {
		summary, err := b.BackupTo(x.ctx, st, path, progress)
		afterScan()
		if fi, serr := os.Stat(path); err != nil && serr == nil && fi.Size() == 0 {
			os.Remove(path) // the empty file the save dialog created
		}
		return summary, err
	}, func(summary string, err error, cancelled bool) {
		switch {
		case cancelled:
			u.backupInfo("Backup cancelled", "The backup was cancelled; no file was written.")
		case err != nil:
			u.showError("back up the data", err)
		default:
			locked := ""
			if encrypted {
				locked = "It is encrypted with the passphrase this folder has now: keep that passphrase as long as you keep the backup.\n\n"
			}
			u.backupInfo("Backup finished", fmt.Sprintf("The data folder was backed up to\n%s\n\nIt holds %s.\n\n%s"+
				"To restore it, use File › Restore from a backup… (into a new folder) or certctl restore %s.", path, summary, locked, name))
		}
	})
}

func (u *ui) backupInfo(title, text string) {
	u.bk.lastMsg = text
	u.showInfo(title, text)
}

// --- Restore --------------------------------------------------------------------

// restoreMenu chooses a backup file to restore (File › Restore from a
// backup…).
func (u *ui) restoreMenu() {
	if u.noBackups() {
		return
	}
	d := u.fileOpen("open the backup", func(r fyne.URIReadCloser) {
		path := r.URI().Path()
		r.Close()
		u.restoreFrom(path, nil)
	})
	d.SetTitleText("Restore from a backup")
	d.SetConfirmText("Check")
	d.SetFilter(backupFilter)
	showFileDialog(d)
}

// restoreFrom checks the backup file and then asks for the new folder.
// pass is the passphrase of an encrypted backup (nil at first: an
// encrypted backup then asks for it, and again if it is wrong).
func (u *ui) restoreFrom(path string, pass []byte) {
	x := u.startTransfer("Checking the backup", "Reading "+filepath.Base(path)+" and verifying its checksum …", "Cancelling …")
	b, enc := u.bk.backups, u.enc.enc
	transferJob(u, x, func(context.Context) (string, error) {
		return b.Check(x.ctx, path, pass)
	}, func(summary string, err error, cancelled bool) {
		switch {
		case cancelled:
		case err != nil && enc != nil && enc.NeedsPassphrase(err):
			u.askBackupPassphrase(path, "")
		case err != nil && enc != nil && pass != nil && enc.WrongPassphrase(err):
			u.askBackupPassphrase(path, sentence(err.Error()))
		case err != nil:
			u.showError("use this backup", err)
		default:
			u.askRestoreTarget(path, summary, pass)
		}
	})
}

// suggestRestoreDir is a new folder beside the data folder.
func (u *ui) suggestRestoreDir() string {
	base := u.dataDir
	if base == "" {
		base = filepath.Join(os.TempDir(), "certdesk")
	}
	return fmt.Sprintf("%s-restored-%s", filepath.Clean(base), u.clock.Now().Format("20060102-150405"))
}

// newFolderCheck accepts a folder that does not exist or is empty.
func newFolderCheck(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return errors.New("give a folder")
	}
	if !filepath.IsAbs(s) {
		return errors.New("give the full path of the folder")
	}
	st, err := os.Stat(s)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return errors.New("this is a file: give a new folder")
	}
	f, err := os.Open(s)
	if err != nil {
		return err
	}
	defer f.Close()
	if names, _ := f.Readdirnames(1); len(names) > 0 {
		return errors.New("this folder holds data: give a new or empty folder")
	}
	return nil
}

// askRestoreTarget shows what the backup holds and asks for the new
// folder to restore it into; pass is an encrypted backup's passphrase.
func (u *ui) askRestoreTarget(path, summary string, pass []byte) {
	checked := ".\nThe file is complete and undamaged (its checksum matches)."
	if pass != nil {
		checked += "\nIt is encrypted: the new folder is encrypted with the same passphrase."
	}
	what := widget.NewLabel(summary + checked)
	what.Wrapping = fyne.TextWrapWord
	note := widget.NewLabel("The backup is restored into a new folder; the data folder open now stays as it is. " +
		"Afterwards you can open the new folder here.")
	note.Wrapping = fyne.TextWrapWord
	target := u.newEntry()
	target.SetText(u.suggestRestoreDir())
	target.Validator = newFolderCheck
	items := []*widget.FormItem{
		{Text: "Backup", Widget: widget.NewLabel(filepath.Base(path))},
		{Text: "Holds", Widget: what},
		{Text: "New data folder", Widget: target, HintText: "a folder that does not exist yet, or an empty one"},
		{Text: "", Widget: note},
	}
	u.formDialog("Restore from a backup", "Restore", items, func() {
		u.restoreInto(path, filepath.Clean(strings.TrimSpace(target.Text)), pass)
	}, fyne.NewSize(760, 420))
}

// restoreInto restores the backup into dir in the background and then
// offers to open dir (with pass, the passphrase of an encrypted backup).
func (u *ui) restoreInto(path, dir string, pass []byte) {
	x := u.startTransfer("Restoring", "Restoring "+filepath.Base(path)+" into "+dir+" …\nThe folder appears only once the backup is fully restored and checked.",
		"Cancelling: nothing will be left behind …")
	b := u.bk.backups
	progress := u.backupProgress(x)
	transferJob(u, x, func(context.Context) (string, error) {
		return b.RestoreNew(x.ctx, path, dir, pass, progress)
	}, func(summary string, err error, cancelled bool) {
		switch {
		case cancelled:
			u.backupInfo("Restore cancelled", "The restore was cancelled; "+dir+" was not created.")
		case err != nil:
			u.showError("restore the backup", err)
		default:
			u.bk.lastMsg = "Restored into " + dir
			u.askYesNo("Backup restored", "Open it", "Not now",
				fmt.Sprintf("The backup was restored into\n%s\n\nIt holds %s.\n\nOpen that folder in this window now? The folder open now stays as it is.", dir, summary),
				func() { u.reopen(dir, pass, nil) })
		}
	})
}
