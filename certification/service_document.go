package certification

// The command that records a document the body issued (issued.go).

import (
	"context"
	"errors"
	"fmt"
)

// IssueDocument records that the body issued a document (a certificate
// PDF) with d's SHA-256, for the certificate revision d names, and
// returns its id. The number and revision must be the certificate's; the
// date defaults to today and may not lie after it. A file whose SHA-256
// is recorded already is refused (DocumentBySHA256 finds its record).
func (s *Service) IssueDocument(ctx context.Context, d IssuedDocument) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("issue-document", d)))
	}
	if d.Issued.IsZero() {
		d.Issued = s.Today()
	}
	d.ID, d.IssuedBy = 0, s.actor
	if err := d.Validate(); err != nil {
		return 0, err
	}
	if err := CheckNotFuture("the document's issue date", d.Issued, s.Today()); err != nil {
		return 0, err
	}
	summary := fmt.Sprintf("issue %s document of %s revision %d", d.Kind, d.Number, d.Revision)
	err := s.update(ctx, call("issue-document", d), summary, func(tx Tx) error {
		var c Certificate
		if err := tx.Get(d.CertificateID, &c); err != nil {
			return err
		}
		if c.Number != d.Number || c.Revision != d.Revision {
			return invalid("document", "revision", "certificate %s is %s revision %d, not %s revision %d", c.ID, c.Number, c.Revision, d.Number, d.Revision)
		}
		if d.Issued < c.IssueDate {
			return invalid("document", "issued", "%s is before the revision's issue date %s", d.Issued, c.IssueDate)
		}
		if old, err := DocumentBySHA256(tx, d.SHA256); err == nil {
			return invalid("document", "sha256", "this file is recorded already, as document %s", old.ID)
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		return insert(tx, &d, &d.ID)
	})
	return d.ID, err
}
