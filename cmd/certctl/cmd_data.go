package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
)

var system = certification.Actor{Name: "system"}

func (e *env) demo(args []string) error {
	f := e.flags("demo", usages["demo"])
	clients := f.Int("clients", 200, "number of client organisations")
	seed := f.Int64("seed", 1, "random seed: the same seed gives the same data")
	asOf := f.String("as-of", "", "the date the history runs up to (default today)")
	direct := f.Bool("direct", false, "run every command against the data folder (slower; every command journaled)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	on, err := date("as-of", *asOf, e.todayDate())
	if err != nil {
		return err
	}
	if *clients < 1 || *clients > demo.MaxClients {
		return inputf("--clients must be from 1 to %d", demo.MaxClients)
	}
	if err := e.open(); err != nil {
		return err
	}
	if empty, err := exchange.IsEmpty(e.ctx, e.db); err != nil {
		return err
	} else if !empty {
		return inputf("the data folder %s is not empty: demo data goes into an empty folder only (choose a new one with --data)", e.dir)
	}
	opt := demo.Options{Clients: *clients, Seed: *seed, AsOf: on, Progress: e.progress("generating", "commands")}
	start := time.Now()
	var sum demo.Summary
	var counts exchange.Counts
	if *direct {
		sum, err = demo.Generate(e.ctx, e.db, opt)
		if err != nil {
			return err
		}
	} else {
		mem := memstore.New()
		mem.NoJournal = true // the folder's journal gets one entry per transaction of the copy
		if sum, err = demo.Generate(e.ctx, mem, opt); err != nil {
			return err
		}
		e.progressDone()
		if counts, err = exchange.Copy(e.ctx, mem, e.db, system, "demo", e.progress("writing", "records")); err != nil {
			return err
		}
	}
	e.progressDone()
	took := time.Since(start)
	if e.json {
		return e.writeJSON(map[string]any{"data": e.dir, "summary": sum, "written": counts, "seconds": roundSec(took)})
	}
	e.printf("Demo data as of %s (seed %d) in %s:\n", sum.AsOf, sum.Seed, e.dir)
	e.printf("  %d people, %d clients, %d certifications, %d audits, %d findings, %d decisions, %d certificates\n",
		sum.People, sum.Clients, sum.Certifications, sum.Audits, sum.Findings, sum.Decisions, sum.Certificates)
	if *direct {
		e.printf("  %d commands, each in the journal, in %s\n", sum.Commands, took.Round(time.Millisecond))
	} else {
		e.printf("  %d commands run in memory, written in %d transactions (journal command \"demo\") in %s\n", sum.Commands, counts.Chunks, took.Round(time.Millisecond))
	}
	e.printf("Try: certctl schedule --as-of %s   or   certctl status --as-of %s\n", sum.AsOf, sum.AsOf)
	return nil
}

func roundSec(d time.Duration) float64 {
	return float64(d.Round(time.Millisecond)) / float64(time.Second)
}

// progress reports long work on a terminal (never in --json mode).
func (e *env) progress(what, unit string) func(done, total int) {
	f, ok := e.stderr.(*os.File)
	if !ok || e.json {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	last := time.Time{}
	return func(done, total int) {
		if now := time.Now(); now.Sub(last) > 200*time.Millisecond || done == total {
			last = now
			fmt.Fprintf(f, "\r%s: %d of %d %s (%d%%)   ", what, done, total, unit, done*100/max(total, 1))
		}
	}
}

func (e *env) progressDone() {
	if f, ok := e.stderr.(*os.File); ok && !e.json {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(f, "\r\033[K")
		}
	}
}

func (e *env) importFile(args []string) error {
	f := e.flags("import", usages["import"])
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	var r io.Reader = e.stdin
	name := pos[0]
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return inputf("import: %v", err)
		}
		defer file.Close()
		r = file
	}
	if err := e.open(); err != nil {
		return err
	}
	counts, err := exchange.Import(e.ctx, e.db, r, system)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"data": e.dir, "imported": counts})
	}
	e.printf("Imported into %s: %d people, %d clients, %d certifications, %d audits, %d findings, %d certificates, %d decisions (%d transactions)\n",
		e.dir, counts.People, counts.Clients, counts.Certifications, counts.Audits, counts.Findings, counts.Certificates, counts.Decisions, counts.Chunks)
	return nil
}

func (e *env) export(args []string) error {
	if len(args) > 0 && args[0] == "xlsx" {
		return e.exportXLSX(args[1:])
	}
	f := e.flags("export", usages["export"])
	out := f.String("out", "", "write to FILE instead of standard output")
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	if pos[0] != "json" {
		return inputf("export: write json (certctl export json) or an Excel workbook (certctl export xlsx KIND --out FILE)")
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	if *out == "" {
		// The document is JSON already: --json changes nothing here.
		return exchange.Export(e.ctx, svc.Store(), e.stdout)
	}
	cw := &countingWriter{}
	if err := writeAtomically(*out, func(w io.Writer) error {
		cw.w = w
		return exchange.Export(e.ctx, svc.Store(), cw)
	}); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"written": *out, "bytes": cw.n})
	}
	fmt.Fprintf(e.stderr, "Exported %d bytes to %s\n", cw.n, *out)
	return nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

func (e *env) journal(args []string) error {
	f := e.flags("journal", usages["journal"])
	from := f.Uint64("from", 1, "first entry")
	limit := f.Int("limit", 0, "show at most N entries (0: all)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	var entries []certification.JournalEntry
	err = svc.Store().Journal(e.ctx, *from, func(je certification.JournalEntry) error {
		entries = append(entries, je)
		if *limit > 0 && len(entries) >= *limit {
			return certification.ErrStop
		}
		return nil
	})
	if err != nil {
		return err
	}
	if e.json {
		if entries == nil {
			entries = []certification.JournalEntry{}
		}
		return e.writeJSON(map[string]any{"entries": entries})
	}
	t := e.table("SEQ", "AT (UTC)", "ACTOR", "COMMAND", "CHANGES", "SUMMARY")
	for _, je := range entries {
		t.row(je.Seq, je.At.UTC().Format("2006-01-02 15:04"), je.Actor.String(), je.Command, len(je.Changes), je.Summary)
	}
	t.flush()
	return nil
}

func (e *env) policyShow(args []string) error {
	f := e.flags("policy show", usages["policy show"])
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	p, err := svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	return e.showPolicy(p)
}

func (e *env) showPolicy(p certification.Policy) error {
	if e.json {
		return e.writeJSON(map[string]any{"policy": p})
	}
	fields, err := policyFields(p)
	if err != nil {
		return err
	}
	t := e.table("SETTING", "VALUE")
	for _, k := range policyKeys(p) {
		v := string(fields[k])
		var str string
		if json.Unmarshal(fields[k], &str) == nil {
			v = str
		}
		t.row(k, v)
	}
	t.flush()
	if !p.ChangedOn.IsZero() {
		e.printf("Last changed on %s by %s.\n", p.ChangedOn, p.ChangedBy)
	} else {
		e.printf("The defaults of RULES.md (never changed).\n")
	}
	return nil
}

// policyFields returns the policy's JSON fields.
func policyFields(p certification.Policy) (map[string]json.RawMessage, error) {
	b, err := json.Marshal(p)
	if err != nil {
		return nil, err
	}
	var m map[string]json.RawMessage
	err = json.Unmarshal(b, &m)
	delete(m, "changed_by")
	delete(m, "changed_on")
	return m, err
}

// policyKeys lists the settings in the order of the Policy struct.
func policyKeys(p certification.Policy) []string {
	b, _ := json.Marshal(p)
	dec := json.NewDecoder(bytes.NewReader(b))
	var keys []string
	dec.Token() // {
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			break
		}
		k, _ := t.(string)
		var skip json.RawMessage
		dec.Decode(&skip)
		if k != "changed_by" && k != "changed_on" {
			keys = append(keys, k)
		}
	}
	return keys
}

func (e *env) policySet(args []string) error {
	f := e.flags("policy set", usages["policy set"])
	pos, err := f.parse(args, 1, -1)
	if err != nil {
		return err
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	p, err := svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	fields, err := policyFields(p)
	if err != nil {
		return err
	}
	keys := policyKeys(p)
	for _, kv := range pos {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return inputf("policy set: write KEY=VALUE, got %q", kv)
		}
		old, known := fields[k]
		if !known {
			return inputf("policy set: %q is not a setting: use one of %s", k, strings.Join(keys, ", "))
		}
		switch {
		case bytes.Equal(old, []byte("true")) || bytes.Equal(old, []byte("false")):
			b, err := strconv.ParseBool(v)
			if err != nil {
				return inputf("policy set: %s takes true or false, got %q", k, v)
			}
			fields[k] = json.RawMessage(strconv.FormatBool(b))
		case len(old) > 0 && old[0] == '"':
			s, _ := json.Marshal(v)
			fields[k] = s
		default:
			n, err := strconv.Atoi(v)
			if err != nil {
				return inputf("policy set: %s takes a whole number, got %q", k, v)
			}
			fields[k] = json.RawMessage(strconv.Itoa(n))
		}
	}
	b, err := json.Marshal(fields)
	if err != nil {
		return err
	}
	next := certification.Policy{}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&next); err != nil {
		return inputf("policy set: %v", err)
	}
	if err := svc.SetPolicy(e.ctx, next); err != nil {
		return err
	}
	p, err = svc.Policy(e.ctx)
	if err != nil {
		return err
	}
	if !e.json {
		e.printf("Policy changed; every certification's obligations were recomputed.\n")
	}
	return e.showPolicy(p)
}
