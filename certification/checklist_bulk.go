package certification

import (
	"context"
	"fmt"
)

// EntryError is a problem with one entry of a list recorded at once:
// Index is its place in the list (from 0), so that the caller can name
// the line it came from.
type EntryError struct {
	Index int
	Ref   string
	Err   error
}

func (e *EntryError) Error() string {
	return fmt.Sprintf("checklist entry %d (%s): %v", e.Index+1, e.Ref, e.Err)
}

func (e *EntryError) Unwrap() error { return e.Err }

// RecordChecklists records several checklist entries of one audit at
// once, as RecordChecklist records one: all of them or, at the first
// entry refused (an *EntryError naming it), none.
func (s *Service) RecordChecklists(ctx context.Context, auditID ID, entries []ChecklistEntry) error {
	return s.recordEntries(ctx, auditID, entries, fmt.Sprintf("%d checklist entries on audit %d", len(entries), auditID))
}

func (s *Service) recordEntries(ctx context.Context, auditID ID, entries []ChecklistEntry, summary string) error {
	for i, e := range entries {
		if err := checkEntry(e); err != nil {
			return &EntryError{Index: i, Ref: e.Ref, Err: err}
		}
	}
	today := s.Today()
	return s.update(ctx, call("record-checklist", auditID, entries, summary), summary, func(tx Tx) error {
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
		for i, e := range entries {
			if err := recordEntry(tx, &a, &c, e, today); err != nil {
				return &EntryError{Index: i, Ref: e.Ref, Err: err}
			}
		}
		return tx.Put(&a)
	})
}

// MissingEntries are entries with template's result and notes for every
// item audit a of file f must cover and has no result for (DueItems):
// what a generated body (the demo) or a test fixture records to draft a
// report.
func MissingEntries(f *File, a *Audit, template ChecklistEntry) []ChecklistEntry {
	d, err := DueItems(f, a)
	if err != nil {
		return nil
	}
	out := make([]ChecklistEntry, 0, len(d.Missing))
	for _, ref := range d.Missing {
		e := template
		e.Ref = ref
		out = append(out, e)
	}
	return out
}

// FillChecklist records template's result and notes on every item audit
// id must cover and has no result for (MissingEntries), for the demo
// generator and test fixtures; the audit must be open for checklist work.
func (s *Service) FillChecklist(ctx context.Context, id ID, template ChecklistEntry) error {
	var f *File
	var a Audit
	if err := s.View(ctx, func(tx Tx) error {
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		var err error
		f, err = LoadFile(tx, a.CertificationID)
		return err
	}); err != nil {
		return err
	}
	missing := MissingEntries(f, &a, template)
	if len(missing) == 0 {
		return nil
	}
	return s.RecordChecklists(ctx, id, missing)
}
