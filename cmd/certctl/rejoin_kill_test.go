package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
	"certdesk/storage/office"
)

const rejoinKillEnv = "CERTDESK_TEST_REJOIN_KILL"

// TestRejoinKillHelper is the process the test kills: certctl sync on a
// desk with changes waiting, which rejoins the body.
func TestRejoinKillHelper(t *testing.T) {
	dir := os.Getenv(rejoinKillEnv)
	if dir == "" {
		t.Skip("run by TestRejoinSurvivesKill")
	}
	os.Exit(run(context.Background(), []string{"--data", dir, "--office", os.Getenv(rejoinKillEnv + "_URL"), "sync"}, strings.NewReader(""), os.Stdout, os.Stderr))
}

// A lead auditor's desk makes changes offline, round after round, and
// each time certctl sync rejoins the body it is SIGKILLed at a random
// moment (opening, undoing, catching up, proposing) while another desk
// keeps recording. At the end one more sync finishes the rejoin: every
// change made offline is in the body exactly once, nothing waits, none
// was refused, both desks have the same head and both verify.
func TestRejoinSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills certctl processes")
	}
	const rounds, each = 8, 30
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Second)
	defer cancel()
	o, err := office.Start(office.Options{Dir: t.TempDir(), Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	dir := filepath.Join(t.TempDir(), "site")
	site := func(url string) (*desk.Desk, *storage.DB) {
		db, err := storage.OpenWith(dir, storage.Options{Desk: true})
		if err != nil {
			t.Fatal(err)
		}
		d, err := desk.Open(ctx, db, url, bodylog.Config{})
		if err != nil {
			db.Close()
			t.Fatal(err)
		}
		return d, db
	}
	d, db := site(o.URL())
	fx, err := auditfixture.Build(ctx, d.Store())
	if err != nil {
		t.Fatal(err)
	}
	d.Close()
	db.Close()
	hq, hqDB := openDesk(t, ctx, o.URL())
	atHQ := certification.NewService(hq.Store(), fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	nowhere := "nats://127.0.0.1:" + freePort(t) // nothing listens there: the desk is offline

	var made []string
	for r := range rounds {
		d, db := site(nowhere)
		onSite := certification.NewService(d.Store(), fx.Clock).As(certification.Actor{Name: "Lena Lindqvist"})
		for k := range each {
			text := fmt.Sprintf("round %d, offline finding %d", r+1, k+1)
			if _, err := onSite.RecordFinding(ctx, certification.Finding{AuditID: fx.Integrated42001, Grade: certification.OFI, Reference: "6.1", Evidence: text}); err != nil {
				t.Fatalf("offline: %v", err)
			}
			made = append(made, text)
		}
		d.Close()
		db.Close()
		if _, err := atHQ.RecordFinding(ctx, certification.Finding{AuditID: fx.Integrated9001, Grade: certification.OFI, Reference: "7.5", Evidence: fmt.Sprintf("office, round %d", r+1)}); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestRejoinKillHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), rejoinKillEnv+"="+dir, rejoinKillEnv+"_URL="+o.URL())
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rand.N(400)) * time.Millisecond)
		cmd.Process.Kill()
		cmd.Wait()
	}

	d, db = site(o.URL())
	defer db.Close()
	defer d.Close()
	for i := 0; d.Waiting() > 0 || i == 0; i++ {
		if i == 10 {
			t.Fatalf("%d changes still wait after 10 syncs", d.Waiting())
		}
		if _, err := d.Sync(ctx); err != nil {
			t.Fatalf("finishing the rejoin: %v", err)
		}
	}
	if list, err := d.Reviews(ctx); err != nil || len(list) > 0 {
		t.Fatalf("%d changes refused (%v): findings on an open audit never are: %+v", len(list), err, list)
	}
	if _, err := hq.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	got := findingTexts(t, ctx, hqDB, fx.Integrated42001)
	for _, text := range made {
		if got[text] != 1 {
			t.Fatalf("%q is in the body %d times, want once", text, got[text])
		}
	}
	a, _ := db.Head(ctx)
	b, _ := hqDB.Head(ctx)
	if a != b {
		t.Fatalf("the site's head %+v is not the office desk's %+v", a, b)
	}
	for i, x := range []*storage.DB{db, hqDB} {
		if rep, err := x.Verify(ctx, storage.VerifyOptions{Indexes: true}); err != nil || !rep.OK() {
			t.Fatalf("desk %d does not verify: %v %v", i+1, err, rep.Lines(5))
		}
	}
	t.Logf("%d rounds of %d offline findings, each rejoin killed at random: all %d in the body once; head %d", rounds, each, len(made), a.Seq)
}
