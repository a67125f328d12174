package storage

import (
	"testing"

	"certdesk/certification"
)

// Kept files outlive a batch only when its commit was the one commit
// after its read timestamp and the next batch reads at that commit: a
// commit by another writer before or during the batch empties them (one
// that writes the journal fails the batch's commit as a conflict, which
// TestKeptFilesAreOnlyEverCurrent covers; these are the others).
func TestKeptFilesOnlyOutliveTheirOwnCommit(t *testing.T) {
	f := &certification.File{Certification: certification.Certification{ID: 7}}
	for _, c := range []struct {
		name                  string
		readTs, after, nextTs uint64
		want                  bool
	}{
		{"nothing in between", 10, 11, 11, true},
		{"another commit during the batch", 10, 12, 12, false},
		{"another commit before the next batch", 10, 11, 12, false},
	} {
		var k keptFiles
		k.begin(c.readTs)
		k.keep(f)
		k.committed(c.readTs, c.after)
		k.begin(c.nextTs)
		if _, got := k.take(7); got != c.want {
			t.Errorf("%s: kept %v, want %v", c.name, got, c.want)
		}
	}
}
