package main

import (
	"errors"
	"fmt"
	"time"

	"certdesk/certification"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
)

// The environment variables that stand for --office, --creds and
// --office-ca.
const (
	OfficeEnv   = "CERTDESK_OFFICE"
	CredsEnv    = "CERTDESK_CREDS"
	OfficeCAEnv = "CERTDESK_OFFICE_CA"
)

// officeFlags say which office the data folder is a desk of.
type officeFlags struct{ url, creds, ca string }

// joinOffice makes the open folder a desk of the body at the office and
// catches up with the body's journal: every verb then reads the body as
// of its head, and every change is proposed to the body's journal.
func (e *env) joinOffice() error {
	d, err := desk.Open(e.ctx, e.db, e.office.url, e.officeConfig())
	if errors.Is(err, desk.ErrNotReplica) || errors.Is(err, desk.ErrNeedsSnapshot) {
		return &inputError{msg: err.Error()}
	}
	if err != nil {
		return err
	}
	e.desk = d
	start := time.Now()
	n, err := d.Sync(e.ctx)
	e.synced = syncReport{applied: n, took: time.Since(start)}
	if errors.Is(err, desk.ErrOffline) {
		fmt.Fprintf(e.stderr, "certctl: offline — %s waiting: %v\n", plural(d.Waiting(), "change", "changes"), err)
	} else if err != nil {
		return err
	}
	e.svc = certification.NewService(d.Store(), e.clock)
	return nil
}

// syncReport is what joining the office caught up with.
type syncReport struct {
	applied int
	took    time.Duration
}

type syncCmd struct {
	Review  bool   `help:"list the changes made offline that the body refused, with the rule and every value they carried (JSON)"`
	Redo    uint64 `help:"run review item N's change again, as it was, as --as, now" placeholder:"N"`
	Done    uint64 `help:"take review item N off the list (you re-did it with other values)" placeholder:"N"`
	Discard uint64 `help:"throw review item N away; the body's journal records it (as --as)" placeholder:"N"`
}

func (syncCmd) Help() string {
	return `Catches the data folder up with the body's journal at the office given by
--office (or $CERTDESK_OFFICE), with --creds and --office-ca for an office
that speaks TLS: every entry this desk has not applied yet is run through
the same domain rules as on the desk that made it. Shows how many entries
were applied and the journal's head (the same on every desk of the body;
compare it with certctl verify's). Every other verb catches up the same
way first when an office is given (docs/sync.md).

While the office cannot be reached, a desk that joined the body before keeps
working: each change waits in its outbox, and sync says "offline" with how
many wait (exit 3). When the office is back, sync proposes them in order; a
change the body refuses in its new state goes to the review list, which
--review lists and --redo, --done and --discard work through.`
}

func (c syncCmd) Run(e *env) error {
	if e.office.url == "" {
		return inputf("certctl sync needs the body's office: --office URL (or $%s), with --creds FILE and --office-ca FILE for an office that speaks TLS", OfficeEnv)
	}
	if err := e.open(); err != nil {
		return err
	}
	if c.Review || c.Redo > 0 || c.Done > 0 || c.Discard > 0 {
		return c.review(e)
	}
	svc, err := e.service(false)
	if err != nil {
		return err
	}
	if svc.Signer() != nil { // that person's waiting changes can be signed now
		e.desk.Unlocked(svc.Signer())
		if _, err := e.desk.Sync(e.ctx); err != nil && !errors.Is(err, desk.ErrOffline) {
			return err
		}
	}
	head, err := e.db.Head(e.ctx)
	if err != nil {
		return err
	}
	waiting, reviews, err := e.outbox()
	if err != nil {
		return err
	}
	body, err := e.desk.BodyHead(e.ctx)
	if errors.Is(err, desk.ErrOffline) {
		return e.reportOffline(head, waiting, reviews)
	}
	if err != nil {
		return err
	}
	inStep := head == body && waiting == 0
	if e.json {
		err = e.writeJSON(map[string]any{"office": e.desk.Office(), "applied": e.synced.applied, "in_step": inStep, "offline": false, "waiting": waiting, "review": reviews,
			"head": map[string]any{"seq": head.Seq, "hash": head.Hash}, "body_head": map[string]any{"seq": body.Seq, "hash": body.Hash}})
	} else if inStep {
		e.printf("In step with the body at %s: %s applied in %s; head %d %s, the body's too\n", e.desk.Office(), plural(e.synced.applied, "entry", "entries"), e.synced.took.Round(time.Millisecond), head.Seq, head.Hash)
	} else {
		e.printf("Not in step with the body at %s: this desk's head is %d %s, the body's %d %s\n", e.desk.Office(), head.Seq, head.Hash, body.Seq, body.Hash)
	}
	if !e.json && reviews > 0 {
		e.printf("%s made offline refused by the body: see certctl sync --review\n", plural(reviews, "change", "changes"))
	}
	if err == nil && waiting > 0 {
		return &reportedError{code: exitInternal, msg: fmt.Sprintf("%s made offline still waiting: %v", plural(waiting, "change", "changes"), e.desk.Stuck())}
	}
	if err == nil && !inStep {
		return &reportedError{code: exitInternal, msg: fmt.Sprintf("this desk's journal head (%d %s) is not the body's (%d %s): run sync again; if it stays so, the desk's folder is not the body's", head.Seq, short(head.Hash), body.Seq, short(body.Hash))}
	}
	return err
}

type officeSnapshotCmd struct{}

func (officeSnapshotCmd) Help() string {
	return `Stores a copy of this desk's data folder (a backup, as of the journal entry
it has applied last) in the office given by --office: a new desk joining the
body starts from the latest copy and applies only the entries after it,
instead of every entry since the body began. Run it now and then (from cron,
say) on a desk the body trusts; the new desk checks that the copy ends on
the body's entry at that point before using it.`
}

func (officeSnapshotCmd) Run(e *env) error {
	if e.office.url == "" {
		return inputf("certctl office snapshot runs on a desk: give the body's office with --office URL (or $%s)", OfficeEnv)
	}
	if err := e.open(); err != nil {
		return err
	}
	s, err := e.desk.PutSnapshot(e.ctx)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"office": e.desk.Office(), "seq": s.Seq, "hash": s.Hash, "bytes": s.Size})
	}
	e.printf("Snapshot stored in %s: the body as of its entry %d (%s), %d bytes.\n", e.desk.Office(), s.Seq, s.Hash, s.Size)
	return nil
}

// restoreDesk fills a new data folder from the body's latest snapshot,
// when the body has one: a new desk then applies only the entries after
// it.
func (e *env) restoreDesk(dir string) error {
	ok, err := desk.Start(e.ctx, dir, e.office.url, e.officeConfig(), e.progress("restoring the body's snapshot", "keys"))
	e.progressDone()
	if ok {
		fmt.Fprintf(e.stderr, "certctl: %s starts from the body's snapshot\n", dir)
	}
	return err
}

func (e *env) officeConfig() bodylog.Config {
	return bodylog.Config{CAFile: e.office.ca, CredsFile: e.office.creds}
}

func short(h string) string { return h[:min(16, len(h))] }
