package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// heldFolder is a data folder named office-pc (its desk's name by
// default) with an administrator (Lena Lead, lead auditor), an auditor
// (Ada) and a scheme manager (Sam), and audit 1, a stage 1 led by Lena
// with Ada on the team, in progress since 2025-01-13.
func heldFolder(t *testing.T) (dir string, as func(who string, args ...string) []string) {
	t.Helper()
	cleanEnv(t)
	t.Setenv(DeskEnv, "")
	withKeys(t)
	dir = filepath.Join(t.TempDir(), "office-pc")
	as = func(who string, args ...string) []string {
		return append([]string{"--as", who, "--today", "2025-01-14"}, args...)
	}
	ok(t, dir, "person", "add", "--name", "Lena Lead", "--roles", "lead-auditor,auditor", "--standards", "42001", "--sectors", "33", "--ai-areas", "ai-risk,ai-lifecycle", "--evidence", "Witnessed audit 2024")
	ok(t, dir, as("Lena Lead", "person", "add", "--name", "Ada Auditor", "--roles", "auditor", "--standards", "42001", "--sectors", "33", "--evidence", "Course 2024")...)
	ok(t, dir, as("Lena Lead", "person", "add", "--name", "Sam Scheme", "--roles", "scheme-manager")...)
	ok(t, dir, as("Lena Lead", "client", "add", "--name", "Acme AI GmbH", "--address", "Hafenstraße 1, Hamburg", "--personnel", "40", "--sector", "33", "--ai-role", "provider")...)
	ok(t, dir, as("Lena Lead", "certification", "add", "--client", "1", "--standard", "42001", "--scope", "AI document classification", "--applied", "2025-01-06")...)
	ok(t, dir, as("Lena Lead", "audit", "plan", "--certification", "1", "--kind", "stage1", "--start", "2025-01-13", "--end", "2025-01-14", "--lead", "Lena Lead", "--auditor", "Ada Auditor")...)
	ok(t, dir, as("Lena Lead", "audit", "confirm", "1")...)
	ok(t, dir, as("Lena Lead", "audit", "start", "1", "--date", "2025-01-13")...)
	return dir, as
}

// A desk holds an audit; another desk's checklist, finding and evidence
// verbs refuse to change it without --override-hold, naming the holder;
// the holder's own desk asks nothing; a scheme manager releases it with
// a reason, which the journal keeps.
func TestAuditHoldAndRelease(t *testing.T) {
	dir, as := heldFolder(t)
	out := ok(t, dir, as("Lena Lead", "audit", "hold", "1", "--desk", "lena-laptop")...)
	if want := "Held audit 1: held by Lena Lead on desk lena-laptop since 2025-01-14."; !strings.Contains(out, want) {
		t.Errorf("audit hold printed %q, want %q", out, want)
	}
	if out := ok(t, dir, "audit", "show", "1"); !strings.Contains(out, "Held by:  Lena Lead on desk lena-laptop since 2025-01-14") {
		t.Errorf("audit show does not say who holds it:\n%s", out)
	}

	// Ada at the office (desk office-pc, the folder's name) is asked.
	evidence := filepath.Join(t.TempDir(), "register.txt")
	if err := os.WriteFile(evidence, []byte("risk register v3"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, verb := range [][]string{
		{"audit", "checklist", "1", "--ref", "S1.1", "--result", "conform", "--notes", "seen"},
		{"finding", "add", "--audit", "1", "--grade", "ofi", "--ref", "6.1.2", "--evidence", "could be clearer", "--date", "2025-01-13"},
		{"evidence", "add", "1", evidence, "--ref", "S1.1"},
	} {
		r := fails(t, dir, 1, "audit-held-by-another-desk", as("Ada Auditor", verb...)...)
		for _, want := range []string{"Lena Lead on desk lena-laptop since 2025-01-14", "not by this desk (office-pc)", "--override-hold", "certctl audit release 1"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%s: the refusal does not say %q:\n%s", verb[:2], want, r.stderr)
			}
		}
		ok(t, dir, as("Ada Auditor", append(verb, "--override-hold")...)...)
	}
	// The finding's own steps ask too.
	fails(t, dir, 1, "audit-held-by-another-desk", as("Ada Auditor", "finding", "respond", "1", "--correction", "c", "--action", "a", "--root-cause", "r")...)
	r := cli(t, dir, as("Ada Auditor", "--json", "audit", "checklist", "1", "--ref", "S1.2", "--result", "conform")...)
	if r.code != 1 || !strings.Contains(r.stdout, `"rule": "audit-held-by-another-desk"`) {
		t.Errorf("--json refusal: exit %d\n%s", r.code, r.stdout)
	}
	// On the holder's desk (--desk or $CERTDESK_DESK) nothing is asked.
	ok(t, dir, as("Lena Lead", "--desk", "lena-laptop", "audit", "checklist", "1", "--ref", "S1.2", "--result", "conform")...)
	t.Setenv(DeskEnv, "lena-laptop")
	ok(t, dir, as("Ada Auditor", "audit", "checklist", "1", "--ref", "S1.3", "--result", "conform")...)
	t.Setenv(DeskEnv, "")

	// Holding and releasing: the rules, then a scheme manager's release.
	fails(t, dir, 1, "audit-already-held", as("Ada Auditor", "audit", "hold", "1")...)
	fails(t, dir, 1, "audit-release-needs-holder-or-scheme-manager", as("Ada Auditor", "audit", "release", "1", "--reason", "she is away")...)
	fails(t, dir, 1, "audit-release-needs-holder-or-scheme-manager", as("Sam Scheme", "audit", "release", "1")...)
	fails(t, dir, 1, "audit-hold-needs-team-member", as("Sam Scheme", "audit", "hold", "1")...)
	out = ok(t, dir, as("Sam Scheme", "audit", "release", "1", "--reason", "Lena's laptop was stolen")...)
	if want := "Released audit 1, held by Lena Lead on desk lena-laptop since 2025-01-14."; !strings.Contains(out, want) {
		t.Errorf("audit release printed %q, want %q", out, want)
	}
	if out := ok(t, dir, "journal", "--from", "1"); !strings.Contains(out, "audit 1 released: Lena's laptop was stolen") {
		t.Errorf("the journal does not keep the reason:\n%s", out)
	}

	// Ada's desk holds it now: JSON as the other audit verbs.
	var held struct {
		Audit struct {
			Hold struct {
				Desk     string `json:"desk"`
				PersonID int    `json:"person_id"`
				Name     string `json:"name"`
				Since    string `json:"since"`
			} `json:"hold"`
		} `json:"audit"`
	}
	decodeJSON(t, ok(t, dir, as("Ada Auditor", "--json", "audit", "hold", "1")...), &held)
	if h := held.Audit.Hold; h.Desk != "office-pc" || h.PersonID != 2 || h.Name != "Ada Auditor" || h.Since != "2025-01-14" {
		t.Errorf("hold %+v, want Ada's on office-pc since 2025-01-14", h)
	}
	ok(t, dir, as("Ada Auditor", "audit", "checklist", "1", "--ref", "S1.4", "--result", "conform")...)
	ok(t, dir, as("Ada Auditor", "audit", "release", "1")...)
	fails(t, dir, 2, "held by no desk", as("Ada Auditor", "audit", "release", "1")...)
}
