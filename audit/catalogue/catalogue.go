// Package catalogue holds how an audit is carried out: the checklists of
// each standard (clauses and Annex A controls, titles only), and the
// rules for what a finding may refer to. It is pure domain code: the
// standard library and the embedded catalogues only.
package catalogue

import (
	"bufio"
	"bytes"
	"fmt"
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
	// Group is the line of an Annex A control group (27001's A.5–A.8):
	// the heading of its controls, as clause "6" is of 6.1–6.3. It is
	// never due, but a finding or checklist entry may refer to it (audits
	// recorded while 27001's Annex A was listed by group answered there).
	Group ItemKind = "group"
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
	// TimeTable is where an added standard's base audit time comes from
	// (empty for the standards CertDesk ships, whose tables it knows).
	TimeTable TimeTable
	byRef     map[string]int
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
	})
	if loadErr != nil {
		return nil, loadErr
	}
	if c, ok := catalogues[standard]; ok {
		return c, nil
	}
	if c, ok := added(standard); ok {
		return c, nil
	}
	return nil, fmt.Errorf("no checklist for %q", standard)
}

// Builtin reports whether standard is one CertDesk ships a catalogue for.
func Builtin(standard string) bool {
	_, ok := files[standard]
	return ok
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
			return nil, fmt.Errorf("line %d: want 4 tab-separated fields (reference, kind, group, title), got %d", n, len(f))
		}
		it := Item{Ref: f[0], Kind: ItemKind(f[1]), Group: f[2], Title: f[3]}
		if err := c.add(it); err != nil {
			return nil, fmt.Errorf("line %d: %w", n, err)
		}
	}
	return c, sc.Err()
}

// add appends it, refusing a line that is not a checklist line.
func (c *Catalogue) add(it Item) error {
	if it.Ref != NormalizeRef(it.Ref) || it.Ref == "" || strings.ContainsAny(it.Ref, " \t") {
		return fmt.Errorf("the reference %q is not one a finding can cite: write it as \"4.1\", \"8.5.1\" or \"A.5.15\"", it.Ref)
	}
	switch it.Kind {
	case Clause, Control, Group:
	default:
		return fmt.Errorf("%s: the kind %q is not clause, control or group", it.Ref, it.Kind)
	}
	if strings.TrimSpace(it.Title) == "" || strings.TrimSpace(it.Group) == "" {
		return fmt.Errorf("%s: give it a group (its top-level clause, such as \"4 Context of the organization\") and a title", it.Ref)
	}
	if _, dup := c.byRef[it.Ref]; dup {
		return fmt.Errorf("%s listed twice", it.Ref)
	}
	c.byRef[it.Ref] = len(c.Items)
	c.Items = append(c.Items, it)
	return nil
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
	return "", c.unknown(ref, r)
}

// unknown says that ref (r once normalised) is not in the catalogue and
// what to write instead: one of the sub-items of the line it would be
// under ("8.5.9": 8.5.1 to 8.5.6; "A.8.35": A.8.1 to A.8.34), else an
// example of each kind of reference the standard has.
func (c *Catalogue) unknown(ref, r string) error {
	what := "a clause or Annex A control"
	ctl := c.Controls()
	if len(ctl) == 0 {
		what = "a clause"
	}
	if i := strings.LastIndex(r, "."); i > 0 {
		if p, ok := c.Lookup(r[:i]); ok {
			name, subs := p.Ref+" "+p.Title, "sub-clauses"
			if p.Kind != Clause {
				name, subs = p.Group, "controls"
			}
			sub := c.subItems(p.Ref)
			if len(sub) == 0 {
				return fmt.Errorf("%q is not %s of %s: %s has no %s; write %s", ref, what, c.Standard, name, subs, p.Ref)
			}
			return fmt.Errorf("%q is not %s of %s: %s has the %s %s; write one of them", ref, what, c.Standard, name, subs, span(sub))
		}
		// A catalogue that lists controls but not their heading
		// (27001:2013's A.9.2 from a CISO Assistant library).
		if sub := c.subItems(r[:i]); len(sub) > 0 {
			return fmt.Errorf("%q is not %s of %s: the lines under %s are %s; write one of them", ref, what, c.Standard, r[:i], span(sub))
		}
	}
	var leaves []string // clauses with no sub-clause: the ones findings cite
	for _, it := range c.Clauses() {
		if len(c.subItems(it.Ref)) == 0 {
			leaves = append(leaves, it.Ref)
		}
	}
	clause := leaves[len(leaves)/2]
	if len(ctl) == 0 {
		return fmt.Errorf("%q is not a clause of %s, which has no Annex A controls: write a clause, such as %s", ref, c.Standard, clause)
	}
	return fmt.Errorf("%q is not %s of %s: write a clause, such as %s, or a control, such as %s", ref, what, c.Standard, clause, ctl[len(ctl)/2].Ref)
}

// subItems are the lines one level under ref ("8.5": 8.5.1–8.5.6).
func (c *Catalogue) subItems(ref string) []string {
	var out []string
	for _, it := range c.Items {
		if rest, ok := strings.CutPrefix(it.Ref, ref+"."); ok && !strings.Contains(rest, ".") {
			out = append(out, it.Ref)
		}
	}
	return out
}

// span names refs: "8.6", "8.7.1 and 8.7.2", "8.5.1 to 8.5.6".
func span(refs []string) string {
	switch len(refs) {
	case 1:
		return refs[0]
	case 2:
		return refs[0] + " and " + refs[1]
	}
	return refs[0] + " to " + refs[len(refs)-1]
}
