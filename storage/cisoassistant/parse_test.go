package cisoassistant

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/audit/catalogue"
)

func parseFile(t *testing.T, name string) *Framework {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fw, err := Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return fw
}

func countKinds(items []catalogue.Item) map[catalogue.ItemKind]int {
	n := map[catalogue.ItemKind]int{}
	for _, it := range items {
		n[it.Kind]++
	}
	return n
}

func find(t *testing.T, fw *Framework, ref string) catalogue.Item {
	t.Helper()
	for _, it := range fw.Items {
		if it.Ref == ref {
			return it
		}
	}
	t.Fatalf("%s: no item %s", fw.Name, ref)
	return catalogue.Item{}
}

func wantItem(t *testing.T, fw *Framework, want catalogue.Item) {
	t.Helper()
	if got := find(t, fw, want.Ref); got != want {
		t.Errorf("%s:\n got %+v\nwant %+v", fw.Name, got, want)
	}
}

// ISO/IEC 27001:2022 as CISO Assistant gives it: the clauses under a
// "core" wrapper, Annex A under "annex-a", both with a ref_id.
func TestParseISO27001_2022(t *testing.T) {
	fw := parseFile(t, "iso27001-2022.yaml")
	if fw.Name != "International standard ISO/IEC 27001:2022" || fw.Ref != "ISO/IEC 27001:2022" {
		t.Errorf("name %q ref %q", fw.Name, fw.Ref)
	}
	if got, want := countKinds(fw.Items), (map[catalogue.ItemKind]int{catalogue.Clause: 41, catalogue.Group: 4, catalogue.Control: 93}); len(fw.Items) != 138 || got[catalogue.Clause] != want[catalogue.Clause] || got[catalogue.Group] != 4 || got[catalogue.Control] != 93 {
		t.Errorf("%d items, kinds %v, want 138: %v", len(fw.Items), got, want)
	}
	if fw.Items[0].Ref != "4" {
		t.Errorf("first item %+v, want clause 4 (the wrapper 'core' is no item)", fw.Items[0])
	}
	wantItem(t, fw, catalogue.Item{Ref: "4", Kind: catalogue.Clause, Group: "4 Context of the organization", Title: "Context of the organization"})
	wantItem(t, fw, catalogue.Item{Ref: "6.1.2", Kind: catalogue.Clause, Group: "6 Planning", Title: "Information security risk assessment requirement"})
	wantItem(t, fw, catalogue.Item{Ref: "A.5", Kind: catalogue.Group, Group: "A.5 Organisational controls", Title: "Organisational controls"})
	wantItem(t, fw, catalogue.Item{Ref: "A.8.34", Kind: catalogue.Control, Group: "A.8 Technological controls", Title: "Protection of information systems during audit testing"})
	for _, it := range fw.Items {
		if it.Ref == "core" || it.Ref == "annex-a" {
			t.Errorf("wrapper kept as an item: %+v", it)
		}
		if strings.Contains(it.Title, "\n") || len(it.Title) > 100 {
			t.Errorf("%s: title looks like a description: %q", it.Ref, it.Title)
		}
	}
}

// ISO/IEC 27001:2013: wrappers without ref_id or depth ("Core", "Annex A"),
// an intermediate level in Annex A (A.5.1 above A.5.1.1), and names with
// stray spaces (" Policy", a no-break space after "Continual improvement").
func TestParseISO27001_2013(t *testing.T) {
	fw := parseFile(t, "iso27001-2013.yaml")
	k := countKinds(fw.Items)
	if len(fw.Items) != 163 || k[catalogue.Clause] != 35 || k[catalogue.Group] != 14 || k[catalogue.Control] != 114 {
		t.Errorf("%d items, kinds %v; want 35 clauses, 14 groups, 114 controls", len(fw.Items), k)
	}
	wantItem(t, fw, catalogue.Item{Ref: "5.2", Kind: catalogue.Clause, Group: "5 Leadership", Title: "Policy"})
	wantItem(t, fw, catalogue.Item{Ref: "10.2", Kind: catalogue.Clause, Group: "10 Improvement", Title: "Continual improvement"})
	wantItem(t, fw, catalogue.Item{Ref: "A.5", Kind: catalogue.Group, Group: "A.5 Information security policies", Title: "Information security policies"})
	wantItem(t, fw, catalogue.Item{Ref: "A.5.1.2", Kind: catalogue.Control, Group: "A.5 Information security policies", Title: "Review of the policies for information security"})
	for _, it := range fw.Items {
		if it.Ref == "A.5.1" || it.Ref == "A.18.2" {
			t.Errorf("intermediate annex node kept: %+v", it)
		}
	}
}

// OWASP MASVS: not ISO, no annex; non-assessable categories at the top.
func TestParseMASVS(t *testing.T) {
	fw := parseFile(t, "owasp-masvs-v2.1.0.yaml")
	if fw.Name != "OWASP MASVS 2.1.0" || fw.Ref != "owasp-masvs-v2.1.0" {
		t.Errorf("name %q ref %q", fw.Name, fw.Ref)
	}
	if k := countKinds(fw.Items); len(fw.Items) != 32 || k[catalogue.Clause] != 32 {
		t.Errorf("%d items, kinds %v; want 32 clauses", len(fw.Items), k)
	}
	wantItem(t, fw, catalogue.Item{Ref: "MASVS-AUTH", Kind: catalogue.Clause, Group: "MASVS-AUTH Authentication and Authorization", Title: "Authentication and Authorization"})
	wantItem(t, fw, catalogue.Item{Ref: "MASVS-PRIVACY-4", Kind: catalogue.Clause, Group: "MASVS-PRIVACY Privacy", Title: "The app offers user control over their data."})
}
