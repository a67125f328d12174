package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
)

// certctl export pdf certificate writes the current revision and records
// the file's SHA-256; check-document accepts that file and refuses it
// once one byte is changed; a withdrawn certificate's PDF says so.
func TestCertificatePDFAndCheckDocument(t *testing.T) {
	dir, as := pdfDemo(t)
	ok(t, dir, append(as, "policy", "set", "body_address=ul. Piotrkowska 1, 90-001 Łódź, Poland", "signatory=Ζωή Παπαδοπούλου, Certification Manager")...)
	var status struct{ Certificates []view.CertificateState }
	decodeJSON(t, ok(t, dir, "--today", "2026-11-25", "--json", "status"), &status)
	byStatus := map[certification.CertificateStatus]view.CertificateState{}
	for _, c := range status.Certificates {
		byStatus[c.Status] = c
	}
	active, withdrawn := byStatus[certification.CertActive], byStatus[certification.CertWithdrawn]
	if active.ID == 0 || withdrawn.ID == 0 {
		t.Fatalf("the demo has no active or no withdrawn certificate: %v", byStatus)
	}

	out := filepath.Join(t.TempDir(), "active.pdf")
	fails(t, dir, 2, "--as", "export", "pdf", "certificate", "--certificate", active.ID.String(), "--out", out)
	var wrote struct {
		Kind, Written string
		Document      certification.IssuedDocument
		Status        certification.CertificateStatus
	}
	decodeJSON(t, ok(t, dir, append(as, "--json", "export", "pdf", "certificate", "--certificate", active.ID.String(), "--out", out)...), &wrote)
	content, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if d := wrote.Document; wrote.Written != out || d.ID == 0 || d.Number != active.Number || d.Revision != active.Revision ||
		d.SHA256 != certification.ContentHash(content) || d.Size != int64(len(content)) || wrote.Status != certification.CertActive {
		t.Fatalf("wrote %+v", wrote)
	}
	// The same revision printed again the same day is the same file, recorded once.
	again := filepath.Join(t.TempDir(), "again.pdf")
	var second struct{ Document certification.IssuedDocument }
	decodeJSON(t, ok(t, dir, append(as, "--json", "export", "pdf", "certificate", "--certificate", active.ID.String(), "--out", again)...), &second)
	if second.Document.ID != wrote.Document.ID {
		t.Errorf("a reprint was recorded as document %s, the first as %s", second.Document.ID, wrote.Document.ID)
	}

	var chk struct {
		File, SHA256 string
		Issued       bool
		Check        view.DocumentCheck
	}
	decodeJSON(t, ok(t, dir, "--today", "2026-11-26", "--json", "check-document", out), &chk)
	if !chk.Issued || chk.SHA256 != wrote.Document.SHA256 || chk.Check.Document.ID != wrote.Document.ID || chk.Check.Status != certification.CertActive ||
		!chk.Check.Current || chk.Check.Client == "" || chk.Check.AsOf != certification.NewDate(2026, 11, 26) {
		t.Fatalf("check-document: %+v", chk)
	}
	if text := ok(t, dir, "check-document", out); !strings.Contains(text, "certificate "+active.Number) || !strings.Contains(text, ": active.") {
		t.Errorf("check-document says:\n%s", text)
	}
	fails(t, dir, 2, "is not a document this body issued", "check-document", oneByteChanged(t, content))
	fails(t, dir, 2, "", "check-document", filepath.Join(t.TempDir(), "missing.pdf"))

	// A withdrawn certificate's current revision carries WITHDRAWN.
	gone := filepath.Join(t.TempDir(), "withdrawn.pdf")
	ok(t, dir, append(as, "export", "pdf", "certificate", "--certificate", withdrawn.ID.String(), "--out", gone)...)
	decodeJSON(t, ok(t, dir, "--json", "check-document", gone), &chk)
	if chk.Check.Status != certification.CertWithdrawn || chk.Check.Document.Number != withdrawn.Number {
		t.Errorf("check-document of the withdrawn certificate: %+v", chk.Check)
	}
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (make deps installs poppler-utils)")
	}
	text, err := exec.Command("pdftotext", "-raw", gone, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(string(text)), "")
	for _, want := range []string{"WITHDRAWN", "withdrawn", withdrawn.Number, "Łódź", "ΖωήΠαπαδοπούλου"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the withdrawn certificate's PDF does not say %q:\n%s", want, text)
		}
	}
	ok(t, dir, "verify")
}

// pdfDemo makes a demo body in a new data folder and returns it with the
// flags that write as its administrator on its day.
func pdfDemo(t *testing.T) (string, []string) {
	t.Helper()
	cleanEnv(t)
	dir := t.TempDir()
	ok(t, dir, "demo", "--clients", "30", "--seed", "1", "--as-of", "2026-11-25")
	return dir, []string{"--as", "Aisha Rahman", "--today", "2026-11-25"}
}

// oneByteChanged writes a copy of content with one byte changed and
// returns its path.
func oneByteChanged(t *testing.T, content []byte) string {
	t.Helper()
	changed := filepath.Join(t.TempDir(), "changed.pdf")
	c := bytes.Clone(content)
	c[len(c)/2] ^= 1
	if err := os.WriteFile(changed, c, 0o644); err != nil {
		t.Fatal(err)
	}
	return changed
}
