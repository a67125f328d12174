package certification

import (
	"fmt"
	"strings"
	"testing"
)

// suggestAudit is a two-day surveillance of teamFile's client.
func suggestAudit(team ...TeamMember) *Audit {
	return &Audit{ID: 50, CertificationID: 10, ClientID: 1, Kind: Surveillance, Cycle: 1, Status: AuditPlanned,
		PlannedStart: d("2025-12-01"), PlannedEnd: d("2025-12-02"), Team: team}
}

func teamString(team []TeamMember) string {
	var s []string
	for _, m := range team {
		s = append(s, fmt.Sprintf("%d:%s", m.PersonID, m.Role))
	}
	return strings.Join(s, " ")
}

func TestSuggestTeam(t *testing.T) {
	lr := []Role{RoleLeadAuditor, RoleAuditor}
	std := []Standard{ISO42001}
	// Register: two leads, two auditors, one expert, one 9001-only lead.
	base := func() []Person {
		return []Person{
			*qualified(1, "Anna", lr, std, []int{19}),                                 // lead, covers nothing needed
			*qualified(2, "Bert", lr, std, []int{33}, AIRisk),                         // lead, covers 33 + risk
			*qualified(3, "Carl", []Role{RoleAuditor}, std, nil, AILifecycle),         // auditor, life cycle
			*qualified(4, "Dora", []Role{RoleAuditor}, std, nil, AILifecycle),         // auditor, life cycle (after Carl by name)
			*qualified(5, "Emil", []Role{RoleTechnicalExpert}, nil, nil, AILifecycle), // expert, life cycle
			*qualified(6, "Zoe", lr, []Standard{ISO9001}, []int{33}, AIRisk, AILifecycle),
		}
	}
	booked := func(id ID, status AuditStatus, from, to string) Audit {
		return Audit{ID: 900, ClientID: 7, Kind: Surveillance, Status: status, PlannedStart: d(from), PlannedEnd: d(to), Team: []TeamMember{{id, TeamLead}}}
	}
	for _, tc := range []struct {
		name      string
		edit      func(f *File, a *Audit, reg []Person, ctx *TeamContext) []Person
		want      string
		uncovered string // a substring of the joined Uncovered; "" wants none
	}{
		{"lead covering most, then the first auditor by name", nil, "2:lead-auditor 3:auditor", ""},
		{"an auditor beats an expert on a tie", func(_ *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			return append(reg[:2], reg[4:]...) // no Carl, no Dora: Emil only... and Zoe (9001)
		}, "2:lead-auditor 5:technical-expert", ""},
		{"the present team wins a tie (stage 2 keeps stage 1's people)", func(_ *File, a *Audit, reg []Person, _ *TeamContext) []Person {
			a.Team = []TeamMember{{4, TeamAuditor}}
			return reg
		}, "2:lead-auditor 4:auditor", ""},
		{"an interest bars the best lead", func(_ *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			reg[1].Interests = []Interest{{ClientID: 1, Kind: InterestConsultancy, From: d("2022-01-01"), To: d("2023-12-01")}}
			return reg
		}, "1:lead-auditor 3:auditor", "IAF sector 33"},
		{"an interest ended two years and a day before does not", func(_ *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			reg[1].Interests = []Interest{{ClientID: 1, Kind: InterestConsultancy, From: d("2022-01-01"), To: d("2023-11-30")}}
			return reg
		}, "2:lead-auditor 3:auditor", ""},
		{"booked on a confirmed audit on the last day", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			ctx.Others = []Audit{booked(3, AuditConfirmed, "2025-12-02", "2025-12-03")}
			return reg
		}, "2:lead-auditor 4:auditor", ""},
		{"pencilled in for a planned audit counts too", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			ctx.Others = []Audit{booked(3, AuditPlanned, "2025-11-30", "2025-12-01")}
			return reg
		}, "2:lead-auditor 4:auditor", ""},
		{"an audit ending the day before is no booking", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			ctx.Others = []Audit{booked(3, AuditConfirmed, "2025-11-28", "2025-11-30")}
			return reg
		}, "2:lead-auditor 3:auditor", ""},
		{"a cancelled audit is no booking", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			ctx.Others = []Audit{booked(3, AuditCancelled, "2025-12-01", "2025-12-02")}
			return reg
		}, "2:lead-auditor 3:auditor", ""},
		{"rotation bars the lead from the warned audit on", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			for i := 0; i < 6; i++ {
				s := d("2019-06-01").AddMonths(12 * i)
				ctx.ClientAudits = append(ctx.ClientAudits, Audit{ID: ID(100 + i), Status: AuditClosed, PlannedStart: s, PlannedEnd: s, Team: []TeamMember{{2, TeamLead}}})
			}
			return reg
		}, "1:lead-auditor 2:auditor 3:auditor", ""},
		{"one audit fewer: rotation allows the lead", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			for i := 0; i < 5; i++ {
				s := d("2020-06-01").AddMonths(12 * i)
				ctx.ClientAudits = append(ctx.ClientAudits, Audit{ID: ID(100 + i), Status: AuditClosed, PlannedStart: s, PlannedEnd: s, Team: []TeamMember{{2, TeamLead}}})
			}
			return reg
		}, "2:lead-auditor 3:auditor", ""},
		{"lead qualification ends the day before the last day", func(_ *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			for _, i := range []int{0, 1} {
				for q := range reg[i].Competence.Qualifications {
					reg[i].Competence.Qualifications[q].ValidUntil = d("2025-12-01")
				}
			}
			return reg
		}, "3:auditor", "no free lead auditor qualified for ISO/IEC 42001:2023 through 2025-12-02"},
		{"inactive people are not proposed", func(_ *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			reg[2].Inactive = true
			return reg
		}, "2:lead-auditor 4:auditor", ""},
		{"a sector nobody knows is named", func(f *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			f.Client.Sectors = []int{33, 38}
			return reg
		}, "2:lead-auditor 3:auditor", "IAF sector 38"},
		{"high-risk AI needs regulation, which nobody has", func(f *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			f.Client.AISystems[0].RiskClass = RiskHigh
			return reg
		}, "2:lead-auditor 3:auditor", "AI competence in AI regulation"},
		{"one member covering everything makes a team of one", func(_ *File, _ *Audit, reg []Person, _ *TeamContext) []Person {
			return append(reg, *qualified(7, "Ines", lr, std, []int{33}, AIRisk, AILifecycle))
		}, "7:lead-auditor", ""},
		{"an integrated audit's lead leads for every standard", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			ctx.AlsoStandards = []Standard{ISO9001}
			return append(reg, *qualified(8, "Hugo", lr, []Standard{ISO42001, ISO9001}, nil))
		}, "8:lead-auditor 6:auditor", ""},
		{"an integrated audit with no lead for both standards names them", func(_ *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			ctx.AlsoStandards = []Standard{ISO9001}
			return reg
		}, "6:auditor", "no free lead auditor qualified for ISO/IEC 42001:2023 and ISO 9001:2015 through 2025-12-02"},
		{"an integrated 9001 audit with 42001 needs the AI areas", func(f *File, _ *Audit, reg []Person, ctx *TeamContext) []Person {
			f.Certification.Standard, ctx.AlsoStandards = ISO9001, []Standard{ISO42001}
			return append(reg, *qualified(8, "Hugo", lr, []Standard{ISO42001, ISO9001}, []int{33}, AIRisk))
		}, "8:lead-auditor 3:auditor", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, a := teamFile(), suggestAudit()
			ctx := TeamContext{Policy: DefaultPolicy()}
			reg := base()
			if tc.edit != nil {
				reg = tc.edit(f, a, reg, &ctx)
			}
			got := SuggestTeam(f, a, reg, ctx)
			if s := teamString(got.Team); s != tc.want {
				t.Errorf("team %q, want %q", s, tc.want)
			}
			un := strings.Join(got.Uncovered, "; ")
			if (tc.uncovered == "") != (un == "") || !strings.Contains(un, tc.uncovered) {
				t.Errorf("uncovered %q, want %q", un, tc.uncovered)
			}
			// A suggestion that says it covers everything passes the team check.
			if un == "" {
				ctx.People = map[ID]*Person{}
				for i := range reg {
					ctx.People[reg[i].ID] = &reg[i]
				}
				a.Team = got.Team
				if b := CheckTeam(f, a, ctx).Blocking(); len(b) > 0 {
					t.Errorf("the suggested team fails the check: %+v", b)
				}
			}
		})
	}
}

func TestTeamPoolFilter(t *testing.T) {
	f, a := teamFile(), suggestAudit()
	reg := []Person{
		*qualified(1, "Anna Berg", []Role{RoleLeadAuditor}, []Standard{ISO42001}, []int{33, 19}, AIRisk, AIEthics),
		*qualified(2, "Bert  Mayer", []Role{RoleAuditor}, []Standard{ISO9001}, []int{19}),
		*qualified(3, "Carla Berger", []Role{RoleTechnicalExpert}, nil, nil, AILifecycle),
		*qualified(4, "Old Hand", []Role{RoleAuditor}, []Standard{ISO42001}, []int{33}),
	}
	reg[0].Competence.Languages = []string{"English", "German"}
	reg[2].Competence.Languages = []string{"french"}
	reg[1].Interests = []Interest{{ClientID: 1, Kind: InterestTraining, From: d("2025-01-01")}}
	reg[3].Inactive = true
	others := []Audit{{ID: 900, Status: AuditConfirmed, Kind: Stage1, PlannedStart: d("2025-12-02"), PlannedEnd: d("2025-12-02"), Team: []TeamMember{{3, TeamTechnicalExpert}}}}
	pool := BuildTeamPool(f, a, reg, TeamContext{Others: others, Policy: DefaultPolicy()})
	for _, tc := range []struct {
		name string
		flt  CandidateFilter
		want string
	}{
		{"everyone active, by name", CandidateFilter{}, "1 2 3"},
		{"name, any case and spacing", CandidateFilter{Text: " BERG"}, "1 3"},
		{"name with inner spaces", CandidateFilter{Text: "bert mayer"}, "2"},
		{"standard", CandidateFilter{Standard: ISO42001}, "1"},
		{"sector", CandidateFilter{Sector: 19}, "1 2"},
		{"AI area", CandidateFilter{AIArea: AILifecycle}, "3"},
		{"language, any case", CandidateFilter{Language: "French"}, "3"},
		{"available in the dates", CandidateFilter{Available: true}, "1"},
		{"nothing matches", CandidateFilter{Text: "berg", Sector: 38}, ""},
	} {
		var ids []string
		for _, c := range pool.Filter(tc.flt) {
			ids = append(ids, c.ID.String())
		}
		if got := strings.Join(ids, " "); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	byID := map[ID]Candidate{}
	for _, c := range pool.Candidates {
		byID[c.ID] = c
	}
	for id, want := range map[ID]string{
		1: "would cover: sectors 33, AI areas AI risk",
		2: "would cover: none of the client's sectors or AI areas",
		3: "would cover: AI areas AI life cycle",
	} {
		c := byID[id]
		if got := c.Covers(); got != want {
			t.Errorf("%s: %q, want %q", c.Name, got, want)
		}
	}
	if u := byID[2].Unavailable; !strings.Contains(u, "training") {
		t.Errorf("Bert's interest: %q", u)
	}
	if u := byID[3].Unavailable; !strings.Contains(u, "on audit 900") {
		t.Errorf("Carla's booking: %q", u)
	}
	if l := strings.Join(pool.Languages(), ","); l != "English,french,German" {
		t.Errorf("languages %q", l)
	}
}

// With no other lead free, the lead the rotation rule warns about is
// proposed, with the gate's warning.
func TestSuggestTeamRotationFallback(t *testing.T) {
	f, a := teamFile(), suggestAudit()
	ctx := TeamContext{Policy: DefaultPolicy()}
	for i := 0; i < 6; i++ {
		s := d("2019-06-01").AddMonths(12 * i)
		ctx.ClientAudits = append(ctx.ClientAudits, Audit{ID: ID(100 + i), Status: AuditClosed, PlannedStart: s, PlannedEnd: s, Team: []TeamMember{{2, TeamLead}}})
	}
	reg := []Person{
		*qualified(2, "Bert", []Role{RoleLeadAuditor}, []Standard{ISO42001}, []int{33}, AIRisk, AILifecycle),
	}
	got := SuggestTeam(f, a, reg, ctx)
	if s := teamString(got.Team); s != "2:lead-auditor" || len(got.Uncovered) > 0 {
		t.Fatalf("team %q, uncovered %q", s, got.Uncovered)
	}
	if w := strings.Join(got.Warnings, ";"); !strings.Contains(w, "Bert would lead this client's audit for the 7th time in a row (rotation)") {
		t.Errorf("warnings %q", w)
	}
}

// The picker filters by language: a person's languages are each given
// once and none is empty.
func TestPersonLanguages(t *testing.T) {
	for _, tc := range []struct {
		langs []string
		want  string
	}{
		{nil, ""},
		{[]string{"English", "German"}, ""},
		{[]string{"English", " "}, "competence.languages[1]: a language is empty"},
		{[]string{"English", "english "}, `competence.languages[1]: "english " is given twice`},
	} {
		p := qualified(1, "Lena", []Role{RoleAuditor}, []Standard{ISO42001}, nil)
		p.Competence.Languages = tc.langs
		err := p.Validate()
		if (err == nil) != (tc.want == "") || err != nil && !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.langs, err, tc.want)
		}
	}
}
