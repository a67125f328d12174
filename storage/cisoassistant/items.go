package cisoassistant

import (
	"fmt"
	"regexp"
	"strings"

	"certdesk/audit/catalogue"
)

// A heading is a node that is no checklist item: a non-assessable node
// without ref_id ("Chapitre II"), or a wrapper around the clauses or the
// annex ("core"/"Clauses", "annex-a"/"Annex A"). A wrapper is transparent:
// the groups are the clauses and annex groups below it.
var (
	wrapperRef  = regexp.MustCompile(`(?i)^(core|clauses?|annex[-_ ]?[a-z]?)$`)
	wrapperName = regexp.MustCompile(`(?i)^(core|clauses?|annex\b.*)$`)
	annexRe     = regexp.MustCompile(`(?i)^annex\b`)
)

func (n *node) heading() bool { return !n.assessable && (n.ref == "" || wrapperRef.MatchString(n.ref)) }

func (n *node) wrapper() bool {
	return n.heading() && (wrapperRef.MatchString(n.ref) || (n.ref == "" && wrapperName.MatchString(n.name)))
}

// annex tells whether a node opens an annex ("Annex A", "annex-a").
func (n *node) annex() bool {
	return !n.assessable && (annexRe.MatchString(n.name) || annexRe.MatchString(n.ref))
}

// inAnnex tells whether a node is an annex's control or group: its
// ref_id begins with "A.", or it or an ancestor opens an annex.
func (n *node) inAnnex() bool {
	if strings.HasPrefix(n.ref, "A.") || n.annex() {
		return true
	}
	for p := n.parent; p != nil; p = p.parent {
		if p.annex() {
			return true
		}
	}
	return false
}

// itemParent reports the nearest ancestor that is an item, or nil.
func (n *node) itemParent() *node {
	for p := n.parent; p != nil; p = p.parent {
		if !p.heading() {
			return p
		}
	}
	return nil
}

// group is the Group of a node's item: "<ref> <name>" of its top-level
// item ancestor (itself at the top), or the name of the section heading
// without ref_id it sits in; wrappers are looked through.
func (n *node) group() string {
	top := n
	for top.parent != nil {
		top = top.parent
	}
	if top.heading() && !top.wrapper() && top.name != "" {
		return top.name
	}
	g := n
	for p := n.parent; p != nil; p = p.parent {
		if !p.heading() {
			g = p
		}
	}
	return g.ref + " " + g.name
}

// items turns the nodes into checklist items, in the library's order.
//
//   - an assessable node in an annex is a Control;
//   - the first item level of an annex ("A.5", or an "A" node named
//     "Annex A ...") is a Group; deeper non-assessable annex nodes
//     (27001:2013's "A.5.1") are no item: their controls are listed;
//   - every other node with a ref_id is a Clause.
func items(nodes []*node) ([]catalogue.Item, error) {
	var out []catalogue.Item
	byRef := map[string]*node{}
	for _, n := range nodes {
		if n.ref != "" {
			if first, dup := byRef[n.ref]; dup {
				return nil, fmt.Errorf("line %d: ref_id %s again (first at line %d): each node needs its own ref_id", n.line, n.ref, first.line)
			}
			byRef[n.ref] = n
		}
		if n.assessable && n.ref == "" {
			return nil, fmt.Errorf("line %d: an assessable node without ref_id (%s): give it the reference findings will cite", n.line, n.urn)
		}
		if n.heading() {
			continue
		}
		if n.name == "" {
			// Many libraries (NIST CSF 2.0's GV.OC-01, …) give a
			// requirement only its text, in description, which a
			// catalogue of titles does not keep: the reference stands
			// for its title.
			n.name = n.ref
		}
		kind := catalogue.Clause
		if n.inAnnex() {
			switch p := n.itemParent(); {
			case n.assessable:
				kind = catalogue.Control
			case p == nil || !p.inAnnex():
				kind = catalogue.Group
			default:
				continue
			}
		}
		out = append(out, catalogue.Item{Ref: n.ref, Kind: kind, Group: n.group(), Title: n.name})
	}
	return out, nil
}
