package main

import (
	"slices"
	"strings"
	"testing"

	"certdesk/audit/sampling"
	"certdesk/certification"
)

// TestAuditPlanWithSampleSeed plans a multi-site audit whose sites are
// drawn with --sample-seed: the same draw certctl sample shows, recorded
// with the audit.
func TestAuditPlanWithSampleSeed(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	as := []string{"--as", "Lena Lead", "--today", "2025-05-01"}
	site := []string{"--site", "HQ:Ring 1, Berlin:central:20"}
	for i, p := range []string{"10", "30", "20", "25", "15", "12", "40", "8", "18"} {
		site = append(site, "--site", "S"+string(rune('1'+i))+":Weg "+string(rune('1'+i))+":"+p)
	}
	ok(t, dir, append(append(as, "client", "add", "--name", "Filialen AG", "--address", "Ring 1, Berlin", "--personnel", "200", "--sector", "33", "--ai-role", "provider"), site...)...)
	ok(t, dir, append(as, "certification", "add", "--client", "2", "--standard", "42001", "--scope", "AI services in every branch")...)

	var so struct {
		Sample   sampling.Sample    `json:"sample"`
		Sites    []sampling.SiteRef `json:"sites"`
		ClientID int                `json:"client_id"`
	}
	decodeJSON(t, ok(t, dir, "sample", "--client", "2", "--standard", "42001", "--kind", "initial", "--seed", "77", "--json"), &so)

	plan := append(as, "audit", "plan", "--certification", "2", "--kind", "stage1", "--start", "2025-05-12", "--end", "2025-05-13", "--days", "5", "--lead", "Lena Lead",
		"--sample-seed", "77", "--site", "S9")
	out := ok(t, dir, plan...)
	if !strings.Contains(out, "Sites drawn (IAF MD 1, seed 77): "+strings.Join(so.Sample.Visit, ", ")) {
		t.Errorf("plan output:\n%s\nwant the sample %v", out, so.Sample.Visit)
	}
	var shown struct {
		Audit    certification.Audit `json:"audit"`
		Client   string              `json:"client"`
		Standard string              `json:"standard"`
		Findings []any               `json:"findings"`
	}
	decodeJSON(t, ok(t, dir, "audit", "show", "3", "--json"), &shown)
	a := shown.Audit
	want := append(slices.Clone(so.Sample.Visit), "S9")
	if slices.Contains(so.Sample.Visit, "S9") {
		want = so.Sample.Visit
	}
	if a.Sample == nil || a.Sample.Seed != 77 || !slices.Equal(a.Sample.Visit, so.Sample.Visit) || !slices.Equal(a.Sites, want) {
		t.Fatalf("audit 3 sites %v sample %+v; want sites %v and the sample %v", a.Sites, a.Sample, want, so.Sample.Visit)
	}
	if out := ok(t, dir, "audit", "show", "3"); !strings.Contains(out, "Sample:   initial, seed 77: 3 of 9 sites besides the central function HQ") {
		t.Errorf("audit show:\n%s", out)
	}

	fails(t, dir, 2, `--sample-seed: "x" is not a whole number`, append(as, "audit", "plan", "--certification", "2", "--kind", "stage1", "--start", "2025-05-12", "--lead", "1", "--sample-seed", "x")...)
	fails(t, dir, 2, "is not sampled", append(as, "audit", "plan", "--certification", "2", "--kind", "special", "--start", "2025-05-12", "--lead", "1", "--sample-seed", "1")...)
}
