package desk

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"certdesk/certification"
	"certdesk/storage/bodylog"
)

// proposeAttempts bounds how often a proposal is made again because
// other desks appended first.
const proposeAttempts = 50

// errAppended stops a proposal whose entry is already in the body's
// journal when the desk's own write of it must be tried again.
var errAppended = errors.New("appended")

// Propose runs a command of this desk's (certification.Body): it catches
// up with the body, runs the command on the replica as the body's next
// entry and, in the same transaction, appends that entry to the body's
// journal on top of the head it applied; only when the office has taken
// it does the transaction commit. When another desk appended first, it
// catches up and runs the command again on the new state, where the
// rules may now refuse it.
func (d *Desk) Propose(ctx context.Context, p certification.Proposal) ([]any, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	e := certification.JournalEntry{At: p.At.Round(0), Actor: p.Actor, Command: p.Command.Name, Args: p.Command.Args}
	for range proposeAttempts {
		if _, err := d.catchUp(ctx); err != nil {
			return nil, err
		}
		head, err := d.db.Head(ctx)
		if err != nil {
			return nil, err
		}
		appended := false
		var appendErr error
		st := d.db.Applying(time.Time{}, func(sealed certification.JournalEntry) error {
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
			if _, err := d.log.Append(actx, head.Seq, sealed.Hash, data); err != nil {
				appendErr = err
				return err
			}
			appended = true
			return nil
		})
		e.Seq = head.Seq + 1
		results, err := certification.Replay(ctx, st, e, p.Signer, p.Command.Blobs)
		switch {
		case errors.Is(err, bodylog.ErrMoved):
			continue
		case errors.Is(err, errAppended):
			// In the body but not yet here: applying it from the journal
			// writes it as every other desk does.
			if _, err := d.catchUp(ctx); err != nil {
				return nil, err
			}
			return nil, fmt.Errorf("the change is in the body's journal (entry %d) and applied on this desk; look it up there", e.Seq)
		case appendErr != nil:
			return nil, d.unreachable(appendErr)
		}
		return results, err
	}
	return nil, fmt.Errorf("the change was not saved: other desks kept appending to the body's journal first (%d attempts); try again", proposeAttempts)
}
