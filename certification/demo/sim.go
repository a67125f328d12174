package demo

import (
	"fmt"
	"math"
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

// --- audits ---------------------------------------------------------------

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

// --- findings -------------------------------------------------------------

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

// emit adds the steps of an audit: planned, confirmed, started, findings
// recorded, finished, report closed, then the findings' workflow.
func (c *cert) emit(ap *auditPlan) {
	cl := c.cl
	ctx := cl.g.ctx
	mgr := cl.manager()
	c.staff(ap)
	lead := ap.team[0].p
	for _, f := range ap.verify {
		on := ap.start
		cl.at(on, lead, "verify minor at next audit", func(svc *certification.Service) error {
			return svc.VerifyFinding(ctx, f.id, certification.Verification{By: lead.id, On: on, Method: "next audit",
				Notes: "Implementation checked during the audit of " + on.String() + ": effective."})
		})
	}
	if ap.planOn.IsZero() || ap.planOn > ap.start {
		ap.planOn = ap.start.AddDays(-c.rn(20, 60))
	}
	cl.at(ap.planOn, mgr, "plan "+string(ap.kind)+" audit", func(svc *certification.Service) error {
		a := certification.Audit{CertificationID: c.id, Kind: ap.kind, PlannedStart: ap.start, PlannedEnd: ap.end,
			PlannedDays: ap.days, Sites: ap.sites, GapJustification: ap.justification}
		for _, m := range ap.team {
			a.Team = append(a.Team, certification.TeamMember{PersonID: m.p.id, Role: m.role})
		}
		id, err := svc.PlanAudit(ctx, a)
		ap.id = id
		return err
	})
	confirmOn := ap.planOn.AddDays(c.rn(0, min(14, ap.planOn.DaysUntil(ap.start))))
	cl.at(confirmOn, mgr, "confirm audit", func(svc *certification.Service) error {
		return svc.ChangeAudit(ctx, ap.id, certification.AuditChange{Status: ptr(certification.AuditConfirmed)})
	})
	cl.at(ap.start, lead, "start audit", func(svc *certification.Service) error {
		return svc.ChangeAudit(ctx, ap.id, certification.AuditChange{ActualStart: ptr(ap.start), Status: ptr(certification.AuditInProgress)})
	})
	for _, f := range ap.findings {
		cl.at(f.raised, f.by, "record finding", func(svc *certification.Service) error {
			id, err := svc.RecordFinding(ctx, certification.Finding{AuditID: ap.id, Grade: f.grade, Reference: f.text.ref,
				Requirement: f.text.requirement, Evidence: f.text.evidence, RaisedBy: f.by.id, Raised: f.raised})
			f.id = id
			return err
		})
	}
	cl.at(ap.end, lead, "finish audit", func(svc *certification.Service) error {
		ch := certification.AuditChange{ActualEnd: ptr(ap.end), ActualDays: ptr(ap.days), Status: ptr(certification.AuditReportDrafted)}
		if ap.kind == certification.Stage1 {
			ch.Stage1Outcome = ptr(ap.outcome)
		} else {
			ch.Recommendation = ptr(ap.rec)
		}
		return svc.ChangeAudit(ctx, ap.id, ch)
	})
	if !ap.reportOn.IsZero() {
		cl.at(ap.reportOn, lead, "close audit report", func(svc *certification.Service) error {
			return svc.ChangeAudit(ctx, ap.id, certification.AuditChange{ReportDate: ptr(ap.reportOn), Status: ptr(certification.AuditClosed)})
		})
	}
	for _, f := range ap.findings {
		c.emitWorkflow(f, lead)
	}
}

func (c *cert) emitWorkflow(f *findingPlan, lead *person) {
	cl := c.cl
	ctx := cl.g.ctx
	r := cl.r
	if !f.responded.IsZero() {
		resp := certification.Response{RootCause: rootCauses[r.IntN(len(rootCauses))], Correction: corrections[r.IntN(len(corrections))],
			CorrectiveAction: actions[r.IntN(len(actions))], CorrectionDate: f.responded.AddDays(c.rn(0, 14)),
			ActionDate: f.responded.AddDays(c.rn(20, 80)), Received: f.responded}
		cl.at(f.responded, lead, "record client response", func(svc *certification.Service) error {
			return svc.RecordResponse(ctx, f.id, resp)
		})
	}
	if !f.rejected.IsZero() {
		cl.at(f.rejected, lead, "reject response", func(svc *certification.Service) error {
			return svc.ReviewResponse(ctx, f.id, certification.Review{By: lead.id, On: f.rejected, Accepted: false,
				Comment: "The root cause analysis stops at the symptom: explain why the process allowed it, and extend the action to similar cases."})
		})
	}
	if !f.respondedAgain.IsZero() {
		resp := certification.Response{RootCause: rootCauses[r.IntN(len(rootCauses))] + " A review of similar cases found two more.",
			Correction: corrections[r.IntN(len(corrections))], CorrectiveAction: actions[r.IntN(len(actions))],
			CorrectionDate: f.respondedAgain.AddDays(c.rn(0, 14)), ActionDate: f.respondedAgain.AddDays(c.rn(20, 80)), Received: f.respondedAgain}
		cl.at(f.respondedAgain, lead, "record revised response", func(svc *certification.Service) error {
			return svc.RecordResponse(ctx, f.id, resp)
		})
	}
	if !f.accepted.IsZero() {
		comment := "Root cause analysis and action plan accepted."
		if f.grade == certification.Major {
			comment = "Plan accepted; implementation to be verified before the decision."
		}
		cl.at(f.accepted, lead, "accept response", func(svc *certification.Service) error {
			return svc.ReviewResponse(ctx, f.id, certification.Review{By: lead.id, On: f.accepted, Accepted: true, Comment: comment})
		})
	}
	if f.followUp != nil {
		c.emit(f.followUp)
	}
	if !f.verified.IsZero() {
		notes := "Evidence of implementation reviewed: records, updated procedure and training attendance."
		if f.method == "follow-up visit" {
			notes = "Verified on site: the corrective action is implemented and effective."
		}
		cl.at(f.verified, lead, "verify finding", func(svc *certification.Service) error {
			return svc.VerifyFinding(ctx, f.id, certification.Verification{By: lead.id, On: f.verified, Method: f.method, Notes: notes})
		})
	}
	if f.grade == certification.Minor && !f.accepted.IsZero() {
		c.minors = append(c.minors, f)
	}
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

func (c *cert) decide(on certification.Date, kind certification.DecisionKind, reasons string) {
	ctx := c.cl.g.ctx
	judge := c.cl.judge
	c.cl.at(on, judge, string(kind)+" decision", func(svc *certification.Service) error {
		_, err := svc.Decide(ctx, certification.Decision{CertificationID: c.id, Kind: kind, Date: on, Makers: []certification.ID{judge.id}, Reasons: reasons})
		return err
	})
	c.last = max(c.last, on)
}

func ptr[T any](v T) *T { return &v }

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

func reasonsFor(kind certification.DecisionKind, ap *auditPlan, extra string) string {
	majors, minors := 0, 0
	if ap != nil {
		majors, minors = countNC(ap)
	}
	var b strings.Builder
	switch kind {
	case certification.Grant:
		fmt.Fprintf(&b, "Stage 1 and stage 2 reports reviewed (stage 2 %s to %s, %.1f auditor-days as calculated). ", ap.start, ap.end, ap.days)
	case certification.Renew, certification.Restore:
		fmt.Fprintf(&b, "Recertification audit report of %s reviewed, with the results of the cycle's surveillance audits. ", ap.end)
	case certification.Maintain:
		fmt.Fprintf(&b, "Surveillance audit report of %s reviewed. ", ap.end)
	}
	if ap != nil {
		switch {
		case majors > 0 && minors > 0:
			fmt.Fprintf(&b, "%d major NC(s) corrected and verified; %d minor NC(s) with accepted action plans. ", majors, minors)
		case majors > 0:
			fmt.Fprintf(&b, "%d major NC(s) corrected and verified. ", majors)
		case minors > 0:
			fmt.Fprintf(&b, "%d minor NC(s) with accepted action plans. ", minors)
		default:
			b.WriteString("No nonconformities. ")
		}
		b.WriteString("Team competence for the scope confirmed; the decision maker was not involved in the audits. ")
	}
	b.WriteString(extra)
	return strings.TrimSpace(b.String())
}

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
