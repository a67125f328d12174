package demo

import (
	"testing"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// Every clause or control the finding libraries name exists in its
// standard's catalogue, so that the service accepts the findings.
func TestLibraryReferences(t *testing.T) {
	for _, std := range certification.Standards {
		cat, err := catalogue.For(string(std))
		if err != nil {
			t.Fatal(err)
		}
		lists := [][]findingText{ncLibrary[std], ofiLibrary[std], positiveLibrary, stage1Concerns}
		for _, list := range lists {
			if len(list) == 0 {
				t.Errorf("%s: empty library", std)
			}
			for _, f := range list {
				if ref, err := cat.CheckRef(f.ref); err != nil || ref != f.ref {
					t.Errorf("%s: %q: %v (normalised %q)", std, f.ref, err, ref)
				}
			}
		}
	}
}
