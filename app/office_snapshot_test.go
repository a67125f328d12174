package app

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
	"certdesk/storage/office"
)

// restoreForTest is main.go's restoreDesk.
func restoreForTest(ctx context.Context, dir string, o Office, progress func(done, total int)) (bool, error) {
	return desk.Start(ctx, dir, o.URL, bodylog.Config{}, progress)
}

// joinNeedingSnapshot is main.go's joinOffice, with its error mapping.
func joinNeedingSnapshot(ctx context.Context, st Store, o Office) (Desk, error) {
	d, err := joinForTest(ctx, st, o)
	if errors.Is(err, desk.ErrNeedsSnapshot) {
		return nil, errors.Join(ErrNeedsSnapshot, err)
	}
	return d, err
}

// A new, empty folder connected (File › Connect to office…) to a body
// that began from an existing folder: the window opens the folder again,
// starts it from the body's snapshot and joins; the body's clients are
// there and the desk is in step.
func TestNewDeskStartsFromTheBodysSnapshot(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	src, err := storage.Open(filepath.Join(t.TempDir(), "src"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(ctx, src, demo.Options{Clients: 6, Seed: 4, AsOf: certification.Date(20261124)}); err != nil {
		t.Fatal(err)
	}
	genesis := filepath.Join(t.TempDir(), "genesis.cdbk")
	if _, err := src.BackupFile(ctx, genesis, nil); err != nil {
		t.Fatal(err)
	}
	head, _ := src.Head(ctx)
	src.Close()
	o, err := office.Start(office.Options{Dir: t.TempDir(), Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	base := bodylog.Base{Seq: head.Seq, Hash: head.Hash}
	log, err := bodylog.Open(ctx, o.URL(), bodylog.Config{Base: base})
	if err != nil {
		t.Fatal(err)
	}
	if err := desk.PutGenesis(ctx, log, genesis, base); err != nil {
		t.Fatal(err)
	}
	log.Close()

	s := newShellHarness(t, filepath.Join(t.TempDir(), "new desk"), func(c *Config) {
		c.JoinOffice, c.RestoreDesk = joinNeedingSnapshot, restoreForTest
	})
	u := s.sh.cur
	for _, d := range u.dialogs {
		d.Hide() // the first start's offer of demo data
	}
	u.connectTo(Office{URL: o.URL()})
	for range 200 { // bounded: 10 s
		s.settle()
		if s.sh.cur != nil && s.sh.cur != u && s.sh.cur.office.desk != nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if s.sh.cur == nil || s.sh.cur == u || s.sh.cur.office.desk == nil {
		t.Fatal("the window did not open the folder again as a desk of the body")
	}
	db := s.sh.st.(*storage.DB)
	got, _ := db.Head(ctx)
	if got != (storage.ChainLink{Seq: head.Seq, Hash: head.Hash}) {
		t.Fatalf("the new desk's head is %+v, the body's %+v", got, head)
	}
	n := 0
	if err := db.View(ctx, func(tx certification.Tx) error { n, err = tx.Count(certification.KindClient); return err }); err != nil || n != 6 {
		t.Fatalf("the new desk holds %d clients (%v), want the body's 6", n, err)
	}
	s.capture("office-new-desk-from-snapshot")
}
