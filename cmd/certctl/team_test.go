package main

import (
	"fmt"
	"strings"
	"testing"
)

func TestTeamCheck(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	// Lena is competent for the walk-through's 42001 client (IAF 33, AI
	// risk and life cycle): her stage 2 passes.
	out := ok(t, dir, "team-check", "--audit", "2")
	if !strings.Contains(out, "competent and impartial") {
		t.Errorf("Lena's team: %s", out)
	}
	// Ned declared no competence: a draft team led by him shows every gap,
	// and the command still exits 0.
	fails(t, dir, 2, `--sectors: "IT" is not an IAF sector code`, "--as", "Lena Lead", "person", "add", "--name", "Ned Newcomer", "--roles", "lead-auditor", "--sectors", "IT")
	ok(t, dir, "--as", "Lena Lead", "person", "add", "--name", "Ned Newcomer", "--roles", "lead-auditor")
	draft := []string{"team-check", "--certification", "1", "--kind", "surveillance", "--start", "2026-02-02", "--lead", "Ned Newcomer"}
	out = ok(t, dir, draft...)
	for _, want := range []string{"standard-not-covered", "sector-not-covered", "ai-not-covered"} {
		if !strings.Contains(out, want) {
			t.Errorf("team-check output lacks %s:\n%s", want, out)
		}
	}
	var tc struct {
		Problems []struct{ Kind string } `json:"problems"`
		Lead     bool                    `json:"lead"`
	}
	decodeJSON(t, ok(t, dir, append(draft, "--json")...), &tc)
	if tc.Lead || len(tc.Problems) < 3 {
		t.Errorf("json: %+v", tc)
	}
	// Planned with Ned, the audit cannot be confirmed: the refusal names
	// the rule and the gaps, and a justification does not cover them.
	as := []string{"--as", "Lena Lead", "--today", "2026-01-05"}
	ok(t, dir, append(as, "client", "add", "--name", "Beta Bank AG", "--address", "Ring 2, Berlin", "--personnel", "30", "--sector", "33", "--ai-role", "user")...)
	ok(t, dir, append(as, "certification", "add", "--client", "2", "--standard", "42001", "--scope", "Use of AI chat")...)
	out = ok(t, dir, append(as, "audit", "plan", "--certification", "2", "--kind", "stage1", "--start", "2026-02-02", "--days", "2", "--lead", "Ned Newcomer", "--json")...)
	var planned struct{ Audit struct{ ID int } }
	decodeJSON(t, out, &planned)
	id := fmt.Sprint(planned.Audit.ID)
	fails(t, dir, 1, "team-gap", append(as, "audit", "confirm", id)...)
	ok(t, dir, append(as, "policy", "set", "team_gap_justification=true")...)
	fails(t, dir, 1, "Ned Newcomer is not qualified as lead auditor", append(as, "audit", "confirm", id, "--team-justification", "Ned is supervised by Lena throughout the audit.")...)
	// Led by Lena with Ned as auditor, the team has no gap: it confirms.
	ok(t, dir, append(as, "audit", "cancel", id)...)
	out = ok(t, dir, append(as, "audit", "plan", "--certification", "2", "--kind", "stage1", "--start", "2026-02-02", "--days", "2", "--lead", "Lena Lead", "--auditor", "Ned Newcomer", "--json")...)
	decodeJSON(t, out, &planned)
	ok(t, dir, append(as, "audit", "confirm", fmt.Sprint(planned.Audit.ID))...)
	fails(t, dir, 2, "there is no audit 99", "team-check", "--audit", "99")
}

func TestTeamSuggest(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	var sug struct {
		AuditID int `json:"audit_id"`
		Team    []struct {
			PersonID int    `json:"person_id"`
			Name     string `json:"name"`
			Role     string `json:"role"`
		} `json:"team"`
		Uncovered []string `json:"uncovered"`
		Warnings  []string `json:"warnings"`
		Check     struct {
			Problems []struct{ Kind string } `json:"problems"`
			Lead     bool                    `json:"lead"`
		} `json:"check"`
	}
	// Lena covers the walk-through's 42001 client alone: a team of one.
	decodeJSON(t, ok(t, dir, "team", "suggest", "2", "--json"), &sug)
	if sug.AuditID != 2 || len(sug.Team) != 1 || sug.Team[0].Name != "Lena Lead" || sug.Team[0].Role != "lead-auditor" ||
		len(sug.Uncovered) != 0 || sug.Uncovered == nil || !sug.Check.Lead || len(sug.Check.Problems) != 0 {
		t.Errorf("suggestion: %+v", sug)
	}
	out := ok(t, dir, "team", "suggest", "2")
	if !strings.Contains(out, "lead-auditor") || !strings.Contains(out, "Lena Lead") || !strings.Contains(out, "covers the audit") {
		t.Errorf("text: %s", out)
	}
	// Another 42001 auditor does not join a team that needs nobody more.
	ok(t, dir, "--as", "Lena Lead", "person", "add", "--name", "Ned Newcomer", "--roles", "auditor", "--standards", "42001", "--sectors", "33")
	decodeJSON(t, ok(t, dir, "team", "suggest", "2", "--json"), &sug)
	if len(sug.Team) != 1 {
		t.Errorf("the smallest team is Lena alone: %+v", sug.Team)
	}
	fails(t, dir, 2, "there is no audit 99", "team", "suggest", "99")
}

// team-check names AI areas only for an ISO/IEC 42001 audit, and prints
// its lists as text (issue 19: "AI areas covered: []" for a 9001 audit).
func TestTeamCheckPrintsAIAreasFor42001Only(t *testing.T) {
	_, dir := demoBeside(t, "6")
	for _, tc := range []struct {
		audit, want, not string
	}{
		{"11", "sectors covered: 33\n", "AI areas"},                                   // ISO 9001
		{"1", "sectors covered: 29   AI areas covered: ai-risk, ai-lifecycle\n", "["}, // ISO/IEC 42001
	} {
		out := ok(t, dir, "team-check", "--audit", tc.audit)
		if !strings.Contains(out, tc.want) || strings.Contains(out, tc.not) {
			t.Errorf("team-check --audit %s: want %q and no %q:\n%s", tc.audit, tc.want, tc.not, out)
		}
		var check struct {
			AIChecked bool `json:"ai_areas_checked"`
		}
		decodeJSON(t, ok(t, dir, "--json", "team-check", "--audit", tc.audit), &check)
		if check.AIChecked != (tc.audit == "1") {
			t.Errorf("team-check --audit %s --json: ai_areas_checked %v", tc.audit, check.AIChecked)
		}
	}
}
