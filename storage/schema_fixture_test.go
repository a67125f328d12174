package storage_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"certdesk/certification/exchange"
	"certdesk/storage"
)

// testdata/schema6-demo.cdbk is a backup made by CertDesk at 4d89763
// (schema 6, the version before the lists' read models) of
// `certctl demo --clients 6 --seed 3 --as-of 2026-11-24`; that version's
// `certctl export json` of it had this SHA-256.
const schema6DemoExport = "a9952e624f3f961cf03a6a5df6f96ec0dd00c94e07437580fd9d924d7e959ff3"

// A folder written by the previous version, restored from its backup,
// opens (upgraded), verifies clean, indexes included, and exports the
// same JSON, byte for byte, as that version exported.
func TestFolderOfThePreviousVersionUpgrades(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir() + "/restored"
	res, err := storage.RestoreFile(ctx, "testdata/schema6-demo.cdbk", dir, storage.RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Schema != 6 {
		t.Fatalf("the fixture holds schema %d, want 6", res.Schema)
	}
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rep, err := db.Verify(ctx, storage.VerifyOptions{Indexes: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("the upgraded folder does not verify: %+v", rep)
	}
	h := sha256.New()
	if err := exchange.Export(ctx, db, h); err != nil {
		t.Fatal(err)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != schema6DemoExport {
		t.Errorf("the upgraded folder exports JSON with SHA-256 %s, want %s as the previous version exported", got, schema6DemoExport)
	}
}
