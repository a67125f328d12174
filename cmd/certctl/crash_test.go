//go:build unix

package main

import (
	"errors"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
)

const crashHelperEnv = "CERTCTL_CRASH_HELPER"

// TestCrashHelper is the process TestCrashIsNotAnInputError crashes.
func TestCrashHelper(t *testing.T) {
	if os.Getenv(crashHelperEnv) == "" {
		t.Skip("only runs as the process TestCrashIsNotAnInputError crashes")
	}
	syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{}) // no core file
	crashAborts()
	done := make(chan struct{})
	go func() { panic("a bug in a goroutine") }()
	<-done
}

// A crash ends certctl with SIGABRT, never with exit status 2, the status
// of an input error (docs/cli.md, exit codes).
func TestCrashIsNotAnInputError(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), crashHelperEnv+"=1")
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if !errors.As(err, &ee) {
		t.Fatalf("the crashing process ended with %v\n%s", err, out)
	}
	ws, ok := ee.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGABRT || ee.ExitCode() == exitInput {
		t.Fatalf("a crash ended with %v (exit code %d), want SIGABRT and never exit %d\n%s", err, ee.ExitCode(), exitInput, out)
	}
	if !strings.Contains(string(out), "a bug in a goroutine") {
		t.Errorf("the crash does not print its cause:\n%s", out)
	}
}
