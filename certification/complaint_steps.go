package certification

import "strings"

// The course of a case (complaint.go): its steps in order, the step a
// case has reached, and the checks of a stored case's own fields.

// Status is the last step taken.
func (c *Case) Status() CaseStatus {
	st := CaseReceived
	for _, s := range CaseSteps {
		if c.Step(s) != nil {
			st = s
		}
	}
	return st
}

// Step is the record of step s, nil when not taken.
func (c *Case) Step(s CaseStatus) *CaseStep {
	switch s {
	case CaseAcknowledged:
		return c.Acknowledged
	case CaseInvestigated:
		return c.Investigated
	case CaseDecided:
		return c.Decided
	case CaseClosed:
		return c.Closed
	}
	return nil
}

func (c *Case) setStep(s CaseStatus, st *CaseStep) {
	switch s {
	case CaseAcknowledged:
		c.Acknowledged = st
	case CaseInvestigated:
		c.Investigated = st
	case CaseDecided:
		c.Decided = st
	case CaseClosed:
		c.Closed = st
	}
}

// Verb is the step as certctl's verb names it.
func (s CaseStatus) Verb() string {
	switch s {
	case CaseAcknowledged:
		return "acknowledge"
	case CaseInvestigated:
		return "investigate"
	case CaseDecided:
		return "decide"
	case CaseClosed:
		return "close"
	}
	return string(s)
}

// Noun names the step as a thing: "acknowledgement", "decision".
func (s CaseStatus) Noun() string {
	switch s {
	case CaseAcknowledged:
		return "acknowledgement"
	case CaseInvestigated:
		return "investigation"
	case CaseDecided:
		return "decision"
	case CaseClosed:
		return "closing"
	}
	return "receipt"
}

// stepText names what a step's text holds, "" when it needs none.
func stepText(s CaseStatus) string {
	switch s {
	case CaseInvestigated:
		return "the investigation's summary"
	case CaseDecided:
		return "the decision"
	}
	return ""
}

// Validate checks a case's own fields and the order of its steps.
func (c *Case) Validate() error {
	rec := c.String()
	if !oneOf(c.Kind, CaseKinds) {
		return invalid(rec, "kind", "%q is not a kind of case: use one of %s", c.Kind, joinAny(CaseKinds))
	}
	if c.Received.IsZero() {
		return invalid(rec, "received", "the day the %s was received is required", c.Kind)
	}
	if strings.TrimSpace(c.From.Name) == "" {
		return invalid(rec, "from.name", "name who made the %s (a person or an organisation)", c.Kind)
	}
	if strings.TrimSpace(c.Subject) == "" {
		return invalid(rec, "subject", "say what the %s is about", c.Kind)
	}
	if c.ClientID == 0 {
		return invalid(rec, "client_id", "name the client the %s is about (--client, or the --certification or --audit it follows from)", c.Kind)
	}
	if c.Kind == CaseAppeal && c.DecisionID == 0 {
		return invalid(rec, "decision_id", "an appeal is against a certification decision: name the decision")
	}
	if c.Kind == CaseComplaint && c.DecisionID != 0 {
		return invalid(rec, "decision_id", "a request to reconsider decision %d is an appeal: record it as an appeal (certctl appeal add --decision %d)", c.DecisionID, c.DecisionID)
	}
	prev, prevDate := CaseReceived, c.Received
	for _, s := range CaseSteps {
		st := c.Step(s)
		if st == nil {
			continue
		}
		f := string(s)
		if c.Step(prevOf(s)) == nil && prevOf(s) != CaseReceived {
			return invalid(rec, f, "a case is %s only once it is %s", s, prevOf(s))
		}
		if st.Date < prevDate {
			return invalid(rec, f+".date", "%s is before the case was %s (%s)", st.Date, prev, prevDate)
		}
		if st.PersonID == 0 {
			return invalid(rec, f+".person_id", "name who %s it", s)
		}
		if what := stepText(s); what != "" && strings.TrimSpace(st.Text) == "" {
			return invalid(rec, f+".text", "record %s", what)
		}
		prev, prevDate = s, st.Date
	}
	if c.SpecialAudit && (c.Kind != CaseComplaint || c.Decided == nil || c.CertificationID == 0) {
		return invalid(rec, "special_audit", "only a decided complaint about a certification calls for a special audit")
	}
	if c.SpecialAuditID != 0 && (!c.SpecialAudit || c.Closed == nil) {
		return invalid(rec, "special_audit_id", "a special audit is named when a complaint that calls for one is closed")
	}
	return nil
}

// prevOf is the step before s.
func prevOf(s CaseStatus) CaseStatus {
	for i, x := range CaseSteps {
		if x == s && i > 0 {
			return CaseSteps[i-1]
		}
	}
	return CaseReceived
}

// nextOf is the step after s.
func nextOf(s CaseStatus) CaseStatus {
	if s == CaseReceived {
		return CaseSteps[0]
	}
	for i, x := range CaseSteps[:len(CaseSteps)-1] {
		if x == s {
			return CaseSteps[i+1]
		}
	}
	return CaseClosed
}
