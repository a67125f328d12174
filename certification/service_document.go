package certification

// The command that records a document the body issued (issued.go).

import (
	"context"
	"errors"
	"fmt"
)

// IssueDocument records that the body issued a document (a certificate,
// an audit report or plan, as a PDF) with d's SHA-256 and returns its
// id. A certificate document's number and revision must be the
// certificate's; a report's audit must have a complete file
// (ReportGaps: refused with RuleReportIncomplete, naming what is
// missing); a plan's audit must not be cancelled. The date defaults to
// today and may not lie after it. A file whose SHA-256 is recorded
// already is refused (DocumentBySHA256 finds its record).
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
	if d.AuditID != 0 {
		summary = fmt.Sprintf("issue %s document of audit %d", d.Kind, d.AuditID)
	}
	err := s.update(ctx, call("issue-document", d), summary, func(tx Tx) error {
		var err error
		if d.Kind == DocCertificate {
			err = checkCertificateDocument(tx, &d)
		} else {
			err = checkAuditDocument(tx, &d)
		}
		if err != nil {
			return err
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

// checkCertificateDocument: the revision named is the certificate's, and
// the document is not dated before it was issued.
func checkCertificateDocument(tx Tx, d *IssuedDocument) error {
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
	return nil
}

// checkAuditDocument: the audit is not cancelled, and a report's file
// holds everything 9.4.8 asks (ReportGaps).
func checkAuditDocument(tx Tx, d *IssuedDocument) error {
	var a Audit
	if err := tx.Get(d.AuditID, &a); err != nil {
		return err
	}
	if a.Status == AuditCancelled {
		return refuse(RuleAuditNotOpen, "audit %d is cancelled: the body issues no %s of it", a.ID, d.Kind)
	}
	if d.Kind != DocReport {
		return nil
	}
	f, err := LoadFile(tx, a.CertificationID)
	if err != nil {
		return err
	}
	fa, ok := f.Audit(a.ID)
	if !ok {
		return fmt.Errorf("audit %d is not in the file of certification %d: %w", a.ID, a.CertificationID, ErrNotFound)
	}
	gaps, err := ReportGaps(f, fa)
	if err != nil {
		return err
	}
	return ReportRelease(a.ID, gaps)
}
