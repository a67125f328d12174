package audittime

import (
	"regexp"
	"testing"
)

// One auditor-day is singular; every other number, fractions and zero
// included, takes the plural (issue 19: "1 auditor-days").
func TestAuditorDays(t *testing.T) {
	for _, tc := range []struct {
		d    float64
		want string
	}{
		{0, "0 auditor-days"},
		{0.5, "0.5 auditor-days"},
		{1, "1 auditor-day"},
		{1.5, "1.5 auditor-days"},
		{2, "2 auditor-days"},
		{11, "11 auditor-days"},
	} {
		if got := AuditorDays(tc.d); got != tc.want {
			t.Errorf("AuditorDays(%g) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// The justification writes every number of auditor-days through
// AuditorDays: a client of one person needs 1 auditor-day for its stage 2
// and a half for stage 1, and no line says "1 auditor-days".
func TestJustificationSaysOneAuditorDay(t *testing.T) {
	res, err := Calculate(Input{Standards: []string{"ISO 9001:2015"}, EffectivePersonnel: 1})
	if err != nil {
		t.Fatal(err)
	}
	plural := regexp.MustCompile(`(^|[^0-9.])1 auditor-days`)
	singular := regexp.MustCompile(`(^|[^0-9.])1 auditor-day\b`)
	found := false
	for _, line := range res.Justification {
		if plural.MatchString(line) {
			t.Errorf("justification says %q", line)
		}
		found = found || singular.MatchString(line)
	}
	if !found {
		t.Errorf("no line gives 1 auditor-day:\n%v", res.Justification)
	}
}
