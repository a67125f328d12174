package certification

import (
	"fmt"
	"strings"
)

// CheckPlanAudit applies the rules for planning (or re-planning) audit a
// in file f. people maps the team's person ids to their records.
func CheckPlanAudit(f *File, a *Audit, people map[ID]*Person, p Policy) error {
	if err := a.Validate(); err != nil {
		return err
	}
	c := &f.Certification
	if cert, ok := f.Certificate(); ok && a.Kind != Stage1 && a.Kind != Stage2 && cert.StatusOn(a.Start()) == CertWithdrawn {
		return refuse(RuleSurveillanceWithdrawn, "certificate %s was withdrawn: no %s audit can be planned on it; a new application starts again from stage 1", cert.Number, a.Kind.Label())
	}
	if !c.Closed.IsZero() {
		return refuse(RuleAuditNotOpen, "certification %d was closed on %s (refused or withdrawn): open a new application instead", c.ID, c.Closed)
	}
	for i, code := range a.Sites {
		if _, ok := f.Client.Site(code); !ok {
			return invalid("audit", fmt.Sprintf("sites[%d]", i), "client %d has no site %q", f.Client.ID, code)
		}
	}
	for i, m := range a.Team {
		person, ok := people[m.PersonID]
		if !ok {
			return invalid("audit", fmt.Sprintf("team[%d].person_id", i), "there is no person %d in the register", m.PersonID)
		}
		if m.Role == TeamLead && !person.Has(RoleLeadAuditor) {
			return refuse(RuleLeadAuditorRequired, "%s is not qualified as a lead auditor: choose a lead auditor from the register", person.Name)
		}
	}
	start := a.Start()
	switch a.Kind {
	case Stage1:
		if f.Live(start) {
			return refuse(RuleAuditNotOpen, "certification %d is already granted (cycle %d): plan a surveillance or recertification audit, not stage 1", c.ID, c.CycleNumber())
		}
	case Stage2:
		if f.Live(start) {
			return refuse(RuleAuditNotOpen, "certification %d is already granted: plan a recertification audit, not stage 2", c.ID)
		}
		return checkStage2(f, a, p)
	case Surveillance, Recertification:
		cur, ok := c.Current()
		if !ok {
			return refuse(RuleAuditNotOpen, "certification %d has not been granted yet: plan stage 1 and stage 2 first", c.ID)
		}
		limit := cur.Expiry.AddMonths(RestorationMonths)
		if a.Kind == Surveillance && start > cur.Expiry {
			return refuse(RuleAuditNotOpen, "the certificate expired on %s: plan a recertification audit, not surveillance", cur.Expiry)
		}
		if a.Kind == Recertification && start > limit {
			return refuse(RuleRestorationWindow, "the certificate expired on %s and the 6-month restoration window closed on %s: certify again from stage 2 as an initial certification", cur.Expiry, limit)
		}
		if start < cur.Decided {
			return refuse(RuleDatesBackwards, "the audit starts %s, before the decision of %s that opened cycle %d", start, cur.Decided, cur.Number)
		}
	case Special, FollowUp:
		if len(c.Cycles) == 0 && len(f.AuditsIn(f.PendingCycle(), Stage1, Stage2)) == 0 {
			return refuse(RuleAuditNotOpen, "certification %d has no audit yet: plan stage 1 first", c.ID)
		}
	}
	return nil
}

// checkStage2 enforces: no stage 2 before a stage 1 that found the client
// ready, not before that stage 1 ended, and a written justification when
// the gap exceeds the policy.
func checkStage2(f *File, a *Audit, p Policy) error {
	st1 := f.lastDone(a.Cycle, false, Stage1)
	if st1 == nil {
		return refuse(RuleStage2NeedsReadyStage1, "no stage 1 audit has been carried out for this certification: stage 2 comes after a stage 1 that finds the client ready")
	}
	if st1.Stage1Outcome != Stage1Ready {
		return refuse(RuleStage2NeedsReadyStage1, "the last stage 1 (audit %d, %s) found the client not ready for stage 2: repeat stage 1 first", st1.ID, st1.LastDay())
	}
	if a.Start() < st1.LastDay() {
		return refuse(RuleDatesBackwards, "stage 2 would start %s, before stage 1 ended on %s", a.Start(), st1.LastDay())
	}
	if limit := st1.LastDay().AddMonths(p.Stage2GapWarnMonths); a.Start() > limit && strings.TrimSpace(a.GapJustification) == "" {
		return refuse(RuleStage2GapJustification, "stage 2 would start %s, more than %d months after stage 1 ended (%s): record a written justification that stage 1 is still valid, or repeat stage 1", a.Start(), p.Stage2GapWarnMonths, st1.LastDay())
	}
	return nil
}

// DecisionContext is what a decision check needs besides the file.
type DecisionContext struct {
	// Makers are the decision makers' records.
	Makers []*Person
	// ClientAudits are every audit of the client (all its certifications),
	// to find team members among the decision makers.
	ClientAudits []Audit
	Policy       Policy
}

// CheckDecision applies every gate to decision d on file f. It returns
// the cycle under decision.
func CheckDecision(f *File, d *Decision, dc DecisionContext) (int, error) {
	if err := d.Validate(); err != nil {
		return 0, err
	}
	c := &f.Certification
	if !c.Closed.IsZero() {
		return 0, refuse(RuleDecisionNotApplicable, "certification %d was closed on %s: no further decision can be made on it", c.ID, c.Closed)
	}
	for _, prev := range f.Decisions {
		if prev.Date > d.Date {
			return 0, refuse(RuleDatesBackwards, "decision %d of %s is later than %s: decisions are recorded in date order", prev.ID, prev.Date, d.Date)
		}
	}
	for _, m := range dc.Makers {
		if !m.Has(RoleDecisionMaker) {
			return 0, refuse(RuleDeciderRole, "%s does not hold the decision-maker role", m.Name)
		}
	}

	cycle, err := checkDecisionKind(f, d)
	if err != nil {
		return 0, err
	}

	// Impartiality: no decision maker may have been on an audit team for
	// this client in the cycle under decision.
	from := d.Date
	for _, a := range f.AuditsIn(cycle) {
		from = min(from, a.Start())
	}
	if cur, ok := f.Cycle(cycle); ok {
		from = min(from, cur.Decided)
	}
	for _, m := range dc.Makers {
		for _, a := range dc.ClientAudits {
			inCycle := (a.CertificationID == c.ID && a.Cycle == cycle) || (a.Start() >= from && a.Start() <= d.Date)
			if a.Status != AuditCancelled && inCycle && a.OnTeam(m.ID) {
				return 0, refuse(RuleDeciderAudited, "%s was on the team of audit %d (%s, %s) for this client in the cycle under decision: another decision maker must decide", m.Name, a.ID, a.Kind.Label(), a.Start())
			}
		}
	}
	return cycle, nil
}

func checkDecisionKind(f *File, d *Decision) (int, error) {
	c := &f.Certification
	cert, hasCert := f.Certificate()
	status := CertNotYet
	if hasCert {
		status = cert.StatusOn(d.Date)
	}
	cur, granted := c.Current()
	switch d.Kind {
	case Grant, Refuse:
		pending := f.PendingCycle()
		if f.Live(d.Date) && status != CertExpired {
			return 0, refuse(RuleDecisionNotApplicable, "certification %d is already granted (certificate %s): use renew, maintain or a scope decision", c.ID, cert.Number)
		}
		if granted && d.Date <= cur.Expiry.AddMonths(RestorationMonths) {
			return 0, refuse(RuleDecisionNotApplicable, "the certificate expired on %s and can still be restored until %s: record a restore decision", cur.Expiry, cur.Expiry.AddMonths(RestorationMonths))
		}
		st2 := f.lastDone(pending, true, Stage2)
		if d.Kind == Refuse {
			if len(f.AuditsIn(pending)) == 0 {
				return 0, refuse(RuleNeedsClosedReport, "no audit has been carried out on this application")
			}
			return pending, nil
		}
		if st2 == nil {
			return 0, refuse(RuleNeedsClosedReport, "there is no closed stage 2 report for this application: close the stage 2 audit first")
		}
		if d.Date < st2.ReportDate {
			return 0, refuse(RuleDatesBackwards, "the decision date %s is before the stage 2 report of %s", d.Date, st2.ReportDate)
		}
		limit := st2.LastDay().AddMonths(MajorVerifyInitialMonths)
		if err := checkFindings(f, f.AuditsIn(pending), limit); err != nil {
			return 0, err
		}
		return pending, nil
	case Renew:
		if !granted {
			return 0, refuse(RuleDecisionNotApplicable, "certification %d has never been granted: grant it first", c.ID)
		}
		if status == CertWithdrawn {
			return 0, refuse(RuleDecisionNotApplicable, "certificate %s was withdrawn", cert.Number)
		}
		if d.Date > cur.Expiry {
			return 0, refuse(RuleRecertificationAfterExp, "the certificate expired on %s: a renewal must be decided before expiry; within 6 months after it record a restore decision", cur.Expiry)
		}
		return cur.Number, checkRecertification(f, cur, d)
	case Restore:
		if !granted || !hasCert {
			return 0, refuse(RuleDecisionNotApplicable, "certification %d has no certificate to restore", c.ID)
		}
		switch status {
		case CertSuspended:
			return cur.Number, nil
		case CertExpired:
			limit := cur.Expiry.AddMonths(RestorationMonths)
			if d.Date > limit {
				return 0, refuse(RuleRestorationWindow, "the certificate expired on %s; it could be restored until %s: certify again with at least a stage 2 audit", cur.Expiry, limit)
			}
			return cur.Number, checkRecertification(f, cur, d)
		}
		return 0, refuse(RuleDecisionNotApplicable, "certificate %s is %s on %s: only a suspended or recently expired certificate can be restored", cert.Number, status, d.Date)
	case Maintain, ExtendScope:
		if status != CertActive {
			return 0, refuse(RuleDecisionNotApplicable, "the certificate is %s on %s: %s needs an active certificate", status, d.Date, d.Kind)
		}
		since := cur.Decided
		for _, prev := range f.Decisions {
			since = max(since, prev.Date)
		}
		kinds := []AuditKind{Surveillance, Special, Recertification, FollowUp}
		var basis *Audit
		for _, a := range f.AuditsIn(cur.Number, kinds...) {
			if a.Status == AuditClosed && a.LastDay() >= since && a.LastDay() <= d.Date {
				basis = a
			}
		}
		if basis == nil {
			return 0, refuse(RuleNeedsClosedReport, "no audit report has been closed since the last decision (%s): close the surveillance or special audit first", since)
		}
		if err := checkFindings(f, []*Audit{basis}, 0); err != nil {
			return 0, err
		}
		return cur.Number, nil
	case ReduceScope, Suspend, Withdraw:
		want := map[DecisionKind][]CertificateStatus{
			ReduceScope: {CertActive, CertSuspended},
			Suspend:     {CertActive},
			Withdraw:    {CertActive, CertSuspended},
		}[d.Kind]
		if !oneOf(status, want) {
			return 0, refuse(RuleDecisionNotApplicable, "the certificate is %s on %s: %s applies to a certificate that is %v", status, d.Date, d.Kind, want)
		}
		return cur.Number, nil
	}
	return 0, refuse(RuleDecisionNotApplicable, "unknown decision %q", d.Kind)
}

// checkRecertification: a closed recertification report in the cycle and
// its findings in order.
func checkRecertification(f *File, cur Cycle, d *Decision) error {
	rec := f.lastDone(cur.Number, true, Recertification)
	if rec == nil {
		return refuse(RuleNeedsClosedReport, "there is no closed recertification audit report in cycle %d: close the recertification audit first", cur.Number)
	}
	if d.Date < rec.ReportDate {
		return refuse(RuleDatesBackwards, "the decision date %s is before the recertification report of %s", d.Date, rec.ReportDate)
	}
	return checkFindings(f, f.AuditsIn(cur.Number), 0)
}

// checkFindings refuses while any major of the audits is unverified or
// any minor has no accepted plan. With a non-zero limit, a major verified
// after it means stage 2 must be repeated.
func checkFindings(f *File, audits []*Audit, limit Date) error {
	for _, x := range f.FindingsOf(audits) {
		switch x.Grade {
		case Major:
			if x.Verification == nil {
				return refuse(RuleUnverifiedMajor, "major nonconformity #%d of audit %d (%s) is not verified as corrected", x.Number, x.AuditID, x.Reference)
			}
			if limit != 0 && x.Verification.On > limit {
				return refuse(RuleMajorVerifiedTooLate, "major nonconformity #%d (%s) was verified on %s, more than 6 months after stage 2 (limit %s): stage 2 must be repeated", x.Number, x.Reference, x.Verification.On, limit)
			}
		case Minor:
			if st := x.Status(); st != FindingPlanAccepted && st != FindingVerified {
				return refuse(RuleMinorWithoutPlan, "minor nonconformity #%d of audit %d (%s) has no accepted corrective action plan", x.Number, x.AuditID, x.Reference)
			}
		}
	}
	return nil
}
