package main

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// The office is SIGKILLed (a process of its own) while three real desks
// record findings at once, and restarted on its folder and port. While
// the office is down each desk keeps working offline (its changes
// wait); once it is back every desk rejoins and reaches the same head,
// every finding a desk was told was saved (online or offline) is there
// once on every desk, none is there twice (a proposal whose
// acknowledgement died with the office is found in the journal, not
// proposed again), nothing waits and nothing was refused, and every
// desk's journal verifies.
func TestDesksSurviveOfficeKill(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills an office process")
	}
	const nDesks, each, attempts = 3, 150, 200
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Second)
	defer cancel()
	dir, port := t.TempDir(), freePort(t)
	office, url := startOfficeProcess(t, dir, port)
	desks, dbs := make([]*desk.Desk, nDesks), make([]*storage.DB, nDesks)
	for i := range desks {
		desks[i], dbs[i] = openDesk(t, ctx, url)
	}
	fx, err := auditfixture.Build(ctx, desks[0].Store())
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range desks[1:] {
		if _, err := d.Sync(ctx); err != nil {
			t.Fatal(err)
		}
	}

	// Kill once a third of the findings are in; restart once every desk
	// has made a change offline (so the outbox is used), or after 15 s.
	var acked atomic.Int64
	midway, refused := make(chan struct{}), make([]chan struct{}, nDesks)
	var once sync.Once
	var killed atomic.Bool
	var finished [nDesks]atomic.Bool // the desk had all its findings acknowledged
	logs := make([]proposalLog, nDesks)
	var wg sync.WaitGroup
	for i, d := range desks {
		refused[i] = make(chan struct{})
		svc := certification.NewService(d.Store(), fx.Clock).As(certification.Actor{Name: fmt.Sprintf("Desk %d", i+1)})
		var refusedOnce sync.Once
		wg.Go(func() {
			l := &logs[i]
			for k := 0; k < attempts && len(l.acked) < each && ctx.Err() == nil; k++ {
				text := fmt.Sprintf("desk %d, proposal %d", i+1, k+1)
				start := time.Now()
				pctx, pcancel := context.WithTimeout(ctx, 4*time.Second)
				_, err := svc.RecordFinding(pctx, certification.Finding{AuditID: fx.Integrated42001, Grade: certification.OFI, Reference: "6.1", Evidence: text})
				pcancel()
				l.record(text, start, err)
				if err == nil && acked.Add(1) >= nDesks*each/3 {
					once.Do(func() { close(midway) })
				}
				if err == nil && killed.Load() && d.Waiting() > 0 {
					refusedOnce.Do(func() { close(refused[i]) })
				}
			}
			finished[i].Store(len(l.acked) >= each)
		})
	}
	var killedAt, restartedAt time.Time
	select {
	case <-midway:
	case <-time.After(60 * time.Second):
		t.Fatalf("only %d findings acknowledged in 60 s", acked.Load())
	}
	killedAt = time.Now()
	killed.Store(true)
	if err := office.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	office.Wait()
	// A desk that had all its findings taken before the kill proposes
	// nothing more (the desks race: one may win most appends); every
	// other one must make a change offline.
	wait := time.After(15 * time.Second)
	running := 0
	for i := range refused {
		if finished[i].Load() {
			continue
		}
		running++
		select {
		case <-refused[i]:
		case <-wait:
			t.Errorf("desk %d made no change offline in 15 s with the office down", i+1)
		}
	}
	if running == 0 {
		t.Fatal("every desk had finished before the office was killed: nothing was proposed while it was down")
	}
	restartedAt = time.Now()
	startOfficeProcess(t, dir, port)
	wg.Wait()
	if ctx.Err() != nil {
		t.Fatal("the desks did not finish in time")
	}

	// Each desk rejoins (its waiting changes join the body), then every
	// desk catches up with the others'.
	for i, d := range desks {
		for deadline := time.Now().Add(15 * time.Second); !d.Connected(); time.Sleep(20 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("desk %d did not reconnect in 15 s", i+1)
			}
		}
		if _, err := d.Sync(ctx); err != nil {
			t.Fatalf("desk %d: rejoining after the restart: %v", i+1, err)
		}
	}
	head := storage.ChainLink{}
	for i, d := range desks {
		if _, err := d.Sync(ctx); err != nil {
			t.Fatalf("desk %d: sync after the restart: %v", i+1, err)
		}
		h, err := dbs[i].Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			head = h
		} else if h != head {
			t.Fatalf("desk %d's head is %+v, desk 1's %+v", i+1, h, head)
		}
		if rep, err := dbs[i].Verify(ctx, storage.VerifyOptions{}); err != nil || !rep.OK() {
			t.Fatalf("desk %d does not verify: %+v %v", i+1, rep, err)
		}
		if n := d.Waiting(); n > 0 {
			t.Fatalf("desk %d still has %d changes waiting after rejoining", i+1, n)
		}
		if list, err := d.Reviews(ctx); err != nil || len(list) > 0 {
			t.Fatalf("desk %d: %d changes refused on rejoining (%v): findings on an open audit are never refused", i+1, len(list), err)
		}
	}
	stored := findingTexts(t, ctx, dbs[0], fx.Integrated42001)
	for i := range dbs[1:] {
		if got := findingTexts(t, ctx, dbs[i+1], fx.Integrated42001); fmt.Sprint(got) != fmt.Sprint(stored) {
			t.Fatalf("desk %d's findings differ from desk 1's", i+2)
		}
	}
	total, unacked := 0, 0
	for text, n := range stored {
		if strings.HasPrefix(text, "desk ") && n != 1 {
			t.Fatalf("finding %q is there %d times", text, n)
		}
	}
	for i, l := range logs {
		for _, text := range l.acked {
			if stored[text] != 1 {
				t.Fatalf("acknowledged finding %q is missing after the restart", text)
			}
		}
		for _, text := range l.failed {
			unacked += stored[text]
		}
		total += len(l.acked)
		l.report(t, i+1, killedAt, restartedAt)
	}
	t.Logf("head %d; %d findings acknowledged, all there once on every desk; %d stored although their proposal failed; office down %v (kill to restart)",
		head.Seq, total, unacked, restartedAt.Sub(killedAt).Round(time.Millisecond))
}
