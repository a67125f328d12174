package desk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"certdesk/certification"
	"certdesk/storage"
)

// A desk that cannot reach its office keeps working (docs/sync.md,
// "Working offline"): a change runs on the replica as it would online
// and waits in the desk's outbox (storage/offline.go). When the office
// is back, catching up rejoins: the desk undoes its waiting changes,
// applies the body's entries and proposes the changes again, in order,
// on top of the new head. Each joins the body, or a rule of the domain
// refuses it on the new state and it goes to the review list with the
// rule and every value it carried. Whatever stops a rejoin (the office
// gone again, a crash, a person's key that is locked), the changes
// still waiting are applied here again, so that the desk always shows
// its own work; a desk killed in between redoes it on its next start.

// ErrOffline marks a failure to reach the office.
var ErrOffline = errors.New("the office cannot be reached")

// Waiting is how many changes wait to be proposed to the body.
func (d *Desk) Waiting() int {
	d.count.Lock()
	defer d.count.Unlock()
	return d.waiting
}

// Reviews is the review list: changes the body refused when they were
// proposed again.
func (d *Desk) Reviews(ctx context.Context) ([]storage.Review, error) { return d.db.Reviews(ctx) }

// Stuck says why changes still wait although the office can be reached
// (a person's identity locked on this desk); nil when none do.
func (d *Desk) Stuck() error {
	d.count.Lock()
	defer d.count.Unlock()
	return d.stuck
}

func (d *Desk) setStuck(err error) {
	d.count.Lock()
	defer d.count.Unlock()
	d.stuck = err
}

// resume applies again the waiting changes whose effects a desk stopped
// in the middle of rejoining left undone, when it opens without its
// office (with it, the first catch-up rejoins).
func (d *Desk) resume(ctx context.Context) error {
	if d.Waiting() == 0 || d.log.Connected() {
		return nil
	}
	return d.applyWaiting(ctx)
}

// recount reads how many changes wait.
func (d *Desk) recount(ctx context.Context) error {
	ws, err := d.db.Outbox(ctx)
	if err != nil {
		return err // the count stands: a change is never forgotten for a failed read
	}
	d.count.Lock()
	defer d.count.Unlock()
	d.waiting = len(ws)
	return nil
}

// offline runs p on the replica as a waiting change. tried is the
// journal's head when p was appended to the body without an answer (0:
// it was not): the office may have taken it after all, and rejoining
// looks for it there.
func (d *Desk) offline(ctx context.Context, p certification.Proposal, tried uint64) ([]any, error) {
	w := &storage.Waiting{Blobs: slices.Sorted(maps.Keys(p.Command.Blobs)), Tried: tried}
	e := certification.JournalEntry{At: p.At.Round(0), Actor: p.Actor, Command: p.Command.Name, Args: p.Command.Args}
	results, err := certification.Replay(ctx, d.db.Offline(w), e, p.Signer, p.Command.Blobs)
	if rerr := d.recount(ctx); err == nil {
		err = rerr
	}
	return results, err
}

// rejoin is catching up with changes waiting: see above.
func (d *Desk) rejoin(ctx context.Context) (int, error) {
	head, err := d.log.Head(ctx)
	if err != nil {
		return 0, d.unreachable(err) // nothing undone
	}
	if s := d.stuckOn; s.person != 0 && s.head == head && d.signer(s.person) == nil {
		return 0, nil // still waiting for the same person, and the body has not moved
	}
	d.stuckOn = stuckOn{}
	if _, err := d.db.UndoWaiting(ctx); err != nil {
		return 0, err
	}
	n, err := d.catchUpBody(ctx)
	if err == nil {
		err = d.proposeWaiting(ctx)
	}
	d.setStuck(nil)
	if errors.Is(err, errKeyLocked) {
		d.setStuck(err) // not the office's trouble: the rest wait, in order
		if h, herr := d.log.Head(ctx); herr == nil {
			d.stuckOn = stuckOn{person: d.lockedPerson, head: h}
		}
		err = nil
	}
	// Whatever stopped the rejoin, the changes still waiting are applied
	// here again, even when the caller's time is up.
	fix, cancel := context.WithTimeout(context.WithoutCancel(ctx), reapplyWithin)
	defer cancel()
	if rerr := d.applyWaiting(fix); rerr != nil {
		err = errors.Join(err, rerr)
	}
	if cerr := d.recount(fix); cerr != nil {
		err = errors.Join(err, cerr)
	}
	return n, err
}

// stuckOn is where the last rejoin stopped at a person's locked
// identity: that person, and the body's head then. Until the body moves
// or the person's identity is unlocked here, a rejoin would stop at the
// same change, so a watching desk does not undo and redo its changes
// every few seconds for nothing.
type stuckOn struct {
	person certification.ID
	head   uint64
}

// reapplyWithin bounds applying the waiting changes again after a rejoin
// that stopped.
const reapplyWithin = time.Minute

// proposeWaiting proposes the waiting changes (undone) in order, until
// one cannot be proposed now.
func (d *Desk) proposeWaiting(ctx context.Context) error {
	ws, err := d.db.Outbox(ctx)
	if err != nil {
		return err
	}
	for _, w := range ws {
		if done, err := d.landed(ctx, w); done || err != nil {
			if err != nil {
				return err
			}
			continue
		}
		sg, err := d.signerOf(ctx, w.Entry.Actor)
		if err != nil {
			return err
		}
		head, err := d.db.Head(ctx)
		if err != nil {
			return err
		}
		if err := d.db.Tried(ctx, w, head.Seq); err != nil {
			return err
		}
		w.Tried = head.Seq
		blobs, err := d.blobs(ctx, w.Blobs)
		if err != nil {
			return err
		}
		p := certification.Proposal{Command: certification.Command{Name: w.Entry.Command, Args: w.Entry.Args, Blobs: blobs}, At: w.Entry.At, Actor: w.Entry.Actor, Signer: sg}
		_, err = d.propose(ctx, p, storage.Apply{IDs: w.Entry.IDs, Forget: w.N})
		switch {
		case err == nil:
		case errors.Is(err, ErrOffline) || halts(err):
			return err
		default:
			if err := d.refused(ctx, w, err); err != nil {
				return err
			}
		}
	}
	return nil
}

// refused puts w, which a rule refused (err), on the review list,
// unless an earlier attempt by a desk stopped before it heard the
// office's answer reached the body after all (its ids are then taken):
// that is the change, not a refusal.
func (d *Desk) refused(ctx context.Context, w storage.Waiting, err error) error {
	if done, lerr := d.landed(ctx, w); done || lerr != nil {
		return lerr
	}
	return d.db.ToReview(ctx, w, ruleOf(err), err.Error())
}

// landed takes w out of the outbox if its entry is in the body's journal
// already (the desk was stopped after the office took it and before it
// wrote it here): applied, or refused by every desk (then to review).
func (d *Desk) landed(ctx context.Context, w storage.Waiting) (bool, error) {
	if w.Tried == 0 {
		return false, nil
	}
	var found *certification.JournalEntry
	err := d.db.Journal(ctx, w.Tried+1, func(e certification.JournalEntry) error {
		if e.At.Equal(w.Entry.At) && e.Actor.PersonID == w.Entry.Actor.PersonID && e.Command == w.Entry.Command && bytes.Equal(e.Args, w.Entry.Args) {
			found = &e
			return certification.ErrStop
		}
		return nil
	})
	switch {
	case err != nil || found == nil:
		return false, err
	case found.Refused != "":
		return true, d.db.ToReview(ctx, w, "", found.Refused)
	}
	return true, d.db.Forget(ctx, w.N)
}

// applyWaiting applies here again every waiting change whose effects were
// undone, in order; one that a rule now refuses here goes to review.
func (d *Desk) applyWaiting(ctx context.Context) error {
	ws, err := d.db.Outbox(ctx)
	if err != nil {
		return err
	}
	for _, w := range ws {
		if w.Applied {
			continue
		}
		blobs, err := d.blobs(ctx, w.Blobs)
		if err != nil {
			return err
		}
		key, err := d.keyOf(ctx, w.Entry.Actor.PersonID)
		if err != nil {
			return err
		}
		var sg certification.Signer
		if key != nil {
			sg = madeBy{w.Entry.Actor.PersonID, key}
		}
		in := certification.JournalEntry{At: w.Entry.At, Actor: w.Entry.Actor, Command: w.Entry.Command, Args: w.Entry.Args}
		_, err = certification.Replay(ctx, d.db.Offline(&w), in, sg, blobs)
		switch {
		case err == nil:
		case halts(err):
			return err
		default:
			if err := d.refused(ctx, w, err); err != nil {
				return err
			}
		}
	}
	return nil
}

// blobs reads the content a waiting change stored.
func (d *Desk) blobs(ctx context.Context, hashes []string) (map[string][]byte, error) {
	if len(hashes) == 0 {
		return nil, nil
	}
	out := make(map[string][]byte, len(hashes))
	err := d.db.View(ctx, func(tx certification.Tx) error {
		for _, h := range hashes {
			b, err := tx.Blob(h)
			if err != nil {
				return fmt.Errorf("the content %s a waiting change stored: %w", short(h), err)
			}
			out[h] = b
		}
		return nil
	})
	return out, err
}

// ruleOf is the id of the domain's rule that refused err, if one did.
func ruleOf(err error) string {
	var r *certification.RuleError
	if errors.As(err, &r) {
		return r.Rule
	}
	return ""
}
