package certification

import (
	"errors"
	"testing"
)

func TestRecommendationFitsKind(t *testing.T) {
	cases := []struct {
		kind AuditKind
		rec  Recommendation
		ok   bool
	}{
		{Stage2, RecommendGrant, true},
		{Stage2, RecommendNotYet, true},
		{Stage2, RecommendRefuse, true},
		{Stage2, RecommendMaintain, false},
		{Stage2, RecommendRenew, false},
		{Stage2, RecommendSuspend, false},
		{Recertification, RecommendRenew, true},
		{Recertification, RecommendGrant, false},
		{Surveillance, RecommendMaintain, true},
		{Surveillance, RecommendSuspend, true},
		{Surveillance, RecommendGrant, false},
		{Special, RecommendScopeChange, true},
		{FollowUp, RecommendGrant, true},
		{Special, RecommendSuspend, true},
		{Stage1, RecommendGrant, false},
		{Stage1, "", true},
	}
	for _, c := range cases {
		err := checkRecommendation(&Audit{ID: 4, Kind: c.kind}, c.rec)
		if (err == nil) != c.ok {
			t.Errorf("%s recommending %q: got %v, want ok=%v", c.kind, c.rec, err, c.ok)
		}
		var ve *ValidationError
		if err != nil && (!errors.As(err, &ve) || ve.Field != "recommendation") {
			t.Errorf("%s recommending %q: got %v, want a recommendation field error", c.kind, c.rec, err)
		}
	}
}
