package certification

import (
	"errors"
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
		if err := checkStage2(f, a, p); err != nil {
			return err
		}
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
	return checkPlannedTime(f, a) // audittime.go
}

// checkStage2 enforces: no stage 2 before a stage 1 that found the client
// ready, not before that stage 1 ended, and a written justification when
// the gap exceeds the policy.
func checkStage2(f *File, a *Audit, p Policy) error {
	st1 := f.lastDone(a.Cycle, false, Stage1)
	if st1 == nil && len(f.Certification.Cycles) > 0 {
		// Certified before and lapsed past restoration: "at least a stage
		// 2 audit", treated as an initial certification.
		return nil
	}
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

// Gate is one rule a decision must pass, with the outcome for a draft.
type Gate struct {
	Rule   string `json:"rule"`
	Title  string `json:"title"`
	Passed bool   `json:"passed"`
	// Detail says what blocks (or, when passed, what was checked).
	Detail string `json:"detail,omitempty"`
}

// gates collects the outcome of each gate in order.
type gates []Gate

func (g *gates) check(rule, title string, err error, ok string) bool {
	if err != nil {
		var re *RuleError
		if errors.As(err, &re) {
			rule = re.Rule
			*g = append(*g, Gate{Rule: rule, Title: title, Detail: re.Msg})
		} else {
			*g = append(*g, Gate{Rule: rule, Title: title, Detail: err.Error()})
		}
		return false
	}
	*g = append(*g, Gate{Rule: rule, Title: title, Passed: true, Detail: ok})
	return true
}

func (g gates) firstFailure() error {
	for _, x := range g {
		if !x.Passed {
			return &RuleError{Rule: x.Rule, Msg: x.Detail}
		}
	}
	return nil
}

// CheckDecision applies every gate to decision d on file f. It returns
// the cycle under decision, or the first gate that blocks.
func CheckDecision(f *File, d *Decision, dc DecisionContext) (int, error) {
	if err := d.Validate(); err != nil {
		return 0, err
	}
	cycle, g := EvaluateDecision(f, d, dc)
	return cycle, gates(g).firstFailure()
}

// EvaluateDecision runs every gate that applies to a draft decision and
// reports each as passed or blocking, so that the committee sees the
// whole picture before deciding. The draft need not be complete.
func EvaluateDecision(f *File, d *Decision, dc DecisionContext) (int, []Gate) {
	var g gates
	c := &f.Certification
	var closedErr error
	if !c.Closed.IsZero() {
		closedErr = refuse(RuleDecisionNotApplicable, "certification %d was closed on %s: no further decision can be made on it", c.ID, c.Closed)
	}
	if !g.check(RuleDecisionNotApplicable, "Certification open", closedErr, "the certification is open") {
		return 0, g
	}
	var orderErr error
	for _, prev := range f.Decisions {
		if prev.Date > d.Date {
			orderErr = refuse(RuleDatesBackwards, "decision %d of %s is later than %s: decisions are recorded in date order", prev.ID, prev.Date, d.Date)
		}
	}
	g.check(RuleDatesBackwards, "Dated after earlier decisions", orderErr, "")
	var roleErr error
	for _, m := range dc.Makers {
		if !m.Has(RoleDecisionMaker) {
			roleErr = refuse(RuleDeciderRole, "%s does not hold the decision-maker role", m.Name)
			break
		}
	}
	if len(dc.Makers) == 0 {
		roleErr = refuse(RuleDeciderRole, "no decision maker is named")
	}
	g.check(RuleDeciderRole, "Decision makers hold the role", roleErr, "")

	// The file as it stood on the decision date: a decision dated back
	// cannot rest on a verification or report recorded after it.
	at := *d
	if at.ID == 0 {
		at.ID = ^ID(0) // a draft: after everything recorded that day
	}
	f = FileBefore(f, &at)
	cycle := decisionGates(f, d, dc.Policy, &g)

	// Impartiality: no decision maker may have been on an audit team for
	// this client in the cycle under decision.
	from := d.Date
	for _, a := range f.AuditsIn(cycle) {
		from = min(from, a.Start())
	}
	if cur, ok := f.Cycle(cycle); ok {
		from = min(from, cur.Decided)
	}
	var impErr error
	for _, m := range dc.Makers {
		for _, a := range dc.ClientAudits {
			inCycle := (a.CertificationID == c.ID && a.Cycle == cycle) || (a.Start() >= from && a.Start() <= d.Date)
			if impErr == nil && a.Status != AuditCancelled && inCycle && a.OnTeam(m.ID) {
				impErr = refuse(RuleDeciderAudited, "%s was on the team of audit %d (%s, %s) for this client in the cycle under decision: another decision maker must decide", m.Name, a.ID, a.Kind.Label(), a.Start())
			}
		}
	}
	g.check(RuleDeciderAudited, "Decision makers did not audit the client in the cycle", impErr, "")
	var intErr error
	for _, m := range dc.Makers {
		if in, barred := m.Barred(c.ClientID, d.Date); barred && intErr == nil {
			intErr = refuse(RuleDeciderInterest, "%s declared %s for this client (%s): nobody with an interest in the last %d years may decide", m.Name, in.Kind, interestPeriod(in), InterestBarYears)
		}
	}
	g.check(RuleDeciderInterest, "Decision makers have no interest in the client (2 years)", intErr, "")
	return cycle, g
}

// decisionGates adds the gates of the decision's kind and returns the
// cycle under decision.
func decisionGates(f *File, d *Decision, p Policy, g *gates) int {
	c := &f.Certification
	cert, hasCert := f.Certificate()
	status := CertNotYet
	if hasCert {
		status = cert.StatusOn(d.Date)
	}
	cur, granted := c.Current()
	applies := func(err error) bool {
		return g.check(RuleDecisionNotApplicable, "Applies to the certificate's state", err, "")
	}
	report := func(a *Audit, missing string) bool {
		if a == nil {
			return g.check(RuleNeedsClosedReport, "Closed audit report", refuse(RuleNeedsClosedReport, "%s", missing), "")
		}
		g.check(RuleNeedsClosedReport, "Closed audit report", nil, fmt.Sprintf("%s audit %d, report of %s", a.Kind.Label(), a.ID, a.ReportDate))
		var err error
		if d.Date < a.ReportDate {
			err = refuse(RuleDatesBackwards, "the decision date %s is before the report of %s", d.Date, a.ReportDate)
		}
		g.check(RuleDatesBackwards, "Dated on or after the report", err, "")
		coverageGate(f, a, g)     // coverage.go
		auditTimeGate(f, a, p, g) // audittime_facts.go
		return true
	}
	switch d.Kind {
	case AcceptTransfer:
		return transferGates(f, d, g) // transfer.go
	case Grant, Refuse:
		pending := f.PendingCycle()
		var err error
		if f.Live(d.Date) && status != CertExpired {
			err = refuse(RuleDecisionNotApplicable, "certification %d is already granted (certificate %s): use renew, maintain or a scope decision", c.ID, cert.Number)
		} else if granted && d.Date <= cur.Expiry.AddMonths(RestorationMonths) {
			err = refuse(RuleDecisionNotApplicable, "the certificate expired on %s and can still be restored until %s: record a restore decision", cur.Expiry, cur.Expiry.AddMonths(RestorationMonths))
		}
		if !applies(err) {
			return pending
		}
		if d.Kind == Refuse {
			var err error
			if len(f.AuditsIn(pending)) == 0 {
				err = refuse(RuleNeedsClosedReport, "no audit has been carried out on this application")
			}
			g.check(RuleNeedsClosedReport, "An audit was carried out", err, "")
			return pending
		}
		st2 := f.lastDone(pending, true, Stage2)
		if st2 != nil && len(c.Cycles) == 0 {
			// The stage 2 rests on a stage 1 that found the client ready
			// and ended before it (not needed after a lapse: RULES).
			var err error
			if st1 := f.lastDone(pending, false, Stage1); st1 == nil || st1.Stage1Outcome != Stage1Ready || st1.LastDay() > st2.Start() {
				err = refuse(RuleStage2NeedsReadyStage1, "stage 2 (audit %d) does not follow a stage 1 that found the client ready", st2.ID)
			}
			g.check(RuleStage2NeedsReadyStage1, "Stage 2 follows a ready stage 1", err, "")
		}
		missing := fmt.Sprintf("there is no stage 2 report for this application closed by %s: close the stage 2 audit first, and date the decision on or after its report", d.Date)
		if a := f.reportLater(pending, Stage2); a != nil {
			missing = fmt.Sprintf("the stage 2 report (audit %d) is dated %s, after the decision date %s: date the decision on or after the report", a.ID, a.ReportDate, d.Date)
		}
		if report(st2, missing) {
			findingGates(f, f.AuditsIn(pending), st2.LastDay().AddMonths(MajorVerifyInitialMonths), g)
		}
		return pending
	case Renew:
		var err error
		switch {
		case !granted:
			err = refuse(RuleDecisionNotApplicable, "certification %d has never been granted: grant it first", c.ID)
		case status == CertWithdrawn:
			err = refuse(RuleDecisionNotApplicable, "certificate %s was withdrawn", cert.Number)
		}
		if !applies(err) {
			return c.CycleNumber()
		}
		err = nil
		if d.Date > cur.Expiry {
			err = refuse(RuleRecertificationAfterExp, "the certificate expired on %s: a renewal must be decided before expiry; within 6 months after it record a restore decision", cur.Expiry)
		}
		g.check(RuleRecertificationAfterExp, "Decided before expiry", err, fmt.Sprintf("expiry %s", cur.Expiry))
		recertificationGates(f, cur, report, g)
		return cur.Number
	case Restore:
		var err error
		switch {
		case !granted || !hasCert:
			err = refuse(RuleDecisionNotApplicable, "certification %d has no certificate to restore", c.ID)
		case status != CertSuspended && status != CertExpired:
			err = refuse(RuleDecisionNotApplicable, "certificate %s is %s on %s: only a suspended or recently expired certificate can be restored", cert.Number, status, d.Date)
		}
		if !applies(err) {
			return c.CycleNumber()
		}
		if status == CertSuspended {
			// Lifting a suspension: the cycle's nonconformities must be
			// in order (a major unverified is a reason to stay suspended).
			findingGates(f, f.AuditsIn(cur.Number), 0, g)
			return cur.Number
		}
		limit := cur.Expiry.AddMonths(RestorationMonths)
		err = nil
		if d.Date > limit {
			err = refuse(RuleRestorationWindow, "the certificate expired on %s; it could be restored until %s: certify again with at least a stage 2 audit", cur.Expiry, limit)
		}
		g.check(RuleRestorationWindow, "Within 6 months of expiry", err, fmt.Sprintf("restorable until %s", limit))
		recertificationGates(f, cur, report, g)
		return cur.Number
	case Maintain, ExtendScope:
		var err error
		if status != CertActive {
			err = refuse(RuleDecisionNotApplicable, "the certificate is %s on %s: %s needs an active certificate", status, d.Date, d.Kind)
		}
		if !applies(err) {
			return c.CycleNumber()
		}
		since := cur.Decided
		for _, prev := range f.Decisions {
			since = max(since, prev.Date)
		}
		var basis *Audit
		for _, a := range f.AuditsIn(cur.Number, Surveillance, Special, Recertification, FollowUp) {
			if a.Status == AuditClosed && a.LastDay() >= since && a.LastDay() <= d.Date {
				basis = a
			}
		}
		if report(basis, fmt.Sprintf("no audit report has been closed since the last decision (%s): close the surveillance or special audit first", since)) {
			findingGates(f, []*Audit{basis}, 0, g)
		}
		return cur.Number
	case ReduceScope, Suspend, Withdraw:
		want := map[DecisionKind][]CertificateStatus{
			ReduceScope: {CertActive, CertSuspended},
			Suspend:     {CertActive},
			Withdraw:    {CertActive, CertSuspended},
		}[d.Kind]
		var err error
		if !oneOf(status, want) {
			err = refuse(RuleDecisionNotApplicable, "the certificate is %s on %s: %s applies to a certificate that is %v", status, d.Date, d.Kind, want)
		}
		applies(err)
		return c.CycleNumber()
	}
	applies(refuse(RuleDecisionNotApplicable, "unknown decision %q", d.Kind))
	return c.CycleNumber()
}

// recertificationGates: a closed recertification report in the cycle and
// the cycle's findings in order.
func recertificationGates(f *File, cur Cycle, report func(*Audit, string) bool, g *gates) {
	rec := f.lastDone(cur.Number, true, Recertification)
	missing := fmt.Sprintf("there is no closed recertification audit report in cycle %d: close the recertification audit first", cur.Number)
	if a := f.reportLater(cur.Number, Recertification); a != nil {
		missing = fmt.Sprintf("the recertification report (audit %d) is dated %s, after the decision date %s: date the decision on or after the report", a.ID, a.ReportDate, f.asOf)
	}
	if report(rec, missing) {
		findingGates(f, f.AuditsIn(cur.Number), 0, g)
	}
}

// findingGates: no major of the audits unverified, no minor without an
// accepted plan; with a non-zero limit, a major verified after it means
// stage 2 must be repeated.
func findingGates(f *File, audits []*Audit, limit Date, g *gates) {
	var major, late, minor error
	nMajor, nMinor := 0, 0
	for _, x := range f.FindingsOf(audits) {
		switch x.Grade {
		case Major:
			nMajor++
			if x.Verification == nil && major == nil {
				major = refuse(RuleUnverifiedMajor, "major nonconformity #%d of audit %d (%s) is not verified as corrected", x.Number, x.AuditID, x.Reference)
				if l := f.recordedLater(x.ID); l != nil && l.Verification != nil {
					major = refuse(RuleUnverifiedMajor, "major nonconformity #%d of audit %d (%s) was verified on %s, after the decision date %s: date the decision on or after the verification", x.Number, x.AuditID, x.Reference, l.Verification.On, f.asOf)
				}
			}
			if x.Verification != nil && limit != 0 && x.Verification.On > limit && late == nil {
				late = refuse(RuleMajorVerifiedTooLate, "major nonconformity #%d (%s) was verified on %s, more than 6 months after stage 2 (limit %s): stage 2 must be repeated", x.Number, x.Reference, x.Verification.On, limit)
			}
		case Minor:
			nMinor++
			if st := x.Status(); st != FindingPlanAccepted && st != FindingVerified && minor == nil {
				minor = refuse(RuleMinorWithoutPlan, "minor nonconformity #%d of audit %d (%s) has no accepted corrective action plan", x.Number, x.AuditID, x.Reference)
				if l := f.recordedLater(x.ID); l != nil && l.Review != nil && l.Review.Accepted {
					minor = refuse(RuleMinorWithoutPlan, "the corrective action plan of minor nonconformity #%d of audit %d (%s) was accepted on %s, after the decision date %s: date the decision on or after the acceptance", x.Number, x.AuditID, x.Reference, l.Review.On, f.asOf)
				}
			}
		}
	}
	g.check(RuleUnverifiedMajor, "Major nonconformities verified", major, fmt.Sprintf("%d major(s)", nMajor))
	if limit != 0 {
		g.check(RuleMajorVerifiedTooLate, "Majors verified within 6 months of stage 2", late, fmt.Sprintf("limit %s", limit))
	}
	g.check(RuleMinorWithoutPlan, "Minor nonconformities have accepted plans", minor, fmt.Sprintf("%d minor(s)", nMinor))
}

// interestPeriod writes an interest's dates.
func interestPeriod(i Interest) string {
	if i.To.IsZero() {
		return "since " + i.From.String()
	}
	return i.From.String() + " to " + i.To.String()
}
