package main

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"certdesk/audit/audittime"
	"certdesk/audit/sampling"
	"certdesk/audit/scheme"
	"certdesk/certification"
)

type auditTimeOut struct {
	Input     audittime.Input  `json:"input"`
	AuditTime audittime.Result `json:"audit_time"`
	ClientID  int              `json:"client_id"`
}

func TestAuditTimeIsAPureCalculation(t *testing.T) {
	cleanEnv(t)
	dir := filepath.Join(t.TempDir(), "never-created")
	args := []string{"audit-time", "--personnel", "40", "--standard", "9001,42001", "--ai-personnel", "12", "--ai-role", "provider", "--ai-role", "user",
		"--adjust", "+10:complex processes", "--adjust", "9001:-5:one product line", "--integrated", "--integration-reduction", "15",
		"--sites", "HQ:10:central", "--sites", "S1:30"}
	out := ok(t, dir, args...)
	for _, want := range []string{
		"ISO 9001:2015", "40 personnel, row 26–45", "12 AI personnel, several roles × 1.25",
		"initial (stage 1 + stage 2), integrated −15 %", "surveillance (each year)", "recertification",
		"HQ (central)", "Justification:", "+10 % complex processes", "−5 % one product line",
		"reduced by 15 % (at most 20 %) → 11 auditor-days", "11 auditor-days (88 hours)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("audit-time touched the data folder: %v", err)
	}

	var o auditTimeOut
	decodeJSON(t, ok(t, dir, append(args, "--json")...), &o)
	r := o.AuditTime
	if r.Sum != 13 || r.Initial.Days != 11 || r.Initial.Hours != 88 || r.Stage1.Days+r.Stage2.Days != 11 || len(r.Sites) != 2 || len(r.Justification) == 0 {
		t.Errorf("JSON result %+v", r)
	}
	if len(o.Input.Adjustments) != 2 || o.Input.Adjustments[1].Standard != "9001" || o.Input.Adjustments[1].Percent != -5 {
		t.Errorf("JSON input %+v", o.Input)
	}
	// Without --standard: ISO 9001.
	decodeJSON(t, ok(t, dir, "audit-time", "--personnel", "10.5", "--json"), &o)
	if len(o.AuditTime.Standards) != 1 || o.AuditTime.Standards[0].Standard != scheme.ISO9001 || o.AuditTime.Standards[0].Base != 2.5 {
		t.Errorf("default standard: %+v", o.AuditTime.Standards)
	}
	// Suggestions: listed, applied on request.
	sys := []string{"audit-time", "--personnel", "20", "--standard", "42001", "--ai-role", "producer", "--ai-system", "high:autonomous:personal-data", "--ai-system", "minimal:assistive"}
	out = ok(t, dir, sys...)
	if !strings.Contains(out, "not applied") || !strings.Contains(out, "high-risk AI systems") {
		t.Errorf("suggestions not shown:\n%s", out)
	}
	decodeJSON(t, ok(t, dir, append(sys, "--accept-suggestions", "--json")...), &o)
	if st := o.AuditTime.Standards[0]; st.AdjustmentPercent != 30 || len(st.Adjustments) != 4 {
		t.Errorf("accepted suggestions: %+v", st)
	}
}

func TestAuditTimeBadInput(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	p := []string{"audit-time", "--personnel", "100"}
	for _, c := range []struct {
		want string
		args []string
	}{
		{"--personnel is required", []string{"audit-time"}},
		{"--personnel: effective personnel must be", []string{"audit-time", "--personnel", "0"}},
		{"invalid value \"many\" for flag -personnel", []string{"audit-time", "--personnel", "many"}},
		{"--adjust: the reductions for ISO 9001:2015 total 30.1 %, more than the 30 %", append(p, "--adjust", "-20:a", "--adjust", "-10.1:b")},
		{"--adjust: write \"+P:REASON\"", append(p, "--adjust", "10:no sign")},
		{"--adjust \"+10:\": give the reason", append(p, "--adjust", "+10:")},
		{"--adjust: the adjustment \"x\" is for ISO/IEC 42001:2023, which is not among the standards", append(p, "--adjust", "42001:+5:x")},
		{"--integration-reduction: an integrated audit may be reduced by at most 20 %", append(p, "--standard", "9001,27001", "--integrated", "--integration-reduction", "20.1")},
		{"--integration-reduction: a reduction for integration needs an integrated audit", append(p, "--standard", "9001,27001", "--integration-reduction", "10")},
		{"--integrated: an integrated audit combines several standards", append(p, "--integrated")},
		{"--standard: \"50001\" is not a standard", append(p, "--standard", "50001")},
		{"--ai-role: ISO/IEC 42001 audit time depends on the client's AI role", append(p, "--standard", "42001")},
		{"--ai-role: \"importer\" is not an AI role", append(p, "--standard", "42001", "--ai-role", "importer")},
		{"--ai-personnel: AI personnel (101) cannot exceed", append(p, "--standard", "42001", "--ai-role", "user", "--ai-personnel", "101")},
		{"--ai-system: write RISK:AUTONOMY", append(p, "--ai-system", "high")},
		{"--ai-system: \"extreme\" is not an EU AI Act risk class", append(p, "--standard", "42001", "--ai-role", "user", "--ai-system", "extreme:assistive")},
		{"--sites: several sites need one central function", append(p, "--sites", "A:3,B:4")},
		{"--sites \"A:x\": \"x\" is neither", append(p, "--sites", "A:x")},
	} {
		r := fails(t, dir, 2, c.want, c.args...)
		if r.stdout != "" {
			t.Errorf("%v: stdout %q", c.args, r.stdout)
		}
	}
	r := fails(t, dir, 2, "--adjust", append(p, "--adjust", "-31:x", "--json")...)
	var je struct {
		Error struct{ Kind, Message string }
	}
	decodeJSON(t, r.stdout, &je)
	if je.Error.Kind != "input" || !strings.Contains(je.Error.Message, "30 %") {
		t.Errorf("JSON error %+v", je)
	}
}

func TestAuditTimeAndSampleForAClient(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	walkThrough(t, dir) // client 1: 40 personnel, AI role provider, 42001
	var o auditTimeOut
	decodeJSON(t, ok(t, dir, "audit-time", "--client", "1", "--json"), &o)
	// AI personnel not on record: all 40 count; row 26–45 (4 days) against 6–10 (2): 3.5 × 2 = 7.
	if o.ClientID != 1 || len(o.AuditTime.Standards) != 1 || o.AuditTime.Standards[0].Standard != scheme.ISO42001 || o.AuditTime.Standards[0].Base != 7 {
		t.Errorf("client 1: %+v", o)
	}
	decodeJSON(t, ok(t, dir, "audit-time", "--client", "1", "--ai-personnel", "8", "--standard", "42001,9001", "--json"), &o)
	if len(o.AuditTime.Standards) != 2 || o.AuditTime.Standards[0].Base != 3.5 || o.AuditTime.Standards[1].Base != 4 {
		t.Errorf("client 1 with flags: %+v", o.AuditTime.Standards)
	}
	fails(t, dir, 2, "there is no client 99", "audit-time", "--client", "99")
	fails(t, dir, 2, "--client", "audit-time", "--client", "x")

	// A multi-site client: central HQ and five sites; a stage 1 in progress visits HQ and S2.
	as := []string{"--as", "Lena Lead", "--today", "2025-05-01"}
	ok(t, dir, append(as, "client", "add", "--name", "Multi AG", "--address", "Ring 1, Berlin", "--personnel", "120", "--ai-role", "user,provider",
		"--site", "HQ:Ring 1, Berlin:central:20", "--site", "S1:Weg 1:10", "--site", "S2:Weg 2:30", "--site", "S3:Weg 3:20",
		"--site", "S4:Weg 4:25", "--site", "S10:Weg 10:15")...)
	ok(t, dir, append(as, "certification", "add", "--client", "2", "--standard", "9001", "--scope", "Everything")...)
	ok(t, dir, append(as, "person", "add", "--name", "Nora Nine", "--roles", "lead-auditor", "--standards", "9001")...)
	ok(t, dir, append(as, "audit", "plan", "--certification", "2", "--kind", "stage1", "--start", "2025-05-05", "--days", "2", "--lead", "Nora Nine", "--site", "HQ,S2")...)
	ok(t, dir, append(as, "audit", "confirm", "3")...)
	ok(t, dir, "--as", "Lena Lead", "--today", "2025-05-05", "audit", "start", "3", "--date", "2025-05-05") // not before it happened

	decodeJSON(t, ok(t, dir, "audit-time", "--client", "2", "--json"), &o)
	var sum float64
	for _, s := range o.AuditTime.Sites {
		sum += s.Initial
	}
	if len(o.AuditTime.Sites) != 6 || o.AuditTime.Sites[0].Code != "HQ" || o.AuditTime.Sites[5].Code != "S10" || sum != o.AuditTime.Initial.Days ||
		o.AuditTime.Standards[0].Standard != scheme.ISO9001 || o.AuditTime.Standards[0].Base != 7 {
		t.Errorf("client 2: %+v", o.AuditTime)
	}

	var so struct {
		Sample   sampling.Sample    `json:"sample"`
		Sites    []sampling.SiteRef `json:"sites"`
		ClientID int                `json:"client_id"`
	}
	decodeJSON(t, ok(t, dir, "sample", "--client", "2", "--kind", "initial", "--seed", "5", "--json"), &so)
	s := so.Sample
	// n = 5: ⌈√5⌉ = 3, one at random; chosen first: the largest not visited (S2 was): S4 (25), S3 (20).
	if s.Sites != 5 || s.Size != 3 || s.Central != "HQ" || len(s.Random) != 1 || !slices.Equal(s.Preferred, []string{"S4", "S3"}) || s.Seed != 5 || so.ClientID != 2 {
		t.Errorf("sample %+v", s)
	}
	i := slices.IndexFunc(so.Sites, func(x sampling.SiteRef) bool { return x.Code == "S2" })
	if i < 0 || !so.Sites[i].VisitedInCycle {
		t.Errorf("S2 is not counted as visited: %+v", so.Sites)
	}
	out := ok(t, dir, "sample", "--client", "2", "--kind", "initial", "--seed", "5")
	for _, want := range []string{"Visit: HQ, ", "central function (every audit)", "drawn at random", "seed 5", "certctl sample --client 2 --kind initial --seed 5"} {
		if !strings.Contains(out, want) {
			t.Errorf("sample output lacks %q:\n%s", want, out)
		}
	}
	fails(t, dir, 2, "--standard: client 2 has no open ISO/IEC 42001:2023 certification", "sample", "--client", "2", "--kind", "initial", "--standard", "42001")
	fails(t, dir, 2, "client 1 has no sites on record", "sample", "--client", "1", "--kind", "initial")
}

func TestSample(t *testing.T) {
	cleanEnv(t)
	dir := filepath.Join(t.TempDir(), "never-created")
	type sampleOut struct {
		Sample sampling.Sample    `json:"sample"`
		Sites  []sampling.SiteRef `json:"sites"`
	}
	var a, b sampleOut
	decodeJSON(t, ok(t, dir, "sample", "--sites", "12", "--kind", "surveillance", "--seed", "7", "--visited", "S01,S02", "--json"), &a)
	s := a.Sample
	if s.Sites != 12 || s.Size != 3 || s.Central != "CF" || len(s.Random) != 1 || s.Seed != 7 || slices.Contains(s.Preferred, "S01") || s.Visit[0] != "CF" {
		t.Errorf("sample %+v", s)
	}
	decodeJSON(t, ok(t, dir, "sample", "--kind", "surveillance", "--visited", "S02", "--seed", "7", "--sites", "12", "--visited", "S01", "--json"), &b)
	if !slices.Equal(a.Sample.Chosen, b.Sample.Chosen) || !slices.Equal(a.Sample.Random, b.Sample.Random) {
		t.Errorf("the same seed drew %v, then %v", a.Sample.Chosen, b.Sample.Chosen)
	}
	// Without --seed a new seed is printed, and drawing with it shows the same.
	decodeJSON(t, ok(t, dir, "sample", "--sites", "40", "--kind", "initial", "--json"), &a)
	if a.Sample.Seed >= 1<<53 {
		t.Errorf("seed %d is not exact in JSON", a.Sample.Seed)
	}
	out := ok(t, dir, "sample", "--sites", "40", "--kind", "initial", "--seed", strconv.FormatUint(a.Sample.Seed, 10))
	if !strings.Contains(out, "Visit: CF, "+strings.Join(a.Sample.Chosen, ", ")+"\n") {
		t.Errorf("redraw with seed %d:\n%s\nwant %v", a.Sample.Seed, out, a.Sample.Chosen)
	}
	// n = 0: the central function alone.
	decodeJSON(t, ok(t, dir, "sample", "--sites", "0", "--kind", "recertification", "--json"), &a)
	if a.Sample.Size != 0 || !slices.Equal(a.Sample.Visit, []string{"CF"}) {
		t.Errorf("no sites: %+v", a.Sample)
	}
	for _, c := range []struct {
		want string
		args []string
	}{
		{"--kind is required", []string{"sample", "--sites", "3"}},
		{"--kind: \"stage2\" is not a kind of sample", []string{"sample", "--sites", "3", "--kind", "stage2"}},
		{"give either --sites N or --client ID", []string{"sample", "--kind", "initial"}},
		{"give either --sites N or --client ID", []string{"sample", "--kind", "initial", "--sites", "3", "--client", "1"}},
		{"--seed: \"-4\" is not a whole number", []string{"sample", "--kind", "initial", "--sites", "3", "--seed", "-4"}},
		{"--visited: there is no site \"S9\"", []string{"sample", "--kind", "initial", "--sites", "3", "--visited", "S9"}},
		{"--standard needs --client", []string{"sample", "--kind", "initial", "--sites", "3", "--standard", "9001"}},
	} {
		fails(t, dir, 2, c.want, c.args...)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("sample --sites touched the data folder: %v", err)
	}
}

// The audit package spells roles, risk classes, autonomy and standards
// as the certification package does (it cannot import it).
func TestAuditNamesMatchTheRecords(t *testing.T) {
	for _, r := range certification.AIRoles {
		if !slices.Contains(scheme.AIRoleNames, string(r)) {
			t.Errorf("AI role %q unknown to package audit", r)
		}
	}
	for _, r := range certification.RiskClasses {
		if !slices.Contains(scheme.RiskClassNames, string(r)) {
			t.Errorf("risk class %q unknown to package audit", r)
		}
	}
	for _, a := range certification.Autonomies {
		if !slices.Contains(scheme.AutonomyNames, string(a)) {
			t.Errorf("autonomy %q unknown to package audit", a)
		}
	}
	for _, s := range certification.Standards {
		if got, err := audittime.NormalizeStandard(string(s)); err != nil || got != string(s) {
			t.Errorf("standard %q: %q, %v", s, got, err)
		}
		if got, _ := audittime.NormalizeStandard(s.Short()); got != string(s) {
			t.Errorf("standard %q: short form gives %q", s, got)
		}
	}
	if len(scheme.AIRoleNames) != len(certification.AIRoles) || len(audittime.TimeStandards) != len(certification.Standards) {
		t.Error("the lists differ in length")
	}
}

func TestAuditTimeHelp(t *testing.T) {
	cleanEnv(t)
	dir := t.TempDir()
	out := ok(t, dir, "help")
	if !strings.Contains(out, "audit-time") || !strings.Contains(out, "sample") {
		t.Errorf("overview:\n%s", out)
	}
	for _, v := range []string{"audit-time", "sample"} {
		out := ok(t, dir, "help", v)
		if !strings.Contains(out, "usage: certctl "+v) || !strings.Contains(out, "flags:") {
			t.Errorf("help %s:\n%s", v, out)
		}
	}
}

// One auditor-day is written in the singular, every other number in the
// plural (audittime.DayUnit), in the justification and in audit show
// (issue 19: "1 auditor-days").
func TestOneAuditorDayIsSingular(t *testing.T) {
	cleanEnv(t)
	out := ok(t, filepath.Join(t.TempDir(), "never-created"), "audit-time", "--personnel", "1", "--standard", "9001")
	for _, want := range []string{"stage 2 1 auditor-day.", "→ 0.5 auditor-days (4 hours)", "Recertification: 2/3 of the initial time → 1 auditor-day (8 hours)."} {
		if !strings.Contains(out, want) {
			t.Errorf("audit-time lacks %q:\n%s", want, out)
		}
	}
	_, dir := demoBeside(t, "6")
	out = ok(t, dir, "audit", "show", "1") // a one-day stage 1
	if !strings.Contains(out, "2020-06-16 to 2020-06-16, 1 auditor-day\n") || strings.Contains(out, "1 auditor-days") {
		t.Errorf("audit show:\n%s", out)
	}
}
