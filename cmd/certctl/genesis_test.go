package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// serveInProcess runs certctl office serve in this process until the
// test ends, and returns the URL it printed.
func serveInProcess(t *testing.T, dir string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"office", "serve", "--dir", dir, "--host", "127.0.0.1", "--port", freePort(t), "--json"}, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("office serve did not stop within 10 s")
		}
	})
	// The JSON document is indented: read until it closes.
	var doc strings.Builder
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		doc.WriteString(sc.Text())
		if sc.Text() == "}" {
			break
		}
	}
	var served struct{ URL string }
	if err := json.Unmarshal([]byte(doc.String()), &served); err != nil {
		t.Fatalf("office serve printed %q: %v", doc.String(), err)
	}
	go io.Copy(io.Discard, pr)
	return served.URL
}

// A body begins from a folder that worked alone: office init --from
// keeps its copy, serve stores it as the first snapshot, the folder
// itself joins as the first desk, a new desk starts from the snapshot,
// and a snapshot taken later is where the next new desk starts.
func TestOfficeInitFromAFolder(t *testing.T) {
	cleanEnv(t)
	tmp := t.TempDir()
	a, off := filepath.Join(tmp, "a"), filepath.Join(tmp, "office")
	ok(t, a, "demo", "--clients", "3", "--as-of", "2026-06-30")
	var made struct {
		Base struct {
			Seq  uint64 `json:"seq"`
			Hash string `json:"hash"`
		} `json:"base"`
	}
	decodeJSON(t, ok(t, a, "office", "init", "--dir", off, "--from", a, "--json"), &made)
	if made.Base.Seq == 0 {
		t.Fatalf("office init --from names no base: %+v", made)
	}
	creds := map[string]string{}
	for _, d := range []string{"a", "b", "c"} {
		creds[d] = filepath.Join(tmp, d+".nk")
		ok(t, a, "office", "enrol", d, "--dir", off, "--out", creds[d])
	}
	url := serveInProcess(t, off)
	desk := func(name string) []string {
		return []string{"--office", url, "--creds", creds[name], "--office-ca", filepath.Join(off, "tls", "ca.pem")}
	}
	type synced struct {
		Applied int `json:"applied"`
		Head    struct {
			Seq  uint64 `json:"seq"`
			Hash string `json:"hash"`
		} `json:"head"`
	}
	var sa, sb, sc synced
	decodeJSON(t, ok(t, a, append(desk("a"), "sync", "--json")...), &sa)
	if sa.Applied != 0 || sa.Head.Seq != made.Base.Seq || sa.Head.Hash != made.Base.Hash {
		t.Fatalf("the folder the body began from, as a desk: %+v, base %+v", sa, made.Base)
	}
	b := filepath.Join(tmp, "b")
	decodeJSON(t, ok(t, b, append(desk("b"), "sync", "--json")...), &sb)
	if sb.Head != sa.Head {
		t.Fatalf("desk B from the first snapshot: %+v, desk A %+v", sb, sa)
	}

	ok(t, a, append(desk("a"), "--as", "1", "client", "add", "--name", "Joined Later Ltd", "--address", "1 Office Road", "--personnel", "12", "--sector", "33", "--ai-role", "provider", "--today", "2026-06-30")...)
	ok(t, a, append(desk("a"), "office", "snapshot")...)
	c := filepath.Join(tmp, "c")
	decodeJSON(t, ok(t, c, append(desk("c"), "sync", "--json")...), &sc)
	decodeJSON(t, ok(t, b, append(desk("b"), "sync", "--json")...), &sb)
	if sc.Applied != 0 || sc.Head != sb.Head || sb.Head.Seq != made.Base.Seq+1 {
		t.Fatalf("desk C from the later snapshot: %+v; desk B: %+v", sc, sb)
	}
	for _, dir := range []string{b, c} {
		var v struct{ OK bool }
		decodeJSON(t, ok(t, dir, "verify", "--json"), &v)
		if !v.OK {
			t.Fatalf("%s does not verify", dir)
		}
	}
}
