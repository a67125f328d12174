package site

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/view"
)

func testRegister() view.Register {
	d := func(s string) certification.Date { v, _ := certification.ParseDate(s); return v }
	return view.Register{Body: "Körper & Söhne <Cert>", AsOf: d("2026-11-25"), ListedDays: 365, Certificates: []view.RegisterEntry{
		{Number: "CD/1", Revision: 1, Client: `<script>alert("x")</script> Acme`, Standard: certification.ISO42001, Scope: "AI",
			Status: certification.CertActive, IssueDate: d("2025-01-01"), OriginalDate: d("2025-01-01"), Expiry: d("2027-12-31"),
			Revisions: []view.RegisterRevision{{Revision: 1, IssueDate: d("2025-01-01"), Status: certification.CertActive}}},
		{Number: "CD-2", Revision: 1, Client: "Beta GmbH", Standard: certification.ISO9001, Scope: "QMS",
			Status: certification.CertWithdrawn, StatusSince: d("2026-10-01"), IssueDate: d("2024-01-01"), OriginalDate: d("2024-01-01"), Expiry: d("2026-12-31"),
			Revisions: []view.RegisterRevision{{Revision: 1, IssueDate: d("2024-01-01"), Status: certification.CertWithdrawn}}},
	}}
}

// Every value is escaped, a number with a slash gets a page name of its
// own, and a second write into the folder removes the page of a
// certificate no longer listed.
func TestWriteEscapesAndRemovesStalePages(t *testing.T) {
	dir := t.TempDir()
	reg := testRegister()
	if _, err := Write(dir, reg); err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Körper &amp; Söhne &lt;Cert&gt;", "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Acme", `href="cert/CD-1.html"`, `status-withdrawn">Withdrawn</span> since 2026-10-01`} {
		if !strings.Contains(string(index), want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	if strings.Contains(string(index), `<script>alert`) || strings.Contains(string(index), "http") {
		t.Errorf("index.html holds an unescaped value or an outside address")
	}
	reg.Certificates = reg.Certificates[:1]
	w, err := Write(dir, reg)
	if err != nil {
		t.Fatal(err)
	}
	if w.Pages != 1 || len(w.Removed) != 1 || w.Removed[0] != "CD-2.html" {
		t.Errorf("second write: %+v", w)
	}
}

// The index's search, run by headless Chromium (Debian's chromium):
// index.html?q=beta shows the Beta row only and says "1 of 2".
func TestIndexSearchInChromium(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed")
	}
	dir := t.TempDir()
	if _, err := Write(dir, testRegister()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	url := "file://" + filepath.ToSlash(filepath.Join(dir, "index.html")) + "?q=beta"
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(), "--dump-dom", url).Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	dom := string(out)
	rows := regexp.MustCompile(`<tr( style="[^"]*")?><td><a href="cert/([^"]+)"`).FindAllStringSubmatch(dom, -1)
	if len(rows) != 2 {
		t.Fatalf("%d rows in the DOM:\n%s", len(rows), dom)
	}
	for _, r := range rows {
		hidden := strings.Contains(r[1], "display: none")
		if hidden != (r[2] != "CD-2.html") {
			t.Errorf("row %s hidden=%v after searching beta", r[2], hidden)
		}
	}
	if !strings.Contains(dom, "1 of 2 certificates") {
		t.Errorf("the search box was not filled from ?q=:\n%s", dom)
	}
}

// A certificate's page opened from a certificate's QR code
// (cert/NUMBER.html?rev=N&sha256=…, certification.RegisterPageURL) says
// which revision the scanned document is, run by headless Chromium.
func TestCertificatePageSaysTheRevisionScanned(t *testing.T) {
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed")
	}
	dir := t.TempDir()
	reg := testRegister()
	reg.Certificates[0].Revision = 2
	if _, err := Write(dir, reg); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ rev, want string }{
		{"2", "The document you scanned is revision 2, the revision listed here. The start of its content's SHA-256 is 3d4c5c39cebe5f53."},
		{"1", "The document you scanned is revision 1; the revision listed here is 2: the document you hold is not the current one."},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		u := certification.RegisterPageURL("file://"+filepath.ToSlash(dir), "CD/1", 0, "3d4c5c39cebe5f53")
		u = strings.Replace(u, "rev=0", "rev="+c.rev, 1)
		out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+t.TempDir(), "--dump-dom", u).Output()
		cancel()
		if err != nil {
			t.Fatalf("chromium %s: %v", u, err)
		}
		if !strings.Contains(string(out), c.want) {
			t.Errorf("rev %s: the page does not say %q:\n%s", c.rev, c.want, out)
		}
	}
}
