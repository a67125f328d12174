package demo

import (
	"strconv"
	"strings"

	"certdesk/assets"
	"certdesk/certification"
)

// cert is one certification of a client and its planned history.
type cert struct {
	cl     *client
	std    certification.Standard
	fate   fate
	sector int
	scope  string
	days   float64 // initial audit time

	id      certification.ID // set when the application is recorded
	granted bool             // a grant is planned (follow-up visits after it recommend maintain)
	lead    *person
	last    certification.Date // the latest decision (or event) that later steps must follow
	minors  []*findingPlan     // accepted minors to verify at the next audit
}

func (cl *client) newCert(std certification.Standard, f fate, sector int) *cert {
	c := &cert{cl: cl, std: std, fate: f, sector: sector}
	c.days = cl.initialDays(std)
	c.scope = cl.scopeFor(std, sector)
	c.pickLead()
	return c
}

func (cl *client) scopeFor(std certification.Standard, sector int) string {
	r := cl.r
	acts := activity[sector]
	act := ""
	if len(acts) > 0 {
		act = acts[r.IntN(len(acts))]
	} else {
		act = "the activities of the organisation in " + strings.ToLower(sectorTitles[sector-1])
	}
	switch std {
	case certification.ISO42001:
		var names []string
		for _, s := range cl.rec.AISystems {
			names = append(names, s.Name)
		}
		return "AI management system for the development, provision and use of AI systems (" + strings.Join(names, ", ") + ") in " + act
	case certification.ISO27001:
		return "Information security management system for " + act + ", according to the Statement of Applicability version " + itoa(1+r.IntN(6)) + "." + itoa(r.IntN(10))
	}
	return "Quality management system for " + act
}

// pickLead chooses the certification's usual lead auditor (for a cycle,
// mostly): qualified for the standard, preferably for the client's
// sectors, never the client's decision maker. staff replaces the lead of
// an audit on which they are not free.
func (c *cert) pickLead() {
	var ok []*person
	for _, p := range c.cl.g.leads {
		if p != c.cl.judge && p.qualified(c.std) {
			ok = append(ok, p)
		}
	}
	if len(ok) == 0 {
		for _, p := range c.cl.g.leads {
			if p != c.cl.judge {
				ok = append(ok, p)
			}
		}
	}
	var best []*person
	for _, p := range ok {
		if p.knowsSector(c.cl.rec.Sectors) {
			best = append(best, p)
		}
	}
	if len(best) > 0 && c.cl.r.IntN(3) > 0 {
		ok = best
	}
	prev := c.lead
	c.lead = ok[c.cl.r.IntN(len(ok))]
	if c.lead == prev && len(ok) > 1 {
		c.lead = ok[(indexOf(ok, prev)+1)%len(ok)]
	}
}

func indexOf(ps []*person, p *person) int {
	for i, x := range ps {
		if x == p {
			return i
		}
	}
	return 0
}

// rn returns a random whole number in [lo, hi].
func (c *cert) rn(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + c.cl.r.IntN(hi-lo+1)
}

func (c *cert) chance(pct int) bool { return c.cl.r.IntN(100) < pct }

// sectorTitles are the IAF sector titles, by code − 1.
var sectorTitles = func() []string {
	out := make([]string, 39)
	for _, line := range strings.Split(assets.IAFSectors, "\n") {
		code, title, ok := strings.Cut(strings.TrimSpace(line), "\t")
		if n, err := strconv.Atoi(code); ok && err == nil && n >= 1 && n <= 39 {
			out[n-1] = title
		}
	}
	for i, t := range out {
		if t == "" {
			out[i] = "sector " + itoa(i+1)
		}
	}
	return out
}()
