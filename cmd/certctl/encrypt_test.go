package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/storage"
)

const (
	testPass  = "correct horse battery staple"
	testPass2 = "another passphrase, longer"
)

// holdsBytes reports whether any file under root holds s.
func holdsBytes(t *testing.T, root, s string) bool {
	t.Helper()
	found := false
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if b, _ := os.ReadFile(p); bytes.Contains(b, []byte(s)) {
				found = true
			}
		}
		return nil
	})
	return found
}

func TestEncryptAFolderAndWorkWithIt(t *testing.T) {
	tmp, dir := demoBeside(t, "3")
	before := ok(t, dir, "export", "json")
	name := strings.Fields(strings.Split(ok(t, dir, "client", "list"), "\n")[1])[1] // first client's first word
	if !holdsBytes(t, dir, name) {
		t.Fatalf("the plain folder does not show %q: the check below cannot tell", name)
	}

	// A new passphrase is needed, and a good one.
	fails(t, dir, exitInput, NewPassphraseEnv, "encrypt")
	t.Setenv(NewPassphraseEnv, "short")
	fails(t, dir, exitInput, "too short", "encrypt")
	t.Setenv(NewPassphraseEnv, testPass)
	var res struct {
		Data      string `json:"data"`
		Encrypted bool   `json:"encrypted"`
		Keys      int    `json:"keys"`
	}
	decodeJSON(t, ok(t, dir, "--json", "encrypt"), &res)
	if !res.Encrypted || res.Data != dir || res.Keys == 0 {
		t.Errorf("encrypt --json: %+v", res)
	}
	if holdsBytes(t, dir, name) {
		t.Errorf("the encrypted folder shows the client name %q", name)
	}
	fails(t, dir, exitInput, "already encrypted", "encrypt")

	// Without the passphrase, or with a wrong one: refused, exit 2.
	fails(t, dir, exitInput, "set "+storage.PassphraseEnv, "client", "list")
	t.Setenv(storage.PassphraseEnv, "not the passphrase at all")
	fails(t, dir, exitInput, "nothing was opened or changed", "client", "list")
	t.Setenv(storage.PassphraseEnv, testPass)
	if got := ok(t, dir, "export", "json"); got != before {
		t.Error("the encrypted folder exports differently")
	}
	ok(t, dir, "verify")
	ok(t, dir, "--as", "1", "person", "add", "--name", "Erin Encrypted", "--roles", "auditor")

	// Its backup is encrypted; restoring needs the passphrase.
	file := filepath.Join(tmp, "enc"+storage.BackupExt)
	ok(t, dir, "backup", "--out", file)
	// (That its payload reveals nothing is tested in storage: compressed,
	// even a plain backup hides names from a byte search.)
	info := ok(t, "", "backup", "info", file)
	if !strings.Contains(info, "verified") || !strings.Contains(info, "aes-256-gcm-chunked") {
		t.Errorf("backup info with the passphrase:\n%s", info)
	}
	t.Setenv(storage.PassphraseEnv, "")
	info = ok(t, "", "backup", "info", file)
	if !strings.Contains(info, "checksum matches") || !strings.Contains(info, "not checked") {
		t.Errorf("backup info without the passphrase:\n%s", info)
	}
	restored := filepath.Join(tmp, "restored")
	fails(t, restored, exitInput, storage.PassphraseEnv, "restore", file)
	t.Setenv(storage.PassphraseEnv, testPass2)
	fails(t, restored, exitInput, "does not open", "restore", file)
	if _, err := os.Stat(restored); !os.IsNotExist(err) {
		t.Errorf("a refused restore created %s", restored)
	}
	t.Setenv(storage.PassphraseEnv, testPass)
	out := ok(t, restored, "restore", file)
	if !strings.Contains(out, "encrypted") {
		t.Errorf("restore said:\n%s", out)
	}
	if !strings.Contains(ok(t, restored, "person", "list"), "Erin Encrypted") {
		t.Error("the restored folder lacks the person added before the backup")
	}

	// Change the passphrase: the old one no longer opens the folder, the
	// backup keeps the old one.
	t.Setenv(NewPassphraseEnv, testPass2)
	t.Setenv(storage.PassphraseEnv, "wrong wrong wrong wrong")
	fails(t, dir, exitInput, "does not open", "passphrase")
	t.Setenv(storage.PassphraseEnv, testPass)
	ok(t, dir, "passphrase")
	fails(t, dir, exitInput, "does not open", "client", "list")
	t.Setenv(storage.PassphraseEnv, testPass2)
	if !strings.Contains(ok(t, dir, "person", "list"), "Erin Encrypted") {
		t.Error("the records changed with the passphrase")
	}
	fails(t, filepath.Join(tmp, "r2"), exitInput, "does not open", "restore", file)
	fails(t, filepath.Join(tmp, "plain"), exitInput, "not encrypted", "passphrase")
}

func TestEncryptCreatesANewFolder(t *testing.T) {
	cleanEnv(t)
	dir := filepath.Join(t.TempDir(), "new")
	t.Setenv(NewPassphraseEnv, testPass)
	out := ok(t, dir, "encrypt")
	if !strings.Contains(out, "is now an encrypted data folder") {
		t.Errorf("encrypt said:\n%s", out)
	}
	fails(t, dir, exitInput, storage.PassphraseEnv, "demo", "--clients", "2")
	t.Setenv(storage.PassphraseEnv, testPass)
	ok(t, dir, "demo", "--clients", "2", "--as-of", "2026-06-30")
	if n := strings.Count(ok(t, dir, "client", "list"), "\n"); n < 3 {
		t.Errorf("client list has %d lines", n)
	}
}
