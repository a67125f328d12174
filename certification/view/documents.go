package view

import (
	"context"

	"certdesk/certification"
)

// DocumentCheck is what the body says of a document file by its SHA-256:
// the issued document's record, the client and standard it concerns;
// for a certificate the revision's status on AsOf, for an audit report
// or plan the audit's kind and days (docs/documents.md).
type DocumentCheck struct {
	Document certification.IssuedDocument `json:"document"`
	Client   string                       `json:"client"`
	Standard certification.Standard       `json:"standard"`
	AsOf     certification.Date           `json:"as_of"`
	// Status and Current are a certificate's: its revision's status on
	// AsOf, and whether it is the revision in force (not superseded).
	Status  certification.CertificateStatus `json:"status,omitempty"`
	Current bool                            `json:"current,omitempty"`
	// AuditKind, AuditStart and AuditEnd are a report's or plan's audit.
	AuditKind  certification.AuditKind `json:"audit_kind,omitempty"`
	AuditStart certification.Date      `json:"audit_start,omitzero"`
	AuditEnd   certification.Date      `json:"audit_end,omitzero"`
}

// CheckDocument looks the hex SHA-256 of a file up among the documents
// the body issued; the error wraps certification.ErrNotFound when the
// body issued no file with that hash (a changed byte gives another).
func CheckDocument(ctx context.Context, r Reader, sum string, asOf certification.Date) (DocumentCheck, error) {
	out := DocumentCheck{AsOf: asOf}
	err := r.View(ctx, func(tx certification.Tx) error {
		d, err := certification.DocumentBySHA256(tx, sum)
		if err != nil {
			return err
		}
		out.Document = d
		var clientID, certID certification.ID
		if d.Kind == certification.DocCertificate {
			var c certification.Certificate
			if err := tx.Get(d.CertificateID, &c); err != nil {
				return err
			}
			clientID, out.Standard = c.ClientID, c.Standard
			out.Status, out.Current = c.StatusOn(asOf), c.InForceOn(asOf)
		} else {
			var a certification.Audit
			if err := tx.Get(d.AuditID, &a); err != nil {
				return err
			}
			clientID, certID = a.ClientID, a.CertificationID
			out.AuditKind, out.AuditStart, out.AuditEnd = a.Kind, a.Start(), a.LastDay()
		}
		if certID != 0 {
			var c certification.Certification
			if err := tx.Get(certID, &c); err != nil {
				return err
			}
			out.Standard = c.Standard
		}
		var client certification.Client
		if err := tx.Get(clientID, &client); err != nil {
			return err
		}
		out.Client = client.LegalName
		return nil
	})
	return out, err
}
