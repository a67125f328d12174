package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

// TestDashboard: certctl dashboard prints the Board the app's Dashboard
// draws (view.Dashboard on the same folder), its tile figures and its
// rows, in JSON and as text.
func TestDashboard(t *testing.T) {
	_, dir := demoBeside(t, "60")
	asOf := "2026-06-30"
	var got struct {
		view.Board
		Counts map[string]int `json:"counts"`
	}
	decodeJSON(t, ok(t, dir, "dashboard", "--as-of", asOf, "--json"), &got)

	db, err := storage.OpenWith(dir, storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	day, _ := certification.ParseDate(asOf)
	want, err := view.Dashboard(context.Background(), db, day)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	// Empty lists print as [] (jsonList).
	want.Overdue, want.DueSoon, want.DueLater = jsonList(want.Overdue), jsonList(want.DueSoon), jsonList(want.DueLater)
	want.Expiring, want.Suspensions, want.Late = jsonList(want.Expiring), jsonList(want.Suspensions), jsonList(want.Late)
	gj, _ := json.Marshal(got.Board)
	wj, _ := json.Marshal(want)
	if string(gj) != string(wj) {
		t.Errorf("certctl dashboard's board differs from view.Dashboard's:\n%s\nwant\n%s", gj, wj)
	}
	if want.Count(view.ListOverdue) == 0 || want.Count(view.ListExpiring)+want.Count(view.ListDueSoon) == 0 {
		t.Fatalf("the demo body shows too little to test: %v", got.Counts)
	}
	for l := range view.Lists {
		if n := got.Counts[dashboardTiles[l].key]; n != want.Count(view.List(l)) {
			t.Errorf("count %s = %d, want %d", dashboardTiles[l].key, n, want.Count(view.List(l)))
		}
	}

	text := ok(t, dir, "dashboard", "--as-of", asOf)
	for l := range view.Lists {
		line := fmt.Sprintf("%-36s %d", dashboardTiles[l].caption, want.Count(view.List(l)))
		if !strings.Contains(text, line) {
			t.Errorf("text lacks the tile %q:\n%s", line, text)
		}
	}
	if o := want.Overdue[0]; !strings.Contains(text, o.ClientName) || !strings.Contains(text, obligationText(o)) {
		t.Errorf("text lacks the first overdue obligation %s %s:\n%s", o.ClientName, obligationText(o), text)
	}
	fails(t, dir, 2, "--as-of", "dashboard", "--as-of", "2026-02-30")
}
