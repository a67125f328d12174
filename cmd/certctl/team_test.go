package main

import (
	"strings"
	"testing"
)

func TestTeamCheck(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	walkThrough(t, dir)
	// Lena leads stage 2 of a 42001 client in sector 33 with no declared
	// competence: every gap is listed, and the command still exits 0.
	out := ok(t, dir, "team-check", "--audit", "2")
	for _, want := range []string{"standard-not-covered", "sector-not-covered", "ai-not-covered"} {
		if !strings.Contains(out, want) {
			t.Errorf("team-check output lacks %s:\n%s", want, out)
		}
	}
	var tc struct {
		Problems []struct{ Kind string } `json:"problems"`
		Lead     bool                    `json:"lead"`
	}
	decodeJSON(t, ok(t, dir, "team-check", "--audit", "2", "--json"), &tc)
	if tc.Lead || len(tc.Problems) < 3 {
		t.Errorf("json: %+v", tc)
	}
	// A draft team, by flags.
	out = ok(t, dir, "team-check", "--certification", "1", "--kind", "surveillance", "--start", "2026-02-02", "--lead", "Lena Lead")
	if !strings.Contains(out, "gap") {
		t.Errorf("draft team: %s", out)
	}
	fails(t, dir, 2, "there is no audit 99", "team-check", "--audit", "99")
}
