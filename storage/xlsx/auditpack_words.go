package xlsx

import (
	"fmt"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
)

// The words of the audit documents: the domain's values as the plan and
// the report print them, and the sections both share.

func packKindTitle(p *document.AuditPack) string {
	return p.Audit.Kind.Label()
}

// packNote is the line under the title of a streamed sheet.
func packNote(p *document.AuditPack) string {
	return fmt.Sprintf("%s · %s · audit %d, %s to %s", p.Client.LegalName, packStandards(p), p.Audit.ID, p.Audit.Start(), p.Audit.LastDay())
}

func packFooter(p *document.AuditPack, doc string) string {
	return fmt.Sprintf("%s — %s — %s, audit %d", p.Body, doc, p.Client.DisplayName(), p.Audit.ID)
}

func packStandards(p *document.AuditPack) string {
	var s []string
	for _, x := range p.Standards() {
		s = append(s, string(x))
	}
	return strings.Join(s, " + ")
}

func packClientName(c *certification.Client) string {
	if c.TradingName != "" && c.TradingName != c.LegalName {
		return c.LegalName + " (trading as " + c.TradingName + ")"
	}
	return c.LegalName
}

func packContact(c *certification.Client) string {
	if len(c.Contacts) == 0 {
		return ""
	}
	k := c.Contacts[0]
	parts := []string{k.Name}
	for _, s := range []string{k.Role, k.Email, k.Phone} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// The documents' words for the domain's values (see wording).
var (
	packAuditStatuses = map[certification.AuditStatus]string{
		certification.AuditPlanned:       "Planned (to be confirmed)",
		certification.AuditConfirmed:     "Confirmed",
		certification.AuditInProgress:    "In progress",
		certification.AuditReportDrafted: "Report drafted",
		certification.AuditClosed:        "Closed",
		certification.AuditCancelled:     "Cancelled",
	}
	packRoles = map[certification.TeamRole]string{
		certification.TeamLead:            "Lead auditor",
		certification.TeamAuditor:         "Auditor",
		certification.TeamTechnicalExpert: "Technical expert",
		certification.TeamTrainee:         "Trainee auditor",
		certification.TeamObserver:        "Observer",
	}
	packAIAreas = map[certification.AIArea]string{
		certification.AIRisk:       "AI risk assessment and treatment",
		certification.AIData:       "Data quality and provenance",
		certification.AILifecycle:  "AI life cycle and technology",
		certification.AIEthics:     "Ethics and impact assessment",
		certification.AIRegulation: "AI regulation and the sector's law",
	}
	packRecommendations = map[certification.Recommendation]string{
		certification.RecommendGrant:       "Grant certification",
		certification.RecommendRenew:       "Renew the certification (recertification)",
		certification.RecommendMaintain:    "Maintain the certification",
		certification.RecommendNotYet:      "Grant or renew only once the nonconformities are closed as required",
		certification.RecommendRefuse:      "Refuse certification",
		certification.RecommendSuspend:     "Suspend the certification",
		certification.RecommendScopeChange: "Change the scope of certification",
		"":                                 "Not yet given",
	}
	packFindingStatuses = map[certification.FindingStatus]string{
		certification.FindingAwaitingResponse: "Awaiting response",
		certification.FindingResponded:        "Response received",
		certification.FindingPlanRejected:     "Response rejected",
		certification.FindingPlanAccepted:     "Plan accepted",
		certification.FindingVerified:         "Verified",
		certification.FindingNoAction:         "No action needed",
	}
)

// Colours of a recommendation and of a checklist result (Plain where
// none is listed).
var (
	packRecommendationTones = map[certification.Recommendation]Tone{
		certification.RecommendGrant:       Done,
		certification.RecommendRenew:       Done,
		certification.RecommendMaintain:    Done,
		certification.RecommendNotYet:      DueSoon,
		certification.RecommendScopeChange: DueSoon,
		certification.RecommendRefuse:      Overdue,
		certification.RecommendSuspend:     Overdue,
	}
	packResultTones = map[certification.ChecklistResult]Tone{
		certification.ResultMajor:         Overdue,
		certification.ResultMinor:         DueSoon,
		certification.ResultConform:       Done,
		certification.ResultNotApplicable: Muted,
	}
)

// packFindingTone colours a finding: late red, open amber, closed green.
func packFindingTone(x *document.PackFinding) Tone {
	switch {
	case x.Late:
		return Overdue
	case x.Open():
		return DueSoon
	case x.Status == certification.FindingNoAction:
		return Plain
	}
	return Done
}

func packSiteLabel(s document.PackSite) string {
	l := s.Code
	if l == "" {
		l = s.Name
	}
	if s.Central && s.Code != "" {
		l += " (central function)"
	}
	return l
}

func packSiteAddress(s document.PackSite) string {
	if s.Unknown {
		return "(no longer on the client's record)"
	}
	a := s.Address
	if s.Scope != "" {
		a += "\nScope at the site: " + s.Scope
	}
	return a
}

func packCertificate(p *document.AuditPack) string {
	c := p.Certificate
	if c == nil {
		return "Not yet certified (initial certification)"
	}
	return fmt.Sprintf("%s, revision %d, issued %s, expires %s", c.Number, c.Revision, c.IssueDate, c.Expiry)
}

func packCycle(p *document.AuditPack) string {
	c := p.Cycle
	if c.Start.IsZero() {
		return fmt.Sprintf("Cycle %d (opens with the certification decision)", c.Number)
	}
	return fmt.Sprintf("Cycle %d: %s to %s", c.Number, c.Start, c.Expiry)
}

func packIntegrated(p *document.AuditPack) string {
	if len(p.Integrated) == 0 {
		return ""
	}
	var s []string
	for _, x := range p.Integrated {
		s = append(s, fmt.Sprintf("audit %d, %s (certification %d)", x.AuditID, x.Standard, x.CertificationID))
	}
	return "Integrated audit: one visit with " + strings.Join(s, "; ") + ". Shared clauses are answered once; each standard has its own report."
}

func packBullets(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("• " + l)
	}
	return b.String()
}

// packSampleStatement says how the sites were chosen.
func packSampleStatement(p *document.AuditPack) string {
	s := p.Audit.Sample
	if s == nil {
		if _, sampled := certification.SampleKindFor(p.Audit.Kind); sampled && len(p.Client.Sites) > 1 {
			return fmt.Sprintf("Sites visited: %d of the client's %d sites (no sample drawn under IAF MD 1 is recorded for this audit).", len(p.Sites), len(p.Client.Sites))
		}
		return ""
	}
	out := fmt.Sprintf("Multi-site sample (IAF MD 1, %s): %d of the %d sites besides the central function %s are visited", s.Kind, s.Size, s.Sites, s.Central)
	if len(s.Preferred) > 0 {
		out += fmt.Sprintf("; chosen first: %s", strings.Join(s.Preferred, ", "))
	}
	if len(s.Random) > 0 {
		out += fmt.Sprintf("; drawn at random: %s (seed %d, so the draw can be shown again)", strings.Join(s.Random, ", "), s.Seed)
	}
	out += "."
	if len(s.Reasons) > 0 {
		out += "\n" + packBullets(s.Reasons)
	}
	return out
}

func packLanguages(p *document.AuditPack) string {
	if len(p.Languages) == 0 {
		return "English, unless agreed otherwise with the client"
	}
	return strings.Join(p.Languages, ", ")
}

// ---- the audit plan ----

// The sections both covers have.

// clientSection writes the client: its name, address and first contact
// (labelled contact).
func (pg *packPage) clientSection(p *document.AuditPack, contact string) {
	pg.section("Client", 45)
	pg.field("Organisation", packClientName(&p.Client))
	pg.field("Address", p.Client.RegisteredAddress)
	if c := packContact(&p.Client); c != "" {
		pg.field(contact, c)
	}
}

// auditSection starts the audit's section: which audit it is, and the
// audits it is integrated with.
func (pg *packPage) auditSection(p *document.AuditPack) {
	a := &p.Audit
	pg.section("Audit", 45)
	pg.fieldStyled("Audit", fmt.Sprintf("%s (audit %d of certification %d)", a.Kind.Label(), a.ID, a.CertificationID), pg.st.strong)
	if s := packIntegrated(p); s != "" {
		pg.field("Integrated audit", s)
	}
}

// sitesSection lists the audit's sites in a small table.
func (pg *packPage) sitesSection(p *document.AuditPack, title string) {
	var rows [][]any
	for _, s := range p.Sites {
		rows = append(rows, []any{packSiteLabel(s), s.Name, packSiteAddress(s)})
	}
	pg.tableSection(title, []packCol{{"Site", 1, 1}, {"Name", 2, 3}, {"Address", 4, 5}}, rows, nil)
}

// teamSection lists the audit team in a small table.
func (pg *packPage) teamSection(p *document.AuditPack) {
	var rows [][]any
	for _, m := range p.Team {
		rows = append(rows, []any{wording(packRoles, m.Role), m.Name, m.Email})
	}
	pg.tableSection("Audit team", []packCol{{"Role", 1, 1}, {"Name", 2, 3}, {"Email", 4, 5}}, rows, nil)
}
