package certification

// What an audit's checklist must cover before its report is drafted
// (RULES.md "Stage 1 and stage 2", and the surveillance programme):
//
//   - stage 2 and recertification: every leaf clause of 4–10 and every
//     Annex A control the Statement of Applicability keeps (not the
//     headings: a clause with sub-clauses, a 27001 group line, IsHeading);
//   - stage 1: the readiness items of the standard (catalogue.Stage1);
//   - surveillance: clauses 9.2 and 9.3 and the surveillance items
//     (catalogue.Surveillance) every time, and the cycle's coverage plan:
//     the SurveillancesPerCycle surveillances of a cycle together cover
//     every leaf clause and applicable control; surveillance k brings the
//     cycle's surveillance coverage to at least the first k/2 of them in
//     catalogue order, the last one completes it;
//   - special and follow-up audits: nothing.
//
// An item is covered by any result but "not audited". "not-applicable"
// is no result for a clause (clauses 4–10 are all required):
// RecordChecklist refuses it there, and an N/A on a clause recorded
// before (an import, an older file) counts as missing. On an Annex A
// control the Statement of Applicability keeps, N/A is a result (the
// control's activity did not arise in the period audited); a control
// that does not apply is excluded in the Statement of Applicability.

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
)

// SurveillancesPerCycle is how many surveillances a cycle's coverage
// plan spreads the checklist over.
const SurveillancesPerCycle = 2

// Due is what one audit's checklist must cover before its report is
// drafted, and what it does not cover yet.
type Due struct {
	AuditID ID        `json:"audit_id"`
	Kind    AuditKind `json:"kind"`
	// Required are the references due in this audit, in checklist order.
	Required []string `json:"required"`
	// Missing are the required references with no acceptable result.
	Missing []string `json:"missing"`
	// Surveillance is k for the k-th surveillance of its cycle (0 for
	// another kind); PlanDue of PlanItems is how far the cycle's
	// surveillances must have covered the plan with this one.
	Surveillance int `json:"surveillance,omitempty"`
	PlanItems    int `json:"plan_items,omitempty"`
	PlanDue      int `json:"plan_due,omitempty"`
}

// Complete reports whether nothing required is missing.
func (d Due) Complete() bool { return len(d.Missing) == 0 }

// IsDue reports whether ref is required in the audit.
func (d Due) IsDue(ref string) bool { return slices.Contains(d.Required, ref) }

// IsMissing reports whether ref is required in the audit and has no
// acceptable result.
func (d Due) IsMissing(ref string) bool { return slices.Contains(d.Missing, ref) }

// Covers reports whether entry e answers its item: any result but "not
// audited", and not "not-applicable" on a clause.
func Covers(e ChecklistEntry, kind catalogue.ItemKind) bool {
	if e.Result == ResultNotAudited {
		return false
	}
	return !(e.Result == ResultNotApplicable && kind == catalogue.Clause)
}

// PlanItems are the items a cycle must cover: the leaf clauses of 4–10
// and the Annex A controls the Statement of Applicability keeps.
func PlanItems(c *Certification) ([]catalogue.Item, error) {
	items, err := ChecklistItems(c)
	if err != nil {
		return nil, err
	}
	var out []catalogue.Item
	parents := parentClauses(items)
	for _, it := range items {
		if it.Kind != catalogue.Group && (it.Kind != catalogue.Clause || !parents[it.Ref]) { // not a heading (IsHeading)
			out = append(out, it)
		}
	}
	return out, nil
}

// AuditItems are the checklist lines an audit of kind k answers: the
// standard's clauses and the controls the Statement of Applicability
// keeps, after the stage 1 readiness items or before the surveillance
// items.
func AuditItems(c *Certification, k AuditKind) ([]catalogue.Item, error) {
	items, err := ChecklistItems(c)
	if err != nil {
		return nil, err
	}
	cat, _ := catalogue.For(string(c.Standard)) // found by ChecklistItems
	switch k {
	case Stage1:
		return append(KindItems(cat, k), items...), nil
	case Surveillance:
		return append(items, KindItems(cat, k)...), nil
	}
	return items, nil
}

// KindItems are the items of an audit kind's own list in the standard's
// catalogue: the stage 1 readiness items for a stage 1, the surveillance
// items for a surveillance, none for another kind.
func KindItems(cat *catalogue.Catalogue, k AuditKind) []catalogue.Item {
	switch k {
	case Stage1:
		return cat.Stage1()
	case Surveillance:
		return cat.Surveillance()
	}
	return nil
}

// CheckChecklistRef normalises a checklist reference for an audit of
// kind k to standard std: a clause or control of the standard, or an item
// of the kind's own list (stage 1 readiness, surveillance).
func CheckChecklistRef(std Standard, k AuditKind, ref string) (string, catalogue.ItemKind, error) {
	cat, err := catalogue.For(string(std))
	if err != nil {
		return "", "", err
	}
	extra := KindItems(cat, k)
	r, err := cat.CheckRefAmong(ref, extra)
	if err != nil {
		return "", "", err
	}
	kind := catalogue.Control
	if it, ok := cat.Lookup(r); ok {
		kind = it.Kind
	}
	for _, it := range extra {
		if it.Ref == r {
			kind = it.Kind
		}
	}
	return r, kind, nil
}

// DueItems computes what audit a of file f must cover (the audit as
// given, which may be newer than its copy in f) and what is missing.
func DueItems(f *File, a *Audit) (Due, error) {
	d := Due{AuditID: a.ID, Kind: a.Kind}
	c := &f.Certification
	plan, err := PlanItems(c)
	if err != nil {
		return d, err
	}
	cat, _ := catalogue.For(string(c.Standard))
	var req []catalogue.Item
	switch a.Kind {
	case Stage2, Recertification:
		req = plan
	case Stage1:
		req = cat.Stage1()
	case Surveillance:
		req = d.surveillance(f, a, plan, cat)
	}
	ans := answersOf(a, c.Standard) // coverage_legacy.go: with a report drafted on the shorter catalogue
	for _, it := range req {
		d.Required = append(d.Required, it.Ref)
		if !ans.covers(it) {
			d.Missing = append(d.Missing, it.Ref)
		}
	}
	if d.Required == nil {
		d.Required = []string{}
	}
	if d.Missing == nil {
		d.Missing = []string{}
	}
	return d, nil
}

// surveillance returns the items due in surveillance a: the mandatory
// ones, and the part of the cycle's plan it brings the coverage to that
// the cycle's earlier surveillances did not cover.
func (d *Due) surveillance(f *File, a *Audit, plan []catalogue.Item, cat *catalogue.Catalogue) []catalogue.Item {
	var earlier []*Audit
	for _, o := range f.AuditsIn(a.Cycle, Surveillance) {
		if o.ID != a.ID && (o.Start() < a.Start() || (o.Start() == a.Start() && o.ID < a.ID)) {
			earlier = append(earlier, o)
		}
	}
	d.Surveillance = len(earlier) + 1
	k := min(d.Surveillance, SurveillancesPerCycle)
	d.PlanItems = len(plan)
	d.PlanDue = int(math.Ceil(float64(k*len(plan)) / SurveillancesPerCycle))
	ans := make([]answerSet, len(earlier))
	for i, o := range earlier {
		ans[i] = answersOf(o, f.Certification.Standard)
	}
	covered := func(it catalogue.Item) bool {
		for _, x := range ans {
			if x.covers(it) {
				return true
			}
		}
		return false
	}
	var out []catalogue.Item
	for i, it := range plan {
		if mandatorySurveillance(it.Ref) || (i < d.PlanDue && !covered(it)) {
			out = append(out, it)
		}
	}
	return append(out, cat.Surveillance()...)
}

// mandatorySurveillance: clauses 9.2 and 9.3 and their sub-clauses.
func mandatorySurveillance(ref string) bool {
	for _, m := range catalogue.SurveillanceClauses {
		if ref == m || strings.HasPrefix(ref, m+".") {
			return true
		}
	}
	return false
}

// CheckCoverage refuses drafting the report of audit a while an item due
// in it has no result, naming the first missing items.
func CheckCoverage(f *File, a *Audit) error {
	d, err := DueItems(f, a)
	if err != nil || d.Complete() {
		return err
	}
	what := "leaf clauses of 4–10 and applicable Annex A controls it must cover"
	switch a.Kind {
	case Stage1:
		what = "stage 1 readiness items"
	case Surveillance:
		what = "items this surveillance must cover (clauses 9.2 and 9.3, the surveillance items and its part of the cycle's coverage plan)"
	}
	return refuse(RuleChecklistCoverage, "%s audit %d has no result for %d of the %d %s: %s. Record a result for each in the audit's checklist (a clause cannot be not-applicable; a control that does not apply is excluded in the Statement of Applicability), then draft the report",
		a.Kind.Label(), a.ID, len(d.Missing), len(d.Required), what, NameRefs(d.Missing, 10))
}

// NameRefs lists refs, the first n of them and "and N more".
func NameRefs(refs []string, n int) string {
	if len(refs) <= n {
		return strings.Join(refs, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(refs[:n], ", "), len(refs)-n)
}

// coverageGate is the decision gate "Checklist covered": the audit the
// decision rests on covers what its kind must (a file recorded before
// the report gate existed can have gaps).
func coverageGate(f *File, a *Audit, g *gates) {
	d, err := DueItems(f, a)
	if err == nil {
		err = CheckCoverage(f, a)
	}
	g.check(RuleChecklistCoverage, "Checklist covered", err, fmt.Sprintf("%s audit %d: %d required item(s) have a result", a.Kind.Label(), a.ID, len(d.Required)))
}
