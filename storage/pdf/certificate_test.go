package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/document"
)

// sampleCertificate is a certificate with Greek and Polish text and
// sites enough for an annex when many is set.
func sampleCertificate(status certification.CertificateStatus, many bool) *document.CertificateDoc {
	d := &document.CertificateDoc{
		Body: "Ελληνική Πιστοποίηση Α.Ε.", BodyAddress: "Λεωφόρος Κηφισίας 12, 115 26 Αθήνα, Greece",
		Signatory:     "Zoë Müller-Łukasiewicz, Certification Manager",
		CertificateID: 7, Number: "CD-42001-2025-00007", Revision: 2, Supersedes: 1,
		Client: "Ζωή Παπαδοπούλου ΑΕ", Standard: certification.ISO42001,
		Scope:        "Design and operation of AI-based credit scoring (Ανάλυση πιστοληπτικής ικανότητας)",
		OriginalDate: date("2025-03-14"), IssueDate: date("2026-02-01"),
		Expiry: date("2028-03-13"), Status: status, AsOf: date("2026-12-07"),
		Sites: []document.CertificateDocSite{
			{Code: "HQ", Address: "Odos Ermou 5, 105 63 Athens, Greece"},
			{Code: "PL1", Address: "ul. Piotrkowska 1, 90-001 Łódź, Poland", Scope: "Łódź Żółć Sp. z o.o.: data labelling"},
		},
	}
	if many {
		for _, c := range []string{"S3", "S4", "S5"} {
			d.Sites = append(d.Sites, document.CertificateDocSite{Code: c, Address: "Rue de l'Église " + c + ", 75001 Paris, France"})
		}
	}
	return d
}

// need skips the test when a checking tool is missing (make deps installs them).
func need(t *testing.T, tools ...string) {
	t.Helper()
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (make deps installs poppler-utils and zbar-tools)", tool)
		}
	}
}

func writeCertificate(t *testing.T, d *document.CertificateDoc) string {
	t.Helper()
	var b bytes.Buffer
	if err := (Writer{}).WriteCertificate(&b, d); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "certificate.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func tool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// TestCertificateTextAndFont reads the PDF back: every field is in the
// text pdftotext extracts, and the font is embedded.
func TestCertificateTextAndFont(t *testing.T) {
	need(t, "pdftotext", "pdffonts")
	d := sampleCertificate(certification.CertActive, true)
	path := writeCertificate(t, d)
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", path, "-")), " ")
	want := []string{d.Body, d.BodyAddress, d.Signatory, d.Client, d.Number, "supersedes revision 1", string(d.Standard),
		d.Scope, "14 March 2025", "1 February 2026", "13 March 2028", "Status on 7 December 2026 valid"}
	for _, s := range d.Sites {
		want = append(want, s.Code, s.Address)
		if s.Scope != "" {
			want = append(want, s.Scope)
		}
	}
	for _, w := range want {
		if !strings.Contains(text, strings.Join(strings.Fields(w), " ")) {
			t.Errorf("pdftotext does not show %q in:\n%s", w, text)
		}
	}
	if strings.Contains(text, "ACTIVE") || strings.Contains(text, "WITHDRAWN") {
		t.Errorf("a valid certificate carries a status across the page:\n%s", text)
	}
	fontsEmbedded(t, path) // report_test.go
}

// TestCertificateQR renders page 1 and decodes the QR code.
func TestCertificateQR(t *testing.T) {
	need(t, "pdftoppm", "zbarimg")
	d := sampleCertificate(certification.CertActive, false)
	path := writeCertificate(t, d)
	prefix := filepath.Join(filepath.Dir(path), "page")
	tool(t, "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", path, prefix)
	out, err := exec.Command("zbarimg", "--quiet", "--raw", prefix+".png").Output() // stderr may hold D-Bus noise
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	got := strings.TrimSpace(string(out))
	want := d.Number + " rev 2 sha256:" + d.ContentSHA256()[:document.ShortHashLen]
	if got != want || d.QRText() != want {
		t.Errorf("QR decodes to %q, want %q", got, want)
	}
}

// TestCertificateWatermark: a withdrawn revision says so across the page.
func TestCertificateWatermark(t *testing.T) {
	need(t, "pdftotext")
	for st, mark := range map[certification.CertificateStatus]string{
		certification.CertWithdrawn: "WITHDRAWN", certification.CertSuspended: "SUSPENDED", certification.CertSuperseded: "SUPERSEDED",
	} {
		// The mark is set diagonally: pdftotext -raw gives it a letter
		// a line; without the white space it reads as the word.
		text := tool(t, "pdftotext", "-raw", writeCertificate(t, sampleCertificate(st, true)), "-")
		if n := strings.Count(strings.Join(strings.Fields(text), ""), mark); n != 2 { // the page and the annex
			t.Errorf("%s: %q appears %d times, want once per page (2):\n%s", st, mark, n, text)
		}
		if !strings.Contains(text, strings.ToLower(mark)) {
			t.Errorf("%s: the status line does not say %q", st, strings.ToLower(mark))
		}
	}
}

// TestCertificateSameBytes: the same content on the same day gives the
// same file, so a reprint is recognised as the document issued.
func TestCertificateSameBytes(t *testing.T) {
	var a, b bytes.Buffer
	d := sampleCertificate(certification.CertActive, true)
	if err := (Writer{}).WriteCertificate(&a, d); err != nil {
		t.Fatal(err)
	}
	if err := (Writer{}).WriteCertificate(&b, d); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same certificate differ")
	}
}

func date(s string) certification.Date {
	d, err := certification.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// A transferred certificate says where it came from, under its number
// and revision; one that was not says nothing of the kind.
func TestCertificateTransferredFrom(t *testing.T) {
	need(t, "pdftotext")
	d := sampleCertificate(certification.CertActive, false)
	plain := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", writeCertificate(t, d), "-")), " ")
	if strings.Contains(plain, "Transferred from") {
		t.Errorf("a certificate not transferred says it was:\n%s", plain)
	}
	d.TransferredFrom = "Nordcert GmbH, certificate NC-9001-2025-117"
	path := writeCertificate(t, d)
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", path, "-")), " ")
	if !strings.Contains(text, "Transferred from Nordcert GmbH, certificate NC-9001-2025-117") {
		t.Errorf("pdftotext does not show the transfer in:\n%s", text)
	}
}
