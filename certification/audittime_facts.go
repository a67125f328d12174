package certification

import (
	"fmt"
	"strings"

	"certdesk/audit/audittime"
)

// TimeFacts are an audit's required, planned and actual auditor-days side
// by side, with the written justification and shortfall reason: what the
// committee sees, and what the "Audit time" decision gate checks.
type TimeFacts struct {
	AuditID ID        `json:"audit_id"`
	Kind    AuditKind `json:"kind"`
	// Required is the required time (HasMinimum false: special and
	// follow-up audits have no table minimum); RequiredError says why it
	// could not be calculated.
	Required      RequiredTime `json:"required"`
	RequiredError string       `json:"required_error,omitempty"`
	Planned       float64      `json:"planned_days"`
	Actual        float64      `json:"actual_days"`
	// BelowMinimum: planned below the required time; Justification is
	// the written justification recorded for it.
	BelowMinimum  bool   `json:"below_minimum"`
	Justification string `json:"time_justification,omitempty"`
	// Shortfall: actual below planned by more than TolerancePercent
	// (ShortfallPercent); Reason is the written reason recorded for it.
	Shortfall        bool    `json:"shortfall"`
	ShortfallPercent float64 `json:"shortfall_percent,omitempty"`
	TolerancePercent int     `json:"tolerance_percent"`
	Reason           string  `json:"shortfall_reason,omitempty"`
}

// AuditTimeFacts gathers the audit-time facts of audit a of file f.
func AuditTimeFacts(f *File, a *Audit, p Policy) TimeFacts {
	out := TimeFacts{AuditID: a.ID, Kind: a.Kind, Planned: a.PlannedDays, Actual: a.ActualDays,
		Justification: strings.TrimSpace(a.TimeJustification), Reason: strings.TrimSpace(a.ShortfallReason),
		TolerancePercent: p.ActualDaysTolerancePercent}
	req, err := RequiredAuditTime(f, a)
	if a.RequiredDays > 0 { // as calculated when it was planned
		req, err = RequiredTime{HasMinimum: true, Days: a.RequiredDays}, nil
	}
	if err != nil {
		out.RequiredError = err.Error()
		if re, ok := err.(*RuleError); ok {
			out.RequiredError = re.Msg
		}
	}
	out.Required = req
	out.BelowMinimum = req.HasMinimum && a.PlannedDays+dayEps < req.Days
	out.Shortfall, out.ShortfallPercent = Shortfall(a, p)
	return out
}

// Problem says what keeps the audit's time from carrying a decision, or
// "" when it is in order: a time that cannot be calculated, no planned
// auditor-days, planned below the required time without a justification,
// or a shortfall beyond the tolerance without a reason.
func (t TimeFacts) Problem() error {
	what := fmt.Sprintf("audit %d (%s)", t.AuditID, t.Kind.Label())
	switch {
	case t.RequiredError != "":
		return refuse(RuleAuditTimeMinimum, "%s: %s", what, t.RequiredError)
	case t.Planned == 0:
		return refuse(RuleAuditTimeMinimum, "%s has no planned auditor-days: record them, with a justification if below the required time", what)
	case t.BelowMinimum && t.Justification == "":
		return refuse(RuleAuditTimeMinimum, "%s was planned at %s, below the required %s, without a written justification: record the justification on the audit, or audit the missing time first",
			what, audittime.AuditorDays(t.Planned), number(t.Required.Days))
	case t.Shortfall && t.Reason == "":
		return refuse(RuleAuditTimeShortfall, "%s took %s of the %s planned (%s %% less, the policy allows %d %%) without a written reason: record the reason on the audit",
			what, audittime.AuditorDays(t.Actual), number(t.Planned), number(t.ShortfallPercent), t.TolerancePercent)
	}
	return nil
}

// Summary is the facts in one line: "audit 3, in auditor-days: required
// 9, planned 9, actual 8.5".
func (t TimeFacts) Summary() string {
	req := "no table minimum"
	switch {
	case t.RequiredError != "":
		req = "required time not calculable"
	case t.Required.HasMinimum:
		req = "required " + number(t.Required.Days)
	}
	s := fmt.Sprintf("audit %d, in auditor-days: %s, planned %s", t.AuditID, req, number(t.Planned))
	if t.Actual > 0 {
		s += ", actual " + number(t.Actual)
	}
	if t.BelowMinimum && t.Justification != "" {
		s += "; below the minimum, justified: " + t.Justification
	}
	if t.Shortfall && t.Reason != "" {
		s += "; shortfall explained: " + t.Reason
	}
	return s
}

// auditTimeGate adds the "Audit time" gate for the audit a decision rests on.
func auditTimeGate(f *File, a *Audit, p Policy, g *gates) {
	t := AuditTimeFacts(f, a, p)
	g.check(RuleAuditTimeMinimum, "Audit time", t.Problem(), t.Summary())
}
