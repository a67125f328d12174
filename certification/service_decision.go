package certification

// The decision command and how a decision changes the certificate.

import (
	"context"
	"errors"
	"fmt"
)

// Decide records a certification decision after every gate has passed,
// and applies it: a grant or renewal opens a cycle and issues a
// certificate revision; suspend, restore and withdraw change the
// certificate's status; scope decisions reissue it.
func (s *Service) Decide(ctx context.Context, d Decision) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("decide", d)))
	}
	d.ID, d.CertificateID = 0, 0
	if d.Date.IsZero() {
		d.Date = s.Today()
	}
	if g, ok := futureDecisionGate(&d, s.Today()); ok { // the certificate it issues would not yet be in force
		return 0, refuse(g.Rule, "%s", g.Detail)
	}
	err := s.update(ctx, call("decide", d), fmt.Sprintf("%s certification %d", d.Kind, d.CertificationID), func(tx Tx) error {
		f, err := LoadFile(tx, d.CertificationID)
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				return invalid("decision", "certification_id", "there is no certification %d", d.CertificationID)
			}
			return err
		}
		d.ClientID = f.Certification.ClientID
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		makers, err := people(tx, d.Makers)
		if err != nil {
			return err
		}
		dc := DecisionContext{Policy: p}
		for i, id := range d.Makers {
			m, ok := makers[id]
			if !ok {
				return invalid("decision", fmt.Sprintf("makers[%d]", i), "there is no person %d in the register", id)
			}
			dc.Makers = append(dc.Makers, m)
		}
		if dc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(d.ClientID))); err != nil {
			return err
		}
		if d.ID, err = tx.NextID(KindDecision); err != nil {
			return err
		}
		cycle, err := CheckDecision(f, &d, dc)
		if err != nil {
			return err
		}
		d.Snapshot = FileBefore(f, &d).Snapshot(cycle)
		if err := applyDecision(tx, f, &d, p); err != nil {
			return err
		}
		if err := tx.Put(&d); err != nil {
			return err
		}
		return refresh(tx, d.CertificationID, p)
	})
	return d.ID, err
}

func applyDecision(tx Tx, f *File, d *Decision, p Policy) error {
	c := &f.Certification
	cert, _ := f.Certificate()
	switch d.Kind {
	case Grant:
		cy := Cycle{Number: f.PendingCycle(), Start: d.Date, Decided: d.Date, Expiry: p.Expiry(d.Date), Initial: true, DecisionID: d.ID}
		c.Cycles = append(c.Cycles, cy)
		number := p.CertificateNumber(c.Standard, d.Date.Year(), c.ID)
		if cert != nil {
			number = cert.Number // a re-certification after a lapse keeps the number
		}
		return issue(tx, f, d, cert, Certificate{Number: number, OriginalDate: d.Date, Expiry: cy.Expiry})
	case Refuse:
		c.Closed = d.Date
		return tx.Put(c)
	case Renew:
		cur, _ := c.Current()
		return renew(tx, f, d, cert, cur, p)
	case Restore:
		cur, _ := c.Current()
		if cert.StatusOn(d.Date) == CertExpired {
			return renew(tx, f, d, cert, cur, p)
		}
		cert.Events = append(cert.Events, CertificateEvent{Date: d.Date, Status: CertActive, DecisionID: d.ID})
		d.CertificateID = cert.ID
		return tx.Put(cert)
	case Suspend, Withdraw:
		st := CertSuspended
		if d.Kind == Withdraw {
			st = CertWithdrawn
			c.Closed = d.Date
			if err := tx.Put(c); err != nil {
				return err
			}
		}
		cert.Events = append(cert.Events, CertificateEvent{Date: d.Date, Status: st, DecisionID: d.ID})
		d.CertificateID = cert.ID
		return tx.Put(cert)
	case ExtendScope, ReduceScope:
		c.Scope = d.NewScope
		next := *cert
		next.Scope = d.NewScope
		return issue(tx, f, d, cert, next)
	case Maintain:
		d.CertificateID = cert.ID
		return nil
	case AcceptTransfer:
		return acceptTransfer(tx, f, d, p) // transfer.go
	}
	return nil
}

// renew opens the next cycle: the new expiry continues from the old one,
// and the certificate takes effect on the decision date (after expiry
// when restored, so that the gap shows).
func renew(tx Tx, f *File, d *Decision, cert *Certificate, cur Cycle, p Policy) error {
	c := &f.Certification
	// RULES: the new expiry is the old expiry + 3 years, whatever the
	// expiry policy (which governs the first cycle).
	start := cur.Expiry.AddDays(1)
	cy := Cycle{Number: cur.Number + 1, Start: start, Decided: d.Date, Expiry: cur.Expiry.AddMonths(12 * CycleYears), DecisionID: d.ID}
	c.Cycles = append(c.Cycles, cy)
	next := *cert
	next.Expiry = cy.Expiry
	return issue(tx, f, d, cert, next)
}

// issue writes a new certificate revision that supersedes prev (if any)
// and makes it the certification's current certificate.
func issue(tx Tx, f *File, d *Decision, prev *Certificate, next Certificate) error {
	c := &f.Certification
	id, err := tx.NextID(KindCertificate)
	if err != nil {
		return err
	}
	next.ID, next.CertificationID, next.ClientID = id, c.ID, c.ClientID
	next.Standard, next.Scope, next.IssueDate = c.Standard, c.Scope, d.Date
	next.Revision, next.Events, next.SupersededBy, next.SupersededOn = 1, nil, 0, 0
	if prev != nil {
		next.Revision = prev.Revision + 1
		prev.SupersededBy, prev.SupersededOn = id, d.Date
		if err := tx.Put(prev); err != nil {
			return err
		}
	}
	next.Sites = certificateSites(&f.Client, c)
	if prev != nil {
		// A reissue (scope change, renewal) does not lift a suspension in
		// force: the new revision starts suspended.
		if _, on := prev.SuspendedSince(d.Date); on && d.Kind != Restore {
			next.Events = []CertificateEvent{{Date: d.Date, Status: CertSuspended, DecisionID: d.ID}}
		}
	}
	c.CertificateID = id
	d.CertificateID = id
	if err := tx.Put(&next); err != nil {
		return err
	}
	return tx.Put(c)
}

func certificateSites(cl *Client, c *Certification) []CertificateSite {
	if len(cl.Sites) == 0 {
		return []CertificateSite{{Code: "", Address: cl.RegisteredAddress, Scope: c.Scope}}
	}
	var out []CertificateSite
	for _, s := range cl.Sites {
		scope := c.Scope
		if c.SiteScopes != nil {
			sc, ok := c.SiteScopes[s.Code]
			if !ok {
				continue
			}
			scope = sc
		}
		out = append(out, CertificateSite{Code: s.Code, Address: s.Address, Scope: scope})
	}
	return out
}
