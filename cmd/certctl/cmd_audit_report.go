package main

import (
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// auditReportDetailsCmd writes what the team puts into the audit report
// beyond the audit's other records (ISO/IEC 17021-1 9.4.8).
type auditReportDetailsCmd struct {
	auditID
	Representative    *string `placeholder:"TEXT" help:"the client's representative for the audit: name and role"`
	Objectives        *string `placeholder:"TEXT" help:"the audit's own objectives, beyond those of its kind"`
	ClientDocuments   *string `name:"client-documents" placeholder:"TEXT" help:"the client's documents audited against (manual, procedures, revisions)"`
	Deviations        *string `placeholder:"TEXT" help:"the deviations from the audit plan and their reasons"`
	SignificantIssues *string `name:"significant-issues" placeholder:"TEXT" help:"significant issues impacting the audit programme"`
	Changes           *string `placeholder:"TEXT" help:"significant changes to the client's management system since the last audit"`
	Unresolved        *string `placeholder:"TEXT" help:"unresolved issues"`
	DivergingOpinions *string `name:"diverging-opinions" placeholder:"TEXT" help:"opinions on which the team and the client diverge"`
	MarksUse          *string `name:"marks-use" placeholder:"TEXT" help:"whether the client controls its use of certification documents and marks"`
	Conclusion        *string `placeholder:"TEXT" help:"the team's conclusion on the conformity and effectiveness of the management system"`
}

func (auditReportDetailsCmd) Help() string {
	return `Writes the audit report's own content (ISO/IEC 17021-1 9.4.8) beyond the
audit's other records: the client's representative, the audit's own
objectives, the client's documents audited against, the deviations from
the plan with their reasons, significant issues and changes, unresolved
issues, diverging opinions, the use of marks and the team's conclusion.
Flags not given keep their value; --FLAG "" clears one. Without flags it
shows the details and what the report still needs before it can be issued
(certctl export pdf report). Once the report was issued the details no
longer change (rule report-fixed-once-issued).`
}

func (c *auditReportDetailsCmd) Run(e *env) error {
	ch := certification.ReportDetailsChange{Representative: c.Representative, Objectives: c.Objectives, ClientDocuments: c.ClientDocuments,
		Deviations: c.Deviations, SignificantIssues: c.SignificantIssues, Changes: c.Changes, Unresolved: c.Unresolved,
		DivergingOpinions: c.DivergingOpinions, MarksUse: c.MarksUse, Conclusion: c.Conclusion}
	change := ch != (certification.ReportDetailsChange{})
	svc, err := e.serviceIf(change)
	if err != nil {
		return err
	}
	if change {
		if err := svc.SetReportDetails(e.ctx, c.ID, ch); err != nil {
			return err
		}
	}
	a, f, err := view.AuditFile(e.ctx, svc, c.ID)
	if err != nil {
		return err
	}
	gaps, err := certification.ReportGaps(f, a)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit_id": a.ID, "report": a.Report, "missing": gaps})
	}
	r := a.Report
	for _, row := range [][2]string{{"Representative", r.Representative}, {"Objectives", r.Objectives}, {"Client documents", r.ClientDocuments},
		{"Deviations", r.Deviations}, {"Significant issues", r.SignificantIssues}, {"Changes", r.Changes}, {"Unresolved", r.Unresolved},
		{"Diverging opinions", r.DivergingOpinions}, {"Use of marks", r.MarksUse}, {"Conclusion", r.Conclusion}} {
		e.printf("%-20s %s\n", row[0]+":", orNone(row[1]))
	}
	if len(gaps) == 0 {
		e.printf("The report of audit %d is complete: certctl export pdf report --audit %d issues it.\n", a.ID, a.ID)
		return nil
	}
	e.printf("The report of audit %d still needs:\n  - %s\n", a.ID, strings.Join(gaps, "\n  - "))
	return nil
}
