package certification

import (
	"encoding/json"
	"testing"
)

// Every status and state has its own wording (no raw identifier shows).
func TestLabels(t *testing.T) {
	seen := map[string]string{}
	check := func(what, id, label string) {
		t.Helper()
		if label == "" || label == id {
			t.Errorf("%s %q has no wording (%q)", what, id, label)
		}
		if other, dup := seen[what+label]; dup {
			t.Errorf("%s %q and %q are both worded %q", what, id, other, label)
		}
		seen[what+label] = id
	}
	for _, s := range AuditStatuses {
		check("audit status", string(s), s.Label())
	}
	for _, s := range []CertificateStatus{CertActive, CertSuspended, CertWithdrawn, CertExpired, CertSuperseded, CertNotYet} {
		check("certificate status", string(s), s.Label())
	}
	for _, s := range []ObligationState{StateUpcoming, StateDueSoon, StateOverdue, StateDone, StateLapsed, StateNotOpen} {
		check("state", string(s), s.Label())
	}
	for _, s := range []FindingStatus{FindingAwaitingResponse, FindingResponded, FindingPlanRejected, FindingPlanAccepted, FindingVerified, FindingNoAction} {
		check("finding status", string(s), s.Label(Minor))
	}
	if got := FindingPlanAccepted.Label(Major); got != "Awaiting verification" {
		t.Errorf("an accepted plan of a major: %q", got)
	}
}

// A policy stored before a setting existed reads that setting's default.
func TestPolicyDecodesOverDefaults(t *testing.T) {
	var p Policy
	if err := json.Unmarshal([]byte(`{"response_days": 45, "body_name": "Old Body"}`), &p); err != nil {
		t.Fatal(err)
	}
	want := DefaultPolicy()
	want.ResponseDays, want.BodyName = 45, "Old Body"
	if p != want {
		t.Fatalf("decoded %+v, want %+v", p, want)
	}
	if err := json.Unmarshal([]byte(`{"respnse_days": 45}`), &p); err == nil {
		t.Error("an unknown setting was accepted")
	}
}

// The short labels of narrow columns and lists, each beside its long one.
func TestShortLabels(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Major.ShortLabel(), "Major NC"},
		{Minor.ShortLabel(), "Minor NC"},
		{OFI.ShortLabel(), "OFI"},
		{Observation.ShortLabel(), "Observation"},
		{Positive.ShortLabel(), "Positive"},
		{Grade("other").ShortLabel(), "other"},
		{AIRisk.Label(), "AI risk assessment and treatment"},
		{AIRisk.ShortLabel(), "AI risk"},
		{AIData.Label(), "Data quality and provenance"},
		{AIData.ShortLabel(), "data quality"},
		{AILifecycle.Label(), "AI system life cycle and technology"},
		{AILifecycle.ShortLabel(), "AI life cycle"},
		{AIEthics.Label(), "Ethics and impact assessment"},
		{AIEthics.ShortLabel(), "ethics and impact"},
		{AIRegulation.Label(), "AI regulation (EU AI Act) and sector law"},
		{AIRegulation.ShortLabel(), "AI regulation"},
		{AIArea("other").ShortLabel(), "other"},
		{AIProvider.Label(), "AI provider"},
		{RiskHigh.Label(), "High"},
		{AutonomyHumanInLoop.Label(), "Human in the loop"},
		{Stage1Ready.Label(), "ready for stage 2"},
		{RecommendNotYet.Label(), "Not until the nonconformities are closed"},
		{Recommendation("unknown").Label(), "unknown"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}

// Every recommendation has its own label.
func TestRecommendationLabels(t *testing.T) {
	for _, r := range Recommendations {
		if r.Label() == string(r) {
			t.Errorf("recommendation %s has no label", r)
		}
	}
}
