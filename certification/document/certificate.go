package document

// The certificate document (ISO/IEC 17021-1 8.2.2; RULES.md "The
// certificate"): what a printed certificate holds, from the domain's
// records only, for one revision, with its status on the day it is
// printed. The PDF is written by storage/pdf; docs/documents.md.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// CertificateDoc is one certificate revision as printed.
type CertificateDoc struct {
	Body        string `json:"body"`         // policy body_name
	BodyAddress string `json:"body_address"` // policy body_address
	Signatory   string `json:"signatory"`    // policy signatory

	// Language is the client's document language (certification.DocLanguages).
	Language string `json:"language"`
	// AccreditationBody and AccreditationNumber are the policy's, printed
	// by the accreditation mark; RegisterURL the register's verification
	// address the QR code opens (QRText); all empty when not set.
	AccreditationBody   string `json:"accreditation_body,omitempty"`
	AccreditationNumber string `json:"accreditation_number,omitempty"`
	RegisterURL         string `json:"register_url,omitempty"`
	// LogoSHA256 and MarkSHA256 name the policy's logo and accreditation
	// mark, so ContentSHA256 covers the images printed; Logo and Mark are
	// their bytes (PNG or JPEG), for the writer.
	LogoSHA256 string `json:"logo_sha256,omitempty"`
	MarkSHA256 string `json:"accreditation_mark_sha256,omitempty"`
	Logo       []byte `json:"-"`
	Mark       []byte `json:"-"`

	CertificateID certification.ID `json:"certificate_id"`
	Number        string           `json:"number"`
	Revision      int              `json:"revision"`
	// Supersedes is the revision this one replaced (0: the first).
	Supersedes int `json:"supersedes,omitempty"`

	Client   string                 `json:"client"`
	Standard certification.Standard `json:"standard"` // with its edition
	Scope    string                 `json:"scope"`
	Sites    []CertificateDocSite   `json:"sites"`

	OriginalDate certification.Date `json:"original_date"`
	IssueDate    certification.Date `json:"issue_date"`
	Expiry       certification.Date `json:"expiry"`
	// TransferredFrom names the body and certificate it was transferred
	// from (IAF MD 2); empty otherwise.
	TransferredFrom string `json:"transferred_from,omitempty"`

	// Status is the revision's status on AsOf, the day it is printed.
	Status certification.CertificateStatus `json:"status"`
	AsOf   certification.Date              `json:"as_of"`
}

// CertificateDocSite is one covered site; Scope is set where the site's
// scope differs from the certificate's.
type CertificateDocSite struct {
	Code    string `json:"code"`
	Address string `json:"address"`
	Scope   string `json:"scope,omitempty"`
}

// CertificateWriter writes a certificate document (storage/pdf).
type CertificateWriter interface {
	WriteCertificate(w io.Writer, d *CertificateDoc) error
}

// NewCertificateDoc reads the certificate of certificate id's number in
// revision rev (0: the current revision, the one in force on asOf or,
// before the first is issued, the latest) with its status on asOf.
func NewCertificateDoc(ctx context.Context, r view.Reader, id certification.ID, rev int, asOf certification.Date) (*CertificateDoc, error) {
	var d *CertificateDoc
	err := r.View(ctx, func(tx certification.Tx) error {
		c, err := certificateRevision(tx, id, rev, asOf)
		if err != nil {
			return err
		}
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		var client certification.Client
		if err := tx.Get(c.ClientID, &client); err != nil {
			return err
		}
		d = &CertificateDoc{
			Body: p.BodyName, BodyAddress: p.BodyAddress, Signatory: p.Signatory, Language: client.Language(),
			AccreditationBody: p.AccreditationBody, AccreditationNumber: p.AccreditationNumber, RegisterURL: p.RegisterURL,
			LogoSHA256: p.LogoSHA256, MarkSHA256: p.AccreditationMarkSHA256,
			CertificateID: c.ID, Number: c.Number, Revision: c.Revision,
			Client: client.LegalName, Standard: c.Standard, Scope: c.Scope,
			OriginalDate: c.OriginalDate, IssueDate: c.IssueDate, Expiry: c.Expiry, TransferredFrom: c.TransferredFrom,
			Status: c.StatusOn(asOf), AsOf: asOf, Sites: []CertificateDocSite{},
		}
		if c.Revision > 1 {
			d.Supersedes = c.Revision - 1
		}
		if d.Logo, err = certification.PolicyImageContent(tx, &p, certification.ImageLogo); err != nil {
			return err
		}
		if d.Mark, err = certification.PolicyImageContent(tx, &p, certification.ImageAccreditationMark); err != nil {
			return err
		}
		for _, s := range c.Sites {
			ds := CertificateDocSite{Code: s.Code, Address: s.Address}
			if s.Scope != c.Scope {
				ds.Scope = s.Scope
			}
			d.Sites = append(d.Sites, ds)
		}
		return nil
	})
	return d, err
}

// certificateRevision finds revision rev of id's certificate number.
func certificateRevision(tx certification.Tx, id certification.ID, rev int, asOf certification.Date) (certification.Certificate, error) {
	var c certification.Certificate
	if err := tx.Get(id, &c); err != nil {
		return c, err
	}
	ids, err := tx.Lookup(certification.IndexCertificateNo, []byte(c.Number))
	if err != nil {
		return c, err
	}
	var latest, current, asked *certification.Certificate
	for _, x := range ids {
		var r certification.Certificate
		if err := tx.Get(x, &r); err != nil {
			return c, err
		}
		switch {
		case rev != 0 && r.Revision == rev:
			asked = &r
		case rev == 0 && r.InForceOn(asOf):
			current = &r
		}
		if latest == nil || r.Revision > latest.Revision {
			latest = &r
		}
	}
	switch {
	case rev != 0 && asked == nil:
		return c, fmt.Errorf("certificate %s has no revision %d (the latest is %d): %w", c.Number, rev, latest.Revision, certification.ErrNotFound)
	case asked != nil:
		return *asked, nil
	case current != nil:
		return *current, nil
	}
	return *latest, nil
}

// Current reports whether the revision was valid on the day printed.
func (d *CertificateDoc) Current() bool { return d.Status == certification.CertActive }

// Watermark is what is printed across the page of a certificate that is
// not valid on the day printed ("WITHDRAWN", "SUPERSEDED", …), or "".
func (d *CertificateDoc) Watermark() string {
	if d.Current() {
		return ""
	}
	return strings.ToUpper(d.Status.Label())
}

// StatusText is the status as printed: "valid" for an active revision.
func (d *CertificateDoc) StatusText() string {
	if d.Current() {
		return "valid"
	}
	return strings.ToLower(d.Status.Label())
}

// ContentSHA256 is the hex SHA-256 of the document's canonical JSON: what
// the QR code carries in short and the journal records in full.
func (d *CertificateDoc) ContentSHA256() string {
	b, err := json.Marshal(d)
	if err != nil { // plain strings, numbers and dates: cannot fail
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// ShortHashLen is how many hex digits of the content hash the QR carries.
const ShortHashLen = 16

// QRText is what the QR code encodes: the certificate number, the
// revision and the first ShortHashLen hex digits of ContentSHA256; when
// the policy has a register_url, as the address of the certificate's
// page in the published register (certification.RegisterPageURL), e.g.
// https://register.example.org/cert/CD-42001-2025-00007.html?rev=2&sha256=3d4c5c39cebe5f53.
func (d *CertificateDoc) QRText() string {
	if d.RegisterURL != "" {
		return certification.RegisterPageURL(d.RegisterURL, d.Number, d.Revision, d.ContentSHA256()[:ShortHashLen])
	}
	return fmt.Sprintf("%s rev %d sha256:%s", d.Number, d.Revision, d.ContentSHA256()[:ShortHashLen])
}
