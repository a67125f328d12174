package view

// The combined checklist of an integrated audit: one line per clause or
// control, a clause of the harmonised structure answered once for every
// standard of the visit (see certification/integrated.go).

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// IntegratedRef is where one line of a combined checklist is recorded in
// one audit: the audit, its standard and the reference as it numbers it.
type IntegratedRef struct {
	AuditID  certification.ID       `json:"audit_id"`
	Standard certification.Standard `json:"standard"`
	Ref      string                 `json:"ref"`
}

// IntegratedLine is one line of the combined checklist of an integrated
// audit: a clause answered once for several standards, or one
// standard's own clause or control.
type IntegratedLine struct {
	// Item is the line as the audit it is recorded on (the first of
	// Answers) numbers it.
	Item catalogue.Item `json:"item"`
	// Answers lists every audit the line's answer is recorded on: several
	// for a shared clause (the same answer on each), one otherwise.
	Answers []IntegratedRef `json:"answers"`
	// Entry is the answer recorded (on the first audit of Answers).
	Entry certification.ChecklistEntry `json:"entry"`
}

// AuditID is the audit the line is recorded on (RecordChecklist there
// answers it for every audit of Answers).
func (l *IntegratedLine) AuditID() certification.ID { return l.Answers[0].AuditID }

// Shared reports whether the line answers several standards.
func (l *IntegratedLine) Shared() bool { return len(l.Answers) > 1 }

// Standards are the standards the line answers.
func (l *IntegratedLine) Standards() []certification.Standard {
	out := make([]certification.Standard, len(l.Answers))
	for i, r := range l.Answers {
		out[i] = r.Standard
	}
	return out
}

// StandardsLabel names the standards a line answers as auditors say
// them, in ascending number: "9001 · 42001".
func (l *IntegratedLine) StandardsLabel() string {
	var s []string
	for _, r := range l.Answers {
		s = append(s, r.Standard.Short())
	}
	slices.SortFunc(s, func(a, b string) int { return cmp.Or(cmp.Compare(len(a), len(b)), cmp.Compare(a, b)) })
	return strings.Join(s, " · ")
}

// IntegratedSection is one standard's own part of a combined checklist:
// its clauses that are not shared and its Annex A controls (those its
// Statement of Applicability keeps).
type IntegratedSection struct {
	AuditID  certification.ID       `json:"audit_id"`
	Standard certification.Standard `json:"standard"`
	Lines    []IntegratedLine       `json:"lines"`
}

// Checklist is the combined checklist of an audit and the other audits
// of its integrated audit.
type Checklist struct {
	// Audits are the audit asked for, then the others of its integrated
	// audit by id; Files are their certifications' files, in the same
	// order.
	Audits []*certification.Audit `json:"audits"`
	Files  []*certification.File  `json:"-"`
	// Shared are the clauses answered once, in the first audit's order.
	Shared []IntegratedLine `json:"shared"`
	// Own are each standard's own lines, in the order of Audits.
	Own []IntegratedSection `json:"own"`
}

// CombineChecklists builds the combined checklist of audits (the first is
// the one the user works in) from their certifications' files: shared
// clauses once, then each standard's own clauses and controls. An audit
// without siblings gives no shared line and one section: its checklist.
func CombineChecklists(audits []*certification.Audit, files []*certification.File) (*Checklist, error) {
	if len(audits) == 0 || len(audits) != len(files) {
		return nil, fmt.Errorf("combined checklist: %d audits and %d files", len(audits), len(files))
	}
	out := &Checklist{Audits: audits, Files: files}
	items := make([][]catalogue.Item, len(audits))
	for i, f := range files {
		var err error
		if items[i], err = certification.AuditItems(&f.Certification, audits[i].Kind); err != nil { // with the stage 1 or surveillance items
			return nil, err
		}
	}
	std := func(i int) certification.Standard { return files[i].Certification.Standard }
	used := map[IntegratedRef]bool{}
	for i, a := range audits {
		for _, it := range items[i] {
			if it.Kind != catalogue.Clause {
				continue
			}
			here := IntegratedRef{AuditID: a.ID, Standard: std(i), Ref: it.Ref}
			if used[here] {
				continue
			}
			answers := []IntegratedRef{here}
			for j, b := range audits {
				if j == i {
					continue
				}
				if ref, ok := certification.SharedClause(std(i), it.Ref, std(j)); ok {
					answers = append(answers, IntegratedRef{AuditID: b.ID, Standard: std(j), Ref: ref})
				}
			}
			if len(answers) == 1 {
				continue
			}
			for _, r := range answers {
				used[r] = true
			}
			e, _ := a.Entry(it.Ref)
			out.Shared = append(out.Shared, IntegratedLine{Item: it, Answers: answers, Entry: e})
		}
	}
	for i, a := range audits {
		sec := IntegratedSection{AuditID: a.ID, Standard: std(i)}
		for _, it := range items[i] {
			here := IntegratedRef{AuditID: a.ID, Standard: std(i), Ref: it.Ref}
			if used[here] {
				continue
			}
			e, _ := a.Entry(it.Ref)
			sec.Lines = append(sec.Lines, IntegratedLine{Item: it, Answers: []IntegratedRef{here}, Entry: e})
		}
		out.Own = append(out.Own, sec)
	}
	return out, nil
}

// IntegratedChecklist returns the combined checklist of an audit and the
// other audits of its integrated audit (of the audit alone when it is not
// integrated), with their files.
func IntegratedChecklist(ctx context.Context, r Reader, auditID certification.ID) (*Checklist, error) {
	var audits []*certification.Audit
	var files []*certification.File
	err := r.View(ctx, func(tx certification.Tx) error {
		audits, files = nil, nil
		var a certification.Audit
		if err := tx.Get(auditID, &a); err != nil {
			return err
		}
		ids := append([]certification.ID{a.ID}, slices.Sorted(slices.Values(a.IntegratedWith))...)
		for _, id := range ids {
			var x certification.Audit
			if err := tx.Get(id, &x); err != nil {
				if errors.Is(err, certification.ErrNotFound) && id != a.ID {
					continue
				}
				return err
			}
			if x.Status == certification.AuditCancelled && id != a.ID {
				continue // it left the integrated audit
			}
			f, err := certification.LoadFile(tx, x.CertificationID)
			if err != nil {
				return err
			}
			fa, ok := f.Audit(id)
			if !ok {
				return fmt.Errorf("audit %d is not in the file of certification %d", id, x.CertificationID)
			}
			audits, files = append(audits, fa), append(files, f)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return CombineChecklists(audits, files)
}
