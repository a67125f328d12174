package certification

import (
	"fmt"
	"slices"
	"strings"
)

// The rules of complaints and appeals (docs/rules.md).
const (
	// RuleCaseStepOrder: a case goes received → acknowledged →
	// investigated → decided → closed, one step at a time, each step
	// once, dated on or after the step before.
	RuleCaseStepOrder = "case-step-order"
	// RuleAppealHandlerInvolved: nobody who made the decision appealed
	// against, or audited for it, investigates or decides the appeal
	// (ISO/IEC 17021-1 9.7.3, 9.7.4).
	RuleAppealHandlerInvolved = "appeal-handler-involved"
	// RuleComplaintHandlerInvolved: nobody on the team of the audit a
	// complaint is about investigates or decides it (9.8.6).
	RuleComplaintHandlerInvolved = "complaint-handler-involved"
	// RuleComplaintSpecialAudit: a complaint decided to call for a
	// special audit is closed once that special audit is planned.
	RuleComplaintSpecialAudit = "complaint-special-audit-planned"
)

// Default deadlines of a case, counted in calendar days from the day it
// was received. Neither ISO/IEC 17021-1 nor RULES.md fixes a number:
// these are CertDesk's defaults (an acknowledgement within a working
// week; a decision within two months, which bodies commonly publish in
// their complaints and appeals procedures), kept as policy.
const (
	DefaultComplaintAcknowledgeDays = 7
	DefaultComplaintDecideDays      = 60
)

// CheckCaseStep says whether step s, recorded as st, may be taken on
// case c today: the step before it was taken, s was not, st is dated on
// or after the step before and not after today, names who took it and,
// for an investigation or a decision, says what was found or decided.
func CheckCaseStep(c *Case, s CaseStatus, st CaseStep, today Date) error {
	if !slices.Contains(CaseSteps, s) {
		return invalid(c.String(), "step", "%q is not a step of a case: use one of %s", s, joinAny(CaseSteps))
	}
	if done := c.Step(s); done != nil {
		return refuse(RuleCaseStepOrder, "%s was already %s on %s by %s: a step is taken once", c, s, done.Date, done.Name)
	}
	if cur := c.Status(); cur == CaseClosed {
		return refuse(RuleCaseStepOrder, "%s was closed on %s: nothing more is recorded on it; a new %s is received as a case of its own", c, c.Closed.Date, c.Kind)
	}
	if prev := prevOf(s); prev != CaseReceived && c.Step(prev) == nil {
		next := nextOf(c.Status())
		return refuse(RuleCaseStepOrder, "%s is %s, not %s yet: %s it first (certctl %s %s %d)", c, c.Status(), prev, next.Verb(), c.Kind, next.Verb(), c.ID)
	}
	before, what := c.Received, "received"
	if p := c.Step(prevOf(s)); p != nil {
		before, what = p.Date, string(prevOf(s))
	}
	if st.Date < before {
		return refuse(RuleDatesBackwards, "%s is dated %s, before it was %s (%s): date the step on or after that day", c, st.Date, what, before)
	}
	if err := CheckNotFuture(fmt.Sprintf("%s's %s on", c, s.Noun()), st.Date, today); err != nil {
		return err
	}
	if st.PersonID == 0 {
		return invalid(c.String(), string(s)+".person_id", "name the person of the register who %s it (--by)", s)
	}
	if what := stepText(s); what != "" && strings.TrimSpace(st.Text) == "" {
		return invalid(c.String(), string(s)+".text", "record %s (--text)", what)
	}
	return nil
}

// Involvement says, for each person involved in what a case is about,
// how: "made decision 4", "was on the team of audit 7".
type Involvement map[ID]string

// Involved is who was involved in what case c is about: for an appeal,
// decision d's makers and the teams of the audits its file held; for a
// complaint about an audit, audit a's team. d and a may be nil.
func Involved(c *Case, d *Decision, a *Audit) Involvement {
	inv := Involvement{}
	note := func(id ID, how string) {
		if _, ok := inv[id]; !ok && id != 0 {
			inv[id] = how
		}
	}
	if c.Kind == CaseAppeal && d != nil {
		for _, m := range d.Makers {
			note(m, fmt.Sprintf("made decision %d (%s, %s)", d.ID, d.Kind.Label(), d.Date))
		}
		for _, sa := range d.Snapshot.Audits {
			for _, m := range sa.Team {
				note(m.PersonID, fmt.Sprintf("was on the team of audit %d (%s), on which decision %d rests", sa.ID, sa.Kind.Label(), d.ID))
			}
		}
	}
	if c.Kind == CaseComplaint && a != nil {
		for _, m := range a.Team {
			note(m.PersonID, fmt.Sprintf("was on the team of audit %d (%s, %s), which the complaint is about", a.ID, a.Kind.Label(), a.Start()))
		}
	}
	return inv
}

// CheckCaseHandler refuses person p as who investigates or decides case
// c on day on when p was involved in what it is about, or declared an
// interest in its client barring them then (as it bars a decision
// maker: consultancy, training, employment in the last 2 years), and
// anyone inactive.
func CheckCaseHandler(c *Case, s CaseStatus, p *Person, inv Involvement, on Date) error {
	if p.Inactive {
		return invalid(c.String(), string(s)+".person_id", "%s is inactive: name an active person of the register", p.Name)
	}
	if s != CaseInvestigated && s != CaseDecided {
		return nil
	}
	how, ok := inv[p.ID]
	if in, barred := p.Barred(c.ClientID, on); barred && !ok {
		how, ok = fmt.Sprintf("declared %s for client %d (%s)", in.Kind, c.ClientID, interestPeriod(in)), true
	}
	if !ok {
		return nil
	}
	rule := RuleComplaintHandlerInvolved
	if c.Kind == CaseAppeal {
		rule = RuleAppealHandlerInvolved
	}
	return refuse(rule, "%s %s: someone not involved in what %s is about %ss it (--by another person)", p.Name, how, c, s.Verb())
}

// CheckSpecialAudit says whether audit a (nil: none named) is the
// special audit that closing complaint c needs.
func CheckSpecialAudit(c *Case, a *Audit) error {
	if !c.SpecialAudit {
		if a != nil {
			return invalid(c.String(), "special_audit_id", "%s was not decided to call for a special audit: name none", c)
		}
		return nil
	}
	plan := fmt.Sprintf("plan it (certctl audit plan --certification %d --kind special …) and name it when closing (--special-audit ID)", c.CertificationID)
	if a == nil {
		return refuse(RuleComplaintSpecialAudit, "%s was decided to call for a special audit: %s", c, plan)
	}
	if a.Kind != Special || a.CertificationID != c.CertificationID || a.Status == AuditCancelled {
		return refuse(RuleComplaintSpecialAudit, "audit %d is not a special audit of certification %d that takes place (%s, %s): %s", a.ID, c.CertificationID, a.Kind.Label(), a.Status, plan)
	}
	return nil
}

// CaseDue is one deadline of a case: to acknowledge it, or to decide it.
type CaseDue struct {
	CaseID     ID              `json:"case_id"`
	Kind       CaseKind        `json:"kind"`
	ClientID   ID              `json:"client_id"`
	ClientName string          `json:"client_name,omitempty"`
	Step       CaseStatus      `json:"step"` // acknowledged or decided
	Due        Date            `json:"due"`
	Done       Date            `json:"done,omitzero"`
	State      ObligationState `json:"state"`
	Subject    string          `json:"subject"`
}

// Label says what is due: "Acknowledge complaint 3".
func (d CaseDue) Label() string {
	verb := "Acknowledge"
	if d.Step == CaseDecided {
		verb = "Decide"
	}
	return fmt.Sprintf("%s %s %d", verb, d.Kind, d.CaseID)
}

// Deadlines are case c's two deadlines under policy p as of asOf:
// acknowledge by received + complaint_acknowledge_days, decide by
// received + complaint_decide_days. A step done by asOf is done (Done
// after Due: it was late); one not done is overdue from the day after
// its due date, due soon within the policy's due_soon_days.
func (c *Case) Deadlines(p Policy, asOf Date) []CaseDue {
	out := make([]CaseDue, 0, 2)
	for _, d := range []struct {
		step CaseStatus
		days int
	}{{CaseAcknowledged, p.ComplaintAcknowledgeDays}, {CaseDecided, p.ComplaintDecideDays}} {
		x := CaseDue{CaseID: c.ID, Kind: c.Kind, ClientID: c.ClientID, Step: d.step, Due: c.Received.AddDays(d.days), Subject: c.Subject}
		if st := c.Step(d.step); st != nil && st.Date <= asOf {
			x.Done, x.State = st.Date, StateDone
		} else {
			o := Obligation{Due: x.Due}
			x.State = o.StateOn(asOf, p.DueSoonDays)
		}
		out = append(out, x)
	}
	return out
}
