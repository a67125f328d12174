package exchange

import (
	"certdesk/certification"
	"fmt"
)

// CheckDerived checks that the parts of a file that only decisions and
// the policy produce — cycles, certificate revisions and their events,
// the certification's current certificate and closing date, finding
// deadlines — are what those decisions would have produced. Import uses
// it, so that a file cannot bring in an expiry, a certificate or a
// deadline no decision made. Each problem names the record and field.
func CheckDerived(f *certification.File) []error {
	var errs []error
	bad := func(rec, field, format string, args ...any) {
		errs = append(errs, &certification.ValidationError{Record: rec, Field: field, Msg: fmt.Sprintf(format, args...)})
	}
	c := &f.Certification
	crec := "certification " + c.ID.String()
	decisions := map[certification.ID]*certification.Decision{}
	for i := range f.Decisions {
		decisions[f.Decisions[i].ID] = &f.Decisions[i]
	}

	// Cycles: one per grant, renewal or restoration of an expired
	// certificate, with the dates those decisions give.
	for i, cy := range c.Cycles {
		field := fmt.Sprintf("cycles[%d]", i)
		d, ok := decisions[cy.DecisionID]
		switch {
		case !ok:
			bad(crec, field+".decision_id", "cycle %d names no decision of this certification (%d)", cy.Number, cy.DecisionID)
			continue
		case cy.Number != i+1:
			bad(crec, field+".number", "cycle %d is listed as number %d", i+1, cy.Number)
		case d.Date != cy.Decided:
			bad(crec, field+".decided", "cycle %d says decided %s, its decision %d is dated %s", cy.Number, cy.Decided, d.ID, d.Date)
		case cy.Initial != (d.Kind == certification.Grant):
			bad(crec, field+".initial", "cycle %d opened by a %s decision is marked initial=%v", cy.Number, d.Kind, cy.Initial)
		}
		if cy.Initial {
			p0, p3 := certification.DefaultPolicy(), certification.DefaultPolicy()
			p3.ExpiryPlusThreeYears = true
			if cy.Start != cy.Decided || (cy.Expiry != p0.Expiry(cy.Decided) && cy.Expiry != p3.Expiry(cy.Decided)) {
				bad(crec, field+".expiry", "an initial cycle decided %s starts that day and expires 3 years later (%s or %s), not %s–%s",
					cy.Decided, p0.Expiry(cy.Decided), p3.Expiry(cy.Decided), cy.Start, cy.Expiry)
			}
		} else if t := c.Transfer; i == 0 && d.Kind == certification.AcceptTransfer && t != nil {
			if cy.Start != t.CycleStart || cy.Expiry != t.Expiry || cy.PriorSurveillances != t.Surveillances {
				bad(crec, field+".expiry", "a transferred cycle carries over the reviewed certificate's %s–%s and %d surveillance audits, not %s–%s and %d",
					t.CycleStart, t.Expiry, t.Surveillances, cy.Start, cy.Expiry, cy.PriorSurveillances)
			}
		} else if i > 0 {
			prev := c.Cycles[i-1]
			if cy.Start != prev.Expiry.AddDays(1) || cy.Expiry != prev.Expiry.AddMonths(12*certification.CycleYears) {
				bad(crec, field+".expiry", "a renewed cycle continues from the previous expiry %s: it runs %s–%s, not %s–%s",
					prev.Expiry, prev.Expiry.AddDays(1), prev.Expiry.AddMonths(12*certification.CycleYears), cy.Start, cy.Expiry)
			}
		}
	}

	// Certificate revisions: each issued by a decision on its date, with
	// the expiry of the cycle then in force; events made by decisions.
	cycleOn := func(d certification.Date) (certification.Cycle, bool) {
		var cur certification.Cycle
		found := false
		for _, cy := range c.Cycles {
			if cy.Decided <= d {
				cur, found = cy, true
			}
		}
		return cur, found
	}
	latest := certification.ID(0)
	for i := range f.Certificates {
		cert := &f.Certificates[i]
		rec := "certificate " + cert.ID.String()
		var by *certification.Decision
		for j := range f.Decisions {
			d := &f.Decisions[j]
			if d.CertificateID == cert.ID && d.Date == cert.IssueDate && (d.Kind == certification.Grant || d.Kind == certification.Renew || d.Kind == certification.Restore || d.Kind == certification.ExtendScope || d.Kind == certification.ReduceScope || d.Kind == certification.AcceptTransfer) {
				by = d
			}
		}
		if by == nil {
			bad(rec, "issue_date", "no grant, renewal, restoration, scope or transfer decision of %s issued this revision", cert.IssueDate)
			continue
		}
		if cy, ok := cycleOn(cert.IssueDate); !ok || cert.Expiry != cy.Expiry {
			bad(rec, "expiry", "revision %d issued %s expires with its cycle (%s), not %s", cert.Revision, cert.IssueDate, cy.Expiry, cert.Expiry)
		}
		original := certification.Date(0)
		for _, cy := range c.Cycles {
			// The body's first decision: an initial grant, or the
			// acceptance of a transfer (a cycle that is not initial).
			d := decisions[cy.DecisionID]
			if (cy.Initial || d != nil && d.Kind == certification.AcceptTransfer) && cy.Decided <= cert.IssueDate {
				original = cy.Decided
			}
		}
		if cert.OriginalDate != original {
			bad(rec, "original_date", "the original certification date is the initial decision (or the transfer's) of %s, not %s", original, cert.OriginalDate)
		}
		for k, e := range cert.Events {
			d, ok := decisions[e.DecisionID]
			want := map[certification.DecisionKind]certification.CertificateStatus{certification.Suspend: certification.CertSuspended, certification.Restore: certification.CertActive, certification.Withdraw: certification.CertWithdrawn}
			// A reissue while suspended starts suspended, made by the reissuing decision.
			carried := ok && e.Status == certification.CertSuspended && d.ID == by.ID
			if !ok || d.Date != e.Date || (want[d.Kind] != e.Status && !carried) {
				bad(rec, fmt.Sprintf("events[%d]", k), "a %s event of %s must be made by a decision of that kind and date", e.Status, e.Date)
			}
		}
		if cert.SupersededBy == 0 {
			if latest != 0 {
				bad(rec, "superseded_by", "two revisions are current")
			}
			latest = cert.ID
		}
	}
	if latest != c.CertificateID {
		bad(crec, "certificate_id", "the current certificate is revision %d, not %d", latest, c.CertificateID)
	}
	closed := certification.Date(0)
	for _, d := range f.Decisions {
		if d.Kind == certification.Refuse || d.Kind == certification.Withdraw {
			closed = d.Date
		}
	}
	if c.Closed != closed {
		bad(crec, "closed", "the certification was closed by a refusal or withdrawal on %s, not %s", closed, c.Closed)
	}

	// Finding deadlines: from the audit's last day under some policy
	// (policies change: any setting the policy allows), never before it.
	for i := range f.Findings {
		x := &f.Findings[i]
		if !x.Grade.IsNC() {
			continue
		}
		rec := "finding " + x.ID.String()
		a, ok := f.Audit(x.AuditID)
		if !ok {
			continue
		}
		last := a.LastDay()
		if x.ResponseDue != 0 && (x.ResponseDue <= last || x.ResponseDue > last.AddDays(365)) {
			bad(rec, "response_due", "the response is due 1 to 365 days after the audit's last day %s, not %s", last, x.ResponseDue)
		}
		from := last
		if x.EscalatedFrom != "" {
			from = x.Raised
		}
		if x.Grade == certification.Major && x.CloseDue != 0 && (x.CloseDue <= from || x.CloseDue > from.AddDays(365+366)) {
			bad(rec, "close_due", "a major is closed within the policy's days after %s, not on %s", from, x.CloseDue)
		}
	}
	return errs
}
