package main

import (
	"fmt"
	"strconv"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/certification"
	"certdesk/certification/view"
)

// Integrated audits: audit plan --integrate, audit leave-integrated, and
// the siblings in audit show.

type auditLeaveIntegratedCmd struct {
	auditID
}

func (auditLeaveIntegratedCmd) Help() string {
	return `Takes an audit out of its integrated audit (the client drops one
certification from the visit): the other audits no longer name it, and
from then on it is changed, confirmed or cancelled on its own. A closed
audit stays part of the visit it was carried out in.`
}

func (c *auditLeaveIntegratedCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := svc.LeaveIntegratedAudit(e.ctx, c.ID); err != nil {
		return err
	}
	return e.auditDone(svc, c.ID, "Separated")
}

// parseIntegrate reads --integrate CERT_ID[:DAYS] values; DAYS defaults
// to def (the audit's own --days).
func parseIntegrate(vals []string, def float64) ([]certification.IntegratedPart, error) {
	var parts []certification.IntegratedPart
	for _, v := range vals {
		idS, daysS, hasDays := strings.Cut(strings.TrimSpace(v), ":")
		id, err := parseID("--integrate", idS)
		if err != nil {
			return nil, err
		}
		days := def
		if hasDays {
			if days, err = strconv.ParseFloat(strings.TrimSpace(daysS), 64); err != nil || days < 0 {
				return nil, inputf("--integrate %s: %q is not a number of auditor-days (write CERT_ID:DAYS, e.g. 7:1.5)", v, daysS)
			}
		}
		parts = append(parts, certification.IntegratedPart{CertificationID: id, PlannedDays: days})
	}
	return parts, nil
}

// planIntegrated plans audit a with the certifications named by
// --integrate as one integrated audit and prints every audit planned.
func (e *env) planIntegrated(svc *certification.Service, a certification.Audit, vals []string) error {
	parts, err := parseIntegrate(vals, a.PlannedDays)
	if err != nil {
		return err
	}
	ids, err := svc.PlanIntegratedAudit(e.ctx, a, parts)
	if err != nil {
		return err
	}
	if e.json {
		var audits []*certification.Audit
		for _, id := range ids {
			x, _, err := view.AuditFile(e.ctx, svc, id)
			if err != nil {
				return err
			}
			audits = append(audits, x)
		}
		return e.writeJSON(map[string]any{"audits": audits})
	}
	var names []string
	for _, id := range ids {
		x, f, err := view.AuditFile(e.ctx, svc, id)
		if err != nil {
			return err
		}
		e.printf("Planned audit %d: %s of certification %d (%s, cycle %d), %s to %s, %s, now %s.\n",
			x.ID, x.Kind.Label(), x.CertificationID, f.Certification.Standard, x.Cycle, x.Start(), x.LastDay(), audittime.AuditorDays(x.PlannedDays), x.Status)
		names = append(names, fmt.Sprintf("%d (%s)", x.ID, f.Certification.Standard.Short()))
	}
	e.printf("Integrated audit: audits %s — one visit; shared clauses are answered once.\n", strings.Join(names, ", "))
	return nil
}

// showIntegrated prints the other audits of a's integrated audit.
func (e *env) showIntegrated(svc *certification.Service, a *certification.Audit) error {
	for _, id := range a.IntegratedWith {
		x, f, err := view.AuditFile(e.ctx, svc, id)
		if err != nil {
			return err
		}
		e.printf("  Integrated with: audit %d, %s of certification %d (%s), %s\n", x.ID, x.Kind.Label(), x.CertificationID, f.Certification.Standard, x.Status)
	}
	return nil
}
