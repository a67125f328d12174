package certification

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
)

// Exclusion is an Annex A control the client's Statement of
// Applicability excludes, with the justification.
type Exclusion struct {
	Control       string `json:"control"`
	Justification string `json:"justification"`
}

// Excluded returns the exclusion of a control, if any.
func (c *Certification) Excluded(control string) (Exclusion, bool) {
	for _, e := range c.Exclusions {
		if e.Control == control {
			return e, true
		}
	}
	return Exclusion{}, false
}

// ChecklistItems is an audit checklist of the certification: every clause
// and every Annex A control its Statement of Applicability keeps.
func ChecklistItems(c *Certification) ([]catalogue.Item, error) {
	cat, err := catalogue.For(string(c.Standard))
	if err != nil {
		return nil, err
	}
	out := make([]catalogue.Item, 0, len(cat.Items))
	for _, it := range cat.Items {
		if it.Kind == catalogue.Control && len(c.Exclusions) > 0 {
			if _, ex := c.Excluded(it.Ref); ex {
				continue
			}
		}
		out = append(out, it)
	}
	return out, nil
}

// SetExclusions records the Statement of Applicability: the controls
// excluded, each with a justification; every other control applies.
func (s *Service) SetExclusions(ctx context.Context, certificationID ID, ex []Exclusion) error {
	return s.update(ctx, call("set-soa", certificationID, ex), fmt.Sprintf("statement of applicability of certification %d", certificationID), func(tx Tx) error {
		var c Certification
		if err := tx.Get(certificationID, &c); err != nil {
			return err
		}
		ex, err := CheckExclusions(c.Standard, ex)
		if err != nil {
			return err
		}
		slices.SortFunc(ex, func(a, b Exclusion) int { return strings.Compare(a.Control, b.Control) })
		c.Exclusions = ex
		if err := tx.Put(&c); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return refresh(tx, certificationID, p)
	})
}

// CheckExclusions checks a Statement of Applicability of standard std:
// each exclusion names one Annex A control of the standard (not a group
// line), once, with a justification. It returns a copy with the controls
// as the catalogue writes them ("a.7.4" → "A.7.4") and the justifications
// trimmed, in the order given.
func CheckExclusions(std Standard, ex []Exclusion) ([]Exclusion, error) {
	cat, err := catalogue.For(string(std))
	if err != nil {
		return nil, err
	}
	out := slices.Clone(ex)
	seen := map[string]bool{}
	for i := range out {
		f := fmt.Sprintf("exclusions[%d]", i)
		item, ok := cat.Lookup(out[i].Control)
		switch {
		case len(cat.Controls()) == 0:
			return nil, invalid("statement of applicability", f+".control", "%s has no Annex A controls, so nothing to exclude: it has no Statement of Applicability", std)
		case ok && item.Kind == catalogue.Group:
			return nil, invalid("statement of applicability", f+".control", "%s is the group %s: exclude its controls one by one, each with its justification", item.Ref, item.Group)
		case !ok || item.Kind != catalogue.Control:
			return nil, invalid("statement of applicability", f+".control", "%q is not an Annex A control of %s", out[i].Control, std)
		}
		out[i].Control = item.Ref
		if seen[item.Ref] {
			return nil, invalid("statement of applicability", f+".control", "%s is excluded twice", item.Ref)
		}
		seen[item.Ref] = true
		out[i].Justification = strings.TrimSpace(out[i].Justification)
		if out[i].Justification == "" {
			return nil, invalid("statement of applicability", f+".justification", "excluding %s needs a justification", item.Ref)
		}
	}
	return out, nil
}

// Coverage is how far a cycle's audits have covered the checklist.
type Coverage struct {
	Cycle int `json:"cycle"`
	// Applicable and Audited count the Statement of Applicability's
	// controls and those with a result in an audit of the cycle.
	Applicable int `json:"controls_applicable"`
	Audited    int `json:"controls_audited"`
	// Unaudited lists the applicable controls no audit of the cycle has
	// a result for yet.
	Unaudited []string `json:"controls_unaudited"`
	// ClauseGaps lists, per stage 2 or recertification audit carried out
	// in the cycle, the clauses it has no result for (all are required).
	ClauseGaps map[ID][]string `json:"clause_gaps,omitempty"`
}

// CycleCoverage computes the coverage of a cycle from its audits'
// checklists (an item counts as audited with any result but "not audited").
func CycleCoverage(f *File, cycle int) (Coverage, error) {
	items, err := ChecklistItems(&f.Certification)
	if err != nil {
		return Coverage{}, err
	}
	cv := Coverage{Cycle: cycle, ClauseGaps: map[ID][]string{}}
	audited := make(map[string]bool, len(items))
	var parents map[string]bool // parentClauses(items), once needed
	std := f.Certification.Standard
	for _, a := range f.AuditsIn(cycle) {
		if !a.Done() && a.Status != AuditInProgress {
			continue
		}
		for _, e := range a.Checklist {
			if e.Result != ResultNotAudited {
				audited[e.Ref] = true
			}
		}
		if tops := legacyLines(a, std); len(tops) > 0 { // coverage_legacy.go
			for _, it := range items {
				if top, ok := twoLevel(it.Ref); ok && it.Kind == catalogue.Control && tops[top] {
					audited[it.Ref] = true
				}
			}
		}
		if a.Done() && (a.Kind == Stage2 || a.Kind == Recertification) {
			if parents == nil {
				parents = parentClauses(items)
			}
			ans := answersOf(a, std)
			for _, it := range items {
				if it.Kind != catalogue.Clause || parents[it.Ref] {
					continue
				}
				if !ans.covers(it) { // N/A is no result for a clause
					cv.ClauseGaps[a.ID] = append(cv.ClauseGaps[a.ID], it.Ref)
				}
			}
		}
	}
	for _, it := range items {
		if it.Kind != catalogue.Control {
			continue
		}
		cv.Applicable++
		if audited[it.Ref] {
			cv.Audited++
		} else {
			cv.Unaudited = append(cv.Unaudited, it.Ref)
		}
	}
	return cv, nil
}

// IsHeading reports whether item it of the checklist items heads other
// lines rather than being answered for coverage: a clause with
// sub-clauses (results are recorded on 6.1.1–6.1.3, not 6.1), or an Annex
// A group line (A.5 heads A.5.1–A.5.37, even when the Statement of
// Applicability excludes them all). A heading can still be recorded on,
// as audits did before its sub-lines were listed; it is never due.
func IsHeading(items []catalogue.Item, it catalogue.Item) bool {
	switch it.Kind {
	case catalogue.Clause:
		return !IsLeafClause(items, it.Ref)
	case catalogue.Group:
		return true
	}
	return false
}

// IsLeafClause reports whether a clause has no sub-clause in the list
// ("6.1" has 6.1.1–6.1.4; the results are recorded on those).
func IsLeafClause(items []catalogue.Item, ref string) bool {
	for _, it := range items {
		if it.Kind == catalogue.Clause && strings.HasPrefix(it.Ref, ref+".") {
			return false
		}
	}
	return true
}

// parentClauses is the set of references in items that a clause of
// items lies under ("6.1" and "6" for 6.1.2): the clauses that are not
// leaves, found in one pass (every command that recomputes a
// certification's obligations asks this of every clause).
func parentClauses(items []catalogue.Item) map[string]bool {
	parents := map[string]bool{}
	for _, it := range items {
		if it.Kind != catalogue.Clause {
			continue
		}
		for ref := it.Ref; ; {
			i := strings.LastIndexByte(ref, '.')
			if i < 0 {
				break
			}
			ref = ref[:i]
			parents[ref] = true
		}
	}
	return parents
}
