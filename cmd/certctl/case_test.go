package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// An appeal against the grant of the walk-through: steps out of order,
// the wrong verb group, and the decision maker and the auditor as its
// investigator or decider are refused, each saying what to do; someone
// not involved takes it to closed; show and list --json tell its course.
func TestAppealVerbs(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	as := func(who string, args ...string) []string {
		return append([]string{"--as", who, "--today", "2025-03-20"}, args...)
	}
	ok(t, dir, as("Lena Lead", "person", "add", "--name", "Ivy Independent", "--roles", "decision-maker")...)

	out := ok(t, dir, as("Lena Lead", "appeal", "add", "--decision", "1", "--from", "Carla Cee", "--organisation", "Acme AI GmbH",
		"--contact", "carla@acme.example", "--subject", "scope narrower than applied for", "--received", "2025-03-10")...)
	if want := "Received appeal 1 (Acme AI GmbH): received; acknowledge appeal 1 by 2025-03-17 (OVERDUE)."; !strings.Contains(out, want) {
		t.Errorf("appeal add printed %q, want %q", out, want)
	}
	fails(t, dir, 2, "--decision", as("Lena Lead", "appeal", "add", "--from", "X", "--subject", "y")...)
	fails(t, dir, 2, "there is no decision 7", as("Lena Lead", "appeal", "add", "--decision", "7", "--from", "X", "--subject", "y")...)
	fails(t, dir, 1, "acknowledge it first (certctl appeal acknowledge 1)", as("Ivy Independent", "appeal", "decide", "1", "--text", "rejected")...)
	fails(t, dir, 2, "1 is an appeal, not a complaint: use 'certctl appeal …'", as("Lena Lead", "complaint", "acknowledge", "1")...)
	ok(t, dir, as("Lena Lead", "appeal", "acknowledge", "1", "--date", "2025-03-11", "--text", "letter sent")...)
	r := fails(t, dir, 1, "appeal-handler-involved", as("Lena Lead", "appeal", "investigate", "1", "--by", "Dora Decider", "--text", "looked")...)
	if !strings.Contains(r.stderr, "Dora Decider made decision 1") || !strings.Contains(r.stderr, "--by another person") {
		t.Errorf("the refusal does not say how Dora was involved and what to do: %s", r.stderr)
	}
	fails(t, dir, 1, "Lena Lead was on the team of audit 1 (Stage 1), on which decision 1 rests", as("Lena Lead", "appeal", "investigate", "1", "--text", "looked")...)
	fails(t, dir, 2, "--text", as("Ivy Independent", "appeal", "investigate", "1")...)
	ok(t, dir, as("Ivy Independent", "appeal", "investigate", "1", "--text", "the scope is the one of the application")...)
	fails(t, dir, 1, "appeal-handler-involved", as("Ivy Independent", "appeal", "decide", "1", "--by", "Dora Decider", "--text", "rejected")...)
	fails(t, dir, 1, "no-future-dates", as("Ivy Independent", "appeal", "decide", "1", "--text", "rejected", "--date", "2025-03-21")...)
	ok(t, dir, as("Ivy Independent", "appeal", "decide", "1", "--text", "rejected: the scope stands")...)
	ok(t, dir, as("Lena Lead", "appeal", "close", "1", "--text", "decision sent")...)
	fails(t, dir, 1, "was already closed on 2025-03-20", as("Lena Lead", "appeal", "close", "1")...)

	show := ok(t, dir, "--today", "2025-03-20", "appeal", "show", "1")
	for _, want := range []string{"Appeal 1: scope narrower than applied for", "Carla Cee, Acme AI GmbH, carla@acme.example", "Decision:      1",
		"Investigated:  2025-03-20 by Ivy Independent: the scope is the one of the application", "Closed:        2025-03-20 by Lena Lead: decision sent",
		"Acknowledge appeal 1 by 2025-03-17 (done)", "Decide appeal 1 by 2025-05-09 (done)"} {
		if !strings.Contains(show, want) {
			t.Errorf("appeal show does not say %q:\n%s", want, show)
		}
	}
	var list struct {
		AsOf  string `json:"as_of"`
		Cases []struct {
			ID        int    `json:"id"`
			Status    string `json:"status"`
			Decided   struct{ Name string }
			Deadlines []struct{ Step, State string }
		} `json:"cases"`
	}
	decodeJSON(t, ok(t, dir, "--json", "appeal", "list", "--as-of", "2025-03-20"), &list)
	if len(list.Cases) != 1 || list.Cases[0].Status != "closed" || list.Cases[0].Decided.Name != "Ivy Independent" || len(list.Cases[0].Deadlines) != 2 {
		t.Errorf("appeal list --json: %+v", list)
	}
	if out := ok(t, dir, "appeal", "list", "--client", "2"); !strings.Contains(out, "0 appeal(s)") {
		t.Errorf("appeal list --client 2 shows client 1's: %s", out)
	}
	if out := ok(t, dir, "appeal", "list", "--client", "1", "--open"); !strings.Contains(out, "0 appeal(s)") {
		t.Errorf("appeal list --open shows a closed appeal: %s", out)
	}
	if out := ok(t, dir, "complaint", "list"); !strings.Contains(out, "0 complaint(s)") {
		t.Errorf("complaint list shows appeals: %s", out)
	}
}

// A complaint about the stage 2 audit: the schedule shows its
// acknowledgement due on day 7 and overdue on day 8; nobody of the
// audit's team investigates it; decided to call for a special audit, it
// closes only naming one.
func TestComplaintVerbsAndSchedule(t *testing.T) {
	dir := walkedFolder(t, grantedWalkThrough)
	on := func(today, who string, args ...string) []string {
		return append([]string{"--as", who, "--today", today}, args...)
	}
	ok(t, dir, on("2025-03-20", "Lena Lead", "person", "add", "--name", "Ivy Independent", "--roles", "scheme-manager")...)
	fails(t, dir, 2, "name the client the complaint is about (--client, or the --certification or --audit it follows from)", on("2025-03-20", "Lena Lead", "complaint", "add", "--from", "X", "--subject", "y")...)
	fails(t, dir, 2, "there is no complaint 9: see 'certctl complaint list'", on("2025-03-20", "Lena Lead", "complaint", "acknowledge", "9")...)
	ok(t, dir, on("2025-03-20", "Lena Lead", "complaint", "add", "--audit", "2", "--from", "Paul Public", "--subject", "findings shared with a competitor", "--received", "2025-03-20")...)

	if out := ok(t, dir, "schedule", "--as-of", "2025-03-27", "--within", "0"); !strings.Contains(out, "due soon  2025-03-27  Acme AI GmbH  Acknowledge complaint 1: findings shared with a competitor") {
		t.Errorf("schedule on day 7 does not show the acknowledgement due:\n%s", out)
	}
	out := ok(t, dir, "schedule", "--as-of", "2025-03-28", "--within", "0")
	if !strings.Contains(out, "OVERDUE  2025-03-27  Acme AI GmbH  Acknowledge complaint 1") || !strings.Contains(out, "1 deadline(s) of complaints and appeals: 1 overdue.") {
		t.Errorf("schedule on day 8 does not show the acknowledgement overdue:\n%s", out)
	}
	var sched struct {
		Cases []struct {
			CaseID int    `json:"case_id"`
			Step   string `json:"step"`
			State  string `json:"state"`
		} `json:"cases"`
	}
	decodeJSON(t, ok(t, dir, "--json", "schedule", "--as-of", "2025-03-28", "--within", "0"), &sched)
	if len(sched.Cases) != 1 || sched.Cases[0].Step != "acknowledged" || sched.Cases[0].State != "overdue" {
		t.Errorf("schedule --json cases: %+v", sched.Cases)
	}

	ok(t, dir, on("2025-03-28", "Ivy Independent", "complaint", "acknowledge", "1")...)
	fails(t, dir, 1, "complaint-handler-involved", on("2025-03-28", "Lena Lead", "complaint", "investigate", "1", "--text", "nothing found")...)
	ok(t, dir, on("2025-03-28", "Ivy Independent", "complaint", "investigate", "1", "--text", "a report was sent to the wrong address")...)
	ok(t, dir, on("2025-03-28", "Ivy Independent", "complaint", "decide", "1", "--by", "Dora Decider", "--text", "upheld", "--special-audit")...)
	fails(t, dir, 1, "complaint-special-audit-planned", on("2025-03-28", "Ivy Independent", "complaint", "close", "1")...)
	fails(t, dir, 1, "--special-audit ID", on("2025-03-28", "Ivy Independent", "complaint", "close", "1", "--special-audit", "2")...)
	ok(t, dir, on("2025-03-28", "Lena Lead", "audit", "plan", "--certification", "1", "--kind", "special", "--start", "2025-04-14", "--end", "2025-04-14", "--days", "1", "--lead", "Lena Lead")...)
	out = ok(t, dir, on("2025-03-28", "Ivy Independent", "complaint", "close", "1", "--special-audit", "3")...)
	if !strings.Contains(out, "closed on 2025-03-28 by Ivy Independent") {
		t.Errorf("complaint close printed %q", out)
	}
	if out := ok(t, dir, "complaint", "show", "1"); !strings.Contains(out, "Special audit: 3") {
		t.Errorf("complaint show does not name the special audit:\n%s", out)
	}
	if out := ok(t, dir, "schedule", "--as-of", "2025-03-28", "--within", "90"); strings.Contains(out, "complaint 1") {
		t.Errorf("a closed complaint still in the schedule:\n%s", out)
	}

	// The register workbook holds it, read back with excelize.
	book := filepath.Join(t.TempDir(), "cases.xlsx")
	ok(t, dir, "--today", "2025-03-28", "export", "xlsx", "cases", "--out", book)
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Cases")
	if err != nil || len(rows) < 2 {
		t.Fatalf("the Cases sheet: %v, %q", err, rows)
	}
	last := rows[len(rows)-1]
	if rows[0][0] != "Complaints and appeals" || len(last) < 22 || last[1] != "Complaint" || last[11] != "closed" || last[21] != "3" || last[23] != "Yes" {
		t.Errorf("the register's last row %q (title %q)", last, rows[0][0])
	}
}
