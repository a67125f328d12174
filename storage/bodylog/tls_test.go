package bodylog

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"certdesk/storage/office"
)

// An initialised office speaks TLS and admits only its enrolled desks:
// a desk with the CA and its credentials appends; one without
// credentials, with unknown credentials, or without TLS is refused by
// the server; and an enrolled desk may not delete, purge or reconfigure
// the journal.
func TestOfficeAdmitsOnlyEnrolledDesksOverTLS(t *testing.T) {
	ctx := testCtx(t)
	dir := t.TempDir()
	if _, err := office.Enrol(dir, "lena"); err == nil {
		t.Fatal("a desk was enrolled in a folder that is not an office's")
	}
	if err := office.Init(dir); err != nil {
		t.Fatal(err)
	}
	if err := office.Init(dir); err == nil {
		t.Fatal("init made a second CA over the first")
	}
	if _, err := office.Start(office.Options{Dir: dir, Host: "127.0.0.1", Port: -1}); err == nil || !strings.Contains(err.Error(), "no desk is enrolled") {
		t.Fatalf("an office with no desk enrolled started: %v", err)
	}
	creds := func(name string) string {
		seed, err := office.Enrol(dir, name)
		if err != nil {
			t.Fatal(err)
		}
		p := filepath.Join(t.TempDir(), name+".creds")
		if err := os.WriteFile(p, seed, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	lena := creds("lena")
	if _, err := office.Enrol(dir, "lena"); err == nil {
		t.Fatal("a second desk called lena was enrolled")
	}
	if _, err := office.Enrol(dir, "../x"); err == nil {
		t.Fatal("a desk name with a path was accepted")
	}
	o := startOffice(t, dir)
	url := o.URL()
	ca := office.CAFile(dir)

	l, err := Open(ctx, url, Config{CAFile: ca, CredsFile: lena})
	if err != nil {
		t.Fatalf("an enrolled desk over TLS: %v", err)
	}
	defer l.Close()
	if _, err := l.Append(ctx, 0, "", []byte("from lena")); err != nil {
		t.Fatal(err)
	}

	// A seed the office never enrolled: made in another office's folder.
	other := t.TempDir()
	if err := office.Init(other); err != nil {
		t.Fatal(err)
	}
	stranger, err := office.Enrol(other, "stranger")
	if err != nil {
		t.Fatal(err)
	}
	strangerFile := filepath.Join(t.TempDir(), "stranger.creds")
	if err := os.WriteFile(strangerFile, stranger, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		url  string
		cfg  Config
	}{
		{"no credentials", url, Config{CAFile: ca}},
		{"credentials the office did not enrol", url, Config{CAFile: ca, CredsFile: strangerFile}},
		{"no TLS", strings.Replace(url, "tls://", "nats://", 1), Config{CredsFile: lena}},
		{"the wrong CA", url, Config{CAFile: office.CAFile(other), CredsFile: lena}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			l, err := Open(ctx, tc.url, tc.cfg)
			if err == nil {
				l.Close()
				t.Fatalf("connected and bound the journal (%v)", time.Since(start))
			}
			t.Logf("refused: %v", err)
		})
	}
	// A plain connection: the server says it takes TLS only, and answers a
	// plain-text CONNECT with an error rather than admitting it.
	conn, err := net.DialTimeout("tcp", strings.TrimPrefix(url, "tls://"), 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(conn)
	info, _ := r.ReadString('\n')
	if !strings.Contains(info, `"tls_required":true`) {
		t.Errorf("the office's greeting does not require TLS: %q", info)
	}
	fmt.Fprintf(conn, "CONNECT {\"verbose\":false}\r\nPING\r\n")
	if reply, _ := r.ReadString('\n'); strings.HasPrefix(reply, "PONG") {
		t.Errorf("a plain-text client was answered: %q", reply)
	}
	if h, err := l.Head(ctx); err != nil || h != 1 {
		t.Fatalf("head %d, %v: the refused desks changed the journal", h, err)
	}

	// An enrolled desk running altered software may not delete, purge
	// or reconfigure the journal: the office denies those API calls (a
	// denied request goes unanswered, so each waits 2 s at most).
	denied := func(what string, call func(context.Context) error) {
		dctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := call(dctx); err == nil {
			t.Errorf("an enrolled desk %s", what)
		}
	}
	denied("deleted the journal stream", func(c context.Context) error { return l.js.DeleteStream(c, Stream) })
	denied("purged the journal", func(c context.Context) error { return l.stream.Purge(c) })
	cfg := l.stream.CachedInfo().Config
	cfg.DenyDelete, cfg.DenyPurge = false, false
	denied("lifted the journal's deny-delete and deny-purge", func(c context.Context) error { _, err := l.js.UpdateStream(c, cfg); return err })
	denied("deleted an entry", func(c context.Context) error { return l.stream.DeleteMsg(c, 1) })
	if h, err := l.Head(ctx); err != nil || h != 1 {
		t.Fatalf("head %d, %v: after the denied calls", h, err)
	}
	// What a desk does is still allowed: snapshots (stored once per
	// entry) and reading the journal.
	for range 2 {
		if _, err := l.PutSnapshot(ctx, 1, "hash", strings.NewReader("a backup")); err != nil {
			t.Fatalf("an enrolled desk could not store a snapshot: %v", err)
		}
	}
	if got := readAll(t, ctx, l, 1); len(got) != 1 {
		t.Fatalf("read %d entries", len(got))
	}
}
