package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
)

// fixtureFolder is a data folder holding the audit fixture, closed.
func fixtureFolder(t *testing.T) (string, *auditfixture.Fixture) {
	t.Helper()
	cleanEnv(t)
	dir := t.TempDir()
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fx, err := auditfixture.Build(context.Background(), db)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	return dir, fx
}

func TestEvidenceCommands(t *testing.T) {
	dir, fx := fixtureFolder(t)
	today := []string{"--today", fx.AsOf.String(), "--as", fx.Lead.String()}
	audit := fx.Integrated42001.String()
	src := filepath.Join(t.TempDir(), "risk register.pdf")
	content := []byte("%PDF-1.7 the AI risk register")
	if err := os.WriteFile(src, content, 0o644); err != nil {
		t.Fatal(err)
	}
	var added struct{ Evidence certification.Evidence }
	decodeJSON(t, ok(t, dir, append(today, "--json", "evidence", "add", audit, src, "--ref", "6.1.2", "--caption", "Register v3")...), &added)
	x := added.Evidence
	if x.ID == 0 || x.Ref != "6.1.2" || x.FileName != "risk register.pdf" || x.MediaType != "application/pdf" ||
		x.Size != int64(len(content)) || x.SHA256 != certification.ContentHash(content) || x.Caption != "Register v3" || x.AddedOn != fx.AsOf {
		t.Fatalf("added %+v", x)
	}
	var listed struct {
		AuditID  certification.ID `json:"audit_id"`
		Evidence []certification.Evidence
	}
	decodeJSON(t, ok(t, dir, "--json", "evidence", "list", audit), &listed)
	if listed.AuditID != fx.Integrated42001 || len(listed.Evidence) != 1 || listed.Evidence[0] != x {
		t.Errorf("listed %+v", listed)
	}
	if out := ok(t, dir, "evidence", "list", audit); !strings.Contains(out, "checklist 6.1.2\trisk register.pdf") {
		t.Errorf("list: %q", out)
	}
	back := filepath.Join(t.TempDir(), "back.pdf")
	ok(t, dir, "evidence", "get", x.ID.String(), "--out", back)
	if got, err := os.ReadFile(back); err != nil || !bytes.Equal(got, content) {
		t.Errorf("got back %q, %v", got, err)
	}

	// Refusals: the size limit (named with the file's size and the
	// limit), a closed audit's checklist, neither target.
	big := filepath.Join(t.TempDir(), "scan.tif")
	if err := os.WriteFile(big, make([]byte, 26<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	res := fails(t, dir, 1, "evidence-size-limit", append(today, "evidence", "add", audit, big, "--ref", "4.1")...)
	if !strings.Contains(res.stderr, "scan.tif is 26.0 MB, more than the 25.0 MB") {
		t.Errorf("size refusal: %q", res.stderr)
	}
	fails(t, dir, 1, "audit-not-open", append(today, "evidence", "add", fx.Stage2.String(), src, "--ref", "4.1")...)
	fails(t, dir, 2, "--ref REF or --finding ID", append(today, "evidence", "add", audit, src)...)
	fails(t, dir, 2, "evidence 99", "evidence", "get", "99", "--out", back)
}
