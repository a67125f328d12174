package certification

import (
	"strings"

	"certdesk/audit/catalogue"
)

// Audits written before the catalogues listed every sub-clause and
// control (issue 19). Until then the ISO 9001 and ISO/IEC 27001
// checklists ended at two-level clauses (8.5, 9.2) and at the Annex A
// groups (A.5 … A.8): those were the lines an audit had to answer, and
// its report was drafted on them. Those lines are still in the
// catalogues, now as headings of the lines under them (IsHeading).
//
// An audit whose report is written (drafted or closed) keeps the
// coverage it was drafted with: an answer on such a line covers the lines
// under it, provided the audit answered none of them one by one (an
// audit that did was drafted on the full catalogue). Otherwise a closed
// audit, whose checklist can no longer change, would block its decision
// on lines it was never asked to answer. An audit still open for
// fieldwork answers the lines themselves, and 42001, whose catalogue did
// not change, is not concerned.

// answerSet is what one audit answers, indexed once: its entries by
// reference and its legacy lines (legacyLines).
type answerSet struct {
	entries map[string]*ChecklistEntry // into the audit's checklist
	legacy  map[string]bool
}

// answersOf indexes audit a of a certification to std.
func answersOf(a *Audit, std Standard) answerSet {
	s := answerSet{entries: make(map[string]*ChecklistEntry, len(a.Checklist)), legacy: legacyLines(a, std)}
	for i := range a.Checklist {
		s.entries[a.Checklist[i].Ref] = &a.Checklist[i]
	}
	return s
}

// covers reports whether the audit answers item it: an entry on it that
// Covers, or, without one, an answer on its legacy line.
func (s answerSet) covers(it catalogue.Item) bool {
	if e, ok := s.entries[it.Ref]; ok {
		return Covers(*e, it.Kind)
	}
	top, ok := twoLevel(it.Ref)
	return ok && s.legacy[top]
}

// AnsweredWhole are the two-level lines of audit a whose answer stands
// for the lines under them (legacyLines): its report prints them, and
// counts the lines under them as answered.
func AnsweredWhole(a *Audit, std Standard) map[string]bool { return legacyLines(a, std) }

// legacyLines are the two-level lines ("8.5", "A.5") whose answer covers
// the lines under them in audit a (nil for most audits): a has its
// report written, std is 9001 or 27001, the line's entry Covers it as the
// line it was (a clause, or an Annex A group where N/A is a result), and
// no line under it has a result.
func legacyLines(a *Audit, std Standard) map[string]bool {
	if !a.Done() || (std != ISO9001 && std != ISO27001) {
		return nil
	}
	var out, below map[string]bool
	for _, e := range a.Checklist {
		if e.Result == ResultNotAudited {
			continue
		}
		if top, ok := twoLevel(e.Ref); ok {
			if below == nil {
				below = map[string]bool{}
			}
			below[top] = true
			continue
		}
		kind := catalogue.Clause
		if strings.HasPrefix(e.Ref, "A.") {
			kind = catalogue.Group
		}
		if strings.Count(e.Ref, ".") == 1 && Covers(e, kind) {
			if out == nil {
				out = map[string]bool{}
			}
			out[e.Ref] = true
		}
	}
	for top := range below {
		delete(out, top) // answered line by line: drafted on the full catalogue
	}
	return out
}

// twoLevel returns the two-level line ref lies under ("8.5" of 8.5.1 and
// 8.5.1.2, "A.5" of A.5.15); false for a reference of two levels or
// fewer.
func twoLevel(ref string) (string, bool) {
	i := strings.IndexByte(ref, '.')
	if i < 0 {
		return "", false
	}
	j := strings.IndexByte(ref[i+1:], '.')
	if j < 0 {
		return "", false
	}
	return ref[:i+1+j], true
}
