package catalogue

import (
	"fmt"
	"slices"

	"certdesk/audit/scheme"
)

// The lists an audit kind answers besides the standard's clauses and
// controls: the stage 1 readiness items (RULES.md "Stage 1 and stage 2")
// and the surveillance items every surveillance looks at whatever the
// cycle's coverage plan puts in it. They are recorded like checklist
// entries, on their own references ("S1.3", "SV.2"), and only on the
// audits of their kind (see certification.CheckChecklistRef).

const (
	Readiness         ItemKind = "readiness"    // a stage 1 readiness item
	SurveillanceTopic ItemKind = "surveillance" // a surveillance item
)

// listed is an item with the standards it applies to (none: all).
type listed struct {
	Item
	only []string
}

const (
	readinessGroup    = "Stage 1 readiness"
	surveillanceGroup = "Surveillance"
)

var readiness = []listed{
	{Item{Ref: "S1.1", Title: "Documented information of the management system reviewed"}, nil},
	{Item{Ref: "S1.2", Title: "Scope, sites and processes of the management system"}, nil},
	{Item{Ref: "S1.3", Title: "Legal, regulatory and contractual context"}, nil},
	{Item{Ref: "S1.4", Title: "Inventory of the AI systems in scope"}, []string{scheme.ISO42001}},
	{Item{Ref: "S1.5", Title: "The organization's AI role(s): provider, producer, user, …"}, []string{scheme.ISO42001}},
	{Item{Ref: "S1.6", Title: "Risk assessment method"}, nil},
	{Item{Ref: "S1.7", Title: "AI system impact assessment method"}, []string{scheme.ISO42001}},
	{Item{Ref: "S1.8", Title: "Statement of Applicability"}, []string{scheme.ISO42001, scheme.ISO27001}},
	{Item{Ref: "S1.9", Title: "Internal audit carried out"}, nil},
	{Item{Ref: "S1.10", Title: "Management review carried out"}, nil},
	{Item{Ref: "S1.11", Title: "Planning of stage 2: sites, processes, team, dates"}, nil},
}

// SurveillanceClauses are the clauses every surveillance covers (internal
// audit and management review), with their sub-clauses where a standard
// numbers some.
var SurveillanceClauses = []string{"9.2", "9.3"}

var surveillance = []listed{
	{Item{Ref: "SV.1", Title: "Changes to the organization, the management system, its scope or sites"}, nil},
	{Item{Ref: "SV.2", Title: "Complaints received and how they were handled"}, nil},
	{Item{Ref: "SV.3", Title: "Use of the certification mark and references to certification"}, nil},
	{Item{Ref: "SV.4", Title: "Follow-up of the findings of earlier audits"}, nil},
}

// Stage1 returns the stage 1 readiness items that apply to the standard.
func (c *Catalogue) Stage1() []Item { return pick(readiness, c.Standard, Readiness, readinessGroup) }

// Surveillance returns the surveillance items (besides clauses 9.2 and 9.3).
func (c *Catalogue) Surveillance() []Item {
	return pick(surveillance, c.Standard, SurveillanceTopic, surveillanceGroup)
}

func pick(list []listed, std string, k ItemKind, group string) []Item {
	var out []Item
	for _, l := range list {
		if len(l.only) == 0 || slices.Contains(l.only, std) {
			it := l.Item
			it.Kind, it.Group = k, group
			out = append(out, it)
		}
	}
	return out
}

// CheckRefAmong is CheckRef for an audit that also answers the items
// extra (an audit kind's own list): a reference of such a list that is
// not in extra is refused, saying which audit it belongs to.
func (c *Catalogue) CheckRefAmong(ref string, extra []Item) (string, error) {
	r := NormalizeRef(ref)
	if len(r) > 1 && (r[0] == 's' || r[0] == 'S') {
		r = "S" + r[1:]
		if len(r) > 2 && r[1] == 'v' {
			r = "SV" + r[2:]
		}
	}
	for _, it := range extra {
		if it.Ref == r {
			return r, nil
		}
	}
	for _, l := range []struct {
		list  []listed
		audit string
	}{{readiness, "a stage 1 readiness item: record it on a stage 1 audit"}, {surveillance, "a surveillance item: record it on a surveillance audit"}} {
		for _, it := range l.list {
			if it.Ref != r {
				continue
			}
			if len(it.only) > 0 && !slices.Contains(it.only, c.Standard) {
				return "", fmt.Errorf("%s (%s) does not apply to %s", r, it.Title, c.Standard)
			}
			return "", fmt.Errorf("%s is %s", r, l.audit)
		}
	}
	return c.CheckRef(ref)
}
