package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/storage/desk"
)

var system = certification.Actor{Name: "system"}

// demoMemoryLimit is the soft memory limit of a demo generated in
// memory (demo.Bulk): two shards of clients and Badger's compaction
// buffers (which grow with the folder) are live while it writes, and
// without a limit the garbage collector lets the heap grow to twice
// that; near the limit it collects sooner. With it a 10,000-client demo
// peaks at about 0.9 GB resident (BENCHMARKS.md).
const demoMemoryLimit = 640 << 20

// softMemoryLimit sets the Go runtime's soft memory limit to n bytes
// unless GOMEMLIMIT says otherwise, and returns what puts it back.
func softMemoryLimit(n int64) func() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	was := debug.SetMemoryLimit(n)
	return func() { debug.SetMemoryLimit(was) }
}

type demoCmd struct {
	Clients int                `default:"200" help:"number of client organisations"`
	Seed    int64              `default:"1" help:"random seed: the same seed gives the same data"`
	AsOf    certification.Date `help:"the date the history runs up to (default today)"`
	Direct  bool               `help:"run every command against the data folder (slower; every command journaled)"`
}

func (demoCmd) Help() string {
	return `Fills an empty data folder with a demo certification body: a core of 14
staff, more auditors and experts hired as the clients need them (about
one per ten clients), and N clients with several years of history up to --as-of (default
today). The same --seed gives the same data. The history is generated in
memory through the certification service, 500 clients at a time on every
core, and written to the data folder in large transactions as it goes
(journal command "demo"); with --direct every
command is run against the folder itself and journaled one by one, which
is much slower. A folder that already holds records is refused.`
}

func (c *demoCmd) Run(e *env) error {
	on := e.orToday(c.AsOf)
	if c.Clients < 1 || c.Clients > demo.MaxClients {
		return inputf("--clients must be from 1 to %d", demo.MaxClients)
	}
	// Written in memory, then to the folder in large transactions: a
	// load, all or nothing (a failure removes what was written).
	e.bulk = !c.Direct && e.office.url == ""
	if err := e.open(); err != nil {
		return err
	}
	if empty, err := exchange.IsEmpty(e.ctx, e.db); err != nil {
		return err
	} else if !empty {
		return inputf("the data folder %s is not empty: demo data goes into an empty folder only (choose a new one with --data)", e.dir)
	}
	opt := demo.Options{Clients: c.Clients, Seed: c.Seed, AsOf: on, Progress: e.progress("generating", "commands")}
	start := time.Now()
	var sum demo.Summary
	var counts exchange.Counts
	var err error
	switch {
	case e.desk != nil:
		// A desk of a body: every command of the demo's history goes
		// through the body's journal, so every desk applies it.
		sum, err = demo.Generate(e.ctx, e.desk.Store(), opt)
		if err != nil {
			return err
		}
	case c.Direct:
		sum, err = demo.Generate(e.ctx, e.db, opt)
		if err != nil {
			return err
		}
	default:
		// Generated in memory a shard of clients at a time, on every
		// core, each shard written to the folder in large transactions
		// (one journal entry each) while the next ones are generated.
		defer softMemoryLimit(demoMemoryLimit)()
		opt.Progress = e.progress("generating", "clients") // Bulk counts clients
		cp, err := exchange.NewCopier(e.ctx, e.db, system, "demo")
		if err != nil {
			return err
		}
		sum, err = demo.Bulk(e.ctx, opt, runtime.GOMAXPROCS(0), func(ctx context.Context, s demo.Shard) error {
			return cp.Copy(ctx, s.Store, s.Skip, nil)
		})
		if err != nil {
			return cp.Abort(e.ctx, err)
		}
		counts = cp.Counts()
	}
	e.progressDone()
	took := time.Since(start)
	if e.json {
		return e.writeJSON(map[string]any{"data": e.dir, "summary": sum, "written": counts, "seconds": roundSec(took)})
	}
	e.printf("Demo data as of %s (seed %d) in %s:\n", sum.AsOf, sum.Seed, e.dir)
	e.printf("  %d people, %d clients, %d certifications, %d audits, %d findings, %d decisions, %d certificates, %d complaints\n",
		sum.People, sum.Clients, sum.Certifications, sum.Audits, sum.Findings, sum.Decisions, sum.Certificates, sum.Cases)
	switch {
	case e.desk != nil:
		e.printf("  %d commands, each proposed to the body's journal at %s, in %s\n", sum.Commands, e.desk.Office(), took.Round(time.Millisecond))
	case c.Direct:
		e.printf("  %d commands, each in the journal, in %s\n", sum.Commands, took.Round(time.Millisecond))
	default:
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

type importCmd struct {
	File string `arg:"" placeholder:"FILE.json" help:"the interchange file (- for standard input)"`
}

func (importCmd) Help() string {
	return `Loads an interchange file (see docs/format.md) into an empty data folder.
The whole file is checked first (every record, every reference, and every
audit and decision through the same gates as when it was recorded, and
nothing that happened dated after --today); a refused file writes nothing
and each problem names the record and field.
Use - to read standard input.`
}

func (c *importCmd) Run(e *env) error {
	var r io.Reader = e.stdin
	name := c.File
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
	if e.desk != nil {
		return &inputError{msg: desk.ErrNotThroughBody.Error()}
	}
	counts, err := exchange.ImportOn(e.ctx, e.db, r, system, e.todayDate()) // nothing dated after --today
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"data": e.dir, "imported": counts})
	}
	e.printf("Imported into %s: %d people, %d clients, %d certifications, %d audits, %d findings, %d certificates, %d decisions, %d complaints and appeals, %d evidence files (%d transactions)\n",
		e.dir, counts.People, counts.Clients, counts.Certifications, counts.Audits, counts.Findings, counts.Certificates, counts.Decisions, counts.Cases, counts.Evidence, counts.Chunks)
	return nil
}

// exportCmd writes the records as an interchange file, a workbook or a PDF.
type exportCmd struct {
	JSON exportJSONCmd `cmd:"" name:"json" help:"write every record as an interchange file"`
	XLSX exportXLSXCmd `cmd:"" name:"xlsx" help:"write an Excel workbook"`
	PDF  exportPDFCmd  `cmd:"" name:"pdf" help:"write a PDF document (a certificate) and record its SHA-256"`
}

type exportJSONCmd struct {
	Out string `placeholder:"FILE" help:"write to FILE instead of standard output"`
}

func (exportJSONCmd) Help() string {
	return `Writes every record of the data folder as an interchange file (docs/format.md) to standard output or to --out.`
}

func (c *exportJSONCmd) Run(e *env) error {
	// The interchange reads the store as a whole, records and journal.
	if err := e.openRead(); err != nil {
		return err
	}
	if c.Out == "" {
		// The document is JSON already: --json changes nothing here.
		return exchange.Export(e.ctx, e.db, e.stdout)
	}
	cw := &countingWriter{}
	if err := writeAtomically(c.Out, func(w io.Writer) error {
		cw.w = w
		return exchange.Export(e.ctx, e.db, cw)
	}); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"written": c.Out, "bytes": cw.n})
	}
	fmt.Fprintf(e.stderr, "Exported %d bytes to %s\n", cw.n, c.Out)
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

type journalCmd struct {
	From  uint64 `default:"1" help:"first entry"`
	Limit int    `help:"show at most N entries (0: all)"`
}

func (journalCmd) Help() string {
	return `Lists the journal: who changed what, when, with which command, from entry --from (default 1); --limit N shows at most N entries. AT is the time the command was about (--today sets it), RECORDED when the entry was written, by the machine's clock.`
}

func (c *journalCmd) Run(e *env) error {
	if c.Limit < 0 {
		return inputf("--limit %d: give how many entries to show, from 1 up (0 or no --limit: all)", c.Limit)
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	entries, err := svc.Journal(e.ctx, c.From, c.Limit)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"entries": jsonList(entries)})
	}
	t := e.table("SEQ", "AT (UTC)", "RECORDED (UTC)", "ACTOR", "COMMAND", "CHANGES", "SUMMARY")
	for _, je := range entries {
		recorded := "-" // entries from before recorded times
		if !je.Recorded.IsZero() {
			recorded = je.Recorded.UTC().Format("2006-01-02 15:04:05")
		}
		t.row(je.Seq, je.At.UTC().Format("2006-01-02 15:04"), recorded, je.Actor.String(), je.Command, len(je.Changes), je.Summary)
	}
	t.flush()
	return nil
}

// policyCmd shows and changes the body's policy settings.
type policyCmd struct {
	Show policyShowCmd `cmd:"" help:"show the body's policy settings"`
	Set  policySetCmd  `cmd:"" help:"change policy settings"`
	Logo policyLogoCmd `cmd:"" help:"set (FILE, PNG or JPEG, at most 1 MB) or --clear the body's logo printed on certificates"`
	Mark policyMarkCmd `cmd:"" name:"accreditation-mark" help:"set (FILE, PNG or JPEG, at most 1 MB) or --clear the accreditation mark printed on certificates"`
}

type policyShowCmd struct{}

func (policyShowCmd) Run(e *env) error {
	p, err := e.policy()
	if err != nil {
		return err
	}
	return e.showPolicy(p)
}

// policy reads the body's policy settings.
func (e *env) policy() (certification.Policy, error) {
	svc, err := e.reader()
	if err != nil {
		return certification.Policy{}, err
	}
	return svc.Policy(e.ctx)
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

type policySetCmd struct {
	Settings []string `arg:"" placeholder:"KEY=VALUE" sep:"none" help:"a setting and its new value"`
}

func (policySetCmd) Help() string {
	return `Changes policy settings. KEY is a field of 'certctl policy show --json', e.g.
response_days=21 major_close_days=60 expiry_plus_three_years=true.`
}

func (c *policySetCmd) Run(e *env) error {
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
	for _, kv := range c.Settings {
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
