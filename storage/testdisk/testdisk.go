// Package testdisk gives tests a small disk of their own, to fill: a
// tmpfs mounted for the test (Linux, as root) and a filler file.
package testdisk

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Mount mounts a tmpfs of size MB for the test, unmounted when it ends,
// and returns its folder. It skips the test, saying why, where it cannot.
func Mount(t testing.TB, size int) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("the full-disk tests mount a small tmpfs, which is Linux only")
	}
	if os.Geteuid() != 0 {
		t.Skip("the full-disk tests mount a small tmpfs, which needs root (make test runs as root in CI)")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm", size), "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("the full-disk tests could not mount a %d MB tmpfs (%v: %s): they need the right to mount", size, err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("unmounting the test tmpfs %s: %v: %s", dir, err, out)
		}
	})
	return dir
}

// Fill writes a file in disk until at most leave bytes are free and
// returns its path; removing it gives the space back. Writing (not
// truncating) makes tmpfs back the pages.
func Fill(t testing.TB, disk string, leave uint64) string {
	t.Helper()
	f, err := os.CreateTemp(disk, "filler-*")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for range 1 << 16 { // at most 4 GB: the disk is far smaller
		free := Free(t, disk)
		if free <= leave {
			return f.Name()
		}
		if _, err := f.Write(chunk[:min(uint64(len(chunk)), free-leave)]); err != nil {
			if strings.Contains(err.Error(), "no space left") {
				return f.Name()
			}
			t.Fatal(err)
		}
	}
	t.Fatalf("the filler never filled %s", filepath.Clean(disk))
	return ""
}
