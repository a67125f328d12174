package exchange

import (
	"fmt"
	"slices"
	"strings"

	"certdesk/certification"
)

func (x *idx) checkCertifications() {
	open := map[string]certification.ID{}
	for rec, c := range validRecords(x, "certifications", x.b.Certifications) {
		cl, ok := x.clients[c.ClientID]
		if !ok {
			x.bad(rec, "client_id", "there is no client %d in the file", c.ClientID)
			continue
		}
		codes := make([]string, 0, len(c.SiteScopes))
		for code := range c.SiteScopes {
			codes = append(codes, code)
		}
		slices.Sort(codes)
		for _, code := range codes {
			if _, ok := cl.Site(code); !ok {
				x.bad(rec, "site_scopes."+code, "client %d has no site %q", c.ClientID, code)
			}
		}
		if c.Closed.IsZero() {
			key := fmt.Sprintf("%d/%s", c.ClientID, c.Standard)
			if other, dup := open[key]; dup {
				x.ps.add(Problem{Record: rec, Field: "standard", Rule: certification.RuleDuplicateCertification,
					Msg: fmt.Sprintf("refused by rule %s: client %d already has an open %s certification (%d)", certification.RuleDuplicateCertification, c.ClientID, c.Standard, other)})
			}
			open[key] = c.ID
		}
		for j, cy := range c.Cycles {
			f := fmt.Sprintf("cycles[%d]", j)
			switch {
			case cy.Number != j+1:
				x.bad(rec, f+".number", "cycles are numbered 1, 2, … in order: found %d at position %d", cy.Number, j+1)
			case cy.Start.IsZero() || cy.Decided.IsZero() || cy.Expiry.IsZero():
				x.bad(rec, f, "start, decided and expiry are required")
			case cy.Expiry < cy.Start:
				x.bad(rec, f+".expiry", "expiry %s is before the start %s", cy.Expiry, cy.Start)
			case cy.DecisionID == 0:
				x.bad(rec, f+".decision_id", "name the decision that opened the cycle")
			default:
				d, ok := x.decisions[cy.DecisionID]
				switch {
				case !ok || d.CertificationID != c.ID:
					x.bad(rec, f+".decision_id", "there is no decision %d on this certification in the file", cy.DecisionID)
				case d.Kind == certification.AcceptTransfer && (j > 0 || c.Transfer == nil):
					x.bad(rec, f+".decision_id", "decision %d accepts a transfer: it opens only the first cycle, of a certification with its pre-transfer review", d.ID)
				case d.Kind != certification.Grant && d.Kind != certification.Renew && d.Kind != certification.Restore && d.Kind != certification.AcceptTransfer:
					x.bad(rec, f+".decision_id", "decision %d is %s: only grant, renew, restore or accept-transfer opens a cycle", d.ID, d.Kind)
				case d.Date != cy.Decided:
					x.bad(rec, f+".decided", "is %s but decision %d is dated %s", cy.Decided, d.ID, d.Date)
				}
			}
		}
		if c.CertificateID != 0 {
			cert, ok := x.certificates[c.CertificateID]
			switch {
			case !ok || cert.CertificationID != c.ID:
				x.bad(rec, "certificate_id", "there is no certificate %d of this certification in the file", c.CertificateID)
			case cert.SupersededBy != 0:
				x.bad(rec, "certificate_id", "certificate %d was superseded by %d: name the current revision", cert.ID, cert.SupersededBy)
			}
		} else if len(c.Cycles) > 0 {
			x.bad(rec, "certificate_id", "a granted certification names its current certificate")
		}
		var closed certification.Date
		for _, d := range x.b.Decisions {
			if d.CertificationID == c.ID && (d.Kind == certification.Refuse || d.Kind == certification.Withdraw) {
				closed = max(closed, d.Date)
			}
		}
		if c.Closed != closed {
			if closed.IsZero() {
				x.bad(rec, "closed", "is %s but no refuse or withdraw decision closed it", c.Closed)
			} else {
				x.bad(rec, "closed", "must be %s, the date of the decision that refused or withdrew it", closed)
			}
		}
		if len(c.Exclusions) > 0 { // the Statement of Applicability, as SetExclusions checks it
			if ex, err := certification.CheckExclusions(c.Standard, c.Exclusions); err != nil {
				x.ps.add(problemOf(rec, err))
			} else {
				for j := range ex {
					if ex[j].Control != c.Exclusions[j].Control {
						x.bad(rec, fmt.Sprintf("exclusions[%d].control", j), "write %q as %q", c.Exclusions[j].Control, ex[j].Control)
					}
				}
			}
		}
	}
}

func (x *idx) checkCertificates() {
	revisions := map[string]bool{}
	current := map[certification.ID]certification.ID{}
	for i := range x.b.Certificates {
		c := &x.b.Certificates[i]
		rec := recName("certificates", i, c.ID)
		cert, ok := x.certificationOf(rec, c.CertificationID, c.ClientID)
		if !ok {
			continue
		}
		switch {
		case strings.TrimSpace(c.Number) == "":
			x.bad(rec, "number", "a certificate has a number")
		case c.Revision < 1:
			x.bad(rec, "revision", "revisions are numbered from 1")
		case revisions[fmt.Sprintf("%s/%d", c.Number, c.Revision)]:
			x.bad(rec, "revision", "certificate %s has two revisions numbered %d", c.Number, c.Revision)
		}
		revisions[fmt.Sprintf("%s/%d", c.Number, c.Revision)] = true
		if c.Standard != cert.Standard {
			x.bad(rec, "standard", "is %q but certification %d is for %q", c.Standard, cert.ID, cert.Standard)
		}
		switch {
		case c.OriginalDate.IsZero():
			x.bad(rec, "original_date", "the original certification date is required")
		case c.IssueDate.IsZero():
			x.bad(rec, "issue_date", "the issue date is required")
		case c.Expiry.IsZero():
			x.bad(rec, "expiry", "the expiry date is required")
		case c.Expiry < c.IssueDate:
			x.ps.add(Problem{Record: rec, Field: "expiry", Rule: certification.RuleDatesBackwards,
				Msg: fmt.Sprintf("refused by rule %s: expiry %s is before the issue date %s", certification.RuleDatesBackwards, c.Expiry, c.IssueDate)})
		}
		if c.SupersededBy != 0 {
			next, ok := x.certificates[c.SupersededBy]
			switch {
			case !ok || next.CertificationID != c.CertificationID:
				x.bad(rec, "superseded_by", "there is no certificate %d of the same certification in the file", c.SupersededBy)
			case c.SupersededOn.IsZero():
				x.bad(rec, "superseded_on", "a superseded revision has the date it was superseded")
			}
		} else if other, dup := current[c.CertificationID]; dup {
			x.bad(rec, "superseded_by", "certification %d has two current revisions (%d and %d): the older one names the revision that superseded it", c.CertificationID, other, c.ID)
		} else {
			current[c.CertificationID] = c.ID
		}
		var last certification.Date
		for j, e := range c.Events {
			f := fmt.Sprintf("events[%d]", j)
			d, ok := x.decisions[e.DecisionID]
			switch {
			case e.Status != certification.CertSuspended && e.Status != certification.CertActive && e.Status != certification.CertWithdrawn:
				x.bad(rec, f+".status", "%q: an event suspends, restores (active) or withdraws", e.Status)
			case !ok || d.CertificationID != c.CertificationID:
				x.bad(rec, f+".decision_id", "there is no decision %d on this certification in the file", e.DecisionID)
			case e.Date < last:
				x.bad(rec, f+".date", "events are in date order: %s comes after %s", e.Date, last)
			}
			last = max(last, e.Date)
		}
	}
}

func (x *idx) checkDecisions() {
	for rec, d := range validRecords(x, "decisions", x.b.Decisions) {
		if _, ok := x.certificationOf(rec, d.CertificationID, d.ClientID); !ok {
			continue
		}
		for j, m := range d.Makers {
			if _, ok := x.people[m]; !ok {
				x.bad(rec, fmt.Sprintf("makers[%d]", j), "there is no person %d in the file", m)
			}
		}
		if d.CertificateID != 0 {
			if cert, ok := x.certificates[d.CertificateID]; !ok || cert.CertificationID != d.CertificationID {
				x.bad(rec, "certificate_id", "there is no certificate %d of this certification in the file", d.CertificateID)
			}
		}
	}
}
