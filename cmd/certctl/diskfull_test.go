package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/storage/testdisk"
)

// TestDiskFull: on a full disk a command that changes records is refused
// with the disk-full message and exit 3, and leaves the folder as it was;
// reading, checking and exporting go on; once space is freed the change
// goes through and the folder verifies.
func TestDiskFull(t *testing.T) {
	cleanEnv(t)
	disk := testdisk.Mount(t, 96)
	dir := filepath.Join(disk, "body")
	walkThrough(t, dir)
	add := []string{"--as", "Lena Lead", "client", "add", "--name", "Full Disk Ltd", "--address", "1 Full Street", "--personnel", "5"}

	filler := testdisk.Fill(t, disk, 0)
	r := fails(t, dir, exitInternal, "the disk holding "+dir+" is full: 0 MB free, CertDesk needs", add...)
	if !strings.Contains(r.stderr, "free space and try again") || strings.Contains(r.stderr, "goroutine") {
		t.Errorf("the refusal does not say what to do, or shows a stack trace:\n%s", r.stderr)
	}
	for _, read := range [][]string{
		{"client", "list"}, {"schedule"}, {"status"}, {"journal", "--limit", "3"},
		{"verify", "--indexes"}, {"client", "show", "1"}, {"export", "json", "--out", filepath.Join(t.TempDir(), "body.json")},
	} {
		ok(t, dir, read...)
	}
	if out := ok(t, dir, "client", "list"); strings.Contains(out, "Full Disk Ltd") {
		t.Errorf("the refused client was written:\n%s", out)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	ok(t, dir, add...)
	if out := ok(t, dir, "client", "list"); !strings.Contains(out, "Full Disk Ltd") {
		t.Errorf("the client added after freeing space is missing:\n%s", out)
	}
	ok(t, dir, "verify", "--indexes")
}
