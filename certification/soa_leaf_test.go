package certification

import (
	"testing"

	"certdesk/audit/catalogue"
	"certdesk/audit/scheme"
)

// parentClauses, found in one pass, names exactly the clauses that
// IsLeafClause (which looks at every item for each) finds not to be
// leaves, in every catalogue and in a list of all of them together (an
// integrated audit's), and nothing that is not a clause.
func TestParentClausesAreTheClausesThatAreNotLeaves(t *testing.T) {
	var all []catalogue.Item
	lists := map[string][]catalogue.Item{}
	for _, std := range scheme.StandardNames {
		c, err := catalogue.For(std)
		if err != nil {
			t.Fatal(err)
		}
		lists[std] = c.Items
		all = append(all, c.Items...)
	}
	lists["all together"] = all
	for name, items := range lists {
		parents := parentClauses(items)
		nonLeaves := 0
		for _, it := range items {
			if it.Kind != catalogue.Clause {
				continue
			}
			if leaf := IsLeafClause(items, it.Ref); parents[it.Ref] == leaf {
				t.Errorf("%s: clause %s: IsLeafClause %v, in parentClauses %v", name, it.Ref, leaf, parents[it.Ref])
			} else if !leaf {
				nonLeaves++
			}
		}
		if nonLeaves == 0 {
			t.Errorf("%s: no clause has a sub-clause: the test shows nothing", name)
		}
	}
	if got := parentClauses([]catalogue.Item{{Ref: "A.5.1", Kind: catalogue.Control}, {Ref: "4.1", Kind: catalogue.Clause}}); len(got) != 1 || !got["4"] {
		t.Errorf("parentClauses of a control A.5.1 and a clause 4.1 = %v, want only 4", got)
	}
}
