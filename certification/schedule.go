package certification

import (
	"fmt"
	"slices"
	"strings"
)

// ObligationKind names a kind of thing that falls due.
type ObligationKind string

const (
	ObStage2Gap          ObligationKind = "stage2-within-gap"
	ObInitialDecision    ObligationKind = "initial-decision"
	ObMajorVerifyInitial ObligationKind = "major-verification-initial"
	ObSurveillance       ObligationKind = "surveillance"
	ObRecertAudit        ObligationKind = "recertification-audit"
	ObRecertDecision     ObligationKind = "recertification-decision"
	ObRestoration        ObligationKind = "restoration-window"
	ObSuspensionLimit    ObligationKind = "suspension-limit"
	ObDecisionPending    ObligationKind = "decision-pending"
	ObCoverage           ObligationKind = "control-coverage"
	ObClientResponse     ObligationKind = "client-response"
	ObMajorClose         ObligationKind = "major-close"
	// ObTransferDecision: a pre-transfer review awaits the committee's
	// accept-transfer (transfer.go).
	ObTransferDecision ObligationKind = "transfer-decision"
)

// decisionsAsked: the decision an obligation of the committee's queue
// asks for; any other due decision (after surveillance, a scope change)
// is whether to maintain the certificate.
var decisionsAsked = map[ObligationKind]DecisionKind{
	ObInitialDecision:  Grant,
	ObRecertDecision:   Renew,
	ObRestoration:      Restore,
	ObTransferDecision: AcceptTransfer,
}

// DecisionAsked is the decision an obligation of the decision queue asks
// the committee for (which it may still answer otherwise: refuse, suspend).
func (k ObligationKind) DecisionAsked() DecisionKind {
	if d, ok := decisionsAsked[k]; ok {
		return d
	}
	return Maintain
}

// ObligationState is an obligation's state on a date.
type ObligationState string

const (
	StateUpcoming ObligationState = "upcoming"
	StateDueSoon  ObligationState = "due-soon"
	StateOverdue  ObligationState = "overdue"
	StateDone     ObligationState = "done"
	// StateLapsed: the obligation no longer applies (the certificate
	// expired past restoration, or the window to act has closed).
	StateLapsed ObligationState = "lapsed"
	// StateNotOpen: a contingent obligation whose window has not opened.
	StateNotOpen ObligationState = "not-open"
)

// Obligation is one thing that falls due for a certification.
type Obligation struct {
	Kind            ObligationKind `json:"kind"`
	Label           string         `json:"label"`
	CertificationID ID             `json:"certification_id"`
	ClientID        ID             `json:"client_id"`
	ClientName      string         `json:"client_name"`
	Standard        Standard       `json:"standard"`
	Cycle           int            `json:"cycle,omitempty"`
	AuditID         ID             `json:"audit_id,omitempty"`
	FindingID       ID             `json:"finding_id,omitempty"`
	WindowStart     Date           `json:"window_start,omitzero"`
	Due             Date           `json:"due"`
	Done            bool           `json:"done,omitempty"`
	DoneOn          Date           `json:"done_on,omitzero"`
	// LapsesAfter: after this date the obligation no longer applies.
	LapsesAfter Date `json:"lapses_after,omitzero"`
	// Contingent obligations show only once their window has opened.
	Contingent bool `json:"contingent,omitempty"`
	// State is filled in for a given date by StateOn / Schedule.
	State ObligationState `json:"state,omitempty"`
}

// StateOn derives the obligation's state on date d.
func (o *Obligation) StateOn(d Date, dueSoonDays int) ObligationState {
	switch {
	case o.Done && (o.DoneOn.IsZero() || o.DoneOn <= d):
		return StateDone
	case !o.LapsesAfter.IsZero() && d > o.LapsesAfter:
		return StateLapsed
	case o.Contingent && d < o.WindowStart:
		return StateNotOpen
	case d > o.Due:
		return StateOverdue
	case d >= o.Due.AddDays(-dueSoonDays):
		return StateDueSoon
	}
	return StateUpcoming
}

// Late reports whether a done obligation was done after its due date.
func (o *Obligation) Late() bool { return o.Done && o.DoneOn > o.Due }

// ObligationSet is the stored list of a certification's obligations. It
// is recomputed in the transaction of every change to the file and
// indexed by the due date of each open obligation, so that the schedule
// reads only what falls due.
type ObligationSet struct {
	CertificationID ID           `json:"certification_id"`
	ClientID        ID           `json:"client_id"`
	Items           []Obligation `json:"items"`
}

func (s *ObligationSet) RecordKind() Kind { return KindObligations }
func (s *ObligationSet) RecordID() ID     { return s.CertificationID }
func (s *ObligationSet) IndexTerms() []IndexTerm {
	// An open obligation is a covering key filed by its due date
	// (obligationItemTerms): the schedule reads those due by its horizon.
	// A done one is filed by the day it was done: a schedule as of an
	// earlier day reads the sets of the certifications it names.
	var t []IndexTerm
	seen := map[string]bool{}
	add := func(index string, d Date) {
		if d == 0 {
			return
		}
		if k := index + string(DateKey(d)); !seen[k] {
			seen[k] = true
			t = append(t, IndexTerm{index, DateKey(d)})
		}
	}
	for _, o := range s.Items {
		if o.Done {
			add(IndexDoneOn, o.DoneOn)
		}
	}
	return append(append(t, s.clientTerm()), s.obligationItemTerms()...)
}

// Obligations lists every obligation of a certification file under a
// policy, done or not. The result does not depend on today's date: the
// state on a date comes from StateOn.
func Obligations(f *File, p Policy) []Obligation {
	c := &f.Certification
	base := Obligation{CertificationID: c.ID, ClientID: c.ClientID, ClientName: f.Client.DisplayName(), Standard: c.Standard}
	var out []Obligation
	add := func(o Obligation) {
		o.CertificationID, o.ClientID, o.ClientName, o.Standard = base.CertificationID, base.ClientID, base.ClientName, base.Standard
		out = append(out, o)
	}
	if !c.Closed.IsZero() {
		// Refused or withdrawn: only the findings' history remains.
		return findingObligations(f, base, p, true)
	}

	if o, ok := transferObligation(c); ok { // transfer.go
		add(o)
	}
	// An initial certification in progress (first, or after a lapse).
	pending := f.PendingCycle()
	if st1 := f.lastDone(pending, false, Stage1); st1 != nil && st1.Stage1Outcome == Stage1Ready {
		st2 := f.AuditsIn(pending, Stage2)
		o := Obligation{Kind: ObStage2Gap, Cycle: pending, AuditID: st1.ID,
			Label:       fmt.Sprintf("Stage 2 within %d months of stage 1 (or a written justification)", p.Stage2GapWarnMonths),
			WindowStart: st1.LastDay(), Due: st1.LastDay().AddMonths(p.Stage2GapWarnMonths)}
		for _, a := range st2 {
			if !a.ActualStart.IsZero() {
				o.Done, o.DoneOn = true, a.ActualStart // late if after the gap
				break
			}
			if a.GapJustification != "" {
				o.Done, o.DoneOn = true, 0 // justified when planned: done on any date
				break
			}
		}
		add(o)
	}
	if st2 := f.lastDone(pending, false, Stage2); st2 != nil {
		limit := st2.LastDay().AddMonths(MajorVerifyInitialMonths)
		dec := Obligation{Kind: ObInitialDecision, Cycle: pending, AuditID: st2.ID, Label: "Initial certification decision",
			WindowStart: st2.LastDay(), Due: limit}
		for _, d := range f.Decisions {
			if (d.Kind == Grant || d.Kind == Refuse) && d.Date >= st2.LastDay() {
				dec.Done, dec.DoneOn = true, d.Date
			}
		}
		var majors []*Finding
		for _, x := range f.FindingsOf(f.AuditsIn(pending)) {
			if x.Grade == Major {
				majors = append(majors, x)
			}
		}
		if len(majors) > 0 {
			o := Obligation{Kind: ObMajorVerifyInitial, Cycle: pending, AuditID: st2.ID,
				Label:       fmt.Sprintf("Verify %d major NC(s) within 6 months of stage 2, or repeat stage 2", len(majors)),
				WindowStart: st2.LastDay(), Due: limit, Done: true}
			for _, x := range majors {
				if x.Verification == nil {
					o.Done, o.DoneOn = false, 0
					break
				}
				o.DoneOn = max(o.DoneOn, x.Verification.On)
			}
			if dec.Done && !o.Done {
				o.LapsesAfter = dec.DoneOn // refused: nothing more to verify
			}
			add(o)
		}
		add(dec)
	}

	if cur, ok := c.Current(); ok {
		out = append(out, cycleObligations(f, cur, base, p)...)
	}
	out = append(out, findingObligations(f, base, p, false)...)
	slices.SortStableFunc(out, func(a, b Obligation) int { return int(a.Due) - int(b.Due) })
	return out
}

func cycleObligations(f *File, cur Cycle, base Obligation, p Policy) []Obligation {
	var out []Obligation
	add := func(o Obligation) {
		o.CertificationID, o.ClientID, o.ClientName, o.Standard, o.Cycle = base.CertificationID, base.ClientID, base.ClientName, base.Standard, cur.Number
		out = append(out, o)
	}
	// Surveillance: one a year between the decision and the
	// recertification year. The first after an initial decision is due
	// within 12 months of it; the others by each anniversary.
	var done, planned []*Audit
	for _, a := range f.AuditsIn(cur.Number, Surveillance) {
		if a.Done() {
			done = append(done, a)
		} else {
			planned = append(planned, a)
		}
	}
	for k := 1; k < CycleYears; k++ {
		o := Obligation{Kind: ObSurveillance, Label: fmt.Sprintf("Surveillance %d", k), LapsesAfter: cur.Expiry}
		if k == 1 && cur.Initial {
			o.WindowStart, o.Due = cur.Decided, cur.Decided.AddMonths(FirstSurveillanceMonths)
			o.Label = "Surveillance 1 (within 12 months of the certification decision)"
		} else {
			anniv := cur.Start.AddMonths(12 * k)
			o.WindowStart, o.Due = anniv.AddMonths(-p.SurveillanceWindowMonths), anniv
		}
		n := k - cur.PriorSurveillances // this body's own surveillance n of the cycle
		if n <= 0 {
			// Carried out by the body the certificate was transferred from.
			o.Done, o.DoneOn = true, cur.Decided
			o.Label += " (by the previous body)"
		} else if n <= len(done) {
			o.Done, o.DoneOn, o.AuditID = true, done[n-1].LastDay(), done[n-1].ID
		} else if j := n - 1 - len(done); j < len(planned) {
			o.AuditID = planned[j].ID // planned, not yet carried out
		}
		add(o)
	}

	// Recertification: audit and decision before expiry.
	rec := Obligation{Kind: ObRecertAudit, Label: "Recertification audit (before expiry)",
		WindowStart: cur.Expiry.AddMonths(-p.RecertificationWindowMonths), Due: cur.Expiry,
		LapsesAfter: cur.Expiry.AddMonths(RestorationMonths)}
	if a := f.lastDone(cur.Number, false, Recertification); a != nil {
		rec.Done, rec.DoneOn, rec.AuditID = true, a.LastDay(), a.ID
	}
	add(rec)
	dec := Obligation{Kind: ObRecertDecision, Label: "Recertification decision (before expiry)",
		WindowStart: rec.WindowStart, Due: cur.Expiry, LapsesAfter: rec.LapsesAfter}
	// A renewal opens the next cycle, so the current cycle's decision is
	// always still to come; after expiry the restoration window opens.
	add(dec)
	add(Obligation{Kind: ObRestoration, Label: "Restoration window after expiry: complete recertification or the certificate lapses",
		WindowStart: cur.Expiry.AddDays(1), Due: cur.Expiry.AddMonths(RestorationMonths),
		LapsesAfter: cur.Expiry.AddMonths(RestorationMonths), Contingent: true})

	// A closed surveillance or special audit awaits the committee's
	// decision (maintain, suspend, change scope).
	for _, a := range f.AuditsIn(cur.Number, Surveillance, Special, FollowUp) {
		if a.Status != AuditClosed {
			continue
		}
		o := Obligation{Kind: ObDecisionPending, AuditID: a.ID, Label: fmt.Sprintf("Decision on the %s report of %s", strings.ToLower(a.Kind.Label()), a.LastDay()),
			WindowStart: a.LastDay(), Due: max(a.ReportDate, a.LastDay()).AddDays(p.DecisionDays), LapsesAfter: cur.Expiry}
		for _, d := range f.Decisions {
			if d.Date >= a.LastDay() && d.Kind != Suspend {
				o.Done, o.DoneOn = true, d.Date
				break
			}
		}
		add(o)
	}

	// Every applicable Annex A control audited at least once in the
	// cycle, by the recertification audit.
	if cv, err := CycleCoverage(f, cur.Number); err == nil && cv.Applicable > 0 {
		o := Obligation{Kind: ObCoverage, WindowStart: cur.Start, Due: rec.Due, LapsesAfter: cur.Expiry,
			Label: fmt.Sprintf("Audit the applicable Annex A controls in cycle %d: %d of %d not yet audited", cur.Number, len(cv.Unaudited), cv.Applicable)}
		if len(cv.Unaudited) == 0 {
			o.Done, o.DoneOn = true, rec.DoneOn
			o.Label = fmt.Sprintf("Audit the applicable Annex A controls in cycle %d: all %d audited", cur.Number, cv.Applicable)
		}
		add(o)
	}

	// Suspensions of the current certificate.
	if cert, ok := f.Certificate(); ok {
		for i, e := range cert.Events {
			if e.Status != CertSuspended {
				continue
			}
			o := Obligation{Kind: ObSuspensionLimit, Label: fmt.Sprintf("Suspension limit (%d months): restore, reduce scope or withdraw", p.SuspensionMaxMonths),
				WindowStart: e.Date, Due: p.SuspensionLimit(e.Date), LapsesAfter: cur.Expiry.AddMonths(RestorationMonths)}
			if i+1 < len(cert.Events) {
				o.Done, o.DoneOn = true, cert.Events[i+1].Date
			}
			add(o)
		}
	}
	return out
}

func findingObligations(f *File, base Obligation, p Policy, closed bool) []Obligation {
	var out []Obligation
	for i := range f.Findings {
		x := &f.Findings[i]
		if !x.Grade.IsNC() {
			continue
		}
		a, _ := f.Audit(x.AuditID)
		cycle := 0
		if a != nil {
			cycle = a.Cycle
		}
		o := base
		o.Cycle, o.AuditID, o.FindingID = cycle, x.AuditID, x.ID
		o.Kind = ObClientResponse
		o.Label = fmt.Sprintf("Client response to %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
		o.WindowStart, o.Due = x.Raised, x.ResponseDue
		switch x.Status() {
		case FindingResponded, FindingPlanAccepted, FindingVerified:
			o.Done = true
			if x.Response != nil {
				o.DoneOn = x.Response.Received
			}
		}
		o.LapsesAfter = findingLapse(f, cycle, closed)
		out = append(out, o)
		if x.Grade == Major {
			v := base
			v.Cycle, v.AuditID, v.FindingID = cycle, x.AuditID, x.ID
			v.Kind = ObMajorClose
			v.Label = fmt.Sprintf("Verify correction of Major NC #%d (%s)", x.Number, x.Reference)
			v.WindowStart, v.Due = x.Raised, x.CloseDue
			if x.Verification != nil {
				v.Done, v.DoneOn = true, x.Verification.On
			}
			v.LapsesAfter = o.LapsesAfter
			out = append(out, v)
		}
	}
	return out
}

// findingLapse is when a finding's obligations stop applying: when the
// certification was closed (refused or withdrawn), or when the cycle it
// was raised in lapsed (its certificate expired past restoration) — a
// lapsed certificate is certified again from scratch.
func findingLapse(f *File, cycle int, closed bool) Date {
	if closed {
		return f.Certification.Closed
	}
	if cy, ok := f.Cycle(cycle); ok {
		if cur, _ := f.Certification.Current(); cur.Number == cy.Number {
			return cy.Expiry.AddMonths(RestorationMonths)
		}
		if next, ok := f.Cycle(cycle + 1); ok && next.Initial {
			return cy.Expiry.AddMonths(RestorationMonths)
		}
	}
	return 0
}

// FindingDeadlines returns the response and close deadlines of a finding
// raised on an audit, under a policy: counted from the audit's last day,
// and never after the certificate's expiry.
func FindingDeadlines(f *File, a *Audit, g Grade, p Policy) (response, close Date) {
	if !g.IsNC() {
		return 0, 0
	}
	last := a.LastDay()
	response = last.AddDays(p.ResponseDays)
	if g == Major {
		close = last.AddDays(p.MajorCloseDays)
	}
	if cur, ok := f.Certification.Current(); ok && a.Cycle == cur.Number && last <= cur.Expiry {
		response = min(response, cur.Expiry)
		if close != 0 {
			close = min(close, cur.Expiry)
		}
	}
	return response, close
}
