package certification

import "slices"

// SuspensionWarnDays: a suspension is shown as near its limit from this
// many days before it.
const SuspensionWarnDays = 30

// SuspensionLimit is the last day a certificate suspended on since may
// stay suspended under the policy: by then it is restored, its scope
// reduced, or it is withdrawn. The schedule's suspension-limit
// obligation falls due on the same day.
func (p *Policy) SuspensionLimit(since Date) Date {
	return since.AddMonths(p.SuspensionMaxMonths)
}

// NearSuspensionLimit reports whether on asOf a suspension with this
// limit is within SuspensionWarnDays of it, or past it.
func NearSuspensionLimit(asOf, limit Date) bool {
	return asOf >= limit.AddDays(-SuspensionWarnDays)
}

// Suspension is a suspended certificate with the date of its suspension
// and its limit.
type Suspension struct {
	CertificateState
	Since Date `json:"since"`
	Limit Date `json:"limit"`
}

// PastLimit reports whether the limit has passed on asOf.
func (s *Suspension) PastLimit(asOf Date) bool { return asOf > s.Limit }

// SuspensionsNearLimit picks, from certificate states on asOf
// (Statuses), the certificates suspended on asOf whose suspension is
// near its limit or past it, the nearest limit first.
func SuspensionsNearLimit(certs []CertificateState, asOf Date, p Policy) []Suspension {
	var out []Suspension
	for _, c := range certs {
		if c.Status != CertSuspended {
			continue
		}
		since, ok := c.SuspendedSince(asOf)
		if !ok {
			continue
		}
		if limit := p.SuspensionLimit(since); NearSuspensionLimit(asOf, limit) {
			out = append(out, Suspension{CertificateState: c, Since: since, Limit: limit})
		}
	}
	slices.SortStableFunc(out, func(a, b Suspension) int { return int(a.Limit) - int(b.Limit) })
	return out
}
