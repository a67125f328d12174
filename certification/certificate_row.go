package certification

import (
	"encoding/binary"
	"errors"
)

// IndexCertRow files each certificate revision as a covering key: what
// the Certificates workspace's register shows of it and what decides
// whether it is in force on a date and its status then (InForceOn,
// StatusOn, SuspendedSince), so that the register reads these keys alone
// and a revision's record is decoded only when one row is opened. The
// value begins with the day the revision was superseded (never: all
// ones) and the day it took effect, so that a register as of a day is
// one key-only range from the day after it; the rest is a compact binary
// encoding (varints and length-prefixed strings, certRowVersion first).
// The client's name is not in it: a client can be renamed (read names
// through IndexClientRow, the clients list's keys).
const IndexCertRow = "certificate.row"

// certRowVersion is the first byte of the encoding after the two dates.
const certRowVersion = 1

// certRowScopeMax bounds the scope a key holds: a longer one (a key is
// at most 65,000 bytes) is left out, flagged, and read from the record.
const certRowScopeMax = 8 << 10

// certRowHead is the length of an IndexCertRow value before its encoding.
const certRowHead = 2 * 8

// The flags of an IndexCertRow value.
const certRowScopeLeftOut = 1

// CertificateRow is what a register row shows of one revision, read from
// its IndexCertRow key: the certificate without its sites (their number
// only) and without where it was transferred from.
type CertificateRow struct {
	ID              ID       `json:"id"`
	CertificationID ID       `json:"certification_id"`
	ClientID        ID       `json:"client_id"`
	Number          string   `json:"number"`
	Revision        int      `json:"revision"`
	Standard        Standard `json:"standard"`
	Scope           string   `json:"scope"`
	Sites           int      `json:"sites"`
	OriginalDate    Date     `json:"original_date"`
	IssueDate       Date     `json:"issue_date"`
	Expiry          Date     `json:"expiry"`
	SupersededOn    Date     `json:"superseded_on,omitzero"`
	SupersededBy    ID       `json:"superseded_by,omitempty"`
	// Events are the revision's suspensions, restorations and
	// withdrawal, as on the record.
	Events []CertificateEvent `json:"events,omitempty"`
	// Partial marks a row whose key could not hold the scope: the
	// reader fills it in from the record (CertRowPartial).
	Partial bool `json:"-"`
}

// Row is what the register shows of c.
func (c *Certificate) Row() CertificateRow {
	return CertificateRow{ID: c.ID, CertificationID: c.CertificationID, ClientID: c.ClientID,
		Number: c.Number, Revision: c.Revision, Standard: c.Standard, Scope: c.Scope, Sites: len(c.Sites),
		OriginalDate: c.OriginalDate, IssueDate: c.IssueDate, Expiry: c.Expiry,
		SupersededOn: c.SupersededOn, SupersededBy: c.SupersededBy, Events: c.Events}
}

// status is the part of the certificate its status rules read: they are
// the Certificate's own methods, run on it.
func (r *CertificateRow) status() *Certificate {
	return &Certificate{IssueDate: r.IssueDate, Expiry: r.Expiry, SupersededOn: r.SupersededOn, SupersededBy: r.SupersededBy, Events: r.Events}
}

// StatusOn is Certificate.StatusOn.
func (r *CertificateRow) StatusOn(d Date) CertificateStatus { return r.status().StatusOn(d) }

// SuspendedSince is Certificate.SuspendedSince.
func (r *CertificateRow) SuspendedSince(d Date) (Date, bool) { return r.status().SuspendedSince(d) }

// InForceOn is Certificate.InForceOn.
func (r *CertificateRow) InForceOn(d Date) bool { return r.status().InForceOn(d) }

// rowTerm is c's entry in IndexCertRow.
func (c *Certificate) rowTerm() IndexTerm {
	superseded := never
	if c.SupersededBy != 0 {
		superseded = DateKey(c.SupersededOn)
	}
	b := make([]byte, 0, certRowHead+64+len(c.Number)+len(c.Scope)+8*len(c.Events))
	b = append(append(b, superseded...), DateKey(c.IssueDate)...)
	scope, flags := c.Scope, byte(0)
	if len(scope) > certRowScopeMax {
		scope, flags = "", certRowScopeLeftOut
	}
	b = append(b, certRowVersion, flags)
	b = binary.AppendUvarint(b, uint64(c.CertificationID))
	b = binary.AppendUvarint(b, uint64(c.ClientID))
	b = appendText(b, c.Number)
	b = binary.AppendVarint(b, int64(c.Revision))
	b = appendText(b, string(c.Standard))
	b = appendText(b, scope)
	b = binary.AppendUvarint(b, uint64(len(c.Sites)))
	for _, d := range []Date{c.OriginalDate, c.Expiry, c.SupersededOn} {
		b = appendDate(b, d)
	}
	b = binary.AppendUvarint(b, uint64(c.SupersededBy))
	b = binary.AppendUvarint(b, uint64(len(c.Events)))
	for _, e := range c.Events {
		b = appendDate(b, e.Date)
		b = appendText(b, string(e.Status))
		b = binary.AppendUvarint(b, uint64(e.DecisionID))
	}
	return IndexTerm{IndexCertRow, b}
}

// CertRowsFrom is the start of the IndexCertRow range that holds every
// revision not superseded by d: Range(IndexCertRow, CertRowsFrom(d),
// nil, …). Of those, CertRowMayBeInForce picks the ones in force.
func CertRowsFrom(d Date) []byte { return DateKey(d.AddDays(1)) }

// CertRowMayBeInForce reports, from an IndexCertRow value alone, whether
// its revision may be the one in force on d (InForceOn): taken effect by
// d and not superseded by then. A malformed value may be.
func CertRowMayBeInForce(value []byte, d Date) bool {
	if issued, ok := keyDate(value, 1); ok && issued > d {
		return false
	}
	superseded, ok := keyDate(value, 0)
	return !ok || superseded > d
}

var errCertRow = errors.New("a certificate register index entry is damaged: certctl verify names the damaged index")

// DecodeCertRow reads the row of revision id from its IndexCertRow
// value. A row whose Partial is set lacks its scope: read it from the
// record.
func DecodeCertRow(value []byte, id ID) (CertificateRow, error) {
	r := CertificateRow{ID: id}
	if len(value) < certRowHead+2 || value[certRowHead] != certRowVersion {
		return r, errCertRow
	}
	issued, _ := keyDate(value, 1)
	r.IssueDate = issued
	r.Partial = value[certRowHead+1]&certRowScopeLeftOut != 0
	d := rowReader{b: value[certRowHead+2:]}
	r.CertificationID = ID(d.uvarint())
	r.ClientID = ID(d.uvarint())
	r.Number = string(d.text())
	r.Revision = int(d.varint())
	r.Standard = Standard(string(d.text()))
	r.Scope = string(d.text())
	r.Sites = int(d.uvarint())
	r.OriginalDate, r.Expiry, r.SupersededOn = d.date(), d.date(), d.date()
	r.SupersededBy = ID(d.uvarint())
	if n := d.uvarint(); n > 0 && n <= uint64(len(d.b)) {
		r.Events = make([]CertificateEvent, n)
		for i := range r.Events {
			r.Events[i] = CertificateEvent{Date: d.date(), Status: CertificateStatus(string(d.text())), DecisionID: ID(d.uvarint())}
		}
	} else if n > 0 {
		d.bad = true
	}
	if d.bad || len(d.b) != 0 {
		return r, errCertRow
	}
	return r, nil
}
