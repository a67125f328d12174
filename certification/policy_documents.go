package certification

// What the policy says about the body's documents beyond its name:
// accreditation, the register's verification address and the images.

import (
	"net/url"
	"strings"
)

// validateDocuments checks the documents' settings: the register's
// address, the accreditation and the images' hashes.
func (p *Policy) validateDocuments() error {
	if err := CheckRegisterURL(p.RegisterURL); err != nil {
		return err
	}
	if strings.TrimSpace(p.AccreditationNumber) != "" && strings.TrimSpace(p.AccreditationBody) == "" {
		return invalid("policy", "accreditation_body", "an accreditation number (%s) needs the accreditation body that gave it, e.g. DAkkS or UKAS", p.AccreditationNumber)
	}
	for _, h := range []struct{ field, hash string }{{"logo_sha256", p.LogoSHA256}, {"accreditation_mark_sha256", p.AccreditationMarkSHA256}} {
		if h.hash != "" && !isHexHash(h.hash) {
			return invalid("policy", h.field, "%q is not the SHA-256 of a stored image: set the image with certctl policy logo or accreditation-mark, or leave it empty", h.hash)
		}
	}
	return nil
}

// CheckRegisterURL refuses a register address that is not an absolute
// http or https URL of a host; empty is allowed (no address).
func CheckRegisterURL(s string) error {
	if s == "" {
		return nil
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return invalid("policy", "register_url", "%q is not the address of the published register: write an absolute https (or http) URL without query, e.g. https://register.example.org", s)
	}
	return nil
}

func isHexHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// RegisterPageName is the file name of a certificate's page under cert/
// in the published register (storage/site) and in its address: the
// number with anything but ASCII letters, digits, '_' and '-' made '-',
// then ".html".
func RegisterPageName(number string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-':
			return r
		}
		return '-'
	}, number) + ".html"
}

// RegisterPageURL is the address of a certificate's page in the register
// published at base, carrying the revision and the start of the
// document's content hash, e.g.
// https://register.example.org/cert/CD-42001-2025-00007.html?rev=2&sha256=3d4c5c39cebe5f53.
func RegisterPageURL(base, number string, rev int, shortHash string) string {
	q := url.Values{"rev": {itoa(rev)}, "sha256": {shortHash}}
	return strings.TrimRight(base, "/") + "/cert/" + RegisterPageName(number) + "?" + q.Encode()
}
