package certification

import "testing"

func TestRaisedDefaults(t *testing.T) {
	// An audit planned 2025-03-10 to 12, carried out 2025-03-11 to 13.
	team := []TeamMember{{PersonID: 9, Role: TeamAuditor}, {PersonID: 7, Role: TeamLead}, {PersonID: 5, Role: TeamLead}}
	planned := Audit{PlannedStart: d("2025-03-10"), PlannedEnd: d("2025-03-12"), Team: team}
	carried := planned
	carried.ActualStart, carried.ActualEnd = d("2025-03-11"), d("2025-03-13")
	for _, tc := range []struct {
		name   string
		a      Audit
		actor  ID
		today  string
		by     ID
		raised string
	}{
		{"an auditor on the team raises it", planned, 9, "2025-03-11", 9, "2025-03-11"},
		{"the lead on the team raises it", planned, 7, "2025-03-11", 7, "2025-03-11"},
		{"a second lead raises it themselves", planned, 5, "2025-03-11", 5, "2025-03-11"},
		{"someone off the team: the first lead", planned, 42, "2025-03-11", 7, "2025-03-11"},
		{"no acting person: the first lead", planned, 0, "2025-03-11", 7, "2025-03-11"},
		{"no lead and off the team: nobody", Audit{PlannedStart: d("2025-03-10"), PlannedEnd: d("2025-03-12"), Team: team[:1]}, 42, "2025-03-11", 0, "2025-03-11"},
		{"the day before the audit: its first day", planned, 9, "2025-03-09", 9, "2025-03-10"},
		{"its first day", planned, 9, "2025-03-10", 9, "2025-03-10"},
		{"its last day", planned, 9, "2025-03-12", 9, "2025-03-12"},
		{"the day after: its last day", planned, 9, "2025-03-13", 9, "2025-03-12"},
		{"actual dates win: before the actual start", carried, 9, "2025-03-10", 9, "2025-03-11"},
		{"actual dates win: after the actual end", carried, 9, "2025-04-01", 9, "2025-03-13"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			by, on := tc.a.RaisedDefaults(tc.actor, d(tc.today))
			if by != tc.by || on != d(tc.raised) {
				t.Errorf("RaisedDefaults(%d, %s) = %d, %s; want %d, %s", tc.actor, tc.today, by, on, tc.by, tc.raised)
			}
		})
	}
}

func TestMissedDeadline(t *testing.T) {
	response := &Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: d("2025-04-01")}
	minor := Finding{Grade: Minor, ResponseDue: d("2025-04-11")}
	major := Finding{Grade: Major, ResponseDue: d("2025-04-11"), CloseDue: d("2025-06-10")}
	with := func(x Finding, edit func(*Finding)) Finding { edit(&x); return x }
	responded := func(x *Finding) { x.Response = response }
	rejected := func(x *Finding) { responded(x); x.Review = &Review{On: d("2025-04-05"), Accepted: false} }
	accepted := func(x *Finding) { responded(x); x.Review = &Review{On: d("2025-04-05"), Accepted: true} }
	verified := func(x *Finding) { accepted(x); x.Verification = &Verification{On: d("2025-05-01")} }
	for _, tc := range []struct {
		name    string
		x       Finding
		on      string
		due     string
		awaited string
	}{
		{"minor awaiting its response on the day it is due", minor, "2025-04-11", "", ""},
		{"minor awaiting its response, late by one day", minor, "2025-04-12", "2025-04-11", AwaitedResponse},
		{"minor with its plan rejected, late by one day", with(minor, rejected), "2025-04-12", "2025-04-11", AwaitedPlan},
		{"minor with a response to review is not late", with(minor, responded), "2025-05-01", "", ""},
		{"minor with its plan accepted is not late", with(minor, accepted), "2025-05-01", "", ""},
		{"major awaiting its response past both deadlines: the response", major, "2025-06-11", "2025-04-11", AwaitedResponse},
		{"major with its plan accepted on its close deadline", with(major, accepted), "2025-06-10", "", ""},
		{"major with its plan accepted, late by one day", with(major, accepted), "2025-06-11", "2025-06-10", AwaitedVerification},
		{"major with a response to review past its close deadline", with(major, responded), "2025-06-11", "2025-06-10", AwaitedVerification},
		{"major verified is not late", with(major, verified), "2025-07-01", "", ""},
		{"an OFI is never late", Finding{Grade: OFI, ResponseDue: d("2025-04-11")}, "2025-06-11", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want Date
			if tc.due != "" {
				want = d(tc.due)
			}
			due, awaited := tc.x.MissedDeadline(d(tc.on))
			if due != want || awaited != tc.awaited {
				t.Errorf("MissedDeadline(%s) = %s, %q; want %s, %q", tc.on, due, awaited, want, tc.awaited)
			}
			if late := tc.x.LateOn(d(tc.on)); late != (tc.due != "") {
				t.Errorf("LateOn(%s) = %v, but MissedDeadline says %q", tc.on, late, tc.due)
			}
		})
	}
}
