package certification

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/audittime"
	"certdesk/audit/catalogue"
)

// A body certifies more standards than CertDesk ships catalogues for
// (ISO 14001, ISO 45001, ISO/IEC 27701, …): it adds a standard by
// recording its catalogue — clauses and controls, titles only — and the
// table its audit time comes from (DefineStandard). The record is
// journalled like any other, so every desk of the body knows the
// standard; the store hands the catalogue to catalogue.Add when it opens
// the body (UseBodyStandards) and the command does when it runs.

// RuleStandardKeepsLines: a standard's catalogue, once added, can add and
// retitle lines but never lose one (a finding or an SoA may cite it).
const RuleStandardKeepsLines = "standard-keeps-its-lines"

// KindStandard is the record kind of BodyStandard, one of Kinds: the
// interchange carries them (the "standards" section, docs/format.md).
const KindStandard Kind = "standard"

// BodyStandard is a standard the body added, with its catalogue.
type BodyStandard struct {
	ID   ID       `json:"id"`
	Name Standard `json:"name"` // "ISO 14001:2015"
	// Table is where the base audit time comes from: the IAF MD 5
	// quality-management table, or none (the programme sets it).
	Table catalogue.TimeTable `json:"audit_time_table"`
	// Source says where the catalogue came from: the file's name and,
	// for a CISO Assistant library, its reference.
	Source string           `json:"source,omitempty"`
	Added  Date             `json:"added"`
	Items  []catalogue.Item `json:"items"`
}

func (b *BodyStandard) RecordKind() Kind { return KindStandard }
func (b *BodyStandard) RecordID() ID     { return b.ID }

// Catalogue checks a standard's record and returns its catalogue.
func (b *BodyStandard) Catalogue() (*catalogue.Catalogue, error) {
	rec := recordName(b)
	if err := catalogue.CheckName(string(b.Name)); err != nil {
		return nil, invalid(rec, "name", "%v", err)
	}
	if catalogue.Builtin(string(b.Name)) {
		return nil, invalid(rec, "name", "CertDesk ships %s: its catalogue cannot be replaced", b.Name)
	}
	if !slices.Contains(catalogue.TimeTables, b.Table) {
		return nil, invalid(rec, "audit_time_table", "%q is not an audit-time table: use %s (IAF MD 5, as for ISO 9001) or %s (the programme sets the time)", b.Table, catalogue.TableQMS, catalogue.TableNone)
	}
	if b.Added.IsZero() {
		return nil, invalid(rec, "added", "the day the standard was added is required")
	}
	c, err := catalogue.New(string(b.Name), b.Items)
	if err != nil {
		return nil, invalid(rec, "items", "%v", err)
	}
	c.TimeTable = b.Table
	return c, nil
}

// Validate checks a standard's record.
func (b *BodyStandard) Validate() error {
	_, err := b.Catalogue()
	return err
}

// KnownStandard reports whether the body certifies s: a standard
// CertDesk ships or one the body added.
func KnownStandard(s Standard) bool {
	if slices.Contains(Standards, s) {
		return true
	}
	_, err := catalogue.For(string(s))
	return err == nil
}

// AllStandards lists the standards CertDesk ships, then the ones the body
// added, by name.
func AllStandards() []Standard {
	out := slices.Clone(Standards)
	for _, n := range catalogue.Added() {
		out = append(out, Standard(n))
	}
	return out
}

// unknownStandard is the error for a standard the body does not certify.
func unknownStandard(rec, field string, s Standard) error {
	return invalid(rec, field, "%q is not a standard the body certifies: use one of %s, or add it (certctl standard add, Settings › Standards)", s, joinAny(AllStandards()))
}

// UseBodyStandards hands the catalogue of every standard the body added
// to catalogue.Add: the store does it when it opens a body.
func UseBodyStandards(tx Tx) error {
	return tx.Each(KindStandard, func(_ ID, decode func(Record) error) error {
		var b BodyStandard
		if err := decode(&b); err != nil {
			return err
		}
		c, err := b.Catalogue()
		if err != nil {
			return fmt.Errorf("standard %d (%s) in the data folder: %w", b.ID, b.Name, err)
		}
		return catalogue.Add(c)
	})
}

// ServeBody makes the standards added to this process exactly those of
// the body in st: the app calls it when a folder takes the place of
// another in its window.
func ServeBody(ctx context.Context, st Store) error {
	catalogue.ForgetAdded()
	return st.View(ctx, UseBodyStandards)
}

// bodyStandard reads the record of the added standard named name.
func bodyStandard(tx Tx, name Standard) (*BodyStandard, error) {
	var found *BodyStandard
	err := tx.Each(KindStandard, func(_ ID, decode func(Record) error) error {
		var b BodyStandard
		if err := decode(&b); err != nil {
			return err
		}
		if strings.EqualFold(string(b.Name), string(name)) {
			found = &b
			return ErrStop
		}
		return nil
	})
	return found, err
}

// CalculableStandards are the standards audit time is calculated for:
// those audittime knows and those the body added whose base time comes
// from the IAF MD 5 table (one set by hand has nothing to calculate).
func CalculableStandards() []string {
	out := slices.Clone(audittime.TimeStandards)
	for _, s := range catalogue.Added() {
		if cat, err := catalogue.For(s); err == nil && cat.TimeTable == catalogue.TableQMS {
			out = append(out, s)
		}
	}
	return out
}

// AuditTimeStandards prepares the standards of an audit-time calculation
// for the standards the body added: a name or number of one
// ("14001") becomes its full name, one whose base time comes from the IAF
// MD 5 table joins in.QMSStandards, and one whose time is set by hand is
// taken out and returned (it has no table to calculate from).
func AuditTimeStandards(in *audittime.Input) (byHand []string) {
	var keep []string
	for _, s := range in.Standards {
		name := s
		if _, err := audittime.NormalizeStandard(s); err != nil {
			for _, std := range AllStandards() {
				if t := strings.TrimSpace(s); strings.EqualFold(t, string(std)) || t == std.Short() {
					name = string(std)
				}
			}
		}
		cat, err := catalogue.For(name)
		switch {
		case catalogue.Builtin(name) || err != nil:
			keep = append(keep, s) // Calculate names what is wrong with an unknown one
		case cat.TimeTable == catalogue.TableNone:
			byHand = append(byHand, name)
		default:
			keep = append(keep, name)
			in.QMSStandards = append(in.QMSStandards, name)
		}
	}
	in.Standards = keep
	return byHand
}
