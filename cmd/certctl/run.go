package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"certdesk/certification"
	"certdesk/certification/exchange"
	"certdesk/storage"
)

// Exit codes.
const (
	exitOK       = 0
	exitRule     = 1 // refused by a rule of the scheme
	exitInput    = 2 // usage or input error
	exitInternal = 3 // could not complete: disk, corrupt data, a bug
)

// UserEnv names the environment variable that says who is acting.
const UserEnv = "CERTDESK_USER"

// systemClock is the production clock; the domain never reads the time itself.
type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }

// env is one run of certctl: its streams, global flags and the store.
type env struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer

	data  string // --data
	as    string // --as
	json  bool   // --json
	today string // --today

	clock certification.Clock
	dir   string
	db    *storage.DB
	svc   *certification.Service
}

// inputError is a usage or input error (exit 2).
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func inputf(format string, args ...any) error { return &inputError{fmt.Sprintf(format, args...)} }

// run is certctl: it parses args, runs one verb and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, clock: systemClock{}}
	defer e.close()
	rest, err := e.globals(args)
	if err == nil {
		err = e.dispatch(rest)
	}
	if err == nil {
		err = e.close()
	}
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errHelpShown) {
		return exitOK
	}
	return e.fail(err)
}

var errHelpShown = errors.New("help shown")

// globals takes the global flags out of args, wherever they are (before
// or after the verb), up to a "--".
func (e *env) globals(args []string) ([]string, error) {
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		var dst *string
		switch name {
		case "data":
			dst = &e.data
		case "as":
			dst = &e.as
		case "today":
			dst = &e.today
		case "json":
			if hasValue {
				b, err := strconv.ParseBool(value)
				if err != nil {
					return nil, inputf("--json takes no value (or true/false), got %q", value)
				}
				e.json = b
			} else {
				e.json = true
			}
			continue
		default:
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return nil, inputf("--%s needs a value", name)
			}
			i++
			value = args[i]
		}
		*dst = value
	}
	if e.today != "" {
		d, err := certification.ParseDate(e.today)
		if err != nil {
			return nil, inputf("--today: %v", err)
		}
		e.clock = certification.FixedClock(d.Time().Add(12 * time.Hour))
	}
	return rest, nil
}

// todayDate is the clock's date.
func (e *env) todayDate() certification.Date { return certification.DateOf(e.clock.Now()) }

// open opens the data folder once.
func (e *env) open() error {
	if e.db != nil {
		return nil
	}
	dir, err := storage.ResolveDir(e.data)
	if err != nil {
		return inputf("%v", err)
	}
	var opts storage.Options
	if enc, err := storage.IsEncrypted(dir); err != nil {
		return err
	} else if enc {
		if opts.Passphrase, err = e.passphrase("the data folder " + dir); err != nil {
			return err
		}
	}
	db, err := storage.OpenWith(dir, opts)
	if err != nil {
		if errors.Is(err, storage.ErrInUse) {
			return &inputError{err.Error()}
		}
		return cryptError(err)
	}
	e.dir, e.db = dir, db
	e.svc = certification.NewService(db, e.clock)
	return nil
}

// close closes the store (if open) and returns Close's error.
func (e *env) close() error {
	if e.db == nil {
		return nil
	}
	err := e.db.Close()
	e.db = nil
	return err
}

// service opens the store and returns the service acting for the person
// named by --as or $CERTDESK_USER. With required unset, nobody named
// means "system"; otherwise it is a usage error.
func (e *env) service(required bool) (*certification.Service, error) {
	if err := e.open(); err != nil {
		return nil, err
	}
	name := e.as
	from := "--as"
	if name == "" {
		name, from = os.Getenv(UserEnv), "$"+UserEnv
	}
	if name == "" {
		if required {
			return nil, inputf("say who you are: --as PERSON (an id or exact name from the register, see 'certctl person list') or set %s", UserEnv)
		}
		return e.svc, nil
	}
	p, err := e.person(name)
	if err != nil {
		return nil, inputf("%s: %v", from, err)
	}
	return e.svc.As(certification.Actor{PersonID: p.ID, Name: p.Name}), nil
}

// reader opens the store for reading.
func (e *env) reader() (*certification.Service, error) {
	if err := e.open(); err != nil {
		return nil, err
	}
	return e.svc, nil
}

// person finds a person by id or exact name (case and spacing ignored).
func (e *env) person(s string) (*certification.Person, error) {
	var out *certification.Person
	err := e.db.View(e.ctx, func(tx certification.Tx) error {
		if id, err := certification.ParseID(s); err == nil {
			var p certification.Person
			if err := tx.Get(id, &p); err == nil {
				out = &p
				return nil
			} else if !errors.Is(err, certification.ErrNotFound) {
				return err
			}
		}
		ids, err := tx.Lookup(certification.IndexPersonName, []byte(certification.Fold(s)))
		if err != nil {
			return err
		}
		switch len(ids) {
		case 0:
			return inputf("there is no person %q in the register: see 'certctl person list'", s)
		case 1:
			var p certification.Person
			if err := tx.Get(ids[0], &p); err != nil {
				return err
			}
			out = &p
			return nil
		}
		var list []string
		for _, id := range ids {
			list = append(list, id.String())
		}
		return inputf("%d people are called %q: give the id (%s)", len(ids), s, strings.Join(list, ", "))
	})
	return out, err
}

// personIDs resolves several people.
func (e *env) personIDs(flagName string, names []string) ([]certification.ID, error) {
	var out []certification.ID
	for _, n := range names {
		p, err := e.person(n)
		if err != nil {
			return nil, inputf("--%s: %v", flagName, err)
		}
		out = append(out, p.ID)
	}
	return out, nil
}

// fail reports err and returns its exit code.
func (e *env) fail(err error) int {
	code, kind, rule := exitInternal, "internal", ""
	msg := err.Error()
	var rep *reportedError
	if errors.As(err, &rep) { // the verb printed its report
		fmt.Fprintln(e.stderr, "certctl: "+rep.msg)
		return rep.code
	}
	var re *certification.RuleError
	var ve *certification.ValidationError
	var ie *inputError
	var xe *exchange.Error
	switch {
	case errors.As(err, &re):
		code, kind, rule = exitRule, "rule", re.Rule
	case errors.As(err, &xe), errors.As(err, &ve), errors.As(err, &ie), errors.Is(err, exchange.ErrNotEmpty), errors.Is(err, storage.ErrInUse),
		errors.Is(err, storage.ErrEncrypted), errors.Is(err, storage.ErrWrongPassphrase), errors.Is(err, storage.ErrKeyFile):
		code, kind = exitInput, "input"
	case errors.Is(err, certification.ErrNotFound):
		code, kind = exitInput, "input"
		msg = notFound(msg)
	case errors.Is(err, context.Canceled):
		msg = "interrupted: " + msg
	}
	fmt.Fprintln(e.stderr, "certctl: "+msg)
	if e.json {
		type body struct {
			Kind     string             `json:"kind"`
			Rule     string             `json:"rule,omitempty"`
			Message  string             `json:"message"`
			Problems []exchange.Problem `json:"problems,omitempty"`
		}
		b := body{Kind: kind, Rule: rule, Message: msg}
		if xe != nil {
			b.Problems = xe.Problems
		}
		e.writeJSON(map[string]any{"error": b})
	}
	return code
}

// notFound rewrites storage's "audit 42: not found" as a sentence.
func notFound(msg string) string {
	if kind, rest, ok := strings.Cut(msg, " "); ok {
		if id, tail, ok := strings.Cut(rest, ": "); ok && strings.HasPrefix(tail, certification.ErrNotFound.Error()) {
			if _, err := strconv.ParseUint(id, 10, 64); err == nil {
				return fmt.Sprintf("there is no %s %s", kind, id)
			}
		}
	}
	return msg
}

func (e *env) writeJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// printf writes a line of text output (not in --json mode).
func (e *env) printf(format string, args ...any) {
	fmt.Fprintf(e.stdout, format, args...)
}

// table writes aligned columns.
type table struct {
	tw *tabwriter.Writer
}

func (e *env) table(header ...string) *table {
	t := &table{tw: tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)}
	if len(header) > 0 {
		t.row(toAny(header)...)
	}
	return t
}

func toAny(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func (t *table) row(cells ...any) {
	for i, c := range cells {
		if i > 0 {
			io.WriteString(t.tw, "\t")
		}
		s := fmt.Sprint(c)
		if d, ok := c.(certification.Date); ok {
			s = dateOr(d, "-")
		}
		io.WriteString(t.tw, strings.ReplaceAll(s, "\t", " "))
	}
	io.WriteString(t.tw, "\n")
}

func (t *table) flush() { t.tw.Flush() }

func dateOr(d certification.Date, none string) string {
	if d.IsZero() {
		return none
	}
	return d.String()
}

// --- flags ------------------------------------------------------------------

// flags is a verb's flag set with helpers for the types certctl uses.
type flags struct {
	*flag.FlagSet
	verb  string
	usage string
	e     *env
}

func (e *env) flags(verb, usage string) *flags {
	fs := flag.NewFlagSet(verb, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return &flags{FlagSet: fs, verb: verb, usage: usage, e: e}
}

// parse parses flags and positional arguments in any order and checks
// the number of positional arguments.
func (f *flags) parse(args []string, minPos, maxPos int) ([]string, error) {
	var pos []string
	for {
		if err := f.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				f.help(f.e.stdout)
				return nil, errHelpShown
			}
			return nil, inputf("%s: %v (see 'certctl help %s')", f.verb, err, f.verb)
		}
		args = f.Args()
		if len(args) == 0 {
			break
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
	if len(pos) < minPos || (maxPos >= 0 && len(pos) > maxPos) {
		return nil, inputf("usage: certctl %s (see 'certctl help %s')", f.usage, f.verb)
	}
	return pos, nil
}

func (f *flags) help(w io.Writer) {
	fmt.Fprintf(w, "usage: certctl %s\n", f.usage)
	if h, ok := verbHelp[f.verb]; ok {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(h))
	}
	has := false
	f.VisitAll(func(*flag.Flag) { has = true })
	if has {
		fmt.Fprintln(w, "\nflags:")
		f.SetOutput(w)
		f.PrintDefaults()
		f.SetOutput(io.Discard)
	}
	fmt.Fprintln(w, "\nglobal flags (before or after the verb): --data DIR, --as PERSON, --json, --today DATE")
}

// list is a repeatable flag; with split, values are also split on commas.
type list struct {
	vals  []string
	split bool
}

func (l *list) String() string { return strings.Join(l.vals, ",") }
func (l *list) Set(s string) error {
	if l.split {
		for _, v := range strings.Split(s, ",") {
			if v = strings.TrimSpace(v); v != "" {
				l.vals = append(l.vals, v)
			}
		}
		return nil
	}
	l.vals = append(l.vals, s)
	return nil
}

func (f *flags) list(name, usage string, split bool) *list {
	l := &list{split: split}
	f.Var(l, name, usage)
	return l
}

// date reads a date flag; empty gives def.
func date(flagName, s string, def certification.Date) (certification.Date, error) {
	if s == "" {
		return def, nil
	}
	d, err := certification.ParseDate(s)
	if err != nil {
		return 0, inputf("--%s: %v", flagName, err)
	}
	return d, nil
}

// optDate reads a date flag that may be left out (0).
func optDate(flagName, s string) (certification.Date, error) { return date(flagName, s, 0) }

func required(flagName, v string) error {
	if strings.TrimSpace(v) == "" {
		return inputf("--%s is required", flagName)
	}
	return nil
}

func parseID(what, s string) (certification.ID, error) {
	id, err := certification.ParseID(s)
	if err != nil {
		return 0, inputf("%s: %v", what, err)
	}
	return id, nil
}
