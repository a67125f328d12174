package main

import (
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// findingCmd records findings and their workflow.
type findingCmd struct {
	Add      findingAddCmd      `cmd:"" help:"record a finding on an audit in progress"`
	Respond  findingRespondCmd  `cmd:"" help:"record the client's response to a nonconformity"`
	Accept   findingAcceptCmd   `cmd:"" help:"accept the client's response"`
	Reject   findingRejectCmd   `cmd:"" help:"reject the client's response"`
	Verify   findingVerifyCmd   `cmd:"" help:"record that the corrective action was verified"`
	Escalate findingEscalateCmd `cmd:"" help:"raise an overdue minor to a major (where the policy allows it)"`
	List     findingListCmd     `cmd:"" help:"list findings (with --open: open ones)"`
}

// findingID is the argument of the verbs that name one finding.
type findingID struct {
	ID certification.ID `arg:"" name:"finding" placeholder:"ID" help:"the finding's id"`
}

type findingAddCmd struct {
	Audit       certification.ID   `required:"" help:"audit id"`
	Grade       string             `required:"" placeholder:"GRADE" help:"major, minor, ofi, observation or positive"`
	Ref         string             `required:"" placeholder:"CLAUSE" help:"clause (8.2) or Annex A control (A.6.2.4)"`
	Requirement string             `help:"the requirement (not met)"`
	Evidence    string             `help:"the objective evidence seen"`
	By          string             `placeholder:"PERSON" help:"who raised it (default: you if on the team, else the lead auditor)"`
	Date        certification.Date `help:"the day it was raised (default today, within the audit's days)"`
	overrideHold
}

func (findingAddCmd) Help() string {
	return `Records a finding. GRADE: major, minor, ofi, observation, positive. --ref is
a clause (8.2) or Annex A control (A.6.2.4) of the certification's standard.
--by defaults to you if you are on the team, else the lead auditor.`
}

func (c *findingAddCmd) Run(e *env) error {
	aid, raised := c.Audit, c.Date
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := c.check(e, svc, aid); err != nil { // cmd_hold.go
		return err
	}
	a, _, err := view.AuditFile(e.ctx, svc, aid)
	if err != nil {
		return err
	}
	// The raised date, when not given, is the service's to default.
	raisedBy, _ := a.RaisedDefaults(svc.Actor().PersonID, 0)
	if c.By != "" {
		p, err := e.person(c.By)
		if err != nil {
			return inputf("--by: %v", err)
		}
		raisedBy = p.ID
	}
	id, err := svc.RecordFinding(e.ctx, certification.Finding{AuditID: aid, Grade: certification.Grade(c.Grade), Reference: c.Ref,
		Requirement: strings.TrimSpace(c.Requirement), Evidence: strings.TrimSpace(c.Evidence), RaisedBy: raisedBy, Raised: raised})
	if err != nil {
		return err
	}
	return e.findingDone(svc, id, "Recorded")
}

func (e *env) findingDone(svc *certification.Service, id certification.ID, what string) error {
	x, err := svc.Finding(e.ctx, id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"finding": outFinding(x, e.todayDate())})
	}
	e.printf("%s finding %d: %s #%d (%s) of audit %d, now %s", what, x.ID, x.Grade.Label(), x.Number, x.Reference, x.AuditID, x.Status())
	st := x.Status()
	if st == certification.FindingAwaitingResponse || st == certification.FindingPlanRejected {
		e.printf("; response due %s", x.ResponseDue)
	}
	if x.Grade == certification.Major && x.Verification == nil {
		e.printf("; to be verified by %s", x.CloseDue)
	}
	e.printf(".\n")
	return nil
}

// findingStep runs one step of finding id's workflow and shows it,
// once its audit is not held by another desk (or hold overrides it).
func (e *env) findingStep(id certification.ID, hold overrideHold, do func(svc *certification.Service) error) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	x, err := svc.Finding(e.ctx, id)
	if err != nil {
		return err
	}
	if err := hold.check(e, svc, x.AuditID); err != nil { // cmd_hold.go
		return err
	}
	if err := do(svc); err != nil {
		return err
	}
	return e.findingDone(svc, id, "Updated")
}

type findingRespondCmd struct {
	findingID
	RootCause      string             `placeholder:"TEXT" help:"the client's root cause analysis"`
	Correction     string             `placeholder:"TEXT" help:"the correction"`
	Action         string             `placeholder:"TEXT" help:"the corrective action"`
	Date           certification.Date `help:"the day the response was received (default today)"`
	CorrectionDate certification.Date `help:"planned date of the correction"`
	ActionDate     certification.Date `help:"planned date of the corrective action"`
	overrideHold
}

func (c *findingRespondCmd) Run(e *env) error {
	return e.findingStep(c.ID, c.overrideHold, func(svc *certification.Service) error {
		r := certification.Response{RootCause: strings.TrimSpace(c.RootCause), Correction: strings.TrimSpace(c.Correction), CorrectiveAction: strings.TrimSpace(c.Action),
			Received: c.Date, CorrectionDate: c.CorrectionDate, ActionDate: c.ActionDate}
		return svc.RecordResponse(e.ctx, c.ID, r)
	})
}

// review is the flags of finding accept and finding reject.
type review struct {
	findingID
	Date    certification.Date `help:"the day of the review (default today)"`
	Comment string             `placeholder:"TEXT" help:"the body's comment"`
	overrideHold
}

func (c *review) run(e *env, accepted bool) error {
	return e.findingStep(c.ID, c.overrideHold, func(svc *certification.Service) error {
		if !accepted && strings.TrimSpace(c.Comment) == "" {
			return inputf("--comment is required: say what the client must improve")
		}
		return svc.ReviewResponse(e.ctx, c.ID, certification.Review{On: c.Date, Accepted: accepted, Comment: strings.TrimSpace(c.Comment)})
	})
}

type findingAcceptCmd struct{ review }

func (c *findingAcceptCmd) Run(e *env) error { return c.run(e, true) }

type findingRejectCmd struct{ review }

func (c *findingRejectCmd) Run(e *env) error { return c.run(e, false) }

// methods maps the command line's verification methods to the words stored.
var methods = map[string]string{
	"documents": "documents", "follow-up-visit": "follow-up visit", "follow-up visit": "follow-up visit",
	"next-audit": "next audit", "next audit": "next audit",
}

type findingVerifyCmd struct {
	findingID
	Method string             `placeholder:"documents|follow-up-visit|next-audit" help:"how the corrective action was verified"`
	Date   certification.Date `help:"the day of the verification (default today)"`
	Notes  string             `placeholder:"TEXT" help:"what was checked"`
	overrideHold
}

func (c *findingVerifyCmd) Run(e *env) error {
	return e.findingStep(c.ID, c.overrideHold, func(svc *certification.Service) error {
		m, ok := methods[strings.ToLower(strings.TrimSpace(c.Method))]
		if !ok {
			return inputf("--method must be documents, follow-up-visit or next-audit")
		}
		return svc.VerifyFinding(e.ctx, c.ID, certification.Verification{On: c.Date, Method: m, Notes: strings.TrimSpace(c.Notes)})
	})
}

type findingEscalateCmd struct {
	findingID
	Date certification.Date `help:"the day of the escalation (default today)"`
	overrideHold
}

func (c *findingEscalateCmd) Run(e *env) error {
	return e.findingStep(c.ID, c.overrideHold, func(svc *certification.Service) error {
		return svc.EscalateFinding(e.ctx, c.ID, c.Date)
	})
}

type findingListCmd struct {
	Open bool               `help:"only open findings"`
	AsOf certification.Date `help:"date for lateness (default today)"`
}

func (c *findingListCmd) Run(e *env) error {
	asOf := e.orToday(c.AsOf)
	svc, err := e.reader()
	if err != nil {
		return err
	}
	rows, err := view.FindingRows(e.ctx, svc, asOf, c.Open)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "findings": nonNil(rows)})
	}
	if len(rows) > 0 {
		t := e.table("ID", "CLIENT", "STANDARD", "AUDIT", "#", "GRADE", "REF", "STATUS", "RAISED", "RESPONSE DUE", "CLOSE DUE", "LATE")
		for _, r := range rows {
			late := ""
			if r.Late {
				late = "late"
			}
			t.row(r.ID, r.ClientName, r.Standard.Short(), r.AuditID, r.Number, r.Grade, r.Reference, r.Status, r.Raised, r.ResponseDue, r.CloseDue, late)
		}
		t.flush()
	}
	what := "finding(s)"
	if c.Open {
		what = "open finding(s)"
	}
	e.printf("%d %s as of %s\n", len(rows), what, asOf)
	return nil
}
