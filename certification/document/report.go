package document

// The audit report (ISO/IEC 17021-1 9.4.8) as printed: everything it
// holds, read from the audit pack (NewAuditPack, so the report shows
// what the Excel report shows) and the audit's report details. What
// stops its release is certification.ReportGaps, the computation the
// issue-document command refuses an incomplete report by. The PDF is
// written by storage/pdf; docs/documents.md.

import (
	"context"
	"fmt"
	"io"
	"slices"

	"certdesk/certification"
)

// ReportDoc is one audit's report as printed.
type ReportDoc struct {
	DocAudit
	Status         certification.AuditStatus `json:"status"`
	Representative string                    `json:"representative"` // 9.4.8.2 b)

	PlannedStart certification.Date `json:"planned_start"`
	PlannedEnd   certification.Date `json:"planned_end"`
	ActualStart  certification.Date `json:"actual_start,omitzero"`
	ActualEnd    certification.Date `json:"actual_end,omitzero"`
	PlannedDays  float64            `json:"planned_days"`
	ActualDays   float64            `json:"actual_days,omitempty"`
	// Deviations from the plan, g), with the team's written reasons
	// (Reasons: the report details' and the shortfall reason).
	Deviations []string `json:"deviations,omitempty"`
	Reasons    []string `json:"reasons,omitempty"`

	Checklist []ReportLine     `json:"checklist"`
	Findings  []ReportFinding  `json:"findings"` // k)
	Evidence  []ReportEvidence `json:"evidence"` // evidence referenced
	// Earlier are earlier audits' nonconformities followed up, r).
	Earlier []ReportFinding `json:"earlier,omitempty"`
	// Activities are the audit's activities, on site or remote, with
	// the remote share (IAF MD 4; remote.go); nil: none recorded.
	Activities *DocActivities `json:"activities,omitempty"`

	SignificantIssues string `json:"significant_issues,omitempty"` // h)
	Changes           string `json:"changes,omitempty"`            // l)
	// Unresolved issues, m): the open findings (Open), the items the
	// checklist must still cover (Unanswered) and the team's own
	// (Unresolved); DivergingOpinions the opinions on which team and
	// client diverge.
	Unanswered        []string `json:"unanswered,omitempty"`
	Unresolved        string   `json:"unresolved,omitempty"`
	DivergingOpinions string   `json:"diverging_opinions,omitempty"`
	MarksUse          string   `json:"marks_use,omitempty"` // q)
	Conclusion        string   `json:"conclusion"`          // 9.4.8.3
	// Conditions are what must happen to the open nonconformities.
	Conditions     []string                     `json:"conditions,omitempty"`
	Recommendation certification.Recommendation `json:"recommendation,omitempty"` // p)
	Stage1Outcome  certification.Stage1Outcome  `json:"stage1_outcome,omitempty"`

	Lead       string             `json:"lead"`
	ReportDate certification.Date `json:"report_date,omitzero"`

	// Gaps are what stops the report's release (Missing); Draft is set
	// on a report printed as a draft, never recorded.
	Gaps  []string `json:"missing,omitempty"`
	Draft bool     `json:"draft,omitempty"`
}

// DocMember is one team member with the role.
type DocMember struct {
	Name string                 `json:"name"`
	Role certification.TeamRole `json:"role"`
}

// DocSite is one site of the audit with its address.
type DocSite struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Address string `json:"address"`
	Central bool   `json:"central,omitempty"`
}

// ReportLine is one answered (or excluded) line of the checklist.
type ReportLine struct {
	Ref           string                        `json:"ref"`
	Title         string                        `json:"title"`
	Result        certification.ChecklistResult `json:"result,omitempty"`
	Notes         string                        `json:"notes,omitempty"`
	Excluded      bool                          `json:"excluded,omitempty"`
	Justification string                        `json:"justification,omitempty"`
}

// ReportFinding is a finding as the report states it; for an earlier
// finding, the audit that raised it and its verification.
type ReportFinding struct {
	Number    int                         `json:"number"`
	Grade     certification.Grade         `json:"grade"`
	Reference string                      `json:"reference"`
	Title     string                      `json:"title,omitempty"`
	Statement string                      `json:"statement"`
	Evidence  string                      `json:"evidence"`
	Files     []string                    `json:"files,omitempty"` // evidence files attached
	Status    certification.FindingStatus `json:"status"`
	Open      bool                        `json:"open,omitempty"`

	AuditKind  certification.AuditKind `json:"audit_kind,omitempty"`
	AuditStart certification.Date      `json:"audit_start,omitzero"`
	VerifiedOn certification.Date      `json:"verified_on,omitzero"`
	VerifiedBy string                  `json:"verified_by,omitempty"`
	Method     string                  `json:"method,omitempty"`
}

// ReportEvidence is one evidence file referenced by the report.
type ReportEvidence struct {
	Name   string `json:"name"` // as exported beside the report (EvidenceFileName)
	Of     string `json:"of"`
	SHA256 string `json:"sha256"`
}

// ReportWriter writes an audit report document (storage/pdf).
type ReportWriter interface {
	WriteReport(w io.Writer, d *ReportDoc) error
}

// Missing names what stops the report's release, one line each saying
// what to record (certification.ReportGaps); empty when complete.
func (d *ReportDoc) Missing() []string { return slices.Clone(d.Gaps) }

// Releasable is nil for a complete report, else the domain's refusal
// naming what is missing (certification.RuleReportIncomplete).
func (d *ReportDoc) Releasable() error { return certification.ReportRelease(d.AuditID, d.Gaps) }

// ContentSHA256 is the hex SHA-256 of the report's canonical JSON.
func (d *ReportDoc) ContentSHA256() string { return jsonSHA256(d) }

// IssueRecord names the audit the report is of.
func (d *ReportDoc) IssueRecord() certification.IssuedDocument {
	return certification.IssuedDocument{Kind: certification.DocReport, AuditID: d.AuditID, ContentSHA256: d.ContentSHA256()}
}

// FileName is the name offered for the report's PDF.
func (d *ReportDoc) FileName() string {
	if d.Draft {
		return fmt.Sprintf("audit-%d-report-DRAFT.pdf", d.AuditID)
	}
	return fmt.Sprintf("audit-%d-report.pdf", d.AuditID)
}

// NewReportDoc reads the report of an audit as of the service's today.
func NewReportDoc(ctx context.Context, s *certification.Service, auditID certification.ID) (*ReportDoc, error) {
	p, h, err := readAudit(ctx, s, auditID)
	if err != nil {
		return nil, err
	}
	a := &p.Audit
	r := &a.Report
	d := &ReportDoc{DocAudit: h.audit(p), Status: a.Status, Representative: r.Representative,
		PlannedStart: a.PlannedStart, PlannedEnd: a.PlannedEnd, ActualStart: a.ActualStart, ActualEnd: a.ActualEnd,
		PlannedDays: a.PlannedDays, ActualDays: a.ActualDays, Deviations: a.Deviations(),
		SignificantIssues: r.SignificantIssues, Changes: r.Changes, DivergingOpinions: r.DivergingOpinions,
		MarksUse: r.MarksUse, Conclusion: r.Conclusion, Conditions: p.Conditions(),
		Recommendation: a.Recommendation, Stage1Outcome: a.Stage1Outcome, ReportDate: a.ReportDate,
		Gaps: h.gaps, Checklist: []ReportLine{}, Findings: []ReportFinding{}, Evidence: []ReportEvidence{}, Activities: h.activities}
	for _, t := range []string{r.Deviations, a.ShortfallReason} {
		if t != "" {
			d.Reasons = append(d.Reasons, t)
		}
	}
	if m, ok := p.Lead(); ok {
		d.Lead = m.Name
	}
	whole := certification.AnsweredWhole(a, p.Certification.Standard) // a heading's own answer prints when it stands for the lines under it
	for _, l := range p.Checklist {
		if l.Excluded || (l.Recorded && (!l.Heading || whole[l.Ref])) {
			d.Checklist = append(d.Checklist, ReportLine{Ref: l.Ref, Title: l.Title, Result: l.Result, Notes: l.Notes,
				Excluded: l.Excluded, Justification: l.Justification})
		}
	}
	for _, e := range p.Evidence {
		d.Evidence = append(d.Evidence, ReportEvidence{Name: EvidenceFileName(e.Evidence), Of: e.Of, SHA256: e.SHA256})
	}
	for _, x := range p.Findings {
		rf := reportFinding(x)
		for _, e := range p.Evidence {
			if e.FindingID == x.ID {
				rf.Files = append(rf.Files, EvidenceFileName(e.Evidence))
			}
		}
		d.Findings = append(d.Findings, rf)
	}
	for _, x := range p.Earlier {
		rf := reportFinding(x)
		rf.AuditKind, rf.AuditStart = x.AuditKind, x.AuditStart
		if v := x.Verification; v != nil {
			rf.VerifiedOn, rf.VerifiedBy, rf.Method = v.On, x.VerifiedByName, v.Method
		}
		d.Earlier = append(d.Earlier, rf)
	}
	d.Unanswered, d.Unresolved = h.due.Missing, r.Unresolved
	return d, nil
}

func reportFinding(x PackFinding) ReportFinding {
	return ReportFinding{Number: x.Number, Grade: x.Grade, Reference: x.Reference, Title: x.Title,
		Statement: x.Requirement, Evidence: x.Evidence, Status: x.Status, Open: x.Open()}
}
