package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"certdesk/storage/bodylog"
)

const officeKillEnv = "CERTCTL_OFFICE_KILL_DIR"

// TestOfficeKillHelper is the office process TestOfficeKilledLosesNothing
// kills: certctl office serve on the folder and port it is given.
func TestOfficeKillHelper(t *testing.T) {
	dir := os.Getenv(officeKillEnv)
	if dir == "" {
		t.Skip("only runs as the office TestOfficeKilledLosesNothing kills")
	}
	os.Exit(run(context.Background(), []string{"office", "serve", "--dir", dir, "--host", "127.0.0.1", "--port", os.Getenv(officeKillEnv + "_PORT")}, strings.NewReader(""), os.Stdout, os.Stderr))
}

// freePort is a port on 127.0.0.1 nobody listens on now.
func freePort(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// startOfficeProcess runs certctl office serve as a process of its own
// and waits until it says where it serves.
func startOfficeProcess(t *testing.T, dir, port string) (*exec.Cmd, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOfficeKillHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), officeKillEnv+"="+dir, officeKillEnv+"_PORT="+port)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if _, url, ok := strings.Cut(sc.Text(), "journal at "); ok {
				lines <- strings.Fields(url)[0]
			}
		}
	}()
	select {
	case url := <-lines:
		return cmd, url
	case <-time.After(30 * time.Second):
		t.Fatalf("the office did not start within 30 s: %s", stderr.String())
	}
	return nil, ""
}

// The office is killed (SIGKILL, a real process) while a desk appends as
// fast as it can: restarted on its folder, it has every entry it
// acknowledged, in order, and nothing else. (A killed process leaves its
// writes in the machine's cache; surviving a power cut as well is what
// the office's sync_interval: always is for, which no test here can cut.)
func TestOfficeKilledLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs and kills an office process")
	}
	dir, port := t.TempDir(), freePort(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	office, url := startOfficeProcess(t, dir, port)
	log, err := bodylog.Open(ctx, url, bodylog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	// Append until the office is gone (at most 20,000 entries or 20 s);
	// kill it once a few hundred are acknowledged.
	acked := map[uint64]string{}
	var last uint64
	killAt, deadline := 300, time.Now().Add(20*time.Second)
	for i := 0; i < 20000 && time.Now().Before(deadline); i++ {
		if i == killAt {
			go office.Process.Kill()
		}
		actx, acancel := context.WithTimeout(ctx, 2*time.Second)
		data := fmt.Sprintf("entry %d", i+1)
		seq, err := log.Append(actx, last, "", []byte(data))
		acancel()
		if err != nil {
			if i < killAt {
				t.Fatalf("append %d before the kill: %v", i+1, err)
			}
			break
		}
		acked[seq], last = data, seq
	}
	log.Close()
	office.Wait()
	if len(acked) < killAt {
		t.Fatalf("only %d appends acknowledged", len(acked))
	}

	_, url = startOfficeProcess(t, dir, port)
	log, err = bodylog.Open(ctx, url, bodylog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	got := map[uint64]string{}
	err = log.Read(ctx, 1, func(seq uint64, data []byte) error {
		got[seq] = string(data)
		if want := fmt.Sprintf("entry %d", seq); string(data) != want {
			return fmt.Errorf("entry %d holds %q", seq, data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for seq, data := range acked {
		if got[seq] != data {
			t.Fatalf("acknowledged entry %d (%q) is %q after the restart", seq, data, got[seq])
		}
	}
	// At most the one append in flight at the kill may have been stored
	// without its acknowledgement reaching the desk.
	if extra := len(got) - len(acked); extra < 0 || extra > 1 {
		t.Fatalf("%d entries after the restart, %d acknowledged", len(got), len(acked))
	}
	t.Logf("%d entries acknowledged before the kill, %d stored after the restart", len(acked), len(got))
}

// office init makes the folder once; office enrol writes a desk's
// credentials to a new file only, once per desk name.
func TestOfficeInitAndEnrol(t *testing.T) {
	dir, out := t.TempDir(), t.TempDir()
	if r := cli(t, t.TempDir(), "office", "enrol", "lena", "--dir", dir, "--out", out+"/lena.creds"); r.code != 2 || !strings.Contains(r.stderr, "office init first") {
		t.Fatalf("enrol before init: %d %s", r.code, r.stderr)
	}
	if r := cli(t, t.TempDir(), "--json", "office", "init", "--dir", dir, "--host", "office.example"); r.code != 0 || !strings.Contains(r.stdout, `"ca"`) {
		t.Fatalf("init: %d %s %s", r.code, r.stdout, r.stderr)
	}
	if r := cli(t, t.TempDir(), "office", "init", "--dir", dir); r.code != 2 || !strings.Contains(r.stderr, "already holds an office's CA") {
		t.Fatalf("a second init: %d %s", r.code, r.stderr)
	}
	creds := out + "/lena.creds"
	if r := cli(t, t.TempDir(), "office", "enrol", "lena", "--dir", dir, "--out", creds); r.code != 0 {
		t.Fatalf("enrol: %d %s", r.code, r.stderr)
	}
	st, err := os.Stat(creds)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file %v, %v: want mode 0600", st, err)
	}
	if b, _ := os.ReadFile(creds); !strings.HasPrefix(string(b), "SU") {
		t.Fatalf("the credentials are not a desk's NKey seed: %.2q", b)
	}
	if r := cli(t, t.TempDir(), "office", "enrol", "dora", "--dir", dir, "--out", creds); r.code != 2 || !strings.Contains(r.stderr, "exists") {
		t.Fatalf("enrol over an existing file: %d %s", r.code, r.stderr)
	}
	if r := cli(t, t.TempDir(), "office", "enrol", "lena", "--dir", dir, "--out", out+"/again.creds"); r.code != 2 || !strings.Contains(r.stderr, "enrolled already") {
		t.Fatalf("enrol the same desk twice: %d %s", r.code, r.stderr)
	}
}
