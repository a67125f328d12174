package certification

// CertificateStatus is a certificate's status as of a date.
type CertificateStatus string

const (
	CertActive     CertificateStatus = "active"
	CertSuspended  CertificateStatus = "suspended"
	CertWithdrawn  CertificateStatus = "withdrawn"
	CertExpired    CertificateStatus = "expired"
	CertSuperseded CertificateStatus = "superseded"
	CertNotYet     CertificateStatus = "not-yet-issued"
)

// Certificate is one revision of a certificate. A reissue creates a new
// revision with the same number that supersedes the previous one.
type Certificate struct {
	ID              ID                `json:"id"`
	CertificationID ID                `json:"certification_id"`
	ClientID        ID                `json:"client_id"`
	Number          string            `json:"number"`
	Revision        int               `json:"revision"`
	Standard        Standard          `json:"standard"`
	Scope           string            `json:"scope"`
	Sites           []CertificateSite `json:"sites"`
	// OriginalDate is the date of the initial certification decision.
	OriginalDate Date `json:"original_date"`
	// IssueDate is the date of this revision; it takes effect that day.
	IssueDate Date `json:"issue_date"`
	Expiry    Date `json:"expiry"`
	// SupersededOn is set when a later revision replaced this one.
	SupersededOn Date `json:"superseded_on,omitzero"`
	SupersededBy ID   `json:"superseded_by,omitempty"`
	// Events are suspensions, restorations and the withdrawal of this
	// revision, in date order.
	Events []CertificateEvent `json:"events,omitempty"`
	// TransferredFrom names the body and certificate it was transferred
	// from (IAF MD 2), on every revision since; empty otherwise.
	TransferredFrom string `json:"transferred_from,omitempty"`
}

// CertificateSite is one covered site with its scope.
type CertificateSite struct {
	Code    string `json:"code"`
	Address string `json:"address"`
	Scope   string `json:"scope,omitempty"`
}

// CertificateEvent is a change of status made by a decision.
type CertificateEvent struct {
	Date       Date              `json:"date"`
	Status     CertificateStatus `json:"status"` // suspended, active (restored) or withdrawn
	DecisionID ID                `json:"decision_id"`
}

func (c *Certificate) RecordKind() Kind { return KindCertificate }
func (c *Certificate) RecordID() ID     { return c.ID }
func (c *Certificate) IndexTerms() []IndexTerm {
	return append([]IndexTerm{
		{IndexCertificateBy, U64(uint64(c.CertificationID))},
		{IndexCertificateNo, []byte(c.Number)},
	}, append(c.statusTerms(), c.rowTerm())...)
}

// StatusOn derives the certificate's status on a date from its dates and
// events: withdrawn and superseded win, then expiry, then the latest
// suspension or restoration.
func (c *Certificate) StatusOn(d Date) CertificateStatus {
	if d < c.IssueDate {
		return CertNotYet
	}
	if !c.SupersededOn.IsZero() && d >= c.SupersededOn {
		return CertSuperseded
	}
	st := CertActive
	for _, e := range c.Events {
		if e.Date > d {
			break
		}
		if e.Status == CertWithdrawn {
			return CertWithdrawn
		}
		st = e.Status
	}
	if d > c.Expiry {
		return CertExpired
	}
	return st
}

// SuspendedSince returns the date of the suspension in force on d, if any.
func (c *Certificate) SuspendedSince(d Date) (Date, bool) {
	var since Date
	on := false
	for _, e := range c.Events {
		if e.Date > d {
			break
		}
		switch e.Status {
		case CertSuspended:
			since, on = e.Date, true
		default:
			on = false
		}
	}
	return since, on
}

// InForceOn reports whether this revision is the one in force on d:
// issued by then and not yet superseded.
func (c *Certificate) InForceOn(d Date) bool {
	return c.IssueDate <= d && (c.SupersededBy == 0 || c.SupersededOn > d)
}
