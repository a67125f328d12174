package certification_test

import (
	"bytes"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/auditfixture"
)

func TestClientDocLanguage(t *testing.T) {
	for _, c := range []struct {
		lang, err string
	}{
		{"", ""}, {"en", ""}, {"fr", ""}, {"el", ""},
		{"de", `"de" is not a document language: use one of en, fr, el`},
		{"FR", `"FR" is not a document language`},
		{"gr", `"gr" is not a document language`},
	} {
		cl := Client{LegalName: "Ωμέγα Α.Ε.", RegisteredAddress: "Athens", EffectivePersonnel: 3, DocLanguage: c.lang}
		err := cl.Validate()
		if (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("doc_language %q: got %v, want %q", c.lang, err, c.err)
		}
	}
	for _, code := range DocLanguages {
		if DocLanguageOf(DocLanguageName(code)) != code {
			t.Errorf("%s does not come back through its name %q", code, DocLanguageName(code))
		}
	}
	if got := (&Client{}).Language(); got != "en" {
		t.Errorf("an empty language prints as %q, want en", got)
	}
}

func TestPolicyDocumentSettings(t *testing.T) {
	for _, c := range []struct {
		name string
		set  func(*Policy)
		err  string
	}{
		{"none", func(*Policy) {}, ""},
		{"https register", func(p *Policy) { p.RegisterURL = "https://register.example.org" }, ""},
		{"http register with a path", func(p *Policy) { p.RegisterURL = "http://example.org/register/" }, ""},
		{"relative", func(p *Policy) { p.RegisterURL = "register.example.org" }, "is not the address of the published register"},
		{"ftp", func(p *Policy) { p.RegisterURL = "ftp://example.org" }, "absolute https (or http) URL"},
		{"query", func(p *Policy) { p.RegisterURL = "https://example.org/?a=1" }, "without query"},
		{"no host", func(p *Policy) { p.RegisterURL = "https:///cert" }, "register_url"},
		{"accreditation", func(p *Policy) { p.AccreditationBody, p.AccreditationNumber = "DAkkS", "D-ZM-12345-01-00" }, ""},
		{"number alone", func(p *Policy) { p.AccreditationNumber = "D-ZM-1" }, "needs the accreditation body"},
		{"logo not a hash", func(p *Policy) { p.LogoSHA256 = "logo.png" }, "is not the SHA-256 of a stored image"},
	} {
		p := DefaultPolicy()
		c.set(&p)
		err := p.Validate()
		if (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: got %v, want %q", c.name, err, c.err)
		}
	}
}

func TestRegisterPageURL(t *testing.T) {
	for _, c := range []struct{ base, number, want string }{
		{"https://register.example.org", "CD-42001-2025-00007", "https://register.example.org/cert/CD-42001-2025-00007.html?rev=2&sha256=3d4c5c39cebe5f53"},
		{"https://example.org/reg/", "CB/9001 2025", "https://example.org/reg/cert/CB-9001-2025.html?rev=2&sha256=3d4c5c39cebe5f53"},
	} {
		if got := RegisterPageURL(c.base, c.number, 2, "3d4c5c39cebe5f53"); got != c.want {
			t.Errorf("got %s, want %s", got, c.want)
		}
	}
}

func testImage(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	b, err := auditfixture.Image(format, w, h)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSetPolicyImage(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		logo, mark := testImage(t, "png", 40, 20), testImage(t, "jpeg", 30, 30)
		big := append(testImage(t, "png", 4, 4), make([]byte, ImageMaxBytes)...)
		for _, c := range []struct {
			name    string
			which   PolicyImage
			content []byte
			err     string
		}{
			{"text file", ImageLogo, []byte("not an image"), "the logo must be a PNG or JPEG image"},
			{"gif", ImageLogo, []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;"), "must be a PNG or JPEG"},
			{"too large", ImageAccreditationMark, big, "the largest accepted is 1.0 MB"},
			{"unknown image", PolicyImage("seal"), logo, `"seal" is not an image of the policy`},
			{"png logo", ImageLogo, logo, ""},
			{"jpeg mark", ImageAccreditationMark, mark, ""},
		} {
			err := w.svc.SetPolicyImage(w.ctx, c.which, c.content)
			if (err == nil) != (c.err == "") || (err != nil && !strings.Contains(err.Error(), c.err)) {
				t.Errorf("%s: got %v, want %q", c.name, err, c.err)
			}
		}
		p, err := w.svc.Policy(w.ctx)
		w.must(err)
		if p.LogoSHA256 != ContentHash(logo) || p.AccreditationMarkSHA256 != ContentHash(mark) {
			t.Fatalf("the policy names %s and %s", p.LogoSHA256, p.AccreditationMarkSHA256)
		}
		got, err := w.svc.PolicyImage(w.ctx, ImageLogo)
		if err != nil || !bytes.Equal(got, logo) {
			t.Fatalf("the logo read back: %d bytes, %v", len(got), err)
		}
		// A policy change keeps the images; naming an image not stored is refused.
		p.RegisterURL = "https://register.example.org"
		w.must(w.svc.SetPolicy(w.ctx, p))
		p.LogoSHA256 = strings.Repeat("ab", 32)
		if err := w.svc.SetPolicy(w.ctx, p); err == nil || !strings.Contains(err.Error(), "no logo is stored under") {
			t.Errorf("a logo hash with no image: got %v", err)
		}
		w.must(w.svc.SetPolicyImage(w.ctx, ImageLogo, nil))
		p, err = w.svc.Policy(w.ctx)
		w.must(err)
		if p.LogoSHA256 != "" || p.AccreditationMarkSHA256 != ContentHash(mark) || p.RegisterURL == "" {
			t.Errorf("after clearing the logo: %+v", p)
		}
		if got, err := w.svc.PolicyImage(w.ctx, ImageLogo); got != nil || err != nil {
			t.Errorf("a cleared logo reads %d bytes, %v", len(got), err)
		}
	})
}
