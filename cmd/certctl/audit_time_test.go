package main

import (
	"encoding/json"
	"slices"
	"testing"
)

// TestAuditTimeGate: planning below the required time is refused until a
// justification is given; the contract's adjustments lower the time;
// finish needs a reason for a shortfall; audit time shows the facts.
func TestAuditTimeGate(t *testing.T) {
	dir := walkedFolder(t, walkThrough) // stage 2 (audit 2) planned at 5 days, its required time
	as := []string{"--as", "Lena Lead", "--today", "2025-02-15"}
	var got struct {
		AuditTime struct {
			Required struct {
				HasMinimum bool    `json:"has_minimum"`
				Days       float64 `json:"days"`
			} `json:"required"`
			Planned      float64 `json:"planned_days"`
			Actual       float64 `json:"actual_days"`
			BelowMinimum bool    `json:"below_minimum"`
		} `json:"audit_time"`
	}
	if err := json.Unmarshal([]byte(ok(t, dir, append(as, "audit", "time", "2", "--json")...)), &got); err != nil {
		t.Fatal(err)
	}
	if a := got.AuditTime; !a.Required.HasMinimum || a.Required.Days != 5 || a.Planned != 5 || a.Actual != 5 || a.BelowMinimum {
		t.Errorf("facts %+v", a)
	}

	// A surveillance after the grant: 7 days initial → 2.5 each year.
	ok(t, dir, "--as", "Lena Lead", "--today", "2025-03-05", "finding", "respond", "1", "--root-cause", "No trigger", "--correction", "Assessed", "--action", "Trigger added", "--date", "2025-02-20")
	ok(t, dir, "--as", "Lena Lead", "--today", "2025-03-05", "finding", "accept", "1", "--date", "2025-02-22")
	ok(t, dir, "--as", "Lena Lead", "--today", "2025-03-05", "finding", "verify", "1", "--method", "documents", "--date", "2025-03-01")
	ok(t, dir, "--as", "Lena Lead", "--today", "2025-03-05", "decide", "--certification", "1", "--kind", "grant", "--maker", "Dora Decider", "--reasons", "File complete", "--date", "2025-03-05")
	as = []string{"--as", "Lena Lead", "--today", "2025-03-10"}
	plan := append(as, "audit", "plan", "--certification", "1", "--kind", "surveillance", "--start", "2026-02-02", "--lead", "Lena Lead")
	fails(t, dir, 1, "refused by rule audit-time-minimum: Surveillance requires 2.5 auditor-days (IAF MD 5, after the contract's adjustments), the plan has 2", append(plan, "--days", "2")...)
	// The contract agrees a reduction: 7 × 0.8 = 5.6 → 5.5, surveillance 2.
	fails(t, dir, 2, "reductions for ISO/IEC 42001:2023 total 30.5 %", append(as, "certification", "audit-time", "1", "--adjust", "-20:one site", "--adjust", "-10.5:mature system")...)
	ok(t, dir, append(as, "certification", "audit-time", "1", "--adjust", "-20:one site, low AI complexity")...)
	ok(t, dir, append(plan, "--days", "2")...) // audit 3
	fails(t, dir, 1, "Surveillance requires 2 auditor-days", append(as, "audit", "time", "3", "--days", "1.5")...)
	ok(t, dir, append(as, "audit", "time", "3", "--days", "1.5", "--time-justification", "Only the AI unit changed; agreed with the client on 2025-03-10")...)
	ok(t, dir, append(as, "audit", "confirm", "3")...)
	ok(t, dir, append(as, "--today", "2026-02-02", "audit", "start", "3", "--date", "2026-02-02")...)
	fin := append(as, "--today", "2026-02-02", "audit", "finish", "3", "--date", "2026-02-02", "--recommendation", "maintain", "--days", "1")
	fails(t, dir, 1, "refused by rule audit-time-shortfall", fin...)
	answerDue(t, dir, append(slices.Clone(as), "--today", "2026-02-02"), "3")
	ok(t, dir, append(fin, "--shortfall-reason", "The client's AI lead fell ill on the afternoon")...)
}
