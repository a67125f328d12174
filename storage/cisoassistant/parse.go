// Package cisoassistant reads the framework libraries of CISO Assistant
// (intuitem's YAML format, backend/library/libraries in its repository)
// into checklist items. It is the only package that imports yaml.v3;
// every error names the line of the file it is about.
package cisoassistant

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"certdesk/audit/catalogue"
)

// Framework is one framework read from a CISO Assistant library.
type Framework struct {
	Name  string // the framework's name as the library gives it, e.g. "ISO 14001:2015"
	Ref   string // the library/framework ref_id
	Items []catalogue.Item
}

// Parse reads a CISO Assistant library (YAML). An error names the line of
// the file ("line 42: ...") and what to fix.
func Parse(r io.Reader) (*Framework, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(b))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("line 1: the file is empty: choose a CISO Assistant library (.yaml)")
		}
		return nil, yamlError(b, err)
	}
	var more yaml.Node
	if err := dec.Decode(&more); err == nil {
		return nil, fmt.Errorf("line %d: a second YAML document (---): keep one library per file", more.Line)
	} else if !errors.Is(err, io.EOF) {
		return nil, yamlError(b, err)
	}
	lib := resolve(&doc)
	if lib.Kind == yaml.DocumentNode && len(lib.Content) == 1 {
		lib = resolve(lib.Content[0])
	}
	if lib.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: not a CISO Assistant library: the file must be a mapping with urn:, name: and objects:", lib.Line)
	}
	fw, err := framework(lib)
	if err != nil {
		return nil, err
	}
	libRef, err := text(lib, "ref_id")
	if err != nil {
		return nil, err
	}
	libName, err := text(lib, "name")
	if err != nil {
		return nil, err
	}
	out := &Framework{}
	if out.Name, err = text(fw, "name"); err != nil {
		return nil, err
	}
	if out.Ref, err = text(fw, "ref_id"); err != nil {
		return nil, err
	}
	if out.Name == "" {
		out.Name = libName
	}
	if out.Ref == "" {
		out.Ref = libRef
	}
	if out.Name == "" {
		return nil, fmt.Errorf("line %d: the framework has no name: add name: to it", fw.Line)
	}
	nodes, err := readNodes(fw)
	if err != nil {
		return nil, err
	}
	if out.Items, err = items(nodes); err != nil {
		return nil, err
	}
	if len(out.Items) == 0 {
		return nil, fmt.Errorf("line %d: requirement_nodes holds no node with a ref_id: nothing to check against", field(fw, "requirement_nodes").key.Line)
	}
	return out, nil
}

// framework finds objects: framework: in a library and refuses a library
// with none or with more than one.
func framework(lib *yaml.Node) (*yaml.Node, error) {
	objs := field(lib, "objects")
	if objs.val == nil {
		return nil, fmt.Errorf("line %d: no objects: in the file: this is not a CISO Assistant library", lib.Line)
	}
	if objs.val.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: objects: must be a mapping holding framework:", objs.key.Line)
	}
	if many := field(objs.val, "frameworks"); many.val != nil {
		return nil, fmt.Errorf("line %d: the library holds several frameworks (frameworks:): CertDesk reads one framework per file; split it", many.key.Line)
	}
	fw := field(objs.val, "framework")
	switch {
	case fw.val == nil:
		return nil, fmt.Errorf("line %d: the library holds no framework (objects: has no framework:): choose a framework library, not a risk matrix or mapping", objs.key.Line)
	case fw.val.Kind == yaml.SequenceNode && len(fw.val.Content) != 1:
		return nil, fmt.Errorf("line %d: the library holds %d frameworks: CertDesk reads one framework per file; split it", fw.key.Line, len(fw.val.Content))
	case fw.val.Kind == yaml.SequenceNode:
		fw.val = resolve(fw.val.Content[0])
	}
	if fw.val.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("line %d: framework: must be a mapping with urn:, name: and requirement_nodes:", fw.key.Line)
	}
	return fw.val, nil
}

type keyVal struct{ key, val *yaml.Node }

// field returns the key and value of a mapping's field, or zero values.
func field(m *yaml.Node, name string) keyVal {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == name {
			return keyVal{m.Content[i], resolve(m.Content[i+1])}
		}
	}
	return keyVal{}
}

// text returns a field's scalar text ("" when absent or null).
func text(m *yaml.Node, name string) (string, error) {
	f := field(m, name)
	if f.val == nil || f.val.Tag == "!!null" {
		return "", nil
	}
	if f.val.Kind != yaml.ScalarNode {
		return "", fmt.Errorf("line %d: %s: must be a single text, not a list or mapping", f.key.Line, name)
	}
	return f.val.Value, nil
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

var yamlPrefix = regexp.MustCompile(`^yaml: (line \d+: )?`)

// yamlError names the line a syntax error is on. yaml.v3 names the line
// where the enclosing block began (the "objects:" of a node indented
// wrong ten thousand lines below), so the line is found by bisection: the
// first line at which the file's prefix stops reading as YAML.
func yamlError(b []byte, err error) error {
	msg := yamlPrefix.ReplaceAllString(err.Error(), "")
	return fmt.Errorf("line %d: not valid YAML (%s): a CISO Assistant library is a YAML file; check the indentation and quotes there", syntaxLine(b, !cutShort(err)), msg)
}

// cutShort tells an error of a text that merely stops too early (a prefix
// ending inside a quoted text running over several lines).
func cutShort(err error) bool { return strings.Contains(err.Error(), "end of stream") }

// syntaxLine returns the number of the first line at which the file's
// prefix stops being valid YAML: lo lines read, hi lines do not. When the
// whole file's error is not one of a text cut short, a prefix that is
// only cut short counts as read.
func syntaxLine(b []byte, lenient bool) int {
	var ends []int // ends[i]: the offset after line i+1
	for i, c := range b {
		if c == '\n' {
			ends = append(ends, i+1)
		}
	}
	if len(ends) == 0 || ends[len(ends)-1] != len(b) {
		ends = append(ends, len(b))
	}
	valid := func(lines int) bool {
		if lines == 0 {
			return true
		}
		dec := yaml.NewDecoder(bytes.NewReader(b[:ends[lines-1]]))
		for {
			var n yaml.Node
			if err := dec.Decode(&n); err != nil {
				return errors.Is(err, io.EOF) || (lenient && cutShort(err))
			}
		}
	}
	lo, hi := 0, len(ends)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if valid(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}
