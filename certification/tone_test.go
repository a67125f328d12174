package certification

import "testing"

// A checklist result reads as the grade it records, so the checklist and
// the findings list colour them alike.
func TestGradeAndResultTones(t *testing.T) {
	for _, tc := range []struct {
		result ChecklistResult
		grade  Grade
		want   Tone
	}{
		{ResultMajor, Major, ToneAlert},
		{ResultMinor, Minor, ToneWarning},
		{ResultOFI, OFI, ToneActive},
		{ResultConform, Positive, ToneGood},
	} {
		if got := tc.result.Tone(); got != tc.want {
			t.Errorf("result %s: tone %d, want %d", tc.result, got, tc.want)
		}
		if got := tc.grade.Tone(); got != tc.want {
			t.Errorf("grade %s: tone %d, want %d", tc.grade, got, tc.want)
		}
	}
	if got := Observation.Tone(); got != ToneMuted {
		t.Errorf("an observation: tone %d, want muted", got)
	}
	if got := ChecklistResult("").Tone(); got != ToneMuted {
		t.Errorf("an item not audited: tone %d, want muted", got)
	}
	if got := Grade("nonsense").Tone(); got != ToneNeutral {
		t.Errorf("an unknown grade: tone %d, want neutral", got)
	}
}

func TestFindingStatusAndAuditTones(t *testing.T) {
	for _, tc := range []struct {
		status FindingStatus
		grade  Grade
		want   Tone
	}{
		{FindingResponded, Minor, ToneActive},
		{FindingPlanRejected, Major, ToneWarning},
		{FindingPlanAccepted, Major, ToneActive}, // the body still verifies it
		{FindingPlanAccepted, Minor, ToneGood},
		{FindingVerified, Major, ToneGood},
		{FindingNoAction, OFI, ToneMuted},
		{FindingAwaitingResponse, Minor, ToneNeutral},
	} {
		if got := tc.status.Tone(tc.grade); got != tc.want {
			t.Errorf("%s %s: tone %d, want %d", tc.grade, tc.status, got, tc.want)
		}
	}
	today := NewDate(2026, 6, 10)
	for _, tc := range []struct {
		status AuditStatus
		start  Date
		late   bool
		want   Tone
	}{
		{AuditPlanned, NewDate(2026, 6, 9), true, ToneAlert},
		{AuditConfirmed, NewDate(2026, 6, 9), true, ToneAlert},
		{AuditConfirmed, today, false, ToneNeutral},
		{AuditInProgress, NewDate(2026, 6, 1), false, ToneActive},
		{AuditReportDrafted, NewDate(2026, 6, 1), false, ToneWarning},
		{AuditClosed, NewDate(2026, 6, 1), false, ToneGood},
		{AuditCancelled, NewDate(2026, 6, 1), false, ToneMuted},
	} {
		a := &Audit{Status: tc.status, PlannedStart: tc.start}
		if got := a.LateToStart(today); got != tc.late {
			t.Errorf("%s audit starting %s: late %v, want %v", tc.status, tc.start, got, tc.late)
		}
		if got := a.Tone(today); got != tc.want {
			t.Errorf("%s audit starting %s: tone %d, want %d", tc.status, tc.start, got, tc.want)
		}
	}
}
