package main

import (
	"certdesk/certification"
	"certdesk/certification/view"
)

// --- audit time of an audit and of a certification's contract ---------------------

// auditTimeFactsCmd shows (and, with flags, changes) an audit's time:
// required, planned and actual side by side.
type auditTimeFactsCmd struct {
	auditID
	Days              *float64 `help:"change the planned auditor-days (re-planning: the audit-time gate applies)"`
	TimeJustification *string  `name:"time-justification" placeholder:"TEXT" help:"the written justification for planning below the required audit time (IAF MD 5)"`
	ShortfallReason   *string  `name:"shortfall-reason" placeholder:"TEXT" help:"the written reason the audit took fewer auditor-days than planned"`
}

func (auditTimeFactsCmd) Help() string {
	return `Shows the audit's required, planned and actual auditor-days side by side,
with the justification and shortfall reason, as the committee sees them.
--days re-plans the auditor-days: below the required time (calculated from
the client's records, the standard and the certification's agreed
adjustments) is refused unless --time-justification is recorded.
--shortfall-reason explains actual days below planned by more than the
policy's actual_days_tolerance_percent.`
}

func (c *auditTimeFactsCmd) Run(e *env) error {
	svc, err := e.serviceIf(c.Days != nil || c.TimeJustification != nil || c.ShortfallReason != nil)
	if err != nil {
		return err
	}
	if c.Days != nil || c.TimeJustification != nil || c.ShortfallReason != nil {
		ch := certification.AuditChange{PlannedDays: c.Days, TimeJustification: c.TimeJustification, ShortfallReason: c.ShortfallReason}
		if err := svc.ChangeAudit(e.ctx, c.ID, ch); err != nil {
			return err
		}
	}
	a, f, err := view.AuditFile(e.ctx, svc, c.ID)
	if err != nil {
		return err
	}
	p, err := svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	t := certification.AuditTimeFacts(f, a, p)
	if e.json {
		return e.writeJSON(map[string]any{"audit_time": t})
	}
	e.printf("%s — %s.\n", a.Kind.Label(), t.Summary())
	if err := t.Problem(); err != nil {
		e.printf("Blocks a decision: %v\n", err)
	}
	return nil
}

// certificationAuditTimeCmd records the contract's audit-time terms.
type certificationAuditTimeCmd struct {
	ID                   certification.ID `arg:"" name:"certification" placeholder:"ID" help:"the certification's id"`
	Adjust               multi            `placeholder:"±P:REASON" help:"an agreed adjustment \"+10:REASON\" or \"-5:REASON\"; repeat; replaces those recorded"`
	IntegrationReduction float64          `placeholder:"P" help:"percentage (0–20) an integrated audit of this certification is reduced by"`
}

func (certificationAuditTimeCmd) Help() string {
	return `Records the audit-time terms of the certification's contract: the agreed
adjustments, each a percentage with its written reason (reductions together
at most 30 %), and the reduction (0–20 %) when it is audited in an
integrated audit. They replace the terms recorded before (no --adjust:
none). Audits planned from then on are checked against the time they give.`
}

func (c *certificationAuditTimeCmd) Run(e *env) error {
	var t certification.AuditTimeTerms
	for _, s := range c.Adjust {
		a, err := parseAdjust(s) // cmd_audittime.go
		if err != nil {
			return err
		}
		if a.Standard != "" {
			return inputf("--adjust %q: a certification has one standard; write \"±P:REASON\"", s)
		}
		t.Adjustments = append(t.Adjustments, certification.TimeAdjustment{Percent: a.Percent, Reason: a.Reason})
	}
	t.IntegrationReduction = c.IntegrationReduction
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := svc.SetAuditTimeTerms(e.ctx, c.ID, t); err != nil {
		return err
	}
	f, err := svc.File(e.ctx, c.ID)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"certification": f.Certification})
	}
	e.printf("Certification %d: %d agreed adjustment(s), integration reduction %s %%.\n", c.ID, len(t.Adjustments), num(t.IntegrationReduction))
	return nil
}
