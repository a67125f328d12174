package certification

import (
	"fmt"
	"slices"
	"strings"
)

// TeamProblemKind names one way an audit team falls short.
type TeamProblemKind string

const (
	TeamNoLead         TeamProblemKind = "no-qualified-lead"    // no lead auditor qualified for the standard
	TeamStandard       TeamProblemKind = "standard-not-covered" // no auditor qualified for the standard
	TeamSector         TeamProblemKind = "sector-not-covered"   // a client sector no member is competent for
	TeamAI             TeamProblemKind = "ai-not-covered"       // 42001: an AI competence area the team lacks
	TeamInterest       TeamProblemKind = "interest"             // a member declared an interest in the client (2 years)
	TeamDoubleBooked   TeamProblemKind = "double-booked"        // a member is on another audit on the same days
	TeamRotation       TeamProblemKind = "rotation"             // the lead led too many consecutive audits of the client (warning)
	TeamQualExpired    TeamProblemKind = "qualification-expired"
	TeamInactiveMember TeamProblemKind = "inactive-member"
)

// TeamProblem is one gap in a team, with what to do about it.
type TeamProblem struct {
	Kind     TeamProblemKind `json:"kind"`
	PersonID ID              `json:"person_id,omitempty"`
	Msg      string          `json:"message"`
	// Warning problems do not block confirming the audit.
	Warning bool `json:"warning,omitempty"`
	// Justifiable problems (a competence gap: sector or AI area) block
	// confirming unless the policy allows a written justification and the
	// audit carries one. Impartiality, availability, qualification and
	// lead problems are never justifiable.
	Justifiable bool `json:"justifiable,omitempty"`
}

// TeamCheck is the answer for one audit team.
type TeamCheck struct {
	Problems []TeamProblem `json:"problems"`
	// Covered lists what the team covers, for the team builder.
	Standard bool     `json:"standard"`
	Lead     bool     `json:"lead"`
	Sectors  []int    `json:"sectors_covered,omitempty"`
	AIAreas  []AIArea `json:"ai_areas_covered,omitempty"`
	// AIChecked is whether the AI areas were checked: the audit is of
	// ISO/IEC 42001, so AIAreas (and a gap in them) mean something.
	AIChecked bool `json:"ai_areas_checked"`
}

// Blocking returns the problems that block confirmation.
func (tc TeamCheck) Blocking() []TeamProblem {
	var out []TeamProblem
	for _, p := range tc.Problems {
		if !p.Warning {
			out = append(out, p)
		}
	}
	return out
}

// RequiredAIAreas are the AI competence areas a 42001 audit team must
// cover together (ISO/IEC 42006: technical AI competence and the AI
// risk and impact method); regulation is added when the client runs a
// high-risk or prohibited AI system under the EU AI Act.
func RequiredAIAreas(c *Client) []AIArea {
	req := []AIArea{AIRisk, AILifecycle}
	for _, s := range c.AISystems {
		if s.RiskClass == RiskHigh || s.RiskClass == RiskProhibited {
			return append(req, AIRegulation)
		}
	}
	return req
}

// TeamContext is what a team check needs besides the audit and its file.
type TeamContext struct {
	// People maps every team member's id to their record.
	People map[ID]*Person
	// Others are the members' other audits (any client) for double
	// booking; ClientAudits are the client's audits for rotation.
	Others       []Audit
	ClientAudits []Audit
	Policy       Policy
	// AlsoStandards are the other standards of an integrated audit (the
	// team pool and the suggestion only; CheckTeam checks each audit of
	// it by its own standard): one team visits for all of them, so its
	// lead must be a qualified lead auditor for each.
	AlsoStandards []Standard
}

// CheckTeam says whether audit a's team covers the standard, the client's
// sectors and (for 42001) the AI competence areas, has a qualified lead,
// and is free of interests, double bookings and over-long leadership.
// Each gap is a problem; rotation is a warning.
func CheckTeam(f *File, a *Audit, tc TeamContext) TeamCheck {
	var out TeamCheck
	add := func(k TeamProblemKind, who ID, warn bool, format string, args ...any) {
		out.Problems = append(out.Problems, TeamProblem{Kind: k, PersonID: who, Warning: warn,
			Justifiable: k == TeamSector || k == TeamAI, Msg: fmt.Sprintf(format, args...)})
	}
	std := f.Certification.Standard
	start, end := a.Start(), a.LastDay()
	sectors := map[int]bool{}
	areas := map[AIArea]bool{}
	for _, m := range a.Team {
		p, ok := tc.People[m.PersonID]
		if !ok {
			add(TeamStandard, m.PersonID, false, "person %d is not in the register", m.PersonID)
			continue
		}
		if p.Inactive {
			add(TeamInactiveMember, p.ID, false, "%s is marked inactive in the register", p.Name)
		}
		switch m.Role {
		case TeamLead:
			if p.QualifiedOn(std, RoleLeadAuditor, end) {
				out.Lead, out.Standard = true, true
			} else if p.QualifiedOn(std, RoleLeadAuditor, start) {
				add(TeamQualExpired, p.ID, false, "%s's lead auditor qualification for %s expires before the audit ends (%s)", p.Name, std, end)
			}
		case TeamAuditor:
			if p.QualifiedOn(std, RoleAuditor, end) || p.QualifiedOn(std, RoleLeadAuditor, end) {
				out.Standard = true
			} else if p.QualifiedOn(std, RoleAuditor, start) {
				add(TeamQualExpired, p.ID, false, "%s's auditor qualification for %s expires before the audit ends (%s)", p.Name, std, end)
			}
		}
		if m.Role == TeamLead || m.Role == TeamAuditor || m.Role == TeamTechnicalExpert {
			if c := p.Competence; c != nil {
				for _, s := range c.Sectors {
					sectors[s] = true
				}
				for _, ar := range c.AIAreas {
					areas[ar] = true
				}
			}
		}
		if in, barred := p.Barred(f.Client.ID, start); barred {
			add(TeamInterest, p.ID, false, "%s declared %s for this client (%s): barred for %d years after it ends", p.Name, in.Kind, interestPeriod(in), InterestBarYears)
		}
		// A confirmed (or later) audit on the same days blocks; one that is
		// only planned is a pencilled-in booking, a warning: whichever is
		// confirmed first keeps the person.
		pencilled := -1
		booked := false
		for i, o := range tc.Others {
			// The other audits of the same integrated audit are the same visit.
			if o.ID == a.ID || slices.Contains(a.IntegratedWith, o.ID) || o.Status == AuditCancelled || !o.OnTeam(p.ID) {
				continue
			}
			if o.Start() <= end && start <= o.LastDay() {
				if o.Status == AuditPlanned {
					if pencilled < 0 {
						pencilled = i
					}
					continue
				}
				add(TeamDoubleBooked, p.ID, false, "%s is on audit %d (%s) from %s to %s", p.Name, o.ID, o.Kind.Label(), o.Start(), o.LastDay())
				booked = true
				break
			}
		}
		if !booked && pencilled >= 0 {
			o := tc.Others[pencilled]
			add(TeamDoubleBooked, p.ID, true, "%s is also pencilled in for planned audit %d (%s) from %s to %s: the audit confirmed first keeps them", p.Name, o.ID, o.Kind.Label(), o.Start(), o.LastDay())
		}
	}
	if !out.Lead && a.Lead() != 0 {
		if p := tc.People[a.Lead()]; p != nil && !p.QualifiedOn(std, RoleLeadAuditor, start) {
			add(TeamNoLead, p.ID, false, "%s is not qualified as lead auditor for %s", p.Name, std)
		}
	} else if a.Lead() == 0 {
		add(TeamNoLead, 0, false, "the team has no lead auditor")
	}
	if !out.Standard {
		add(TeamStandard, 0, false, "no member of the team is qualified to audit %s", std)
	}
	for _, s := range f.Client.Sectors {
		if sectors[s] {
			out.Sectors = append(out.Sectors, s)
		} else {
			add(TeamSector, 0, false, "nobody on the team is competent for IAF sector %d: add an auditor or a technical expert for it", s)
		}
	}
	if std == ISO42001 {
		out.AIChecked = true
		var missing []string
		for _, ar := range RequiredAIAreas(&f.Client) {
			if areas[ar] {
				out.AIAreas = append(out.AIAreas, ar)
			} else {
				missing = append(missing, string(ar))
			}
		}
		if len(missing) > 0 {
			add(TeamAI, 0, false, "the team lacks AI competence in %s: add an auditor or technical expert who has it", strings.Join(missing, ", "))
		}
	}
	if lead := a.Lead(); lead != 0 && tc.Policy.RotationWarnAudits > 0 {
		if n := consecutiveLeads(tc.ClientAudits, a, lead); n >= tc.Policy.RotationWarnAudits {
			name := "the lead auditor"
			if p := tc.People[lead]; p != nil {
				name = p.Name
			}
			add(TeamRotation, lead, true, "%s would lead this client's audit for the %s time in a row (policy: warn from the %s)", name, ordinal(n), ordinal(tc.Policy.RotationWarnAudits))
		}
	}
	return out
}

// MinTeamJustification is the shortest team justification accepted: a
// sentence, not a tick.
const MinTeamJustification = 20

// CheckTeamGate decides whether audit a may be confirmed or started with
// the team check tc: no blocking problem, or (when the policy allows it)
// only competence gaps covered by the audit's written justification.
func CheckTeamGate(a *Audit, tc TeamCheck, p Policy) error {
	blocking := tc.Blocking()
	if len(blocking) == 0 {
		return nil
	}
	var hard, soft []string
	for _, pr := range blocking {
		if pr.Justifiable {
			soft = append(soft, pr.Msg)
		} else {
			hard = append(hard, pr.Msg)
		}
	}
	what := "the audit"
	if a.ID != 0 {
		what = "audit " + a.ID.String()
	}
	if len(hard) > 0 {
		return refuse(RuleTeamGap, "%s cannot go ahead with this team: %s", what, strings.Join(append(hard, soft...), "; "))
	}
	if !p.TeamGapJustification {
		return refuse(RuleTeamGap, "%s cannot go ahead with this team: %s (the policy does not allow a justification instead: change the team)", what, strings.Join(soft, "; "))
	}
	if n := len([]rune(strings.TrimSpace(a.TeamJustification))); n < MinTeamJustification {
		return refuse(RuleTeamGap, "%s has a competence gap: %s. Change the team, or write a team justification of at least %d characters saying how the gap is covered", what, strings.Join(soft, "; "), MinTeamJustification)
	}
	return nil
}

// consecutiveLeads counts how many audits in a row, ending with a, the
// person leads for the client (cancelled audits left out).
func consecutiveLeads(clientAudits []Audit, a *Audit, lead ID) int {
	var before []Audit
	for _, o := range clientAudits {
		if o.ID != a.ID && !slices.Contains(a.IntegratedWith, o.ID) && o.Status != AuditCancelled && o.Start() <= a.Start() {
			before = append(before, o)
		}
	}
	slices.SortFunc(before, func(x, y Audit) int { return int(y.Start()) - int(x.Start()) })
	n := 1
	counted := map[ID]bool{} // an integrated audit is one visit: counted once
	for _, o := range before {
		if counted[o.ID] {
			continue
		}
		if o.Lead() != lead {
			break
		}
		for _, sib := range o.IntegratedWith {
			counted[sib] = true
		}
		n++
	}
	return n
}

func ordinal(n int) string {
	suffix := "th"
	switch {
	case n%100 >= 11 && n%100 <= 13:
	case n%10 == 1:
		suffix = "st"
	case n%10 == 2:
		suffix = "nd"
	case n%10 == 3:
		suffix = "rd"
	}
	return fmt.Sprintf("%d%s", n, suffix)
}
