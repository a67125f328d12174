package main

// The checklist from the command line: audit checklist records results
// (one, or a TSV or JSON file of them at once), audit due says what the
// audit must still cover before its report is drafted.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

type auditChecklistCmd struct {
	auditID
	Ref       string   `placeholder:"REF" help:"the clause, control or item (4.1, A.6.2.4, S1.8, SV.2)"`
	Result    string   `placeholder:"R" help:"conform, ofi, minor, major, not-applicable, or empty for not audited"`
	Notes     string   `help:"the objective evidence seen"`
	Interview []string `placeholder:"\"NAME (ROLE), YYYY-MM-DD: NOTES\"" sep:"none" help:"an interview held on the item (repeatable; with --ref)"`
	From      string   `placeholder:"FILE" type:"existingfile" help:"record every line of a TSV (ref, result, notes) or JSON file ([{\"ref\",\"result\",\"notes\"}])"`
	overrideHold
}

func (auditChecklistCmd) Help() string {
	return `Records checklist results on an audit in progress (or whose report is
drafted): one with --ref and --result (and --notes), or all the lines of a
file with --from FILE, all or none. A TSV file has one item a line: ref,
result, notes separated by tabs; blank lines, lines starting with # and a
first line "ref<TAB>result<TAB>notes" are skipped. A JSON file is a list
of {"ref": "4.1", "result": "conform", "notes": "…", "interviews":
[{"whom": "Carla Cee", "role": "CISO", "on": "2025-03-10", "notes": "…"}]}.
With --ref, --interview "NAME (ROLE), YYYY-MM-DD: notes" (repeatable)
gives the interviews held on the item, on a day of the audit that has
come. The item is recorded as given: give its interviews again when you
record it again (audit show lists them). A refused line is
named by its line number. Results: conform, ofi, minor, major,
not-applicable (never on a clause). Stage 1 audits also take the
readiness items S1.x, surveillances the surveillance items SV.x (see
certctl audit due).`
}

// numbered is a checklist entry with the line of the file it came from.
type numbered struct {
	line int
	e    certification.ChecklistEntry
}

func (c *auditChecklistCmd) Run(e *env) error {
	var list []numbered
	if err := interviewsFlagOnly(c.From, c.Interview); err != nil {
		return err
	}
	switch {
	case c.From != "" && c.Ref != "":
		return inputf("give either --ref or --from, not both")
	case c.From != "":
		b, err := os.ReadFile(c.From)
		if err != nil {
			return inputf("%v", err)
		}
		if list, err = parseChecklist(b); err != nil {
			return inputf("%s: %v", c.From, err)
		}
		if len(list) == 0 {
			return inputf("%s: no checklist line to record", c.From)
		}
	case c.Ref != "":
		ivs, err := parseInterviews(c.Interview)
		if err != nil {
			return err
		}
		list = []numbered{{0, certification.ChecklistEntry{Ref: c.Ref, Result: certification.ChecklistResult(c.Result), Notes: c.Notes, Interviews: ivs}}}
	default:
		return inputf("give --ref REF --result R, or --from FILE")
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := c.check(e, svc, c.ID); err != nil { // cmd_hold.go
		return err
	}
	entries := make([]certification.ChecklistEntry, len(list))
	for i, n := range list {
		entries[i] = n.e
	}
	err = svc.RecordChecklists(e.ctx, c.ID, entries)
	var ee *certification.EntryError
	if errors.As(err, &ee) {
		if c.From == "" {
			return ee.Err
		}
		return fmt.Errorf("%s line %d (%s): %w", c.From, list[ee.Index].line, ee.Ref, ee.Err)
	}
	if err != nil {
		return err
	}
	return e.showDue(svc, c.ID, fmt.Sprintf("Recorded %d checklist result(s) on audit %d.", len(entries), c.ID))
}

// parseChecklist reads a TSV or JSON list of checklist entries.
func parseChecklist(b []byte) ([]numbered, error) {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		return parseChecklistJSON(b)
	}
	var out []numbered
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 3)
		if len(out) == 0 && strings.EqualFold(strings.TrimSpace(f[0]), "ref") {
			continue // the header
		}
		if len(f) < 2 {
			return nil, fmt.Errorf("line %d: want ref, result and notes separated by tabs, got %q", n, line)
		}
		e := certification.ChecklistEntry{Ref: strings.TrimSpace(f[0]), Result: certification.ChecklistResult(strings.TrimSpace(f[1]))}
		if len(f) == 3 {
			e.Notes = strings.ReplaceAll(f[2], `\n`, "\n")
		}
		out = append(out, numbered{n, e})
	}
	return out, sc.Err()
}

// parseChecklistJSON reads a JSON list, keeping each object's line.
func parseChecklistJSON(b []byte) ([]numbered, error) {
	lineAt := func(off int64) int { return 1 + bytes.Count(b[:min(int(off), len(b))], []byte("\n")) }
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if _, err := dec.Token(); err != nil { // [
		return nil, fmt.Errorf("line 1: %v", err)
	}
	var out []numbered
	for dec.More() {
		off := dec.InputOffset()
		var e certification.ChecklistEntry
		if err := dec.Decode(&e); err != nil {
			return nil, fmt.Errorf("line %d: %v: each item is {\"ref\": \"4.1\", \"result\": \"conform\", \"notes\": \"…\", \"interviews\": [{\"whom\", \"role\", \"on\", \"notes\"}]}", lineAt(dec.InputOffset()), err)
		}
		// The object starts after the separator that follows off.
		start := off + int64(len(b[off:])-len(bytes.TrimLeft(b[off:], " \t\r\n,")))
		out = append(out, numbered{lineAt(start), e})
	}
	if _, err := dec.Token(); err != nil { // ]
		return nil, fmt.Errorf("line %d: %v", lineAt(dec.InputOffset()), err)
	}
	return out, nil
}

type auditDueCmd struct {
	auditID
}

func (auditDueCmd) Help() string {
	return `Lists what the audit's checklist must cover before its report is
drafted (rule checklist-coverage) and what it does not cover yet: stage 2
and recertification every leaf clause of 4–10 and applicable Annex A
control, stage 1 its readiness items, a surveillance clauses 9.2 and 9.3,
the surveillance items and its part of the cycle's coverage plan.`
}

func (c *auditDueCmd) Run(e *env) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	return e.showDue(svc, c.ID, "")
}

// showDue prints what audit id must still cover.
func (e *env) showDue(r view.Reader, id certification.ID, head string) error {
	a, file, err := view.AuditFile(e.ctx, r, id)
	if err != nil {
		return err
	}
	d, err := certification.DueItems(file, a)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"due": d})
	}
	if head != "" {
		e.printf("%s\n", head)
	}
	if d.Complete() {
		e.printf("Audit %d (%s) covers the %d item(s) it must: its report can be drafted.\n", id, a.Kind.Label(), len(d.Required))
		return nil
	}
	e.printf("Audit %d (%s) has no result yet for %d of the %d item(s) it must cover: %s\n", id, a.Kind.Label(), len(d.Missing), len(d.Required), certification.NameRefs(d.Missing, 20))
	return nil
}
