package pdf

import (
	"maps"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
)

// French and Greek hold the same keys, every word the certificate prints
// among them.
func TestCataloguesCoverTheSameKeys(t *testing.T) {
	for name, pair := range map[string][2]map[string]string{
		"certificate": {certificateFR, certificateEL}, "months": {monthsFR, monthsEL}, "report and plan": {reportPlanFR, reportPlanEL}, "domain": {domainFR, domainEL}, "objectives and criteria": {sentencesFR, sentencesEL},
	} {
		fr, el := slices.Sorted(maps.Keys(pair[0])), slices.Sorted(maps.Keys(pair[1]))
		if !slices.Equal(fr, el) {
			t.Errorf("%s: French and Greek keys differ:\nfr %q\nel %q", name, fr, el)
		}
		for k, v := range pair[0] {
			if strings.Count(k, "%s") != strings.Count(v, "%s") || strings.Count(k, "%s") != strings.Count(pair[1][k], "%s") {
				t.Errorf("%s: %q does not keep its %%s in French %q or Greek %q", name, k, v, pair[1][k])
			}
		}
	}
	if len(months) != len(monthsFR) {
		t.Errorf("%d months, %d translated", len(months), len(monthsFR))
	}
}

// englishLeft fails the test for each English word of a key of cat or a
// month name in text, d's certificate in lang: whole words, outside the
// standard's name and the sample's English scope.
func englishLeft(t *testing.T, lang string, d *document.CertificateDoc, text string, cat map[string]string) {
	t.Helper()
	rest := strings.NewReplacer(string(d.Standard), "", d.Scope, "").Replace(text)
	for _, key := range append(slices.Collect(maps.Keys(cat)), months[:]...) {
		for _, f := range fragments(key) {
			if regexp.MustCompile(`\b` + regexp.QuoteMeta(f) + `\b`).MatchString(rest) {
				t.Errorf("%s (%s): the English %q is left in:\n%s", lang, d.Status, f, rest)
			}
		}
	}
}

// fragments are the English words of a catalogue key between its %s.
func fragments(key string) []string {
	var out []string
	for _, f := range strings.Split(key, "%s") {
		if f = strings.Trim(f, " .:()"); len(f) > 3 {
			out = append(out, f)
		}
	}
	return out
}

// TestCertificateInFrenchAndGreek reads French and Greek certificates of
// a client with Greek and Polish names back with pdftotext: every field
// is there, the labels are translated, dates have the language's month
// names, and no English label is left (the standard's name stays).
func TestCertificateInFrenchAndGreek(t *testing.T) {
	need(t, "pdftotext")
	for _, c := range []struct {
		lang string
		cat  map[string]string
		want []string
	}{
		{"fr", certificateFR, []string{"CERTIFICAT", "Il est certifié que le système de management de", "est conforme aux exigences de la norme",
			"Numéro de certificat", "2 (remplace la révision 1)", "Certification initiale 14 mars 2025", "Date de la présente émission 1 février 2026",
			"Date d’expiration 13 mars 2028", "Statut au 7 décembre 2026 remplacé", "Sites couverts", "Pour Ελληνική Πιστοποίηση Α.Ε.",
			"Annexe : sites couverts par le certificat CD-42001-2025-00007 révision 2", "REMPLACÉ"}},
		{"el", certificateEL, []string{"ΠΙΣΤΟΠΟΙΗΤΙΚΟ", "Πιστοποιείται ότι το σύστημα διαχείρισης του οργανισμού",
			"Αριθμός πιστοποιητικού", "2 (αντικαθιστά την αναθεώρηση 1)", "Αρχική πιστοποίηση 14 Μαρτίου 2025", "1 Φεβρουαρίου 2026",
			"Ημερομηνία λήξης 13 Μαρτίου 2028", "Κατάσταση στις 7 Δεκεμβρίου 2026 αντικαταστάθηκε", "Εγκαταστάσεις που καλύπτονται",
			"Παράρτημα: εγκαταστάσεις που καλύπτει το πιστοποιητικό CD-42001-2025-00007 αναθεώρηση 2", "ΑΝΤΙΚΑΤΑΣΤΑΘΗΚΕ"}},
	} {
		d := sampleCertificate(certification.CertSuperseded, true)
		d.Language, d.Client = c.lang, "Łódź Żółć Sp. z o.o. — Ζωή Παπαδοπούλου ΑΕ"
		path := writeCertificate(t, d)
		text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", path, "-")), " ")
		flat := strings.Join(strings.Fields(tool(t, "pdftotext", "-raw", path, "-")), "") // the diagonal watermark
		fields := []string{d.Body, d.BodyAddress, d.Signatory, d.Client, d.Number, string(d.Standard), d.Scope}
		for _, s := range d.Sites {
			fields = append(fields, s.Code, s.Address)
		}
		for _, w := range append(fields, c.want...) {
			w = strings.Join(strings.Fields(w), " ")
			if !strings.Contains(text, w) && !strings.Contains(flat, strings.ReplaceAll(w, " ", "")) {
				t.Errorf("%s: pdftotext does not show %q in:\n%s", c.lang, w, text)
			}
		}
		englishLeft(t, c.lang, d, text, c.cat)
	}
}

func sampleImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	b, err := auditfixture.Image(format, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCertificateRegisterQRAndImages: with the register's address the QR
// code decodes to the certificate's page there (the page storage/site
// writes), and the logo and accreditation mark are on the page with the
// accreditation body and number.
func TestCertificateRegisterQRAndImages(t *testing.T) {
	need(t, "pdftoppm", "zbarimg", "pdfimages", "pdftotext")
	d := sampleCertificate(certification.CertActive, false)
	d.RegisterURL, d.AccreditationBody, d.AccreditationNumber = "https://register.example.org", "DAkkS", "D-ZM-12345-01-00"
	d.Logo, d.Mark = sampleImage(t, "png", 300, 120), sampleImage(t, "jpeg", 160, 160)
	d.LogoSHA256, d.MarkSHA256 = certification.ContentHash(d.Logo), certification.ContentHash(d.Mark)
	path := writeCertificate(t, d)
	prefix := filepath.Join(filepath.Dir(path), "page")
	tool(t, "pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", "-singlefile", path, prefix)
	out, err := exec.Command("zbarimg", "--quiet", "--raw", prefix+".png").Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	want := "https://register.example.org/cert/" + certification.RegisterPageName(d.Number) + "?rev=2&sha256=" + d.ContentSHA256()[:document.ShortHashLen]
	if got := strings.TrimSpace(string(out)); got != want || !strings.HasPrefix(want, "https://register.example.org/cert/CD-42001-2025-00007.html?rev=2&sha256=") {
		t.Errorf("QR decodes to %q, want %q", got, want)
	}
	if n := strings.Count(tool(t, "pdfimages", "-list", path), "\n") - 2; n < 2 {
		t.Errorf("pdfimages lists %d images, want the logo and the mark", n)
	}
	text := strings.Join(strings.Fields(tool(t, "pdftotext", "-layout", path, "-")), " ")
	for _, w := range []string{"Accredited by DAkkS", "Accreditation number D-ZM-12345-01-00", "opens this certificate in the body's public register"} {
		if !strings.Contains(text, w) {
			t.Errorf("pdftotext does not show %q in:\n%s", w, text)
		}
	}
	// The images are covered by the content hash.
	other := *d
	other.LogoSHA256 = strings.Repeat("0", 64)
	if other.ContentSHA256() == d.ContentSHA256() {
		t.Error("another logo leaves the content hash as it was")
	}
}
