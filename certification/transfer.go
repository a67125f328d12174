package certification

// Transfers (IAF MD 2): a client arrives with a certificate another
// accredited body issued. The body records its pre-transfer review of
// that certificate on the certification (ReviewTransfer), and a decision
// maker who did not review it accepts the transfer (a decision of kind
// accept-transfer): only a valid, not suspended, accredited certificate
// that has not expired can be. The cycle and its expiry carry over: the
// schedule continues from the previous body's cycle, and the new
// certificate says it was transferred.

import (
	"fmt"
	"slices"
	"strings"
)

// PreviousStatus is the transferred certificate's status as the review
// found it with the issuing body.
type PreviousStatus string

const (
	PreviousValid     PreviousStatus = "valid"
	PreviousSuspended PreviousStatus = "suspended"
	PreviousWithdrawn PreviousStatus = "withdrawn"
	PreviousExpired   PreviousStatus = "expired"
)

var PreviousStatuses = []PreviousStatus{PreviousValid, PreviousSuspended, PreviousWithdrawn, PreviousExpired}

// TransferReview is the pre-transfer review of another body's
// certificate (IAF MD 2).
type TransferReview struct {
	PreviousBody      string `json:"previous_body"`
	CertificateNumber string `json:"certificate_number"`
	// AccreditationBody accredits the issuing body for this scope;
	// Accredited is set when the certificate is covered by that
	// accreditation (an IAF MLA signatory's).
	AccreditationBody string         `json:"accreditation_body"`
	Accredited        bool           `json:"accredited"`
	Status            PreviousStatus `json:"status"`
	// CycleStart is the day the certificate's current cycle counts its
	// anniversaries from; Expiry its expiry. Both carry over.
	CycleStart Date `json:"cycle_start"`
	Expiry     Date `json:"expiry"`
	// Surveillances are the surveillance audits the previous body has
	// carried out in the current cycle (0–2).
	Surveillances int `json:"surveillances,omitempty"`
	// Reviewed is the day of the review, ReviewerID who made it.
	Reviewed   Date `json:"reviewed"`
	ReviewerID ID   `json:"reviewer_id"`
	// Documents are what was reviewed: the last audit reports, the open
	// nonconformities and their status, complaints, the scope.
	Documents string `json:"documents"`
	// Visit is the day of a pre-transfer visit, where one was needed.
	Visit Date `json:"visit,omitzero"`
	// Conclusion is the reviewer's conclusion.
	Conclusion string `json:"conclusion"`
}

// Rules of a transfer.
const (
	// RuleTransferReviewed refuses to accept a transfer before its
	// pre-transfer review is recorded.
	RuleTransferReviewed = "transfer-needs-pre-transfer-review"
	// RuleTransferCertificate refuses a certificate that is not valid,
	// is suspended or withdrawn, has expired, or is not accredited.
	RuleTransferCertificate = "transfer-only-valid-accredited-certificate"
	// RuleTransferReviewerDecides refuses a decision by the person who
	// made the pre-transfer review.
	RuleTransferReviewerDecides = "transfer-decided-by-reviewer"
)

// validate checks the review's own fields; rec names the certification.
func (t *TransferReview) validate(rec string) error {
	field := func(f string) string { return "transfer." + f }
	for _, req := range []struct{ f, v, what string }{
		{"previous_body", t.PreviousBody, "the body that issued the certificate"},
		{"certificate_number", t.CertificateNumber, "the transferred certificate's number"},
		{"accreditation_body", t.AccreditationBody, "the accreditation body of the issuing body"},
		{"documents", t.Documents, "what the review looked at (reports, open nonconformities, complaints)"},
		{"conclusion", t.Conclusion, "the reviewer's conclusion"},
	} {
		if strings.TrimSpace(req.v) == "" {
			return invalid(rec, field(req.f), "the pre-transfer review needs %s", req.what)
		}
	}
	switch {
	case !slices.Contains(PreviousStatuses, t.Status):
		return invalid(rec, field("status"), "%q is not a certificate status: use one of %s", t.Status, joinAny(PreviousStatuses))
	case t.CycleStart.IsZero() || t.Expiry.IsZero():
		return invalid(rec, field("cycle_start"), "give the start of the certificate's current cycle and its expiry: both carry over")
	case t.Expiry <= t.CycleStart:
		return refuse(RuleDatesBackwards, "%s: the transferred certificate expires on %s, not after its cycle's start %s", rec, t.Expiry, t.CycleStart)
	case t.Expiry > t.CycleStart.AddMonths(12*CycleYears):
		return invalid(rec, field("expiry"), "a cycle lasts at most %d years: %s is more than that after %s", CycleYears, t.Expiry, t.CycleStart)
	case t.Surveillances < 0 || t.Surveillances > CycleYears-1:
		return invalid(rec, field("surveillances"), "a cycle has at most %d surveillance audits, got %d", CycleYears-1, t.Surveillances)
	case t.Reviewed.IsZero() || t.ReviewerID == 0:
		return invalid(rec, field("reviewed"), "give the day of the review and who made it")
	case !t.Visit.IsZero() && t.Visit > t.Reviewed:
		return refuse(RuleDatesBackwards, "%s: the pre-transfer visit on %s is after the review of %s", rec, t.Visit, t.Reviewed)
	}
	return nil
}

// transferProblem is why the reviewed certificate cannot be transferred
// on day d, or nil.
func (t *TransferReview) problem(d Date) error {
	switch {
	case t.Status != PreviousValid:
		return refuse(RuleTransferCertificate, "certificate %s of %s is %s: only a valid certificate can be transferred (IAF MD 2); a suspended one must be restored by its body first", t.CertificateNumber, t.PreviousBody, t.Status)
	case !t.Accredited:
		return refuse(RuleTransferCertificate, "certificate %s of %s is not covered by an accreditation: only an accredited certificate can be transferred (IAF MD 2); treat the client as a new application", t.CertificateNumber, t.PreviousBody)
	case t.Expiry < d:
		return refuse(RuleTransferCertificate, "certificate %s of %s expired on %s: an expired certificate cannot be transferred; treat the client as a new application", t.CertificateNumber, t.PreviousBody, t.Expiry)
	}
	return nil
}

// transferGates are the gates of an accept-transfer decision.
func transferGates(f *File, d *Decision, g *gates) int {
	c := &f.Certification
	var err error
	if len(c.Cycles) > 0 {
		err = refuse(RuleDecisionNotApplicable, "certification %d has been certified by this body already: a transfer is the first decision on a certification", c.ID)
	}
	if !g.check(RuleDecisionNotApplicable, "Applies to the certificate's state", err, "") {
		return f.PendingCycle()
	}
	t := c.Transfer
	if t == nil {
		g.check(RuleTransferReviewed, "Pre-transfer review recorded", refuse(RuleTransferReviewed, "record the pre-transfer review of the certificate first (IAF MD 2)"), "")
		return 1
	}
	var late error
	if t.Reviewed > d.Date {
		late = refuse(RuleDatesBackwards, "the pre-transfer review of %s is after the decision date %s", t.Reviewed, d.Date)
	}
	g.check(RuleTransferReviewed, "Pre-transfer review recorded", late, fmt.Sprintf("reviewed on %s", t.Reviewed))
	g.check(RuleTransferCertificate, "Valid, accredited certificate", t.problem(d.Date),
		fmt.Sprintf("certificate %s of %s, %s, accredited by %s, expires %s", t.CertificateNumber, t.PreviousBody, t.Status, t.AccreditationBody, t.Expiry))
	var own error
	if slices.Contains(d.Makers, t.ReviewerID) {
		own = refuse(RuleTransferReviewerDecides, "person %d made the pre-transfer review: another decision maker decides on it", t.ReviewerID)
	}
	g.check(RuleTransferReviewerDecides, "Decided by someone other than the reviewer", own, "")
	return 1
}

// acceptTransfer opens the transferred cycle and issues the certificate.
func acceptTransfer(tx Tx, f *File, d *Decision, p Policy) error {
	c, t := &f.Certification, f.Certification.Transfer
	cy := Cycle{Number: 1, Start: t.CycleStart, Decided: d.Date, Expiry: t.Expiry, DecisionID: d.ID, PriorSurveillances: t.Surveillances}
	c.Cycles = append(c.Cycles, cy)
	return issue(tx, f, d, nil, Certificate{Number: p.CertificateNumber(c.Standard, d.Date.Year(), c.ID), OriginalDate: d.Date, Expiry: cy.Expiry,
		TransferredFrom: fmt.Sprintf("%s, certificate %s", t.PreviousBody, t.CertificateNumber)})
}

// transferObligation is the committee's decision on a reviewed transfer:
// due by the reviewed certificate's expiry (it cannot be taken over
// after), done by the decision that opened the transferred cycle.
func transferObligation(c *Certification) (Obligation, bool) {
	t := c.Transfer
	if t == nil {
		return Obligation{}, false
	}
	o := Obligation{Kind: ObTransferDecision, Cycle: 1, Label: fmt.Sprintf("Transfer decision (certificate %s of %s, reviewed %s)", t.CertificateNumber, t.PreviousBody, t.Reviewed),
		WindowStart: t.Reviewed, Due: t.Expiry, LapsesAfter: t.Expiry}
	if len(c.Cycles) > 0 {
		o.Done, o.DoneOn = true, c.Cycles[0].Decided
	}
	return o, true
}
