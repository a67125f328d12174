package document

// The audit's checklist as its report shows it: the standard's catalogue
// with the audit's entries, the kind's own items (stage 1 readiness,
// surveillance) with theirs, and whether each item was due in the audit.

import (
	"slices"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// packChecklist lays out the catalogue and the audit kind's own items
// (certification.KindItems: readiness items before the catalogue,
// surveillance items after it) with the audit's entries; due marks the
// items the audit must cover.
func packChecklist(cat *catalogue.Catalogue, c *certification.Certification, a *certification.Audit, findings []PackFinding, siblings []certification.Standard, due certification.Due) []PackLine {
	items, _ := certification.ChecklistItems(c) // the catalogue exists: cat was found
	own := certification.KindItems(cat, a.Kind)
	all := slices.Concat(cat.Items, own)
	if a.Kind == certification.Stage1 {
		all = slices.Concat(own, cat.Items)
	}
	var out []PackLine
	for _, it := range all {
		ln := PackLine{Item: it, Due: due.IsDue(it.Ref)}
		if it.Kind == catalogue.Control {
			if ex, ok := c.Excluded(it.Ref); ok {
				ln.Excluded, ln.Justification = true, ex.Justification
				out = append(out, ln)
				continue
			}
		}
		ln.Heading = certification.IsHeading(items, it)
		if e, ok := a.Entry(it.Ref); ok {
			ln.Result, ln.Notes, ln.Interviews, ln.Recorded = e.Result, e.Notes, e.Interviews, true
		}
		for _, x := range findings {
			if x.Reference == it.Ref {
				ln.Findings = append(ln.Findings, x.Number)
			}
		}
		if it.Kind == catalogue.Clause || it.Kind == catalogue.Control {
			for _, std := range siblings {
				if _, ok := certification.SharedClause(c.Standard, it.Ref, std); ok {
					ln.SharedWith = append(ln.SharedWith, std)
				}
			}
		}
		out = append(out, ln)
	}
	return out
}

// KindLines are the lines of the audit kind's own items: the stage 1
// readiness items (S1.x) of a stage 1, the surveillance items (SV.x) of a
// surveillance; none for another kind.
func (p *AuditPack) KindLines() []PackLine {
	var out []PackLine
	for _, l := range p.Checklist {
		if l.Kind == catalogue.Readiness || l.Kind == catalogue.SurveillanceTopic {
			out = append(out, l)
		}
	}
	return out
}

// Applicable counts the checklist lines the audit answers (not excluded).
func (p *AuditPack) Applicable() int {
	n := 0
	for _, l := range p.Checklist {
		if !l.Excluded {
			n++
		}
	}
	return n
}

// Excluded returns the lines of the controls the SoA excludes.
func (p *AuditPack) Excluded() []PackLine {
	var out []PackLine
	for _, l := range p.Checklist {
		if l.Excluded {
			out = append(out, l)
		}
	}
	return out
}

// ResultCounts counts the results of the lines the audit answers
// (headings left out, but for one it answered whole, and then not the
// lines under it: certification.AnsweredWhole); ResultNotAudited counts
// lines without a result.
func (p *AuditPack) ResultCounts() map[certification.ChecklistResult]int {
	out := map[certification.ChecklistResult]int{}
	whole := certification.AnsweredWhole(&p.Audit, p.Certification.Standard)
	for _, l := range p.Checklist {
		if l.Excluded || (l.Heading && !l.Recorded) || (!l.Recorded && under(whole, l.Ref)) {
			continue
		}
		out[l.Result]++
	}
	return out
}

// under reports whether ref lies under one of the headings ("8.5.1" and
// "8.5.1.2" under 8.5, "A.5.15" under A.5).
func under(headings map[string]bool, ref string) bool {
	for i := strings.LastIndexByte(ref, '.'); i > 0 && len(headings) > 0; i = strings.LastIndexByte(ref, '.') {
		ref = ref[:i]
		if headings[ref] {
			return true
		}
	}
	return false
}
