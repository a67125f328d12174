package demo

import (
	"fmt"

	"certdesk/certification"
)

// simulate plans the certification's history according to its fate.
// Steps after AsOf are dropped by client.at, so a history may simply be
// planned past AsOf: what lies beyond it is what has not happened yet.
func (c *cert) simulate() {
	switch c.fate {
	case fateApplyingStage1, fateApplyingStage2, fateAwaitingDecision, fateStage2Gap:
		c.application()
	case fateRefused:
		c.refused()
	default:
		g, n, k := c.grantDate()
		p := c.planInitial(g, -1, -1)
		c.emitInitial(p, certification.Grant, g, true)
		c.cycles(g, n, k)
	}
}

// initialPlan is an initial certification: application, stage 1 (perhaps
// a first one that found the client not ready), stage 2 and the decision.
type initialPlan struct {
	applied     certification.Date
	s1a, s1, s2 *auditPlan
	decision    certification.Date
}

// planInitial plans an initial certification backwards from the date of
// its decision. majors and notReady force the number of majors at stage 2
// and a first stage 1 that found the client not ready (-1: random).
func (c *cert) planInitial(decision certification.Date, majors, notReady int) *initialPlan {
	p := &initialPlan{decision: decision}
	s2 := c.newAudit(certification.Stage2, decision)
	mj, mn, ofis, pos := c.grades(certification.Stage2)
	if majors >= 0 {
		mj = majors
	}
	gap := c.rn(21, 60)
	if mj > 0 {
		gap = c.rn(60, 140)
	}
	dur2 := s2.start.DaysUntil(s2.end)
	s2.start = fitWeek(decision.AddDays(-gap-dur2), dur2+1)
	s2.end = s2.start.AddDays(dur2)

	justify := c.chance(5)
	s1gap := c.rn(20, 100)
	if justify {
		s1gap = c.rn(190, 260)
	}
	s1 := c.newAudit(certification.Stage1, s2.start)
	dur1 := s1.start.DaysUntil(s1.end)
	s1.start = fitWeek(s2.start.AddDays(-s1gap-dur1), dur1+1)
	s1.end = s1.start.AddDays(dur1)
	s1.outcome = certification.Stage1Ready
	s1.sites = central(s2.sites)
	if justify {
		s2.justification = fmt.Sprintf("Stage 1 of %s remains valid: scope, sites, AI systems and management system documentation are unchanged (confirmed with the client in writing).", s1.end)
	}
	first := s1
	if notReady == 1 || (notReady < 0 && c.chance(8)) {
		s1a := c.newAudit(certification.Stage1, s1.start.AddDays(-c.rn(50, 120)))
		s1a.outcome = certification.Stage1NotReady
		s1a.sites = central(s2.sites)
		c.addFindings(s1a, 0, 0, 0, 2+c.rn(0, 1), 0)
		p.s1a, first = s1a, s1a
	}
	p.applied = first.start.AddDays(-c.rn(20, 60))
	if a := p.s1a; a != nil {
		a.planOn = max(p.applied, a.start.AddDays(-c.rn(14, 40)))
		a.reportOn = min(a.end.AddDays(c.rn(2, 8)), s1.start.AddDays(-1))
		s1.planOn = max(a.end, s1.start.AddDays(-c.rn(14, 40)))
	} else {
		s1.planOn = max(p.applied, s1.start.AddDays(-c.rn(14, 40)))
	}
	s1.reportOn = min(s1.end.AddDays(c.rn(2, 10)), s2.start.AddDays(-1))
	c.addFindings(s1, 0, 0, c.rn(0, 1), 1+c.rn(0, 2), 0)

	s2.planOn = max(s1.end, s2.start.AddDays(-c.rn(20, 50)))
	s2.rec = certification.RecommendGrant
	if mj > 0 {
		s2.rec = certification.RecommendNotYet
	}
	s2.reportOn = min(s2.end.AddDays(c.rn(3, 12)), decision.AddDays(-1))
	c.addFindings(s2, mj, mn, ofis, 0, pos)
	p.s1, p.s2 = s1, s2
	return p
}

func central(sites []string) []string {
	if len(sites) == 0 {
		return nil
	}
	return []string{"HQ"}
}

// emitInitial adds the steps of an initial certification ending in a
// decision of the given kind (grant or refuse) on the given date.
func (c *cert) emitInitial(p *initialPlan, kind certification.DecisionKind, on certification.Date, verifyMajors bool) {
	cl := c.cl
	rec := certification.Certification{Standard: c.std, Scope: c.scope, Applied: p.applied}
	cl.at(p.applied, cl.manager(), "add certification", func(svc *certification.Service) error {
		rec.ClientID = cl.id
		id, err := svc.AddCertification(cl.g.ctx, rec)
		c.id = id
		return err
	})
	if p.s1a != nil {
		c.emit(p.s1a)
	}
	c.emit(p.s1)
	if p.s2 == nil {
		return
	}
	by := on.AddDays(-1)
	if kind == certification.Refuse {
		by = p.s2.end.AddDays(120)
	}
	c.closeNCs(p.s2, by, verifyMajors)
	c.emit(p.s2)
	if kind == certification.Grant {
		c.decide(on, kind, reasonsFor(kind, p.s2, "Certification granted."))
		c.granted = true
	} else {
		c.decide(on, kind, fmt.Sprintf("The major nonconformities of stage 2 (%s to %s) were not corrected and verified within 6 months of its last day. Certification refused; a new application needs a new stage 2 audit.", p.s2.start, p.s2.end))
	}
}

// application plans a certification still in its initial phase on AsOf.
func (c *cert) application() {
	asOf := c.cl.g.asOf
	var p *initialPlan
	for try := 0; try < 200; try++ {
		var ok bool
		switch c.fate {
		case fateApplyingStage1:
			nr := 0
			if c.chance(35) {
				nr = 1
			}
			p = c.planInitial(asOf.AddDays(c.rn(60, 300)), -1, nr)
			ok = p.applied <= asOf && p.s1.start > asOf && (p.s1a == nil || p.s1a.end < asOf)
		case fateApplyingStage2:
			p = c.planInitial(asOf.AddDays(c.rn(30, 220)), -1, -1)
			ok = p.s1.end < asOf && p.s2.start > asOf
		case fateAwaitingDecision:
			mj := -1
			if c.chance(50) {
				mj = 1
			}
			p = c.planInitial(asOf.AddDays(c.rn(5, 100)), mj, -1)
			ok = p.s2.end < asOf && p.decision > asOf
		case fateStage2Gap:
			p = c.planInitial(asOf.AddDays(-c.rn(0, 250)), -1, -1)
			ok = p.s1.end >= asOf.AddDays(-270) && p.s1.end <= asOf.AddDays(-190)
			p.s2 = nil
		}
		if ok {
			break
		}
	}
	c.emitInitial(p, certification.Grant, p.decision, true)
	if p.s2 != nil {
		c.cycles(p.decision, 0, 0) // whatever of the cycle falls before AsOf (nothing, normally)
	}
}

// refused plans an application refused after stage 2 majors were not corrected.
func (c *cert) refused() {
	asOf := c.cl.g.asOf
	p := c.planInitial(asOf.AddDays(-c.rn(60, 600)), 2, -1)
	on := p.s2.end.AddMonths(6).AddDays(c.rn(5, 40))
	c.emitInitial(p, certification.Refuse, on, false)
}

// grantDate chooses the initial decision so that the fate's moment falls
// where it must relative to AsOf: n and k name the cycle and the
// surveillance (1 or 2; 0 for the recertification) the fate acts on.
func (c *cert) grantDate() (g certification.Date, n, k int) {
	asOf := c.cl.g.asOf
	before := func(n, k int) int { return 36*(n-1) + 12*k } // months from grant to the k-th surveillance of cycle n
	expiryBefore := func(e certification.Date, n int) certification.Date {
		return e.AddDays(1).AddMonths(-36 * n)
	}
	switch c.fate {
	case fateOverdue, fateDueSoon, fateSuspended, fateWithdrawn:
		n, k = c.rn(1, 2), c.rn(1, 2)
		var t certification.Date
		switch c.fate {
		case fateOverdue:
			t = asOf.AddDays(-c.rn(5, 100))
		case fateDueSoon:
			t = asOf.AddDays(c.rn(3, 28))
		case fateSuspended:
			t = asOf.AddDays(-c.rn(30, 230))
		case fateWithdrawn:
			t = asOf.AddDays(-c.rn(200, 1000))
		}
		return t.AddMonths(-before(n, k)), n, k
	case fateSuspendedOnce:
		return asOf.AddDays(-c.rn(4*365, 7*365)), 1, c.rn(1, 2)
	case fateRestored:
		return expiryBefore(asOf.AddDays(-c.rn(200, 1400)), 1), 1, 0
	case fateExpired:
		n = c.rn(1, 2)
		return expiryBefore(asOf.AddDays(-c.rn(5, 170)), n), n, 0
	case fateLapsed:
		n = c.rn(1, 2)
		return expiryBefore(asOf.AddDays(-c.rn(200, 900)), n), n, 0
	}
	return asOf.AddDays(-c.rn(60, 8*365)), 0, 0
}

type cycle struct {
	num                    int
	start, decided, expiry certification.Date
	initial                bool
}

// cycles plans surveillance, recertification and the decisions of each
// cycle from the grant on, with the fate's event at cycle n, surveillance
// k (k = 0: at the recertification).
func (c *cert) cycles(grant certification.Date, n, k int) {
	g := c.cl.g
	asOf := g.asOf
	cy := cycle{num: 1, start: grant, decided: grant, expiry: g.policy.Expiry(grant), initial: true}
	c.last = grant
	for cy.decided <= asOf {
		if cy.num > 1 && c.chance(40) {
			c.pickLead()
		}
		for j := 1; j <= 2; j++ {
			due := cy.start.AddMonths(12 * j)
			if j == 1 && cy.initial {
				due = cy.decided.AddMonths(certification.FirstSurveillanceMonths)
			}
			floor := c.last.AddDays(30)
			if j == 1 && cy.initial {
				floor = max(floor, cy.decided.AddDays(150))
			}
			if cy.num == n && j == k {
				switch c.fate {
				case fateOverdue:
					// Not done by its due date: planned for after AsOf.
					c.surveillance(cy, due, max(floor, asOf.AddDays(c.rn(5, 45))), floor, true)
					return
				case fateDueSoon:
					c.surveillance(cy, due, max(floor, asOf.AddDays(c.rn(1, max(1, asOf.DaysUntil(due))))), floor, true)
					return
				case fateSuspended:
					c.suspension(cy, due, false)
					return
				case fateWithdrawn:
					c.withdrawal(due)
					return
				case fateSuspendedOnce:
					c.suspension(cy, due, true)
					continue
				}
			}
			c.surveillance(cy, due, 0, floor, true)
		}
		if cy.num == n && k == 0 {
			switch c.fate {
			case fateExpired:
				c.lateRecertification(cy)
				return
			case fateLapsed:
				return
			case fateRestored:
				on := c.restoreAfterExpiry(cy)
				cy = cycle{num: cy.num + 1, start: cy.expiry.AddDays(1), decided: on, expiry: g.policy.Expiry(cy.expiry.AddDays(1))}
				continue
			}
		}
		on := c.recertify(cy)
		cy = cycle{num: cy.num + 1, start: cy.expiry.AddDays(1), decided: on, expiry: g.policy.Expiry(cy.expiry.AddDays(1))}
	}
}

// surveillanceAudit plans a surveillance audit around due (or on forced)
// starting no earlier than floor, with its findings and their closure.
// It returns the audit and the date the last nonconformity was closed.
func (c *cert) surveillanceAudit(cy cycle, due, forced, floor certification.Date) (*auditPlan, certification.Date) {
	start := forced
	if forced.IsZero() {
		start = due.AddDays(-c.rn(7, 80))
		if c.chance(8) {
			start = due.AddDays(c.rn(3, 40)) // late
		}
	}
	ap := c.newAudit(certification.Surveillance, start)
	ap.notBefore(floor)
	if !forced.IsZero() {
		ap.notBefore(forced)
	}
	ap.planOn = max(c.last.AddDays(1), ap.start.AddDays(-c.rn(20, 60)))
	ap.rec = certification.RecommendMaintain
	last := c.conduct(ap, 12, ap.end.AddDays(120))
	return ap, max(last, ap.reportOn)
}

// conduct raises an audit's findings (as many as its kind tends to
// have), reports it within reportDays of its end, verifies its minors,
// closes its nonconformities by closeBy and emits it. It returns the
// date the last nonconformity was closed.
func (c *cert) conduct(ap *auditPlan, reportDays int, closeBy certification.Date) certification.Date {
	mj, mn, ofis, pos := c.grades(ap.kind)
	c.addFindings(ap, mj, mn, ofis, 0, pos)
	ap.reportOn = ap.end.AddDays(c.rn(3, reportDays))
	c.verifyMinors(ap)
	last := c.closeNCs(ap, closeBy, true)
	c.emit(ap)
	return last
}

// surveillance plans a surveillance audit and the decision to maintain.
func (c *cert) surveillance(cy cycle, due, forced, floor certification.Date, maintain bool) {
	ap, last := c.surveillanceAudit(cy, due, forced, floor)
	if maintain {
		c.decide(last.AddDays(c.rn(3, 21)), certification.Maintain, reasonsFor(certification.Maintain, ap, "Certification maintained."))
	}
}

// suspension: the surveillance due on due did not take place and the
// certificate is suspended. With restore the audit follows and the
// suspension is lifted; without, the audit may be planned after AsOf.
func (c *cert) suspension(cy cycle, due certification.Date, restore bool) {
	on := max(c.last.AddDays(1), due.AddDays(c.rn(7, 27)))
	c.decide(on, certification.Suspend, fmt.Sprintf("The surveillance audit due by %s was not carried out: the client postponed it twice. The certificate is suspended until the audit has taken place and its findings are addressed.", due))
	if !restore {
		if c.chance(50) {
			asOf := c.cl.g.asOf
			ap, _ := c.surveillanceAudit(cy, due, asOf.AddDays(c.rn(10, 50)), on.AddDays(1))
			_ = ap
		}
		return
	}
	ap, last := c.surveillanceAudit(cy, due, on.AddDays(c.rn(20, 60)), on.AddDays(1))
	c.decide(last.AddDays(c.rn(3, 12)), certification.Restore, reasonsFor(certification.Maintain, ap, "The suspension is lifted: the certificate is valid again."))
}

// withdrawal: suspended for a missed surveillance and withdrawn when the
// suspension ran out, or withdrawn at the client's request.
func (c *cert) withdrawal(due certification.Date) {
	if c.chance(30) {
		on := max(c.last.AddDays(10), due.AddDays(-c.rn(20, 60)))
		c.decide(on, certification.Withdraw, "Withdrawn at the client's request: the organisation was sold and the new owner does not continue the certification.")
		return
	}
	on := max(c.last.AddDays(1), due.AddDays(c.rn(7, 27)))
	c.decide(on, certification.Suspend, fmt.Sprintf("The surveillance audit due by %s was not carried out. Certificate suspended.", due))
	c.decide(on.AddDays(c.rn(120, 175)), certification.Withdraw, "The suspension was not lifted: the client did not agree a date for the surveillance audit within the suspension period. Certificate withdrawn.")
}

// recertify plans the recertification audit before expiry and the
// renewal; it returns the date of the renewal.
func (c *cert) recertify(cy cycle) certification.Date {
	ap := c.newAudit(certification.Recertification, cy.expiry.AddDays(-c.rn(60, 150)))
	ap.notBefore(c.last.AddDays(20))
	ap.planOn = max(c.last.AddDays(1), ap.start.AddDays(-c.rn(30, 60)))
	ap.rec = certification.RecommendRenew
	last := c.conduct(ap, 10, cy.expiry.AddDays(-8))
	on := min(max(ap.reportOn, last).AddDays(c.rn(2, 14)), cy.expiry.AddDays(-1))
	c.decide(on, certification.Renew, reasonsFor(certification.Renew, ap, "Certification renewed for a further three years."))
	return on
}

// restoreAfterExpiry: the recertification audit took place after expiry
// and the certificate is restored within 6 months; it returns the date.
func (c *cert) restoreAfterExpiry(cy cycle) certification.Date {
	ap := c.newAudit(certification.Recertification, cy.expiry.AddDays(c.rn(20, 90)))
	ap.notBefore(cy.expiry.AddDays(1))
	ap.planOn = max(c.last.AddDays(1), ap.start.AddDays(-c.rn(20, 45)))
	ap.rec = certification.RecommendRenew
	limit := cy.expiry.AddMonths(certification.RestorationMonths)
	last := c.conduct(ap, 10, min(ap.end.AddDays(70), limit.AddDays(-10)))
	on := min(max(ap.reportOn, last).AddDays(c.rn(2, 10)), limit.AddDays(-1))
	c.decide(on, certification.Restore, reasonsFor(certification.Restore, ap, fmt.Sprintf("The certificate expired on %s; the recertification was completed within the 6-month restoration window. Certificate restored; the gap is shown.", cy.expiry)))
	return on
}

// lateRecertification: the certificate has expired; sometimes the
// recertification audit is already planned for after AsOf.
func (c *cert) lateRecertification(cy cycle) {
	asOf := c.cl.g.asOf
	limit := cy.expiry.AddMonths(certification.RestorationMonths)
	start := asOf.AddDays(c.rn(10, 40))
	if !c.chance(40) || start.AddDays(20) > limit {
		return
	}
	ap := c.newAudit(certification.Recertification, start)
	ap.notBefore(asOf.AddDays(1))
	ap.planOn = max(c.last.AddDays(1), asOf.AddDays(-c.rn(0, 14)))
	ap.rec = certification.RecommendRenew
	c.addFindings(ap, 0, 1, 1, 0, 0)
	c.emit(ap)
}
