package certification_test

import (
	"testing"

	. "certdesk/certification"
	"certdesk/certification/memstore"
	"certdesk/storage"
)

// inMemoryAndOnDisk runs fn on a store in memory and on a Badger folder
// on disk: the domain's rules hold on both alike.
func inMemoryAndOnDisk(t *testing.T, fn func(*testing.T, Store)) {
	t.Run("memory", func(t *testing.T) { fn(t, memstore.New()) })
	t.Run("disk", func(t *testing.T) {
		db, err := storage.Open(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		fn(t, db)
	})
}
