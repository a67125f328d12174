package view_test

import (
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

func TestCycleTimeline(t *testing.T) {
	// Granted 2023-05-10 (cycle 1), recertified 2026-04-01 (cycle 2).
	f := grantedFile("2023-05-10")
	f.Certification.Applied = d("2023-01-05")
	f.Certification.Cycles = append(f.Certification.Cycles, Cycle{Number: 2, Start: d("2026-05-10"), Decided: d("2026-04-01"), Expiry: d("2029-05-09"), DecisionID: 3})
	f.Certificates = append(f.Certificates, Certificate{ID: 101, Number: "CD-1", Revision: 2, IssueDate: d("2026-04-01"), Expiry: d("2029-05-09")})
	f.Certificates[0].SupersededOn = d("2026-04-01")
	team := []TeamMember{{PersonID: 7, Role: TeamLead}}
	f.Audits = []Audit{
		{ID: 1, Kind: Stage2, Cycle: 1, Status: AuditClosed, PlannedStart: d("2023-04-03"), PlannedEnd: d("2023-04-04"), ActualStart: d("2023-04-03"), ActualEnd: d("2023-04-05"),
			Recommendation: RecommendGrant, PlannedDays: 2, ActualDays: 2.5, Team: team},
		{ID: 2, Kind: Recertification, Cycle: 1, Status: AuditClosed, PlannedStart: d("2026-03-02"), PlannedEnd: d("2026-03-02"), ActualStart: d("2026-03-02"), ActualEnd: d("2026-03-02"), Team: team},
		{ID: 3, Kind: Surveillance, Cycle: 2, Status: AuditCancelled, PlannedStart: d("2026-09-01"), PlannedEnd: d("2026-09-02")},
		{ID: 4, Kind: Special, Cycle: 2, Status: AuditPlanned, PlannedStart: d("2026-11-02"), PlannedEnd: d("2026-11-02")},
		{ID: 5, Kind: Surveillance, Cycle: 2, Status: AuditConfirmed, PlannedStart: d("2027-04-06"), PlannedEnd: d("2027-04-07")},
	}
	f.Findings = []Finding{
		{ID: 1, AuditID: 1, Grade: Minor, Response: &Response{}, Review: &Review{Accepted: true}},
		{ID: 2, AuditID: 1, Grade: Observation}, {ID: 3, AuditID: 1, Grade: Observation},
		{ID: 4, AuditID: 2, Grade: Major},
	}
	f.Decisions = append(f.Decisions, Decision{ID: 3, Kind: Renew, Date: d("2026-04-01"), Reasons: "Renewed on the team's recommendation\nsecond line"},
		Decision{ID: 4, Kind: ReduceScope, Date: d("2026-10-01"), NewScope: "AI only"})
	obs := []Obligation{
		{Label: "Surveillance 1", Due: d("2027-05-10"), WindowStart: d("2027-02-10"), State: StateUpcoming},
		{Label: "Done", Due: d("2026-12-01"), Done: true, State: StateDone},
		{Label: "Lapsed", Due: d("2026-12-01"), State: StateLapsed},
		{Label: "Not open", Due: d("2026-12-01"), State: StateNotOpen},
		{Label: "Overdue", Due: d("2026-11-01"), WindowStart: d("2026-10-01"), State: StateOverdue},
	}
	people := map[ID]Person{7: {ID: 7, Name: "Lena Lead"}}
	tl := view.CycleTimeline(f, obs, people, d("2026-11-24"))

	line := func(e view.TimelineEvent) string {
		return strings.Join([]string{e.Date.String(), e.Kind.Label(), e.Text, e.Status}, " | ")
	}
	wantPast := []struct {
		line string
		tone Tone
	}{
		{"2023-01-05 | Application | Application for ISO/IEC 42001:2023 | received", ToneNeutral},
		{"2023-04-03 | Audit | Stage 2 · 2023-04-03 to 2023-04-05 · recommends grant · 1 minor, 2 observations · lead Lena Lead · 2.5 auditor-days | Closed", ToneGood},
		{"2023-05-10 | Decision | Grant: opens cycle 1, valid to 2026-05-09 | Granted", ToneGood},
		{"2023-05-10 | Certificate | Certificate CD-1 issued, expires 2026-05-09 | Superseded", ToneMuted},
		{"2026-03-02 | Audit | Recertification · 1 major (1 open) · lead Lena Lead | Closed", ToneGood},
		{"2026-04-01 | Decision | Renew (recertify): opens cycle 2, valid to 2029-05-09 — Renewed on the team's recommendation | Renewed", ToneGood},
		{"2026-04-01 | Certificate | Certificate CD-1 revision 2 issued, expires 2029-05-09 | Active", ToneGood},
		{"2026-09-01 | Audit | Surveillance · 2026-09-01 to 2026-09-02 | Cancelled", ToneMuted},
		{"2026-10-01 | Decision | Reduce scope: new scope AI only | Scope reduced", ToneNeutral},
	}
	wantNext := []struct {
		line string
		tone Tone
	}{
		{"2026-11-01 | Due | Overdue | Overdue", ToneAlert},
		{"2026-11-02 | Audit | Special / short-notice | Planned", ToneAlert},
		{"2027-04-06 | Audit | Surveillance · 2027-04-06 to 2027-04-07 | Confirmed", ToneActive},
		{"2027-05-10 | Due | Surveillance 1 · from 2027-02-10 | Upcoming", ToneNeutral},
	}
	if len(tl.Past) != len(wantPast) || len(tl.Next) != len(wantNext) {
		for _, e := range append(tl.Past, tl.Next...) {
			t.Log(line(e))
		}
		t.Fatalf("%d past and %d next entries, want %d and %d", len(tl.Past), len(tl.Next), len(wantPast), len(wantNext))
	}
	for i, w := range wantPast {
		if got := line(tl.Past[i]); got != w.line || tl.Past[i].Tone != w.tone {
			t.Errorf("past %d:\n got %s (tone %d)\nwant %s (tone %d)", i, got, tl.Past[i].Tone, w.line, w.tone)
		}
	}
	for i, w := range wantNext {
		if got := line(tl.Next[i]); got != w.line || tl.Next[i].Tone != w.tone {
			t.Errorf("next %d:\n got %s (tone %d)\nwant %s (tone %d)", i, got, tl.Next[i].Tone, w.line, w.tone)
		}
	}
	if tl.Past[1].AuditID != 1 || tl.Past[2].Decision == nil || tl.Past[2].Decision.ID != 1 {
		t.Error("an audit line does not name its audit, or a decision line its decision")
	}
	// The current cycle's story starts with its recertification audit.
	if tl.Cutoff != d("2026-03-02") || tl.Earlier() != 4 {
		t.Errorf("cutoff %s with %d earlier entries, want 2026-03-02 and 4", tl.Cutoff, tl.Earlier())
	}
	// In the first cycle there is nothing earlier.
	if first := view.CycleTimeline(grantedFile("2025-05-06"), nil, nil, d("2025-06-01")); first.Cutoff != 0 || first.Earlier() != 0 {
		t.Errorf("first cycle: cutoff %s, %d earlier", first.Cutoff, first.Earlier())
	}
}

func TestFindingSummary(t *testing.T) {
	open, closed := Finding{Grade: Minor}, Finding{Grade: Minor, Response: &Response{}, Review: &Review{Accepted: true}}
	for _, tc := range []struct {
		xs   []Finding
		want string
	}{
		{nil, ""},
		{[]Finding{open}, "1 minor (1 open)"},
		{[]Finding{closed, open, {Grade: Major}}, "1 major (1 open), 2 minor (1 open)"},
		{[]Finding{{Grade: Observation}}, "1 observation"},
		{[]Finding{{Grade: Observation}, {Grade: Observation}, {Grade: OFI}, {Grade: OFI}, {Grade: Positive}}, "2 OFI, 2 observations, 1 positive"},
	} {
		var ptrs []*Finding
		for i := range tc.xs {
			ptrs = append(ptrs, &tc.xs[i])
		}
		if got := view.FindingSummary(ptrs); got != tc.want {
			t.Errorf("view.FindingSummary = %q, want %q", got, tc.want)
		}
	}
}
