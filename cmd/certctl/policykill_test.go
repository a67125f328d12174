//go:build unix

package main

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

const policyKillEnv = "CERTCTL_POLICY_KILL_DIR"

// TestPolicyKillHelper is the certctl process TestKillDuringPolicyChange
// kills: one policy change on the folder it is given.
func TestPolicyKillHelper(t *testing.T) {
	dir := os.Getenv(policyKillEnv)
	if dir == "" {
		t.Skip("only runs as the process TestKillDuringPolicyChange kills")
	}
	months := os.Getenv(policyKillEnv + "_MONTHS")
	os.Exit(run(context.Background(), []string{"--data", dir, "--as", "1", "policy", "set", "surveillance_window_months=" + months}, strings.NewReader(""), os.Stdout, os.Stderr))
}

// A policy change killed (SIGKILL, a real process) at random points of
// its run: the policy and its recomputation are one unit. verify
// --indexes, which reads the folder as it is, names an unfinished
// recomputation and nothing else; the next command that reads the
// schedule finishes it, and then the folder verifies, indexes and
// schedule included.
func TestKillDuringPolicyChange(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a certctl process in many rounds")
	}
	_, dir := demoBeside(t, "300")
	change := func(months int) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestPolicyKillHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), policyKillEnv+"="+dir, policyKillEnv+"_MONTHS="+string(rune('0'+months)))
		return cmd
	}
	// One change left to finish: how long a whole one takes here.
	start := time.Now()
	if out, err := change(1).CombinedOutput(); err != nil {
		t.Fatalf("a policy change: %v\n%s", err, out)
	}
	whole := time.Since(start)

	const maxRounds, wantCaught = 40, 3
	rounds, caught := 0, 0
	deadline := time.Now().Add(3 * time.Minute)
	for ; rounds < maxRounds && (rounds < 6 || caught < wantCaught) && time.Now().Before(deadline); rounds++ {
		cmd := change(2 + rounds%3)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Somewhere in the change's run, mostly in its recomputation.
		time.Sleep(time.Duration(float64(whole) * (0.2 + 0.8*rand.Float64())))
		cmd.Process.Kill()
		cmd.Wait()

		r := cli(t, dir, "verify", "--indexes")
		switch {
		case r.code == 0:
		case strings.Contains(r.stdout, "recomputation of the obligations (policy changed) is unfinished"):
			caught++
			for _, line := range strings.Split(r.stdout, "\n") {
				if strings.Contains(line, "journal entry") && strings.Contains(line, "does not match") {
					t.Fatalf("round %d: the journal does not verify after the kill:\n%s", rounds, r.stdout)
				}
			}
		default:
			t.Fatalf("round %d: after the kill verify --indexes says:\n%s\n%s", rounds, r.stdout, r.stderr)
		}
		ok(t, dir, "schedule")
		ok(t, dir, "verify", "--indexes")
	}
	t.Logf("%d kills within %v (a whole change takes %v); %d landed between the policy's save and the end of its recomputation", rounds, 3*time.Minute, whole.Round(time.Millisecond), caught)
	if caught == 0 {
		t.Errorf("no kill of %d landed between a policy's save and the end of its recomputation: the test did not test it", rounds)
	}
}
