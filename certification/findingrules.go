package certification

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

// LateOn reports whether a deadline of the finding has passed on d with
// its step not done: the response (or an accepted plan) by ResponseDue,
// a major's verification by CloseDue.
func (f *Finding) LateOn(d Date) bool {
	if !f.Grade.IsNC() {
		return false
	}
	if f.responseLate(d) {
		return true
	}
	return f.Grade == Major && f.CloseDue != 0 && d > f.CloseDue && f.Verification == nil
}
