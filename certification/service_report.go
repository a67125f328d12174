package certification

// The command that writes an audit's report details (report.go).

import (
	"context"
	"fmt"
	"strings"
)

// ReportDetailsChange edits an audit's report details; fields left nil
// keep their value, "" clears one.
type ReportDetailsChange struct {
	Representative, Objectives, ClientDocuments, Deviations *string
	SignificantIssues, Changes, Unresolved                  *string
	DivergingOpinions, MarksUse, Conclusion                 *string
}

// pairs lines each field of r up with the change's.
func (ch *ReportDetailsChange) pairs(r *ReportDetails) []struct {
	dst *string
	src **string
} {
	return []struct {
		dst *string
		src **string
	}{
		{&r.Representative, &ch.Representative}, {&r.Objectives, &ch.Objectives}, {&r.ClientDocuments, &ch.ClientDocuments},
		{&r.Deviations, &ch.Deviations}, {&r.SignificantIssues, &ch.SignificantIssues}, {&r.Changes, &ch.Changes},
		{&r.Unresolved, &ch.Unresolved}, {&r.DivergingOpinions, &ch.DivergingOpinions}, {&r.MarksUse, &ch.MarksUse},
		{&r.Conclusion, &ch.Conclusion},
	}
}

func (ch *ReportDetailsChange) apply(r *ReportDetails) {
	for _, f := range ch.pairs(r) {
		if *f.src != nil {
			*f.dst = strings.TrimSpace(**f.src)
		}
	}
}

// ReportDetailsChangeTo is the change from was to now: the fields that
// differ (trimmed), nil where they are the same; ok is false when none
// differs. A form that sends only what its user changed does not undo
// what another person wrote meanwhile in the other fields.
func ReportDetailsChangeTo(was, now ReportDetails) (ch ReportDetailsChange, ok bool) {
	nowPairs := (&ReportDetailsChange{}).pairs(&now)
	for i, f := range ch.pairs(&was) {
		if v := strings.TrimSpace(*nowPairs[i].dst); v != *f.dst {
			*f.src, ok = &v, true
		}
	}
	return ch, ok
}

// SetReportDetails writes what the team puts into audit id's report
// beyond the other records. The report is written after the visit, so
// a closed audit's details may still change; a cancelled audit has no
// report, and once the report was issued (IssueDocument) its content is
// on record and the details no longer change (RuleReportIssued).
func (s *Service) SetReportDetails(ctx context.Context, id ID, ch ReportDetailsChange) error {
	return s.update(ctx, call("set-report-details", id, ch), fmt.Sprintf("report details of audit %d", id), func(tx Tx) error {
		var a Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		if a.Status == AuditCancelled {
			return refuse(RuleAuditNotOpen, "audit %d is cancelled: it has no report", id)
		}
		issued, err := DocumentsOfAudit(tx, id)
		if err != nil {
			return err
		}
		for _, d := range issued {
			if d.Kind == DocReport {
				return refuse(RuleReportIssued, "the report of audit %d was issued on %s (document %s): its content is on record and can no longer change", id, d.Issued, d.ID)
			}
		}
		ch.apply(&a.Report)
		if err := a.Validate(); err != nil {
			return err
		}
		return tx.Put(&a)
	})
}
