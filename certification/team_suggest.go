package certification

import (
	"slices"
	"strconv"
	"strings"
)

// TeamSuggestion is a proposed team for an audit: the user still
// confirms it (the team gate runs as for any team).
type TeamSuggestion struct {
	Team []TeamMember `json:"team"`
	// Uncovered names what no free person could cover, each with what to
	// do; empty when the team covers everything.
	Uncovered []string `json:"uncovered"`
	// Warnings are what the team gate would warn about: a lead the
	// rotation rule warns about, proposed only when no other is free.
	Warnings []string `json:"warnings"`
}

// SuggestTeam proposes the smallest team it can for audit a of file f
// from the register: a lead auditor qualified for the standard through
// the audit's last day, then members until the client's IAF sectors and
// (for 42001) the required AI competence areas are covered. Nobody with
// an interest in the client, nobody on another audit on those days (even
// one only pencilled in) is proposed, and a lead the rotation rule warns
// about only when no other qualified lead is free (then with a warning,
// as the team gate gives). tc is as for BuildTeamPool.
//
// It is a greedy set cover, deterministic: the lead is the free
// qualified lead covering most of what is needed; then, while something
// is uncovered, the free auditor or technical expert covering most of
// the rest joins. Ties go to a member of the audit's present team (so a
// stage 2 keeps its stage 1 people), then to an auditor over a technical
// expert, then by name, then by id. Greedy cover may miss the smallest
// team by a member in contrived registers; it never proposes one that
// fails a rule it checks.
func SuggestTeam(f *File, a *Audit, register []Person, tc TeamContext) TeamSuggestion {
	return suggestFrom(f, a, BuildTeamPool(f, a, register, tc), tc)
}

func suggestFrom(f *File, a *Audit, pool TeamPool, tc TeamContext) TeamSuggestion {
	stds := tc.standards(f)
	need := map[string]bool{}
	for _, s := range f.Client.Sectors {
		need["s"+strconv.Itoa(s)] = true
	}
	needAI := neededAIAreas(f, stds)
	for _, ar := range needAI {
		need["a"+string(ar)] = true
	}
	gain := func(c *Candidate) int {
		n := 0
		for _, s := range c.Sectors {
			if need["s"+strconv.Itoa(s)] {
				n++
			}
		}
		for _, ar := range c.AIAreas {
			if need["a"+string(ar)] {
				n++
			}
		}
		return n
	}
	take := func(c *Candidate) {
		for _, s := range c.Sectors {
			delete(need, "s"+strconv.Itoa(s))
		}
		for _, ar := range c.AIAreas {
			delete(need, "a"+string(ar))
		}
	}
	// better reports whether x beats y (nil: anyone beats it).
	better := func(x, y *Candidate, gx, gy int) bool {
		if y == nil || gx != gy {
			return y == nil || gx > gy
		}
		if ox, oy := a.OnTeam(x.ID), a.OnTeam(y.ID); ox != oy {
			return ox
		}
		if x.Auditor != y.Auditor {
			return x.Auditor
		}
		return false // the pool is in name, then id, order: the first stays
	}

	var out TeamSuggestion
	var lead, rotated *Candidate
	gLead, gRotated := 0, 0
	for i := range pool.Candidates {
		c := &pool.Candidates[i]
		if !c.Lead || !c.Free() {
			continue
		}
		g := gain(c)
		if c.LeadBarred != "" {
			if better(c, rotated, g, gRotated) {
				rotated, gRotated = c, g
			}
		} else if better(c, lead, g, gLead) {
			lead, gLead = c, g
		}
	}
	if lead == nil && rotated != nil {
		lead = rotated
		out.Warnings = append(out.Warnings, rotated.Name+" "+rotated.LeadBarred+" (rotation): no other qualified lead auditor is free on these dates; choose another lead when one is")
	}
	if lead == nil {
		out.Uncovered = append(out.Uncovered, "no free lead auditor qualified for "+standardList(stds)+" through "+a.LastDay().String()+": qualify a lead auditor, or move the audit's dates")
	} else {
		out.Team = append(out.Team, TeamMember{PersonID: lead.ID, Role: TeamLead})
		take(lead)
	}
	onTeam := func(id ID) bool {
		return slices.ContainsFunc(out.Team, func(m TeamMember) bool { return m.PersonID == id })
	}
	for len(need) > 0 {
		var best *Candidate
		gBest := 0
		for i := range pool.Candidates {
			c := &pool.Candidates[i]
			if (!c.Auditor && !c.Expert) || !c.Free() || onTeam(c.ID) {
				continue
			}
			if g := gain(c); g > 0 && better(c, best, g, gBest) {
				best, gBest = c, g
			}
		}
		if best == nil {
			break
		}
		role := TeamTechnicalExpert
		if best.Auditor {
			role = TeamAuditor
		}
		out.Team = append(out.Team, TeamMember{PersonID: best.ID, Role: role})
		take(best)
	}
	for _, s := range f.Client.Sectors {
		if need["s"+strconv.Itoa(s)] {
			out.Uncovered = append(out.Uncovered, "IAF sector "+strconv.Itoa(s)+": nobody free is competent for it; add a technical expert to the register or write a team justification")
		}
	}
	var miss []string
	for _, ar := range needAI {
		if need["a"+string(ar)] {
			miss = append(miss, ar.ShortLabel())
		}
	}
	if len(miss) > 0 {
		out.Uncovered = append(out.Uncovered, "AI competence in "+strings.Join(miss, ", ")+": nobody free has it; add a technical expert to the register or write a team justification")
	}
	return out
}
