package document

// The audit pack: what the two documents of one audit show — the audit
// plan the client receives before the visit, and the audit report the
// team writes after it (ISO/IEC 17021-1 9.2.3 and 9.4.8). AuditPack reads
// it in one go; AuditPackWriter (storage/xlsx) turns it into workbooks.
// The proposed timetable of the plan is in auditpack_timetable.go.

import (
	"context"
	"io"
	"slices"
	"strconv"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

// AuditPackWriter writes the audit plan and the audit report of an
// audit pack (storage/xlsx implements it).
type AuditPackWriter interface {
	AuditPlan(ctx context.Context, w io.Writer, p *AuditPack) error
	AuditReport(ctx context.Context, w io.Writer, p *AuditPack) error
}

// AuditPack is everything the audit plan and the audit report of one
// audit show.
type AuditPack struct {
	// Body is the certification body's name (policy); AsOf the date the
	// pack was read (finding lateness is as of it).
	Body string
	AsOf certification.Date

	Client        certification.Client
	Certification certification.Certification
	// Certificate is the current certificate revision, nil before grant.
	Certificate *certification.Certificate
	// Cycle is the audit's cycle; Number only (no dates) for a stage 1
	// or 2 whose cycle the grant will open.
	Cycle certification.Cycle
	Audit certification.Audit

	// Sites are the sites the audit visits (central function first), with
	// their names and addresses from the client's record.
	Sites []PackSite
	// Team is the audit team in role order (lead auditor first).
	Team []PackMember
	// Languages are the languages every member of the team speaks (as
	// the register writes them), in the lead's order.
	Languages []string
	// Integrated are the other audits of the integrated audit (the other
	// standards audited at the same visit), by id; cancelled ones left out.
	Integrated []PackSibling

	// Checklist is every line the audit's checklist shows
	// (auditpack_checklist.go): for a stage 1 its readiness items (S1.x)
	// first, then the standard's catalogue in catalogue order — the
	// clauses, the Annex A controls the Statement of Applicability keeps
	// (with the result recorded) and the controls it excludes (Excluded,
	// with the justification) —, for a surveillance its surveillance
	// items (SV.x) last.
	Checklist []PackLine
	// Due is what the audit must cover before its report
	// (certification.DueItems) and what it does not cover yet.
	Due certification.Due
	// Findings are the audit's findings by number.
	Findings []PackFinding
	// Earlier are the nonconformities of earlier audits of the
	// certification that were still open when this audit started, or
	// that were verified at it: what the audit follows up.
	Earlier []PackFinding
	// Topics are what the visit covers, in order, for the proposed
	// timetable: for an integrated audit the clauses answered once, then
	// each standard's own lines.
	Topics []PlanTopic
	// Evidence are the files attached to the audit's checklist and
	// findings, in the order attached (auditpack_evidence.go).
	Evidence []PackEvidence
}

// PackSite is one site the audit visits.
type PackSite struct {
	Code      string
	Name      string
	Address   string
	Central   bool
	Personnel int
	// Scope is the site's own scope where the certification narrows it.
	Scope string
	// Unknown marks a code the client's record no longer has.
	Unknown bool
}

// Label is the site as a plan names it: "HQ — Head office".
func (s PackSite) Label() string {
	switch {
	case s.Code == "":
		return s.Name
	case s.Name == "" || s.Name == s.Code:
		return s.Code
	}
	return s.Code + " — " + s.Name
}

// PackMember is one member of the audit team.
type PackMember struct {
	PersonID  certification.ID
	Name      string
	Email     string
	Role      certification.TeamRole
	Languages []string
	// Standards are those the person is qualified for; Sectors their IAF
	// codes; AIAreas their AI competence areas (ISO/IEC 42006).
	Standards []certification.Standard
	Sectors   []int
	AIAreas   []certification.AIArea
}

// PackSibling is another audit of the same integrated audit.
type PackSibling struct {
	AuditID         certification.ID
	CertificationID certification.ID
	Standard        certification.Standard
	Scope           string
	Kind            certification.AuditKind
	Status          certification.AuditStatus
	PlannedDays     float64
	ActualDays      float64
	Recommendation  certification.Recommendation
}

// PackLine is one line of the audit's checklist.
type PackLine struct {
	catalogue.Item
	// Heading marks a clause with sub-clauses ("6.1") or an Annex A
	// group line ("A.5" of 27001): results are recorded on the lines
	// under it (certification.IsHeading).
	Heading bool
	Result  certification.ChecklistResult
	Notes   string
	// Interviews are those the team held on the line's item.
	Interviews []certification.Interview
	// Recorded is set when the team recorded an entry on the line.
	Recorded bool
	// Findings are the numbers of the audit's findings on the line.
	Findings []int
	// SharedWith are the other standards of the integrated audit for
	// which the clause is answered once (the same answer).
	SharedWith []certification.Standard
	// Excluded marks an Annex A control the Statement of Applicability
	// excludes; Justification is its reason.
	Excluded      bool
	Justification string
	// Due marks an item the audit must cover (certification.DueItems).
	Due bool
}

// PackFinding is a finding with what the documents show beside it.
type PackFinding struct {
	certification.Finding
	Status certification.FindingStatus
	// Late: a deadline has passed on the pack's date with its step not done.
	Late bool
	// Title is the clause's or control's title in the catalogue.
	Title string
	// RaisedByName, ReviewedByName and VerifiedByName are the people's names.
	RaisedByName, ReviewedByName, VerifiedByName string
	// AuditKind and AuditStart describe the audit that raised it (for
	// earlier findings).
	AuditKind  certification.AuditKind
	AuditStart certification.Date
}

// PlanTopic is one clause or control (or, for stage 1 and follow-ups,
// one subject) the visit covers.
type PlanTopic struct {
	Group string // "6 Planning", "A.6 AI system life cycle", "Stage 1 review"
	Ref   string // "6.1.2"; empty for a subject without a reference
	Title string
	// Standards names the standards the topic answers: "9001 · 42001".
	Standards string
	// Operational marks operations and Annex A controls, seen at the
	// sites; the rest is seen at the central function.
	Operational bool
}

// NewAuditPack reads the audit plan and report data of an audit.
func NewAuditPack(ctx context.Context, s *certification.Service, auditID certification.ID) (*AuditPack, error) {
	ic, err := view.IntegratedChecklist(ctx, s, auditID)
	if err != nil {
		return nil, err
	}
	a, f := ic.Audits[0], ic.Files[0]
	p := &AuditPack{AsOf: s.Today(), Client: f.Client, Certification: f.Certification, Audit: *a}
	p.Cycle, _ = f.Cycle(a.Cycle)
	p.Cycle.Number = a.Cycle
	if c, ok := f.Certificate(); ok {
		cc := *c
		p.Certificate = &cc
	}

	own := f.FindingsOf([]*certification.Audit{a})
	earlier := earlierFindings(f, a)
	ids := a.TeamIDs()
	for _, x := range append(slices.Clone(own), earlier...) {
		ids = append(ids, x.RaisedBy)
		if x.Review != nil {
			ids = append(ids, x.Review.By)
		}
		if x.Verification != nil {
			ids = append(ids, x.Verification.By)
		}
	}
	var staff map[certification.ID]*certification.Person
	err = s.View(ctx, func(tx certification.Tx) error {
		pol, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		p.Body = pol.BodyName
		staff, err = certification.LoadPeople(tx, ids)
		return err
	})
	if err != nil {
		return nil, err
	}
	name := func(id certification.ID) string {
		if x, ok := staff[id]; ok {
			return x.Name
		}
		if id == 0 {
			return ""
		}
		return "person " + id.String()
	}

	p.Sites = packSites(f, a)
	p.Team, p.Languages = packTeam(a, staff)
	for i := 1; i < len(ic.Audits); i++ {
		x, c := ic.Audits[i], &ic.Files[i].Certification
		p.Integrated = append(p.Integrated, PackSibling{AuditID: x.ID, CertificationID: c.ID, Standard: c.Standard, Scope: c.Scope,
			Kind: x.Kind, Status: x.Status, PlannedDays: x.PlannedDays, ActualDays: x.ActualDays, Recommendation: x.Recommendation})
	}
	cat, err := catalogue.For(string(f.Certification.Standard))
	if err != nil {
		return nil, err
	}
	pack := func(x *certification.Finding) PackFinding {
		pf := PackFinding{Finding: *x, Status: x.Status(), Late: x.LateOn(p.AsOf), RaisedByName: name(x.RaisedBy)}
		if it, ok := cat.Lookup(x.Reference); ok {
			pf.Title = it.Title
		}
		if x.Review != nil {
			pf.ReviewedByName = name(x.Review.By)
		}
		if x.Verification != nil {
			pf.VerifiedByName = name(x.Verification.By)
		}
		if src, ok := f.Audit(x.AuditID); ok {
			pf.AuditKind, pf.AuditStart = src.Kind, src.Start()
		}
		return pf
	}
	for _, x := range own {
		p.Findings = append(p.Findings, pack(x))
	}
	slices.SortStableFunc(p.Findings, func(x, y PackFinding) int { return x.Number - y.Number })
	for _, x := range earlier {
		p.Earlier = append(p.Earlier, pack(x))
	}

	var siblings []certification.Standard
	for _, sb := range p.Integrated {
		siblings = append(siblings, sb.Standard)
	}
	if p.Due, err = certification.DueItems(f, a); err != nil {
		return nil, err
	}
	p.Checklist = packChecklist(cat, &f.Certification, a, p.Findings, siblings, p.Due)
	cov, err := certification.CycleCoverage(f, a.Cycle)
	if err != nil {
		return nil, err
	}
	p.Topics = planTopics(ic, a, cov, earlier)
	if p.Evidence, err = packEvidence(ctx, s, a.ID, p.Findings); err != nil {
		return nil, err
	}
	return p, nil
}

// earlierFindings are the nonconformities of the certification's earlier
// audits that the audit follows up: those still open when it started
// (or closed at or after it), and the minors whose plan was accepted
// after the previous audit — their implementation is checked at the next
// surveillance or recertification.
func earlierFindings(f *certification.File, a *certification.Audit) []*certification.Finding {
	start := a.Start()
	var prev *certification.Audit // the latest audit carried out before this one
	for i := range f.Audits {
		x := &f.Audits[i]
		if x.ID != a.ID && x.Done() && x.LastDay() <= start && (prev == nil || x.LastDay() > prev.LastDay()) {
			prev = x
		}
	}
	var out []*certification.Finding
	for i := range f.Findings {
		x := &f.Findings[i]
		if x.AuditID == a.ID || !x.Grade.IsNC() || x.Raised > start {
			continue
		}
		closed := x.Verification != nil && x.Verification.On < start
		if x.Grade == certification.Minor && !closed && x.Review != nil && x.Review.Accepted && x.Review.On < start {
			closed = !(prev != nil && x.AuditID == prev.ID && (a.Kind == certification.Surveillance || a.Kind == certification.Recertification))
		}
		if !closed {
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, func(x, y *certification.Finding) int {
		if x.Raised != y.Raised {
			return int(x.Raised) - int(y.Raised)
		}
		return x.Number - y.Number
	})
	return out
}

// packSites resolves the audit's site codes against the client's record,
// the central function first. An audit without sites is at the client's
// central function (or its only site, or its registered address).
func packSites(f *certification.File, a *certification.Audit) []PackSite {
	site := func(s certification.Site) PackSite {
		return PackSite{Code: s.Code, Name: s.Name, Address: s.Address, Central: s.Central, Personnel: s.Personnel, Scope: f.Certification.SiteScopes[s.Code]}
	}
	var out []PackSite
	for _, code := range a.Sites {
		if s, ok := f.Client.Site(code); ok {
			out = append(out, site(s))
		} else {
			out = append(out, PackSite{Code: code, Unknown: true})
		}
	}
	if len(out) == 0 {
		for _, s := range f.Client.Sites {
			if s.Central || len(f.Client.Sites) == 1 {
				out = append(out, site(s))
				break
			}
		}
	}
	if len(out) == 0 {
		out = append(out, PackSite{Name: "Registered office", Address: f.Client.RegisteredAddress, Central: true})
	}
	slices.SortStableFunc(out, func(x, y PackSite) int {
		if x.Central != y.Central {
			if x.Central {
				return -1
			}
			return 1
		}
		return 0
	})
	return out
}

// teamRoleOrder orders the team: lead, auditors, experts, trainees, observers.
var teamRoleOrder = map[certification.TeamRole]int{certification.TeamLead: 0, certification.TeamAuditor: 1, certification.TeamTechnicalExpert: 2, certification.TeamTrainee: 3, certification.TeamObserver: 4}

// packTeam resolves the team's names and finds the languages they share.
func packTeam(a *certification.Audit, staff map[certification.ID]*certification.Person) ([]PackMember, []string) {
	var team []PackMember
	for _, m := range a.Team {
		pm := PackMember{PersonID: m.PersonID, Role: m.Role, Name: "person " + m.PersonID.String()}
		if x, ok := staff[m.PersonID]; ok {
			pm.Name, pm.Email = x.Name, x.Email
			if c := x.Competence; c != nil {
				pm.Languages, pm.Standards, pm.Sectors, pm.AIAreas = c.Languages, c.Standards, c.Sectors, c.AIAreas
			}
		}
		team = append(team, pm)
	}
	slices.SortStableFunc(team, func(x, y PackMember) int { return teamRoleOrder[x.Role] - teamRoleOrder[y.Role] })
	var common []string
	first := true
	for _, m := range team {
		if m.Role == certification.TeamObserver || m.Role == certification.TeamTrainee {
			continue
		}
		if first {
			common, first = slices.Clone(m.Languages), false
			continue
		}
		common = slices.DeleteFunc(common, func(l string) bool {
			return !slices.ContainsFunc(m.Languages, func(x string) bool { return strings.EqualFold(x, l) })
		})
	}
	return team, common
}

// GradeCounts counts the audit's findings by grade, and the open ones.
func (p *AuditPack) GradeCounts() (all, open map[certification.Grade]int) {
	all, open = map[certification.Grade]int{}, map[certification.Grade]int{}
	for _, x := range p.Findings {
		all[x.Grade]++
		if x.Open() {
			open[x.Grade]++
		}
	}
	return all, open
}

// Lead returns the lead auditor, if the team has one.
func (p *AuditPack) Lead() (PackMember, bool) {
	for _, m := range p.Team {
		if m.Role == certification.TeamLead {
			return m, true
		}
	}
	return PackMember{}, false
}

// Standards are the standards the visit audits: the audit's, then the
// integrated audits'.
func (p *AuditPack) Standards() []certification.Standard {
	out := []certification.Standard{p.Certification.Standard}
	for _, sb := range p.Integrated {
		out = append(out, sb.Standard)
	}
	return out
}

// Conditions say what must happen to the audit's nonconformities before
// the certification decision (or within the cycle), one line each, as
// the rules put it: a major needs its correction and corrective action
// verified by the body by its close deadline (at initial certification
// within 6 months of the last day of stage 2, or stage 2 is repeated); a
// minor needs its plan accepted by its response deadline.
func (p *AuditPack) Conditions() []string {
	var out []string
	a := &p.Audit
	for _, x := range p.Findings {
		if !x.Open() {
			continue
		}
		ref := "#" + strconv.Itoa(x.Number) + " (" + x.Reference + ")"
		switch x.Grade {
		case certification.Major:
			line := "Major NC " + ref + ": correction and corrective action to be implemented and verified by the body"
			if !x.CloseDue.IsZero() {
				line += " by " + x.CloseDue.String()
			}
			if a.Kind == certification.Stage2 {
				line += "; not verified within " + strconv.Itoa(certification.MajorVerifyInitialMonths) + " months of the last day of stage 2 (by " + a.LastDay().AddMonths(certification.MajorVerifyInitialMonths).String() + "), stage 2 is repeated"
			} else {
				line += "; no decision to grant or renew before then, and an unverified major past its deadline leads to suspension"
			}
			out = append(out, line+".")
		case certification.Minor:
			line := "Minor NC " + ref + ": correction and corrective action plan to be accepted by the body"
			if !x.ResponseDue.IsZero() {
				line += " by " + x.ResponseDue.String()
			}
			out = append(out, line+"; implementation is checked at the next audit.")
		}
	}
	return out
}

// AuditObjectives are the objectives of an audit of kind k for the
// standards audited (ISO/IEC 17021-1 9.3 and 9.4; ISO/IEC 42006 for
// ISO/IEC 42001).
func AuditObjectives(k certification.AuditKind, stds []certification.Standard) []string {
	names := make([]string, len(stds))
	ai, soa := false, false
	for i, s := range stds {
		names[i] = string(s)
		ai = ai || s == certification.ISO42001
		soa = soa || s == certification.ISO42001 || s == certification.ISO27001
	}
	std := strings.Join(names, " and ")
	switch k {
	case certification.Stage1:
		out := []string{
			"Review the client's documented management system against " + std + ".",
			"Confirm the scope, sites, processes and the legal and regulatory context of the client.",
			"Evaluate whether internal audits and management review are planned and performed, and whether the client is ready for stage 2.",
			"Agree the details of stage 2: sites, sample, time, team and logistics.",
		}
		if ai {
			out = slices.Insert(out, 2, "Review the AI systems inventory, the client's AI role(s), and its AI risk and impact assessment methods.")
		}
		if soa {
			out = slices.Insert(out, len(out)-1, "Review the Statement of Applicability and the justification of its exclusions.")
		}
		return out
	case certification.Stage2:
		return []string{
			"Evaluate the implementation, including the effectiveness, of the client's management system.",
			"Determine conformity with every requirement of " + std + " (clauses 4–10) and every applicable Annex A control, with objective evidence.",
			"Follow up the areas of concern raised at stage 1.",
			"Confirm the scope of certification and give the team's recommendation on certification.",
		}
	case certification.Surveillance:
		return []string{
			"Confirm that the management system continues to conform to " + std + " and is effective.",
			"Review internal audits, management review, changes, complaints and the use of certification documents and marks.",
			"Verify the actions taken on the nonconformities of earlier audits.",
			"Recommend whether the certification is maintained.",
		}
	case certification.Recertification:
		return []string{
			"Confirm the continued conformity and effectiveness of the whole management system against " + std + ", and its relevance to the scope.",
			"Review the performance of the system over the cycle, including the surveillance audits' results.",
			"Verify the actions taken on the nonconformities of earlier audits.",
			"Recommend whether the certification is renewed.",
		}
	case certification.Special:
		return []string{
			"Investigate the matter that occasioned this special audit (change, complaint, extension of scope or a short-notice visit).",
			"Determine whether the management system continues to conform to " + std + " for the scope concerned.",
		}
	case certification.FollowUp:
		return []string{
			"Verify the correction and the effectiveness of the corrective actions taken on the nonconformities found.",
		}
	}
	return nil
}

// AuditCriteria are the criteria the audit measures against.
func AuditCriteria(stds []certification.Standard) []string {
	var out []string
	for _, s := range stds {
		out = append(out, string(s))
	}
	out = append(out, "The client's management system documentation", "ISO/IEC 17021-1:2015 and the IAF mandatory documents")
	if slices.Contains(stds, certification.ISO42001) {
		out = append(out, "ISO/IEC 42006:2025 (audit of AI management systems)")
	}
	return out
}
