package main

import (
	"slices"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// auditCmd plans audits and moves them through their steps.
type auditCmd struct {
	Plan            auditPlanCmd            `cmd:"" help:"plan an audit"`
	Confirm         auditConfirmCmd         `cmd:"" help:"confirm a planned audit"`
	Start           auditStartCmd           `cmd:"" help:"record that an audit started"`
	Finish          auditFinishCmd          `cmd:"" help:"record an audit's last day and conclusion (report drafted)"`
	Close           auditCloseCmd           `cmd:"" help:"close an audit's report"`
	Cancel          auditCancelCmd          `cmd:"" help:"cancel an audit"`
	Show            auditShowCmd            `cmd:"" help:"an audit with its team, checklist and findings"`
	Checklist       auditChecklistCmd       `cmd:"" help:"record checklist results: one, or a TSV or JSON file of them"`
	Due             auditDueCmd             `cmd:"" help:"what the audit's checklist must still cover before its report"`
	Hold            auditHoldCmd            `cmd:"" help:"hold the audit on this desk while you work on it"`
	Release         auditReleaseCmd         `cmd:"" help:"end an audit's hold (the holder, or a scheme manager with a reason)"`
	LeaveIntegrated auditLeaveIntegratedCmd `cmd:"" name:"leave-integrated" help:"take an audit out of its integrated audit"`
	Time            auditTimeFactsCmd       `cmd:"" help:"required, planned and actual auditor-days; re-plan the days, justify, explain a shortfall"`
	ReportDetails   auditReportDetailsCmd   `cmd:"" name:"report-details" help:"the audit report's own content (representative, objectives, deviations, conclusion…) and what it still needs"`
	Activities      auditActivitiesCmd      `cmd:"" help:"the audit's activities, on site or remote (IAF MD 4), with the remote share"`
}

// auditID is the argument of the verbs that name one audit.
type auditID struct {
	ID certification.ID `arg:"" name:"audit" placeholder:"ID" help:"the audit's id"`
}

type auditPlanCmd struct {
	Certification certification.ID   `required:"" help:"certification id"`
	Kind          string             `required:"" placeholder:"KIND" help:"stage1, stage2, surveillance, recertification, special or verification"`
	Start         certification.Date `required:"" help:"planned first day"`
	End           certification.Date `help:"planned last day (default: the first day)"`
	Days          float64            `help:"planned auditor-days (default: calendar days × auditors)"`
	auditTeam
	Site              csv    `placeholder:"CODE" help:"site code covered (repeat for several)"`
	SampleSeed        seed   `placeholder:"N" help:"draw the sites to visit (IAF MD 1) with this seed and record the sample (see certctl sample)"`
	Justification     string `help:"why a stage 1 older than the policy's gap is still valid"`
	TimeJustification string `name:"time-justification" placeholder:"TEXT" help:"why fewer auditor-days than the required audit time are planned (IAF MD 5)"`
	Notes             string `help:"notes"`
	Integrate         multi  `placeholder:"CERT_ID[:DAYS]" help:"another certification of the client audited in the same visit (repeat for several)"`
}

func (auditPlanCmd) Help() string {
	return `Plans an audit. KIND: stage1, stage2, surveillance, recertification,
special, verification. PERSON is an id or exact name. --days defaults to the
audit's calendar days times the number of auditors (lead included).
--sample-seed N draws the sites a multi-site audit visits (IAF MD 1) with
seed N, as certctl sample --client shows it, and records the sample with
the audit; --site adds sites besides the sample.
--integrate CERT_ID[:DAYS] plans an integrated audit: one visit with the
same dates, sites and team for another certification of the client (to
another standard), with its own auditor-days (DAYS, default --days);
repeat for several. Each certification gets its own audit, checked by its
own rules; later date, site, team and status changes (confirm, start,
cancel) apply to all of them, and a shared clause (4–10 of the harmonised
structure) is answered once.`
}

func (c *auditPlanCmd) Run(e *env) error {
	cid, start, end := c.Certification, c.Start, c.End
	if end.IsZero() {
		end = start
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	a := certification.Audit{CertificationID: cid, Kind: certification.AuditKind(c.Kind), PlannedStart: start, PlannedEnd: end,
		PlannedDays: c.Days, Sites: c.Site, GapJustification: c.Justification, TimeJustification: c.TimeJustification, Notes: c.Notes}
	if a.Team, err = e.team(c.auditTeam); err != nil {
		return err
	}
	if a.PlannedDays == 0 && end >= start {
		n := len(c.Auditor)
		if c.Lead != "" {
			n++
		}
		a.PlannedDays = float64((start.DaysUntil(end) + 1) * max(n, 1))
	}
	if c.SampleSeed.set {
		file, err := svc.File(e.ctx, cid)
		if err != nil {
			return err
		}
		s, _, err := certification.DrawSample(file, a.Kind, c.SampleSeed.n)
		if err != nil {
			return err
		}
		// The sampled sites, then any other --site given.
		a.Sites = append(slices.Clone(s.Visit), slices.DeleteFunc(a.Sites, func(c string) bool { return slices.Contains(s.Visit, c) })...)
		a.Sample = &s
	}
	if len(c.Integrate) > 0 {
		return e.planIntegrated(svc, a, c.Integrate) // cmd_integrated.go
	}
	id, err := svc.PlanAudit(e.ctx, a)
	if err != nil {
		return err
	}
	if err := e.auditDone(svc, id, "Planned"); err != nil || e.json || a.Sample == nil {
		return err
	}
	e.printf("Sites drawn (IAF MD 1, seed %d): %s — chosen first %s, at random %s.\n", a.Sample.Seed, strings.Join(a.Sample.Visit, ", "),
		orNone(strings.Join(a.Sample.Preferred, ", ")), orNone(strings.Join(a.Sample.Random, ", ")))
	return nil
}

// team reads the --lead, --auditor and --expert flags as a team.
func (e *env) team(t auditTeam) ([]certification.TeamMember, error) {
	var team []certification.TeamMember
	add := func(flagName string, names []string, role certification.TeamRole) error {
		ids, err := e.personIDs(flagName, names)
		for _, id := range ids {
			team = append(team, certification.TeamMember{PersonID: id, Role: role})
		}
		return err
	}
	if t.Lead != "" {
		if err := add("lead", []string{t.Lead}, certification.TeamLead); err != nil {
			return nil, err
		}
	}
	if err := add("auditor", t.Auditor, certification.TeamAuditor); err != nil {
		return nil, err
	}
	if err := add("expert", t.Expert, certification.TeamTechnicalExpert); err != nil {
		return nil, err
	}
	return team, nil
}

// auditDone prints an audit after a change.
func (e *env) auditDone(svc *certification.Service, id certification.ID, what string) error {
	a, _, err := view.AuditFile(e.ctx, svc, id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit": a})
	}
	e.printf("%s audit %d: %s of certification %d (cycle %d), %s to %s, now %s.\n", what, a.ID, a.Kind.Label(), a.CertificationID, a.Cycle, a.Start(), a.LastDay(), a.Status)
	return nil
}
