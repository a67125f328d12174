package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/storage"
)

func TestBackupAndRestore(t *testing.T) {
	tmp, src := demoBeside(t, "4")
	before := ok(t, src, "export", "json")
	journal := ok(t, src, "journal")

	file := filepath.Join(tmp, "b"+storage.BackupExt)
	fails(t, src, exitInput, "--out FILE", "backup")
	out := ok(t, src, "backup", "--out", file)
	if !strings.Contains(out, "Backed up "+src+" to "+file) || !strings.Contains(out, "client") {
		t.Errorf("backup said:\n%s", out)
	}
	var written struct {
		Written string             `json:"written"`
		Bytes   int64              `json:"bytes"`
		Backup  storage.BackupInfo `json:"backup"`
	}
	decodeJSON(t, ok(t, src, "--json", "backup", "--out", file), &written)
	if st, err := os.Stat(file); err != nil || st.Size() != written.Bytes || written.Backup.Records["client"] != 4 {
		t.Errorf("--json: %+v (file: %v)", written, err)
	}

	info := ok(t, "", "backup", "info", file)
	if !strings.Contains(info, "verified") || !strings.Contains(info, written.Backup.PayloadSHA256) {
		t.Errorf("backup info:\n%s", info)
	}
	var checked struct {
		Verified bool               `json:"verified"`
		Backup   storage.BackupInfo `json:"backup"`
	}
	decodeJSON(t, ok(t, "", "--json", "backup", "info", file), &checked)
	if !checked.Verified || checked.Backup.Keys != written.Backup.Keys {
		t.Errorf("backup info --json: %+v", checked)
	}

	// Restore into a new folder: the same records and journal.
	dst := filepath.Join(tmp, "restored")
	out = ok(t, dst, "restore", file)
	if !strings.Contains(out, "Restored "+file+" into "+dst) {
		t.Errorf("restore said:\n%s", out)
	}
	if got := ok(t, dst, "export", "json"); got != before {
		t.Error("the restored folder exports differently")
	}
	if got := ok(t, dst, "journal"); got != journal {
		t.Error("the restored folder has another journal")
	}
	ok(t, dst, "verify") // the journal's hash chain and every record match

	// Over a folder with data: refused, then --replace moves it aside.
	fails(t, src, exitInput, "already holds data", "restore", file)
	fails(t, src, exitInput, "--replace", "restore", file)
	var replaced struct {
		Data     string `json:"data"`
		Previous string `json:"previous"`
	}
	decodeJSON(t, ok(t, src, "--json", "restore", file, "--replace"), &replaced)
	if replaced.Data != src || !strings.HasPrefix(replaced.Previous, src+".before-restore-") {
		t.Errorf("restore --replace: %+v", replaced)
	}
	if got := ok(t, replaced.Previous, "export", "json"); got != before {
		t.Error("the folder moved aside lost data")
	}

	// A damaged file and a foreign one: refused, nothing created.
	b, _ := os.ReadFile(file)
	b[len(b)-10] ^= 0xff
	bad := filepath.Join(tmp, "bad"+storage.BackupExt)
	os.WriteFile(bad, b, 0o644)
	fresh := filepath.Join(tmp, "fresh")
	fails(t, fresh, exitInput, "the backup is damaged", "restore", bad)
	fails(t, "", exitInput, "the backup is damaged", "backup", "info", bad)
	png := filepath.Join(tmp, "picture.png")
	os.WriteFile(png, []byte("\x89PNG\r\n\x1a\nrest of a picture"), 0o644)
	fails(t, fresh, exitInput, "not a CertDesk backup", "restore", png)
	fails(t, fresh, exitInput, "no such file", "restore", filepath.Join(tmp, "missing"))
	if _, err := os.Stat(fresh); !os.IsNotExist(err) {
		t.Errorf("a refused restore created the folder: %v", err)
	}
}
