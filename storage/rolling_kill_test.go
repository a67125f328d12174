package storage

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const rollingKillEnv = "CERTDESK_ROLLING_KILL_DIR"

// TestRollingKillHelper is the backing-up process of
// TestRollingBackupKilledMidWrite: it writes automatic backups of the
// folder in CERTDESK_ROLLING_KILL_DIR (keep 2) until it is killed. It does
// nothing in a normal test run.
func TestRollingKillHelper(t *testing.T) {
	dir := os.Getenv(rollingKillEnv)
	if dir == "" {
		t.Skip("only runs as the process that TestRollingBackupKilledMidWrite kills")
	}
	db, err := Open(dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "backer:", err)
		os.Exit(3)
	}
	for {
		if _, _, err := db.BackupRolling(context.Background(), RollingBackupDir(dir), 2); err != nil {
			fmt.Fprintln(os.Stderr, "backer:", err)
			os.Exit(5)
		}
	}
}

// TestRollingBackupKilledMidWrite kills a process that writes automatic
// backups at random moments (SIGKILL: no deferred clean-up runs): every
// backup in the set is complete and checks, one more than keep at most; what
// the killed one left is temporary files only, which the next backup
// removes once they are old enough to be nobody's.
func TestRollingBackupKilledMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	ctx := context.Background()
	dir := demoFolder(t)
	folder := RollingBackupDir(dir)
	temps := 0
	for round := range 6 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRollingKillHelper$")
		cmd.Env = append(os.Environ(), rollingKillEnv+"="+dir)
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(300+rand.IntN(700)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()

		// keep+1 when the kill came between the rename of the new backup
		// and the deletion of the oldest: the next backup deletes it.
		set, err := RollingBackups(folder)
		if err != nil || len(set) > 3 {
			t.Fatalf("round %d: the set %v, %v", round, set, err)
		}
		for _, p := range set {
			if _, err := CheckBackupFile(ctx, p, nil); err != nil {
				t.Fatalf("round %d: a backup in the set is not complete: %v", round, err)
			}
		}
		entries, _ := os.ReadDir(folder)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ".tmp") {
				temps++
				// As if the killed backup had been left a while ago.
				old := time.Now().Add(-2 * staleTempAge)
				os.Chtimes(filepath.Join(folder, e.Name()), old, old)
			}
		}
	}
	t.Logf("%d temporary files left by the killed backups", temps)

	db := openAt(t, dir)
	if _, _, err := db.BackupRolling(ctx, folder, 2); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(folder)
	set, _ := RollingBackups(folder)
	if len(entries) != len(set) || len(set) != 2 {
		t.Errorf("after the next backup the folder holds %d files, %d of them backups", len(entries), len(set))
	}
}
