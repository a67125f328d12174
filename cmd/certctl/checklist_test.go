package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// due is audit due --json.
type dueOut struct {
	Due struct {
		Required []string `json:"required"`
		Missing  []string `json:"missing"`
	} `json:"due"`
}

func TestChecklistFromTheCommandLine(t *testing.T) {
	dir, as := startedStage1(t, "2025-01-13")
	due := func() dueOut {
		var d dueOut
		decodeJSON(t, ok(t, dir, append(as, "--json", "audit", "due", "1")...), &d)
		return d
	}
	if d := due(); len(d.Due.Required) != 11 || !slices.Equal(d.Due.Missing, d.Due.Required) || d.Due.Required[7] != "S1.8" {
		t.Fatalf("due on a fresh stage 1 = %+v", d)
	}
	if out := ok(t, dir, append(as, "audit", "show", "1")...); !strings.Contains(out, "Due:      11 of 11 checklist item(s) without a result: S1.1, S1.2") {
		t.Errorf("audit show does not say what is due:\n%s", out)
	}
	// The report waits for the readiness list, naming it.
	fails(t, dir, exitRule, "no result for 11 of the 11 stage 1 readiness items: S1.1, S1.2", append(as, "audit", "finish", "1", "--outcome", "ready")...)
	// One at a time; a clause is never not-applicable.
	ok(t, dir, append(as, "audit", "checklist", "1", "--ref", "s1.1", "--result", "conform", "--notes", "Manual v2")...)
	fails(t, dir, exitRule, "clause 6.1.2 cannot be not-applicable", append(as, "audit", "checklist", "1", "--ref", "6.1.2", "--result", "not-applicable")...)
	// A file with a bad line: the line is named and nothing is recorded.
	tmp := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(tmp, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bad := write("bad.tsv", "ref\tresult\tnotes\n# readiness\nS1.2\tconform\tScope seen\n\nS1.99\tconform\n")
	fails(t, dir, exitInput, "bad.tsv line 5 (S1.99): checklist: ref: ", append(as, "audit", "checklist", "1", "--from", bad)...)
	badResult := write("bad.json", "[\n {\"ref\": \"S1.2\", \"result\": \"conform\"},\n\n {\"ref\": \"S1.3\",\n  \"result\": \"fine\"}\n]\n")
	fails(t, dir, exitInput, "bad.json line 4 (S1.3): checklist: result: \"fine\" is not a result", append(as, "audit", "checklist", "1", "--from", badResult)...)
	fails(t, dir, exitInput, "short.tsv: line 1: want ref, result and notes", append(as, "audit", "checklist", "1", "--from", write("short.tsv", "S1.2 conform\n"))...)
	if d := due(); len(d.Due.Missing) != 10 || d.Due.Missing[0] != "S1.2" {
		t.Fatalf("a refused file left results: missing %v", d.Due.Missing)
	}
	// The whole list at once: JSON out says nothing is missing.
	var lines []string
	for _, ref := range due().Due.Missing {
		lines = append(lines, ref+"\tconform\tSeen on "+ref)
	}
	var after dueOut
	decodeJSON(t, ok(t, dir, append(as, "--json", "audit", "checklist", "1", "--from", write("good.tsv", strings.Join(lines, "\n")+"\n"))...), &after)
	if len(after.Due.Required) != 11 || len(after.Due.Missing) != 0 {
		t.Fatalf("after the file: %+v", after)
	}
	if out := ok(t, dir, append(as, "audit", "due", "1")...); !strings.Contains(out, "covers the 11 item(s) it must") {
		t.Fatalf("audit due: %s", out)
	}
	ok(t, dir, append(as, "audit", "finish", "1", "--outcome", "ready")...)
}

// startedStage1 is a data folder whose audit 1, a stage 1 of Acme AI
// GmbH's 42001 application led by Lena Lead, started on 2025-01-13, and
// the flags that work as her on day today.
func startedStage1(t *testing.T, today string) (dir string, as []string) {
	t.Helper()
	cleanEnv(t)
	withKeys(t)
	dir = t.TempDir()
	ok(t, dir, "person", "add", "--name", "Lena Lead", "--roles", "lead-auditor,auditor", "--standards", "42001", "--sectors", "33", "--ai-areas", "ai-risk,ai-lifecycle", "--evidence", "Witnessed audit 2024")
	as = []string{"--as", "Lena Lead", "--today", today}
	ok(t, dir, append(as, "client", "add", "--name", "Acme AI GmbH", "--address", "Hafenstraße 1, Hamburg", "--personnel", "40", "--sector", "33", "--ai-role", "provider")...)
	ok(t, dir, append(as, "certification", "add", "--client", "1", "--standard", "42001", "--scope", "AI", "--applied", "2025-01-06")...)
	ok(t, dir, append(as, "audit", "plan", "--certification", "1", "--kind", "stage1", "--start", "2025-01-13", "--lead", "Lena Lead", "--days", "2")...)
	ok(t, dir, append(as, "audit", "confirm", "1")...)
	ok(t, dir, append(as, "audit", "start", "1", "--date", "2025-01-13")...)
	return dir, as
}

// answerDue records "conform" on every item audit id must still cover,
// through the command line (audit due, then audit checklist --from).
func answerDue(t *testing.T, dir string, as []string, id string) {
	t.Helper()
	var d dueOut
	decodeJSON(t, ok(t, dir, append(slices.Clone(as), "--json", "audit", "due", id)...), &d)
	var lines []string
	for _, ref := range d.Due.Missing {
		lines = append(lines, ref+"\tconform\tSampled; no finding.")
	}
	p := filepath.Join(t.TempDir(), "answers.tsv")
	if err := os.WriteFile(p, []byte(strings.Join(lines, "\n")+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ok(t, dir, append(slices.Clone(as), "audit", "checklist", id, "--from", p)...)
}
