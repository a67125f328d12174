package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/storage"
)

// BenchmarkQuit measures closing the window on a copy of the data folder
// named by CERTDESK_BENCH_DATA (certctl demo --clients 10000; see
// BENCHMARKS.md): from the close click until the store is closed
// (closeWindow, then shutDown as Run does). Each round opens the folder,
// shows the dashboard and records one change first (not timed).
//
//   - before: what closing did until issue 18, the automatic backup
//     (BackupRolling, keep 5) and then the close;
//   - close: closing now;
//   - close-during-backup: closing while the backup of the start is
//     half written (it stops and leaves no file in the set);
//   - backup-on-start: the backup moved to the start, which runs in the
//     background while the screens work (from start to written).
func BenchmarkQuit(b *testing.B) {
	src := os.Getenv("CERTDESK_BENCH_DATA")
	if src == "" {
		b.Skip("set CERTDESK_BENCH_DATA to a folder made by certctl demo --clients 10000")
	}
	dir := filepath.Join(b.TempDir(), "data")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	a := test.NewTempApp(b)
	backups := storage.Backups{}
	folder := backups.RollingDir(dir)
	round := func(b *testing.B, before func(u *ui), timed func(u *ui), after func(u *ui)) {
		for range b.N {
			b.StopTimer()
			st, err := storage.Open(dir)
			if err != nil {
				b.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			bg := newWorker(ctx)
			bg.hold = true
			w := test.NewTempWindow(b, nil)
			u := newUI(a, w, st, SystemClock{}, bg)
			u.dataDir, u.bk.backups = dir, backups
			w.SetContent(u.build())
			w.Resize(fyne.NewSize(1280, 820))
			u.start()
			bg.drain()
			svc := certification.NewService(st, SystemClock{}).As(certification.Actor{Name: "bench"})
			if _, err := svc.AddPerson(ctx, certification.Person{Name: "Bench Auditor", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
				b.Fatal(err)
			}
			if before != nil {
				before(u)
			}
			b.StartTimer()
			timed(u)
			if err := shutDown(cancel, bg, u, st); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			if after != nil {
				after(u)
			}
		}
	}
	closeNow := func(u *ui) {
		closed := false
		u.closeWindow(func() { closed = true })
		if !closed {
			b.Fatal("the window did not close at once")
		}
	}
	setCount := func() int { files, _ := storage.RollingBackups(folder); return len(files) }

	b.Run("before", func(b *testing.B) {
		round(b, nil, func(u *ui) {
			if _, err := backups.BackupRolling(context.Background(), u.store, dir, 5); err != nil {
				b.Fatal(err)
			}
			closeNow(u)
		}, nil)
	})
	b.Run("close", func(b *testing.B) {
		round(b, nil, closeNow, nil)
	})
	b.Run("close-during-backup", func(b *testing.B) {
		var n int
		round(b, func(u *ui) {
			n = setCount()
			u.backupOnStart(false)
			waitForTemp(b, folder)
		}, closeNow, func(u *ui) {
			if m := setCount(); m != n || hasTemp(folder) {
				b.Fatalf("the stopped backup left the set at %d (was %d), temporary files: %v", m, n, hasTemp(folder))
			}
		})
	})
	b.Run("backup-on-start", func(b *testing.B) {
		round(b, nil, func(u *ui) {
			u.backupOnStart(false)
			u.bg.drain()
			if !strings.HasPrefix(u.bk.lastMsg, "Backed up at") {
				b.Fatalf("the start's backup: %q", u.bk.lastMsg)
			}
		}, nil)
	})
}

// hasTemp reports whether folder holds a backup's temporary file.
func hasTemp(folder string) bool {
	entries, _ := os.ReadDir(folder)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			return true
		}
	}
	return false
}

// waitForTemp waits (at most a minute) until the backup has started
// writing into folder.
func waitForTemp(b *testing.B, folder string) {
	for range 6000 {
		if hasTemp(folder) {
			time.Sleep(200 * time.Millisecond) // well into the snapshot
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	b.Fatal("the backup of the start never began writing")
}
