package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/bodylog"
)

// proposeAttempts bounds how often a proposal is made again because
// other desks appended first; between attempts the desk waits a random
// while that grows with each (up to maxBackoff), so that a desk that
// keeps losing the race to faster ones gets its turn.
const (
	proposeAttempts = 200
	maxBackoff      = 64 * time.Millisecond
)

// errAppended stops a proposal whose entry is already in the body's
// journal when the desk's own write of it must be tried again.
var errAppended = errors.New("appended")

// Propose runs a command of this desk's (certification.Body): it catches
// up with the body, runs the command on the replica as the body's next
// entry and, in the same transaction, appends that entry to the body's
// journal on top of the head it applied; only when the office has taken
// it does the transaction commit. When another desk appended first, it
// catches up and runs the command again on the new state, where the
// rules may now refuse it. When the office cannot be reached, or
// changes made offline still wait, the command runs on the replica and
// waits with them (offline.go).
func (d *Desk) Propose(ctx context.Context, p certification.Proposal) ([]any, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.Unlocked(p.Signer)
	if d.Waiting() > 0 && d.log.Connected() {
		if _, err := d.rejoin(ctx); err != nil && !errors.Is(err, ErrOffline) {
			return nil, notSaved(err)
		}
	}
	if d.Waiting() > 0 || !d.log.Connected() {
		return d.offline(ctx, p, 0)
	}
	head, err := d.db.Head(ctx)
	if err != nil {
		return nil, err
	}
	results, err := d.propose(ctx, p, storage.Apply{})
	if errors.Is(err, ErrOffline) {
		return d.offline(ctx, p, head.Seq)
	}
	return results, err
}

// propose is Propose online, with d.mu held: extra names the ids the
// entry must give and the waiting change it is.
func (d *Desk) propose(ctx context.Context, p certification.Proposal, extra storage.Apply) ([]any, error) {
	e := certification.JournalEntry{At: p.At.Round(0), Actor: p.Actor, Command: p.Command.Name, Args: p.Command.Args}
	// The first attempt trusts that the replica is current (a watching
	// desk is kept so), which saves asking the office for its head: an
	// append on a stale head is refused (ErrMoved) and tried again after
	// catching up, and a refusal by a rule stands only once the replica
	// is known to be current.
	current := false
	for attempt := range proposeAttempts {
		if attempt > 0 {
			if err := backoff(ctx, attempt); err != nil {
				return nil, notSaved(err)
			}
		}
		if !current {
			if attempt > 0 {
				if _, err := d.catchUpBody(ctx); err != nil {
					return nil, notSaved(err)
				}
			}
			current = attempt > 0
		}
		head, err := d.db.Head(ctx)
		if err != nil {
			return nil, err
		}
		appended := false
		var appendErr error
		apply := extra
		apply.Sealed = func(sealed certification.JournalEntry) error {
			if appended {
				return errAppended // Badger runs the transaction again: the entry is in already
			}
			if d.tamper != nil {
				d.tamper(&sealed)
			}
			data, err := json.Marshal(message{Entry: sealed, Blobs: p.Command.Blobs})
			if err != nil {
				return err
			}
			actx, cancel := context.WithTimeout(ctx, waitConnected)
			defer cancel()
			if _, err := d.log.Append(actx, head.Seq-d.base.Seq, sealed.Hash, data); err != nil {
				appendErr = err
				return err
			}
			appended = true
			return nil
		}
		st := d.db.Applying(apply)
		e.Seq = head.Seq + 1
		results, err := certification.Replay(ctx, st, e, p.Signer, p.Command.Blobs)
		switch {
		case errors.Is(err, bodylog.ErrMoved):
			current = false
			continue
		case errors.Is(err, errAppended):
			// In the body but not yet here: applying it from the journal
			// writes it as every other desk does.
			if _, err := d.catchUpBody(ctx); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("the change is in the body's journal (entry %d) and applied on this desk; look it up there", e.Seq)
		case appendErr != nil:
			return nil, notSaved(d.unreachable(appendErr))
		case err != nil && !current:
			// Refused on a replica that may be behind: catch up first.
			n, cerr := d.catchUpBody(ctx)
			if cerr != nil {
				return nil, notSaved(cerr)
			}
			if n > 0 {
				current = true
				continue
			}
		}
		return results, err
	}
	return nil, fmt.Errorf("the change was not saved: other desks kept appending to the body's journal first (%d attempts); try again", proposeAttempts)
}

// backoff waits a random while before attempt (1, 2, …): up to 1 ms
// doubled each attempt, at most maxBackoff.
func backoff(ctx context.Context, attempt int) error {
	limit := min(time.Millisecond<<min(attempt, 10), maxBackoff)
	t := time.NewTimer(rand.N(limit) + time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// notSaved says that a proposal's change was not saved, and why.
func notSaved(err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("the change was not saved: %w", err)
}
