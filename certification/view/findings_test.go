package view_test

import (
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

func TestLateFindings(t *testing.T) {
	asOf := d("2025-06-11")
	row := func(id ID, client string, late bool, x Finding) view.FindingRow {
		x.ID = id
		return view.FindingRow{Finding: x, ClientName: client, Status: x.Status(), Late: late}
	}
	accepted := &Review{On: d("2025-04-05"), Accepted: true}
	open := []view.FindingRow{ // newest first, as FindingRows gives them
		row(1, "Bravo", true, Finding{Grade: Minor, ResponseDue: d("2025-05-02")}),
		row(2, "Alpha", true, Finding{Grade: Minor, ResponseDue: d("2025-05-02")}),
		row(3, "Alpha", true, Finding{Grade: Major, ResponseDue: d("2025-04-11"), CloseDue: d("2025-06-10"), Response: &Response{}, Review: accepted}),
		row(4, "Alpha", true, Finding{Grade: Minor, ResponseDue: d("2025-04-01")}),  // its obligation lapsed
		row(5, "Alpha", false, Finding{Grade: Minor, ResponseDue: d("2025-07-01")}), // not late
		row(6, "Alpha", true, Finding{Grade: Minor, ResponseDue: d("2025-06-10")}),  // late by one day
	}
	overdue := []Obligation{{Kind: ObClientResponse, FindingID: 1}, {Kind: ObClientResponse, FindingID: 2}, {Kind: ObMajorClose, FindingID: 3},
		{Kind: ObSurveillance}, {Kind: ObClientResponse, FindingID: 6}}
	got := view.LateFindings(open, overdue, asOf)
	want := []struct {
		id      ID
		due     string
		awaited string
	}{{2, "2025-05-02", AwaitedResponse}, {1, "2025-05-02", AwaitedResponse}, {3, "2025-06-10", AwaitedVerification}, {6, "2025-06-10", AwaitedResponse}}
	if len(got) != len(want) {
		t.Fatalf("%d late findings, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Deadline != d(w.due) || got[i].Awaited != w.awaited {
			t.Errorf("late %d = finding %d, %s, %q; want %d, %s, %q", i, got[i].ID, got[i].Deadline, got[i].Awaited, w.id, w.due, w.awaited)
		}
	}
	if view.LateFindings(open, nil, asOf) != nil {
		t.Error("late findings without an overdue obligation")
	}
}
