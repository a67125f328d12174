package certification

// The command that records a pre-transfer review (transfer.go).

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ReviewTransfer records the pre-transfer review of the certificate
// another body issued for certification id (IAF MD 2), replacing an
// earlier one; a decision of kind accept-transfer then takes it over. A
// certification this body has already certified has nothing to
// transfer. The review may find a certificate that cannot be transferred
// (suspended, not accredited): it is recorded as found, and the decision
// is refused.
func (s *Service) ReviewTransfer(ctx context.Context, id ID, t TransferReview) error {
	return s.update(ctx, call("review-transfer", id, t), fmt.Sprintf("pre-transfer review of certification %d", id), func(tx Tx) error {
		var c Certification
		if err := tx.Get(id, &c); err != nil {
			return err
		}
		switch {
		case !c.Closed.IsZero():
			return refuse(RuleDecisionNotApplicable, "certification %d was closed on %s: nothing can be transferred to it", id, c.Closed)
		case len(c.Cycles) > 0:
			return refuse(RuleDecisionNotApplicable, "certification %d is certified by this body already: a transfer comes before the first decision", id)
		case t.Reviewed > s.Today():
			return refuse(RuleFutureDate, "the review is dated %s, after today %s: record it once it is made", t.Reviewed, s.Today())
		}
		var reviewer Person
		if err := tx.Get(t.ReviewerID, &reviewer); errors.Is(err, ErrNotFound) {
			return invalid(recordName(&c), "transfer.reviewer_id", "there is no person %d in the register to have made the review", t.ReviewerID)
		} else if err != nil {
			return err
		}
		for _, p := range []*string{&t.PreviousBody, &t.CertificateNumber, &t.AccreditationBody, &t.Documents, &t.Conclusion} {
			*p = strings.TrimSpace(*p)
		}
		c.Transfer = &t
		if err := c.Validate(); err != nil {
			return err
		}
		if err := tx.Put(&c); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return refresh(tx, id, p) // the committee's transfer decision falls due
	})
}
