package storage

import (
	"os"
	"path/filepath"
	"testing"
)

// TestInterruptedRestoreSwap plays the states a crash can leave a
// restore's swap in (the old contents kept aside), and checks what
// recoverSwap leaves: the new folder in place once the swap has begun,
// the old one untouched before, and the old contents always kept.
func TestInterruptedRestoreSwap(t *testing.T) {
	// Each folder holds one file naming it, so the test sees which one
	// ends up where.
	mark := func(t *testing.T, dir, name string) {
		t.Helper()
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "which"), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	which := func(dir string) string {
		b, err := os.ReadFile(filepath.Join(dir, "which"))
		if err != nil {
			return ""
		}
		return string(b)
	}
	for _, c := range []struct {
		name       string
		crash      func(sw swapState)
		dir, aside string
	}{
		{"before the first rename", func(sw swapState) {}, "old", ""},
		{"between the renames", func(sw swapState) { os.Rename(sw.Dir, sw.Aside) }, "new", "old"},
		{"after the second rename", func(sw swapState) { os.Rename(sw.Dir, sw.Aside); os.Rename(sw.Tmp, sw.Dir) }, "new", "old"},
	} {
		t.Run(c.name, func(t *testing.T) {
			parent := t.TempDir()
			sw := swapState{Dir: filepath.Join(parent, "data"), Tmp: filepath.Join(parent, ".data.restoring-1"),
				Aside: filepath.Join(parent, "data.before-restore-1"), KeepOld: true}
			mark(t, sw.Dir, "old")
			mark(t, sw.Tmp, "new")
			if err := sw.write(); err != nil {
				t.Fatal(err)
			}
			c.crash(sw)
			if err := recoverSwap(sw.Dir); err != nil {
				t.Fatal(err)
			}
			if got := which(sw.Dir); got != c.dir {
				t.Errorf("the folder holds %q, want %q", got, c.dir)
			}
			if got := which(sw.Aside); got != c.aside {
				t.Errorf("aside holds %q, want %q", got, c.aside)
			}
			for _, p := range []string{sw.Tmp, swapPath(sw.Dir)} {
				if _, err := os.Lstat(p); err == nil {
					t.Errorf("%s left behind", p)
				}
			}
		})
	}
}

// TestSwapIntoEmptyFolder: a swap without old contents replaces an
// empty folder or a missing one and leaves no journal.
func TestSwapIntoEmptyFolder(t *testing.T) {
	for _, exists := range []bool{false, true} {
		parent := t.TempDir()
		sw := swapState{Dir: filepath.Join(parent, "data"), Tmp: filepath.Join(parent, ".data.restoring-1"), KeepOld: true}
		if exists {
			if err := os.Mkdir(sw.Dir, 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.Mkdir(sw.Tmp, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(sw.Tmp, "f"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := sw.run(); err != nil {
			t.Fatal(err)
		}
		if err := sw.finish(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(sw.Dir, "f")); err != nil {
			t.Errorf("existing %v: the new folder is not in place: %v", exists, err)
		}
		entries, _ := os.ReadDir(parent)
		if len(entries) != 1 {
			t.Errorf("existing %v: %d entries beside it, want only the folder", exists, len(entries))
		}
	}
}
