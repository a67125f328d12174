package certification

import "strings"

// DecisionKind is what a certification decision does.
type DecisionKind string

const (
	Grant       DecisionKind = "grant"
	Refuse      DecisionKind = "refuse"
	Renew       DecisionKind = "renew"
	Maintain    DecisionKind = "maintain"
	ExtendScope DecisionKind = "extend-scope"
	ReduceScope DecisionKind = "reduce-scope"
	Suspend     DecisionKind = "suspend"
	Restore     DecisionKind = "restore"
	Withdraw    DecisionKind = "withdraw"
	// AcceptTransfer takes over another body's certificate (transfer.go).
	AcceptTransfer DecisionKind = "accept-transfer"
)

var DecisionKinds = []DecisionKind{Grant, Refuse, Renew, Maintain, ExtendScope, ReduceScope, Suspend, Restore, Withdraw, AcceptTransfer}

// Label is the decision as the committee writes it.
func (k DecisionKind) Label() string {
	switch k {
	case Grant:
		return "Grant"
	case Refuse:
		return "Refuse"
	case Renew:
		return "Renew (recertify)"
	case Maintain:
		return "Maintain"
	case ExtendScope:
		return "Extend scope"
	case ReduceScope:
		return "Reduce scope"
	case Suspend:
		return "Suspend"
	case Restore:
		return "Restore"
	case Withdraw:
		return "Withdraw"
	case AcceptTransfer:
		return "Accept transfer"
	}
	return string(k)
}

// Decision is a certification decision with the file it was made on.
type Decision struct {
	ID              ID           `json:"id"`
	CertificationID ID           `json:"certification_id"`
	ClientID        ID           `json:"client_id"`
	Kind            DecisionKind `json:"kind"`
	Date            Date         `json:"date"`
	Makers          []ID         `json:"makers"`
	Reasons         string       `json:"reasons"`
	// NewScope is the scope after an extend-scope or reduce-scope decision.
	NewScope string `json:"new_scope,omitempty"`
	// CertificateID is the certificate revision issued or changed.
	CertificateID ID `json:"certificate_id,omitempty"`
	// Snapshot is the file as the decision maker saw it.
	Snapshot Snapshot `json:"snapshot"`
}

// Snapshot is the state of a certification file at a decision.
type Snapshot struct {
	Cycle    int               `json:"cycle"`
	Audits   []AuditSnapshot   `json:"audits"`
	Findings []FindingSnapshot `json:"findings"`
}

// AuditSnapshot is an audit as it stood at a decision.
type AuditSnapshot struct {
	ID             ID             `json:"id"`
	Kind           AuditKind      `json:"kind"`
	Cycle          int            `json:"cycle"`
	Status         AuditStatus    `json:"status"`
	Start          Date           `json:"start,omitzero"`
	End            Date           `json:"end,omitzero"`
	Team           []TeamMember   `json:"team,omitempty"`
	Days           float64        `json:"days,omitempty"`
	Recommendation Recommendation `json:"recommendation,omitempty"`
}

// FindingSnapshot is a finding as it stood at a decision.
type FindingSnapshot struct {
	ID        ID            `json:"id"`
	AuditID   ID            `json:"audit_id"`
	Grade     Grade         `json:"grade"`
	Reference string        `json:"reference"`
	Status    FindingStatus `json:"status"`
}

func (d *Decision) RecordKind() Kind { return KindDecision }
func (d *Decision) RecordID() ID     { return d.ID }
func (d *Decision) IndexTerms() []IndexTerm {
	return []IndexTerm{{IndexDecisionByCert, U64(uint64(d.CertificationID))}}
}

// Validate checks a decision's own fields.
func (d *Decision) Validate() error {
	rec := recordName(d)
	if d.CertificationID == 0 {
		return invalid(rec, "certification_id", "a decision is about a certification")
	}
	if !oneOf(d.Kind, DecisionKinds) {
		return invalid(rec, "kind", "%q is not a decision: use one of %s", d.Kind, joinAny(DecisionKinds))
	}
	if d.Date.IsZero() {
		return invalid(rec, "date", "the decision date is required")
	}
	if len(d.Makers) == 0 {
		return invalid(rec, "makers", "name the decision maker(s)")
	}
	if strings.TrimSpace(d.Reasons) == "" {
		return invalid(rec, "reasons", "record the reasons for the decision")
	}
	if (d.Kind == ExtendScope || d.Kind == ReduceScope) && strings.TrimSpace(d.NewScope) == "" {
		return invalid(rec, "new_scope", "a scope change needs the new scope")
	}
	return nil
}
