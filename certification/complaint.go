package certification

import "fmt"

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

// String names the case: "complaint 3" or "appeal 4"; a new one by its
// kind alone.
func (c *Case) String() string {
	if c.ID == 0 {
		return string(c.Kind)
	}
	return fmt.Sprintf("%s %d", c.Kind, c.ID)
}
