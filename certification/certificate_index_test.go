package certification_test

import (
	"bytes"
	"testing"

	. "certdesk/certification"
)

// TestCertificateStatusTerms: on every day of a certificate's life, the
// index entries a revision files find it whenever the dashboard must
// show it (in force; suspended, with the suspension's day), and rule it
// out before it takes effect and once it is superseded.
func TestCertificateStatusTerms(t *testing.T) {
	ev := func(on string, s CertificateStatus) CertificateEvent {
		return CertificateEvent{Date: day(on), Status: s}
	}
	base := Certificate{ID: 1, IssueDate: day("2024-05-06"), Expiry: day("2027-05-05")}
	with := func(f func(c *Certificate)) Certificate { c := base; f(&c); return c }
	for name, c := range map[string]Certificate{
		"active": base,
		"restored": with(func(c *Certificate) {
			c.Events = []CertificateEvent{ev("2025-01-10", CertSuspended), ev("2025-03-01", CertActive)}
		}),
		"twice": with(func(c *Certificate) {
			c.Events = []CertificateEvent{ev("2025-01-10", CertSuspended), ev("2025-03-01", CertActive), ev("2026-12-01", CertSuspended)}
		}),
		"withdrawn": with(func(c *Certificate) {
			c.Events = []CertificateEvent{ev("2025-01-10", CertSuspended), ev("2025-07-10", CertWithdrawn)}
		}),
		"superseded": with(func(c *Certificate) {
			c.Events = []CertificateEvent{ev("2025-01-10", CertSuspended)}
			c.SupersededBy, c.SupersededOn = 2, day("2025-02-01")
		}),
		"same-day": with(func(c *Certificate) {
			c.Events = []CertificateEvent{ev("2025-01-10", CertSuspended), ev("2025-01-10", CertActive)}
		}),
		"past-expiry": with(func(c *Certificate) { c.Events = []CertificateEvent{ev("2027-01-10", CertSuspended)} }),
	} {
		var expiry []byte
		var susp [][]byte
		for _, term := range c.IndexTerms() {
			switch term.Index {
			case IndexCertExpiry:
				expiry = term.Value
			case IndexCertSuspension:
				susp = append(susp, term.Value)
			}
		}
		if from, to := ExpiryRange(c.Expiry, 0); bytes.Compare(expiry, from) < 0 || bytes.Compare(expiry, to) >= 0 {
			t.Errorf("%s: the expiry entry is outside the range of its expiry day", name)
		}
		for on := day("2024-05-01"); on <= day("2027-06-01"); on = on.AddDays(1) {
			inForce := c.InForceOn(on)
			if may := MayBeInForce(expiry, on); may != inForce {
				t.Errorf("%s on %s: MayBeInForce = %v, in force %v", name, on, may, inForce)
			}
			since, suspended := c.SuspendedSince(on)
			suspended = suspended && inForce && c.StatusOn(on) == CertSuspended
			from, _ := SuspensionRange(on)
			found := false
			for _, v := range susp {
				s, ok := SuspensionSince(v)
				if ok && s <= on && bytes.Compare(v, from) >= 0 {
					found = found || s == since
					if !suspended {
						t.Errorf("%s on %s: a suspension since %s is filed as not ended, but the certificate is %s", name, on, s, c.StatusOn(on))
					}
				}
			}
			if suspended && !found {
				t.Errorf("%s on %s: suspended since %s, not found in the suspension index", name, on, since)
			}
		}
	}
}
