package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Widths of the timeline's columns.
var timelineWidths = []float32{100, 100, 0, 130, 90}

// timeline lays out a certification's history (earlier cycles folded
// away) and what comes next.
func (p *clientPage) timeline(sec *clientCertSection, certID certification.ID) fyne.CanvasObject {
	box := container.NewVBox()
	head := valueGrid(timelineWidths, []string{"Date", "", "What", "Status", ""}, nil)
	box.Add(head)
	early := 0
	for _, e := range sec.past {
		if e.date < sec.cutoff {
			early++
		}
	}
	if early > 0 {
		shown := p.history[certID]
		text := fmt.Sprintf("Show %d entries of earlier cycles", early)
		icon := theme.MenuExpandIcon()
		if shown {
			text, icon = "Hide earlier cycles", theme.MenuDropUpIcon()
		}
		sec.showEarly = widget.NewButtonWithIcon(text, icon, func() {
			p.history[certID] = !p.history[certID]
			if p.view != nil {
				p.show(p.view, p.asOf)
			}
		})
		sec.showEarly.Importance = widget.LowImportance
		box.Add(container.NewHBox(sec.showEarly))
	}
	for _, e := range sec.past {
		if e.date < sec.cutoff && !p.history[certID] {
			continue
		}
		box.Add(p.eventRow(sec, e))
	}
	today := header("Today, " + p.asOf.String())
	today.Importance = widget.HighImportance
	box.Add(container.NewBorder(nil, nil, nil, nil, container.NewVBox(widget.NewSeparator(), today)))
	if len(sec.next) == 0 {
		box.Add(lowLabel("Nothing planned and nothing falls due."))
	}
	for _, e := range sec.next {
		box.Add(p.eventRow(sec, e))
	}
	return box
}

func (p *clientPage) eventRow(sec *clientCertSection, e clientEvent) fyne.CanvasObject {
	kind := gridCell(e.kind, widget.MediumImportance)
	what := gridCell(e.text, widget.MediumImportance)
	status := gridCell(e.status, e.imp)
	var action fyne.CanvasObject = layout.NewSpacer()
	if e.auditID != 0 {
		id := e.auditID
		b := widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), func() {
			p.c.u.goTo("Audit workspace", recordRef{certification.KindAudit, id})
		})
		b.Importance = widget.LowImportance
		sec.openAudit[id] = b
		action = b
	} else if d := e.decision; d != nil {
		b := widget.NewButtonWithIcon("Record", theme.DownloadIcon(), func() { p.c.u.exportDecision(d, p.view.Client.DisplayName()) })
		b.Importance = widget.LowImportance
		action = b
	}
	return container.New(&gridColumns{widths: timelineWidths}, gridCell(e.date.String(), widget.MediumImportance), kind, what, status, action)
}

// clientEvent is one line of a certification's timeline.
type clientEvent struct {
	date    certification.Date
	order   int // among events of one day: application, audit, decision, certificate, obligation
	kind    string
	text    string
	status  string
	imp     widget.Importance
	auditID certification.ID
	// decision is the decision of a decision line (its record can be exported).
	decision *certification.Decision
}

// clientTimeline lists what happened in a certification (past) and what
// is planned or falls due (next), each in date order. cutoff is the
// first date of the current cycle's story: earlier entries belong to
// earlier cycles.
func clientTimeline(f *certification.File, obs []certification.Obligation, people map[certification.ID]certification.Person, asOf certification.Date) (past, next []clientEvent, cutoff certification.Date) {
	c := &f.Certification
	past = append(past, clientEvent{date: c.Applied, order: 0, kind: "Application", text: "Application for " + string(c.Standard), status: "received"})

	findings := map[certification.ID][]*certification.Finding{}
	for i := range f.Findings {
		x := &f.Findings[i]
		findings[x.AuditID] = append(findings[x.AuditID], x)
	}
	for i := range f.Audits {
		a := &f.Audits[i]
		e := clientEvent{date: a.Start(), order: 1, kind: "Audit", text: timelineAuditText(a, findings[a.ID], people),
			status: a.Status.Label(), auditID: a.ID}
		switch a.Status {
		case certification.AuditClosed, certification.AuditReportDrafted:
			e.imp = widget.SuccessImportance
			past = append(past, e)
		case certification.AuditCancelled:
			e.imp = widget.LowImportance
			past = append(past, e)
		default:
			e.imp = widget.HighImportance
			if a.Status == certification.AuditPlanned && a.Start() < asOf {
				e.imp = widget.DangerImportance
			}
			next = append(next, e)
		}
	}
	opened := map[certification.ID]certification.Cycle{}
	for _, cy := range c.Cycles {
		opened[cy.DecisionID] = cy
	}
	certs := map[certification.ID]*certification.Certificate{}
	for i := range f.Certificates {
		certs[f.Certificates[i].ID] = &f.Certificates[i]
	}
	for i := range f.Decisions {
		d := &f.Decisions[i]
		text := timelineDecisionText(d, opened, certs)
		past = append(past, clientEvent{date: d.Date, order: 2, kind: "Decision", text: text, status: decisionDoneText(d.Kind), imp: decisionImportance(d.Kind), decision: d})
	}
	for i := range f.Certificates {
		ct := &f.Certificates[i]
		st := ct.StatusOn(asOf)
		text := fmt.Sprintf("Certificate %s revision %d issued, expires %s", ct.Number, ct.Revision, ct.Expiry)
		if ct.Revision == 1 {
			text = fmt.Sprintf("Certificate %s issued, expires %s", ct.Number, ct.Expiry)
		}
		past = append(past, clientEvent{date: ct.IssueDate, order: 3, kind: "Certificate", text: text, status: st.Label(), imp: certStatusImportance(st)})
	}
	for _, o := range obs {
		if o.Done || o.State == certification.StateLapsed || o.State == certification.StateNotOpen {
			continue
		}
		text := o.Label
		if o.WindowStart != 0 && o.WindowStart > asOf {
			text += " · from " + o.WindowStart.String()
		}
		next = append(next, clientEvent{date: o.Due, order: 4, kind: "Due", text: text, status: o.State.Label(), imp: stateImportance(o.State)})
	}
	byDate := func(a, b clientEvent) int {
		if a.date != b.date {
			return int(a.date) - int(b.date)
		}
		return a.order - b.order
	}
	slices.SortStableFunc(past, byDate)
	slices.SortStableFunc(next, byDate)

	// The current cycle's story starts with the audit that led to the
	// decision opening it: the recertification audit of the cycle
	// before, or the stage 1 and 2 of a certification after a lapse.
	if cur, ok := c.Current(); ok && cur.Number > 1 {
		cutoff = cur.Decided
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
	}
	return past, next, cutoff
}

func timelineAuditText(a *certification.Audit, xs []*certification.Finding, people map[certification.ID]certification.Person) string {
	parts := []string{a.Kind.Label()}
	end := a.PlannedEnd
	if a.ActualEnd != 0 {
		end = a.ActualEnd
	}
	if end != a.Start() {
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
	if s := timelineFindingSummary(xs); s != "" {
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
		parts = append(parts, strconv.FormatFloat(days, 'f', -1, 64)+" auditor-days")
	}
	return strings.Join(parts, " · ")
}

// timelineFindingSummary counts findings by grade: "1 major (open), 2 minor, 1 OFI".
func timelineFindingSummary(xs []*certification.Finding) string {
	if len(xs) == 0 {
		return ""
	}
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
		name := map[certification.Grade]string{certification.Major: "major", certification.Minor: "minor", certification.OFI: "OFI",
			certification.Observation: "observation", certification.Positive: "positive"}[g]
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

func timelineDecisionText(d *certification.Decision, opened map[certification.ID]certification.Cycle, certs map[certification.ID]*certification.Certificate) string {
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

// decisionDoneText is what a decision did: "Granted".
func decisionDoneText(k certification.DecisionKind) string {
	switch k {
	case certification.Grant:
		return "Granted"
	case certification.Refuse:
		return "Refused"
	case certification.Renew:
		return "Renewed"
	case certification.Maintain:
		return "Maintained"
	case certification.ExtendScope:
		return "Scope extended"
	case certification.ReduceScope:
		return "Scope reduced"
	case certification.Suspend:
		return "Suspended"
	case certification.Restore:
		return "Restored"
	case certification.Withdraw:
		return "Withdrawn"
	}
	return string(k)
}
