package demo

import (
	"context"
	"fmt"
	"strings"

	"certdesk/certification"
)

// The audit team's field work beyond results: who was interviewed on a
// few items, and a record sampled as evidence. It draws nothing from the
// generator's random stream (the same seed still gives the same body):
// every choice follows from the client and the audit.

// interviewItems are the checklist items an audit of each kind records
// interviews on, with the subject of the conversation.
var interviewItems = map[certification.AuditKind][]struct{ ref, notes string }{
	certification.Stage1: {
		{"S1.9", "Walked through the internal audit programme and the last audit report; auditors independent of the areas audited."},
		{"S1.4", "Inventory of AI systems reviewed with its owner; each system's purpose, data and role of the organization recorded."},
	},
	certification.Stage2: {
		{"5.2", "Top management explained the AI policy and how it is communicated; consistent with the documented policy."},
		{"9.2", "Internal audit programme covers every clause in the cycle; findings of the last audit followed up."},
	},
	certification.Recertification: {
		{"5.2", "Policy reviewed this cycle; top management described the changes and their reasons."},
		{"9.2", "Internal audits of the cycle covered every clause and control; the programme for next year is approved."},
	},
	certification.Surveillance: {
		{"9.2", "Internal audits since the last visit held as programmed; two findings raised and closed."},
		{"SV.1", "No change to the scope or the sites; one new AI system in development, not yet in operation."},
	},
}

// fieldwork records the interviews and the sampled record of audit ap,
// on its first day, skipping items a finding of it has answered.
func (c *cert) fieldwork(ctx context.Context, svc *certification.Service, ap *auditPlan) error {
	contacts := c.cl.rec.Contacts
	if len(contacts) == 0 {
		return nil
	}
	taken := map[string]bool{}
	for _, f := range ap.findings {
		taken[f.text.ref] = true
	}
	for i, it := range interviewItems[ap.kind] {
		if taken[it.ref] || (it.ref == "S1.4" && c.std != certification.ISO42001) {
			continue
		}
		who := contacts[i%len(contacts)]
		e := certification.ChecklistEntry{Ref: it.ref, Result: certification.ResultConform, Notes: it.notes,
			Interviews: []certification.Interview{{Whom: who.Name, Role: who.Role, On: ap.start, Notes: it.notes}}}
		if err := svc.RecordChecklist(ctx, ap.id, e); err != nil {
			return fmt.Errorf("interview on %s: %w", it.ref, err)
		}
	}
	if ap.kind == certification.Stage1 || taken["9.2"] {
		return nil
	}
	_, err := svc.AttachEvidence(ctx, certification.Evidence{AuditID: ap.id, Ref: "9.2", AddedOn: ap.start,
		FileName: fmt.Sprintf("internal-audit-programme-%d.csv", ap.start.Year()), Caption: "Internal audit programme, as sampled"},
		[]byte(auditProgramme(c.cl.rec.LegalName, ap.start)))
	return err
}

// auditProgramme is a client's internal audit programme for the year of
// day, as a small CSV file.
func auditProgramme(client string, day certification.Date) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Internal audit programme %d;%s\nQuarter;Processes;Auditor;Status\n", day.Year(), client)
	for q, p := range []string{"Leadership and policy (5)", "Planning and risk (6)", "Operation (8)", "Improvement (10)"} {
		fmt.Fprintf(&b, "Q%d;%s;Internal audit team;done\n", q+1, p)
	}
	return b.String()
}
