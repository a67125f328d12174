package cisoassistant

import (
	"strings"
	"testing"
)

// head is a library's first nine lines, up to requirement_nodes.
const head = `urn: urn:test:library:x
ref_id: X-1
name: Test library
objects:
  framework:
    urn: urn:test:framework:x
    ref_id: X-1
    name: Test framework
    requirement_nodes:
`

// nodes4 are two good nodes, lines 10-18 after head.
const nodes4 = `    - urn: urn:test:4
      assessable: false
      ref_id: '4'
      name: Context
    - urn: urn:test:4.1
      assessable: true
      parent_urn: urn:test:4
      ref_id: '4.1'
      name: Understanding
`

func TestParseGoodBase(t *testing.T) {
	fw, err := Parse(strings.NewReader(head + nodes4))
	if err != nil {
		t.Fatal(err)
	}
	if fw.Name != "Test framework" || fw.Ref != "X-1" || len(fw.Items) != 2 || fw.Items[1].Group != "4 Context" {
		t.Errorf("%+v", fw)
	}
}

// Every broken file is refused with the line to look at.
func TestParseBrokenNamesLine(t *testing.T) {
	for _, c := range []struct {
		name, file, want string
	}{
		{"empty", "", "line 1:"},
		{"not YAML", head + strings.Replace(nodes4, "name: Context", "name: Context: of it", 1), "line 13:"},
		{"bad indentation", head + nodes4 + "  - urn: x\n", "line 19:"},
		{"bad indentation, far down", head + nodes4 + strings.Repeat("    - urn: u\n      name: n\n", 40) + "   - urn: x\n" + nodes4, "line 99:"},
		{"bad indentation below a quoted text over two lines", head + nodes4 + "    - urn: urn:test:5\n      name: Five\n      description: \"first part\n        second part\"\n     - urn: x\n", "line 23:"},
		{"unclosed quote", head + strings.Replace(nodes4, "name: Understanding", "name: 'Understanding", 1), "line 18:"},
		{"a list, not a library", "- a\n- b\n", "line 1:"},
		{"no objects", "urn: x\nname: y\n", "line 1:"},
		{"a risk matrix", "urn: x\nname: y\nobjects:\n  risk_matrix:\n    urn: m\n", "line 3:"},
		{"frameworks", "urn: x\nname: y\nobjects:\n  frameworks:\n  - urn: a\n  - urn: b\n", "line 4:"},
		{"framework list", "urn: x\nname: y\nobjects:\n  framework:\n  - urn: a\n  - urn: b\n", "line 4:"},
		{"no requirement_nodes", strings.TrimSuffix(head, "    requirement_nodes:\n"), "line 6:"},
		{"empty requirement_nodes", strings.TrimSuffix(head, "\n") + " []\n", "line 9:"},
		{"requirement_nodes a mapping", head + "      a: b\n", "line 9:"},
		{"no name anywhere", strings.NewReplacer("name: Test library\n", "", "    name: Test framework\n", "").Replace(head) + nodes4, "line 5:"},
		{"assessable without ref_id", head + strings.Replace(nodes4, "      ref_id: '4.1'\n", "", 1), "line 14:"},
		{"duplicate ref_id", head + strings.Replace(nodes4, "ref_id: '4.1'", "ref_id: '4'", 1), "line 14: ref_id 4 again (first at line 10)"},
		{"key twice", head + strings.Replace(nodes4, "name: Understanding", "name: Understanding\n      name: Other", 1), "line 19: name: given twice in one node (first at line 18)"},
		{"duplicate urn", head + strings.Replace(nodes4, "- urn: urn:test:4.1", "- urn: urn:test:4", 1), "line 14: urn urn:test:4 again (first at line 10)"},
		{"unknown parent", head + strings.Replace(nodes4, "parent_urn: urn:test:4", "parent_urn: urn:test:5", 1), "line 16:"},
		{"node without urn", head + strings.Replace(nodes4, "- urn: urn:test:4.1\n      assessable", "- assessable", 1), "line 14:"},
		{"assessable not a bool", head + strings.Replace(nodes4, "assessable: true", "assessable: maybe", 1), "line 15:"},
		{"name a list", head + strings.Replace(nodes4, "name: Understanding", "name: [a, b]", 1), "line 18:"},
		{"node a scalar", head + nodes4 + "    - just text\n", "line 19:"},
		{"two documents", head + nodes4 + "---\nurn: y\n", "line 19:"},
		{"only headings", head + "    - urn: urn:test:h\n      name: Chapter one\n", "line 9:"},
		{"own ancestor", head + strings.Replace(nodes4, "      ref_id: '4'\n", "      parent_urn: urn:test:4.1\n      ref_id: '4'\n", 1), "line 12:"},
	} {
		_, err := Parse(strings.NewReader(c.file))
		if err == nil {
			t.Errorf("%s: accepted", c.name)
			continue
		}
		t.Logf("%s: %v", c.name, err)
		if !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v\n want it to begin %q", c.name, err, c.want)
		}
	}
}

// A requirement with a reference and no name (NIST CSF 2.0 gives only its
// text, in description) is listed under its reference.
func TestNodeWithoutNameIsItsReference(t *testing.T) {
	fw, err := Parse(strings.NewReader(head + strings.Replace(nodes4, "      name: Understanding\n", "      description: Long text of the requirement\n", 1)))
	if err != nil {
		t.Fatal(err)
	}
	if it := fw.Items[1]; it.Ref != "4.1" || it.Title != "4.1" {
		t.Errorf("got %+v, want 4.1 titled by its reference", it)
	}
}
