package app

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"certdesk/certification"
)

// How the review list shows the values a refused change carried: a
// finding as its form shows it (audit, grade, clause, requirement,
// evidence, who raised it and when), any other change as "name: value"
// lines of its arguments, in the order the command has them.

// reviewNames names the audits and people the review list's findings
// refer to, read on the desk's replica (a record it lacks keeps its id).
func reviewNames(ctx context.Context, st certification.Store, list []ReviewItem) (map[certification.ID]string, error) {
	names := map[certification.ID]string{}
	err := st.View(ctx, func(tx certification.Tx) error {
		for _, it := range list {
			x, ok := refusedFinding(it.Entry)
			if !ok {
				continue
			}
			var a certification.Audit
			var c certification.Client
			var p certification.Person
			switch err := tx.Get(x.AuditID, &a); {
			case err == nil:
				if tx.Get(a.ClientID, &c) == nil {
					names[x.AuditID] = fmt.Sprintf("%d — %s, %s (%s now)", a.ID, c.LegalName, a.Kind.Label(), a.Status.Label())
				}
			case !errors.Is(err, certification.ErrNotFound):
				return err
			}
			if x.RaisedBy != 0 && tx.Get(x.RaisedBy, &p) == nil {
				names[x.RaisedBy] = p.Name
			}
		}
		return nil
	})
	return names, err
}

// reviewValues are the lines a change's values show as.
func reviewValues(e certification.JournalEntry, names map[certification.ID]string) []string {
	if x, ok := refusedFinding(e); ok {
		return findingValues(x, names)
	}
	return argLines(e.Args)
}

func findingValues(x certification.Finding, names map[certification.ID]string) []string {
	name := func(id certification.ID) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id.String()
	}
	lines := []string{"Audit: " + name(x.AuditID), "Grade: " + x.Grade.Label(), "Clause or control: " + x.Reference}
	if x.Requirement != "" {
		lines = append(lines, "Requirement: "+x.Requirement)
	}
	lines = append(lines, "Objective evidence: "+x.Evidence)
	if x.RaisedBy != 0 {
		lines = append(lines, "Raised by: "+name(x.RaisedBy))
	}
	if x.Raised != 0 {
		lines = append(lines, "Raised on: "+x.Raised.String())
	}
	return lines
}

// argLines shows a command's arguments (a JSON array): an object's
// fields as "name: value" lines, in their order, leaving out the empty
// ones; any other argument as "Value n: value".
func argLines(args json.RawMessage) []string {
	var list []json.RawMessage
	if json.Unmarshal(args, &list) != nil {
		return []string{string(args)}
	}
	var out []string
	for i, a := range list {
		if fields, ok := objectFields(a); ok {
			for _, f := range fields {
				if v := valueText(f.value); v != "" {
					out = append(out, fieldName(f.name)+": "+v)
				}
			}
			continue
		}
		if v := valueText(a); v != "" {
			out = append(out, fmt.Sprintf("Value %d: %s", i+1, v))
		}
	}
	return out
}

type jsonField struct {
	name  string
	value json.RawMessage
}

// objectFields are the fields of a JSON object in their order (ok false:
// v is not an object).
func objectFields(v json.RawMessage) ([]jsonField, bool) {
	dec := json.NewDecoder(bytes.NewReader(v))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, false
	}
	var out []jsonField
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, false
		}
		name, _ := t.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, false
		}
		out = append(out, jsonField{name, raw})
	}
	return out, true
}

// valueText is a JSON value as text: a string as it is, anything else
// compacted; "" for an empty value.
func valueText(v json.RawMessage) string {
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s
	}
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return string(v)
	}
	switch t := b.String(); t {
	case "null", "0", "false", "[]", "{}":
		return ""
	default:
		return t
	}
}

// fieldName is a JSON field's name as a label: "audit_id" is "Audit id".
func fieldName(k string) string {
	k = strings.ReplaceAll(k, "_", " ")
	r, n := utf8.DecodeRuneInString(k)
	return string(unicode.ToUpper(r)) + k[n:]
}
