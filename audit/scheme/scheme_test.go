package scheme

import (
	"slices"
	"testing"
)

// The spellings are stored in records and JSON: they must not change,
// and each list names each value once.
func TestSpellings(t *testing.T) {
	for _, tc := range []struct {
		name string
		list []string
		want []string
	}{
		{"standards", StandardNames, []string{"ISO/IEC 42001:2023", "ISO 9001:2015", "ISO/IEC 27001:2022"}},
		{"AI roles", AIRoleNames, []string{"producer", "provider", "developer", "user", "partner"}},
		{"risk classes", RiskClassNames, []string{"prohibited", "high", "limited", "minimal"}},
		{"autonomy", AutonomyNames, []string{"assistive", "human-in-the-loop", "human-on-the-loop", "autonomous"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !slices.Equal(tc.list, tc.want) {
				t.Errorf("got %q, want %q", tc.list, tc.want)
			}
			seen := map[string]bool{}
			for _, n := range tc.list {
				if seen[n] {
					t.Errorf("%q listed twice", n)
				}
				seen[n] = true
			}
		})
	}
}
