package certification

// The audit report's own content (ISO/IEC 17021-1 9.4.8) that no other
// record holds — the client's representative, the audit's objectives
// beyond those of its kind, the client's documents audited against, the
// written reasons for deviating from the plan, unresolved issues and
// diverging opinions, the team's conclusion — and ReportGaps, the one
// computation of what stops a report's release (IssueDocument refuses an
// incomplete report; document.ReportDoc.Missing shows it).

import (
	"fmt"
	"strings"
)

// ReportDetails is what the audit team writes into the report beyond
// the audit's other records. Set by SetReportDetails (service_report.go).
type ReportDetails struct {
	// Representative is the client's representative for the audit
	// (name and role), 9.4.8.2 b).
	Representative string `json:"representative,omitempty"`
	// Objectives are the audit's own objectives, beyond those of its
	// kind (document.AuditObjectives), 9.4.8.2 e).
	Objectives string `json:"objectives,omitempty"`
	// ClientDocuments are the client's own documents audited against
	// (manual, procedures, with their revisions), 9.4.8.2 d).
	ClientDocuments string `json:"client_documents,omitempty"`
	// Deviations are the deviations from the audit plan and their
	// reasons, 9.4.8.2 g) (fewer days than planned: ShortfallReason).
	Deviations string `json:"deviations,omitempty"`
	// SignificantIssues are issues impacting the audit programme, h).
	SignificantIssues string `json:"significant_issues,omitempty"`
	// Changes are significant changes to the client's management
	// system since the last audit, l).
	Changes string `json:"changes,omitempty"`
	// Unresolved are unresolved issues, m), and DivergingOpinions the
	// opinions on which the team and the client diverge.
	Unresolved        string `json:"unresolved,omitempty"`
	DivergingOpinions string `json:"diverging_opinions,omitempty"`
	// MarksUse says whether the client controls its use of certification
	// documents and marks, q).
	MarksUse string `json:"marks_use,omitempty"`
	// Conclusion is the team's statement on the conformity and
	// effectiveness of the management system, 9.4.8.3.
	Conclusion string `json:"conclusion,omitempty"`
}

// maxReportText is the longest text of a report field.
const maxReportText = 100000

// fields lists the details with their names as certctl spells them.
func (r *ReportDetails) fields() []struct{ name, v string } {
	return []struct{ name, v string }{
		{"representative", r.Representative}, {"objectives", r.Objectives}, {"client-documents", r.ClientDocuments},
		{"deviations", r.Deviations}, {"significant-issues", r.SignificantIssues}, {"changes", r.Changes},
		{"unresolved", r.Unresolved}, {"diverging-opinions", r.DivergingOpinions}, {"marks-use", r.MarksUse},
		{"conclusion", r.Conclusion},
	}
}

// validate checks the details' lengths (the record name is rec).
func (r *ReportDetails) validate(rec string) error {
	for _, f := range r.fields() {
		if len(f.v) > maxReportText {
			return invalid(rec, "report."+f.name, "text is longer than 100,000 characters")
		}
	}
	if len(r.Representative) > 500 {
		return invalid(rec, "report.representative", "give the representative's name and role (at most 500 characters)")
	}
	return nil
}

// Deviations are the ways the audit as carried out differs from its
// plan, one line each: other dates, other auditor-days.
func (a *Audit) Deviations() []string {
	var out []string
	if !a.ActualStart.IsZero() && (a.ActualStart != a.PlannedStart || (!a.ActualEnd.IsZero() && a.ActualEnd != a.PlannedEnd)) {
		out = append(out, fmt.Sprintf("dates: planned %s to %s, carried out %s to %s", a.PlannedStart, a.PlannedEnd, a.ActualStart, a.LastDay()))
	}
	if a.ActualDays > 0 && a.ActualDays != a.PlannedDays {
		out = append(out, fmt.Sprintf("auditor-days: planned %s, carried out %s", number(a.PlannedDays), number(a.ActualDays)))
	}
	return out
}

// ReportGaps names what stops the release of audit a's report, one line
// each saying what to record, in words any screen can show (certctl and
// the app each say where it is recorded; empty: the report may be issued): the audit
// carried out (its actual dates), every item its checklist must cover
// answered (DueItems), every finding graded with its clause, statement
// and evidence, the team's recommendation (a stage 1: its outcome), the
// client's representative, the team's conclusion, and a written reason
// for each deviation from the plan.
func ReportGaps(f *File, a *Audit) ([]string, error) {
	var out []string
	add := func(format string, args ...any) { out = append(out, fmt.Sprintf(format, args...)) }
	if a.Status == AuditCancelled {
		add("the audit is cancelled: a cancelled audit has no report")
	}
	if a.ActualStart.IsZero() || a.ActualEnd.IsZero() {
		add("the audit's actual first and last days")
	}
	due, err := DueItems(f, a)
	if err != nil {
		return nil, err
	}
	if n := len(due.Missing); n > 0 {
		add("a result for %d checklist item(s) the audit must cover: %s", n, NameRefs(due.Missing, 10))
	}
	for _, x := range f.FindingsOf([]*Audit{a}) {
		switch {
		case !oneOf(x.Grade, Grades):
			add("finding #%d: a grade (major, minor, ofi, observation or positive)", x.Number)
		case strings.TrimSpace(x.Reference) == "":
			add("finding #%d: the clause or control it concerns", x.Number)
		case strings.TrimSpace(x.Requirement) == "" || strings.TrimSpace(x.Evidence) == "":
			add("finding #%d: its statement (requirement) and the evidence it rests on", x.Number)
		}
	}
	switch {
	case a.Kind == Stage1 && a.Stage1Outcome == "":
		add("the stage 1 outcome: whether the client is ready for stage 2")
	case a.Kind != Stage1 && a.Recommendation == "":
		add("the team's recommendation")
	}
	r := &a.Report
	if strings.TrimSpace(r.Representative) == "" {
		add("the client's representative")
	}
	if strings.TrimSpace(r.Conclusion) == "" {
		add("the team's conclusion on the conformity and effectiveness of the management system")
	}
	for _, d := range a.Deviations() {
		reason := strings.TrimSpace(r.Deviations)
		if strings.HasPrefix(d, "auditor-days") && a.ActualDays < a.PlannedDays && reason == "" {
			reason = strings.TrimSpace(a.ShortfallReason)
		}
		if reason == "" {
			add("the reason for the deviation from the audit plan (%s)", d)
		}
	}
	return out, nil
}

// ReportRelease is the refusal of audit id's report while gaps (its
// ReportGaps) remain, naming them; nil when there are none.
func ReportRelease(id ID, gaps []string) error {
	if len(gaps) == 0 {
		return nil
	}
	return refuse(RuleReportIncomplete, "the report of audit %d is not complete; it still needs: %s", id, strings.Join(gaps, "; "))
}

// RuleReportIncomplete refuses to issue the report of an audit whose
// file lacks what ISO/IEC 17021-1 9.4.8 asks (ReportGaps).
const RuleReportIncomplete = "report-complete-before-release"

// RuleReportIssued refuses to change an audit's report details once its
// report was issued: the issued file's content is on record.
const RuleReportIssued = "report-fixed-once-issued"
