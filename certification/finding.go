package certification

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// Grade is how serious a finding is.
type Grade string

const (
	Major       Grade = "major"
	Minor       Grade = "minor"
	OFI         Grade = "ofi" // opportunity for improvement
	Observation Grade = "observation"
	Positive    Grade = "positive"
)

var Grades = []Grade{Major, Minor, OFI, Observation, Positive}

// IsNC reports whether the grade is a nonconformity that needs the
// client's response.
func (g Grade) IsNC() bool { return g == Major || g == Minor }

// FindingStatus is derived from what has been recorded on a finding.
type FindingStatus string

const (
	FindingAwaitingResponse FindingStatus = "awaiting-response"
	FindingResponded        FindingStatus = "responded"     // response in, not yet reviewed
	FindingPlanRejected     FindingStatus = "plan-rejected" // body asked for a better response
	FindingPlanAccepted     FindingStatus = "plan-accepted" // minor: closed for the decision; major: awaiting verification
	FindingVerified         FindingStatus = "verified"
	FindingNoAction         FindingStatus = "no-action" // OFI, observation, positive
)

// Finding is one finding of an audit.
type Finding struct {
	ID              ID    `json:"id"`
	AuditID         ID    `json:"audit_id"`
	CertificationID ID    `json:"certification_id"`
	ClientID        ID    `json:"client_id"`
	Number          int   `json:"number"` // within the audit: 1, 2, …
	Grade           Grade `json:"grade"`
	// Reference is the clause ("8.2") or Annex A control ("A.6.2.4").
	Reference   string `json:"reference"`
	Requirement string `json:"requirement"`
	Evidence    string `json:"evidence"`
	RaisedBy    ID     `json:"raised_by"`
	Raised      Date   `json:"raised"`
	// Deadlines are fixed from policy when the finding is raised.
	ResponseDue Date `json:"response_due,omitzero"`
	CloseDue    Date `json:"close_due,omitzero"`
	// EscalatedFrom is set when an overdue minor was raised to a major.
	EscalatedFrom Grade     `json:"escalated_from,omitempty"`
	Response      *Response `json:"response,omitempty"`
	Review        *Review   `json:"review,omitempty"`
	// Rejected are earlier reviews that asked for a better response.
	Rejected     []Review      `json:"rejected,omitempty"`
	Verification *Verification `json:"verification,omitempty"`
}

// Response is the client's answer to a nonconformity.
type Response struct {
	RootCause        string `json:"root_cause"`
	Correction       string `json:"correction"`
	CorrectiveAction string `json:"corrective_action"`
	// Planned dates of the correction and of the corrective action.
	CorrectionDate Date `json:"correction_date,omitzero"`
	ActionDate     Date `json:"action_date,omitzero"`
	Received       Date `json:"received"`
}

// Review is the body's acceptance (or not) of the client's response.
type Review struct {
	By       ID     `json:"by"`
	On       Date   `json:"on"`
	Accepted bool   `json:"accepted"`
	Comment  string `json:"comment,omitempty"`
}

// Verification is the body's check that the corrective action works.
type Verification struct {
	By     ID     `json:"by"`
	On     Date   `json:"on"`
	Method string `json:"method"` // "documents", "follow-up visit", "next audit"
	Notes  string `json:"notes,omitempty"`
}

func (f *Finding) RecordKind() Kind { return KindFinding }
func (f *Finding) RecordID() ID     { return f.ID }
func (f *Finding) IndexTerms() []IndexTerm {
	t := []IndexTerm{
		{IndexFindingByAudit, U64(uint64(f.AuditID))},
		{IndexFindingByCert, U64(uint64(f.CertificationID))},
	}
	if f.Open() {
		t = append(t, IndexTerm{IndexFindingOpen, []byte(f.Grade)})
	}
	return t
}

// Status is derived from the recorded response, review and verification.
func (f *Finding) Status() FindingStatus {
	switch {
	case !f.Grade.IsNC():
		return FindingNoAction
	case f.Verification != nil:
		return FindingVerified
	case f.Review != nil && f.Review.Accepted:
		return FindingPlanAccepted
	case f.Review != nil && !f.Review.Accepted:
		return FindingPlanRejected
	case f.Response != nil:
		return FindingResponded
	}
	return FindingAwaitingResponse
}

// Open reports whether the finding still needs something from the client
// or the body: a major until verified, a minor until its plan is accepted.
func (f *Finding) Open() bool {
	switch f.Status() {
	case FindingNoAction, FindingVerified:
		return false
	case FindingPlanAccepted:
		return f.Grade == Major
	}
	return true
}

// Validate checks a finding's own fields.
func (f *Finding) Validate() error {
	rec := recordName(f)
	if f.AuditID == 0 {
		return invalid(rec, "audit_id", "a finding belongs to an audit")
	}
	if !oneOf(f.Grade, Grades) {
		return invalid(rec, "grade", "%q is not a grade: use one of %s", f.Grade, joinAny(Grades))
	}
	if strings.TrimSpace(f.Reference) == "" {
		return invalid(rec, "reference", "name the clause (e.g. 8.2) or Annex A control (e.g. A.6.2.4)")
	}
	if f.Grade.IsNC() && strings.TrimSpace(f.Requirement) == "" {
		return invalid(rec, "requirement", "a nonconformity must state the requirement not met")
	}
	if f.Grade.IsNC() && strings.TrimSpace(f.Evidence) == "" {
		return invalid(rec, "evidence", "a nonconformity must state the objective evidence seen")
	}
	if f.Raised.IsZero() {
		return invalid(rec, "raised", "the date the finding was raised is required")
	}
	for _, s := range []string{f.Requirement, f.Evidence} {
		if len(s) > 100000 {
			return invalid(rec, "evidence", "text is longer than 100,000 characters")
		}
	}
	if r := f.Response; r != nil {
		if r.Received.IsZero() {
			return invalid(rec, "response.received", "the date the response was received is required")
		}
		if r.Received < f.Raised {
			return refuse(RuleDatesBackwards, "%s: the response (%s) is dated before the finding was raised (%s)", rec, r.Received, f.Raised)
		}
		if strings.TrimSpace(r.Correction) == "" && strings.TrimSpace(r.CorrectiveAction) == "" {
			return invalid(rec, "response", "a response needs a correction or a corrective action")
		}
	}
	if v := f.Review; v != nil {
		if f.Response == nil {
			return refuse(RuleFindingWorkflow, "%s: a response must be received before it is reviewed", rec)
		}
		if v.On < f.Response.Received {
			return refuse(RuleDatesBackwards, "%s: the review (%s) is dated before the response (%s)", rec, v.On, f.Response.Received)
		}
	}
	if v := f.Verification; v != nil {
		if f.Review == nil || !f.Review.Accepted {
			return refuse(RuleFindingWorkflow, "%s: the client's plan must be accepted before the action is verified", rec)
		}
		if v.On < f.Review.On {
			return refuse(RuleDatesBackwards, "%s: the verification (%s) is dated before the review (%s)", rec, v.On, f.Review.On)
		}
		if strings.TrimSpace(v.Method) == "" {
			return invalid(rec, "verification.method", "say how the action was verified (documents, follow-up visit, next audit)")
		}
	}
	return nil
}

// Answerable reports whether a finding in status st takes a response:
// one is awaited, under review, or was not accepted.
func (st FindingStatus) Answerable() bool {
	return st == FindingAwaitingResponse || st == FindingPlanRejected || st == FindingResponded
}

// Stamp fingerprints the finding as stored, so that a command can tell it
// did not change since it was read (RecordResponses).
func (x *Finding) Stamp() string {
	b, _ := json.Marshal(x)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
