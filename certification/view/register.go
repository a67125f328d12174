package view

import (
	"context"
	"slices"
	"strings"

	"certdesk/certification"
)

// Register is the body's public certificate register as of a date: what
// certctl publish writes as a static site and as register.json
// (docs/documents.md). Each certificate number appears once, in the
// revision in force on AsOf; a withdrawn or expired one stays listed, as
// such, for ListedDays after its withdrawal or expiry (policy
// register_withdrawn_days).
type Register struct {
	Body         string             `json:"body"`
	AsOf         certification.Date `json:"as_of"`
	ListedDays   int                `json:"withdrawn_listed_days"`
	Certificates []RegisterEntry    `json:"certificates"`
}

// RegisterEntry is one certificate in the register: its revision in force
// on the register's date with that day's status, since when the status
// holds (a suspension, withdrawal or expiry), and every revision of its
// number issued by then with the documents issued of each.
type RegisterEntry struct {
	Number       string                           `json:"number"`
	Revision     int                              `json:"revision"`
	Client       string                           `json:"client"`
	Standard     certification.Standard           `json:"standard"`
	Scope        string                           `json:"scope"`
	Sites        []certification.CertificateSite  `json:"sites"`
	Status       certification.CertificateStatus  `json:"status"`
	StatusSince  certification.Date               `json:"status_since,omitzero"`
	OriginalDate certification.Date               `json:"original_date"`
	IssueDate    certification.Date               `json:"issue_date"`
	Expiry       certification.Date               `json:"expiry"`
	Events       []certification.CertificateEvent `json:"events,omitempty"`
	Revisions    []RegisterRevision               `json:"revisions"`
}

// RegisterRevision is one revision of a certificate number with the
// SHA-256 of every document the body issued of it (the issued-document
// records), so that a holder of a file can compare its hash.
type RegisterRevision struct {
	Revision     int                             `json:"revision"`
	IssueDate    certification.Date              `json:"issue_date"`
	SupersededOn certification.Date              `json:"superseded_on,omitzero"`
	Status       certification.CertificateStatus `json:"status"`
	Documents    []RegisterDocument              `json:"documents"`
}

// RegisterDocument is one issued document of a revision.
type RegisterDocument struct {
	Issued certification.Date `json:"issued"`
	SHA256 string             `json:"sha256"`
	Size   int64              `json:"size"`
}

// PublicStatus is a certificate status as the register says it to the
// public: an active certificate is "valid".
func PublicStatus(s certification.CertificateStatus) string {
	if s == certification.CertActive {
		return "Valid"
	}
	return s.Label()
}

// LoadRegister reads the register as of asOf with the body's policy
// (body_name, register_withdrawn_days).
func LoadRegister(ctx context.Context, r Reader, asOf certification.Date) (Register, error) {
	out := Register{AsOf: asOf, Certificates: []RegisterEntry{}}
	err := r.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		out.Body, out.ListedDays = p.BodyName, p.RegisterWithdrawnDays
		states, err := certificateStates(tx, asOf)
		if err != nil {
			return err
		}
		for _, st := range states {
			e := registerEntry(st)
			if (e.Status == certification.CertWithdrawn || e.Status == certification.CertExpired) && e.StatusSince.AddDays(out.ListedDays) < asOf {
				continue
			}
			if e.Revisions, err = registerRevisions(tx, st.Number, asOf); err != nil {
				return err
			}
			out.Certificates = append(out.Certificates, e)
		}
		return nil
	})
	slices.SortFunc(out.Certificates, func(a, b RegisterEntry) int { return strings.Compare(a.Number, b.Number) })
	return out, err
}

// registerEntry is the entry of the revision in force on st.AsOf.
func registerEntry(st CertificateState) RegisterEntry {
	c := st.Certificate
	e := RegisterEntry{Number: c.Number, Revision: c.Revision, Client: st.ClientName, Standard: c.Standard, Scope: c.Scope,
		Sites: c.Sites, Status: st.Status, OriginalDate: c.OriginalDate, IssueDate: c.IssueDate, Expiry: c.Expiry}
	for _, ev := range c.Events {
		if ev.Date > st.AsOf {
			break
		}
		e.Events = append(e.Events, ev)
		if ev.Status == certification.CertWithdrawn && e.Status == certification.CertWithdrawn {
			e.StatusSince = ev.Date
		}
	}
	switch e.Status {
	case certification.CertSuspended:
		e.StatusSince, _ = c.SuspendedSince(st.AsOf)
	case certification.CertExpired:
		e.StatusSince = c.Expiry.AddDays(1)
	}
	return e
}

// registerRevisions lists the revisions of number issued by asOf, the
// latest first, each with the documents issued of it by then.
func registerRevisions(tx certification.Tx, number string, asOf certification.Date) ([]RegisterRevision, error) {
	ids, err := tx.Lookup(certification.IndexCertificateNo, []byte(number))
	if err != nil {
		return nil, err
	}
	var out []RegisterRevision
	for _, id := range ids {
		var c certification.Certificate
		if err := tx.Get(id, &c); err != nil {
			return nil, err
		}
		if c.IssueDate > asOf {
			continue
		}
		rev := RegisterRevision{Revision: c.Revision, IssueDate: c.IssueDate, SupersededOn: c.SupersededOn, Status: c.StatusOn(asOf), Documents: []RegisterDocument{}}
		if rev.SupersededOn > asOf {
			rev.SupersededOn = 0
		}
		docs, err := tx.Lookup(certification.IndexDocumentByCert, certification.U64(uint64(id)))
		if err != nil {
			return nil, err
		}
		for _, did := range docs {
			var d certification.IssuedDocument
			if err := tx.Get(did, &d); err != nil {
				return nil, err
			}
			if d.Issued <= asOf {
				rev.Documents = append(rev.Documents, RegisterDocument{Issued: d.Issued, SHA256: d.SHA256, Size: d.Size})
			}
		}
		slices.SortFunc(rev.Documents, func(a, b RegisterDocument) int {
			return strings.Compare(a.Issued.String()+a.SHA256, b.Issued.String()+b.SHA256)
		})
		out = append(out, rev)
	}
	slices.SortFunc(out, func(a, b RegisterRevision) int { return b.Revision - a.Revision })
	return out, nil
}
