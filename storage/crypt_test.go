package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
)

// testKDF keeps Argon2id cheap in tests; DefaultKDF is measured in
// BENCHMARKS.md.
var testKDF = KDFParams{Time: 1, MemoryKiB: 64, Threads: 1}

var (
	pass1 = []byte("correct horse battery staple")
	pass2 = []byte("a different and longer passphrase")
)

// encryptedDemo is an encrypted data folder holding a small demo body,
// closed; it returns the folder and the names of its clients.
func encryptedDemo(t *testing.T, clients int) (string, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := encryptFolder(context.Background(), dir, pass1, testKDF, nil); err != nil {
		t.Fatal(err)
	}
	db, err := OpenWith(dir, Options{Passphrase: pass1, Bulk: true})
	if err != nil {
		t.Fatal(err)
	}
	fillDemo(t, db, clients)
	names := clientNames(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir, names
}

// openEncrypted opens the encrypted data folder dir with passphrase.
func openEncrypted(t testing.TB, dir string, passphrase []byte) *DB {
	t.Helper()
	db, err := OpenWith(dir, Options{Passphrase: passphrase})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// plainDemo is a plain data folder holding a small demo body, closed.
func plainDemo(t *testing.T, clients int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	plainDemoAt(t, dir, clients)
	return dir
}

// plainDemoAt fills a plain folder at dir with the demo body of n clients
// and returns their names.
func plainDemoAt(t *testing.T, dir string, clients int) []string {
	t.Helper()
	db := mustOpen(t, dir)
	defer db.Close()
	fillDemo(t, db, clients)
	return clientNames(t, db)
}

func fillDemo(t *testing.T, db *DB, clients int) {
	t.Helper()
	asOf, _ := certification.ParseDate("2026-06-30")
	if _, err := demo.Generate(context.Background(), db, demo.Options{Clients: clients, Seed: 3, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
}

func clientNames(t *testing.T, db *DB) []string {
	t.Helper()
	var names []string
	mustView(t, db, func(tx certification.Tx) error {
		return tx.Each(certification.KindClient, func(id certification.ID, decode func(certification.Record) error) error {
			var c certification.Client
			if err := decode(&c); err != nil {
				return err
			}
			names = append(names, c.LegalName)
			return nil
		})
	})
	if len(names) == 0 {
		t.Fatal("no clients")
	}
	return names
}

// filesHolding lists the files under root whose bytes hold any of words.
func filesHolding(t *testing.T, root string, words []string) []string {
	t.Helper()
	var hits []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, w := range words {
			if bytes.Contains(b, []byte(w)) {
				hits = append(hits, filepath.Base(p)+" holds "+w)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

// folderSum hashes every file name and content under dir.
func folderSum(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		h.Write([]byte(p))
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		h.Write(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func TestAStolenFolderRevealsNoClientName(t *testing.T) {
	// The control: the same demo body in a plain folder shows its client
	// names in the raw files, so the search below can find them.
	plain := filepath.Join(t.TempDir(), "plain")
	names := plainDemoAt(t, plain, 8)
	if hits := filesHolding(t, plain, names); len(hits) == 0 {
		t.Fatal("the plain folder's files hold no client name: the search cannot tell")
	}

	dir, encNames := encryptedDemo(t, 8)
	if strings.Join(encNames, "|") != strings.Join(names, "|") {
		t.Fatalf("the demo differs: %v vs %v", encNames, names)
	}
	if hits := filesHolding(t, dir, names); len(hits) > 0 {
		t.Errorf("the encrypted folder reveals client names: %v", hits)
	}
	// Nor do the raw files hold record keys' JSON.
	if hits := filesHolding(t, dir, []string{`"legal_name"`, `"registered_address"`}); len(hits) > 0 {
		t.Errorf("the encrypted folder reveals record content: %v", hits)
	}
	// And it opens with the passphrase, and holds the records.
	db := openEncrypted(t, dir, pass1)
	defer db.Close()
	if !db.Encrypted() {
		t.Error("Encrypted() is false")
	}
	if got := clientNames(t, db); len(got) != 8 {
		t.Errorf("%d clients after reopening", len(got))
	}
	rep, err := db.Verify(context.Background(), VerifyOptions{})
	if err != nil || !rep.OK() {
		t.Errorf("verify: %v %+v", err, rep)
	}
}

func TestOpeningAnEncryptedFolderNeedsItsPassphrase(t *testing.T) {
	dir, _ := encryptedDemo(t, 3)
	before := folderSum(t, dir)

	_, err := Open(dir)
	if !errors.Is(err, ErrEncrypted) || !strings.Contains(err.Error(), PassphraseEnv) {
		t.Errorf("no passphrase: %v", err)
	}
	_, err = OpenWith(dir, Options{Passphrase: []byte("correct horse battery stapler")})
	if !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "nothing was opened or changed") {
		t.Errorf("wrong passphrase: %v", err)
	}
	_, err = OpenWith(dir, Options{Passphrase: []byte{}})
	if !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("empty passphrase: %v", err)
	}
	if err := CheckPassphrase(dir, pass2); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("CheckPassphrase: %v", err)
	}
	if after := folderSum(t, dir); after != before {
		t.Error("refused opens changed the folder")
	}
	if err := CheckPassphrase(dir, pass1); err != nil {
		t.Errorf("CheckPassphrase(right): %v", err)
	}
}

func TestKeyFileMissingOrDamaged(t *testing.T) {
	dir, _ := encryptedDemo(t, 2)
	keyPath := filepath.Join(dir, KeyFileName)
	good, err := os.ReadFile(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("missing", func(t *testing.T) {
		os.Remove(keyPath)
		defer os.WriteFile(keyPath, good, 0o600)
		_, err := OpenWith(dir, Options{Passphrase: pass1})
		if !errors.Is(err, ErrKeyFile) || !strings.Contains(err.Error(), "key file") {
			t.Errorf("got %v", err)
		}
		if _, err := os.Stat(keyPath); err == nil {
			t.Error("a key file was made up")
		}
	})
	t.Run("damaged", func(t *testing.T) {
		bad := bytes.Replace(good, []byte(`"time": 1`), []byte(`"time": 2`), 1)
		if bytes.Equal(bad, good) {
			t.Fatal("no edit")
		}
		os.WriteFile(keyPath, bad, 0o600)
		defer os.WriteFile(keyPath, good, 0o600)
		_, err := OpenWith(dir, Options{Passphrase: pass1})
		if !errors.Is(err, ErrKeyFile) || !strings.Contains(err.Error(), "checksum") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("foreign", func(t *testing.T) {
		other, _ := encryptedDemo(t, 1)
		foreign, _ := os.ReadFile(filepath.Join(other, KeyFileName))
		os.WriteFile(keyPath, foreign, 0o600)
		defer os.WriteFile(keyPath, good, 0o600)
		_, err := OpenWith(dir, Options{Passphrase: pass1})
		if !errors.Is(err, ErrKeyFile) || !strings.Contains(err.Error(), "does not belong") {
			t.Errorf("got %v", err)
		}
	})
	db, err := OpenWith(dir, Options{Passphrase: pass1})
	if err != nil {
		t.Fatalf("after putting the key file back: %v", err)
	}
	db.Close()
}

func TestEncryptConvertsAFolderWithData(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	db := mustOpen(t, dir)
	fillDemo(t, db, 6)
	names := clientNames(t, db)
	want := dump(t, db)
	// An automatic backup and a backup of the person's own, both plain.
	rolling, _, err := db.BackupRolling(ctx, RollingBackupDir(dir), 3)
	if err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(RollingBackupDir(dir), "before-the-audit"+BackupExt)
	if _, err := db.BackupFile(ctx, own, nil); err != nil {
		t.Fatal(err)
	}
	db.Close()

	if _, err := encryptFolder(ctx, dir, []byte("short"), testKDF, nil); err == nil || !strings.Contains(err.Error(), "too short") {
		t.Errorf("short passphrase: %v", err)
	}
	var progressed int
	res, err := encryptFolder(ctx, dir, pass1, testKDF, func(done, total int) { progressed = done })
	if err != nil {
		t.Fatal(err)
	}
	if res.Keys != len(want) || progressed != len(want) {
		t.Errorf("copied %d keys (progress %d), the store has %d", res.Keys, progressed, len(want))
	}
	if len(res.RemovedBackups) != 1 || res.RemovedBackups[0] != rolling {
		t.Errorf("removed backups %v, want %s", res.RemovedBackups, rolling)
	}
	if len(res.PlainBackups) != 1 || res.PlainBackups[0] != own {
		t.Errorf("plain backups left %v, want %s", res.PlainBackups, own)
	}
	if _, err := os.Stat(own); err != nil {
		t.Errorf("the person's own backup was touched: %v", err)
	}
	if hits := filesHolding(t, dir, names); len(hits) > 0 {
		t.Errorf("the converted folder reveals client names: %v", hits)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dir), ".data.*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	if _, err := Open(dir); !errors.Is(err, ErrEncrypted) {
		t.Errorf("open without passphrase: %v", err)
	}
	db = openEncrypted(t, dir, pass1)
	got := dump(t, db)
	rep, verr := db.Verify(ctx, VerifyOptions{})
	db.Close()
	if len(got) != len(want) {
		t.Fatalf("%d keys after, %d before", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("key %d differs: %q", i, got[i][0])
		}
	}
	if verr != nil || !rep.OK() {
		t.Errorf("verify after converting: %v %+v", verr, rep)
	}
	if _, err := encryptFolder(ctx, dir, pass2, testKDF, nil); err == nil || !strings.Contains(err.Error(), "already encrypted") {
		t.Errorf("encrypting twice: %v", err)
	}
}

func TestEncryptRefusesAFolderInUse(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := openAt(t, dir)
	fillDemo(t, db, 1)
	before := folderSum(t, dir)
	if _, err := encryptFolder(context.Background(), dir, pass1, testKDF, nil); !errors.Is(err, ErrInUse) {
		t.Errorf("got %v", err)
	}
	if ok, _ := IsEncrypted(dir); ok {
		t.Error("a key file was written into a folder in use")
	}
	_ = before // Badger itself writes to an open folder; the check is the key file
}

func TestChangePassphraseKeepsTheRecords(t *testing.T) {
	ctx := context.Background()
	dir, names := encryptedDemo(t, 4)
	db := openEncrypted(t, dir, pass1)
	want := dump(t, db)
	backup, _ := backupFile(t, db, "old")
	// An automatic backup beside the folder is sealed anew with it.
	rolling, _, err := db.BackupRolling(ctx, RollingBackupDir(dir), 5)
	if err != nil {
		t.Fatal(err)
	}
	// The folder may be open while its passphrase changes.
	keyBefore, _ := os.ReadFile(filepath.Join(dir, KeyFileName))
	if _, err := changePassphrase(dir, pass2, pass2, testKDF); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("wrong old passphrase: %v", err)
	}
	if _, err := changePassphrase(dir, pass1, []byte("tiny"), testKDF); err == nil {
		t.Error("a too short new passphrase was taken")
	}
	if _, err := changePassphrase(dir, pass1, pass1, testKDF); err == nil || !strings.Contains(err.Error(), "is the current one") {
		t.Errorf("the same passphrase again: %v", err)
	}
	if keyAfter, _ := os.ReadFile(filepath.Join(dir, KeyFileName)); !bytes.Equal(keyBefore, keyAfter) {
		t.Error("refused changes rewrote the key file")
	}
	res, err := changePassphrase(dir, pass1, pass2, testKDF)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Resealed) != 1 || res.Resealed[0] != rolling || len(res.Kept) != 0 || !strings.Contains(res.Summary(), "1 automatic backup now opens") {
		t.Errorf("result %+v: %s", res, res.Summary())
	}
	if _, err := CheckBackupFile(ctx, rolling, pass1); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the automatic backup still opens with the old passphrase: %v", err)
	}
	if _, err := CheckBackupFile(ctx, rolling, pass2); err != nil {
		t.Errorf("the resealed automatic backup: %v", err)
	}
	// A third passphrase: the backup sealed under the second is resealed;
	// one left sealed under the first (copied back) is kept as it is.
	stale := filepath.Join(RollingBackupDir(dir), "certdesk-20200101T000000Z"+BackupExt)
	if b, err := os.ReadFile(backup); err != nil || os.WriteFile(stale, b, 0o600) != nil {
		t.Fatal(err)
	}
	pass3 := []byte("a third passphrase for the test")
	res, err = changePassphrase(dir, pass2, pass3, testKDF)
	if err != nil || len(res.Resealed) != 1 || len(res.Kept) != 1 || res.Kept[0] != stale {
		t.Errorf("third change: %+v, %v", res, err)
	}
	if _, err := CheckBackupFile(ctx, stale, pass1); err != nil {
		t.Errorf("the backup under an older passphrase was changed: %v", err)
	}
	if _, err := changePassphrase(dir, pass3, pass2, testKDF); err != nil {
		t.Fatal(err)
	}
	// A backup taken by the store opened before the change (as the app's
	// backup on close is) takes the new passphrase.
	after, _ := backupFile(t, db, "after")
	db.Close()
	if _, err := CheckBackupFile(ctx, after, pass1); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the backup after the change opens with the old passphrase: %v", err)
	}
	if _, err := CheckBackupFile(ctx, after, pass2); err != nil {
		t.Errorf("the backup after the change does not open with the new passphrase: %v", err)
	}

	if _, err := OpenWith(dir, Options{Passphrase: pass1}); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase still opens it: %v", err)
	}
	db = openEncrypted(t, dir, pass2)
	got := dump(t, db)
	db.Close()
	if len(got) != len(want) || got[len(got)-1] != want[len(want)-1] {
		t.Errorf("records changed with the passphrase: %d keys, %d before", len(got), len(want))
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "."+KeyFileName+"*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
	// The backup taken before keeps the passphrase of its time.
	target := filepath.Join(t.TempDir(), "restored")
	if _, err := RestoreFile(ctx, backup, target, RestoreOptions{Passphrase: pass2}); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("restore with the new passphrase: %v", err)
	}
	if _, err := RestoreFile(ctx, backup, target, RestoreOptions{Passphrase: pass1}); err != nil {
		t.Fatal(err)
	}
	r := openEncrypted(t, target, pass1)
	defer r.Close()
	if got := clientNames(t, r); strings.Join(got, "|") != strings.Join(names, "|") {
		t.Errorf("restored clients %v", got)
	}
}
