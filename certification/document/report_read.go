package document

// What the audit report and plan read beside the audit pack: the body's
// address, the report's gaps, the team, sites and objectives as
// printed.

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"certdesk/audit/sampling"
	"certdesk/certification"
)

// DocAudit is what the audit report and the audit plan both show of the
// audit: the body, the client, the audit's kind, standards, criteria,
// objectives and scope, its team and sites.
type DocAudit struct {
	// Language is the client's document language (Client.Language), the
	// one the labels, dates and domain words print in.
	Language string `json:"language,omitempty"`

	Body        string `json:"body"`         // policy body_name, 9.4.8.2 a)
	BodyAddress string `json:"body_address"` // policy body_address

	AuditID certification.ID        `json:"audit_id"`
	Kind    certification.AuditKind `json:"kind"` // c)

	Client        string `json:"client"` // b)
	ClientAddress string `json:"client_address"`

	// Standard (with its edition) and the other standards of an
	// integrated audit, n); Criteria the criteria audited against, d).
	Standard        certification.Standard   `json:"standard"`
	Integrated      []certification.Standard `json:"integrated,omitempty"`
	Criteria        []string                 `json:"criteria"`
	ClientDocuments string                   `json:"client_documents,omitempty"`
	Objectives      []string                 `json:"objectives"` // e)
	Scope           string                   `json:"scope"`      // f)

	Team  []DocMember `json:"team"`  // i)
	Sites []DocSite   `json:"sites"` // j)
	// Sample is the multi-site draw (IAF MD 1) the sites were chosen by.
	Sample *sampling.Sample `json:"sample,omitempty"`
	// AsOf is the day the document is printed.
	AsOf certification.Date `json:"as_of"`
}

// audit is the DocAudit of the pack's audit.
func (h header) audit(p *AuditPack) DocAudit {
	a := &p.Audit
	return DocAudit{Language: p.Client.Language(), Body: h.body, BodyAddress: h.address, AuditID: a.ID, Kind: a.Kind,
		Client: p.Client.LegalName, ClientAddress: p.Client.RegisteredAddress,
		Standard: p.Certification.Standard, Integrated: p.Standards()[1:], Criteria: AuditCriteria(p.Standards()),
		ClientDocuments: a.Report.ClientDocuments, Objectives: objectives(p), Scope: p.Certification.Scope,
		Team: docTeam(p), Sites: docSites(p), Sample: a.Sample, AsOf: p.AsOf}
}

// header is what the report and plan read besides the pack.
type header struct {
	body, address string
	gaps          []string
	due           certification.Due
	activities    *DocActivities // remote.go
}

// readAudit reads the audit's pack and what the documents read besides.
func readAudit(ctx context.Context, s *certification.Service, auditID certification.ID) (*AuditPack, header, error) {
	var h header
	p, err := NewAuditPack(ctx, s, auditID)
	if err != nil {
		return nil, h, err
	}
	err = s.View(ctx, func(tx certification.Tx) error {
		pol, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		h.body, h.address = pol.BodyName, pol.BodyAddress
		h.activities = activitiesDoc(&p.Audit, pol)
		f, err := certification.LoadFile(tx, p.Certification.ID)
		if err != nil {
			return err
		}
		a, ok := f.Audit(p.Audit.ID)
		if !ok {
			return fmt.Errorf("audit %d is not in its certification's file: %w", p.Audit.ID, certification.ErrNotFound)
		}
		if h.due, err = certification.DueItems(f, a); err != nil {
			return err
		}
		h.gaps, err = certification.ReportGaps(f, a)
		return err
	})
	return p, h, err
}

// objectives are the objectives of the audit's kind, then its own.
func objectives(p *AuditPack) []string {
	out := AuditObjectives(p.Audit.Kind, p.Standards())
	if o := strings.TrimSpace(p.Audit.Report.Objectives); o != "" {
		out = append(out, o)
	}
	return out
}

func docTeam(p *AuditPack) []DocMember {
	out := make([]DocMember, len(p.Team))
	for i, m := range p.Team {
		out[i] = DocMember{Name: m.Name, Role: m.Role}
	}
	return out
}

func docSites(p *AuditPack) []DocSite {
	out := make([]DocSite, len(p.Sites))
	for i, s := range p.Sites {
		out[i] = DocSite{Code: s.Code, Name: s.Name, Address: s.Address, Central: s.Central}
	}
	return out
}

// jsonSHA256 is the hex SHA-256 of v's JSON: a document's content hash.
func jsonSHA256(v any) string {
	b, err := json.Marshal(v)
	if err != nil { // plain strings, numbers and dates: cannot fail
		panic(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
