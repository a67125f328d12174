package certification

import "encoding/binary"

// The certificate indexes the dashboard reads: the revisions that may
// expire within its horizon and the suspensions that may be in force,
// found by key-only range scans, so that only the rows shown are decoded.
const (
	// IndexCertExpiry files each revision by its expiry, then the day it
	// took effect and the day it was superseded (never: all ones).
	IndexCertExpiry = "certificate.expiry"
	// IndexCertSuspension files each suspension of a revision by the day
	// it ends (restored, withdrawn, superseded or the day after expiry),
	// then the day it began.
	IndexCertSuspension = "certificate.suspension"
)

// never is the key of a date that does not come: after every date.
var never = []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// statusTerms are a revision's entries in IndexCertExpiry and
// IndexCertSuspension.
func (c *Certificate) statusTerms() []IndexTerm {
	superseded := never
	if c.SupersededBy != 0 {
		superseded = DateKey(c.SupersededOn)
	}
	t := []IndexTerm{{IndexCertExpiry, concat(DateKey(c.Expiry), DateKey(c.IssueDate), superseded)}}
	for i, e := range c.Events {
		if e.Status != CertSuspended {
			continue
		}
		// StatusOn reads the events in order up to the first after the
		// date: this suspension holds until the next event's day.
		end := c.Expiry.AddDays(1)
		if i+1 < len(c.Events) {
			end = min(end, c.Events[i+1].Date)
		}
		if c.SupersededBy != 0 {
			end = min(end, c.SupersededOn)
		}
		if end > e.Date {
			t = append(t, IndexTerm{IndexCertSuspension, concat(DateKey(end), DateKey(e.Date))})
		}
	}
	return t
}

func concat(parts ...[]byte) []byte {
	var b []byte
	for _, p := range parts {
		b = append(b, p...)
	}
	return b
}

// keyDate reads the date at the n-th 8-byte field of an index value; ok
// is false for never or a value too short.
func keyDate(v []byte, n int) (d Date, ok bool) {
	if len(v) < 8*(n+1) {
		return 0, false
	}
	u := binary.BigEndian.Uint64(v[8*n:])
	if u == binary.BigEndian.Uint64(never) {
		return 0, false
	}
	return Date(int32(u)), true
}

// ExpiryRange is the span of IndexCertExpiry that holds the revisions
// expiring from asOf to asOf+days.
func ExpiryRange(asOf Date, days int) (from, to []byte) {
	return DateKey(asOf), DateKey(asOf.AddDays(days + 1))
}

// MayBeInForce reports, from an IndexCertExpiry value alone, whether the
// revision may be the one in force on d (InForceOn): taken effect by d
// and not superseded by then. A malformed value may be.
func MayBeInForce(value []byte, d Date) bool {
	issued, ok := keyDate(value, 1)
	if !ok {
		return true
	}
	if issued > d {
		return false
	}
	superseded, ok := keyDate(value, 2)
	return !ok || superseded > d
}

// SuspensionRange is the span of IndexCertSuspension that holds the
// suspensions not yet ended on asOf.
func SuspensionRange(asOf Date) (from, to []byte) { return DateKey(asOf.AddDays(1)), nil }

// SuspensionSince reads the day a suspension began from its
// IndexCertSuspension value.
func SuspensionSince(value []byte) (Date, bool) { return keyDate(value, 1) }
