package cisoassistant

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// node is one requirement node as the library gives it: only what a
// checklist keeps (no description, annotation or translation).
type node struct {
	line       int
	urn        string
	parentURN  string
	parentLine int
	ref        string
	name       string
	assessable bool
	parent     *node
}

// readNodes reads a framework's requirement_nodes and links each to its
// parent.
func readNodes(fw *yaml.Node) ([]*node, error) {
	seq := field(fw, "requirement_nodes")
	if seq.val == nil || seq.val.Tag == "!!null" {
		return nil, fmt.Errorf("line %d: the framework has no requirement_nodes: this library lists nothing to check", fw.Line)
	}
	if seq.val.Kind != yaml.SequenceNode {
		return nil, fmt.Errorf("line %d: requirement_nodes: must be a list of nodes (- urn: ...)", seq.key.Line)
	}
	if len(seq.val.Content) == 0 {
		return nil, fmt.Errorf("line %d: requirement_nodes is empty: this library lists nothing to check", seq.key.Line)
	}
	var nodes []*node
	byURN := map[string]*node{}
	for _, y := range seq.val.Content {
		n, err := readNode(resolve(y))
		if err != nil {
			return nil, err
		}
		if first, dup := byURN[n.urn]; dup {
			return nil, fmt.Errorf("line %d: urn %s again (first at line %d): give each node its own urn", n.line, n.urn, first.line)
		}
		byURN[n.urn] = n
		nodes = append(nodes, n)
	}
	for _, n := range nodes {
		if n.parentURN == "" {
			continue
		}
		p, ok := byURN[n.parentURN]
		if !ok {
			return nil, fmt.Errorf("line %d: parent_urn %s names no node of this framework: correct it or remove it", n.parentLine, n.parentURN)
		}
		n.parent = p
	}
	for _, n := range nodes {
		seen := 0
		for p := n.parent; p != nil; p = p.parent {
			if seen++; seen > len(nodes) {
				return nil, fmt.Errorf("line %d: node %s is its own ancestor through parent_urn: correct parent_urn", n.parentLine, n.urn)
			}
		}
	}
	return nodes, nil
}

func readNode(y *yaml.Node) (*node, error) {
	if y.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: a requirement node must be a mapping (urn:, ref_id:, name:, ...)", y.Line)
	}
	n := &node{line: y.Line}
	keys := map[string]int{}
	for i := 0; i+1 < len(y.Content); i += 2 {
		k := y.Content[i]
		if first, dup := keys[k.Value]; dup {
			return nil, fmt.Errorf("line %d: %s: given twice in one node (first at line %d): keep one", k.Line, k.Value, first)
		}
		keys[k.Value] = k.Line
	}
	var err error
	for _, f := range []struct {
		name string
		to   *string
	}{{"urn", &n.urn}, {"parent_urn", &n.parentURN}, {"ref_id", &n.ref}, {"name", &n.name}} {
		if *f.to, err = text(y, f.name); err != nil {
			return nil, err
		}
		*f.to = tidy(*f.to)
	}
	if n.urn == "" {
		return nil, fmt.Errorf("line %d: requirement node without urn: add urn: to it", y.Line)
	}
	if p := field(y, "parent_urn"); p.key != nil {
		n.parentLine = p.key.Line
	}
	if a := field(y, "assessable"); a.val != nil && a.val.Tag != "!!null" {
		var b bool
		if a.val.Kind != yaml.ScalarNode || a.val.Tag != "!!bool" || a.val.Decode(&b) != nil {
			return nil, fmt.Errorf("line %d: assessable is %q: write true or false", a.key.Line, a.val.Value)
		}
		n.assessable = b
	}
	return n, nil
}

// tidy trims a title or reference and folds its inner white space, no-break
// spaces and line breaks included, to single spaces.
func tidy(s string) string { return strings.Join(strings.Fields(s), " ") }
