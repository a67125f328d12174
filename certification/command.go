package certification

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"
)

// Commands are data. Every change the Service makes is journalled with
// the name of the method that made it and that method's arguments, as
// JSON (JournalEntry.Args), so that running the same method with the
// same arguments, time and actor on the same records (Replay) makes the
// same change: the same records, the same journal entry, the same hash.
// That is how every desk of a body with an office applies the body's
// journal (docs/sync.md): through this domain code, never by copying
// records, so a rule holds on every desk whoever proposed the change.

// Command is one change as data: the name of a method of commands and
// its arguments after the context, a JSON array.
type Command struct {
	Name string
	Args json.RawMessage
	// Blobs is the content the command stores (evidence), by its hex
	// SHA-256: the arguments name it by its hash, and it travels beside
	// the journal entry, as the store keeps it beside the records.
	Blobs map[string][]byte
	err   error // the arguments would not encode
}

// call is the command that runs method name with args. Arguments that
// JSON cannot carry faithfully (text that is not UTF-8, a number that is
// not finite) are refused here as the store refuses them in a record
// (CheckValues), since the command is what every desk runs.
func call(name string, args ...any) Command {
	if args == nil {
		args = []any{}
	}
	for _, a := range args {
		if err := checkArgument(a); err != nil {
			return Command{Name: name, err: err}
		}
	}
	data, err := json.Marshal(args)
	if err != nil {
		err = fmt.Errorf("command %s: its arguments do not encode: %w", name, err)
	}
	return Command{Name: name, Args: data, err: err}
}

// checkArgument is CheckValues for a command's argument: a record (or a
// record's value) by its kind's name, anything else as "argument".
func checkArgument(a any) error {
	v := reflect.ValueOf(a)
	if !v.IsValid() {
		return nil
	}
	if v.Kind() != reflect.Pointer {
		p := reflect.New(v.Type())
		p.Elem().Set(v)
		if r, ok := p.Interface().(Record); ok {
			return CheckValues(r)
		}
	} else if r, ok := a.(Record); ok && !v.IsNil() {
		return CheckValues(r)
	}
	return checkValues("argument", a)
}

// commands are the methods a journalled command names. Each is a method
// expression func(*Service, context.Context, args...) (results..., error)
// and makes exactly one journal entry (one update) when it succeeds: a
// public method that makes more (SetPolicy, then the recomputation) is
// registered by its first step alone.
var commands = map[string]any{
	"acknowledge-case":       (*Service).AcknowledgeCase,
	"add-certification":      (*Service).AddCertification,
	"add-client":             (*Service).AddClient,
	"add-person":             (*Service).AddPerson,
	"attach-evidence":        (*Service).attachEvidence,
	"change-audit":           (*Service).ChangeAudit,
	"close-case":             (*Service).CloseCase,
	"decide-case":            (*Service).DecideCase,
	"decide":                 (*Service).Decide,
	"discard-change":         (*Service).DiscardChange,
	"define-standard":        (*Service).DefineStandard,
	"escalate-finding":       (*Service).EscalateFinding,
	"hold-audit":             (*Service).HoldAudit,
	"import-responses":       (*Service).RecordResponses,
	"investigate-case":       (*Service).InvestigateCase,
	"issue-document":         (*Service).IssueDocument,
	"set-report-details":     (*Service).SetReportDetails,
	"set-audit-activities":   (*Service).SetAuditActivities,
	"review-transfer":        (*Service).ReviewTransfer,
	"leave-integrated-audit": (*Service).LeaveIntegratedAudit,
	"mark-refresh":           (*Service).MarkRefresh,
	"plan-audit":             (*Service).PlanAudit,
	"plan-integrated-audit":  (*Service).PlanIntegratedAudit,
	"receive-case":           (*Service).ReceiveCase,
	"record-checklist":       (*Service).recordEntries,
	"record-finding":         (*Service).RecordFinding,
	"record-response":        (*Service).RecordResponse,
	"refresh-obligations":    (*Service).refreshFrom,
	"release-audit":          (*Service).ReleaseAudit,
	"review-response":        (*Service).ReviewResponse,
	"set-audit-time-terms":   (*Service).SetAuditTimeTerms,
	"set-person-key":         (*Service).SetPersonKey,
	"set-policy":             (*Service).setPolicy,
	"set-policy-image":       (*Service).setPolicyImage,
	"set-soa":                (*Service).SetExclusions,
	"update-client":          (*Service).UpdateClient,
	"update-person":          (*Service).UpdatePerson,
	"verify-finding":         (*Service).VerifyFinding,
}

// Body is the shared journal of a body with an office (storage/desk):
// a desk's Service (NewService on a store that is a Body) proposes each
// command to it instead of writing it
// alone, and the body runs it (Replay) on the desk's replica on top of
// the body's head. The results are the method's, without its error.
type Body interface {
	Propose(ctx context.Context, p Proposal) ([]any, error)
}

// Proposal is a command with who proposes it and when.
type Proposal struct {
	Command Command
	At      time.Time
	Actor   Actor
	Signer  Signer
}

// propose hands c to the body as the service's actor, now.
func (s *Service) propose(ctx context.Context, c Command) ([]any, error) {
	if c.err != nil {
		return nil, c.err
	}
	return s.body.Propose(ctx, Proposal{Command: c, At: s.clock.Now(), Actor: s.actor, Signer: s.signer})
}

// proposed is the first result of a proposed command (an ID, say).
func proposed[T any](r []any, err error) (T, error) {
	var v T
	if err != nil || len(r) == 0 {
		return v, err
	}
	v, _ = r[0].(T)
	return v, nil
}

// ErrUnknownCommand is returned (wrapped) by Replay for an entry whose
// command this version of CertDesk does not have.
var ErrUnknownCommand = errors.New("is not a command this version of CertDesk knows: update CertDesk to apply it")

// Replay runs e's command (e.Command, e.Args) on st with e's time and
// actor, signed by sg (nil for an unsigned change), with the content
// blobs that came with it, and returns the method's results. On the same
// records it makes the same change and the same journal entry as when it
// was first made.
func Replay(ctx context.Context, st Store, e JournalEntry, sg Signer, blobs map[string][]byte) ([]any, error) {
	once := &oneEntry{Store: st, command: e.Command}
	s := &Service{store: once, clock: FixedClock(e.At), actor: e.Actor, signer: sg, blobs: blobs}
	results, err := s.invoke(ctx, e.Command, e.Args)
	var bad *badCall
	if errors.As(err, &bad) {
		return nil, fmt.Errorf("journal entry %d: %w", e.Seq, bad.err)
	}
	return results, err
}

// badCall is a command that cannot be called: an unknown name, or
// arguments that do not read.
type badCall struct{ err error }

func (b *badCall) Error() string { return b.err.Error() }
func (b *badCall) Unwrap() error { return b.err }

// Run runs command c as s's actor, now: what a review list's "re-do"
// does with a change the body refused (docs/sync.md).
func (s *Service) Run(ctx context.Context, c Command) ([]any, error) {
	if s.body != nil {
		return s.propose(ctx, c)
	}
	r := *s
	r.blobs = c.Blobs
	return r.invoke(ctx, c.Name, c.Args)
}

// invoke calls the method of commands that name names with args.
func (s *Service) invoke(ctx context.Context, name string, args json.RawMessage) ([]any, error) {
	m, ok := commands[name]
	if !ok {
		return nil, &badCall{fmt.Errorf("%q %w", name, ErrUnknownCommand)}
	}
	fn := reflect.ValueOf(m)
	t := fn.Type()
	var raw []json.RawMessage
	if err := json.Unmarshal(args, &raw); err != nil {
		return nil, &badCall{fmt.Errorf("%s: its arguments do not read: %w", name, err)}
	}
	if len(raw) != t.NumIn()-2 {
		return nil, &badCall{fmt.Errorf("%s: %d arguments, the command takes %d", name, len(raw), t.NumIn()-2)}
	}
	in := []reflect.Value{reflect.ValueOf(s), reflect.ValueOf(ctx)}
	for i, r := range raw {
		v := reflect.New(t.In(i + 2))
		if err := json.Unmarshal(r, v.Interface()); err != nil {
			return nil, &badCall{fmt.Errorf("%s: argument %d does not read: %w", name, i+1, err)}
		}
		in = append(in, v.Elem())
	}
	out := fn.Call(in)
	if err, _ := out[len(out)-1].Interface().(error); err != nil {
		return nil, err
	}
	results := make([]any, 0, len(out)-1)
	for _, v := range out[:len(out)-1] {
		results = append(results, v.Interface())
	}
	return results, nil
}

// oneEntry is the store a replayed command runs on: it refuses a second
// journal entry, since an entry of the journal is one command (a method
// that makes more is registered by its first step: see commands).
type oneEntry struct {
	Store
	command string
	done    bool
}

func (o *oneEntry) Update(ctx context.Context, e JournalEntry, fn func(Tx) error) error {
	if o.done {
		return fmt.Errorf("command %s made a second journal entry when replayed: a CertDesk defect (each command is one entry)", o.command)
	}
	err := o.Store.Update(ctx, e, fn)
	o.done = err == nil
	return err
}
