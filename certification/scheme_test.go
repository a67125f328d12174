package certification_test

import (
	"slices"
	"testing"

	"certdesk/audit/scheme"
	. "certdesk/certification"
)

// The domain's typed names are the scheme's spellings, in the same order,
// so that audit time (which reads them as strings) and the records agree.
func TestTypedNamesAreTheSchemesSpellings(t *testing.T) {
	for _, tc := range []struct {
		name       string
		typed, raw []string
	}{
		{"standards", strs(Standards), scheme.StandardNames},
		{"AI roles", strs(AIRoles), scheme.AIRoleNames},
		{"risk classes", strs(RiskClasses), scheme.RiskClassNames},
		{"autonomy", strs(Autonomies), scheme.AutonomyNames},
	} {
		if !slices.Equal(tc.typed, tc.raw) {
			t.Errorf("%s: certification has %q, scheme %q", tc.name, tc.typed, tc.raw)
		}
	}
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}
