package view

import (
	"certdesk/certification"
	"fmt"
	"slices"
)

// EventKind is the kind of a timeline entry; among the entries of one
// day they come in this order.
type EventKind int

const (
	EventApplication EventKind = iota
	EventAudit
	EventDecision
	EventCertificate
	EventDue
)

// Label is the kind as the timeline writes it.
func (k EventKind) Label() string {
	switch k {
	case EventApplication:
		return "Application"
	case EventAudit:
		return "Audit"
	case EventDecision:
		return "Decision"
	case EventCertificate:
		return "Certificate"
	case EventDue:
		return "Due"
	}
	return ""
}

// TimelineEvent is one line of a certification's timeline.
type TimelineEvent struct {
	Date   certification.Date `json:"date"`
	Kind   EventKind          `json:"kind"`
	Text   string             `json:"text"`
	Status string             `json:"status"`
	Tone   certification.Tone `json:"tone"`
	// AuditID is the audit of an audit line (it opens the audit).
	AuditID certification.ID `json:"audit_id,omitempty"`
	// Decision is the decision of a decision line (its record can be
	// written out).
	Decision *certification.Decision `json:"decision,omitempty"`
}

// Timeline is the story of a certification on a date: what happened
// (Past) and what is planned or falls due (Next), each in date order.
type Timeline struct {
	Past []TimelineEvent `json:"past"`
	Next []TimelineEvent `json:"next"`
	// Cutoff is the first date of the current cycle's story: the past
	// entries before it belong to earlier cycles (zero in the first).
	Cutoff certification.Date `json:"cutoff,omitzero"`
}

// Earlier counts the past entries that belong to earlier cycles.
func (t *Timeline) Earlier() int {
	n := 0
	for _, e := range t.Past {
		if e.Date < t.Cutoff {
			n++
		}
	}
	return n
}

// Timeline is the timeline of one of the client's certifications (a
// file of v) on asOf, the date v was read for.
func (v *ClientDetail) Timeline(f *certification.File, asOf certification.Date) Timeline {
	return CycleTimeline(f, v.Obligations[f.Certification.ID], v.People, asOf)
}

// CycleTimeline builds a certification's timeline on asOf from its file,
// its obligations with their state on asOf (Obligations), and the
// people who may lead its audits. Audits carried out, cancelled
// audits, decisions and certificates are past; audits still to come and
// open obligations are next. A planned audit whose start has passed is
// an alert.
func CycleTimeline(f *certification.File, obs []certification.Obligation, people map[certification.ID]certification.Person, asOf certification.Date) Timeline {
	c := &f.Certification
	var t Timeline
	t.Past = append(t.Past, TimelineEvent{Date: c.Applied, Kind: EventApplication, Text: "Application for " + string(c.Standard), Status: "received"})

	findings := map[certification.ID][]*certification.Finding{}
	for i := range f.Findings {
		x := &f.Findings[i]
		findings[x.AuditID] = append(findings[x.AuditID], x)
	}
	for i := range f.Audits {
		a := &f.Audits[i]
		e := TimelineEvent{Date: a.Start(), Kind: EventAudit, Text: auditSummary(a, findings[a.ID], people), Status: a.Status.Label(), AuditID: a.ID}
		switch a.Status {
		case certification.AuditClosed, certification.AuditReportDrafted:
			e.Tone = certification.ToneGood
			t.Past = append(t.Past, e)
		case certification.AuditCancelled:
			e.Tone = certification.ToneMuted
			t.Past = append(t.Past, e)
		default:
			e.Tone = certification.ToneActive
			if a.Status == certification.AuditPlanned && a.Start() < asOf {
				e.Tone = certification.ToneAlert
			}
			t.Next = append(t.Next, e)
		}
	}
	opened := map[certification.ID]certification.Cycle{}
	for _, cy := range c.Cycles {
		opened[cy.DecisionID] = cy
	}
	for i := range f.Decisions {
		d := &f.Decisions[i]
		t.Past = append(t.Past, TimelineEvent{Date: d.Date, Kind: EventDecision, Text: decisionSummary(d, opened), Status: d.Kind.PastLabel(), Tone: d.Kind.Tone(), Decision: d})
	}
	for i := range f.Certificates {
		ct := &f.Certificates[i]
		st := ct.StatusOn(asOf)
		text := fmt.Sprintf("Certificate %s revision %d issued, expires %s", ct.Number, ct.Revision, ct.Expiry)
		if ct.Revision == 1 {
			text = fmt.Sprintf("Certificate %s issued, expires %s", ct.Number, ct.Expiry)
		}
		t.Past = append(t.Past, TimelineEvent{Date: ct.IssueDate, Kind: EventCertificate, Text: text, Status: st.Label(), Tone: st.Tone()})
	}
	for _, o := range obs {
		if o.Done || o.State == certification.StateLapsed || o.State == certification.StateNotOpen {
			continue
		}
		text := o.Label
		if o.WindowStart != 0 && o.WindowStart > asOf {
			text += " · from " + o.WindowStart.String()
		}
		t.Next = append(t.Next, TimelineEvent{Date: o.Due, Kind: EventDue, Text: text, Status: o.State.Label(), Tone: o.State.Tone()})
	}
	byDate := func(a, b TimelineEvent) int {
		if a.Date != b.Date {
			return int(a.Date) - int(b.Date)
		}
		return int(a.Kind) - int(b.Kind)
	}
	slices.SortStableFunc(t.Past, byDate)
	slices.SortStableFunc(t.Next, byDate)
	t.Cutoff = cycleStoryStart(f)
	return t
}

// cycleStoryStart is where the current cycle's story starts: with the
// audit that led to the decision opening it, the recertification audit
// of the cycle before, or the stage 1 and 2 of a certification after a
// lapse. Zero in the first cycle or before a grant.
func cycleStoryStart(f *certification.File) certification.Date {
	cur, ok := f.Certification.Current()
	if !ok || cur.Number <= 1 {
		return 0
	}
	cutoff := cur.Decided
	for i := range f.Audits {
		a := &f.Audits[i]
		if a.Status == certification.AuditCancelled || a.Start() > cur.Decided {
			continue
		}
		renewal := a.Cycle == cur.Number-1 && a.Kind == certification.Recertification
		initial := a.Cycle == cur.Number && (a.Kind == certification.Stage1 || a.Kind == certification.Stage2)
		if renewal || initial {
			cutoff = min(cutoff, a.Start())
		}
	}
	return cutoff
}
