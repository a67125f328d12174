package exchange

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// MaxIDGap bounds how far a kind's largest id may exceed its number of
// records. CertDesk never deletes records, so exported ids have no gaps;
// the bound keeps a hand-edited id of 10^12 from costing 10^12 counter steps.
const MaxIDGap = 1000

// Check validates a decoded bundle completely, without a store: every
// record's own rules (Validate), unique ids, every reference, the audit
// workflow, and then the gates: each audit that has started (and was not
// cancelled) through certification.CheckPlanAudit on the file as it stood
// the day it started, and each decision through certification.CheckDecision on the
// file as it stood just before it (certification.FileBefore). It returns
// an *Error listing up to MaxProblems problems, or nil.
func Check(b *Bundle) error {
	var ps problems
	check(b, &ps)
	return ps.err()
}

type idx struct {
	b      *Bundle
	ps     *problems
	policy certification.Policy

	people       map[certification.ID]*certification.Person
	clients      map[certification.ID]*certification.Client
	certs        map[certification.ID]*certification.Certification
	audits       map[certification.ID]*certification.Audit
	findings     map[certification.ID]*certification.Finding
	certificates map[certification.ID]*certification.Certificate
	decisions    map[certification.ID]*certification.Decision

	// names of records for messages: "findings[3] (id 17)"
	auditName, decisionName map[certification.ID]string
}

func recName(list string, i int, id certification.ID) string {
	return fmt.Sprintf("%s[%d] (id %d)", list, i, id)
}

// problemOf turns a domain error into a problem of record rec.
func problemOf(rec string, err error) Problem {
	var ve *certification.ValidationError
	if errors.As(err, &ve) {
		return Problem{Record: rec, Field: ve.Field, Msg: ve.Msg}
	}
	var re *certification.RuleError
	if errors.As(err, &re) {
		return Problem{Record: rec, Rule: re.Rule, Msg: "refused by rule " + re.Rule + ": " + re.Msg}
	}
	return Problem{Record: rec, Msg: err.Error()}
}

// ids indexes one list by id, reporting missing, duplicate and far-out ids.
func ids[T any](x *idx, list string, recs []T, id func(*T) certification.ID) map[certification.ID]*T {
	out := make(map[certification.ID]*T, len(recs))
	limit := certification.ID(len(recs) + MaxIDGap)
	for i := range recs {
		r := &recs[i]
		v := id(r)
		name := recName(list, i, v)
		switch {
		case v == 0:
			x.ps.add(Problem{Record: name, Field: "id", Msg: "every record needs an id from 1 up"})
			continue
		case out[v] != nil:
			x.ps.add(Problem{Record: name, Field: "id", Msg: fmt.Sprintf("id %d is used by two %s", v, list)})
			continue
		case v > limit:
			x.ps.add(Problem{Record: name, Field: "id", Msg: fmt.Sprintf("id %d is far above the %d %s in the file (at most %d more than the count)", v, len(recs), list, MaxIDGap)})
		}
		out[v] = r
	}
	return out
}

func check(b *Bundle, ps *problems) {
	x := &idx{b: b, ps: ps, policy: certification.DefaultPolicy(),
		auditName: map[certification.ID]string{}, decisionName: map[certification.ID]string{}}
	if b.Policy != nil {
		x.policy = *b.Policy
		if err := b.Policy.Validate(); err != nil {
			ps.add(problemOf("policy", err))
		}
	}
	x.people = ids(x, "people", b.People, func(r *certification.Person) certification.ID { return r.ID })
	x.clients = ids(x, "clients", b.Clients, func(r *certification.Client) certification.ID { return r.ID })
	x.certs = ids(x, "certifications", b.Certifications, func(r *certification.Certification) certification.ID { return r.ID })
	x.audits = ids(x, "audits", b.Audits, func(r *certification.Audit) certification.ID { return r.ID })
	x.findings = ids(x, "findings", b.Findings, func(r *certification.Finding) certification.ID { return r.ID })
	x.certificates = ids(x, "certificates", b.Certificates, func(r *certification.Certificate) certification.ID { return r.ID })
	x.decisions = ids(x, "decisions", b.Decisions, func(r *certification.Decision) certification.ID { return r.ID })
	for i, a := range b.Audits {
		x.auditName[a.ID] = recName("audits", i, a.ID)
	}
	for i, d := range b.Decisions {
		x.decisionName[d.ID] = recName("decisions", i, d.ID)
	}

	for i := range b.People {
		p := &b.People[i]
		if err := p.Validate(); err != nil {
			ps.add(problemOf(recName("people", i, p.ID), err))
		}
	}
	for i := range b.Clients {
		c := &b.Clients[i]
		if err := c.Validate(); err != nil {
			ps.add(problemOf(recName("clients", i, c.ID), err))
		}
	}
	x.checkCertifications()
	x.checkAudits()
	x.checkIntegrated() // integrated.go
	x.checkFindings()
	x.checkCertificates()
	x.checkDecisions()
	if len(ps.list) > 0 {
		// The gates read whole files: on a file with broken references
		// they would only repeat the problems above.
		return
	}
	x.checkGates()
}

func (x *idx) bad(rec, field, format string, args ...any) {
	x.ps.add(Problem{Record: rec, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (x *idx) checkCertifications() {
	open := map[string]certification.ID{}
	for i := range x.b.Certifications {
		c := &x.b.Certifications[i]
		rec := recName("certifications", i, c.ID)
		if err := c.Validate(); err != nil {
			x.ps.add(problemOf(rec, err))
			continue
		}
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
				case d.Kind != certification.Grant && d.Kind != certification.Renew && d.Kind != certification.Restore:
					x.bad(rec, f+".decision_id", "decision %d is a %s: only grant, renew or restore opens a cycle", d.ID, d.Kind)
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
	}
}

func (x *idx) checkAudits() {
	for i := range x.b.Audits {
		a := &x.b.Audits[i]
		rec := recName("audits", i, a.ID)
		if err := a.Validate(); err != nil {
			x.ps.add(problemOf(rec, err))
			continue
		}
		c, ok := x.certs[a.CertificationID]
		if !ok {
			x.bad(rec, "certification_id", "there is no certification %d in the file", a.CertificationID)
			continue
		}
		if a.ClientID != c.ClientID {
			x.bad(rec, "client_id", "is %d but certification %d belongs to client %d", a.ClientID, c.ID, c.ClientID)
		}
		if a.Cycle < 1 || a.Cycle > len(c.Cycles)+1 {
			x.bad(rec, "cycle", "is %d; certification %d has %d cycle(s), so an audit belongs to cycle 1 to %d", a.Cycle, c.ID, len(c.Cycles), len(c.Cycles)+1)
		}
		for j, m := range a.Team {
			if _, ok := x.people[m.PersonID]; !ok {
				x.bad(rec, fmt.Sprintf("team[%d].person_id", j), "there is no person %d in the file", m.PersonID)
			}
		}
		if cat, err := catalogue.For(string(c.Standard)); err == nil {
			seen := map[string]bool{}
			for j, e := range a.Checklist {
				f := fmt.Sprintf("checklist[%d]", j)
				ref, err := cat.CheckRef(e.Ref)
				switch {
				case err != nil:
					x.bad(rec, f+".ref", "%v", err)
				case ref != e.Ref:
					x.bad(rec, f+".ref", "write %q as %q", e.Ref, ref)
				case seen[ref]:
					x.bad(rec, f+".ref", "%s is in the checklist twice", ref)
				case !slices.Contains(certification.ChecklistResults, e.Result):
					x.bad(rec, f+".result", "%q is not a result: use one of conform, ofi, minor, major, not-applicable or leave it out", e.Result)
				}
				seen[ref] = true
			}
		}
		switch a.Status {
		case certification.AuditInProgress, certification.AuditReportDrafted, certification.AuditClosed:
			if a.ActualStart.IsZero() {
				x.bad(rec, "actual_start", "an audit that is %s has an actual start", a.Status)
			}
		}
		switch a.Status {
		case certification.AuditReportDrafted, certification.AuditClosed:
			switch {
			case a.ActualEnd.IsZero():
				x.bad(rec, "actual_end", "an audit that is %s has an actual end", a.Status)
			case a.Kind == certification.Stage1 && a.Stage1Outcome == "":
				x.bad(rec, "stage1_outcome", "a stage 1 audit that is %s records whether the client is ready", a.Status)
			case a.Kind != certification.Stage1 && a.Recommendation == "":
				x.bad(rec, "recommendation", "an audit that is %s records the team's recommendation", a.Status)
			}
		}
		if a.Status == certification.AuditClosed && a.ReportDate.IsZero() {
			x.bad(rec, "report_date", "a closed audit has a report date")
		}
	}
}

func (x *idx) checkFindings() {
	numbers := map[[2]uint64]bool{}
	for i := range x.b.Findings {
		f := &x.b.Findings[i]
		rec := recName("findings", i, f.ID)
		if err := f.Validate(); err != nil {
			x.ps.add(problemOf(rec, err))
			continue
		}
		a, ok := x.audits[f.AuditID]
		if !ok {
			x.bad(rec, "audit_id", "there is no audit %d in the file", f.AuditID)
			continue
		}
		if f.CertificationID != a.CertificationID {
			x.bad(rec, "certification_id", "is %d but audit %d is of certification %d", f.CertificationID, a.ID, a.CertificationID)
		}
		if f.ClientID != a.ClientID {
			x.bad(rec, "client_id", "is %d but audit %d is of client %d", f.ClientID, a.ID, a.ClientID)
		}
		if c, ok := x.certs[a.CertificationID]; ok {
			if cat, err := catalogue.For(string(c.Standard)); err == nil {
				if ref, err := cat.CheckRef(f.Reference); err != nil {
					x.bad(rec, "reference", "%v", err)
				} else if ref != f.Reference {
					x.bad(rec, "reference", "write %q as %q", f.Reference, ref)
				}
			}
		}
		if f.Number < 1 {
			x.bad(rec, "number", "findings are numbered from 1 within their audit")
		} else if k := [2]uint64{uint64(f.AuditID), uint64(f.Number)}; numbers[k] {
			x.bad(rec, "number", "audit %d has two findings numbered %d", f.AuditID, f.Number)
		} else {
			numbers[k] = true
		}
		if f.Raised < a.Start() {
			x.ps.add(Problem{Record: rec, Field: "raised", Rule: certification.RuleDatesBackwards,
				Msg: fmt.Sprintf("refused by rule %s: raised on %s, before audit %d started (%s)", certification.RuleDatesBackwards, f.Raised, a.ID, a.Start())})
		}
		if f.RaisedBy != 0 {
			if _, ok := x.people[f.RaisedBy]; !ok {
				x.bad(rec, "raised_by", "there is no person %d in the file", f.RaisedBy)
			} else if !a.OnTeam(f.RaisedBy) {
				x.bad(rec, "raised_by", "person %d is not on the team of audit %d", f.RaisedBy, a.ID)
			}
		}
		if f.Review != nil && f.Review.By != 0 {
			if _, ok := x.people[f.Review.By]; !ok {
				x.bad(rec, "review.by", "there is no person %d in the file", f.Review.By)
			}
		}
		if f.Verification != nil && f.Verification.By != 0 {
			if _, ok := x.people[f.Verification.By]; !ok {
				x.bad(rec, "verification.by", "there is no person %d in the file", f.Verification.By)
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
		cert, ok := x.certs[c.CertificationID]
		if !ok {
			x.bad(rec, "certification_id", "there is no certification %d in the file", c.CertificationID)
			continue
		}
		if c.ClientID != cert.ClientID {
			x.bad(rec, "client_id", "is %d but certification %d belongs to client %d", c.ClientID, cert.ID, cert.ClientID)
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
	for i := range x.b.Decisions {
		d := &x.b.Decisions[i]
		rec := recName("decisions", i, d.ID)
		if err := d.Validate(); err != nil {
			x.ps.add(problemOf(rec, err))
			continue
		}
		c, ok := x.certs[d.CertificationID]
		if !ok {
			x.bad(rec, "certification_id", "there is no certification %d in the file", d.CertificationID)
			continue
		}
		if d.ClientID != c.ClientID {
			x.bad(rec, "client_id", "is %d but certification %d belongs to client %d", d.ClientID, c.ID, c.ClientID)
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

// byID returns the records in id order.
func byID[T any](m map[certification.ID]*T, id func(*T) certification.ID) []*T {
	out := make([]*T, 0, len(m))
	for _, r := range m {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *T) int { return cmp.Compare(id(a), id(b)) })
	return out
}

// Files builds every certification's file from a bundle whose references
// hold, ordered as certification.LoadFile orders them.
func Files(b *Bundle) map[certification.ID]*certification.File {
	files := map[certification.ID]*certification.File{}
	clients := map[certification.ID]*certification.Client{}
	for i := range b.Clients {
		clients[b.Clients[i].ID] = &b.Clients[i]
	}
	certs := slices.Clone(b.Certifications)
	slices.SortStableFunc(certs, func(a, b certification.Certification) int { return cmp.Compare(a.ID, b.ID) })
	for _, c := range certs {
		f := &certification.File{Certification: c}
		if cl, ok := clients[c.ClientID]; ok {
			f.Client = *cl
		}
		files[c.ID] = f
	}
	audits := slices.Clone(b.Audits)
	slices.SortStableFunc(audits, func(a, b certification.Audit) int { return cmp.Compare(a.ID, b.ID) })
	for _, a := range audits {
		if f := files[a.CertificationID]; f != nil {
			f.Audits = append(f.Audits, a)
		}
	}
	findings := slices.Clone(b.Findings)
	slices.SortStableFunc(findings, func(a, b certification.Finding) int { return cmp.Compare(a.ID, b.ID) })
	for _, x := range findings {
		if f := files[x.CertificationID]; f != nil {
			f.Findings = append(f.Findings, x)
		}
	}
	decisions := slices.Clone(b.Decisions)
	slices.SortStableFunc(decisions, func(a, b certification.Decision) int { return cmp.Compare(a.ID, b.ID) })
	for _, d := range decisions {
		if f := files[d.CertificationID]; f != nil {
			f.Decisions = append(f.Decisions, d)
		}
	}
	certificates := slices.Clone(b.Certificates)
	slices.SortStableFunc(certificates, func(a, b certification.Certificate) int { return cmp.Compare(a.ID, b.ID) })
	for _, c := range certificates {
		if f := files[c.CertificationID]; f != nil {
			f.Certificates = append(f.Certificates, c)
		}
	}
	for _, f := range files {
		slices.SortStableFunc(f.Audits, func(a, b certification.Audit) int { return int(a.Start()) - int(b.Start()) })
		slices.SortStableFunc(f.Decisions, func(a, b certification.Decision) int { return int(a.Date) - int(b.Date) })
	}
	return files
}

// checkGates puts every audit and decision through the service's gates
// on the file as it stood at the time.
func (x *idx) checkGates() {
	files := Files(x.b)
	// What only decisions make (cycles, certificates, closing dates,
	// finding deadlines) must be what they would have made.
	for _, id := range sortedIDs(files) {
		for _, err := range certification.CheckDerived(files[id]) {
			var ve *certification.ValidationError
			if errors.As(err, &ve) {
				x.ps.add(Problem{Record: ve.Record, Field: ve.Field, Msg: ve.Msg})
			} else {
				x.ps.add(Problem{Record: fmt.Sprintf("certification %d", id), Msg: err.Error()})
			}
		}
	}
	clientAudits := map[certification.ID][]certification.Audit{}
	byPerson := map[certification.ID][]*certification.Audit{}
	for _, a := range byID(x.audits, func(a *certification.Audit) certification.ID { return a.ID }) {
		clientAudits[a.ClientID] = append(clientAudits[a.ClientID], *a)
		for _, m := range a.Team {
			byPerson[m.PersonID] = append(byPerson[m.PersonID], a)
		}
	}
	for _, a := range byID(x.audits, func(a *certification.Audit) certification.ID { return a.ID }) {
		if x.ps.full() {
			return
		}
		// An audit under way or done was checked by the service when it
		// started (ChangeAudit to in-progress): check it on the file as it
		// stood that day. A planned audit was checked when it was planned,
		// a moment the file does not record, and a cancelled one no longer
		// counts.
		if a.ActualStart.IsZero() || a.Status == certification.AuditCancelled {
			continue
		}
		f := files[a.CertificationID]
		at := certification.FileBefore(f, &certification.Decision{Date: a.Start()})
		team := map[certification.ID]*certification.Person{}
		for _, m := range a.Team {
			team[m.PersonID] = x.people[m.PersonID]
		}
		err := certification.CheckPlanAudit(at, a, team, x.policy)
		if err == nil {
			// The team gate held when the audit was confirmed and started.
			tc := certification.TeamContext{People: team, ClientAudits: clientAudits[a.ClientID], Policy: x.policy}
			seen := map[certification.ID]bool{}
			for _, m := range a.Team {
				for _, o := range byPerson[m.PersonID] {
					if !seen[o.ID] {
						seen[o.ID] = true
						tc.Others = append(tc.Others, *o)
					}
				}
			}
			err = certification.CheckTeamGate(a, certification.CheckTeam(at, a, tc), x.policy)
		}
		if err != nil {
			p := problemOf(x.auditName[a.ID], err)
			if p.Rule != "" {
				p.Field = "kind"
				if p.Rule == certification.RuleTeamGap {
					p.Field = "team"
				}
				p.Msg = fmt.Sprintf("%s audit starting %s %s", a.Kind, a.Start(), p.Msg)
			}
			x.ps.add(p)
		}
	}
	for _, d := range byID(x.decisions, func(d *certification.Decision) certification.ID { return d.ID }) {
		if x.ps.full() {
			return
		}
		f := files[d.CertificationID]
		dc := certification.DecisionContext{Policy: x.policy}
		for _, m := range d.Makers {
			dc.Makers = append(dc.Makers, x.people[m])
		}
		// The audits known when the decision was made: those that had
		// started by its date.
		for _, a := range clientAudits[d.ClientID] {
			if a.Start() <= d.Date {
				dc.ClientAudits = append(dc.ClientAudits, a)
			}
		}
		if _, err := certification.CheckDecision(certification.FileBefore(f, d), d, dc); err != nil {
			p := problemOf(x.decisionName[d.ID], err)
			if p.Rule != "" {
				p.Field = "kind"
				p.Msg = fmt.Sprintf("%s of %s %s", d.Kind, d.Date, p.Msg)
			}
			x.ps.add(p)
		}
	}
}

// sortedIDs returns a map's keys in order, for problems in a stable order.
func sortedIDs[T any](m map[certification.ID]T) []certification.ID {
	ids := make([]certification.ID, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
