package demo

import (
	"strings"

	"certdesk/certification"
)

// addFindings gives an audit its findings: n of each grade, raised on the
// audit's days by members of the team.
func (c *cert) addFindings(ap *auditPlan, majors, minors, ofis, obs, positives int) {
	add := func(grade certification.Grade, lib []findingText) {
		t := lib[c.cl.r.IntN(len(lib))]
		for _, f := range ap.findings {
			if f.text.ref == t.ref && f.grade == grade {
				t = lib[c.cl.r.IntN(len(lib))] // one retry against duplicates
				break
			}
		}
		f := &findingPlan{grade: grade, text: c.fill(t, ap.start)}
		f.raised = ap.start.AddDays(c.cl.r.IntN(ap.start.DaysUntil(ap.end) + 1))
		f.by = ap.team[c.cl.r.IntN(len(ap.team))].p
		if f.by.has(certification.RoleTechnicalExpert) && !f.by.has(certification.RoleAuditor) {
			f.by = c.lead
		}
		ap.findings = append(ap.findings, f)
	}
	for i := 0; i < majors; i++ {
		add(certification.Major, ncLibrary[c.std])
	}
	for i := 0; i < minors; i++ {
		add(certification.Minor, ncLibrary[c.std])
	}
	for i := 0; i < ofis; i++ {
		add(certification.OFI, ofiLibrary[c.std])
	}
	for i := 0; i < obs; i++ {
		add(certification.Observation, stage1Concerns)
	}
	for i := 0; i < positives; i++ {
		add(certification.Positive, positiveLibrary)
	}
	if len(ap.findings) == 0 {
		add(certification.OFI, ofiLibrary[c.std])
	}
}

// fill puts the client's own names into a library text.
func (c *cert) fill(t findingText, on certification.Date) findingText {
	system := "the main production process"
	switch {
	case len(c.cl.rec.AISystems) > 0 && c.std == certification.ISO42001:
		system = c.cl.rec.AISystems[c.cl.r.IntN(len(c.cl.rec.AISystems))].Name
	case c.std == certification.ISO27001:
		system = []string{"the customer portal", "the ERP system", "the HR system", "the data warehouse", "the file servers"}[c.cl.r.IntN(5)]
	}
	r := strings.NewReplacer("{system}", system, "{year}", "in "+itoa(on.Year()-1-c.cl.r.IntN(2)),
		"{month}", months[c.cl.r.IntN(12)])
	t.requirement = r.Replace(t.requirement)
	t.evidence = r.Replace(t.evidence)
	if t.requirement == "" {
		t.requirement = "—"
	}
	return t
}

// closeNCs plans the client's responses, the body's reviews and the
// verification of majors for an audit's nonconformities, all within
// (end, by]. It returns the date of the last of them (end if none).
func (c *cert) closeNCs(ap *auditPlan, by certification.Date, verifyMajors bool) certification.Date {
	last := ap.end
	for _, f := range ap.findings {
		if !f.grade.IsNC() {
			continue
		}
		span := 25
		if f.grade == certification.Major {
			span = 75
		}
		if c.chance(12) {
			span += 35 // a slow client: late response or late closure
		}
		span = min(span, ap.end.DaysUntil(by))
		n := 2
		reject := c.chance(10) // the first response is not good enough
		if reject {
			n += 2
		}
		if f.grade == certification.Major && verifyMajors {
			n++
		}
		if span < n {
			span = n
		}
		ds := c.spread(ap.end, span, n)
		f.responded = ds[0]
		if reject {
			f.rejected, f.respondedAgain, ds = ds[1], ds[2], ds[2:]
		}
		f.accepted = ds[1]
		if len(ds) == 3 {
			f.verified = ds[2]
			f.method = "documents"
			if f.verified.DaysUntil(by) > 4 && f.accepted.DaysUntil(f.verified) >= 10 && c.chance(30) {
				f.method = "follow-up visit"
				f.followUp = c.followUp(f)
			}
		}
		last = max(last, ds[len(ds)-1])
		if f.followUp != nil && f.followUp.reportOn > last {
			last = f.followUp.reportOn
		}
	}
	return last
}

// spread returns n sorted random dates within (from, from+span].
func (c *cert) spread(from certification.Date, span, n int) []certification.Date {
	offs := make([]int, n)
	for i := range offs {
		offs[i] = 1 + c.cl.r.IntN(span)
	}
	for i := 1; i < n; i++ { // insertion sort: n is 2 or 3
		for j := i; j > 0 && offs[j] < offs[j-1]; j-- {
			offs[j], offs[j-1] = offs[j-1], offs[j]
		}
	}
	out := make([]certification.Date, n)
	for i, o := range offs {
		out[i] = from.AddDays(o)
	}
	return out
}

// followUp plans a one-day verification visit for a major.
func (c *cert) followUp(f *findingPlan) *auditPlan {
	ap := c.newAudit(certification.FollowUp, f.verified)
	ap.start, ap.end = f.verified, f.verified
	ap.planOn = f.accepted
	ap.reportOn = f.verified.AddDays(c.rn(0, 2))
	ap.rec = certification.RecommendMaintain
	if !c.granted {
		ap.rec = certification.RecommendGrant // majors verified: stage 2 can lead to a grant
	}
	return ap
}

// verifyMinors has the minors of earlier audits whose plans were
// accepted before ap verified at its start, by its lead (emit adds the
// steps once the team is fixed).
func (c *cert) verifyMinors(ap *auditPlan) {
	var keep []*findingPlan
	for _, f := range c.minors {
		if f.accepted >= ap.start {
			keep = append(keep, f)
			continue
		}
		ap.verify = append(ap.verify, f)
	}
	c.minors = keep
}

func countNC(ap *auditPlan) (majors, minors int) {
	for _, f := range ap.findings {
		switch f.grade {
		case certification.Major:
			majors++
		case certification.Minor:
			minors++
		}
	}
	return
}

func (c *cert) grades(kind certification.AuditKind) (majors, minors, ofis, positives int) {
	r := c.cl.r
	minorDist := func(w ...int) int { // w: percentages for 0, 1, 2, …
		x := r.IntN(100)
		for i, p := range w {
			if x < p {
				return i
			}
			x -= p
		}
		return len(w)
	}
	switch kind {
	case certification.Stage2:
		if c.chance(18) {
			majors = 1
			if c.chance(20) {
				majors = 2
			}
		}
		minors = minorDist(25, 35, 25)
		ofis = 1 + r.IntN(3)
		positives = r.IntN(2)
	case certification.Recertification:
		if c.chance(5) {
			majors = 1
		}
		minors = minorDist(35, 35, 20)
		ofis = 1 + r.IntN(2)
		if c.chance(40) {
			positives = 1
		}
	default:
		if c.chance(4) {
			majors = 1
		}
		minors = minorDist(40, 35, 20)
		ofis = r.IntN(3)
		if c.chance(30) {
			positives = 1
		}
	}
	return
}
