package catalogue

import (
	"fmt"
	"slices"
	"strings"
	"sync"
)

// Standards a body adds without a release of CertDesk: the body records
// a standard's catalogue (certification.BodyStandard, from its own TSV or
// a CISO Assistant library) and the store hands it to Add when it opens
// the body and whenever the record is written, so that For finds it as it
// finds the catalogues CertDesk ships. One process serves one body (the
// app's window, a certctl command): the catalogues added are that body's.

var (
	addedMu sync.RWMutex
	byName  = map[string]*Catalogue{}
)

// TimeTable names the table the base audit time of an added standard
// comes from.
type TimeTable string

const (
	// TableQMS: the IAF MD 5 quality-management table, as for ISO 9001.
	TableQMS TimeTable = "md5-qms"
	// TableNone: no minimum; the programme sets the audit time by hand.
	TableNone TimeTable = "none"
)

// TimeTables lists the tables an added standard may use.
var TimeTables = []TimeTable{TableQMS, TableNone}

// New is the catalogue of standard from its items, in order. An error
// names the item (by position, from 1) and what to fix.
func New(standard string, items []Item) (*Catalogue, error) {
	c := &Catalogue{Standard: standard, byRef: make(map[string]int, len(items))}
	for i, it := range items {
		if err := c.add(it); err != nil {
			return nil, fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	if len(c.Clauses()) == 0 {
		return nil, fmt.Errorf("%s lists no clause: a catalogue needs at least one clause a finding can cite", standard)
	}
	return c, nil
}

// ParseTSV reads a body's own catalogue file: one line per item,
// reference, kind (clause, control or group), group and title separated
// by tabs, as CertDesk's own catalogues are written; blank lines and
// lines beginning with # are skipped. An error names the line.
func ParseTSV(standard string, b []byte) (*Catalogue, error) {
	c, err := parse(standard, b)
	if err != nil {
		return nil, err
	}
	if len(c.Clauses()) == 0 {
		return nil, fmt.Errorf("the file lists no clause: write one line per clause, such as \"4.1\\tclause\\t4 Context of the organization\\tUnderstanding the organization and its context\"")
	}
	return c, nil
}

// Add makes c the catalogue of its standard in this process. A standard
// CertDesk ships cannot be replaced.
func Add(c *Catalogue) error {
	if Builtin(c.Standard) {
		return fmt.Errorf("%s is a standard CertDesk ships: its catalogue cannot be replaced", c.Standard)
	}
	addedMu.Lock()
	byName[c.Standard] = c
	addedMu.Unlock()
	return nil
}

// ForgetAdded forgets every added standard: a process that closes one
// body and opens another in its place (the app restoring a backup) calls
// it before handing the new body's standards to Add.
func ForgetAdded() {
	addedMu.Lock()
	clear(byName)
	addedMu.Unlock()
}

func added(standard string) (*Catalogue, bool) {
	addedMu.RLock()
	defer addedMu.RUnlock()
	c, ok := byName[standard]
	return c, ok
}

// Added lists the standards added to this process, by name.
func Added() []string {
	addedMu.RLock()
	defer addedMu.RUnlock()
	out := make([]string, 0, len(byName))
	for n := range byName {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// Lost are the references of old that c no longer lists: a standard's
// catalogue may grow and retitle its lines, never lose one a record may
// cite.
func (c *Catalogue) Lost(old *Catalogue) []string {
	var out []string
	for _, it := range old.Items {
		if _, ok := c.byRef[it.Ref]; !ok {
			out = append(out, it.Ref)
		}
	}
	return out
}

// CheckName says whether name can name an added standard: its number and
// edition, as certificates print them ("ISO 14001:2015").
func CheckName(name string) error {
	n := strings.TrimSpace(name)
	i := strings.LastIndexByte(n, ':')
	if n != name || i < 0 || !strings.Contains(n[:i], " ") || len(n[i+1:]) != 4 || strings.Trim(n[i+1:], "0123456789") != "" {
		return fmt.Errorf("%q does not name a standard with its edition: write it as certificates do, such as \"ISO 14001:2015\"", name)
	}
	return nil
}
