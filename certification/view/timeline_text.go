package view

import (
	"fmt"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/certification"
)

// The wording of the timeline's lines.

// auditSummary is an audit's line: kind, dates, outcome, findings, lead
// and auditor-days.
func auditSummary(a *certification.Audit, xs []*certification.Finding, people map[certification.ID]certification.Person) string {
	parts := []string{a.Kind.Label()}
	if end := a.LastDay(); end != a.Start() {
		parts = append(parts, a.Start().String()+" to "+end.String())
	}
	switch a.Stage1Outcome {
	case certification.Stage1Ready:
		parts = append(parts, "ready for stage 2")
	case certification.Stage1NotReady:
		parts = append(parts, "not ready for stage 2")
	}
	if a.Recommendation != "" {
		parts = append(parts, "recommends "+strings.ReplaceAll(string(a.Recommendation), "-", " "))
	}
	if s := FindingSummary(xs); s != "" {
		parts = append(parts, s)
	}
	if lead := a.Lead(); lead != 0 {
		if pr, ok := people[lead]; ok {
			parts = append(parts, "lead "+pr.Name)
		}
	}
	days := a.PlannedDays
	if a.ActualDays > 0 {
		days = a.ActualDays
	}
	if days > 0 {
		parts = append(parts, audittime.AuditorDays(days))
	}
	return strings.Join(parts, " · ")
}

// gradeCounted names a grade in a count of findings.
var gradeCounted = map[certification.Grade]string{certification.Major: "major", certification.Minor: "minor", certification.OFI: "OFI", certification.Observation: "observation", certification.Positive: "positive"}

// FindingSummary counts findings by grade: "1 major (1 open), 2 minor,
// 1 OFI"; "" for none.
func FindingSummary(xs []*certification.Finding) string {
	var parts []string
	for _, g := range certification.Grades {
		n, open := 0, 0
		for _, x := range xs {
			if x.Grade == g {
				n++
				if x.Open() {
					open++
				}
			}
		}
		if n == 0 {
			continue
		}
		name := gradeCounted[g]
		if n > 1 && g == certification.Observation {
			name += "s"
		}
		s := fmt.Sprintf("%d %s", n, name)
		if open > 0 {
			s += fmt.Sprintf(" (%d open)", open)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// decisionSummary is a decision's line: its kind, the cycle it opened,
// what it did to the certificate, and the first line of its reasons.
func decisionSummary(d *certification.Decision, opened map[certification.ID]certification.Cycle) string {
	text := d.Kind.Label()
	if cy, ok := opened[d.ID]; ok {
		text += fmt.Sprintf(": opens cycle %d, valid to %s", cy.Number, cy.Expiry)
	}
	switch d.Kind {
	case certification.Suspend:
		text += ": certificate suspended"
	case certification.Withdraw:
		text += ": certificate withdrawn"
	case certification.ExtendScope, certification.ReduceScope:
		text += ": new scope " + d.NewScope
	}
	if r := strings.TrimSpace(d.Reasons); r != "" {
		if i := strings.IndexByte(r, '\n'); i >= 0 {
			r = r[:i]
		}
		text += " — " + r
	}
	return text
}
