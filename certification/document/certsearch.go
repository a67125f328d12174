package document

// The IAF CertSearch upload (IAF MD 28): the certificate data an
// accredited body publishes to the IAF database at least once a month.
// This file assembles the data in the database's terms; the workbook
// layout (sheets, columns, header names, how each value is written) is a
// single table in storage/xlsx/certsearch.go.
//
// Which certificates are published: every certificate number the body
// has issued by the export date, in the revision in force on that date
// (the rule of view.Certificates and of the certificate register), with
// its status on that date: Active, Suspended, Withdrawn or Expired.
// Withdrawn and expired certificates stay in the upload so that the
// database learns their status; refused applications (no certificate)
// are not published.
// CertSearch's Draft status is not used.

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"

	"certdesk/assets"
	"certdesk/certification"
)

// CertSearch limits and fixed values.
const (
	// CertSearchFileLimit is the most certificates one upload file holds.
	CertSearchFileLimit = 10000
	// CertSearchAccredited is the accreditation status of every
	// certificate: the body has no setting for unaccredited schemes.
	CertSearchAccredited = "Accredited"
	// CertSearchType is the certification type of every certificate.
	CertSearchType = "Management System"

	certSearchEntityIDMax = 45
	certSearchNameMax     = 300
	certSearchIdentityMax = 60
)

// CertSearchStatuses are the public statuses of the database.
var CertSearchStatuses = []string{"Active", "Suspended", "Withdrawn", "Expired"}

// certSearchStatus maps a certificate's status to the database's word;
// a status that is not published gives "".
var certSearchStatus = map[certification.CertificateStatus]string{
	certification.CertActive:    "Active",
	certification.CertSuspended: "Suspended",
	certification.CertWithdrawn: "Withdrawn",
	certification.CertExpired:   "Expired",
}

// CertSearchScheme is the scheme name of a standard as the body's
// accreditation names it.
func CertSearchScheme(s certification.Standard) string {
	switch s {
	case certification.ISO42001:
		return "Artificial Intelligence Management Systems"
	case certification.ISO9001:
		return "Quality Management Systems"
	case certification.ISO27001:
		return "Information Security Management Systems"
	}
	return ""
}

// CertSearchData is one export: the certified entities and their
// certificates as of a date.
type CertSearchData struct {
	AsOf certification.Date
	// Body is the certification body's name (document properties).
	Body string
	// Entities are the certified entities, by unique id; each is
	// referenced by at least one certificate.
	Entities []CertSearchEntity
	// Certificates are by certificate number.
	Certificates []CertSearchCert
}

// CertSearchEntity is a certified organisation.
type CertSearchEntity struct {
	// UniqueID is stable across exports: "client-" and the client id.
	UniqueID    string
	Name        string // legal name
	TradingName string
	EnglishName string // CertDesk keeps none
	Address     CertSearchAddress
	ClientID    certification.ID
}

// CertSearchAddress is an address in the database's parts. CertDesk
// keeps an address as one line, so Full carries it; Country is read from
// it when the address ends with one ("street, postcode city, country").
type CertSearchAddress struct {
	Country, Street, City, State, Postcode, Full string
}

// CertSearchCert is one certificate with its sites, standard and sectors.
type CertSearchCert struct {
	// IdentityNumber is the body's internal key, stable across revisions
	// and exports: "certification-" and the certification id.
	IdentityNumber string
	EntityID       string // the certified entity's UniqueID
	Number         string
	Status         string // one of CertSearchStatuses
	Accreditation  string // Accredited or Unaccredited
	Type           string // Management System
	Scope          string
	OriginalIssue  certification.Date
	Issue          certification.Date // of the revision in force
	Expiry         certification.Date
	Sites          []CertSearchSite
	Scheme         string // e.g. Quality Management Systems
	Standard       string // e.g. ISO 9001:2015
	Sectors        []CertSearchSector

	CertificateID, CertificationID, ClientID certification.ID
	Revision                                 int
}

// CertSearchSite is a covered site.
type CertSearchSite struct {
	Code    string // CertDesk's site code ("" for the registered address)
	Address CertSearchAddress
	Scope   string
}

// CertSearchSector is an IAF sector: the bare number and its title.
type CertSearchSector struct {
	Code int
	Name string
}

// CertSearchWriter writes the upload. It is implemented in storage/xlsx.
type CertSearchWriter interface {
	// WriteCertSearch writes one upload file of at most
	// CertSearchFileLimit certificates.
	WriteCertSearch(ctx context.Context, w io.Writer, data *CertSearchData, progress func(done, total int)) error
	// WriteCertSearchFiles splits the data (Split) and hands each file
	// to save under its name (CertSearchFileName), in order; it returns
	// the names saved. Nothing is saved when the data does not validate.
	WriteCertSearchFiles(ctx context.Context, data *CertSearchData, save func(name string, write func(io.Writer) error) error, progress func(done, total int)) ([]string, error)
}

// CertSearchFileName is the name of the n-th upload file (from 1).
func CertSearchFileName(n int) string { return "cb_certs_" + strconv.Itoa(n) + ".xlsx" }

// NewCertSearch assembles the upload as of a date.
func NewCertSearch(ctx context.Context, s *certification.Service, asOf certification.Date) (*CertSearchData, error) {
	out := &CertSearchData{AsOf: asOf}
	err := s.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		out.Body = p.BodyName
		// The revision in force per certification.
		inForce := map[certification.ID]certification.Certificate{}
		if err := tx.Each(certification.KindCertificate, func(id certification.ID, decode func(certification.Record) error) error {
			var c certification.Certificate
			if err := decode(&c); err != nil {
				return err
			}
			if c.IssueDate > asOf || (c.SupersededBy != 0 && c.SupersededOn <= asOf) {
				return nil
			}
			if prev, ok := inForce[c.CertificationID]; !ok || c.Revision > prev.Revision {
				inForce[c.CertificationID] = c
			}
			return nil
		}); err != nil {
			return err
		}
		clients := map[certification.ID]*certification.Client{}
		for _, c := range inForce {
			cl, err := certification.CachedGet(tx, clients, c.ClientID)
			if err != nil {
				return err
			}
			if x, ok := certSearchCert(&c, cl, asOf); ok {
				out.Certificates = append(out.Certificates, x)
			}
		}
		for _, cl := range clients {
			out.Entities = append(out.Entities, certSearchEntity(cl)) // sorted below
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out.sort()
	return out, nil
}

func (d *CertSearchData) sort() {
	slices.SortFunc(d.Entities, func(a, b CertSearchEntity) int { return cmp.Compare(a.ClientID, b.ClientID) })
	slices.SortFunc(d.Certificates, func(a, b CertSearchCert) int {
		if c := strings.Compare(a.Number, b.Number); c != 0 {
			return c
		}
		return cmp.Compare(a.CertificationID, b.CertificationID)
	})
}

func certSearchEntity(c *certification.Client) CertSearchEntity {
	e := CertSearchEntity{UniqueID: "client-" + c.ID.String(), Name: oneLine(c.LegalName), Address: CertSearchAddressOf(c.RegisteredAddress), ClientID: c.ID}
	if t := oneLine(c.TradingName); t != e.Name {
		e.TradingName = t
	}
	return e
}

func certSearchCert(c *certification.Certificate, cl *certification.Client, asOf certification.Date) (CertSearchCert, bool) {
	st, ok := certSearchStatus[c.StatusOn(asOf)]
	if !ok {
		return CertSearchCert{}, false
	}
	x := CertSearchCert{
		IdentityNumber: "certification-" + c.CertificationID.String(),
		EntityID:       "client-" + c.ClientID.String(),
		Number:         c.Number, Status: st, Accreditation: CertSearchAccredited, Type: CertSearchType,
		Scope: oneLine(c.Scope), OriginalIssue: c.OriginalDate, Issue: c.IssueDate, Expiry: c.Expiry,
		Scheme: CertSearchScheme(c.Standard), Standard: string(c.Standard),
		CertificateID: c.ID, CertificationID: c.CertificationID, ClientID: c.ClientID, Revision: c.Revision,
	}
	for _, s := range c.Sites {
		x.Sites = append(x.Sites, CertSearchSite{Code: s.Code, Address: CertSearchAddressOf(s.Address), Scope: oneLine(s.Scope)})
	}
	for _, code := range cl.Sectors {
		name, _ := IAFSectorTitle(code)
		x.Sectors = append(x.Sectors, CertSearchSector{Code: code, Name: name})
	}
	return x, true
}

// oneLine joins a text's lines and spaces into one line.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// CertSearchAddressOf splits a one-line address: the whole goes to Full;
// the last part becomes the Country when the address has at least three
// comma-separated parts and the last has no digit ("Hauptstraße 1, 10115
// Berlin, Germany"). Street, city, state and postcode are not guessed.
func CertSearchAddressOf(s string) CertSearchAddress {
	a := CertSearchAddress{Full: oneLine(s)}
	parts := strings.Split(a.Full, ",")
	if len(parts) >= 3 {
		last := strings.TrimSpace(parts[len(parts)-1])
		if last != "" && !strings.ContainsAny(last, "0123456789") {
			a.Country = last
		}
	}
	return a
}

// iafSectors reads the embedded IAF sector list once.
var iafSectors = sync.OnceValue(func() map[int]string {
	out := map[int]string{}
	for i, line := range strings.Split(assets.IAFSectors, "\n") {
		code, title, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if i == 0 || !ok {
			continue
		}
		if n, err := strconv.Atoi(strings.TrimSpace(code)); err == nil {
			out[n] = strings.TrimSpace(title)
		}
	}
	return out
})

// IAFSectorTitle is the title of an IAF sector code (assets/iaf-sectors.tsv).
func IAFSectorTitle(code int) (string, bool) {
	t, ok := iafSectors()[code]
	return t, ok
}

// Split cuts the data into parts of at most n certificates (in order),
// each with the entities its certificates name.
func (d *CertSearchData) Split(n int) []*CertSearchData {
	if n <= 0 {
		n = CertSearchFileLimit
	}
	byID := map[string]*CertSearchEntity{}
	for i := range d.Entities {
		byID[d.Entities[i].UniqueID] = &d.Entities[i]
	}
	var parts []*CertSearchData
	for start := 0; ; start += n {
		end := min(start+n, len(d.Certificates))
		p := &CertSearchData{AsOf: d.AsOf, Body: d.Body, Certificates: d.Certificates[start:end]}
		seen := map[string]bool{}
		for _, c := range p.Certificates {
			if e, ok := byID[c.EntityID]; ok && !seen[c.EntityID] {
				seen[c.EntityID] = true
				p.Entities = append(p.Entities, *e)
			}
		}
		slices.SortFunc(p.Entities, func(a, b CertSearchEntity) int { return cmp.Compare(a.ClientID, b.ClientID) })
		parts = append(parts, p)
		if end >= len(d.Certificates) {
			break
		}
	}
	return parts
}

// certSearchMaxProblems is how many problems Validate lists.
const certSearchMaxProblems = 20

// Validate checks what the database requires of every entity and
// certificate (the fields marked required in its template and their
// lengths). It returns nil or the problems, each a *ValidationError
// naming the certificate (or entity) and the field, joined.
func (d *CertSearchData) Validate() error {
	var errs []error
	more := 0
	bad := func(rec, field, format string, args ...any) {
		if len(errs) < certSearchMaxProblems {
			errs = append(errs, invalid(rec, field, format, args...))
		} else {
			more++
		}
	}
	entities := map[string]bool{}
	for _, e := range d.Entities {
		rec := "certified entity " + e.UniqueID
		switch {
		case strings.TrimSpace(e.UniqueID) == "":
			bad("certified entity of client "+e.ClientID.String(), "unique id", "the certified entity needs a unique id")
		case len(e.UniqueID) > certSearchEntityIDMax:
			bad(rec, "unique id", "the unique id is longer than %d characters", certSearchEntityIDMax)
		case entities[e.UniqueID]:
			bad(rec, "unique id", "two certified entities have this unique id")
		}
		entities[e.UniqueID] = true
		if strings.TrimSpace(e.Name) == "" {
			bad(rec, "name", "the legal name is required: record it on client %d", e.ClientID)
		} else if n := len([]rune(e.Name)); n > certSearchNameMax {
			bad(rec, "name", "the legal name has %d characters, CertSearch takes at most %d: shorten it on client %d", n, certSearchNameMax, e.ClientID)
		}
	}
	ids := map[string]string{}
	for _, c := range d.Certificates {
		rec := "certificate " + c.Number
		if strings.TrimSpace(c.Number) == "" {
			rec = "certificate revision " + c.CertificateID.String()
			bad(rec, "number", "the certificate number is required")
		}
		switch {
		case strings.TrimSpace(c.IdentityNumber) == "":
			bad(rec, "identity number", "the certification identity number is required")
		case len(c.IdentityNumber) > certSearchIdentityMax:
			bad(rec, "identity number", "the certification identity number is longer than %d characters", certSearchIdentityMax)
		case ids[c.IdentityNumber] != "":
			bad(rec, "identity number", "certificate %s has the same certification identity number %s", ids[c.IdentityNumber], c.IdentityNumber)
		}
		ids[c.IdentityNumber] = c.Number
		if !entities[c.EntityID] {
			bad(rec, "certified entity", "names the certified entity %q, which is not in the upload", c.EntityID)
		}
		if !slices.Contains(CertSearchStatuses, c.Status) {
			bad(rec, "status", "%q is not a CertSearch status: use one of %s", c.Status, strings.Join(CertSearchStatuses, ", "))
		}
		if c.Accreditation != "Accredited" && c.Accreditation != "Unaccredited" {
			bad(rec, "accreditation status", "%q is not an accreditation status: use Accredited or Unaccredited", c.Accreditation)
		}
		if strings.TrimSpace(c.Type) == "" {
			bad(rec, "certification type", "the certification type is required")
		}
		if c.Issue.IsZero() {
			bad(rec, "issue date", "the issue date is required")
		}
		if c.Expiry.IsZero() {
			bad(rec, "expiry date", "the expiry date is required")
		} else if c.Expiry < c.Issue {
			bad(rec, "expiry date", "expires %s, before its issue on %s", c.Expiry, c.Issue)
		}
		if !c.OriginalIssue.IsZero() && c.OriginalIssue > c.Issue {
			bad(rec, "original issue date", "the original issue %s is after this revision's issue %s", c.OriginalIssue, c.Issue)
		}
		if strings.TrimSpace(c.Scheme) == "" {
			bad(rec, "scheme name", "no CertSearch scheme is known for the standard %q", c.Standard)
		}
		if strings.TrimSpace(c.Standard) == "" {
			bad(rec, "standard name", "the standard is required")
		}
		for i, s := range c.Sites {
			site := s.Code
			if site == "" {
				site = "registered address"
			}
			if strings.TrimSpace(s.Address.Full) == "" {
				bad(rec, fmt.Sprintf("sites[%d]", i), "site %s has no address", site)
			} else if strings.TrimSpace(s.Address.Country) == "" {
				bad(rec, fmt.Sprintf("sites[%d].country", i), "CertSearch needs the country of site %s; it cannot be read from %q: write the client's address as \"street, postcode city, country\"", site, s.Address.Full)
			}
		}
		for i, x := range c.Sectors {
			if _, ok := IAFSectorTitle(x.Code); !ok || strings.TrimSpace(x.Name) == "" {
				bad(rec, fmt.Sprintf("sectors[%d]", i), "%d is not an IAF sector code (1 to 39): correct client %d's sectors", x.Code, c.ClientID)
			}
		}
	}
	if more > 0 {
		errs = append(errs, fmt.Errorf("and %d more problems", more))
	}
	return errors.Join(errs...)
}
