package main

import (
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
)

// TestVerificationDatedTomorrowIsRefused: a verification dated after
// --today is refused by no-future-dates, in JSON as other rules are; on
// the day itself it is recorded.
func TestVerificationDatedTomorrowIsRefused(t *testing.T) {
	dir := walkedFolder(t, walkThrough)
	as := []string{"--as", "Lena Lead", "--today", "2025-03-01"}
	ok(t, dir, append(as, "finding", "respond", "1", "--root-cause", "No trigger", "--correction", "Assessed", "--action", "Trigger added", "--date", "2025-02-20")...)
	ok(t, dir, append(as, "finding", "accept", "1", "--date", "2025-02-22")...)

	r := fails(t, dir, 1, "refused by rule no-future-dates:", append(as, "finding", "verify", "1", "--method", "documents", "--date", "2025-03-02", "--json")...)
	var je struct {
		Error struct{ Kind, Rule, Message string }
	}
	decodeJSON(t, r.stdout, &je)
	if je.Error.Kind != "rule" || je.Error.Rule != certification.RuleFutureDate ||
		!strings.Contains(je.Error.Message, "2025-03-02 is after today (2025-03-01)") {
		t.Errorf("JSON error = %+v", je.Error)
	}
	ok(t, dir, append(as, "finding", "verify", "1", "--method", "documents", "--date", "2025-03-01")...)
}

// TestImportDatedAfterTodayIsRefused: a file whose grant is dated after
// --today is refused whole (exit 2, the problem naming the record, the
// field and the rule); on the grant's day it loads.
func TestImportDatedAfterTodayIsRefused(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	file := filepath.Join(t.TempDir(), "export.json")
	ok(t, dir, "export", "json", "--out", file)
	dir2 := t.TempDir()
	fails(t, dir2, 2, "decisions[0] (id 1): date: refused by rule no-future-dates: the decision's date 2025-03-05 is after today (2025-03-04)",
		"--today", "2025-03-04", "import", file)
	if out := ok(t, dir2, "person", "list", "--json"); !strings.Contains(out, `"people": []`) {
		t.Errorf("the refused import wrote records: %s", out)
	}
	ok(t, dir2, "--today", "2025-03-05", "import", file)
}
