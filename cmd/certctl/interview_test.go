package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestChecklistInterviewsFromTheCommandLine: --interview and the JSON
// file's "interviews" record who was interviewed on an item and when;
// audit show lists them.
func TestChecklistInterviewsFromTheCommandLine(t *testing.T) {
	dir, as := startedStage1(t, "2025-01-14")

	check := func(ivs ...string) []string {
		args := append(append([]string{}, as...), "audit", "checklist", "1", "--ref", "S1.1", "--result", "conform")
		for _, iv := range ivs {
			args = append(args, "--interview", iv)
		}
		return args
	}
	// The boundaries: today and the audit's start pass, tomorrow and the
	// day before the start do not; a name and a readable date are needed.
	fails(t, dir, exitRule, "the interview with Carla Cee (interviews[0].on) 2025-01-15 is after today", check("Carla Cee (CISO), 2025-01-15")...)
	fails(t, dir, exitRule, "is before the audit's actual start 2025-01-13", check("Carla Cee (CISO), 2025-01-12")...)
	fails(t, dir, exitInput, `--interview 1 ("Carla Cee"): no date after the name`, check("Carla Cee")...)
	fails(t, dir, exitInput, `--interview 2 ("Ole, 14.01.2025"): "14.01.2025" is not a date`, check("Carla Cee, 2025-01-14", "Ole, 14.01.2025")...)
	fails(t, dir, exitInput, "interviews[0].whom: interview 1 names nobody", check(" (CISO), 2025-01-14")...)
	ok(t, dir, check("Carla Cee (Chief information security officer), 2025-01-14: AI policy, approved by the board", "Ole Owner, 2025-01-13")...)
	out := ok(t, dir, append(as, "audit", "show", "1")...)
	for _, want := range []string{"Interviews:", "S1.1", "2025-01-14", "Carla Cee", "Chief information security officer", "AI policy, approved by the board", "Ole Owner"} {
		if !strings.Contains(out, want) {
			t.Errorf("audit show lacks %q:\n%s", want, out)
		}
	}
	var shown struct {
		Audit struct {
			Checklist []struct {
				Ref        string `json:"ref"`
				Interviews []struct {
					Whom, Role, On, Notes string
				} `json:"interviews"`
			} `json:"checklist"`
		} `json:"audit"`
	}
	decodeJSON(t, ok(t, dir, append(as, "--json", "audit", "show", "1")...), &shown)
	if ck := shown.Audit.Checklist; len(ck) != 1 || len(ck[0].Interviews) != 2 || ck[0].Interviews[1].Whom != "Ole Owner" || ck[0].Interviews[1].Role != "" || ck[0].Interviews[0].On != "2025-01-14" {
		t.Fatalf("audit show --json checklist = %+v", ck)
	}

	// The JSON file form; --interview does not go with it.
	p := filepath.Join(t.TempDir(), "items.json")
	text := `[{"ref": "S1.2", "result": "ofi", "interviews": [{"whom": "Ines Intern", "role": "Internal auditor", "on": "2025-01-13", "notes": "Programme"}]},
 {"ref": "S1.3", "result": "conform", "interviews": [{"whom": "", "on": "2025-01-13"}]}]`
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	fails(t, dir, exitInput, "items.json line 2 (S1.3): checklist: interviews[0].whom", append(as, "audit", "checklist", "1", "--from", p)...)
	fails(t, dir, exitInput, "--interview goes with --ref", append(as, "audit", "checklist", "1", "--from", p, "--interview", "Ole, 2025-01-13")...)
	if err := os.WriteFile(p, []byte(strings.Replace(text, `"whom": ""`, `"whom": "Tom Tester"`, 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	ok(t, dir, append(as, "audit", "checklist", "1", "--from", p)...)
	if out := ok(t, dir, append(as, "audit", "show", "1")...); !strings.Contains(out, "Ines Intern") || !strings.Contains(out, "Tom Tester") || !strings.Contains(out, "Carla Cee") {
		t.Fatalf("audit show after the file:\n%s", out)
	}
}
