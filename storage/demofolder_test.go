package storage

import (
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
)

// demoOnDisk is a demo body of n clients (seed, as of asOf) copied into a
// new data folder: dir and the store open on it.
func demoOnDisk(t *testing.T, n int, seed int64, asOf certification.Date) (string, *DB) {
	t.Helper()
	ctx := context.Background()
	mem := memstore.New()
	if _, err := demo.Generate(ctx, mem, demo.Options{Clients: n, Seed: seed, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := openAt(t, dir)
	if _, err := exchange.Copy(ctx, mem, db, certification.Actor{Name: "system"}, "demo", nil); err != nil {
		t.Fatal(err)
	}
	return dir, db
}
