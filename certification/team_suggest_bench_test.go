package certification

import (
	"fmt"
	"testing"
)

// benchRegister is a generated register of n people for the team
// benchmarks: a lead in ten, an expert in five, sectors and AI areas
// spread over everyone, a few interests in the client, and a booking on
// the audit's days for one in seven.
func benchRegister(n int) ([]Person, []Audit) {
	reg := make([]Person, n)
	var others []Audit
	for i := range reg {
		roles := []Role{RoleAuditor}
		switch {
		case i%10 == 0:
			roles = []Role{RoleLeadAuditor, RoleAuditor}
		case i%5 == 0:
			roles = []Role{RoleTechnicalExpert}
		}
		stds := []Standard{ISO42001}
		if i%3 == 0 {
			stds = append(stds, ISO9001)
		}
		p := qualified(ID(i+1), fmt.Sprintf("Person %04d", i), roles, stds, []int{1 + i%39, 1 + (i*7)%39}, AIAreas[i%len(AIAreas)])
		p.Competence.Languages = []string{"English", []string{"German", "French", "Polish"}[i%3]}
		if i%97 == 0 {
			p.Interests = []Interest{{ClientID: 1, Kind: InterestConsultancy, From: d("2024-01-01")}}
		}
		if i%7 == 0 {
			others = append(others, Audit{ID: ID(10000 + i), Status: AuditConfirmed, Kind: Surveillance, PlannedStart: d("2025-12-02"), PlannedEnd: d("2025-12-03"),
				Team: []TeamMember{{ID(i + 1), TeamAuditor}}})
		}
		reg[i] = *p
	}
	return reg, others
}

// BenchmarkSuggestTeam: the suggestion for one audit from a register of
// 1,000 people (building the pool included). See BENCHMARKS.md.
func BenchmarkSuggestTeam(b *testing.B) {
	reg, others := benchRegister(1000)
	f, a := teamFile(), suggestAudit()
	f.Client.Sectors = []int{33, 12, 29}
	tc := TeamContext{Others: others, Policy: DefaultPolicy()}
	if s := SuggestTeam(f, a, reg, tc); len(s.Uncovered) > 0 {
		b.Fatalf("uncovered: %v", s.Uncovered)
	}
	b.ReportAllocs()
	for b.Loop() {
		SuggestTeam(f, a, reg, tc)
	}
}

// BenchmarkTeamPoolFilter: one keystroke in the team picker over 1,000
// people (the pool is built once per audit).
func BenchmarkTeamPoolFilter(b *testing.B) {
	reg, others := benchRegister(1000)
	f, a := teamFile(), suggestAudit()
	pool := BuildTeamPool(f, a, reg, TeamContext{Others: others, Policy: DefaultPolicy()})
	flt := CandidateFilter{Text: "person 01", Language: "german", Available: true}
	if len(pool.Filter(flt)) == 0 {
		b.Fatal("the filter matches nobody")
	}
	b.ReportAllocs()
	for b.Loop() {
		pool.Filter(flt)
	}
}
