package storage

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// Encryption gives the desktop app (app.Encryption) encryption at rest
// without the app importing storage.
type Encryption struct{}

// Encrypted reports whether dir is an encrypted data folder.
func (Encryption) Encrypted(dir string) (bool, error) { return IsEncrypted(dir) }

// NeedsPassphrase reports whether err is the refusal to open an
// encrypted folder or backup without its passphrase.
func (Encryption) NeedsPassphrase(err error) bool { return errors.Is(err, ErrEncrypted) }

// WrongPassphrase reports whether err is the refusal of a wrong
// passphrase (nothing was opened or changed).
func (Encryption) WrongPassphrase(err error) bool { return errors.Is(err, ErrWrongPassphrase) }

// CheckNewPassphrase is the package's CheckNewPassphrase.
func (Encryption) CheckNewPassphrase(p []byte) error { return CheckNewPassphrase(p) }

// Encrypt is the package's Encrypt; it describes the result in a
// sentence for people.
func (Encryption) Encrypt(ctx context.Context, dir string, passphrase []byte, progress func(done, total int)) (string, error) {
	res, err := Encrypt(ctx, dir, passphrase, progress)
	if err != nil {
		return "", err
	}
	return res.Summary(), nil
}

// ChangePassphrase is the package's ChangePassphrase; it describes the
// result in a sentence for people.
func (Encryption) ChangePassphrase(dir string, old, new []byte) (string, error) {
	res, err := ChangePassphrase(dir, old, new)
	if err != nil {
		return "", err
	}
	return res.Summary(), nil
}

// Summary says what Encrypt did, for people.
func (r EncryptResult) Summary() string {
	var b strings.Builder
	if r.Keys == 0 {
		fmt.Fprintf(&b, "%s is now an encrypted data folder.", r.Dir)
	} else {
		fmt.Fprintf(&b, "%s is now encrypted (%d keys copied and checked); its unencrypted copy was deleted.", r.Dir, r.Keys)
	}
	if n := len(r.RemovedBackups); n > 0 {
		fmt.Fprintf(&b, " %s deleted.", plural(n, "unencrypted automatic backup was", "unencrypted automatic backups were"))
	}
	if n := len(r.PlainFolders); n > 0 {
		fmt.Fprintf(&b, " %s beside it, moved aside by a restore, %s not encrypted: %s; delete %s once you no longer need %s.", plural(n, "folder", "folders"),
			map[bool]string{true: "is", false: "are"}[n == 1], strings.Join(r.PlainFolders, ", "), map[bool]string{true: "it", false: "them"}[n == 1], map[bool]string{true: "it", false: "them"}[n == 1])
	}
	if n := len(r.PlainBackups); n > 0 {
		fmt.Fprintf(&b, " %s not encrypted, left as %s: %s.", plural(n, "other backup is", "other backups are"),
			map[bool]string{true: "it was", false: "they were"}[n == 1], strings.Join(r.PlainBackups, ", "))
	}
	return b.String()
}
