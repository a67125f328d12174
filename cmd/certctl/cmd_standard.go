package main

import (
	"fmt"
	"slices"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/storage/catalogfile"
)

// standardCmd keeps the standards the body certifies beyond those
// CertDesk ships.
type standardCmd struct {
	Add  standardAddCmd  `cmd:"" help:"add a standard from its catalogue file, or bring an added one up to date"`
	List standardListCmd `cmd:"" help:"list the standards the body certifies"`
	Show standardShowCmd `cmd:"" help:"show a standard's catalogue: its clauses and controls"`
}

type standardAddCmd struct {
	File  string `arg:"" type:"existingfile" placeholder:"FILE" help:"the catalogue: a TSV (reference, kind, group, title) or a CISO Assistant library (.yaml)"`
	Name  string `placeholder:"NAME" help:"the standard with its edition, as certificates print it, e.g. \"ISO 14001:2015\" (a CISO Assistant library gives one)"`
	Table string `default:"md5-qms" enum:"md5-qms,none" help:"where its audit time comes from: md5-qms (the IAF MD 5 table, as for ISO 9001) or none (set by hand)"`
}

func (standardAddCmd) Help() string {
	return `Adds a standard the body certifies from its catalogue: clauses and
controls, titles only. A TSV file has one line per item: reference, kind
(clause, control or group), group and title, separated by tabs, as
assets/examples/iso14001-2015.tsv. A CISO Assistant framework library
(YAML) gives its own name unless --name is given. Adding a standard
already added brings its catalogue up to date: lines may be added and
retitled but none dropped (rule standard-keeps-its-lines). Only an
administrator adds a standard. A wrong file is refused naming its line.`
}

func (c *standardAddCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	b, err := catalogfile.Read(c.File, c.Name, catalogue.TimeTable(c.Table))
	if err != nil {
		return inputf("%v", err)
	}
	id, err := svc.DefineStandard(e.ctx, b)
	if err != nil {
		return err
	}
	cat, err := catalogue.For(string(b.Name))
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"id": id, "name": b.Name, "audit_time_table": b.Table, "clauses": len(cat.Clauses()), "controls": len(cat.Controls()), "source": b.Source})
	}
	e.printf("%s added as standard %d: %d clauses, %d controls; audit time: %s.\n", b.Name, id, len(cat.Clauses()), len(cat.Controls()), tableLabel(b.Table))
	e.printf("Certify a client to it with: certctl certification add --client ID --standard %q --scope TEXT\n", b.Name)
	return nil
}

func tableLabel(t catalogue.TimeTable) string {
	if t == catalogue.TableNone {
		return "set by hand (no table minimum)"
	}
	return "the IAF MD 5 quality-management table"
}

type standardListCmd struct{}

// standardRow is one standard in list's JSON.
type standardRow struct {
	Name     certification.Standard `json:"name"`
	Shipped  bool                   `json:"shipped"`
	Clauses  int                    `json:"clauses"`
	Controls int                    `json:"controls"`
	Table    catalogue.TimeTable    `json:"audit_time_table,omitempty"`
	Source   string                 `json:"source,omitempty"`
	Added    certification.Date     `json:"added,omitzero"`
}

func (standardListCmd) Run(e *env) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	added, err := svc.BodyStandards(e.ctx)
	if err != nil {
		return err
	}
	var rows []standardRow
	for _, s := range certification.AllStandards() {
		cat, err := catalogue.For(string(s))
		if err != nil {
			return err
		}
		r := standardRow{Name: s, Shipped: catalogue.Builtin(string(s)), Clauses: len(cat.Clauses()), Controls: len(cat.Controls())}
		if i := slices.IndexFunc(added, func(b certification.BodyStandard) bool { return b.Name == s }); i >= 0 {
			r.Table, r.Source, r.Added = added[i].Table, added[i].Source, added[i].Added
		} else if !r.Shipped {
			continue // known to this process from another folder's file, not this body's
		}
		rows = append(rows, r)
	}
	if e.json {
		return e.writeJSON(jsonList(rows))
	}
	t := e.table("STANDARD", "CLAUSES", "CONTROLS", "FROM")
	for _, r := range rows {
		from := "shipped with CertDesk"
		if !r.Shipped {
			from = fmt.Sprintf("added %s from %s", r.Added, r.Source)
		}
		t.row(r.Name, r.Clauses, r.Controls, from)
	}
	t.flush()
	return nil
}

type standardShowCmd struct {
	Standard string `arg:"" placeholder:"STANDARD" help:"the standard: its name or number (14001)"`
}

func (c *standardShowCmd) Run(e *env) error {
	if _, err := e.reader(); err != nil {
		return err
	}
	s, err := standard(c.Standard)
	if err != nil {
		return err
	}
	cat, err := catalogue.For(string(s))
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"name": s, "items": cat.Items})
	}
	t := e.table("REF", "KIND", "TITLE")
	for _, it := range cat.Items {
		t.row(it.Ref, it.Kind, it.Title)
	}
	t.flush()
	return nil
}
