package certification

import (
	"encoding/hex"
	"fmt"
	"strings"
)

// IssuedDocument records one document the body issued (a certificate,
// an audit report or an audit plan, as a PDF): what it shows and the
// SHA-256 of the file, so that anyone holding the file can ask the body
// whether it is one it issued (certctl check-document, docs/documents.md).
// The record is written by a command (IssueDocument), so the journal's
// hash chain covers it. ContentSHA256 is the hash of the document's
// content (the model's canonical JSON), which the QR code printed on a
// certificate carries in short: the file cannot carry its own hash.
type IssuedDocument struct {
	ID   ID     `json:"id"`
	Kind string `json:"kind"` // DocCertificate, DocReport, DocPlan
	// CertificateID, Number and Revision name a certificate's revision.
	CertificateID ID     `json:"certificate_id,omitempty"`
	Number        string `json:"number,omitempty"`
	Revision      int    `json:"revision,omitempty"`
	// AuditID names the audit of a report or a plan.
	AuditID       ID     `json:"audit_id,omitempty"`
	ContentSHA256 string `json:"content_sha256"`
	SHA256        string `json:"sha256"` // hex SHA-256 of the file's bytes
	Size          int64  `json:"size"`
	Issued        Date   `json:"issued"`
	IssuedBy      Actor  `json:"issued_by,omitzero"`
}

// The kinds of issued documents.
const (
	DocCertificate = "certificate"
	DocReport      = "report" // the audit report, ISO/IEC 17021-1 9.4.8
	DocPlan        = "plan"   // the audit plan, 9.2.3
)

// DocKinds are the kinds of issued documents.
var DocKinds = []string{DocCertificate, DocReport, DocPlan}

// KindDocument is the record kind of IssuedDocument. It is not one of
// Kinds: which documents were issued is history, like the journal, and
// the interchange (docs/format.md) does not carry it.
const KindDocument Kind = "document"

// Indexes of issued documents: by the file's SHA-256, by certificate and
// by audit.
const (
	IndexDocumentBySHA   = "document.sha256"
	IndexDocumentByCert  = "document.certificate"
	IndexDocumentByAudit = "document.audit"
)

func (d *IssuedDocument) RecordKind() Kind { return KindDocument }
func (d *IssuedDocument) RecordID() ID     { return d.ID }
func (d *IssuedDocument) IndexTerms() []IndexTerm {
	t := []IndexTerm{{IndexDocumentBySHA, []byte(d.SHA256)}}
	if d.CertificateID != 0 {
		t = append(t, IndexTerm{IndexDocumentByCert, U64(uint64(d.CertificateID))})
	}
	if d.AuditID != 0 {
		t = append(t, IndexTerm{IndexDocumentByAudit, U64(uint64(d.AuditID))})
	}
	return t
}

// Validate checks the record's own fields: a certificate document names
// its certificate revision and no audit, a report or plan its audit and
// no certificate.
func (d *IssuedDocument) Validate() error {
	switch d.Kind {
	case DocCertificate:
		if d.CertificateID == 0 {
			return invalid("document", "certificate_id", "the certificate is required")
		}
		if d.AuditID != 0 {
			return invalid("document", "audit_id", "a certificate document names no audit")
		}
	case DocReport, DocPlan:
		if d.AuditID == 0 {
			return invalid("document", "audit_id", "the audit of the %s is required", d.Kind)
		}
		if d.CertificateID != 0 || d.Number != "" || d.Revision != 0 {
			return invalid("document", "certificate_id", "an audit %s names no certificate revision", d.Kind)
		}
	default:
		return invalid("document", "kind", "must be one of %v, got %q", DocKinds, d.Kind)
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

// DocumentsOfAudit reads the documents issued for an audit (its reports
// and plans), in the order issued.
func DocumentsOfAudit(tx Tx, auditID ID) ([]IssuedDocument, error) {
	ids, err := tx.Lookup(IndexDocumentByAudit, U64(uint64(auditID)))
	if err != nil {
		return nil, err
	}
	return existing[IssuedDocument](tx, ids)
}
