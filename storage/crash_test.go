package storage_test

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/storage"
)

// The crash test: a writer process runs real service commands on a data
// folder on disk and says after each one that it was committed; this
// process kills it with SIGKILL at a random moment, reopens the folder and
// checks that every write the writer reported is there and that the hash
// chain verifies. Then it starts the writer again on the same folder, so
// later rounds also kill processes that opened a folder recovered from a
// crash. CERTDESK_CRASH_ROUNDS sets the number of rounds (default 20);
// docs/testing.md.

const (
	crashWriterEnv = "CERTDESK_CRASH_WRITER_DIR"
	// crashReopenEnv set to 1 makes the writer close and reopen the
	// folder before each command, so that most kills land in an open.
	crashReopenEnv = "CERTDESK_CRASH_REOPEN"
)

type wallClock struct{}

func (wallClock) Now() time.Time { return time.Now() }

// TestCrashWriterHelper is the writer process. It does nothing in a normal
// test run; TestCrashKill starts the test binary with -test.run set to it
// and the data folder in CERTDESK_CRASH_WRITER_DIR.
//
// It adds clients and renames earlier ones, forever, printing after each
// command returns "add <id>" or "update <id> <rev>" (the client's name
// then ends with "rev <rev>").
func TestCrashWriterHelper(t *testing.T) {
	dir := os.Getenv(crashWriterEnv)
	if dir == "" {
		t.Skip("only runs as the writer process of TestCrashKill")
	}
	ctx := context.Background()
	var db *storage.DB
	var svc *certification.Service
	reopen := func() {
		if db != nil {
			if err := db.Close(); err != nil {
				fmt.Fprintln(os.Stderr, "writer: close:", err)
				os.Exit(3)
			}
		}
		var err error
		if db, err = storage.OpenWith(dir, storage.Options{Passphrase: crashPassphrase()}); err != nil {
			fmt.Fprintln(os.Stderr, "writer: open:", err)
			os.Exit(3)
		}
		svc = certification.NewService(db, wallClock{})
	}
	reopen()
	reopenEach := os.Getenv(crashReopenEnv) == "1"
	out := bufio.NewWriter(os.Stdout)
	report := func(format string, args ...any) {
		fmt.Fprintf(out, format+"\n", args...)
		if err := out.Flush(); err != nil {
			os.Exit(4)
		}
	}
	fail := func(what string, err error) {
		fmt.Fprintf(os.Stderr, "writer: %s: %v\n", what, err)
		os.Exit(5)
	}
	var ids []certification.ID
	rng := rand.New(rand.NewPCG(uint64(os.Getpid()), uint64(time.Now().UnixNano())))
	for n := 0; ; n++ {
		if reopenEach && n > 0 {
			reopen()
		}
		if len(ids) > 0 && n%3 == 2 {
			id := ids[rng.IntN(len(ids))]
			var c certification.Client
			if err := db.View(ctx, func(tx certification.Tx) error { return tx.Get(id, &c) }); err != nil {
				fail("read client", err)
			}
			rev := clientRev(c.LegalName) + 1
			c.LegalName = fmt.Sprintf("Crash Client %d rev %d", id, rev)
			if err := svc.UpdateClient(ctx, c); err != nil {
				fail("update client", err)
			}
			report("update %d %d", id, rev)
			continue
		}
		id, err := svc.AddClient(ctx, certification.Client{
			LegalName:          "Crash Client new rev 0",
			RegisteredAddress:  "1 Kill Street",
			EffectivePersonnel: float64(1 + n%50),
		})
		if err != nil {
			fail("add client", err)
		}
		ids = append(ids, id)
		report("add %d", id)
	}
}

// clientRev reads the revision at the end of a crash client's name.
func clientRev(name string) int {
	_, after, ok := strings.Cut(name, " rev ")
	if !ok {
		return -1
	}
	n, err := strconv.Atoi(after)
	if err != nil {
		return -1
	}
	return n
}

func crashRounds(t *testing.T) int {
	s := os.Getenv("CERTDESK_CRASH_ROUNDS")
	if s == "" {
		if testing.Short() {
			return 5
		}
		return 20
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 {
		t.Fatalf("CERTDESK_CRASH_ROUNDS=%q: want a number of rounds from 1", s)
	}
	return n
}

// crashPassphrase is the passphrase of an encrypted crash folder, handed
// to the writer in the environment; nil for a plain one.
func crashPassphrase() []byte {
	if p := os.Getenv(storage.PassphraseEnv); p != "" {
		return []byte(p)
	}
	return nil
}

func TestCrashKill(t *testing.T) {
	if os.Getenv(crashWriterEnv) != "" {
		t.Skip("inside the writer process")
	}
	t.Setenv(storage.PassphraseEnv, "")
	crashKill(t, crashRounds(t), t.TempDir())
}

// TestCrashKillDuringOpen kills a writer that closes and reopens the
// folder before each command, so that most kills land while Badger
// creates its log files: the very next open must succeed every time
// (dgraph-io/badger#2207 left empty .mem and .vlog files that failed it;
// storage/emptylogs.go).
func TestCrashKillDuringOpen(t *testing.T) {
	if os.Getenv(crashWriterEnv) != "" {
		t.Skip("inside the writer process")
	}
	t.Setenv(storage.PassphraseEnv, "")
	t.Setenv(crashReopenEnv, "1")
	crashKill(t, 2*crashRounds(t), t.TempDir())
}

// TestCrashKillEncrypted is the crash test on an encrypted folder, with
// half the rounds: Badger's encrypted write-ahead log and value log must
// replay as the plain ones do.
func TestCrashKillEncrypted(t *testing.T) {
	if os.Getenv(crashWriterEnv) != "" {
		t.Skip("inside the writer process")
	}
	dir := t.TempDir()
	const pass = "crash test passphrase"
	if _, err := storage.EncryptCheap(context.Background(), dir, []byte(pass)); err != nil {
		t.Fatal(err)
	}
	t.Setenv(storage.PassphraseEnv, pass)
	crashKill(t, max(crashRounds(t)/2, 1), dir)
}

func crashKill(t *testing.T, rounds int, dir string) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))

	committedAdds := map[certification.ID]bool{}
	committedRev := map[certification.ID]int{} // latest revision reported per client
	totalKilledMidWrite, emptyLogs := 0, 0
	for round := 1; round <= rounds; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriterHelper$", "-test.count=1")
		cmd.Env = append(os.Environ(), crashWriterEnv+"="+dir)
		var stderr strings.Builder
		cmd.Stderr = &stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan []string, 1)
		first := make(chan struct{})
		go func() {
			var got []string
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if len(got) == 0 {
					close(first)
				}
				got = append(got, sc.Text())
			}
			lines <- got
		}()
		// A random moment. Odd rounds count from the start, so some kills
		// land while Badger opens and replays its log; even rounds count
		// from the first reported commit, so they always kill a writer in
		// the middle of its writes, however slow the machine.
		delay := time.Duration(rng.IntN(300)) * time.Millisecond
		midWrite := round%2 == 0
		if midWrite {
			select {
			case <-first:
			case <-time.After(60 * time.Second):
				cmd.Process.Kill()
				t.Fatalf("round %d: the writer reported nothing in a minute\nstderr:\n%s", round, stderr.String())
			}
		}
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
			t.Fatalf("round %d: kill: %v", round, err)
		}
		got := <-lines
		werr := cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
			t.Fatalf("round %d: the writer was not killed by SIGKILL but ended: %v\nstderr:\n%s", round, werr, stderr.String())
		}

		// Only complete lines count: a line is printed after its command returned.
		n := 0
		for _, line := range got {
			f := strings.Fields(line)
			switch {
			case len(f) == 2 && f[0] == "add":
				id, err := strconv.ParseUint(f[1], 10, 64)
				if err != nil {
					t.Fatalf("round %d: bad writer line %q", round, line)
				}
				committedAdds[certification.ID(id)] = true
				committedRev[certification.ID(id)] = max(committedRev[certification.ID(id)], 0)
				n++
			case len(f) == 3 && f[0] == "update":
				id, err1 := strconv.ParseUint(f[1], 10, 64)
				rev, err2 := strconv.Atoi(f[2])
				if err1 != nil || err2 != nil {
					t.Fatalf("round %d: bad writer line %q", round, line)
				}
				committedRev[certification.ID(id)] = max(committedRev[certification.ID(id)], rev)
				n++
			case strings.HasPrefix(line, "=== RUN") || strings.HasPrefix(line, "---") || line == "":
				// the test framework's own lines
			default:
				// e.g. a line cut short by the kill cannot be complete: a
				// scanner only returns it at EOF without its newline.
			}
		}
		if n > 0 {
			totalKilledMidWrite++
		}
		if midWrite {
			t.Logf("round %d: killed %v after the first commit, %d commands reported", round, delay, n)
		} else {
			t.Logf("round %d: killed %v after the start, %d commands reported", round, delay, n)
		}

		emptyLogs += countEmptyLogs(t, dir)
		checkCrashFolder(ctx, t, dir, round, committedAdds, committedRev)
	}
	if len(committedAdds) == 0 {
		t.Fatal("the writer never reported a committed write: nothing was tested")
	}
	if totalKilledMidWrite < rounds/2 {
		t.Errorf("only %d of %d rounds killed the writer after it had written", totalKilledMidWrite, rounds)
	}
	t.Logf("%d rounds, %d clients reported committed, %d empty log files left by kills (removed by the next open)", rounds, len(committedAdds), emptyLogs)
}

// countEmptyLogs counts the 0-byte .mem and .vlog files in dir.
func countEmptyLogs(t *testing.T, dir string) int {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if info, err := e.Info(); err == nil && info.Size() == 0 && (strings.HasSuffix(e.Name(), ".mem") || strings.HasSuffix(e.Name(), ".vlog")) {
			n++
		}
	}
	return n
}

// checkCrashFolder reopens the folder after a kill and checks every
// reported write and the chain. Every third round reads it as a reading
// command does, read-only (which must replay what the kill left in the
// write-ahead log first: storage.openReadOnly).
func checkCrashFolder(ctx context.Context, t *testing.T, dir string, round int, adds map[certification.ID]bool, revs map[certification.ID]int) {
	t.Helper()
	db, err := storage.OpenWith(dir, storage.Options{Passphrase: crashPassphrase(), ReadOnly: round%3 == 0})
	if err != nil {
		t.Fatalf("round %d: reopening the folder after SIGKILL: %v", round, err)
	}
	defer db.Close()
	err = db.View(ctx, func(tx certification.Tx) error {
		for id := range adds {
			var c certification.Client
			if err := tx.Get(id, &c); err != nil {
				t.Errorf("round %d: client %d was reported committed but is lost: %v", round, id, err)
				continue
			}
			if got, want := clientRev(c.LegalName), revs[id]; got < want {
				t.Errorf("round %d: client %d has name %q; revision %d was reported committed", round, id, c.LegalName, want)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	rep, err := db.Verify(ctx, storage.VerifyOptions{Indexes: true})
	if err != nil {
		t.Fatalf("round %d: verify: %v", round, err)
	}
	if !rep.OK() {
		t.Fatalf("round %d: the folder does not verify after SIGKILL: first broken entry %+v, record problems %+v, index problems %+v",
			round, rep.FirstBroken(), rep.RecordProblems, rep.IndexProblems)
	}
	if t.Failed() {
		t.FailNow()
	}
}
