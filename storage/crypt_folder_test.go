package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRestoreReplaceRefusesAnEncryptedFolderInUse(t *testing.T) {
	dir, _ := encryptedDemo(t, 1)
	db := openEncrypted(t, dir, pass1)
	defer db.Close()
	if err := checkNotInUse(dir); !errors.Is(err, ErrInUse) {
		t.Errorf("checkNotInUse on an encrypted folder in use: %v", err)
	}
}

func TestEncryptRefusesAFolderWithOtherFiles(t *testing.T) {
	dir := plainDemo(t, 1)
	mine := filepath.Join(dir, "thesis.docx")
	os.WriteFile(mine, []byte("years of work"), 0o644)
	before := folderSum(t, dir)
	_, err := encryptFolder(context.Background(), dir, pass1, testKDF, nil)
	if err == nil || !strings.Contains(err.Error(), "thesis.docx") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Errorf("got %v", err)
	}
	if folderSum(t, dir) != before {
		t.Error("the refused encryption changed the folder")
	}
}

func TestEncryptThroughASymlinkEncryptsTheTarget(t *testing.T) {
	root := t.TempDir()
	target := filepath.Join(root, "real")
	names := plainDemoAt(t, target, 3)
	link := filepath.Join(root, "link")
	if err := os.Symlink(target, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	res, err := encryptFolder(context.Background(), link, pass1, testKDF, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Dir != target {
		t.Errorf("encrypted %s, want the link's target %s", res.Dir, target)
	}
	if hits := filesHolding(t, target, names); len(hits) > 0 {
		t.Errorf("the target still reveals client names: %v", hits)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is gone or replaced: %v", err)
	}
	if db, err := OpenWith(link, Options{Passphrase: pass1}); err != nil {
		t.Errorf("opening through the link: %v", err)
	} else {
		db.Close()
	}
}

func TestLockFolderKeepsCertDeskOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db := mustOpen(t, dir)
	if _, err := lockFolder(dir); !errors.Is(err, ErrInUse) {
		t.Errorf("locking an open folder: %v", err)
	}
	db.Close()
	unlock, err := lockFolder(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(dir); !errors.Is(err, ErrInUse) {
		t.Errorf("opening a locked folder: %v", err)
	}
	unlock()
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}

// TestInterruptedSwapIsFinished plays the states a crash can leave
// Encrypt's swap in, and opens the folder after each.
func TestInterruptedSwapIsFinished(t *testing.T) {
	// setup returns a parent with a plain folder "data" (clients names),
	// and an encrypted copy beside it as Encrypt names it.
	setup := func(t *testing.T) (dir string, sw swapState, names []string) {
		encDir, names := encryptedDemo(t, 2)
		parent := t.TempDir()
		dir = filepath.Join(parent, "data")
		plain, err := Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		fillDemo(t, plain, 2)
		plain.Close()
		sw = swapState{Dir: dir, Tmp: filepath.Join(parent, ".data.encrypting-123"), Aside: filepath.Join(parent, ".data.encrypting-123.plain")}
		if err := os.Rename(encDir, sw.Tmp); err != nil {
			t.Fatal(err)
		}
		if err := sw.write(); err != nil {
			t.Fatal(err)
		}
		return dir, sw, names
	}
	encryptedNow := func(t *testing.T, dir string, sw swapState, names []string) {
		t.Helper()
		if _, err := Open(dir); !errors.Is(err, ErrEncrypted) {
			t.Fatalf("after recovery, without the passphrase: %v", err)
		}
		db := openEncrypted(t, dir, pass1)
		db.Close()
		if hits := filesHolding(t, filepath.Dir(dir), names); len(hits) > 0 {
			t.Errorf("unencrypted data left: %v", hits)
		}
		for _, p := range []string{sw.Tmp, sw.Aside, swapPath(dir)} {
			if _, err := os.Lstat(p); err == nil {
				t.Errorf("%s left behind", p)
			}
		}
	}
	t.Run("before the first rename", func(t *testing.T) {
		dir, sw, _ := setup(t)
		db, err := Open(dir) // the swap had not begun: the folder stays plain
		if err != nil {
			t.Fatal(err)
		}
		db.Close()
		for _, p := range []string{sw.Tmp, swapPath(dir)} {
			if _, err := os.Lstat(p); err == nil {
				t.Errorf("%s left behind", p)
			}
		}
	})
	t.Run("between the renames", func(t *testing.T) {
		dir, sw, names := setup(t)
		if err := os.Rename(dir, sw.Aside); err != nil {
			t.Fatal(err)
		}
		encryptedNow(t, dir, sw, names)
	})
	t.Run("after the second rename", func(t *testing.T) {
		dir, sw, names := setup(t)
		os.Rename(dir, sw.Aside)
		os.Rename(sw.Tmp, dir)
		encryptedNow(t, dir, sw, names)
	})
}

func TestEncryptNamesFoldersARestoreMovedAside(t *testing.T) {
	dir := plainDemo(t, 1)
	aside := dir + ".before-restore-20261124T101500Z"
	a, err := Open(aside)
	if err != nil {
		t.Fatal(err)
	}
	a.Close()
	res, err := encryptFolder(context.Background(), dir, pass1, testKDF, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.PlainFolders) != 1 || res.PlainFolders[0] != aside || !strings.Contains(res.Summary(), aside) {
		t.Errorf("plain folders %v; summary %q", res.PlainFolders, res.Summary())
	}
}

func TestPassphraseIsNormalised(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	composed := []byte("Zürich café passphrase")               // ü and é as one character each
	decomposed := []byte("Zu\u0308rich cafe\u0301 passphrase") // as a letter and a combining accent
	if bytes.Equal(composed, decomposed) {
		t.Fatal("the test needs two spellings")
	}
	if _, err := encryptFolder(context.Background(), dir, composed, testKDF, nil); err != nil {
		t.Fatal(err)
	}
	if err := CheckPassphrase(dir, decomposed); err != nil {
		t.Errorf("the decomposed spelling does not open it: %v", err)
	}
}

func TestRestoreRefusesToDecryptAFolder(t *testing.T) {
	ctx := context.Background()
	dir, _ := encryptedDemo(t, 1)
	plain := demoDB(t, 1)
	file, _ := backupFile(t, plain, "plain")
	before := folderSum(t, dir)
	_, err := RestoreFile(ctx, file, dir, RestoreOptions{Replace: true})
	if !errors.Is(err, ErrWouldDecrypt) || !strings.Contains(err.Error(), "new folder") {
		t.Errorf("got %v", err)
	}
	if folderSum(t, dir) != before {
		t.Error("the refused restore changed the folder")
	}
}
