package main

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/document"
	"certdesk/certification/view"
)

// The body's document settings through certctl: the logo and the
// accreditation mark (refused when not an image), the accreditation and
// the register's address by policy set, a client's language; the
// certificate then prints in French with the accreditation, and its QR
// code opens its page in the register.
func TestDocumentSettingsCLI(t *testing.T) {
	cleanEnv(t)
	need := func(tools ...string) {
		for _, tool := range tools {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skipf("%s is not installed", tool)
			}
		}
	}
	need("pdftotext", "pdftoppm", "zbarimg")
	dir := t.TempDir()
	ok(t, dir, "demo", "--clients", "20", "--seed", "1", "--as-of", "2026-11-25")
	as := []string{"--as", "Aisha Rahman", "--today", "2026-11-25"}
	files := t.TempDir()
	logo, text := filepath.Join(files, "logo.png"), filepath.Join(files, "logo.txt")
	img := image.NewRGBA(image.Rect(0, 0, 60, 20))
	img.Set(3, 3, color.RGBA{0, 0, 200, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	for path, content := range map[string][]byte{logo: b.Bytes(), text: []byte("no image")} {
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fails(t, dir, 2, "must be a PNG or JPEG image", append(as, "policy", "logo", text)...)
	fails(t, dir, 2, "give an image FILE, or --clear", append(as, "policy", "logo")...)
	ok(t, dir, append(as, "policy", "logo", logo)...)
	ok(t, dir, append(as, "policy", "accreditation-mark", logo)...)
	fails(t, dir, 2, "is not the address of the published register", append(as, "policy", "set", "register_url=register.example.org")...)
	var pol struct{ Policy certification.Policy }
	decodeJSON(t, ok(t, dir, append(as, "--json", "policy", "set", "register_url=https://register.example.org", "accreditation_body=DAkkS", "accreditation_number=D-ZM-12345-01-00")...), &pol)
	if p := pol.Policy; p.LogoSHA256 != certification.ContentHash(b.Bytes()) || p.AccreditationMarkSHA256 != p.LogoSHA256 || p.RegisterURL == "" {
		t.Fatalf("policy %+v", p)
	}

	var status struct{ Certificates []view.CertificateState }
	decodeJSON(t, ok(t, dir, "--today", "2026-11-25", "--json", "status"), &status)
	var active view.CertificateState
	for _, c := range status.Certificates {
		if c.Status == certification.CertActive {
			active = c
			break
		}
	}
	fails(t, dir, 2, `"de" is not a document language: use one of en, fr, el`, append(as, "client", "language", active.Certificate.ClientID.String(), "de")...)
	ok(t, dir, append(as, "client", "language", active.Certificate.ClientID.String(), "fr")...)
	if out := ok(t, dir, "client", "show", active.Certificate.ClientID.String()); !strings.Contains(out, "Documents:   Français (fr)") {
		t.Errorf("client show does not give the language:\n%s", out)
	}
	out := filepath.Join(t.TempDir(), "fr.pdf")
	ok(t, dir, append(as, "export", "pdf", "certificate", "--certificate", active.ID.String(), "--out", out)...)
	pdfText := strings.Join(strings.Fields(string(run1(t, "pdftotext", "-layout", out, "-"))), " ")
	for _, w := range []string{"CERTIFICAT", "Numéro de certificat " + active.Number, "Statut au 25 novembre 2026 valide", "Accrédité par DAkkS", "Numéro d’accréditation D-ZM-12345-01-00"} {
		if !strings.Contains(pdfText, w) {
			t.Errorf("the French certificate lacks %q:\n%s", w, pdfText)
		}
	}
	run1(t, "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", out, filepath.Join(files, "page"))
	qr := strings.TrimSpace(string(run1(t, "zbarimg", "--quiet", "--raw", filepath.Join(files, "page.png"))))
	prefix := "https://register.example.org/cert/" + certification.RegisterPageName(active.Number) + "?rev=" + strconv.Itoa(active.Revision) + "&sha256="
	if !strings.HasPrefix(qr, prefix) || len(qr) != len(prefix)+document.ShortHashLen {
		t.Errorf("the QR code reads %q, want %s…", qr, prefix)
	}
	ok(t, dir, append(as, "policy", "logo", "--clear")...)
	decodeJSON(t, ok(t, dir, "--json", "policy", "show"), &pol)
	if pol.Policy.LogoSHA256 != "" || pol.Policy.AccreditationMarkSHA256 == "" {
		t.Errorf("after clearing the logo: %+v", pol.Policy)
	}
}

func run1(t *testing.T, name string, args ...string) []byte {
	t.Helper()
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out
}
