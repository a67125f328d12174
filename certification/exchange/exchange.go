// Package exchange reads and writes CertDesk's interchange format: one
// JSON document holding every record of a data folder (docs/format.md).
//
// Export writes it; Import checks a document completely and then loads it
// into an empty store; Copy moves every record of one store into another,
// empty one (the demo generator fills an in-memory store and copies it).
// Evidence files travel with their content (base64 in the document).
// Obligations are derived and the journal is history, so neither is in
// the format: Import and Copy recompute the obligations.
//
// The package uses the standard library only and never reads the time:
// journal entries are stamped by the store.
package exchange

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"certdesk/certification"
)

// Format and Version identify the document. Version changes when a field
// changes meaning or a required field is added; see docs/format.md.
const (
	Format  = "certdesk"
	Version = 1
)

// Bundle is the whole document. Field order here is the order in the
// file; records are sorted by id.
type Bundle struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
	// Exported is optional and ignored on import. Export leaves it out so
	// that the file is a function of the data alone (export → import →
	// export gives the same bytes).
	Exported string                `json:"exported,omitempty"`
	Policy   *certification.Policy `json:"policy"`
	// Standards are the standards the body added, with their catalogues
	// (optional in a file written before them).
	Standards      []certification.BodyStandard  `json:"standards"`
	People         []certification.Person        `json:"people"`
	Clients        []certification.Client        `json:"clients"`
	Certifications []certification.Certification `json:"certifications"`
	Audits         []certification.Audit         `json:"audits"`
	Findings       []certification.Finding       `json:"findings"`
	Certificates   []certification.Certificate   `json:"certificates"`
	Decisions      []certification.Decision      `json:"decisions"`
	// Cases are complaints and appeals (optional in a file written before them).
	Cases []certification.Case `json:"cases"`
	// Evidence is last: it is the bulk of a document that has any.
	Evidence []EvidenceFile `json:"evidence"`
}

// Counts says how many records of each kind were written.
type Counts struct {
	Policy         int `json:"policy"`
	Standards      int `json:"standards"`
	People         int `json:"people"`
	Clients        int `json:"clients"`
	Certifications int `json:"certifications"`
	Audits         int `json:"audits"`
	Findings       int `json:"findings"`
	Certificates   int `json:"certificates"`
	Decisions      int `json:"decisions"`
	Cases          int `json:"cases"`
	Evidence       int `json:"evidence"`
	Obligations    int `json:"obligations"`
	// Chunks is the number of transactions (journal entries) written.
	Chunks int `json:"chunks"`
}

func (c *Counts) add(kind certification.Kind) {
	switch kind {
	case certification.KindPolicy:
		c.Policy++
	case certification.KindStandard:
		c.Standards++
	case certification.KindPerson:
		c.People++
	case certification.KindClient:
		c.Clients++
	case certification.KindCertification:
		c.Certifications++
	case certification.KindAudit:
		c.Audits++
	case certification.KindFinding:
		c.Findings++
	case certification.KindCertificate:
		c.Certificates++
	case certification.KindDecision:
		c.Decisions++
	case certification.KindCase:
		c.Cases++
	case certification.KindEvidence:
		c.Evidence++
	case certification.KindObligations:
		c.Obligations++
	}
}

// Records is the total number of records written.
func (c Counts) Records() int {
	return c.Policy + c.Standards + c.People + c.Clients + c.Certifications + c.Audits + c.Findings + c.Certificates + c.Decisions + c.Cases + c.Evidence + c.Obligations
}

// ErrNotEmpty is returned (wrapped) by Import and Copy when the target
// store already holds records.
var ErrNotEmpty = errors.New("the data folder is not empty")

// Problem is one thing wrong with an import document: the record (e.g.
// "findings[3] (id 17)" or "file"), the field within it, and what is wrong.
// Rule is set when a rule of the scheme refuses the record.
type Problem struct {
	Record string `json:"record"`
	Field  string `json:"field,omitempty"`
	Rule   string `json:"rule,omitempty"`
	Msg    string `json:"message"`
}

func (p Problem) String() string {
	var b strings.Builder
	b.WriteString(p.Record)
	if p.Field != "" {
		b.WriteString(": ")
		b.WriteString(p.Field)
	}
	b.WriteString(": ")
	b.WriteString(p.Msg)
	return b.String()
}

// MaxProblems is how many problems Import collects before it stops looking.
const MaxProblems = 20

// Error is an import document that was refused. Nothing was written.
type Error struct {
	Problems []Problem
	// More is set when there were more than MaxProblems problems.
	More bool
}

func (e *Error) Error() string {
	var b strings.Builder
	n := len(e.Problems)
	if n == 1 && !e.More {
		fmt.Fprintf(&b, "import refused, nothing was written: %s", e.Problems[0])
		return b.String()
	}
	more := ""
	if e.More {
		more = " (showing the first " + fmt.Sprint(n) + ")"
	}
	fmt.Fprintf(&b, "import refused, nothing was written: %d problems%s:", n, more)
	for _, p := range e.Problems {
		b.WriteString("\n  ")
		b.WriteString(p.String())
	}
	return b.String()
}

// IsEmpty reports whether the store holds no record of any kind (the
// journal and id counters are not records).
func IsEmpty(ctx context.Context, st certification.Store) (bool, error) {
	empty := true
	err := st.View(ctx, func(tx certification.Tx) error {
		for _, kind := range certification.Kinds {
			err := tx.Each(kind, func(certification.ID, func(certification.Record) error) error {
				empty = false
				return certification.ErrStop
			})
			if err != nil || !empty {
				return err
			}
		}
		return nil
	})
	return empty, err
}

func requireEmpty(ctx context.Context, st certification.Store) error {
	empty, err := IsEmpty(ctx, st)
	if err != nil {
		return err
	}
	if !empty {
		return fmt.Errorf("%w: import and demo data go into an empty data folder only; choose a new folder with --data", ErrNotEmpty)
	}
	return nil
}
