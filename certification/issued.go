package certification

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// IssuedDocument records one document the body issued (a certificate
// PDF): which certificate revision it shows and the SHA-256 of the file,
// so that anyone holding the file can ask the body whether it is one it
// issued (certctl check-document, docs/documents.md). The record is
// written by a command (IssueDocument), so the journal's hash chain
// covers it. ContentSHA256 is the hash of the document's content (the
// model's canonical JSON), which the QR code printed on the document
// carries in short: the file cannot carry its own hash.
type IssuedDocument struct {
	ID            ID     `json:"id"`
	Kind          string `json:"kind"` // DocCertificate
	CertificateID ID     `json:"certificate_id"`
	Number        string `json:"number"`
	Revision      int    `json:"revision"`
	ContentSHA256 string `json:"content_sha256"`
	SHA256        string `json:"sha256"` // hex SHA-256 of the file's bytes
	Size          int64  `json:"size"`
	Issued        Date   `json:"issued"`
	IssuedBy      Actor  `json:"issued_by,omitzero"`
}

// DocCertificate is the kind of an issued certificate document.
const DocCertificate = "certificate"

// KindDocument is the record kind of IssuedDocument. It is not one of
// Kinds: which documents were issued is history, like the journal, and
// the interchange (docs/format.md) does not carry it.
const KindDocument Kind = "document"

// Indexes of issued documents: by the file's SHA-256 and by certificate.
const (
	IndexDocumentBySHA  = "document.sha256"
	IndexDocumentByCert = "document.certificate"
)

func (d *IssuedDocument) RecordKind() Kind { return KindDocument }
func (d *IssuedDocument) RecordID() ID     { return d.ID }
func (d *IssuedDocument) IndexTerms() []IndexTerm {
	return []IndexTerm{
		{IndexDocumentBySHA, []byte(d.SHA256)},
		{IndexDocumentByCert, U64(uint64(d.CertificateID))},
	}
}

// Validate checks the record's own fields.
func (d *IssuedDocument) Validate() error {
	if d.Kind != DocCertificate {
		return invalid("document", "kind", "must be %q, got %q", DocCertificate, d.Kind)
	}
	if d.CertificateID == 0 {
		return invalid("document", "certificate_id", "the certificate is required")
	}
	for _, h := range []struct{ field, v string }{{"sha256", d.SHA256}, {"content_sha256", d.ContentSHA256}} {
		if !IsSHA256(h.v) {
			return invalid("document", h.field, "must be 64 lower-case hex digits, got %q", h.v)
		}
	}
	if d.Size <= 0 {
		return invalid("document", "size", "must be positive, got %d", d.Size)
	}
	return nil
}

// IsSHA256 reports whether s is a hex SHA-256 in lower case.
func IsSHA256(s string) bool {
	_, err := hex.DecodeString(s)
	return len(s) == 64 && err == nil && strings.ToLower(s) == s
}

// DocumentBySHA256 reads the issued document whose file has the hex
// SHA-256 sum; the error wraps ErrNotFound when the body issued none.
func DocumentBySHA256(tx Tx, sum string) (IssuedDocument, error) {
	var d IssuedDocument
	ids, err := tx.Lookup(IndexDocumentBySHA, []byte(sum))
	if err != nil {
		return d, err
	}
	if len(ids) == 0 {
		return d, fmt.Errorf("no document with SHA-256 %s was issued by this body: %w", sum, ErrNotFound)
	}
	err = tx.Get(ids[0], &d)
	return d, err
}
