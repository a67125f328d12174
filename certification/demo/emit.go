package demo

import (
	"fmt"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/certification"
)

// emit adds the steps of an audit: planned, confirmed, started, findings
// recorded, finished, report closed, then the findings' workflow.
func (c *cert) emit(ap *auditPlan) {
	cl := c.cl
	ctx := cl.g.ctx
	mgr := cl.manager()
	c.staff(ap)
	lead := ap.team[0].p
	for _, f := range ap.verify {
		on := ap.start
		cl.at(on, lead, "verify minor at next audit", func(svc *certification.Service) error {
			return svc.VerifyFinding(ctx, f.id, certification.Verification{By: lead.id, On: on, Method: "next audit",
				Notes: "Implementation checked during the audit of " + on.String() + ": effective."})
		})
	}
	if ap.planOn.IsZero() || ap.planOn > ap.start {
		ap.planOn = ap.start.AddDays(-c.rn(20, 60))
	}
	cl.at(ap.planOn, mgr, "plan "+string(ap.kind)+" audit", func(svc *certification.Service) error {
		a := certification.Audit{CertificationID: c.id, Kind: ap.kind, PlannedStart: ap.start, PlannedEnd: ap.end,
			PlannedDays: ap.days, Sites: ap.sites, GapJustification: ap.justification}
		for _, m := range ap.team {
			a.Team = append(a.Team, certification.TeamMember{PersonID: m.p.id, Role: m.role})
		}
		a = svc.AtRequiredTime(ctx, a)
		ap.days = a.PlannedDays // and carried out in that time
		id, err := svc.PlanAudit(ctx, a)
		ap.id = id
		return err
	})
	confirmOn := ap.planOn.AddDays(c.rn(0, min(14, ap.planOn.DaysUntil(ap.start))))
	cl.at(confirmOn, mgr, "confirm audit", func(svc *certification.Service) error {
		return svc.ChangeAudit(ctx, ap.id, certification.AuditChange{Status: ptr(certification.AuditConfirmed)})
	})
	cl.at(ap.start, lead, "start audit", func(svc *certification.Service) error {
		return svc.ChangeAudit(ctx, ap.id, certification.AuditChange{ActualStart: ptr(ap.start), Status: ptr(certification.AuditInProgress)})
	})
	for _, f := range ap.findings {
		cl.at(f.raised, f.by, "record finding", func(svc *certification.Service) error {
			id, err := svc.RecordFinding(ctx, certification.Finding{AuditID: ap.id, Grade: f.grade, Reference: f.text.ref,
				Requirement: f.text.requirement, Evidence: f.text.evidence, RaisedBy: f.by.id, Raised: f.raised})
			f.id = id
			return err
		})
	}
	cl.at(ap.end, lead, "finish audit", func(svc *certification.Service) error {
		ch := certification.AuditChange{ActualEnd: ptr(ap.end), ActualDays: ptr(ap.days), Status: ptr(certification.AuditReportDrafted)}
		if ap.kind == certification.Stage1 {
			ch.Stage1Outcome = ptr(ap.outcome)
		} else {
			ch.Recommendation = ptr(ap.rec)
		}
		if err := c.fieldwork(ctx, svc, ap); err != nil {
			return err
		}
		// The team answered every item the audit must cover (findings
		// already set theirs).
		if err := svc.FillChecklist(ctx, ap.id, certification.ChecklistEntry{Result: certification.ResultConform, Notes: "Evidence sampled and found conforming."}); err != nil {
			return err
		}
		return svc.ChangeAudit(ctx, ap.id, ch)
	})
	if !ap.reportOn.IsZero() {
		cl.at(ap.reportOn, lead, "close audit report", func(svc *certification.Service) error {
			return svc.ChangeAudit(ctx, ap.id, certification.AuditChange{ReportDate: ptr(ap.reportOn), Status: ptr(certification.AuditClosed)})
		})
	}
	for _, f := range ap.findings {
		c.emitWorkflow(f, lead)
	}
}

func (c *cert) emitWorkflow(f *findingPlan, lead *person) {
	cl := c.cl
	ctx := cl.g.ctx
	r := cl.r
	if !f.responded.IsZero() {
		resp := certification.Response{RootCause: rootCauses[r.IntN(len(rootCauses))], Correction: corrections[r.IntN(len(corrections))],
			CorrectiveAction: actions[r.IntN(len(actions))], CorrectionDate: f.responded.AddDays(c.rn(0, 14)),
			ActionDate: f.responded.AddDays(c.rn(20, 80)), Received: f.responded}
		cl.at(f.responded, lead, "record client response", func(svc *certification.Service) error {
			return svc.RecordResponse(ctx, f.id, resp)
		})
	}
	if !f.rejected.IsZero() {
		cl.at(f.rejected, lead, "reject response", func(svc *certification.Service) error {
			return svc.ReviewResponse(ctx, f.id, certification.Review{By: lead.id, On: f.rejected, Accepted: false,
				Comment: "The root cause analysis stops at the symptom: explain why the process allowed it, and extend the action to similar cases."})
		})
	}
	if !f.respondedAgain.IsZero() {
		resp := certification.Response{RootCause: rootCauses[r.IntN(len(rootCauses))] + " A review of similar cases found two more.",
			Correction: corrections[r.IntN(len(corrections))], CorrectiveAction: actions[r.IntN(len(actions))],
			CorrectionDate: f.respondedAgain.AddDays(c.rn(0, 14)), ActionDate: f.respondedAgain.AddDays(c.rn(20, 80)), Received: f.respondedAgain}
		cl.at(f.respondedAgain, lead, "record revised response", func(svc *certification.Service) error {
			return svc.RecordResponse(ctx, f.id, resp)
		})
	}
	if !f.accepted.IsZero() {
		comment := "Root cause analysis and action plan accepted."
		if f.grade == certification.Major {
			comment = "Plan accepted; implementation to be verified before the decision."
		}
		cl.at(f.accepted, lead, "accept response", func(svc *certification.Service) error {
			return svc.ReviewResponse(ctx, f.id, certification.Review{By: lead.id, On: f.accepted, Accepted: true, Comment: comment})
		})
	}
	if f.followUp != nil {
		c.emit(f.followUp)
	}
	if !f.verified.IsZero() {
		notes := "Evidence of implementation reviewed: records, updated procedure and training attendance."
		if f.method == "follow-up visit" {
			notes = "Verified on site: the corrective action is implemented and effective."
		}
		cl.at(f.verified, lead, "verify finding", func(svc *certification.Service) error {
			return svc.VerifyFinding(ctx, f.id, certification.Verification{By: lead.id, On: f.verified, Method: f.method, Notes: notes})
		})
	}
	if f.grade == certification.Minor && !f.accepted.IsZero() {
		c.minors = append(c.minors, f)
	}
}

func (c *cert) decide(on certification.Date, kind certification.DecisionKind, reasons string) {
	ctx := c.cl.g.ctx
	judge := c.cl.judge
	c.cl.at(on, judge, string(kind)+" decision", func(svc *certification.Service) error {
		_, err := svc.Decide(ctx, certification.Decision{CertificationID: c.id, Kind: kind, Date: on, Makers: []certification.ID{judge.id}, Reasons: reasons})
		return err
	})
	c.last = max(c.last, on)
}

func ptr[T any](v T) *T { return &v }

func reasonsFor(kind certification.DecisionKind, ap *auditPlan, extra string) string {
	majors, minors := 0, 0
	if ap != nil {
		majors, minors = countNC(ap)
	}
	var b strings.Builder
	switch kind {
	case certification.Grant:
		fmt.Fprintf(&b, "Stage 1 and stage 2 reports reviewed (stage 2 %s to %s, %s as calculated). ", ap.start, ap.end, audittime.AuditorDays(ap.days))
	case certification.Renew, certification.Restore:
		fmt.Fprintf(&b, "Recertification audit report of %s reviewed, with the results of the cycle's surveillance audits. ", ap.end)
	case certification.Maintain:
		fmt.Fprintf(&b, "Surveillance audit report of %s reviewed. ", ap.end)
	}
	if ap != nil {
		switch {
		case majors > 0 && minors > 0:
			fmt.Fprintf(&b, "%d major NC(s) corrected and verified; %d minor NC(s) with accepted action plans. ", majors, minors)
		case majors > 0:
			fmt.Fprintf(&b, "%d major NC(s) corrected and verified. ", majors)
		case minors > 0:
			fmt.Fprintf(&b, "%d minor NC(s) with accepted action plans. ", minors)
		default:
			b.WriteString("No nonconformities. ")
		}
		b.WriteString("Team competence for the scope confirmed; the decision maker was not involved in the audits. ")
	}
	b.WriteString(extra)
	return strings.TrimSpace(b.String())
}
