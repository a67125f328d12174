package desk_test

import (
	"errors"
	"path/filepath"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
)

// A body that begins from a data folder that worked alone (office init
// --from): the folder's backup is the body's first snapshot, and the
// stream begins on its journal's head. The folder itself is the first
// desk; a new desk starts from the snapshot and catches up; a snapshot
// taken later lets a third desk skip the entries before it. An empty
// folder cannot join without the snapshot.
func TestABodyBeginsFromAFolderAndNewDesksFromSnapshots(t *testing.T) {
	ctx := testCtx(t)
	asOf, _ := certification.ParseDate("2026-06-30")
	dirA := filepath.Join(t.TempDir(), "a")
	dbA, err := storage.Open(dirA)
	if err != nil {
		t.Fatal(err)
	}
	defer dbA.Close()
	if _, err := demo.Generate(ctx, dbA, demo.Options{Clients: 8, Seed: 2, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	genesis := filepath.Join(t.TempDir(), "genesis.cdbk")
	if _, err := dbA.BackupFile(ctx, genesis, nil); err != nil {
		t.Fatal(err)
	}
	head, _ := dbA.Head(ctx)
	base := bodylog.Base{Seq: head.Seq, Hash: head.Hash}

	o := startOffice(t)
	log, err := bodylog.Open(ctx, o.URL(), bodylog.Config{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	if err := desk.PutGenesis(ctx, log, genesis, base); err != nil {
		t.Fatal(err)
	}
	log.Close()

	deskA, err := desk.Open(ctx, dbA, o.URL(), bodylog.Config{})
	if err != nil {
		t.Fatalf("the folder the body began from does not join: %v", err)
	}
	defer deskA.Close()
	clk := certification.FixedClock(asOf.Time().Add(10 * 3600e9))
	svcA := certification.NewService(deskA.Store(), clk)
	for i := range 5 {
		if _, err := svcA.AddClient(ctx, certification.Client{LegalName: "Joined Client " + string(rune('A'+i)), RegisteredAddress: "1 Office Road", EffectivePersonnel: 10, Sectors: []int{33}}); err != nil {
			t.Fatal(err)
		}
	}

	// An empty folder is refused: it needs the snapshot.
	dbE, err := storage.Open(filepath.Join(t.TempDir(), "e"))
	if err != nil {
		t.Fatal(err)
	}
	defer dbE.Close()
	if _, err := desk.Open(ctx, dbE, o.URL(), bodylog.Config{}); !errors.Is(err, desk.ErrNeedsSnapshot) {
		t.Fatalf("an empty folder joined a body that began from a folder: %v", err)
	}

	join := func(name string) (*desk.Desk, *storage.DB) {
		dir := filepath.Join(t.TempDir(), name)
		if ok, err := desk.Restore(ctx, dir, o.URL(), bodylog.Config{}, storage.RestoreOptions{}); err != nil || !ok {
			t.Fatalf("desk %s from the snapshot: %v %v", name, ok, err)
		}
		db, err := storage.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		d, err := desk.Open(ctx, db, o.URL(), bodylog.Config{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(d.Close)
		return d, db
	}
	deskB, dbB := join("b")
	n, err := deskB.Sync(ctx)
	if err != nil || n != 5 {
		t.Fatalf("desk B from the first snapshot applied %d entries (%v), want the 5 after it", n, err)
	}

	snap, err := deskA.PutSnapshot(ctx)
	if err != nil || snap.Seq != 5 {
		t.Fatalf("snapshot: %+v %v", snap, err)
	}
	if _, err := svcA.AddClient(ctx, certification.Client{LegalName: "After The Snapshot", RegisteredAddress: "2 Office Road", EffectivePersonnel: 10, Sectors: []int{33}}); err != nil {
		t.Fatal(err)
	}
	deskC, dbC := join("c")
	if n, err := deskC.Sync(ctx); err != nil || n != 1 {
		t.Fatalf("desk C from the later snapshot applied %d entries (%v), want 1", n, err)
	}
	sameHead(t, ctx, []*desk.Desk{deskA, deskB, deskC}, []*storage.DB{dbA, dbB, dbC})
	for i, db := range []*storage.DB{dbB, dbC} {
		rep, err := db.Verify(ctx, storage.VerifyOptions{})
		if err != nil || !rep.OK() {
			t.Fatalf("desk %d does not verify (%v): %+v", i+2, err, rep)
		}
	}
}
