package certification

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"certdesk/audit/catalogue"
)

// ChecklistResult is the auditor's conclusion on one checklist item.
type ChecklistResult string

const (
	ResultNotAudited    ChecklistResult = ""
	ResultConform       ChecklistResult = "conform"
	ResultOFI           ChecklistResult = "ofi"
	ResultMinor         ChecklistResult = "minor"
	ResultMajor         ChecklistResult = "major"
	ResultNotApplicable ChecklistResult = "not-applicable"
)

var ChecklistResults = []ChecklistResult{ResultNotAudited, ResultConform, ResultOFI, ResultMinor, ResultMajor, ResultNotApplicable}

// Label is the result as auditors write it.
func (r ChecklistResult) Label() string {
	switch r {
	case ResultConform:
		return "Conform"
	case ResultOFI:
		return "OFI"
	case ResultMinor:
		return "Minor NC"
	case ResultMajor:
		return "Major NC"
	case ResultNotApplicable:
		return "N/A"
	}
	return "Not audited"
}

// ChecklistEntry is what the audit team recorded against one clause or
// control. The checklist itself (which items exist) comes from the
// standard's catalogue; entries are kept only for items worked on.
type ChecklistEntry struct {
	Ref    string          `json:"ref"`
	Result ChecklistResult `json:"result,omitempty"`
	Notes  string          `json:"notes,omitempty"`
	// Interviews held on the item (interview.go); none on data from
	// before they were kept.
	Interviews []Interview `json:"interviews,omitempty"`
}

// severity orders results so that a finding never lowers a result.
func (r ChecklistResult) severity() int {
	switch r {
	case ResultMajor:
		return 4
	case ResultMinor:
		return 3
	case ResultOFI:
		return 2
	case ResultConform:
		return 1
	}
	return 0
}

// Entry returns the audit's checklist entry for ref.
func (a *Audit) Entry(ref string) (ChecklistEntry, bool) {
	for _, e := range a.Checklist {
		if e.Ref == ref {
			return e, true
		}
	}
	return ChecklistEntry{Ref: ref}, false
}

// setEntry replaces or adds an entry, keeping catalogue order is the
// caller's business: entries are kept in the order first recorded.
func (a *Audit) setEntry(e ChecklistEntry) {
	for i := range a.Checklist {
		if a.Checklist[i].Ref == e.Ref {
			a.Checklist[i] = e
			return
		}
	}
	a.Checklist = append(a.Checklist, e)
}

// gradeResult is the checklist result a finding of grade g implies.
func gradeResult(g Grade) ChecklistResult {
	switch g {
	case Major:
		return ResultMajor
	case Minor:
		return ResultMinor
	case OFI:
		return ResultOFI
	}
	return ResultConform
}

// RecordChecklist records a result and notes against one clause or
// control of an audit in progress (or whose report is being drafted), or
// against an item of its kind's own list (stage 1 readiness, surveillance).
func (s *Service) RecordChecklist(ctx context.Context, auditID ID, e ChecklistEntry) error {
	err := s.recordEntries(ctx, auditID, []ChecklistEntry{e}, fmt.Sprintf("checklist %s on audit %d", e.Ref, auditID))
	var ee *EntryError
	if errors.As(err, &ee) {
		return ee.Err // one entry: no need to say which
	}
	return err
}

// checkEntry checks an entry's own fields.
func checkEntry(e ChecklistEntry) error {
	if !oneOf(e.Result, ChecklistResults) {
		return invalid("checklist", "result", "%q is not a result: use one of conform, ofi, minor, major, not-applicable or leave it empty", e.Result)
	}
	if len(e.Notes) > 100000 {
		return invalid("checklist", "notes", "notes are longer than 100,000 characters")
	}
	return checkInterviews(e.Interviews)
}

// recordEntry records e on audit a (open for checklist work) of
// certification c on day today and shares it with a's integrated audit.
func recordEntry(tx Tx, a *Audit, c *Certification, e ChecklistEntry, today Date) error {
	ref, kind, err := CheckChecklistRef(c.Standard, a.Kind, e.Ref)
	if err != nil {
		return invalid("checklist", "ref", "%v", err)
	}
	e.Ref = ref
	if err := checkInterviewDates(e.Interviews, a, today); err != nil {
		return err
	}
	if kind == catalogue.Clause && e.Result == ResultNotApplicable {
		return refuse(RuleChecklistCoverage, "clause %s cannot be not-applicable: every requirement of clauses 4–10 applies; record conform, ofi, minor or major (or leave it not audited)", ref)
	}
	e.Notes = strings.TrimRight(e.Notes, " \n\t")
	e.Interviews = tidyInterviews(e.Interviews)
	a.setEntry(e)
	return shareChecklist(tx, a, c.Standard, e) // integrated.go: a shared clause is answered once
}
