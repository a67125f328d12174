package view

import (
	"context"

	"certdesk/certification"
)

// DocumentCheck is what the body says of a document file by its SHA-256:
// the issued document's record, the certificate revision it shows and
// that revision's status on AsOf (docs/documents.md).
type DocumentCheck struct {
	Document certification.IssuedDocument    `json:"document"`
	Client   string                          `json:"client"`
	Standard certification.Standard          `json:"standard"`
	Status   certification.CertificateStatus `json:"status"`
	AsOf     certification.Date              `json:"as_of"`
	// Current says the revision is the one in force on AsOf (not
	// superseded by a later one).
	Current bool `json:"current"`
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
		var c certification.Certificate
		if err := tx.Get(d.CertificateID, &c); err != nil {
			return err
		}
		var client certification.Client
		if err := tx.Get(c.ClientID, &client); err != nil {
			return err
		}
		out.Document, out.Client, out.Standard = d, client.LegalName, c.Standard
		out.Status, out.Current = c.StatusOn(asOf), c.InForceOn(asOf)
		return nil
	})
	return out, err
}
