// Package catalogue holds how an audit is carried out: the checklists of
// each standard (clauses and Annex A controls, titles only), and the
// rules for what a finding may refer to. It is pure domain code: the
// standard library and the embedded catalogues only.
package catalogue

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"sync"

	"certdesk/assets"
	"certdesk/audit/scheme"
)

// ItemKind tells a clause from an Annex A control.
type ItemKind string

const (
	Clause  ItemKind = "clause"
	Control ItemKind = "control"
	Group   ItemKind = "group" // a group of controls listed as one line (27001)
)

// Item is one line of a checklist.
type Item struct {
	Ref   string   `json:"ref"` // "6.1.2", "A.6.2.4"
	Kind  ItemKind `json:"kind"`
	Group string   `json:"group"` // "6 Planning", "A.6 AI system life cycle"
	Title string   `json:"title"`
}

// Catalogue is the checklist of one standard.
type Catalogue struct {
	Standard string
	Items    []Item
	byRef    map[string]int
	// controlPattern accepts control references that are not listed one
	// by one (ISO/IEC 27001 Annex A at group level).
	controlPattern *regexp.Regexp
}

var files = map[string]string{
	scheme.ISO42001: "catalogues/iso42001.tsv",
	scheme.ISO9001:  "catalogues/iso9001.tsv",
	scheme.ISO27001: "catalogues/iso27001.tsv",
}

var (
	loadOnce   sync.Once
	catalogues map[string]*Catalogue
	loadErr    error
)

// For returns the catalogue of a standard (with its edition, as
// certification.Standard spells it).
func For(standard string) (*Catalogue, error) {
	loadOnce.Do(func() {
		catalogues = map[string]*Catalogue{}
		for std, name := range files {
			b, err := assets.Catalogues.ReadFile(name)
			if err != nil {
				loadErr = err
				return
			}
			c, err := parse(std, b)
			if err != nil {
				loadErr = fmt.Errorf("%s: %w", name, err)
				return
			}
			catalogues[std] = c
		}
		catalogues[scheme.ISO27001].controlPattern = regexp.MustCompile(`^A\.(5\.([1-9]|[12][0-9]|3[0-7])|6\.[1-8]|7\.([1-9]|1[0-4])|8\.([1-9]|[12][0-9]|3[0-4]))$`)
	})
	if loadErr != nil {
		return nil, loadErr
	}
	c, ok := catalogues[standard]
	if !ok {
		return nil, fmt.Errorf("no checklist for %q", standard)
	}
	return c, nil
}

func parse(std string, b []byte) (*Catalogue, error) {
	c := &Catalogue{Standard: std, byRef: map[string]int{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("line %d: want 4 tab-separated fields, got %d", n, len(f))
		}
		it := Item{Ref: f[0], Kind: ItemKind(f[1]), Group: f[2], Title: f[3]}
		if _, dup := c.byRef[it.Ref]; dup {
			return nil, fmt.Errorf("line %d: %s listed twice", n, it.Ref)
		}
		c.byRef[it.Ref] = len(c.Items)
		c.Items = append(c.Items, it)
	}
	return c, sc.Err()
}

// Lookup returns the item with a reference.
func (c *Catalogue) Lookup(ref string) (Item, bool) {
	i, ok := c.byRef[NormalizeRef(ref)]
	if !ok {
		return Item{}, false
	}
	return c.Items[i], true
}

// Controls returns the Annex A controls listed one by one.
func (c *Catalogue) Controls() []Item { return c.filter(Control) }

// Clauses returns the clauses.
func (c *Catalogue) Clauses() []Item { return c.filter(Clause) }

func (c *Catalogue) filter(k ItemKind) []Item {
	var out []Item
	for _, it := range c.Items {
		if it.Kind == k {
			out = append(out, it)
		}
	}
	return out
}

// NormalizeRef tidies a reference as people type it: "a.6.2.4 " → "A.6.2.4",
// "Clause 8.2" → "8.2".
func NormalizeRef(ref string) string {
	r := strings.TrimSpace(ref)
	r = strings.TrimPrefix(strings.TrimPrefix(r, "Clause "), "clause ")
	if strings.HasPrefix(r, "a.") {
		r = "A" + r[1:]
	}
	return r
}

// CheckRef says whether a finding may refer to ref under this standard,
// and if not, what to write instead. It returns the normalised reference.
func (c *Catalogue) CheckRef(ref string) (string, error) {
	r := NormalizeRef(ref)
	if _, ok := c.byRef[r]; ok {
		return r, nil
	}
	if c.controlPattern != nil && c.controlPattern.MatchString(r) {
		return r, nil
	}
	return "", fmt.Errorf("%q is not a clause or Annex A control of %s: write a clause such as 8.2 or a control such as %s", ref, c.Standard, c.example())
}

func (c *Catalogue) example() string {
	if ctl := c.Controls(); len(ctl) > 0 {
		return ctl[len(ctl)/2].Ref
	}
	if c.controlPattern != nil {
		return "A.8.8"
	}
	return "(no Annex A in this standard)"
}
