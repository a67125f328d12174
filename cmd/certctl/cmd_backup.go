package main

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"time"

	"certdesk/certification"
	"certdesk/storage"
)

// backupError turns a refusal about a backup file or the target folder
// into an input error (exit 2); other errors pass unchanged.
func backupError(err error) error {
	var full *storage.TargetHoldsDataError
	switch {
	case errors.As(err, &full):
		return inputf("the folder %s already holds data: restore into a new or empty folder (--data DIR), or add --replace to move its contents aside (not deleted) and restore in its place", full.Dir)
	case errors.Is(err, storage.ErrNotBackup), errors.Is(err, storage.ErrBackupDamaged), errors.Is(err, storage.ErrWouldDecrypt),
		errors.Is(err, storage.ErrBackupUnsupported), errors.Is(err, os.ErrNotExist), errors.Is(err, os.ErrPermission):
		return &inputError{msg: err.Error()}
	}
	return err
}

// backupCmd writes a backup (its default command) or checks one.
type backupCmd struct {
	Write backupWriteCmd `cmd:"" default:"withargs" hidden:"" help:"write a backup file of the whole data folder (records, indexes, journal)"`
	Info  backupInfoCmd  `cmd:"" help:"verify a backup file and show its header, without restoring"`
}

type backupWriteCmd struct {
	Out string `placeholder:"FILE" help:"write the backup to FILE (- for standard output)"`
}

func (backupWriteCmd) Help() string {
	return `Writes a backup of the data folder (--data) to FILE: every record, index
entry and journal entry byte for byte, from one consistent snapshot, in one
file with a header (format, schema, when, counts, SHA-256 checksum); see
docs/cli.md. The file is written beside FILE first and renamed when
complete. Use --out - for standard output. The data folder must not be
open in CertDesk (close the window first).`
}

func (c *backupWriteCmd) Run(e *env) error {
	out := c.Out
	if out == "" {
		return inputf("backup: say where to write it: --out FILE (for example --out certdesk-%s%s)", e.todayDate(), storage.BackupExt)
	}
	if err := e.openRead(); err != nil {
		return err
	}
	start := time.Now()
	progress := e.progress("backing up", "keys")
	var info storage.BackupInfo
	var err error
	if out == "-" {
		info, err = e.db.Backup(e.ctx, e.stdout, progress)
	} else {
		info, err = e.db.BackupFile(e.ctx, out, progress)
	}
	e.progressDone()
	if err != nil {
		return backupError(err)
	}
	took := time.Since(start)
	size := info.PayloadBytes
	if st, err := os.Stat(out); err == nil {
		size = st.Size()
	}
	if out == "-" {
		fmt.Fprintf(e.stderr, "Backed up %s (%d bytes) in %s: %s\n", e.dir, size, took.Round(time.Millisecond), info.Summary())
		return nil
	}
	if e.json {
		return e.writeJSON(map[string]any{"data": e.dir, "written": out, "bytes": size, "seconds": roundSec(took), "backup": info})
	}
	e.printf("Backed up %s to %s (%d bytes) in %s\n", e.dir, out, size, took.Round(time.Millisecond))
	e.printBackup(info)
	return nil
}

type backupInfoCmd struct {
	File string `arg:"" placeholder:"FILE" help:"the backup file"`
}

func (backupInfoCmd) Help() string {
	return `Reads the whole backup file and checks it as restore would (marker,
header, checksum, structure, counts) without writing anything, then prints
its header. A damaged or foreign file is an error (exit 2). An encrypted
backup is checked whole with its passphrase ($CERTDESK_PASSPHRASE, else
asked in a terminal); without one, only its checksum is checked.`
}

func (c *backupInfoCmd) Run(e *env) error {
	var pass []byte
	if c.File != "-" {
		// An encrypted backup is checked whole with its passphrase; with
		// none to be had, its checksum only.
		if enc, err := backupEncrypted(c.File); err != nil {
			return backupError(err)
		} else if enc {
			if pass, err = e.passphrase("the backup " + c.File); err != nil {
				pass = nil
			}
		}
	}
	var info storage.BackupInfo
	var err error
	if c.File == "-" {
		// Standard input cannot be asked for a passphrase: only the
		// environment can give one.
		if p, ok := os.LookupEnv(storage.PassphraseEnv); ok && p != "" {
			pass = []byte(p)
		}
		info, err = storage.CheckBackup(e.ctx, e.stdin, pass)
	} else {
		info, err = storage.CheckBackupFile(e.ctx, c.File, pass)
	}
	if err != nil {
		return cryptError(backupError(err))
	}
	whole := !info.Encrypted() || pass != nil
	if e.json {
		return e.writeJSON(map[string]any{"file": c.File, "verified": true, "content_verified": whole, "backup": info})
	}
	if whole {
		e.printf("%s: a CertDesk backup, verified (checksum, structure and counts match)\n", c.File)
	} else {
		e.printf("%s: an encrypted CertDesk backup; its checksum matches (no damage). Its content was not checked: set %s to its passphrase to check that too.\n", c.File, storage.PassphraseEnv)
	}
	e.printBackup(info)
	return nil
}

type restoreCmd struct {
	File    string `arg:"" placeholder:"FILE" help:"the backup file (- for standard input)"`
	Replace bool   `help:"restore even if the data folder holds data: its contents are moved aside (not deleted)"`
}

func (restoreCmd) Help() string {
	return `Restores a backup file into the data folder (--data, else the default
folder). The folder must not exist or be empty; with --replace a folder
that holds data is moved aside to DIR.before-restore-TIME (not deleted)
once the restore has succeeded. The backup is loaded into a new folder
beside the target and checked (checksum, structure, counts) before it is
moved into place: a damaged, foreign or newer backup changes nothing.
An encrypted backup needs the passphrase its folder had when it was taken
($CERTDESK_PASSPHRASE, else asked in a terminal); the restored folder is
encrypted with the same key and opens with that passphrase.`
}

func (c *restoreCmd) Run(e *env) error {
	dir, err := storage.ResolveDir(e.data)
	if err != nil {
		return inputf("%v", err)
	}
	var pass []byte
	if c.File != "-" {
		if enc, err := backupEncrypted(c.File); err != nil {
			return backupError(err)
		} else if enc {
			if pass, err = e.passphrase("the backup " + c.File + " (the passphrase its folder had when it was taken)"); err != nil {
				return err
			}
		}
	} else if p, ok := os.LookupEnv(storage.PassphraseEnv); ok && p != "" {
		pass = []byte(p)
	}
	start := time.Now()
	opts := storage.RestoreOptions{Replace: c.Replace, Progress: e.progress("restoring", "keys"), Passphrase: pass}
	var res storage.RestoreResult
	if c.File == "-" {
		res, err = storage.Restore(e.ctx, e.stdin, dir, opts)
	} else {
		res, err = storage.RestoreFile(e.ctx, c.File, dir, opts)
	}
	e.progressDone()
	if err != nil {
		if errors.Is(err, storage.ErrEncrypted) && c.File == "-" {
			return inputf("the backup is encrypted: set %s to its passphrase (a backup read from standard input cannot be asked for one)", storage.PassphraseEnv)
		}
		return cryptError(backupError(err))
	}
	took := time.Since(start)
	if e.json {
		return e.writeJSON(map[string]any{"file": c.File, "data": res.Dir, "previous": res.Previous, "seconds": roundSec(took), "backup": res.BackupInfo})
	}
	e.printf("Restored %s into %s in %s\n", c.File, res.Dir, took.Round(time.Millisecond))
	e.printBackup(res.BackupInfo)
	if res.Encrypted() {
		e.printf("The restored folder is encrypted: it opens with the passphrase the backup was opened with.\n")
	}
	if res.Previous != "" {
		e.printf("The folder's previous contents are in %s: delete it once you no longer need it.\n", res.Previous)
	}
	return nil
}

// backupEncrypted reports whether the backup file path is encrypted
// (reading its header only).
func backupEncrypted(path string) (bool, error) {
	info, err := storage.BackupHeader(path)
	if err != nil {
		return false, err
	}
	return info.Encrypted(), nil
}

// printBackup prints a backup's header.
func (e *env) printBackup(info storage.BackupInfo) {
	t := e.table()
	t.row("  taken", info.Created.UTC().Format("2006-01-02 15:04:05 UTC"))
	t.row("  format", fmt.Sprintf("%d (data schema %d), %s, encryption: %s", info.Format, info.Schema, info.Compression, info.Encryption.Method))
	kinds := make([]string, 0, len(info.Records))
	for k := range info.Records {
		kinds = append(kinds, string(k))
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		t.row("  "+k, info.Records[certification.Kind(k)])
	}
	t.row("  journal", fmt.Sprintf("%d entries, last no. %d", info.JournalEntries, info.JournalLastSeq))
	t.row("  keys", fmt.Sprintf("%d (%d index entries), %d bytes, %d compressed", info.Keys, info.IndexEntries, info.DataBytes, info.PayloadBytes))
	t.row("  sha-256", info.PayloadSHA256)
	t.flush()
}
