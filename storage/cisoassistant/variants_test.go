package cisoassistant

import (
	"strings"
	"testing"

	"certdesk/audit/catalogue"
)

// yamlNodes writes requirement nodes, one "urn|parent|ref|name|assessable"
// a line, under head.
func yamlNodes(lines ...string) string {
	var b strings.Builder
	b.WriteString(head)
	for _, l := range lines {
		f := strings.Split(l, "|")
		b.WriteString("    - urn: " + f[0] + "\n")
		if f[1] != "" {
			b.WriteString("      parent_urn: " + f[1] + "\n")
		}
		if f[2] != "" {
			b.WriteString("      ref_id: '" + f[2] + "'\n")
		}
		b.WriteString("      name: '" + f[3] + "'\n      assessable: " + f[4] + "\n")
		b.WriteString("      description: A long text that is never a title.\n")
	}
	return b.String()
}

func parseItems(t *testing.T, file string) []catalogue.Item {
	t.Helper()
	fw, err := Parse(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	return fw.Items
}

func sameItems(t *testing.T, got []catalogue.Item, want ...string) {
	t.Helper()
	var g []string
	for _, it := range got {
		g = append(g, strings.Join([]string{it.Ref, string(it.Kind), it.Group, it.Title}, "|"))
	}
	if strings.Join(g, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(g, "\n"), strings.Join(want, "\n"))
	}
}

// ISO/IEC 42001:2023 as the library gives it: no wrappers, Annex A groups
// at the top ("A.6"), and an intermediate level ("A.6.1") above controls.
func TestAnnexWithoutWrapper(t *testing.T) {
	got := parseItems(t, yamlNodes(
		"u:4||4|Context of the organization|false",
		"u:4.1|u:4|4.1|Understanding the organization|true",
		"u:a.6||A.6|AI system life cycle|false",
		"u:a.6.1|u:a.6|A.6.1|Management guidance|false",
		"u:a.6.1.2|u:a.6.1|A.6.1.2|Objectives for responsible development|true",
	))
	sameItems(t, got,
		"4|clause|4 Context of the organization|Context of the organization",
		"4.1|clause|4 Context of the organization|Understanding the organization",
		"A.6|group|A.6 AI system life cycle|AI system life cycle",
		"A.6.1.2|control|A.6 AI system life cycle|Objectives for responsible development",
	)
}

// IEC 62443-2-4: the annex is itself a node with a ref_id ("A") and its
// controls' refs do not begin with "A.".
func TestAnnexNodeWithRef(t *testing.T) {
	got := parseItems(t, yamlNodes(
		"u:a||A|Annex A (normative) - Security requirements|false",
		"u:sp.01|u:a|SP.01|Solution staffing|true",
	))
	sameItems(t, got,
		"A|group|A Annex A (normative) - Security requirements|Annex A (normative) - Security requirements",
		"SP.01|control|A Annex A (normative) - Security requirements|Solution staffing",
	)
}

// Laws and non-ISO frameworks: chapters without ref_id are no items;
// their name is the group of the articles in them.
func TestSectionHeadingsFoldIntoGroup(t *testing.T) {
	got := parseItems(t, yamlNodes(
		"u:ch1|||Chapitre premier - Dispositions générales|false",
		"u:art1|u:ch1|Art. 1|Définitions|true",
		"u:art1q|u:art1||Question|false",
		"u:art2|u:ch1|Art. 2|Champ  d’application |true",
	))
	sameItems(t, got,
		"Art. 1|clause|Chapitre premier - Dispositions générales|Définitions",
		"Art. 2|clause|Chapitre premier - Dispositions générales|Champ d’application",
	)
}

// A framework given as a list of one is read; its name falls back to the
// library's.
func TestFrameworkListOfOne(t *testing.T) {
	file := "urn: x\nref_id: LIB\nname: ISO 14001:2015\nobjects:\n  framework:\n  - urn: f\n    requirement_nodes:\n    - urn: n\n      ref_id: '4'\n      name: Context\n"
	fw, err := Parse(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if fw.Name != "ISO 14001:2015" || fw.Ref != "LIB" || len(fw.Items) != 1 || fw.Items[0].Group != "4 Context" {
		t.Errorf("%+v", fw)
	}
}
