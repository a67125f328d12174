package main

import (
	"strings"
	"testing"
)

func TestIntegratedAudit(t *testing.T) {
	cleanEnv(t)
	withKeys(t)
	dir := t.TempDir()
	as := []string{"--as", "Lena Lead", "--today", "2025-01-06"}
	ok(t, dir, "person add", "--name", "Lena Lead", "--roles", "lead-auditor,auditor", "--standards", "42001,9001", "--sectors", "33", "--ai-areas", "ai-risk,ai-lifecycle")
	ok(t, dir, append(as, "client", "add", "--name", "Acme AI GmbH", "--address", "Hafenstraße 1, Hamburg", "--personnel", "40", "--sector", "33", "--ai-role", "provider")...)
	ok(t, dir, append(as, "client", "add", "--name", "Beta Bank AG", "--address", "Ring 2, Berlin", "--personnel", "30", "--sector", "32")...)
	ok(t, dir, append(as, "certification", "add", "--client", "1", "--standard", "42001", "--scope", "AI document classification")...) // 1
	ok(t, dir, append(as, "certification", "add", "--client", "1", "--standard", "9001", "--scope", "Document services")...)           // 2
	ok(t, dir, append(as, "certification", "add", "--client", "2", "--standard", "9001", "--scope", "Retail banking")...)              // 3
	plan := append(as, "audit", "plan", "--certification", "1", "--kind", "stage1", "--start", "2025-02-03", "--end", "2025-02-04", "--days", "3", "--lead", "Lena Lead")

	// Refusals: another client's certification; a bad DAYS; the same standard.
	fails(t, dir, 1, "refused by rule integrated-audit: certification 3 (ISO 9001:2015) is Beta Bank AG's, not Acme AI GmbH's", append(plan, "--integrate", "3")...)
	fails(t, dir, 2, `"x" is not a number of auditor-days`, append(plan, "--integrate", "2:x")...)
	fails(t, dir, 1, "both ISO/IEC 42001:2023", append(plan, "--integrate", "1")...)

	out := ok(t, dir, append(plan, "--integrate", "2:1.5")...)
	for _, want := range []string{
		"Planned audit 1: Stage 1 of certification 1 (ISO/IEC 42001:2023, cycle 1), 2025-02-03 to 2025-02-04, 3 auditor-days, now planned.",
		"Planned audit 2: Stage 1 of certification 2 (ISO 9001:2015, cycle 1), 2025-02-03 to 2025-02-04, 1.5 auditor-days, now planned.",
		"Integrated audit: audits 1 (42001), 2 (9001)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("plan output lacks %q:\n%s", want, out)
		}
	}
	out = ok(t, dir, "audit", "show", "2")
	if !strings.Contains(out, "Integrated with: audit 1, Stage 1 of certification 1 (ISO/IEC 42001:2023), planned") {
		t.Errorf("audit show does not list the other audit:\n%s", out)
	}
	var shown struct {
		Audit struct {
			IntegratedWith []int `json:"integrated_with"`
		} `json:"audit"`
	}
	decodeJSON(t, ok(t, dir, "audit", "show", "1", "--json"), &shown)
	if len(shown.Audit.IntegratedWith) != 1 || shown.Audit.IntegratedWith[0] != 2 {
		t.Errorf("json integrated_with = %v", shown.Audit.IntegratedWith)
	}

	// Cancelling one cancels the visit.
	ok(t, dir, append(as, "audit", "cancel", "2")...)
	if out := ok(t, dir, "audit", "show", "1"); !strings.Contains(out, "Status:   cancelled") {
		t.Errorf("audit 1 not cancelled with the visit:\n%s", out)
	}

	// A new integrated audit (JSON), from which 9001 then leaves: cancelling
	// the 42001 audit leaves the 9001 audit planned.
	var planned struct {
		Audits []struct {
			ID             int   `json:"id"`
			IntegratedWith []int `json:"integrated_with"`
		} `json:"audits"`
	}
	decodeJSON(t, ok(t, dir, append(plan, "--integrate", "2", "--json")...), &planned)
	if len(planned.Audits) != 2 || planned.Audits[0].ID != 3 || planned.Audits[1].IntegratedWith[0] != 3 {
		t.Fatalf("json plan = %+v", planned)
	}
	out = ok(t, dir, append(as, "audit", "leave-integrated", "4")...)
	if !strings.Contains(out, "Separated audit 4") {
		t.Errorf("leave-integrated output: %s", out)
	}
	fails(t, dir, 1, "audit 4 is not part of an integrated audit", append(as, "audit", "leave-integrated", "4")...)
	ok(t, dir, append(as, "audit", "cancel", "3")...)
	if out := ok(t, dir, "audit", "show", "4"); !strings.Contains(out, "Status:   planned") || strings.Contains(out, "Integrated with") {
		t.Errorf("audit 4 after leaving:\n%s", out)
	}
}
