package cisoassistant

import (
	"testing"

	"certdesk/audit/catalogue"
	"certdesk/audit/scheme"
)

// The 27001:2022 library lists the same references, of the same kinds, as
// the embedded checklist assets/catalogues/iso27001.tsv. Titles and group
// names are worded differently in places ("Operations", "Organisational
// controls"): those are logged, not failed.
func TestISO27001_2022MatchesEmbeddedCatalogue(t *testing.T) {
	fw := parseFile(t, "iso27001-2022.yaml")
	cat, err := catalogue.For(scheme.ISO27001)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]catalogue.Item{}
	groups := map[string]bool{}
	for _, it := range fw.Items {
		got[it.Ref] = it
	}
	for _, want := range cat.Items {
		it, ok := got[want.Ref]
		switch {
		case !ok:
			t.Errorf("%s (%s) in iso27001.tsv, not in the library", want.Ref, want.Kind)
		case it.Kind != want.Kind:
			t.Errorf("%s: kind %s, iso27001.tsv has %s", want.Ref, it.Kind, want.Kind)
		default:
			if it.Title != want.Title {
				t.Logf("%s title: library %q, tsv %q", want.Ref, it.Title, want.Title)
			}
			if it.Group != want.Group && !groups[it.Group] {
				groups[it.Group] = true
				t.Logf("%s group: library %q, tsv %q", want.Ref, it.Group, want.Group)
			}
		}
		delete(got, want.Ref)
	}
	for ref, it := range got {
		t.Errorf("%s (%s) in the library, not in iso27001.tsv", ref, it.Kind)
	}
	if len(fw.Items) != len(cat.Items) {
		t.Errorf("library %d items, iso27001.tsv %d", len(fw.Items), len(cat.Items))
	}
}
