package certification

import (
	"slices"
	"strings"
)

// The rules about a finding that the screens and the command line used
// to work out for themselves: who raised it and when, by default, and
// which deadline a late finding has missed.

// RaisedDefaults are who raised a new finding on the audit and on which
// day, when the user does not say: the acting person if on the team,
// else the lead auditor (0 when there is neither); today, kept within
// the audit's days (never before its start, never after its last day).
func (a *Audit) RaisedDefaults(actor ID, today Date) (by ID, on Date) {
	by = a.Lead()
	if actor != 0 && a.OnTeam(actor) {
		by = actor
	}
	return by, max(a.Start(), min(today, a.LastDay()))
}

// Awaited steps of a late finding, as the dashboard writes them.
const (
	AwaitedResponse     = "Client response"
	AwaitedPlan         = "Acceptable plan"
	AwaitedVerification = "Verification of correction"
)

// responseLate: the response deadline has passed on d with no response,
// or only a rejected one, recorded.
func (f *Finding) responseLate(d Date) bool {
	st := f.Status()
	return f.ResponseDue != 0 && d > f.ResponseDue && (st == FindingAwaitingResponse || st == FindingPlanRejected)
}

// MissedDeadline is the deadline a finding late on d has missed and the
// step that was due by it: the response deadline while no acceptable
// response is in (the response, or a better plan after a rejection),
// else the major's close deadline. A finding that is not late on d
// (LateOn) has missed nothing: zero and "".
func (f *Finding) MissedDeadline(d Date) (due Date, awaited string) {
	switch {
	case !f.LateOn(d):
		return 0, ""
	case f.responseLate(d) && f.Status() == FindingPlanRejected:
		return f.ResponseDue, AwaitedPlan
	case f.responseLate(d):
		return f.ResponseDue, AwaitedResponse
	}
	return f.CloseDue, AwaitedVerification
}

// LateFinding is an open finding past a deadline, with the deadline it
// missed and what was due by it.
type LateFinding struct {
	FindingRow
	Deadline Date   `json:"deadline"`
	Awaited  string `json:"awaited"`
}

// LateFindings are the late findings that count on asOf: among the open
// finding rows (FindingRows as of asOf), those late whose deadline is
// still an obligation overdue on asOf (the findings of a lapsed cycle, a
// refused or a withdrawn certification ask nothing more). They come by
// the deadline missed, then client name, keeping the rows' order.
func LateFindings(open []FindingRow, overdue []Obligation, asOf Date) []LateFinding {
	live := map[ID]bool{}
	for _, o := range overdue {
		if o.FindingID != 0 {
			live[o.FindingID] = true
		}
	}
	var out []LateFinding
	for _, r := range open {
		if r.Late && live[r.ID] {
			due, what := r.MissedDeadline(asOf)
			out = append(out, LateFinding{FindingRow: r, Deadline: due, Awaited: what})
		}
	}
	slices.SortStableFunc(out, func(a, b LateFinding) int {
		if a.Deadline != b.Deadline {
			return int(a.Deadline) - int(b.Deadline)
		}
		return strings.Compare(a.ClientName, b.ClientName)
	})
	return out
}
