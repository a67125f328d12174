package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// findingDetail is what the detail pane shows about one finding.
type findingDetail struct {
	x      certification.Finding
	a      certification.Audit
	client string
	std    certification.Standard
	lead   string
}

// loadFindingDetail reads a finding with its audit and client.
func loadFindingDetail(ctx context.Context, svc *certification.Service, id certification.ID, people []certification.Person) (*findingDetail, error) {
	x, err := svc.Finding(ctx, id)
	if err != nil {
		return nil, err
	}
	a, file, err := view.AuditFile(ctx, svc, x.AuditID)
	if err != nil {
		return nil, err
	}
	d := &findingDetail{x: x, a: *a, client: file.Client.DisplayName(), std: file.Certification.Standard}
	for _, p := range people {
		if p.ID == a.Lead() {
			d.lead = p.Name
		}
	}
	return d, nil
}

// showDetail fills the detail pane from f.det and enables the actions
// the finding's status allows.
func (f *findingsSpace) showDetail() {
	d := f.det
	if d == nil {
		f.detail.Objects = []fyne.CanvasObject{f.emptyNote}
		f.detail.Refresh()
		return
	}
	x := &d.x
	st := x.Status()
	f.detTitle.SetText(fmt.Sprintf("%s #%d · %s · %s (%s)", x.Grade.Label(), x.Number, x.Reference, d.client, d.std))
	f.detStatus.Importance = findingStatusImportance(st, x.Grade)
	status := st.Label(x.Grade)
	if x.LateOn(f.u.today()) {
		status += " · late"
		f.detStatus.Importance = widget.DangerImportance
	}
	f.detStatus.SetText(status)

	f.finding.set("Requirement", x.Requirement)
	f.finding.set("Evidence", x.Evidence)
	audit := fmt.Sprintf("%s, %s to %s", d.a.Kind.Label(), d.a.Start(), d.a.LastDay())
	if d.lead != "" {
		audit += ", led by " + d.lead
	}
	f.finding.set("Audit", audit)
	raised := x.Raised.String()
	if x.RaisedBy != 0 {
		raised += " by " + f.personName(x.RaisedBy)
	}
	if x.EscalatedFrom != "" {
		raised += " (escalated from " + x.EscalatedFrom.Label() + ")"
	}
	f.finding.set("Raised", raised)
	today := f.u.today()
	due := func(name string, dd certification.Date, done bool) {
		if dd.IsZero() {
			f.finding.set(name, "none")
			return
		}
		switch {
		case done:
			f.finding.setStyled(name, dd.String()+" (met)", widget.SuccessImportance)
		case today > dd:
			f.finding.setStyled(name, fmt.Sprintf("%s (%d days overdue)", dd, dd.DaysUntil(today)), widget.DangerImportance)
		default:
			f.finding.set(name, fmt.Sprintf("%s (in %d days)", dd, today.DaysUntil(dd)))
		}
	}
	responseDone := st == certification.FindingPlanAccepted || st == certification.FindingVerified || st == certification.FindingResponded
	due("Response due", x.ResponseDue, responseDone)
	due("Close due", x.CloseDue, x.Verification != nil)

	if r := x.Response; r != nil {
		f.response.set("Received", r.Received.String())
		f.response.set("Root cause", r.RootCause)
		f.response.set("Correction", r.Correction)
		f.response.set("Correction by", r.CorrectionDate.String())
		f.response.set("Corrective action", r.CorrectiveAction)
		f.response.set("Action by", r.ActionDate.String())
	} else {
		for _, n := range []string{"Root cause", "Correction", "Correction by", "Corrective action", "Action by"} {
			f.response.set(n, "")
		}
		if x.Grade.IsNC() {
			f.response.setStyled("Received", "no response yet", widget.WarningImportance)
		} else {
			f.response.set("Received", "no response needed")
		}
	}
	var earlier []string
	for _, rv := range x.Rejected {
		earlier = append(earlier, fmt.Sprintf("Rejected on %s by %s: %s", rv.On, orDash(f.personName(rv.By)), orDash(rv.Comment)))
	}
	f.response.set("Earlier", strings.Join(earlier, "\n"))

	if rv := x.Review; rv != nil {
		verdict, imp := "Accepted", widget.SuccessImportance
		if !rv.Accepted {
			verdict, imp = "Rejected", widget.WarningImportance
		}
		text := verdict + " on " + rv.On.String()
		if rv.By != 0 {
			text += " by " + f.personName(rv.By)
		}
		f.review.setStyled("Review", text, imp)
		f.review.set("Comment", rv.Comment)
	} else {
		f.review.set("Review", "not reviewed")
		f.review.set("Comment", "")
	}
	if v := x.Verification; v != nil {
		text := v.On.String()
		if v.By != 0 {
			text += " by " + f.personName(v.By)
		}
		f.review.setStyled("Verified", text, widget.SuccessImportance)
		f.review.set("Method", v.Method)
		f.review.set("Notes", v.Notes)
	} else {
		what := "not verified"
		if x.Grade == certification.Minor {
			what = "checked at the next audit"
		} else if !x.Grade.IsNC() {
			what = "not applicable"
		}
		f.review.set("Verified", what)
		f.review.set("Method", "")
		f.review.set("Notes", "")
	}

	setEnabled(f.respond, st == certification.FindingAwaitingResponse || st == certification.FindingResponded || st == certification.FindingPlanRejected)
	setEnabled(f.accept, st == certification.FindingResponded)
	setEnabled(f.reject, st == certification.FindingResponded)
	setEnabled(f.verify, st == certification.FindingPlanAccepted)
	// Only an unanswered minor past its response deadline; whether the
	// body's policy allows escalation is the domain's answer.
	f.escalate.Hidden = !(x.Grade == certification.Minor && (st == certification.FindingAwaitingResponse || st == certification.FindingPlanRejected) &&
		x.ResponseDue != 0 && f.u.today() > x.ResponseDue)
	f.escalate.Refresh()
	f.respond.SetText("Record response…")
	if st == certification.FindingResponded {
		f.respond.SetText("Revise response…")
	}
	f.hint.SetText(findingNextStep(x))
	auditOpen := d.a.Status == certification.AuditInProgress || d.a.Status == certification.AuditReportDrafted
	f.ev.show(certification.Evidence{AuditID: x.AuditID, FindingID: x.ID}, auditOpen || x.Open())
	f.detail.Objects = []fyne.CanvasObject{f.detBody}
	f.detail.Refresh()
}

// findingNextStep says what the finding waits for.
func findingNextStep(x *certification.Finding) string {
	switch x.Status() {
	case certification.FindingAwaitingResponse:
		return "Waiting for the client's root cause, correction and corrective action."
	case certification.FindingResponded:
		return "The response is in: accept it or ask for a better one."
	case certification.FindingPlanRejected:
		return "The response was rejected: record the client's new response."
	case certification.FindingPlanAccepted:
		if x.Grade == certification.Major {
			return "Verify the correction (documents or a follow-up visit) before any decision."
		}
		return "Closed for the decision; implementation is checked at the next audit."
	case certification.FindingVerified:
		return "Closed: the correction was verified."
	}
	return "Not a nonconformity: nothing is required."
}
