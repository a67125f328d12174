package document

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// FileName is the name offered for the revision's PDF.
func (d *CertificateDoc) FileName() string { return CertificateFileName(d.Number, d.Revision) }

// CertificateFileName is the name offered for the PDF of a certificate's
// revision, e.g. CD-42001-2025-00007-rev2.pdf.
func CertificateFileName(number string, rev int) string {
	return strings.NewReplacer("/", "-", "\\", "-").Replace(fmt.Sprintf("%s-rev%d.pdf", number, rev))
}

// Issuable is a document the body issues: it names what it shows (the
// kind, the certificate revision or the audit, the content hash) as the
// record of its issue, without the file's hash, size and date.
type Issuable interface {
	IssueRecord() certification.IssuedDocument
}

// IssueRecord names the certificate revision the document shows.
func (d *CertificateDoc) IssueRecord() certification.IssuedDocument {
	return certification.IssuedDocument{Kind: certification.DocCertificate, CertificateID: d.CertificateID, Number: d.Number,
		Revision: d.Revision, ContentSHA256: d.ContentSHA256()}
}

// RecordIssued records content, the PDF written from d (a certificate,
// report or plan), as an issued document in the journal through svc (as
// its actor, on today), before the file is written anywhere: a file on
// disk is never one the body does not know. The very same file printed
// again (the same content on the same day) is already recorded: again is
// true and the record is the earlier one. The domain refuses a report
// whose audit file is incomplete (certification.RuleReportIncomplete).
func RecordIssued(ctx context.Context, svc *certification.Service, d Issuable, content []byte, today certification.Date) (rec certification.IssuedDocument, again bool, err error) {
	sum := certification.ContentHash(content)
	known, err := view.CheckDocument(ctx, svc, sum, today)
	switch {
	case err == nil:
		return known.Document, true, nil
	case !errors.Is(err, certification.ErrNotFound):
		return rec, false, err
	}
	rec = d.IssueRecord()
	rec.SHA256, rec.Size, rec.Issued, rec.IssuedBy = sum, int64(len(content)), today, svc.Actor()
	rec.ID, err = svc.IssueDocument(ctx, rec)
	return rec, false, err
}
