package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage/site"
)

// certctl publish writes the register: index.html lists every certificate
// with its status, a withdrawn one says withdrawn on its page, an issued
// PDF's SHA-256 is on its certificate's page, register.json holds the
// same; a withdrawn certificate leaves the register (and its page the
// folder) once the policy's listing period has passed.
func TestPublishRegister(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	ok(t, dir, "demo", "--clients", "30", "--seed", "1", "--as-of", "2026-11-25")
	as := []string{"--as", "Aisha Rahman", "--today", "2026-11-25"}
	var status struct{ Certificates []view.CertificateState }
	decodeJSON(t, ok(t, dir, "--today", "2026-11-25", "--json", "status"), &status)
	var active, withdrawn view.CertificateState
	for _, c := range status.Certificates {
		if c.Status == certification.CertActive && active.ID == 0 {
			active = c
		}
		if c.Status == certification.CertWithdrawn && c.Events[len(c.Events)-1].Date.AddDays(365) >= c.AsOf {
			withdrawn = c
		}
	}
	if active.ID == 0 || withdrawn.ID == 0 {
		t.Fatal("the demo has no active or no recently withdrawn certificate")
	}
	var issued struct{ Document certification.IssuedDocument }
	decodeJSON(t, ok(t, dir, append(as, "--json", "export", "pdf", "certificate", "--certificate", active.ID.String(),
		"--out", filepath.Join(t.TempDir(), "c.pdf"))...), &issued)

	out := filepath.Join(t.TempDir(), "site")
	ok(t, dir, "--today", "2026-11-26", "publish", "--out", out, "--as-of", "2026-11-25")
	var reg view.Register
	if err := json.Unmarshal(readFile(t, filepath.Join(out, "register.json")), &reg); err != nil {
		t.Fatal(err)
	}
	if reg.AsOf != certification.NewDate(2026, 11, 25) || reg.Body != "CertDesk Certification" || reg.ListedDays != 365 {
		t.Fatalf("register.json: %+v", reg)
	}
	listed := map[string]view.RegisterEntry{}
	for _, e := range reg.Certificates {
		listed[e.Number] = e
	}
	index := string(readFile(t, filepath.Join(out, "index.html")))
	for _, c := range status.Certificates {
		e, in := listed[c.Number]
		if !in {
			if c.Status != certification.CertWithdrawn && c.Status != certification.CertExpired {
				t.Errorf("%s (%s) is not in the register", c.Number, c.Status)
			}
			continue
		}
		if e.Status != c.Status || e.Client != c.ClientName || e.Expiry != c.Expiry || e.Revision != c.Revision {
			t.Errorf("register.json has %+v for %+v", e, c)
		}
		row := `<a href="cert/` + site.PageName(c.Number) + `">` + c.Number + `</a>`
		if !strings.Contains(index, row) || !strings.Contains(index, `status-`+string(c.Status)+`">`+view.PublicStatus(c.Status)) {
			t.Errorf("index.html has no row for %s with status %s", c.Number, c.Status)
		}
	}
	if len(listed) != len(reg.Certificates) || len(listed) == 0 {
		t.Fatalf("%d entries, %d numbers", len(reg.Certificates), len(listed))
	}
	page := func(number string) string {
		return string(readFile(t, filepath.Join(out, "cert", site.PageName(number))))
	}
	if p := page(withdrawn.Number); !strings.Contains(p, `status-withdrawn">Withdrawn</span> since `+listed[withdrawn.Number].StatusSince.String()) {
		t.Errorf("the withdrawn certificate's page does not say withdrawn:\n%s", p)
	}
	if p := page(active.Number); !strings.Contains(p, issued.Document.SHA256) || !strings.Contains(p, ">Valid</span>") {
		t.Errorf("the page of %s lacks the issued file's SHA-256 %s or Valid", active.Number, issued.Document.SHA256)
	}

	// With a listing period of 0 days the withdrawn certificate leaves the register and its page goes.
	ok(t, dir, append(as, "policy", "set", "register_withdrawn_days=0")...)
	var again struct {
		Certificates int
		Removed      []string
	}
	decodeJSON(t, ok(t, dir, "--today", "2026-11-26", "--json", "publish", "--out", out, "--as-of", "2026-11-25"), &again)
	if again.Certificates >= len(reg.Certificates) || len(again.Removed) == 0 {
		t.Fatalf("with register_withdrawn_days=0: %+v (before: %d)", again, len(reg.Certificates))
	}
	if _, err := os.Stat(filepath.Join(out, "cert", site.PageName(withdrawn.Number))); !os.IsNotExist(err) {
		t.Errorf("the withdrawn certificate's page stays: %v", err)
	}
	if strings.Contains(string(readFile(t, filepath.Join(out, "index.html"))), withdrawn.Number) {
		t.Errorf("index.html still lists %s", withdrawn.Number)
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
