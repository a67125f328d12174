package certification

import (
	"certdesk/audit/scheme"
	"strings"
)

// Standard is a management-system standard with its edition.
type Standard string

const (
	ISO42001 Standard = scheme.ISO42001
	ISO9001  Standard = scheme.ISO9001
	ISO27001 Standard = scheme.ISO27001
)

var Standards = []Standard{ISO42001, ISO9001, ISO27001}

// Short is the standard's number, used in certificate numbers: "42001".
func (s Standard) Short() string {
	n := string(s)
	if i := strings.LastIndexByte(n, ' '); i >= 0 {
		n = n[i+1:]
	}
	if i := strings.IndexByte(n, ':'); i >= 0 {
		n = n[:i]
	}
	return n
}

// Certification is one client's certification against one standard for
// one scope, through all its cycles.
type Certification struct {
	ID       ID       `json:"id"`
	ClientID ID       `json:"client_id"`
	Standard Standard `json:"standard"`
	Scope    string   `json:"scope"`
	// SiteScopes optionally narrows the scope per site (site code → scope).
	SiteScopes map[string]string `json:"site_scopes,omitempty"`
	Applied    Date              `json:"applied"`
	// Cycles are the three-year cycles, oldest first. The first starts at
	// the initial certification decision.
	Cycles []Cycle `json:"cycles,omitempty"`
	// Exclusions is the Statement of Applicability: the Annex A controls
	// excluded with their justification; every other control applies.
	Exclusions []Exclusion `json:"exclusions,omitempty"`
	// AuditTime is what the contract agreed about audit time: the
	// adjustments with their reasons (audittime.go).
	AuditTime AuditTimeTerms `json:"audit_time,omitzero"`
	// CertificateID is the current certificate revision, 0 before grant.
	CertificateID ID `json:"certificate_id,omitempty"`
	// Closed is set when the application was refused or the certificate
	// withdrawn: nothing more falls due.
	Closed Date `json:"closed,omitzero"`
	// Transfer is the pre-transfer review of another body's certificate
	// the client arrived with (IAF MD 2; transfer.go).
	Transfer *TransferReview `json:"transfer,omitempty"`
}

// Cycle is one three-year certification cycle.
type Cycle struct {
	Number int `json:"number"`
	// Start is the date the cycle's anniversaries count from: the initial
	// decision date for the first cycle, the day after the previous
	// expiry for a renewal.
	Start Date `json:"start"`
	// Decided is the date of the decision that opened the cycle.
	Decided Date `json:"decided"`
	Expiry  Date `json:"expiry"`
	// Initial marks a cycle opened by a grant (initial certification),
	// whose first surveillance is due within 12 months of the decision.
	Initial bool `json:"initial,omitempty"`
	// DecisionID is the decision that opened the cycle.
	DecisionID ID `json:"decision_id,omitempty"`
	// PriorSurveillances are the surveillance audits another body
	// carried out in the cycle before it was transferred (transfer.go).
	PriorSurveillances int `json:"prior_surveillances,omitempty"`
}

func (c *Certification) RecordKind() Kind { return KindCertification }
func (c *Certification) RecordID() ID     { return c.ID }
func (c *Certification) IndexTerms() []IndexTerm {
	return append([]IndexTerm{{IndexCertByClient, U64(uint64(c.ClientID))}}, c.standardTerms()...)
}

// Current returns the latest cycle, or false before the first grant.
func (c *Certification) Current() (Cycle, bool) {
	if len(c.Cycles) == 0 {
		return Cycle{}, false
	}
	return c.Cycles[len(c.Cycles)-1], true
}

// CycleNumber is the number of the cycle audits are now planned for: the
// current one, or 1 before the first grant. After a renewal audits belong
// to the new cycle. An application after a lapse starts a new cycle.
func (c *Certification) CycleNumber() int {
	if cur, ok := c.Current(); ok {
		return cur.Number
	}
	return 1
}

// Validate checks a certification record.
func (c *Certification) Validate() error {
	rec := recordName(c)
	if c.ClientID == 0 {
		return invalid(rec, "client_id", "a certification belongs to a client")
	}
	if !KnownStandard(c.Standard) {
		return unknownStandard(rec, "standard", c.Standard)
	}
	if strings.TrimSpace(c.Scope) == "" {
		return invalid(rec, "scope", "the scope of certification is required")
	}
	if c.Applied.IsZero() {
		return invalid(rec, "applied", "the application date is required")
	}
	if err := c.AuditTime.validate(rec, c.Standard); err != nil { // audittime.go
		return err
	}
	if c.Transfer != nil {
		if err := c.Transfer.validate(rec); err != nil { // transfer.go
			return err
		}
	}
	for i, e := range c.Exclusions {
		if strings.TrimSpace(e.Justification) == "" {
			return invalid(rec, "exclusions["+itoa(i)+"].justification", "excluding %s needs a justification", e.Control)
		}
	}
	return nil
}
