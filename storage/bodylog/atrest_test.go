package bodylog

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"certdesk/storage/office"
)

// An office started with a key keeps the journal encrypted on disk: no
// file of its folder holds an entry's bytes, and it reads them back when
// started again with the key. Without a key the same entry is on disk in
// the clear (the check can fail).
func TestOfficeEncryptsTheJournalAtRest(t *testing.T) {
	marker := []byte("Acme Analytics GmbH: a record in the clear")
	for _, c := range []struct {
		key   string
		clear bool
	}{{"a long random line of the office's own", false}, {"", true}} {
		ctx := testCtx(t)
		dir := t.TempDir()
		o, err := office.Start(office.Options{Dir: dir, Host: "127.0.0.1", Port: -1, Key: c.key})
		if err != nil {
			t.Fatal(err)
		}
		l := open(t, ctx, o.URL())
		if _, err := l.Append(ctx, 0, "", marker); err != nil {
			t.Fatal(err)
		}
		l.Close()
		o.Close()
		if found := holds(t, dir, marker); found != c.clear {
			t.Fatalf("key %q: an entry in the clear on disk: %v, want %v", c.key, found, c.clear)
		}
		o, err = office.Start(office.Options{Dir: dir, Host: "127.0.0.1", Port: -1, Key: c.key})
		if err != nil {
			t.Fatal(err)
		}
		got := readAll(t, ctx, open(t, ctx, o.URL()), 1)
		o.Close()
		if len(got) != 1 || !bytes.Equal(got[0], marker) {
			t.Fatalf("key %q: after a restart the journal holds %q", c.key, got)
		}
	}
}

// holds reports whether a file under dir contains b.
func holds(t *testing.T, dir string, b []byte) bool {
	t.Helper()
	found := false
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found {
			return err
		}
		data, err := os.ReadFile(path)
		found = err == nil && bytes.Contains(data, b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}
