package demo

import (
	"math"

	"certdesk/certification"
)

type member struct {
	p    *person
	role certification.TeamRole
}

type auditPlan struct {
	kind          certification.AuditKind
	start, end    certification.Date
	planOn        certification.Date
	reportOn      certification.Date // 0: report not closed
	days          float64
	team          []member
	sites         []string
	justification string
	outcome       certification.Stage1Outcome
	rec           certification.Recommendation
	findings      []*findingPlan
	verify        []*findingPlan // earlier minors verified at the start of this audit
	id            certification.ID
}

type findingPlan struct {
	grade  certification.Grade
	text   findingText
	raised certification.Date
	by     *person
	id     certification.ID

	responded, accepted, verified certification.Date
	rejected, respondedAgain      certification.Date // a first response that was not accepted
	method                        string
	followUp                      *auditPlan
}

func roundHalf(x float64) float64 { return math.Max(0.5, math.Round(x*2)/2) }

func (c *cert) auditDays(kind certification.AuditKind) float64 {
	switch kind {
	case certification.Stage1:
		return roundHalf(c.days * 0.3)
	case certification.Stage2:
		return roundHalf(c.days - roundHalf(c.days*0.3))
	case certification.Surveillance:
		return roundHalf(c.days / 3)
	case certification.Recertification:
		return roundHalf(c.days * 2 / 3)
	}
	return 0.5
}

// newAudit plans an audit of the given kind starting on or about start
// (moved back to a weekday so that it fits in a working week).
func (c *cert) newAudit(kind certification.AuditKind, start certification.Date) *auditPlan {
	ap := &auditPlan{kind: kind, days: c.auditDays(kind)}
	ap.team = []member{{c.lead, certification.TeamLead}}
	g := c.cl.g
	if kind != certification.FollowUp {
		if ap.days >= 4 || (kind == certification.Stage2 && ap.days >= 3) {
			ap.team = append(ap.team, member{c.pick(g.auditors), certification.TeamAuditor})
		}
		if ap.days >= 12 {
			if p := c.pick(g.auditors); !onTeam(ap.team, p) {
				ap.team = append(ap.team, member{p, certification.TeamAuditor})
			}
		}
		if c.std == certification.ISO42001 && (kind != certification.Stage1 || c.chance(50)) {
			ap.team = append(ap.team, member{c.pickExpert(), certification.TeamTechnicalExpert})
		}
	}
	auditors := 0
	for _, m := range ap.team {
		if m.role == certification.TeamLead || m.role == certification.TeamAuditor {
			auditors++
		}
	}
	dur := int(math.Ceil(ap.days / float64(auditors)))
	dur = min(max(dur, 1), 5)
	ap.start = fitWeek(start, dur)
	ap.end = ap.start.AddDays(dur - 1)
	ap.sites = c.sample(kind)
	return ap
}

func onTeam(team []member, p *person) bool {
	for _, m := range team {
		if m.p == p {
			return true
		}
	}
	return false
}

// pick chooses a team member qualified for the standard, preferring the
// client's sectors.
func (c *cert) pick(pool []*person) *person {
	var ok, best []*person
	for _, p := range pool {
		if p.qualified(c.std) {
			ok = append(ok, p)
			if p.knowsSector(c.cl.rec.Sectors) {
				best = append(best, p)
			}
		}
	}
	if len(best) > 0 && c.chance(70) {
		ok = best
	}
	if len(ok) == 0 {
		ok = pool
	}
	return ok[c.cl.r.IntN(len(ok))]
}

// pickExpert chooses a technical expert, mostly one competent for the
// client's sectors or the AI areas it needs.
func (c *cert) pickExpert() *person {
	n := c.missing(nil)
	var best []*person
	for _, p := range c.cl.g.experts {
		if p != c.cl.judge && n.covers(p) > 0 {
			best = append(best, p)
		}
	}
	if len(best) > 0 && c.chance(80) {
		return best[c.cl.r.IntN(len(best))]
	}
	return c.cl.g.experts[c.cl.r.IntN(len(c.cl.g.experts))]
}

// sample chooses the sites of a multi-site audit (IAF MD 1): the central
// function and √n, 0.6·√n or 0.8·√n of the other sites.
func (c *cert) sample(kind certification.AuditKind) []string {
	n := len(c.cl.sites)
	if n == 0 {
		return nil
	}
	f := map[certification.AuditKind]float64{certification.Stage2: 1, certification.Surveillance: 0.6, certification.Recertification: 0.8}[kind]
	k := int(math.Ceil(f * math.Sqrt(float64(n))))
	out := []string{"HQ"}
	perm := c.cl.r.Perm(n)
	for i := 0; i < k && i < n; i++ {
		out = append(out, c.cl.sites[perm[i]])
	}
	return out
}

// fitWeek moves d back to a weekday from which dur working days fit in
// the same week.
func fitWeek(d certification.Date, dur int) certification.Date {
	for i := 0; i < 7; i++ {
		wd := int(d.Time().Weekday()) // Sunday 0
		if wd >= 1 && wd+dur-1 <= 5 {
			return d
		}
		d = d.AddDays(-1)
	}
	return d
}

// nextWeek moves d forward to the next day from which dur working days fit.
func nextWeek(d certification.Date, dur int) certification.Date {
	for i := 0; i < 7; i++ {
		wd := int(d.Time().Weekday())
		if wd >= 1 && wd+dur-1 <= 5 {
			return d
		}
		d = d.AddDays(1)
	}
	return d
}

// notBefore moves an audit forward so that it starts on or after d.
func (ap *auditPlan) notBefore(d certification.Date) {
	if ap.start >= d {
		return
	}
	dur := ap.start.DaysUntil(ap.end) + 1
	ap.start = nextWeek(d, dur)
	ap.end = ap.start.AddDays(dur - 1)
}
