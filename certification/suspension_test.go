package certification

import (
	"testing"
)

func TestPolicySuspensionLimitIsTheObligationsDue(t *testing.T) {
	p := DefaultPolicy() // six months
	for _, tc := range []struct{ since, limit string }{
		{"2026-06-10", "2026-12-10"},
		{"2026-08-31", "2027-02-28"}, // clamped to the month's end
		{"2027-08-31", "2028-02-29"}, // a leap year
	} {
		if got := p.SuspensionLimit(d(tc.since)); got != d(tc.limit) {
			t.Errorf("suspended %s: limit %s, want %s", tc.since, got, tc.limit)
		}
	}
	// The schedule's obligation falls due on the same day.
	f := grantedFile("2025-05-06")
	f.Certificates[0].Events = []CertificateEvent{{Date: d("2026-06-10"), Status: CertSuspended, DecisionID: 2}}
	if o := find(Obligations(f, p), ObSuspensionLimit, ""); o == nil || o.Due != p.SuspensionLimit(d("2026-06-10")) {
		t.Errorf("suspension-limit obligation %+v, want due %s", o, p.SuspensionLimit(d("2026-06-10")))
	}
}
