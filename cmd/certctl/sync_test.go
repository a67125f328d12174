package main

import (
	"os"
	"path/filepath"
	"testing"

	"certdesk/storage/office"
)

// Two desks of one body through an office on 127.0.0.1: the README's
// walk-through on desk A, every command signed and proposed to the
// body's journal; desk B catches up with certctl sync and holds the same
// body (verify gives the same head, finding list the same findings). A
// desk refuses an import (it changes only by commands), and a folder
// with changes of its own cannot join.
func TestTwoDesksThroughAnOffice(t *testing.T) {
	cleanEnv(t)
	o, err := office.Start(office.Options{Dir: t.TempDir(), Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	t.Setenv(OfficeEnv, o.URL())
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	walkThrough(t, a)

	type link struct {
		Seq  uint64 `json:"seq"`
		Hash string `json:"hash"`
	}
	var synced struct {
		Office   string `json:"office"`
		Applied  int    `json:"applied"`
		InStep   bool   `json:"in_step"`
		Head     link   `json:"head"`
		BodyHead link   `json:"body_head"`
	}
	decodeJSON(t, ok(t, b, "sync", "--json"), &synced)
	if synced.Applied < 15 || uint64(synced.Applied) != synced.Head.Seq || !synced.InStep || synced.Head != synced.BodyHead {
		t.Fatalf("desk B applied %d entries: %+v", synced.Applied, synced)
	}
	type verified struct {
		OK     bool `json:"ok"`
		Report struct {
			Signed int `json:"signed"`
			Head   struct {
				Seq  uint64 `json:"seq"`
				Hash string `json:"hash"`
			} `json:"head"`
		} `json:"report"`
	}
	var va, vb verified
	decodeJSON(t, ok(t, a, "verify", "--json"), &va)
	decodeJSON(t, ok(t, b, "verify", "--json"), &vb)
	if !va.OK || !vb.OK || va.Report.Head != vb.Report.Head || vb.Report.Head.Hash != synced.Head.Hash {
		t.Fatalf("the desks' journals differ: A %+v, B %+v, sync %+v", va, vb, synced)
	}
	if vb.Report.Signed == 0 {
		t.Fatal("desk B verified no signed entry: the walk-through's changes should all be signed")
	}
	if fa, fb := ok(t, a, "finding", "list", "--json"), ok(t, b, "finding", "list", "--json"); fa != fb {
		t.Fatalf("the desks list different findings:\nA %s\nB %s", fa, fb)
	}

	body := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(body, []byte("{}"), 0o600); err != nil {
		t.Fatal(err)
	}
	fails(t, b, exitInput, "changes only through the body's journal", "import", body)

	t.Setenv(OfficeEnv, "")
	c := filepath.Join(t.TempDir(), "c")
	ok(t, c, "demo", "--clients", "1", "--as-of", "2026-06-30")
	fails(t, c, exitInput, "not a replica of this body", "sync", "--office", o.URL())
}
