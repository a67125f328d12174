package main

import (
	"strings"

	"certdesk/audit/audittime"
	"certdesk/certification"
	"certdesk/certification/view"
)

// The steps of an audit after it is planned, and audit show.

// auditStep moves audit id to status; fill, if not nil, completes the
// change from the audit as stored. The audit is then shown.
func (e *env) auditStep(id certification.ID, status certification.AuditStatus, fill func(a *certification.Audit, ch *certification.AuditChange)) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	ch := certification.AuditChange{Status: &status}
	if fill != nil {
		a, _, err := view.AuditFile(e.ctx, svc, id)
		if err != nil {
			return err
		}
		fill(a, &ch)
	}
	if err := svc.ChangeAudit(e.ctx, id, ch); err != nil {
		return err
	}
	return e.auditDone(svc, id, "Updated")
}

type auditConfirmCmd struct {
	auditID
	TeamJustification string `help:"why the team is competent despite a sector or AI gap (only where the policy team_gap_justification allows it)"`
}

func (c *auditConfirmCmd) Run(e *env) error {
	return e.auditStep(c.ID, certification.AuditConfirmed, func(a *certification.Audit, ch *certification.AuditChange) {
		if c.TeamJustification != "" {
			ch.TeamJustification = &c.TeamJustification
		}
	})
}

type auditCancelCmd struct {
	auditID
}

func (c *auditCancelCmd) Run(e *env) error {
	return e.auditStep(c.ID, certification.AuditCancelled, nil)
}

type auditStartCmd struct {
	auditID
	Date certification.Date `help:"the day the audit started (default today)"`
}

func (c *auditStartCmd) Run(e *env) error {
	return e.auditStep(c.ID, certification.AuditInProgress, func(a *certification.Audit, ch *certification.AuditChange) {
		d := e.orToday(c.Date)
		ch.ActualStart = &d
	})
}

type auditFinishCmd struct {
	auditID
	Date            certification.Date `help:"the audit's last day (default today)"`
	Days            *float64           `help:"auditor-days used (default: as planned)"`
	Outcome         string             `placeholder:"ready|not-ready" help:"stage 1: ready or not-ready"`
	Recommendation  string             `placeholder:"REC" help:"the team's recommendation, fitting the audit: stage 2 grant, not-until-nc-closed or refuse; recertification renew, not-until-nc-closed, change-scope or refuse; surveillance maintain, not-until-nc-closed, suspend or change-scope; special and follow-up any of these"`
	ShortfallReason string             `name:"shortfall-reason" placeholder:"TEXT" help:"why the audit took fewer auditor-days than planned (beyond the policy's tolerance)"`
}

func (auditFinishCmd) Help() string {
	return `Records the audit's last day (--date, default today) and moves it to
report-drafted. A stage 1 needs --outcome ready|not-ready, other audits a
--recommendation that fits them: a stage 2 grant|not-until-nc-closed|refuse,
a recertification renew|not-until-nc-closed|change-scope|refuse, a
surveillance maintain|not-until-nc-closed|suspend|change-scope; a special
or follow-up audit any of these.`
}

func (c *auditFinishCmd) Run(e *env) error {
	return e.auditStep(c.ID, certification.AuditReportDrafted, func(a *certification.Audit, ch *certification.AuditChange) {
		d := e.orToday(c.Date)
		ch.ActualEnd = &d
		used := a.PlannedDays
		if c.Days != nil && *c.Days >= 0 {
			used = *c.Days
		}
		ch.ActualDays = &used
		if c.ShortfallReason != "" {
			ch.ShortfallReason = &c.ShortfallReason
		}
		if c.Outcome != "" {
			o := certification.Stage1Outcome(c.Outcome)
			ch.Stage1Outcome = &o
		}
		if c.Recommendation != "" {
			r := certification.Recommendation(c.Recommendation)
			ch.Recommendation = &r
		}
	})
}

type auditCloseCmd struct {
	auditID
	ReportDate certification.Date `help:"the date of the report (default today)"`
}

func (c *auditCloseCmd) Run(e *env) error {
	return e.auditStep(c.ID, certification.AuditClosed, func(a *certification.Audit, ch *certification.AuditChange) {
		d := e.orToday(c.ReportDate)
		ch.ReportDate = &d
	})
}

type auditShowCmd struct {
	auditID
}

func (c *auditShowCmd) Run(e *env) error {
	id := c.ID
	svc, err := e.reader()
	if err != nil {
		return err
	}
	a, file, err := view.AuditFile(e.ctx, svc, id)
	if err != nil {
		return err
	}
	asOf := e.todayDate()
	var findings []findingOut
	for _, x := range file.FindingsOf([]*certification.Audit{a}) {
		findings = append(findings, outFinding(*x, asOf))
	}
	due, err := certification.DueItems(file, a)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit": a, "client": file.Client.LegalName, "standard": file.Certification.Standard, "findings": nonNil(findings), "due": due})
	}
	names, err := e.personNames(svc)
	if err != nil {
		return err
	}
	e.printf("Audit %d: %s, cycle %d, of certification %d (%s) for %s\n", a.ID, a.Kind.Label(), a.Cycle, a.CertificationID, file.Certification.Standard, file.Client.LegalName)
	e.printf("  Status:   %s\n", a.Status)
	if a.Hold != nil {
		e.printf("  Held by:  %s\n", a.Hold)
	}
	e.printf("  Planned:  %s to %s, %s\n", a.PlannedStart, a.PlannedEnd, audittime.AuditorDays(a.PlannedDays))
	if !a.ActualStart.IsZero() {
		e.printf("  Actual:   %s to %s, %s\n", a.ActualStart, dateOr(a.ActualEnd, "…"), audittime.AuditorDays(a.ActualDays))
	}
	if !a.ReportDate.IsZero() {
		e.printf("  Report:   %s\n", a.ReportDate)
	}
	if a.Stage1Outcome != "" {
		e.printf("  Outcome:  %s\n", a.Stage1Outcome)
	}
	if a.Recommendation != "" {
		e.printf("  Recommendation: %s\n", a.Recommendation)
	}
	if len(a.Sites) > 0 {
		e.printf("  Sites:    %s\n", strings.Join(a.Sites, ", "))
	}
	if a.GapJustification != "" {
		e.printf("  Stage 1 still valid because: %s\n", a.GapJustification)
	}
	if s := a.Sample; s != nil {
		e.printf("  Sample:   %s, seed %d: %d of %d sites besides the central function %s; chosen first %s, at random %s\n",
			s.Kind, s.Seed, s.Size, s.Sites, s.Central, orNone(strings.Join(s.Preferred, ", ")), orNone(strings.Join(s.Random, ", ")))
	}
	for _, m := range a.Team {
		e.printf("  Team:     %s (%d), %s\n", names[m.PersonID], m.PersonID, m.Role)
	}
	if err := e.showIntegrated(svc, a); err != nil { // cmd_integrated.go
		return err
	}
	if len(a.Checklist) > 0 {
		e.printf("  Checklist:\n")
		t := e.table("    REF", "RESULT", "NOTES")
		for _, c := range a.Checklist {
			t.row("    "+c.Ref, c.Result.Label(), shorten(c.Notes, 60))
		}
		t.flush()
		e.printInterviews(a.Checklist)
	}
	if !due.Complete() && (a.Status == certification.AuditInProgress || a.Done()) {
		e.printf("  Due:      %d of %d checklist item(s) without a result: %s (certctl audit due %d)\n", len(due.Missing), len(due.Required), certification.NameRefs(due.Missing, 10), a.ID)
	}
	if len(findings) > 0 {
		e.printf("  Findings:\n")
		t := e.table("    ID", "#", "GRADE", "REF", "STATUS", "RAISED BY", "EVIDENCE")
		for _, x := range findings {
			t.row("    "+x.ID.String(), x.Number, x.Grade.Label(), x.Reference, x.Status, names[x.RaisedBy], shorten(x.Evidence, 60))
		}
		t.flush()
	}
	return nil
}
