package certification

import "testing"

// One colour language: a checklist result reads as the grade it records (so
// the checklist and the findings list colour them alike), and a finding's
// status and an audit's state use the same tones.
func TestTones(t *testing.T) {
	today := NewDate(2026, 6, 10)
	audit := func(s AuditStatus, start Date) *Audit { return &Audit{Status: s, PlannedStart: start} }
	for _, tc := range []struct {
		what      string
		got, want Tone
	}{
		{"result major", ResultMajor.Tone(), ToneAlert},
		{"grade major", Major.Tone(), ToneAlert},
		{"result minor", ResultMinor.Tone(), ToneWarning},
		{"grade minor", Minor.Tone(), ToneWarning},
		{"result OFI", ResultOFI.Tone(), ToneActive},
		{"grade OFI", OFI.Tone(), ToneActive},
		{"result conform", ResultConform.Tone(), ToneGood},
		{"grade positive", Positive.Tone(), ToneGood},
		{"an observation", Observation.Tone(), ToneMuted},
		{"an item not audited", ChecklistResult("").Tone(), ToneMuted},
		{"an unknown grade", Grade("nonsense").Tone(), ToneNeutral},

		{"minor responded", FindingResponded.Tone(Minor), ToneActive},
		{"major plan rejected", FindingPlanRejected.Tone(Major), ToneWarning},
		{"major plan accepted", FindingPlanAccepted.Tone(Major), ToneActive}, // the body still verifies it
		{"minor plan accepted", FindingPlanAccepted.Tone(Minor), ToneGood},
		{"major verified", FindingVerified.Tone(Major), ToneGood},
		{"OFI no action", FindingNoAction.Tone(OFI), ToneMuted},
		{"minor awaiting response", FindingAwaitingResponse.Tone(Minor), ToneNeutral},

		{"planned audit, late", audit(AuditPlanned, NewDate(2026, 6, 9)).Tone(today), ToneAlert},
		{"confirmed audit, late", audit(AuditConfirmed, NewDate(2026, 6, 9)).Tone(today), ToneAlert},
		{"confirmed audit starting today", audit(AuditConfirmed, today).Tone(today), ToneNeutral},
		{"audit in progress", audit(AuditInProgress, NewDate(2026, 6, 1)).Tone(today), ToneActive},
		{"report drafted", audit(AuditReportDrafted, NewDate(2026, 6, 1)).Tone(today), ToneWarning},
		{"audit closed", audit(AuditClosed, NewDate(2026, 6, 1)).Tone(today), ToneGood},
		{"audit cancelled", audit(AuditCancelled, NewDate(2026, 6, 1)).Tone(today), ToneMuted},
	} {
		if tc.got != tc.want {
			t.Errorf("%s: tone %d, want %d", tc.what, tc.got, tc.want)
		}
	}
	// Only a planned or confirmed audit whose start has passed is late.
	for _, tc := range []struct {
		a    *Audit
		late bool
	}{
		{audit(AuditPlanned, NewDate(2026, 6, 9)), true},
		{audit(AuditConfirmed, NewDate(2026, 6, 9)), true},
		{audit(AuditConfirmed, today), false},
		{audit(AuditInProgress, NewDate(2026, 6, 1)), false},
		{audit(AuditReportDrafted, NewDate(2026, 6, 1)), false},
		{audit(AuditClosed, NewDate(2026, 6, 1)), false},
		{audit(AuditCancelled, NewDate(2026, 6, 1)), false},
	} {
		if got := tc.a.LateToStart(today); got != tc.late {
			t.Errorf("%s audit starting %s: late %v, want %v", tc.a.Status, tc.a.PlannedStart, got, tc.late)
		}
	}
}
