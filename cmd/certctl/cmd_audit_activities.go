package main

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// auditActivitiesCmd lists and changes an audit's activities, each on
// site or remote (IAF MD 4), and the risk assessment that allows the
// remote ones.
type auditActivitiesCmd struct {
	auditID
	Add        string             `placeholder:"NAME" help:"add an activity: what is audited (with --hours, and --date, --site, --remote --ict)"`
	Hours      float64            `help:"the added activity's hours"`
	Date       certification.Date `help:"the added activity's day"`
	Site       string             `placeholder:"CODE" help:"the added activity's site"`
	Remote     bool               `help:"the added activity is done remotely"`
	ICT        string             `name:"ict" placeholder:"TEXT" help:"the ICT a remote activity uses (video conference, screen sharing, document portal)"`
	Remove     int                `placeholder:"N" help:"remove activity N (as listed)"`
	Assessment *string            `placeholder:"TEXT" help:"the risk assessment that allows remote activities (IAF MD 4); \"\" clears it"`
}

func (auditActivitiesCmd) Help() string {
	return `Lists an audit's activities, each on site or remote, with the remote share
of their hours and the body's limit (policy remote_share_percent, stage 1
excepted), or changes them: --add NAME --hours H [--date DATE] [--site CODE]
[--remote --ict TEXT] adds one, --remove N removes the Nth, --assessment
TEXT records the risk assessment that allows remote auditing, which remote
activities need (rule remote-activities-need-risk-assessment). Above the
limit the plan is kept with a warning, or refused when the policy says so
(remote_over_limit_refused; rule remote-share-over-policy-limit). The audit
plan and report print the activities (certctl export pdf plan|report).`
}

func (c *auditActivitiesCmd) Run(e *env) error {
	change := c.Add != "" || c.Remove != 0 || c.Assessment != nil
	if c.Add == "" && (c.Hours != 0 || !c.Date.IsZero() || c.Site != "" || c.Remote || c.ICT != "") {
		return inputf("--hours, --date, --site, --remote and --ict describe an activity being added: give its name with --add")
	}
	svc, err := e.serviceIf(change)
	if err != nil {
		return err
	}
	a, _, err := view.AuditFile(e.ctx, svc, c.ID)
	if err != nil {
		return err
	}
	if change {
		plan := certification.ActivityPlan{Activities: slices.Clone(a.Activities), RemoteAssessment: a.RemoteAssessment}
		if c.Remove != 0 {
			if c.Remove < 1 || c.Remove > len(plan.Activities) {
				return inputf("audit %d has %d activities: --remove takes a number from 1 to %d", a.ID, len(plan.Activities), len(plan.Activities))
			}
			plan.Activities = slices.Delete(plan.Activities, c.Remove-1, c.Remove)
		}
		if c.Add != "" {
			plan.Activities = append(plan.Activities, certification.AuditActivity{Name: c.Add, Hours: c.Hours, Date: c.Date, Site: c.Site, Remote: c.Remote, ICT: c.ICT})
		}
		if c.Assessment != nil {
			plan.RemoteAssessment = *c.Assessment
		}
		if err := svc.SetAuditActivities(e.ctx, a.ID, plan); err != nil {
			return err
		}
		if a, _, err = view.AuditFile(e.ctx, svc, c.ID); err != nil {
			return err
		}
	}
	p, err := svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	share, warning := certification.RemoteShareOf(a), certification.OverRemoteLimit(a, p)
	if e.json {
		out := map[string]any{"audit_id": a.ID, "activities": a.Activities, "remote_hours": share.Remote, "total_hours": share.Total,
			"remote_percent": math.Round(share.Percent()*10) / 10, "remote_assessment": a.RemoteAssessment, "warning": warning}
		if certification.RemoteLimited(a.Kind) {
			out["limit_percent"] = p.RemoteSharePercent
		}
		return e.writeJSON(out)
	}
	if len(a.Activities) == 0 {
		e.printf("Audit %d records no activities: add them with --add NAME --hours H.\n", a.ID)
		return nil
	}
	for i, act := range a.Activities {
		mode := "on site"
		if act.Remote {
			mode = "remote (" + act.ICT + ")"
		}
		e.printf("%3d  %-10s %-6s %5s h  %-40s %s\n", i+1, orDash(act.Date.String()), orDash(act.Site), fmt.Sprint(act.Hours), act.Name, mode)
	}
	limit := "no limit for a stage 1"
	if certification.RemoteLimited(a.Kind) {
		limit = fmt.Sprintf("the body's limit %d %%", p.RemoteSharePercent)
	}
	e.printf("Remote: %g of %g hours (%g %%; %s).\n", share.Remote, share.Total, math.Round(share.Percent()*10)/10, limit)
	if warning != "" {
		e.printf("Warning: %s.\n", warning)
	}
	if a.RemoteAssessment != "" {
		e.printf("Risk assessment: %s\n", strings.TrimSpace(a.RemoteAssessment))
	}
	return nil
}
