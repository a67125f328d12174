package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Every AI area person add's help offers is one the register takes
// (issue 19: the help offered ai-data, ai-ethics and ai-regulation, which
// it then refused), and a value it does not offer is refused.
func TestPersonAddHelpOffersOnlyAcceptedAIAreas(t *testing.T) {
	cleanEnv(t)
	withKeys(t)
	dir := filepath.Join(t.TempDir(), "data")
	help := ok(t, dir, "help", "person", "add")
	var offered []string
	for _, span := range [][2]string{{"AI competence areas: ", ";"}, {"--ai-areas one or more of", "."}} {
		_, rest, found := strings.Cut(help, span[0])
		list, _, ended := strings.Cut(rest, span[1])
		if !found || !ended {
			t.Fatalf("the help of person add has no %q…%q:\n%s", span[0], span[1], help)
		}
		var these []string
		for _, v := range strings.Split(list, ",") {
			these = append(these, strings.TrimSpace(v))
		}
		if offered != nil && !slices.Equal(these, offered) {
			t.Errorf("the help of person add offers %v in one place and %v in another", offered, these)
		}
		offered = these
	}
	if len(offered) < 5 {
		t.Fatalf("the help of person add offers %d AI areas: %v", len(offered), offered)
	}
	fails(t, dir, exitInput, `"ai-ethics" is not an AI competence area`, "person", "add", "--name", "Ada Admin", "--roles", "auditor", "--ai-areas", "ai-ethics")
	for _, area := range offered {
		ok(t, dir, "--as", "1", "person", "add", "--name", "Ann "+area, "--roles", "auditor", "--ai-areas", area)
	}
}
