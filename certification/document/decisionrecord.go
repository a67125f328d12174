package document

import (
	"certdesk/certification"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
)

// DecisionRecord is a recorded certification decision as the committee
// files and prints it: who decided what, when and why, the gates it
// passed, the audits and findings it rests on (as they stood when it was
// made: the decision's snapshot) and the certificate it issued or changed.
type DecisionRecord struct {
	Body          string
	AsOf          certification.Date // the day the record was printed
	Decision      certification.Decision
	Client        certification.Client
	Certification certification.Certification
	// Makers are the decision makers in the decision's order; one no
	// longer in the register has only its id and a name saying so.
	Makers []certification.Person
	// Gates are re-checked on the file as it stood just before the
	// decision (FileBefore), with the makers' records as now recorded.
	Gates []certification.Gate
	// Cycle is the cycle under decision.
	Cycle int
	// Audits are the audits of that cycle as they stood at the decision
	// (cancelled ones left out), by start date; Findings are theirs.
	Audits   []DecisionRecordAudit
	Findings []DecisionRecordFinding
	// Certificate is the revision the decision issued or changed (nil
	// for a refusal); Effect says what the decision did to it.
	Certificate *certification.Certificate
	Effect      string
	// StatusOnDecision is the certificate's status at the end of the
	// decision date, StatusAsOf on AsOf.
	StatusOnDecision, StatusAsOf certification.CertificateStatus
}

// DecisionRecordAudit is an audit as it stood at the decision.
type DecisionRecordAudit struct {
	certification.AuditSnapshot
	Lead       string                 // the lead auditor's name
	Team       []DecisionRecordMember // lead first
	ReportDate certification.Date     // from the audit record, when on or before the decision
}

// DecisionRecordMember is a person on an audit team.
type DecisionRecordMember struct {
	Name string
	Role certification.TeamRole
}

// DecisionRecordFinding is a finding as it stood at the decision, with
// its text from the finding record.
type DecisionRecordFinding struct {
	certification.FindingSnapshot
	Number      int
	AuditKind   certification.AuditKind
	Requirement string
	Evidence    string
}

// DecisionRecordWriter writes a decision record. It is implemented in
// storage/xlsx.
type DecisionRecordWriter interface {
	WriteDecisionRecord(ctx context.Context, w io.Writer, r *DecisionRecord) error
}

// NewDecisionRecord assembles the record of a decision.
func NewDecisionRecord(ctx context.Context, s *certification.Service, decisionID certification.ID) (*DecisionRecord, error) {
	r := &DecisionRecord{AsOf: s.Today()}
	err := s.View(ctx, func(tx certification.Tx) error {
		if err := tx.Get(decisionID, &r.Decision); err != nil {
			return err
		}
		d := &r.Decision
		f, err := certification.LoadFile(tx, d.CertificationID)
		if err != nil {
			return err
		}
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		r.Body, r.Client, r.Certification = p.BodyName, f.Client, f.Certification

		// Everyone named: makers and audit teams.
		ids := slices.Clone(d.Makers)
		for _, a := range d.Snapshot.Audits {
			for _, m := range a.Team {
				ids = append(ids, m.PersonID)
			}
		}
		persons, err := certification.LoadPeople(tx, ids)
		if err != nil {
			return err
		}
		name := func(id certification.ID) string {
			if p, ok := persons[id]; ok {
				return p.Name
			}
			return fmt.Sprintf("person %d (not in the register)", id)
		}
		dc := certification.DecisionContext{Policy: p}
		for _, id := range d.Makers {
			if m, ok := persons[id]; ok {
				r.Makers = append(r.Makers, *m)
				dc.Makers = append(dc.Makers, m)
			} else {
				r.Makers = append(r.Makers, certification.Person{ID: id, Name: name(id)})
			}
		}
		if dc.ClientAudits, err = certification.LookupAll[certification.Audit](tx, certification.IndexAuditByClient, certification.U64(uint64(f.Certification.ClientID))); err != nil {
			return err
		}
		_, r.Gates = certification.EvaluateDecision(certification.FileBefore(f, d), d, dc)

		// The audits and findings it rests on, from the snapshot.
		r.Cycle = d.Snapshot.Cycle
		kinds := map[certification.ID]certification.AuditKind{}
		for _, a := range d.Snapshot.Audits {
			if a.Cycle != r.Cycle || a.Status == certification.AuditCancelled {
				continue
			}
			ra := DecisionRecordAudit{AuditSnapshot: a}
			team := slices.Clone(a.Team)
			slices.SortStableFunc(team, func(x, y certification.TeamMember) int {
				return slices.Index(certification.TeamRoles, x.Role) - slices.Index(certification.TeamRoles, y.Role)
			})
			for _, m := range team {
				if m.Role == certification.TeamLead && ra.Lead == "" {
					ra.Lead = name(m.PersonID)
				}
				ra.Team = append(ra.Team, DecisionRecordMember{Name: name(m.PersonID), Role: m.Role})
			}
			if cur, ok := f.Audit(a.ID); ok && !cur.ReportDate.IsZero() && cur.ReportDate <= d.Date {
				ra.ReportDate = cur.ReportDate
			}
			kinds[a.ID] = a.Kind
			r.Audits = append(r.Audits, ra)
		}
		slices.SortStableFunc(r.Audits, func(x, y DecisionRecordAudit) int { return int(x.Start) - int(y.Start) })
		for _, x := range d.Snapshot.Findings {
			k, ok := kinds[x.AuditID]
			if !ok {
				continue
			}
			rf := DecisionRecordFinding{FindingSnapshot: x, AuditKind: k}
			for i := range f.Findings {
				if cur := &f.Findings[i]; cur.ID == x.ID {
					rf.Number, rf.Requirement, rf.Evidence = cur.Number, cur.Requirement, cur.Evidence
				}
			}
			r.Findings = append(r.Findings, rf)
		}

		// The certificate.
		for i := range f.Certificates {
			if c := &f.Certificates[i]; d.CertificateID != 0 && c.ID == d.CertificateID {
				r.Certificate = c
			}
		}
		r.Effect = decisionEffect(d, r.Certificate)
		if r.Certificate != nil {
			r.StatusOnDecision = r.Certificate.StatusOn(d.Date)
			r.StatusAsOf = r.Certificate.StatusOn(r.AsOf)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// decisionEffect says what a decision did to its certificate.
func decisionEffect(d *certification.Decision, c *certification.Certificate) string {
	if c == nil {
		if d.Kind == certification.Refuse {
			return "Application refused: no certificate issued"
		}
		return "No certificate changed"
	}
	event := func() bool {
		for _, e := range c.Events {
			if e.DecisionID == d.ID {
				return true
			}
		}
		return false
	}
	issued := fmt.Sprintf("Certificate %s revision %d issued %s, expires %s", c.Number, c.Revision, c.IssueDate, c.Expiry)
	switch d.Kind {
	case certification.Grant:
		return issued
	case certification.Renew:
		return "Renewed: " + lowerFirst(issued)
	case certification.ExtendScope, certification.ReduceScope:
		return "Scope changed: " + lowerFirst(issued)
	case certification.Restore:
		if c.IssueDate == d.Date && !event() {
			return "Restored after expiry: " + lowerFirst(issued)
		}
		return fmt.Sprintf("Suspension of certificate %s lifted on %s", c.Number, d.Date)
	case certification.Suspend:
		return fmt.Sprintf("Certificate %s suspended from %s", c.Number, d.Date)
	case certification.Withdraw:
		return fmt.Sprintf("Certificate %s withdrawn on %s", c.Number, d.Date)
	case certification.Maintain:
		return fmt.Sprintf("Certificate %s maintained unchanged (revision %d)", c.Number, c.Revision)
	}
	return "Certificate " + c.Number
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
