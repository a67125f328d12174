package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"time"

	"golang.org/x/term"

	"certdesk/storage"
)

// NewPassphraseEnv names the environment variable certctl reads a new
// passphrase from (encrypt, passphrase) when it does not ask for it.
const NewPassphraseEnv = "CERTDESK_NEW_PASSPHRASE"

// terminal returns the terminal certctl may ask on: standard input, when
// it is one. Tests and pipes have none.
func (e *env) terminal() (int, bool) {
	f, ok := e.stdin.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0, false
	}
	return int(f.Fd()), true
}

// ask reads a passphrase from the terminal without echoing it. Ctrl-C
// (the run's context) stops it and gives the terminal its echo back.
func (e *env) ask(fd int, prompt string) ([]byte, error) {
	state, err := term.GetState(fd)
	if err != nil {
		return nil, fmt.Errorf("reading the passphrase: %w", err)
	}
	fmt.Fprint(e.stderr, prompt)
	type read struct {
		p   []byte
		err error
	}
	got := make(chan read, 1)
	go func() {
		p, err := term.ReadPassword(fd)
		got <- read{p, err}
	}()
	select {
	case r := <-got:
		fmt.Fprintln(e.stderr)
		if r.err != nil {
			return nil, fmt.Errorf("reading the passphrase: %w", r.err)
		}
		return r.p, nil
	case <-e.ctx.Done():
		term.Restore(fd, state)
		fmt.Fprintln(e.stderr)
		return nil, e.ctx.Err()
	}
}

// passphrase is the passphrase of an encrypted folder or backup: from
// $CERTDESK_PASSPHRASE, else asked on the terminal. what names it in
// the prompt. Without either it is an input error that says how to give
// one.
func (e *env) passphrase(what string) ([]byte, error) {
	return e.secret(storage.PassphraseEnv, "Passphrase for "+what+": ",
		inputf("%s is encrypted: set %s to its passphrase (certctl asks for it only when run in a terminal)", what, storage.PassphraseEnv))
}

// secret is a passphrase from the environment variable env, else asked
// with prompt on the terminal; without either, missing says what to do.
func (e *env) secret(env, prompt string, missing error) ([]byte, error) {
	if p, ok := os.LookupEnv(env); ok && p != "" {
		return []byte(p), nil
	}
	fd, ok := e.terminal()
	if !ok {
		return nil, missing
	}
	return e.ask(fd, prompt)
}

// newPassphrase is a new passphrase: from $CERTDESK_NEW_PASSPHRASE, else
// asked twice on the terminal. It is checked (storage.CheckNewPassphrase).
func (e *env) newPassphrase() ([]byte, error) { return e.newPassphraseFor("") }

// newPassphraseFor is a new passphrase for what ("" for the folder's).
func (e *env) newPassphraseFor(what string) ([]byte, error) {
	var p []byte
	if v, ok := os.LookupEnv(NewPassphraseEnv); ok && v != "" {
		p = []byte(v)
	} else {
		fd, ok := e.terminal()
		if !ok {
			return nil, inputf("give the new passphrase%s in %s (certctl asks for it only when run in a terminal)", forWhat(what), NewPassphraseEnv)
		}
		var err error
		if p, err = e.ask(fd, "New passphrase"+forWhat(what)+" (at least 12 characters): "); err != nil {
			return nil, err
		}
		if err := storage.CheckNewPassphrase(p); err != nil {
			return nil, inputf("%v", err)
		}
		again, err := e.ask(fd, "The same again: ")
		if err != nil {
			return nil, err
		}
		if !bytes.Equal(p, again) {
			return nil, inputf("the two passphrases differ: nothing was changed, try again")
		}
	}
	if err := storage.CheckNewPassphrase(p); err != nil {
		return nil, inputf("%v", err)
	}
	return p, nil
}

// cryptError turns a refused passphrase or key file into an input error
// (exit 2); other errors pass unchanged.
func cryptError(err error) error {
	if errors.Is(err, storage.ErrEncrypted) || errors.Is(err, storage.ErrWrongPassphrase) || errors.Is(err, storage.ErrKeyFile) || errors.Is(err, storage.ErrNoIdentity) {
		return &inputError{msg: err.Error()}
	}
	return err
}

// cryptFolder returns the data folder, refused unless its encryption
// is as wantEncrypted.
func (e *env) cryptFolder(wantEncrypted bool) (string, error) {
	dir, err := storage.ResolveDir(e.data)
	if err != nil {
		return "", inputf("%v", err)
	}
	enc, err := storage.IsEncrypted(dir)
	switch {
	case err != nil:
		return "", err
	case enc && !wantEncrypted:
		return "", inputf("the data folder %s is already encrypted: 'certctl passphrase' changes its passphrase", dir)
	case !enc && wantEncrypted:
		return "", inputf("the data folder %s is not encrypted: 'certctl encrypt' encrypts it", dir)
	}
	return dir, nil
}

type encryptCmd struct{}

func (encryptCmd) Help() string {
	return `Encrypts the data folder (--data) with a passphrase (docs/integrity.md):
from then on it opens only with the passphrase, and its backups are
encrypted too. A folder that does not exist or is empty is created
encrypted; a folder that holds data is copied into a new encrypted folder,
read back and compared, and only then put in its place; the unencrypted
copy is then deleted, with the unencrypted automatic backups beside it.
Other unencrypted backups are listed, not touched. The new passphrase
(at least 12 characters) comes from $CERTDESK_NEW_PASSPHRASE, else it is
asked twice in a terminal. The folder must not be open.`
}

func (encryptCmd) Run(e *env) error {
	dir, err := e.cryptFolder(false)
	if err != nil {
		return err
	}
	p, err := e.newPassphrase()
	if err != nil {
		return err
	}
	start := time.Now()
	res, err := storage.Encrypt(e.ctx, dir, p, e.progress("encrypting", "keys"))
	e.progressDone()
	if err != nil {
		if errors.Is(err, storage.ErrInUse) {
			return &inputError{msg: err.Error()}
		}
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"data": res.Dir, "encrypted": true, "keys": res.Keys, "seconds": roundSec(time.Since(start)),
			"removed_backups": res.RemovedBackups, "plain_backups": res.PlainBackups})
	}
	e.printf("%s\n", res.Summary())
	e.printf("Keep the passphrase safe: without it neither the folder nor its backups can be read. certctl reads it from $%s or asks in a terminal.\n", storage.PassphraseEnv)
	return nil
}

type passphraseCmd struct{}

func (passphraseCmd) Help() string {
	return `Changes the passphrase of an encrypted data folder without re-encrypting
or exporting anything: the folder's key is sealed anew under the new
passphrase in its key file, which is replaced in one step. The current
passphrase comes from $CERTDESK_PASSPHRASE, the new one from
$CERTDESK_NEW_PASSPHRASE; in a terminal, certctl asks for what is not set.
The automatic backups beside the folder take the new passphrase too;
backups kept elsewhere keep the passphrase of their day.`
}

func (passphraseCmd) Run(e *env) error {
	dir, err := e.cryptFolder(true)
	if err != nil {
		return err
	}
	old, err := e.passphrase("the data folder " + dir)
	if err != nil {
		return err
	}
	// Check the current one before asking for a new one twice.
	if err := storage.CheckPassphrase(dir, old); err != nil {
		return cryptError(err)
	}
	p, err := e.newPassphrase()
	if err != nil {
		return err
	}
	res, err := storage.ChangePassphrase(dir, old, p)
	if err != nil {
		return cryptError(err)
	}
	if e.json {
		return e.writeJSON(map[string]any{"data": dir, "passphrase_changed": true, "resealed_backups": res.Resealed, "kept_backups": res.Kept})
	}
	e.printf("%s\n", res.Summary())
	return nil
}

func forWhat(what string) string {
	if what == "" {
		return ""
	}
	return " for " + what
}
