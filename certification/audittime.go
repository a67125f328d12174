package certification

// Audit time as a gate (IAF MD 5, ISO/IEC 42006). The time an audit
// requires is calculated (audit/audittime) from the client's records —
// effective personnel, AI roles and systems, sites — the certification's
// standard and the adjustments its contract records (AuditTimeTerms),
// each with its reason, reductions together at most 30 %. Then:
//
//   - planning or re-planning an audit below the required time is refused
//     unless a written justification is recorded on the audit
//     (TimeJustification); planned days 0 means "not stated yet", which an
//     audit may be while planned, not once confirmed;
//   - drafting the report of an audit whose actual days fall short of the
//     planned days by more than the policy's tolerance needs a written
//     reason (ShortfallReason);
//   - the decision gates check the audit the decision rests on the same
//     way (AuditTimeFacts), so files recorded before these gates are
//     caught too.
//
// Special and follow-up audits have no table minimum: their time is what
// the body plans for them.

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/audit/catalogue"
)

// Rules of audit time.
const (
	// RuleAuditTimeMinimum refuses planned auditor-days below the
	// required audit time without a written justification, and an audit
	// confirmed without planned auditor-days.
	RuleAuditTimeMinimum = "audit-time-minimum"
	// RuleAuditTimeShortfall refuses drafting the report of an audit whose
	// actual auditor-days fall short of the planned ones by more than the
	// policy's tolerance without a written reason.
	RuleAuditTimeShortfall = "audit-time-shortfall"
)

// TimeAdjustment is one adjustment of the audit time agreed in the
// contract: Percent up (+) or down (−), with its written reason.
type TimeAdjustment struct {
	Percent float64 `json:"percent"`
	Reason  string  `json:"reason"`
}

// AuditTimeTerms are what the contract records about a certification's
// audit time.
type AuditTimeTerms struct {
	Adjustments []TimeAdjustment `json:"adjustments,omitempty"`
	// IntegrationReduction is the percentage (0–20) an audit of this
	// certification is reduced by when it is part of an integrated audit.
	IntegrationReduction float64 `json:"integration_reduction,omitempty"`
}

// validate checks the terms as audittime.Calculate checks adjustments
// (a reason each, a percentage not 0, reductions together at most 30 %).
func (t AuditTimeTerms) validate(rec string, std Standard) error {
	r := t.IntegrationReduction
	if math.IsNaN(r) || r < 0 || r > audittime.MaxIntegrationPercent {
		return invalid(rec, "audit_time.integration_reduction", "the reduction for an integrated audit is a percentage from 0 to %g, got %g", audittime.MaxIntegrationPercent, r)
	}
	if len(t.Adjustments) == 0 {
		return nil
	}
	in := audittime.Input{Standards: []string{string(std)}, EffectivePersonnel: 1, AIRoles: []string{string(AIProducer)}, Adjustments: t.adjustments()}
	if !catalogue.Builtin(string(std)) {
		in.QMSStandards = in.Standards // checked as the MD 5 table checks them
	}
	if _, err := audittime.Calculate(in); err != nil {
		var fe *audittime.FieldError
		if errors.As(err, &fe) {
			return invalid(rec, "audit_time."+fe.Field, "%s", fe.Message)
		}
		return err
	}
	return nil
}

func (t AuditTimeTerms) adjustments() []audittime.Adjustment {
	out := make([]audittime.Adjustment, len(t.Adjustments))
	for i, a := range t.Adjustments {
		out[i] = audittime.Adjustment{Percent: a.Percent, Reason: a.Reason}
	}
	return out
}

// ClientAuditTimeInput is what the client's record gives the audit time
// calculation: effective personnel, AI roles and systems, and the sites
// of a multi-site client. The standards are the caller's.
func ClientAuditTimeInput(c *Client) audittime.Input {
	in := audittime.Input{EffectivePersonnel: c.EffectivePersonnel}
	for _, r := range c.AIRoles {
		in.AIRoles = append(in.AIRoles, string(r))
	}
	for _, s := range c.AISystems {
		in.AISystems = append(in.AISystems, audittime.AISystemInput{Name: s.Name, RiskClass: string(s.RiskClass), Autonomy: string(s.Autonomy), PersonalData: s.PersonalData})
	}
	if len(c.Sites) > 1 {
		for _, s := range c.Sites {
			in.Sites = append(in.Sites, audittime.SiteInput{Code: s.Code, Central: s.Central, Personnel: s.Personnel})
		}
	}
	return in
}

// RequiredTime is the audit time an audit requires.
type RequiredTime struct {
	// HasMinimum is false for special and follow-up audits: the tables
	// set no minimum for them.
	HasMinimum bool    `json:"has_minimum"`
	Days       float64 `json:"days,omitempty"`
	// IntegrationReduction is the contract's reduction applied because
	// the audit is part of an integrated audit.
	IntegrationReduction float64 `json:"integration_reduction,omitempty"`
	// Calculation is the whole calculation, with its justification.
	Calculation *audittime.Result `json:"calculation,omitempty"`
}

// RequiredAuditTime calculates the time audit a of file f requires: the
// time of its kind (stage 1, stage 2, surveillance, recertification) for
// the certification's standard from the client's records and the
// contract's adjustments, reduced by the contract's integration
// reduction when the audit is part of an integrated audit. An error says
// what in the client's record or the terms keeps it from being
// calculated.
func RequiredAuditTime(f *File, a *Audit) (RequiredTime, error) {
	if a.Kind == Special || a.Kind == FollowUp {
		return RequiredTime{}, nil
	}
	c := &f.Certification
	in := ClientAuditTimeInput(&f.Client)
	in.Standards = []string{string(c.Standard)}
	if !catalogue.Builtin(string(c.Standard)) {
		cat, err := catalogue.For(string(c.Standard))
		if err != nil {
			return RequiredTime{}, err
		}
		if cat.TimeTable != catalogue.TableQMS {
			return RequiredTime{}, nil // the programme sets the time: no minimum
		}
		in.QMSStandards = in.Standards
	}
	in.Adjustments = c.AuditTime.adjustments()
	res, err := audittime.Calculate(in)
	if err != nil {
		var fe *audittime.FieldError
		if errors.As(err, &fe) {
			return RequiredTime{}, refuse(RuleAuditTimeMinimum, "the audit time of %s cannot be calculated: %s: complete the client's record (or certification %d's audit-time adjustments)",
				f.Client.DisplayName(), fe.Error(), c.ID)
		}
		return RequiredTime{}, err
	}
	out := RequiredTime{HasMinimum: true, Calculation: res}
	if r := c.AuditTime.IntegrationReduction; len(a.IntegratedWith) > 0 && r > 0 {
		res.SetInitial(audittime.Integrate(res.Initial.Days, r))
		out.IntegrationReduction = r
	}
	switch a.Kind {
	case Stage1:
		out.Days = res.Stage1.Days
	case Stage2:
		out.Days = res.Stage2.Days
	case Surveillance:
		out.Days = res.Surveillance.Days
	case Recertification:
		out.Days = res.Recertification.Days
	}
	return out, nil
}

// stampRequired records on audit a the required time it was planned
// against (after the planning rules passed).
func stampRequired(f *File, a *Audit) {
	a.RequiredDays = 0
	if req, err := RequiredAuditTime(f, a); err == nil && req.HasMinimum {
		a.RequiredDays = req.Days
	}
}

const dayEps = 1e-9

// checkPlannedTime refuses planned auditor-days (when stated) below the
// required time without a written justification.
func checkPlannedTime(f *File, a *Audit) error {
	if a.PlannedDays == 0 {
		return nil // not stated yet: confirming needs it (checkTimeStep)
	}
	req, err := RequiredAuditTime(f, a)
	if err != nil {
		return err
	}
	if !req.HasMinimum || a.PlannedDays+dayEps >= req.Days || strings.TrimSpace(a.TimeJustification) != "" {
		return nil
	}
	return refuse(RuleAuditTimeMinimum, "%s requires %s (IAF MD 5, after the contract's adjustments), the plan has %s: plan at least %s, or record the written justification for less, which goes to the contract",
		a.Kind.Label(), audittime.AuditorDays(req.Days), number(a.PlannedDays), audittime.AuditorDays(req.Days))
}

// checkTimeStep applies the audit-time rules of a status step: planned
// auditor-days stated before the audit is confirmed; a shortfall of the
// actual auditor-days (when recorded) beyond the policy's tolerance
// explained before the report is drafted.
func checkTimeStep(a *Audit, next AuditStatus, p Policy) error {
	switch next {
	case AuditConfirmed, AuditInProgress:
		if a.PlannedDays == 0 {
			return refuse(RuleAuditTimeMinimum, "audit %d has no planned auditor-days: state them (at least the required audit time) before it is confirmed", a.ID)
		}
	case AuditReportDrafted:
		if short, pct := Shortfall(a, p); short && strings.TrimSpace(a.ShortfallReason) == "" {
			return refuse(RuleAuditTimeShortfall, "audit %d took %s, %s %% less than the %s planned (the policy allows %d %%): record the reason for the shortfall before drafting the report",
				a.ID, audittime.AuditorDays(a.ActualDays), number(pct), number(a.PlannedDays), p.ActualDaysTolerancePercent)
		}
	}
	return nil
}

// Shortfall reports whether the audit's actual auditor-days fall short of
// the planned ones by more than the policy's tolerance, and by how many
// percent.
func Shortfall(a *Audit, p Policy) (bool, float64) {
	if a.PlannedDays <= 0 || a.ActualDays <= 0 || a.ActualDays >= a.PlannedDays {
		return false, 0
	}
	pct := math.Round((a.PlannedDays-a.ActualDays)/a.PlannedDays*1e4) / 100
	return pct > float64(p.ActualDaysTolerancePercent)+dayEps, pct
}

// days writes a number of auditor-days: "4.5" (audittime.AuditorDays
// writes it with its unit).
// number is x as people write it: 7.5, 12, 33.3.
func number(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
