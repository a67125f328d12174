package certification

import (
	"context"
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
// control of an audit in progress (or whose report is being drafted).
func (s *Service) RecordChecklist(ctx context.Context, auditID ID, e ChecklistEntry) error {
	if !oneOf(e.Result, ChecklistResults) {
		return invalid("checklist", "result", "%q is not a result: use one of conform, ofi, minor, major, not-applicable or leave it empty", e.Result)
	}
	if len(e.Notes) > 100000 {
		return invalid("checklist", "notes", "notes are longer than 100,000 characters")
	}
	return s.update(ctx, "record-checklist", fmt.Sprintf("checklist %s on audit %d", e.Ref, auditID), func(tx Tx) error {
		var a Audit
		if err := tx.Get(auditID, &a); err != nil {
			return err
		}
		if a.Status != AuditInProgress && a.Status != AuditReportDrafted {
			return refuse(RuleAuditNotOpen, "audit %d is %s: the checklist is filled while the audit is in progress or its report is drafted", a.ID, a.Status)
		}
		var c Certification
		if err := tx.Get(a.CertificationID, &c); err != nil {
			return err
		}
		cat, err := catalogue.For(string(c.Standard))
		if err != nil {
			return err
		}
		if e.Ref, err = cat.CheckRef(e.Ref); err != nil {
			return invalid("checklist", "ref", "%v", err)
		}
		e.Notes = strings.TrimRight(e.Notes, " \n\t")
		a.setEntry(e)
		if err := shareChecklist(tx, &a, c.Standard, e); err != nil { // integrated.go: a shared clause is answered once
			return err
		}
		return tx.Put(&a)
	})
}
