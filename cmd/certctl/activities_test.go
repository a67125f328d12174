package main

import (
	"strings"
	"testing"
)

// certctl audit activities adds, lists and removes an audit's
// activities: a remote one is refused without the risk assessment and
// named by its rule, an activity outside the audit's days by its field;
// the JSON gives the remote share, and no limit for a stage 1. Above the
// limit on a surveillance-like audit the plan is kept with a warning, or
// refused once the policy says so.
func TestAuditActivities(t *testing.T) {
	dir := walkedFolder(t, walkThrough) // audits 1 (stage 1) and 2 (stage 2), closed
	as := []string{"--as", "Lena Lead"}
	ok(t, dir, append(as, "audit", "plan", "--certification", "1", "--kind", "verification", "--start", "2025-03-10", "--days", "1", "--lead", "Lena Lead")...) // audit 3
	if out := ok(t, dir, "audit", "activities", "3"); !strings.Contains(out, "records no activities") {
		t.Errorf("an audit without activities lists:\n%s", out)
	}
	ok(t, dir, append(as, "audit", "activities", "3", "--add", "Opening meeting", "--hours", "1", "--date", "2025-03-10")...)
	fails(t, dir, exitRule, "remote-activities-need-risk-assessment", append(as, "audit", "activities", "3", "--add", "Risk file review", "--hours", "3", "--remote", "--ict", "Video call")...)
	fails(t, dir, exitInput, "activities[1].date", append(as, "audit", "activities", "3", "--add", "Site tour", "--hours", "1", "--date", "2025-03-11")...)
	fails(t, dir, exitInput, "give its name with --add", append(as, "audit", "activities", "3", "--hours", "2")...)
	ok(t, dir, append(as, "audit", "activities", "3", "--assessment", "Video link tested on 3 March; nothing copied.")...)
	out := ok(t, dir, append(as, "audit", "activities", "3", "--add", "Risk file review", "--hours", "3", "--remote", "--ict", "Video call")...)
	if !strings.Contains(out, "Remote: 3 of 4 hours (75 %; the body's limit 50 %).") || !strings.Contains(out, "Warning: 3 of 4 hours remote (75 %), above the body's limit of 50 %") {
		t.Errorf("over the limit, the listing says:\n%s", out)
	}
	var got struct {
		Activities []struct {
			Name   string
			Remote bool
			ICT    string
		}
		RemotePercent float64 `json:"remote_percent"`
		LimitPercent  int     `json:"limit_percent"`
		Warning       string
	}
	decodeJSON(t, ok(t, dir, "--json", "audit", "activities", "3"), &got)
	if len(got.Activities) != 2 || !got.Activities[1].Remote || got.Activities[1].ICT != "Video call" || got.RemotePercent != 75 || got.LimitPercent != 50 || got.Warning == "" {
		t.Errorf("JSON: %+v", got)
	}

	ok(t, dir, append(as, "audit", "activities", "3", "--remove", "2")...)
	ok(t, dir, "--as", "Lena Lead", "policy", "set", "remote_over_limit_refused=true")
	fails(t, dir, exitRule, "remote-share-over-policy-limit", append(as, "audit", "activities", "3", "--add", "Risk file review", "--hours", "3", "--remote", "--ict", "Video call")...)
	fails(t, dir, exitInput, "--remove takes a number from 1 to 1", append(as, "audit", "activities", "3", "--remove", "2")...)
	fails(t, dir, exitRule, "activities-fixed-after-audit", append(as, "audit", "activities", "2", "--add", "Late", "--hours", "1")...)
}
