// Package desk makes a CertDesk data folder a desk of a body with an
// office (docs/sync.md): the folder is a full replica of the body, kept
// in step with the body's journal (storage/bodylog) by running every
// entry through the domain's commands (certification.Replay), in the
// journal's order; the desk's own changes are proposed to the journal
// on top of the head it has applied and written only once the office has
// taken them.
//
// The desk's journal is the body's: its entry n is the body's entry n
// on every desk, with the same hash, so `certctl verify` gives the same
// head everywhere.
package desk

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/bodylog"
)

// Desk is a data folder joined to a body's journal.
type Desk struct {
	db   *storage.DB
	log  *bodylog.Log
	base bodylog.Base // the body's start: entry n of the stream is entry base.Seq+n here

	mu sync.Mutex // one proposal or catch-up at a time

	// count guards how many changes wait (offline.go) and the unlocked
	// identities that sign them when they are proposed again.
	count   sync.Mutex
	waiting int
	stuck   error

	// Where rejoining last stopped at a locked identity (d.mu).
	stuckOn      stuckOn
	lockedPerson certification.ID
	signers      map[certification.ID]certification.Signer

	// tamper, in tests only, alters an entry after this desk sealed it
	// and before it is appended: a desk running altered software.
	tamper func(*certification.JournalEntry)

	watch struct {
		sync.Mutex
		stop func()
		done chan struct{}
	}
}

// Open joins db to the body's journal at url. The folder must be a
// replica of the body: empty, or holding the body's entries up to some
// point (a desk that was here before); a folder with changes the body
// does not have is refused, so that no desk's journal forks from the
// body's unseen. It does not catch up: Sync does.
//
// A folder that was a desk of the body before opens while the office
// cannot be reached: it works offline (offline.go) from the base it
// remembers, and catches up when the office is back.
func Open(ctx context.Context, db *storage.DB, url string, cfg bodylog.Config) (*Desk, error) {
	known, joined, err := db.BodyBase(ctx)
	if err != nil {
		return nil, err
	}
	if joined {
		cfg.Known = &bodylog.Base{Seq: known.Seq, Hash: known.Hash}
	}
	log, err := bodylog.Open(ctx, url, cfg)
	if err != nil {
		return nil, err
	}
	d := &Desk{db: db, log: log}
	if d.base, err = log.Base(); err != nil {
		log.Close()
		return nil, err
	}
	if joined && (known.Seq != d.base.Seq || known.Hash != d.base.Hash) {
		log.Close()
		return nil, fmt.Errorf("the body at %s begins on entry %d (%s), and this folder was a desk of a body that begins on entry %d (%s): %w", url, d.base.Seq, short(d.base.Hash), known.Seq, short(known.Hash), ErrNotReplica)
	}
	if !joined {
		if err := db.SetBodyBase(ctx, storage.ChainLink{Seq: d.base.Seq, Hash: d.base.Hash}); err != nil {
			log.Close()
			return nil, err
		}
	}
	if err := d.checkReplica(ctx); err != nil {
		log.Close()
		return nil, err
	}
	if err := d.recount(ctx); err != nil {
		log.Close()
		return nil, err
	}
	if err := d.resume(ctx); err != nil {
		log.Close()
		return nil, err
	}
	return d, nil
}

// Close stops watching and disconnects; the folder stays open (its
// owner closes it).
func (d *Desk) Close() {
	d.StopWatching()
	d.log.Close()
}

// Office is the URL of the office the desk is joined to.
func (d *Desk) Office() string { return d.log.URL() }

// Connected reports whether the office can be reached now.
func (d *Desk) Connected() bool { return d.log.Connected() }

// Store is the desk's replica as a certification.Store: reads as the
// folder's. It is also the certification.Body a Service on it proposes
// every command to; Update refuses a write that is not a command.
func (d *Desk) Store() certification.Store { return replica{d} }

// replica is the Desk as a Store; its Propose makes it the Body too.
type replica struct{ *Desk }

func (r replica) View(ctx context.Context, fn func(certification.Tx) error) error {
	return r.db.View(ctx, fn)
}

func (r replica) Journal(ctx context.Context, from uint64, fn func(certification.JournalEntry) error) error {
	return r.db.Journal(ctx, from, fn)
}

// ErrNotThroughBody refuses a write to a desk's replica that is not a
// command of the body's journal (an import, a demo, a restore).
var ErrNotThroughBody = errors.New("this folder is a desk of a body with an office: it changes only through the body's journal, by commands (an import, demo data or a restore goes into a folder alone, which then becomes the body's start)")

func (r replica) Update(context.Context, certification.JournalEntry, func(certification.Tx) error) error {
	return ErrNotThroughBody
}

// ErrNotReplica refuses a folder that is not a replica of the body.
var ErrNotReplica = errors.New("the folder is not a replica of this body, so it cannot be its desk: join with a new, empty folder")

// ErrNeedsSnapshot refuses an empty folder as a desk of a body that
// began from an existing folder: it starts from the body's snapshot
// (Restore).
var ErrNeedsSnapshot = errors.New("this body began from an existing data folder, so a new desk starts from the body's snapshot: join with a new folder that does not exist yet (certctl --data NEW --office URL sync restores it)")

// checkReplica refuses a folder whose journal is not a prefix of the
// body's.
func (d *Desk) checkReplica(ctx context.Context) error {
	local, err := d.db.Head(ctx)
	if err != nil {
		return err
	}
	switch {
	case local.Seq == 0 && d.base.Seq == 0:
		return nil
	case local.Seq == 0:
		return ErrNeedsSnapshot
	case local.Seq < d.base.Seq:
		return fmt.Errorf("this folder's journal has %d entries and the body began at entry %d of another: %w", local.Seq, d.base.Seq, ErrNotReplica)
	case local.Seq == d.base.Seq:
		if local.Hash != d.base.Hash {
			return fmt.Errorf("this folder's journal entry %d (hash %s) is not the one the body began on (hash %s): %w", local.Seq, short(local.Hash), short(d.base.Hash), ErrNotReplica)
		}
		return nil
	}
	if !d.log.Connected() {
		return nil // offline: it was checked when the desk last joined
	}
	head, err := d.log.Head(ctx)
	if err != nil {
		return err
	}
	at := local.Seq - d.base.Seq // this desk's place in the stream
	if at > head {
		return fmt.Errorf("this folder's journal has %d entries and the body's at %s only %d: it holds changes the body does not have: %w", local.Seq, d.log.URL(), d.base.Seq+head, ErrNotReplica)
	}
	m, err := d.entry(ctx, at)
	if err != nil {
		return err
	}
	if m.Entry.Hash != local.Hash {
		return fmt.Errorf("this folder's journal entry %d (hash %s) is not the body's (hash %s): %w", local.Seq, short(local.Hash), short(m.Entry.Hash), ErrNotReplica)
	}
	return nil
}

func short(h string) string { return h[:min(len(h), 16)] }

// Applied is the sequence number of the last journal entry applied here
// (the body's entry it is in step with).
func (d *Desk) Applied(ctx context.Context) (uint64, error) {
	h, err := d.db.Head(ctx)
	return h.Seq, err
}

// BodyHead is the body's last entry as the office holds it: its place in
// every desk's journal and its hash. A desk in step has the same head
// (certctl sync compares them).
func (d *Desk) BodyHead(ctx context.Context) (storage.ChainLink, error) {
	if !d.log.Connected() {
		return storage.ChainLink{}, d.unreachable(errNotConnected)
	}
	head, err := d.log.Head(ctx)
	if err != nil || head == 0 {
		return storage.ChainLink{Seq: d.base.Seq, Hash: d.base.Hash}, d.unreachable(err)
	}
	m, err := d.entry(ctx, head)
	if err != nil {
		return storage.ChainLink{}, d.unreachable(err)
	}
	return storage.ChainLink{Seq: d.base.Seq + head, Hash: m.Entry.Hash}, nil
}
