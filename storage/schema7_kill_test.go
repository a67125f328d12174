package storage

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/view"
)

const migrateKillEnv = "CERTDESK_MIGRATE_KILL_DIR"

// TestMigrationKillHelper is the process TestMigrationTo7Killed kills:
// it opens the folder in CERTDESK_MIGRATE_KILL_DIR for changes, which
// upgrades it a record per transaction (slow on purpose), says "opened"
// when done and waits to be killed (at most a minute).
func TestMigrationKillHelper(t *testing.T) {
	dir := os.Getenv(migrateKillEnv)
	if dir == "" {
		t.Skip("only runs as the process TestMigrationTo7Killed kills")
	}
	reindexChunkRecords = 1
	os.Stdout.WriteString("opening\n")
	db, err := Open(dir)
	if err != nil {
		os.Stdout.WriteString("failed: " + err.Error() + "\n")
		os.Exit(3)
	}
	os.Stdout.WriteString("opened\n")
	time.Sleep(time.Minute)
	db.Close()
}

// Schema 7's upgrade killed (SIGKILL) while it writes the new keys
// resumes on the next open: the keys are then exactly those a new folder
// writes, the folder verifies clean and shows the same clients list.
func TestMigrationTo7Killed(t *testing.T) {
	if os.Getenv(migrateKillEnv) != "" {
		t.Skip("inside the helper process")
	}
	ctx := context.Background()
	asOf := certification.NewDate(2026, 11, 24)
	dir, db := demoOnDisk(t, 80, 9, asOf)
	all := append(slices.Clone(schema7Indexes), schema7Rewritten...)
	want := map[string][]string{}
	for _, index := range all {
		want[index] = rawIndex(t, db, index)
	}
	list, err := view.ClientRows(ctx, db, asOf)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(list)
	makeSchema6(t, db)
	db.Close()

	killedMidway := 0
	for round, delay := range []time.Duration{40 * time.Millisecond, 150 * time.Millisecond, 400 * time.Millisecond} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestMigrationKillHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), migrateKillEnv+"="+dir)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 4)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		select {
		case l := <-lines:
			if l != "opening" {
				t.Fatalf("round %d: the helper said %q", round+1, l)
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("round %d: the helper did not start", round+1)
		}
		time.Sleep(delay)
		cmd.Process.Kill() // SIGKILL
		cmd.Wait()
		opened := false
		for l := range lines {
			if strings.HasPrefix(l, "failed") {
				t.Fatalf("round %d: %s", round+1, l)
			}
			opened = opened || l == "opened"
		}
		if opened {
			break // the upgrade finished before the kill
		}
		killedMidway++
	}
	if killedMidway == 0 {
		t.Fatal("no kill landed during the upgrade")
	}

	db = openAt(t, dir)
	if v := readSchema(t, db); v != currentSchema {
		t.Fatalf("schema %d after the upgrade was resumed, want %d", v, currentSchema)
	}
	for _, index := range all {
		if got := rawIndex(t, db, index); !slices.Equal(got, want[index]) {
			t.Errorf("%s after %d kills and the resumed upgrade: %d keys, want the %d a new folder writes", index, killedMidway, len(got), len(want[index]))
		}
	}
	verifyClean(t, db)
	list, err = view.ClientRows(ctx, db, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := json.Marshal(list); string(after) != string(before) {
		t.Error("the clients list after the resumed upgrade differs")
	}
	t.Logf("killed %d times during the upgrade", killedMidway)
}
