package certification

import (
	"fmt"
	"strings"
)

// Complaints and appeals (ISO/IEC 17021-1 9.7 and 9.8). A case is one
// complaint (about the body's work or a certified client) or one appeal
// (against a certification decision). Both run the same course:
// received → acknowledged → investigated → decided → closed, each step
// with its date and the person who took it. The people who investigate
// and decide an appeal were not involved in the decision appealed
// against (9.7.3, 9.7.4); those who investigate and decide a complaint
// about an audit were not on its team (9.8.6). Deadlines are policy
// (complaint_acknowledge_days, complaint_decide_days).

// CaseKind says whether a case is a complaint or an appeal.
type CaseKind string

const (
	CaseComplaint CaseKind = "complaint"
	CaseAppeal    CaseKind = "appeal"
)

// CaseKinds are the kinds of case.
var CaseKinds = []CaseKind{CaseComplaint, CaseAppeal}

// CaseStatus is how far a case has come: the last step taken.
type CaseStatus string

const (
	CaseReceived     CaseStatus = "received"
	CaseAcknowledged CaseStatus = "acknowledged"
	CaseInvestigated CaseStatus = "investigated"
	CaseDecided      CaseStatus = "decided"
	CaseClosed       CaseStatus = "closed"
)

// CaseSteps are the steps after receipt, in their order.
var CaseSteps = []CaseStatus{CaseAcknowledged, CaseInvestigated, CaseDecided, CaseClosed}

// KindCase is the record kind of Case, one of Kinds: the interchange
// carries cases (the "cases" section, docs/format.md).
const KindCase Kind = "case"

// Indexes of cases: by client, the open ones by the day received, the
// closed ones by the day closed (a schedule as of an earlier day shows
// what was still open then).
const (
	IndexCaseByClient = "case.client"
	IndexCaseOpen     = "case.open"
	IndexCaseClosed   = "case.closed"
)

// CaseParty is who complained or appealed.
type CaseParty struct {
	Name         string `json:"name"`
	Organisation string `json:"organisation,omitempty"`
	Contact      string `json:"contact,omitempty"`
}

// CaseStep is one step of a case: when, by whom (the person of the
// register and their name then), and its text — the acknowledgement's
// note, the investigation's summary, the decision, the closing note.
type CaseStep struct {
	Date     Date   `json:"date"`
	PersonID ID     `json:"person_id"`
	Name     string `json:"name,omitempty"`
	Text     string `json:"text,omitempty"`
}

// Case is a complaint or an appeal with its course.
type Case struct {
	ID       ID        `json:"id"`
	Kind     CaseKind  `json:"kind"`
	Received Date      `json:"received"`
	From     CaseParty `json:"from"`
	ClientID ID        `json:"client_id"`
	// CertificationID, AuditID: what the case is about, when it names
	// them. DecisionID: the decision an appeal is against (required for
	// an appeal; its certification and client follow from it).
	CertificationID ID     `json:"certification_id,omitempty"`
	AuditID         ID     `json:"audit_id,omitempty"`
	DecisionID      ID     `json:"decision_id,omitempty"`
	Subject         string `json:"subject"`

	Acknowledged *CaseStep `json:"acknowledged,omitempty"`
	Investigated *CaseStep `json:"investigated,omitempty"`
	Decided      *CaseStep `json:"decided,omitempty"`
	// SpecialAudit: the decision on a complaint calls for a special
	// audit of the certification; SpecialAuditID names it once planned
	// (required to close the complaint).
	SpecialAudit   bool      `json:"special_audit,omitempty"`
	SpecialAuditID ID        `json:"special_audit_id,omitempty"`
	Closed         *CaseStep `json:"closed,omitempty"`
}

func (c *Case) RecordKind() Kind { return KindCase }
func (c *Case) RecordID() ID     { return c.ID }
func (c *Case) IndexTerms() []IndexTerm {
	t := []IndexTerm{{IndexCaseByClient, U64(uint64(c.ClientID))}}
	if c.Closed == nil {
		return append(t, IndexTerm{IndexCaseOpen, DateKey(c.Received)})
	}
	return append(t, IndexTerm{IndexCaseClosed, DateKey(c.Closed.Date)})
}

// Label is the kind as a person writes it.
func (k CaseKind) Label() string {
	if k == CaseAppeal {
		return "Appeal"
	}
	return "Complaint"
}

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
	rec := recordName(c)
	if !oneOf(c.Kind, CaseKinds) {
		return invalid(rec, "kind", "%q is not a kind of case: use one of %v", c.Kind, CaseKinds)
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
		return invalid(rec, "client_id", "name the client the %s is about", c.Kind)
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

// String names the case: "complaint 3" or "appeal 4".
func (c *Case) String() string { return fmt.Sprintf("%s %d", c.Kind, c.ID) }
