package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"certdesk/certification"
	"certdesk/certification/exchange"
	"certdesk/certification/view"
	"certdesk/storage"
	"certdesk/storage/desk"
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

	data    string // --data
	bulk    bool   // open the folder for a bulk load (storage.OpenBulk): the demo
	as      string // --as
	keyFile string // --key-passphrase-file
	json    bool   // --json
	today   string // --today
	// deskFlag is --desk: this desk's name in audit holds (cmd_hold.go).
	deskFlag string

	clock    certification.Clock
	dir      string
	db       *storage.DB
	readOnly bool   // db was opened for reading only
	pass     []byte // the passphrase that opened db, kept for a reopen
	// leaveRefresh: an unfinished recomputation is left as it is, because
	// it could not be finished (the reader was warned) or verify asked for
	// the folder as it is (finishRefresh).
	leaveRefresh bool
	svc          *certification.Service

	office officeFlags // --office, --creds, --office-ca
	desk   *desk.Desk  // the folder as a desk of the body, when office.url is set
	synced syncReport  // what opening the desk caught up with
}

// inputError is a usage or input error (exit 2).
type inputError struct {
	msg   string
	cause error // what it stems from, if anything (errors.Is)
}

func (e *inputError) Error() string { return e.msg }
func (e *inputError) Unwrap() error { return e.cause }

func inputf(format string, args ...any) error { return &inputError{msg: fmt.Sprintf(format, args...)} }

// run is certctl: it parses args, runs one verb and returns the exit code.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, clock: systemClock{}}
	defer e.close()
	v, err := e.parse(&commandLine{}, args)
	if err == nil && v != nil {
		err = v.Run(e)
	}
	if err == nil {
		err = e.close()
	}
	if err == nil {
		return exitOK
	}
	return e.fail(err)
}

// todayDate is the clock's date.
func (e *env) todayDate() certification.Date { return certification.DateOf(e.clock.Now()) }

// open opens the data folder for changes, once: a folder opened for
// reading is closed and opened again.
func (e *env) open() error { return e.openFor(false) }

// openRead opens the data folder for reading only (unless it is open
// already): a read needs no free disk space and writes nothing.
func (e *env) openRead() error { return e.openFor(true) }

// openAsIs opens the data folder for reading only and leaves an
// unfinished recomputation unfinished: verify reports the folder as it is.
func (e *env) openAsIs() error {
	e.leaveRefresh = true
	return e.openFor(true)
}

func (e *env) openFor(readOnly bool) error {
	if e.db != nil && (readOnly || !e.readOnly) {
		return nil
	}
	if err := e.close(); err != nil {
		return err
	}
	dir, err := storage.ResolveDir(e.data)
	if err != nil {
		return inputf("%v", err)
	}
	if e.office.url != "" {
		readOnly = false // a desk writes what it catches up with
		if err := e.restoreDesk(dir); err != nil {
			return err
		}
	}
	// A reading never makes a data folder: a folder that holds none is
	// refused (noData), so a mistyped --data is not taken for an empty body.
	opts := storage.Options{ReadOnly: readOnly, Existing: readOnly, Passphrase: e.pass, Desk: e.office.url != "", Bulk: e.bulk && !readOnly}
	if enc, err := storage.IsEncrypted(dir); err != nil {
		return err
	} else if enc && opts.Passphrase == nil {
		if opts.Passphrase, err = e.passphrase("the data folder " + dir); err != nil {
			return err
		}
	}
	db, err := storage.OpenWith(dir, opts)
	if err != nil && readOnly && errors.Is(err, storage.ErrReindexPending) {
		// An interrupted certctl reindex: an open for changes finishes
		// it, so that nothing reads half an index.
		opts.ReadOnly, readOnly = false, false
		db, err = storage.OpenWith(dir, opts)
	}
	if err != nil {
		if errors.Is(err, storage.ErrInUse) {
			return &inputError{msg: err.Error()}
		}
		if errors.Is(err, storage.ErrNoStore) {
			return noData(err)
		}
		return cryptError(err)
	}
	e.dir, e.db, e.readOnly, e.pass = dir, db, readOnly, opts.Passphrase
	e.svc = certification.NewService(db, e.clock)
	if e.office.url != "" {
		if err := e.joinOffice(); err != nil {
			return err
		}
	}
	if !readOnly {
		// An upgrade may ask for every obligation to be recomputed.
		if _, err := certification.MarkRecomputeAfterUpgrade(e.ctx, e.svc, db); err != nil {
			return fmt.Errorf("marking the recomputation of the obligations the upgrade asked for: %w", err)
		}
	}
	return e.finishRefresh()
}

// noData says how to make the data folder a reading command found none in.
func noData(err error) error {
	return &inputError{cause: err, msg: fmt.Sprintf("%v: a command that only reads makes none; check --data (or $%s), or make one with 'certctl demo', 'certctl import FILE', 'certctl restore FILE' or 'certctl person add' (the body's first person)", err, storage.DataEnv)}
}

// finishRefresh completes a recomputation of the obligations that a crash
// interrupted (certification.Refresh) before anything reads the schedule.
// A folder opened for reading is opened for changes to do it; where that
// is impossible (a full disk) the reading goes on with a warning.
func (e *env) finishRefresh() error {
	pending, err := e.svc.RefreshPending(e.ctx)
	if err != nil || !pending || e.leaveRefresh {
		return err
	}
	if e.readOnly {
		if err := e.openFor(false); err != nil {
			e.leaveRefresh = true
			fmt.Fprintf(e.stderr, "certctl: warning: the obligations are being recomputed under a changed policy and this could not be finished (%v): the schedule may show obligations of the old policy\n", err)
			return e.openFor(true)
		}
		return nil
	}
	if err := e.svc.FinishRefresh(e.ctx); err != nil {
		return fmt.Errorf("finishing the recomputation of the obligations that an interrupted policy change left: %w", err)
	}
	return nil
}

// close closes the store (if open) and returns Close's error.
func (e *env) close() error {
	if e.desk != nil {
		e.desk.Close()
		e.desk = nil
	}
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
	return e.signedAs(p)
}

// serviceIf is service(true) when the command changes something and
// reader otherwise: a command that only shows opens the store read-only.
func (e *env) serviceIf(change bool) (*certification.Service, error) {
	if change {
		return e.service(true)
	}
	return e.reader()
}

// reader opens the store for reading.
func (e *env) reader() (*certification.Service, error) {
	if err := e.openRead(); err != nil {
		return nil, err
	}
	return e.svc, nil
}

// person finds a person by id or exact name (case and spacing ignored).
func (e *env) person(s string) (*certification.Person, error) {
	if err := e.openRead(); err != nil {
		return nil, err
	}
	if id, err := certification.ParseID(s); err == nil {
		p, err := e.svc.Person(e.ctx, id)
		if err == nil {
			return &p, nil
		} else if !errors.Is(err, certification.ErrNotFound) {
			return nil, err
		}
	}
	people, err := view.PeopleNamed(e.ctx, e.svc, s)
	if err != nil {
		return nil, err
	}
	switch len(people) {
	case 0:
		return nil, inputf("there is no person %q in the register: see 'certctl person list'", s)
	case 1:
		return &people[0], nil
	}
	var list []string
	for _, p := range people {
		list = append(list, p.ID.String())
	}
	return nil, inputf("%d people are called %q: give the id (%s)", len(people), s, strings.Join(list, ", "))
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
	case errors.Is(err, storage.ErrDiskFull):
		kind = "disk-full"
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

// jsonList is s for JSON output: an empty list where s is nil, so that
// it prints as [] rather than null.
func jsonList[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
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
