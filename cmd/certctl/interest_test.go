package main

import (
	"strings"
	"testing"

	"certdesk/certification/view"
)

// A person's interest in a client is declared, ended and listed from the
// command line (issue 19: before, only a JSON import could declare one),
// and bars the person from the client's audits until two years after it
// ends.
func TestPersonInterestCommands(t *testing.T) {
	_, dir := demoBeside(t, "6")
	if out := ok(t, dir, "help"); !strings.Contains(out, "  person interest add ") || strings.Contains(out, "person interest KIND") {
		t.Errorf("certctl help does not list the interest verbs one a line:\n%s", out)
	}
	if out := ok(t, dir, "help", "person", "interest", "add"); !strings.Contains(out, "the kind of link: consultancy, training, employment, other") {
		t.Errorf("the help of person interest add does not list the kinds:\n%s", out)
	}
	as := func(args ...string) []string { return append([]string{"--as", "1", "--today", "2026-06-30"}, args...) }

	// Audit 1 (client 1, 2020-06-16) has person 10 on its team.
	fails(t, dir, exitInput, "--client 999: there is no client 999: see 'certctl client list'",
		as("person", "interest", "add", "10", "--client", "999", "--kind", "consultancy", "--from", "2018-01-01")...)
	fails(t, dir, exitInput, `--kind: "advice" is not a kind of interest: use one of consultancy, training, employment, other`,
		as("person", "interest", "add", "10", "--client", "1", "--kind", "advice", "--from", "2018-01-01")...)
	fails(t, dir, exitRule, "--to is before --from: refused by rule dates-run-backwards: the interest ends (2017-12-31) before it begins (2018-01-01)",
		as("person", "interest", "add", "10", "--client", "1", "--kind", "training", "--from", "2018-01-01", "--to", "2017-12-31")...)
	fails(t, dir, exitInput, `there is no person "Nobody Here" in the register`,
		as("person", "interest", "add", "Nobody Here", "--client", "1", "--kind", "training", "--from", "2018-01-01")...)
	if out := ok(t, dir, "person", "interest", "list", "--json"); !strings.Contains(out, `"interests": []`) {
		t.Fatalf("a refused interest was recorded:\n%s", out)
	}
	if out := ok(t, dir, "team-check", "--audit", "1"); strings.Contains(out, "interest") {
		t.Fatalf("team-check names an interest before any is declared:\n%s", out)
	}

	out := ok(t, dir, as("person", "interest", "add", "10", "--client", "1", "--kind", "consultancy", "--from", "2016-03-01", "--notes", "ISMS set-up")...)
	if !strings.Contains(out, "until 2 years after it ends") {
		t.Errorf("add does not say how long the interest bars the person:\n%s", out)
	}
	// Ended on 2018-06-16: barred through 2020-06-16, the audit's first day.
	fails(t, dir, exitInput, `--kind: "advice" is not a kind of interest: use one of consultancy, training, employment, other`,
		as("person", "interest", "end", "10", "--client", "1", "--kind", "advice", "--to", "2017-12-31")...)
	fails(t, dir, exitInput, "has no open interest in client 2", as("person", "interest", "end", "10", "--client", "2", "--to", "2017-12-31")...)
	out = ok(t, dir, as("person", "interest", "end", "10", "--client", "1", "--to", "2018-06-16")...)
	if !strings.Contains(out, "until 2020-06-16") {
		t.Errorf("end does not give the last barred day:\n%s", out)
	}
	if out := ok(t, dir, "team-check", "--audit", "1"); !strings.Contains(out, "interest") {
		t.Errorf("team-check does not see the declared interest:\n%s", out)
	}

	// Two open interests in one client: end asks which.
	ok(t, dir, as("person", "interest", "add", "10", "--client", "2", "--kind", "training", "--from", "2024-01-01")...)
	ok(t, dir, as("person", "interest", "add", "10", "--client", "2", "--kind", "employment", "--from", "2025-01-01")...)
	fails(t, dir, exitInput, "has 2 open interests in client 2", as("person", "interest", "end", "10", "--client", "2", "--to", "2025-12-31")...)
	ok(t, dir, as("person", "interest", "end", "10", "--client", "2", "--kind", "employment", "--to", "2025-12-31")...)
	if out := ok(t, dir, "person", "interest", "list", "10", "--client", "2"); !strings.Contains(out, "2025-12-31") || !strings.Contains(out, "2 interest(s)") {
		t.Errorf("person interest list after ending one of two:\n%s", out)
	}

	// The bar's last day, and the day after.
	for asOf, barred := range map[string]bool{"2020-06-16": true, "2020-06-17": false} {
		var got struct {
			Interests []view.InterestRow `json:"interests"`
		}
		decodeJSON(t, ok(t, dir, "--json", "person", "interest", "list", "10", "--client", "1", "--as-of", asOf), &got)
		if len(got.Interests) != 1 {
			t.Fatalf("person interest list: %d interests, want 1: %+v", len(got.Interests), got.Interests)
		}
		in := got.Interests[0]
		if in.PersonID != 10 || in.ClientID != 1 || in.Kind != "consultancy" || in.From.String() != "2016-03-01" || in.To.String() != "2018-06-16" ||
			in.Notes != "ISMS set-up" || in.BarredUntil.String() != "2020-06-16" || in.Barred != barred {
			t.Errorf("person interest list --as-of %s: %+v, want barred %v", asOf, in, barred)
		}
	}
}
