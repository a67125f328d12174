package certification

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
