package storage

import (
	"context"
	"io"
	"testing"
)

// BenchmarkBackup writes a backup of the benchmark body (see
// BenchmarkDashboard) to nowhere: the time and, with -benchmem, the
// memory the app's backup at start costs.
func BenchmarkBackup(b *testing.B) {
	db := openDash(b)
	for b.Loop() {
		if _, err := db.Backup(context.Background(), io.Discard, nil); err != nil {
			b.Fatal(err)
		}
	}
}
