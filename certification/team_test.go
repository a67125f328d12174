package certification

import (
	"errors"
	"strings"
	"testing"
)

func qualified(id ID, name string, roles []Role, stds []Standard, sectors []int, areas ...AIArea) *Person {
	p := &Person{ID: id, Name: name, Roles: roles, Competence: &PersonCompetence{Sectors: sectors, AIAreas: areas}}
	for _, s := range stds {
		for _, r := range roles {
			p.Competence.Qualifications = append(p.Competence.Qualifications, Qualification{Standard: s, Role: r, Evidence: "approval record"})
		}
	}
	return p
}

func teamFile() *File {
	f := grantedFile("2025-01-10")
	f.Client.Sectors = []int{33}
	f.Client.AISystems = []AISystem{{Name: "Scoring", RiskClass: RiskLimited, Autonomy: AutonomyAssistive}}
	return f
}

func kinds(tc TeamCheck) string {
	var ks []string
	for _, p := range tc.Problems {
		k := string(p.Kind)
		if p.Warning {
			k += "(warning)"
		}
		ks = append(ks, k)
	}
	return strings.Join(ks, " ")
}

func TestCheckTeam(t *testing.T) {
	lead := qualified(1, "Lena", []Role{RoleLeadAuditor, RoleAuditor}, []Standard{ISO42001}, []int{33}, AIRisk)
	tech := qualified(2, "Tom", []Role{RoleTechnicalExpert}, []Standard{ISO42001}, []int{33}, AILifecycle, AIRegulation)
	aud9001 := qualified(3, "Nina", []Role{RoleLeadAuditor, RoleAuditor}, []Standard{ISO9001}, []int{33}, AIRisk, AILifecycle)
	people := map[ID]*Person{1: lead, 2: tech, 3: aud9001}
	audit := func(team ...TeamMember) *Audit {
		return &Audit{ID: 50, CertificationID: 10, ClientID: 1, Kind: Surveillance, Cycle: 1, Status: AuditPlanned,
			PlannedStart: d("2025-12-01"), PlannedEnd: d("2025-12-02"), Team: team}
	}
	good := []TeamMember{{1, TeamLead}, {2, TeamTechnicalExpert}}
	for _, tc := range []struct {
		name string
		edit func(f *File, ctx *TeamContext) []TeamMember
		want string
	}{
		{"competent and impartial", func(*File, *TeamContext) []TeamMember { return good }, ""},
		{"no lead", func(*File, *TeamContext) []TeamMember {
			return []TeamMember{{1, TeamAuditor}, {2, TeamTechnicalExpert}}
		}, "no-qualified-lead"},
		{"lead qualified for another standard", func(*File, *TeamContext) []TeamMember {
			return []TeamMember{{3, TeamLead}, {2, TeamTechnicalExpert}}
		}, "no-qualified-lead standard-not-covered"},
		{"sector not covered", func(f *File, _ *TeamContext) []TeamMember { f.Client.Sectors = []int{33, 38}; return good }, "sector-not-covered"},
		{"AI lifecycle missing without the expert", func(*File, *TeamContext) []TeamMember { return []TeamMember{{1, TeamLead}} }, "ai-not-covered"},
		{"high-risk AI needs regulation", func(f *File, ctx *TeamContext) []TeamMember {
			f.Client.AISystems[0].RiskClass = RiskHigh
			ctx.People = map[ID]*Person{1: lead, 2: qualified(2, "Tom", []Role{RoleTechnicalExpert}, nil, []int{33}, AILifecycle)}
			return good
		}, "ai-not-covered"},
		{"interest ended 2 years before the audit, to the day", func(_ *File, ctx *TeamContext) []TeamMember {
			l := *lead
			l.Interests = []Interest{{ClientID: 1, Kind: InterestConsultancy, From: d("2022-01-01"), To: d("2023-12-01")}}
			ctx.People = map[ID]*Person{1: &l, 2: tech}
			return good
		}, "interest"},
		{"interest ended 2 years and a day before", func(_ *File, ctx *TeamContext) []TeamMember {
			l := *lead
			l.Interests = []Interest{{ClientID: 1, Kind: InterestTraining, From: d("2022-01-01"), To: d("2023-11-30")}}
			ctx.People = map[ID]*Person{1: &l, 2: tech}
			return good
		}, ""},
		{"ongoing employment", func(_ *File, ctx *TeamContext) []TeamMember {
			l := *tech
			l.Interests = []Interest{{ClientID: 1, Kind: InterestEmployment, From: d("2025-06-01")}}
			ctx.People = map[ID]*Person{1: lead, 2: &l}
			return good
		}, "interest"},
		{"interest with another client", func(_ *File, ctx *TeamContext) []TeamMember {
			l := *lead
			l.Interests = []Interest{{ClientID: 9, Kind: InterestConsultancy, From: d("2025-01-01")}}
			ctx.People = map[ID]*Person{1: &l, 2: tech}
			return good
		}, ""},
		{"double-booked", func(_ *File, ctx *TeamContext) []TeamMember {
			ctx.Others = []Audit{{ID: 60, ClientID: 2, Kind: Stage2, Status: AuditConfirmed, PlannedStart: d("2025-12-02"), PlannedEnd: d("2025-12-04"), Team: []TeamMember{{2, TeamTechnicalExpert}}}}
			return good
		}, "double-booked"},
		{"pencilled in on a planned audit: a warning", func(_ *File, ctx *TeamContext) []TeamMember {
			ctx.Others = []Audit{{ID: 60, ClientID: 2, Kind: Stage2, Status: AuditPlanned, PlannedStart: d("2025-12-02"), PlannedEnd: d("2025-12-04"), Team: []TeamMember{{2, TeamTechnicalExpert}}}}
			return good
		}, "double-booked(warning)"},
		{"confirmed booking outweighs a pencilled one", func(_ *File, ctx *TeamContext) []TeamMember {
			ctx.Others = []Audit{
				{ID: 60, ClientID: 2, Kind: Stage2, Status: AuditPlanned, PlannedStart: d("2025-12-01"), PlannedEnd: d("2025-12-01"), Team: []TeamMember{{1, TeamLead}}},
				{ID: 61, ClientID: 3, Kind: Stage1, Status: AuditInProgress, PlannedStart: d("2025-12-02"), PlannedEnd: d("2025-12-02"), Team: []TeamMember{{1, TeamLead}}}}
			return good
		}, "double-booked"},
		{"the day after another audit", func(_ *File, ctx *TeamContext) []TeamMember {
			ctx.Others = []Audit{{ID: 60, ClientID: 2, Kind: Stage2, Status: AuditConfirmed, PlannedStart: d("2025-11-28"), PlannedEnd: d("2025-11-30"), Team: []TeamMember{{1, TeamLead}}}}
			return good
		}, ""},
		{"cancelled other audit", func(_ *File, ctx *TeamContext) []TeamMember {
			ctx.Others = []Audit{{ID: 60, ClientID: 2, Kind: Stage2, Status: AuditCancelled, PlannedStart: d("2025-12-01"), PlannedEnd: d("2025-12-01"), Team: []TeamMember{{1, TeamLead}}}}
			return good
		}, ""},
		{"qualification expires during the audit", func(_ *File, ctx *TeamContext) []TeamMember {
			l := *lead
			l.Competence = &PersonCompetence{Sectors: []int{33}, AIAreas: []AIArea{AIRisk}, Qualifications: []Qualification{
				{Standard: ISO42001, Role: RoleLeadAuditor, ValidUntil: d("2025-12-01")}}}
			ctx.People = map[ID]*Person{1: &l, 2: tech}
			return good
		}, "qualification-expired standard-not-covered"},
		{"inactive member", func(_ *File, ctx *TeamContext) []TeamMember {
			x := *tech
			x.Inactive = true
			ctx.People = map[ID]*Person{1: lead, 2: &x}
			return good
		}, "inactive-member"},
		{"seventh consecutive audit led by the same lead", func(_ *File, ctx *TeamContext) []TeamMember {
			for i := 0; i < 6; i++ {
				s := d("2019-06-01").AddMonths(12 * i)
				ctx.ClientAudits = append(ctx.ClientAudits, Audit{ID: ID(100 + i), Status: AuditClosed, PlannedStart: s, PlannedEnd: s, Team: []TeamMember{{1, TeamLead}}})
			}
			return good
		}, "rotation(warning)"},
		{"sixth consecutive: no warning", func(_ *File, ctx *TeamContext) []TeamMember {
			for i := 0; i < 5; i++ {
				s := d("2020-06-01").AddMonths(12 * i)
				ctx.ClientAudits = append(ctx.ClientAudits, Audit{ID: ID(100 + i), Status: AuditClosed, PlannedStart: s, PlannedEnd: s, Team: []TeamMember{{1, TeamLead}}})
			}
			return good
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := teamFile()
			ctx := TeamContext{People: people, Policy: DefaultPolicy()}
			team := tc.edit(f, &ctx)
			got := CheckTeam(f, audit(team...), ctx)
			if k := kinds(got); k != tc.want {
				t.Fatalf("problems %q, want %q: %+v", k, tc.want, got.Problems)
			}
		})
	}
}

func TestInterestBarsDecisionMaker(t *testing.T) {
	f := stage2File("")
	dora := &Person{ID: 8, Name: "Dora Decider", Roles: []Role{RoleDecisionMaker},
		Interests: []Interest{{ClientID: 1, Kind: InterestTraining, From: d("2022-03-01"), To: d("2023-04-10")}}}
	dec := &Decision{CertificationID: 10, Kind: Grant, Date: d("2025-04-10"), Makers: []ID{8}, Reasons: "r"}
	if _, err := CheckDecision(f, dec, DecisionContext{Makers: []*Person{dora}, ClientAudits: f.Audits}); ruleOf(err) != RuleDeciderInterest {
		t.Fatalf("training ended 2023-04-10, decision 2025-04-10: %v", err)
	}
	dec.Date = d("2025-04-11")
	if _, err := CheckDecision(f, dec, DecisionContext{Makers: []*Person{dora}, ClientAudits: f.Audits}); err != nil {
		t.Fatalf("two years and a day later: %v", err)
	}
}

func TestCheckTeamGate(t *testing.T) {
	gap := TeamProblem{Kind: TeamSector, Justifiable: true, Msg: "nobody on the team is competent for IAF sector 38"}
	ai := TeamProblem{Kind: TeamAI, Justifiable: true, Msg: "the team lacks AI competence in regulation"}
	interest := TeamProblem{Kind: TeamInterest, Msg: "Tom declared consultancy"}
	booked := TeamProblem{Kind: TeamDoubleBooked, Msg: "Tom is on audit 9"}
	rotation := TeamProblem{Kind: TeamRotation, Warning: true, Msg: "7th time in a row"}
	allow := DefaultPolicy()
	allow.TeamGapJustification = true
	const why = "Sector 38 work is limited to one office; Tom audited it for 9001 twice."
	for _, tc := range []struct {
		name     string
		problems []TeamProblem
		policy   Policy
		justify  string
		refused  bool
		mentions string
	}{
		{"no problem", nil, DefaultPolicy(), "", false, ""},
		{"a warning only", []TeamProblem{rotation}, DefaultPolicy(), "", false, ""},
		{"a gap, policy strict", []TeamProblem{gap}, DefaultPolicy(), why, true, "does not allow a justification"},
		{"a gap, policy allows, no justification", []TeamProblem{gap, ai}, allow, "", true, "at least 20 characters"},
		{"a gap, policy allows, a tick instead of a reason", []TeamProblem{gap}, allow, "ok, fine", true, "at least 20 characters"},
		{"a gap, policy allows, justified", []TeamProblem{gap, ai, rotation}, allow, why, false, ""},
		{"an interest is never justifiable", []TeamProblem{interest}, allow, why, true, "Tom declared consultancy"},
		{"double booking with a gap", []TeamProblem{gap, booked}, allow, why, true, "Tom is on audit 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := &Audit{ID: 5, TeamJustification: tc.justify}
			err := CheckTeamGate(a, TeamCheck{Problems: tc.problems}, tc.policy)
			if !tc.refused {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			var re *RuleError
			if !errors.As(err, &re) || re.Rule != RuleTeamGap {
				t.Fatalf("got %v, want refusal by %s", err, RuleTeamGap)
			}
			if !strings.Contains(err.Error(), tc.mentions) {
				t.Fatalf("%q does not say %q", err, tc.mentions)
			}
		})
	}
	// CheckTeam marks exactly the competence gaps as justifiable.
	f := teamFile()
	f.Client.Sectors = []int{33, 38}
	lead := qualified(1, "Lena", []Role{RoleLeadAuditor}, []Standard{ISO42001}, []int{33}, AIRisk)
	a := &Audit{ID: 50, CertificationID: 10, ClientID: 1, Kind: Surveillance, PlannedStart: d("2025-12-01"), PlannedEnd: d("2025-12-02"),
		Team: []TeamMember{{1, TeamLead}}}
	for _, p := range CheckTeam(f, a, TeamContext{People: map[ID]*Person{1: lead}, Policy: DefaultPolicy()}).Problems {
		if want := p.Kind == TeamSector || p.Kind == TeamAI; p.Justifiable != want {
			t.Errorf("%s: justifiable %v", p.Kind, p.Justifiable)
		}
	}
}
