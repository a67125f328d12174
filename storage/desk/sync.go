package desk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"certdesk/certification"
	"certdesk/storage"
)

// readAllFrom is how far behind a desk reads the journal through a
// consumer (batches) rather than entry by entry.
const readAllFrom = 16

// Sync applies the body's entries this desk has not applied yet, up to
// the journal's head, and returns how many it applied (refused ones
// included).
func (d *Desk) Sync(ctx context.Context) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.catchUp(ctx)
}

// catchUp is Sync with d.mu held: with changes waiting, a rejoin.
func (d *Desk) catchUp(ctx context.Context) (int, error) {
	if !d.log.Connected() {
		return 0, d.unreachable(errNotConnected)
	}
	if d.Waiting() > 0 {
		return d.rejoin(ctx)
	}
	return d.catchUpBody(ctx)
}

// catchUpBody applies the body's entries this desk has not applied; its
// waiting changes, if any, must be undone.
func (d *Desk) catchUpBody(ctx context.Context) (int, error) {
	local, err := d.db.Head(ctx)
	if err != nil {
		return 0, err
	}
	head, err := d.log.Head(ctx)
	if err != nil {
		return 0, d.unreachable(err)
	}
	at := local.Seq - d.base.Seq // the last stream entry applied here
	if head <= at {
		return 0, nil
	}
	if head-at <= readAllFrom {
		n := 0
		for seq := at + 1; seq <= head; seq++ {
			m, err := d.entry(ctx, seq)
			if err != nil {
				return n, d.unreachable(err)
			}
			if err := d.apply(ctx, seq, m); err != nil {
				return n, err
			}
			n++
		}
		return n, nil
	}
	// Far behind: apply in batches, one transaction each, while a reader
	// reads ahead (readFrom).
	entries, stop := d.readFrom(ctx, at+1)
	defer stop()
	n := 0
	first, batch := at+1, make([]message, 0, batchSize)
	dec := storage.NewDecoded()
	for m := range entries.msgs {
		if batch = append(batch, m); len(batch) < batchSize {
			continue
		}
		k, err := d.applyBatch(ctx, dec, first, batch)
		n += k
		if err != nil {
			return n, err
		}
		first, batch = first+uint64(len(batch)), batch[:0]
	}
	if err := entries.err; err != nil {
		return n, err // the entries after the last whole batch wait for the next catch-up
	}
	if len(batch) > 0 {
		k, err := d.applyBatch(ctx, dec, first, batch)
		return n + k, err
	}
	return n, nil
}

// readAhead is how many entries a desk catching up reads and decodes
// ahead of the batch it applies.
const readAhead = 2 * batchSize

// journalReader reads the body's journal in a goroutine of its own,
// decoding each entry, while the desk applies the entries before: msgs
// is closed after the last entry or the first error, which err then
// holds.
type journalReader struct {
	msgs chan message
	err  error
}

// readFrom starts reading the body's journal from entry from to its
// head, decoding each entry and verifying its signature. stop ends the reading and waits for the reader; the caller must
// call it.
func (d *Desk) readFrom(ctx context.Context, from uint64) (r *journalReader, stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	r = &journalReader{msgs: make(chan message, readAhead)}
	go func() {
		defer close(r.msgs)
		r.err = d.log.Read(ctx, from, func(seq uint64, data []byte) error {
			m, err := decode(seq, data)
			if err != nil {
				return err
			}
			m.verifySignature()
			select {
			case r.msgs <- m:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	return r, func() {
		cancel()
		for range r.msgs { // until the reader has returned
		}
	}
}

// batchSize is how many entries a catching-up desk applies in one
// transaction. 64 and 128 measured no faster (BENCHMARKS.md), and a
// batch too large for one transaction is applied entry by entry.
const batchSize = 32

// errSpoiled ends a batch that cannot be committed whole.
var errSpoiled = errors.New("the batch holds an entry that is refused")

// applyBatch applies msgs, the stream's entries from first on, in one
// transaction, reading records through dec; when one of them is refused
// (or the transaction would be too large) it applies them one by one
// instead. It returns how many it applied.
func (d *Desk) applyBatch(ctx context.Context, dec *storage.Decoded, first uint64, msgs []message) (int, error) {
	local, err := d.db.Head(ctx)
	if err != nil {
		return 0, err
	}
	err = d.db.ApplyBatch(ctx, dec, func(b *storage.Batch) error {
		at := local
		for i, m := range msgs {
			reason, next, err := d.replayOn(ctx, b.Applying, at, first+uint64(i), m)
			if err != nil {
				return err
			}
			if reason != "" {
				return errSpoiled
			}
			at = next
		}
		return nil
	})
	if err == nil {
		return len(msgs), nil
	}
	if halts(err) {
		return 0, err
	}
	for i, m := range msgs {
		if err := d.apply(ctx, first+uint64(i), m); err != nil {
			return i, err
		}
	}
	return len(msgs), nil
}

// apply runs entry seq of the body's journal on the replica: through the
// domain's command, as its actor, at its time, with its signature; the
// entry this desk writes must be the one the proposer sealed (the same
// hash). An entry that a rule of the domain refuses, whose signature or
// hash does not match, or that does not follow the body's chain, is
// written as refused: it changes nothing, and every desk refuses it the
// same way, so every desk's journal stays the body's.
func (d *Desk) apply(ctx context.Context, seq uint64, m message) error {
	e := m.Entry
	reason, err := d.replay(ctx, seq, m)
	if err != nil || reason == "" {
		return err
	}
	refused := certification.JournalEntry{At: e.At, Actor: e.Actor, Command: e.Command, Args: e.Args, Summary: e.Summary, Refused: reason}
	st := d.db.Applying(storage.Apply{Recorded: e.Recorded})
	if err := st.Update(ctx, refused, func(certification.Tx) error { return nil }); err != nil {
		return fmt.Errorf("recording entry %d of the body's journal as refused: %w", seq, err)
	}
	return nil
}

// replay applies m on the replica; reason is why it was refused (empty
// when applied), err a failure of this desk (the entry is neither
// applied nor refused).
func (d *Desk) replay(ctx context.Context, seq uint64, m message) (reason string, err error) {
	local, err := d.db.Head(ctx)
	if err != nil {
		return "", err
	}
	reason, _, err = d.replayOn(ctx, d.db.Applying, local, seq, m)
	return reason, err
}

// opener is DB.Applying or Batch.Applying: where an entry is written.
type opener func(storage.Apply) certification.Store

// replayOn applies m, entry seq of the stream, on the store open gives,
// whose journal ends at local; next is the journal's end after it.
func (d *Desk) replayOn(ctx context.Context, open opener, local storage.ChainLink, seq uint64, m message) (reason string, next storage.ChainLink, err error) {
	e := m.Entry
	want := d.base.Seq + seq // its place in every desk's journal
	switch {
	case local.Seq+1 != want:
		return "", local, fmt.Errorf("the desk's journal is at entry %d, so cannot apply the body's entry %d", local.Seq, want)
	case e.Seq != want:
		return fmt.Sprintf("it says it is entry %d but stands at %d of the body's journal", e.Seq, want), local, nil
	case e.Prev != local.Hash:
		return fmt.Sprintf("its chain link (prev %s) is not the hash of the entry before it (%s): the chain is broken", short(e.Prev), short(local.Hash)), local, nil
	}
	var sg *presigned
	if e.Signature != nil {
		sg = &presigned{person: e.Actor.PersonID, sig: e.Signature}
		if m.signs {
			sg.signs = e.Hash
		}
	}
	var mismatch string
	written := false
	st := open(storage.Apply{Recorded: e.Recorded, IDs: e.IDs, Sealed: func(got certification.JournalEntry) error {
		if got.Hash != e.Hash {
			mismatch = fmt.Sprintf("running its command here makes an entry with hash %s, not the %s it carries: the entry was altered, or the desk that made it runs other rules", short(got.Hash), short(e.Hash))
			return errMismatch
		}
		written = true
		return nil
	}})
	in := certification.JournalEntry{Seq: want, At: e.At, Actor: e.Actor, Command: e.Command, Args: e.Args}
	var signer certification.Signer
	if sg != nil {
		signer = sg
	}
	_, err = certification.Replay(ctx, st, in, signer, m.Blobs)
	switch {
	case err == nil && !written:
		return "its command made no journal entry here", local, nil
	case err == nil:
		return "", storage.ChainLink{Seq: want, Hash: e.Hash}, nil
	case mismatch != "":
		return mismatch, local, nil
	case sg != nil && sg.asked != "" && sg.asked != e.Hash:
		return fmt.Sprintf("its content does not match its hash (%s): it was altered after it was signed", short(e.Hash)), local, nil
	case sg != nil && sg.asked != "":
		return fmt.Sprintf("its signature does not verify with the key it names (%s)", certification.KeyFingerprint(e.Signature.Key)), local, nil
	case halts(err):
		return "", local, err
	}
	return err.Error(), local, nil
}

var errMismatch = errors.New("the entry does not match")

// errNotConnected is why a desk without a connection does not ask.
var errNotConnected = errors.New("no connection")

// halts reports whether err is this desk's trouble rather than the
// entry's: the entry is then neither applied nor refused, and the desk
// stops catching up until it is fixed.
func halts(err error) bool {
	var full *storage.DiskFullError
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) ||
		errors.As(err, &full) || errors.Is(err, certification.ErrUnknownCommand)
}

// unreachable words a failure to reach the office.
func (d *Desk) unreachable(err error) error {
	switch {
	case err == nil:
		return nil
	case !d.log.Connected():
		return fmt.Errorf("%w at %s (%v): this desk works on its replica and keeps its changes waiting until the office is back", ErrOffline, d.log.URL(), err)
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%w: the office at %s did not answer in time (%v)", ErrOffline, d.log.URL(), err)
	}
	return err
}

// waitConnected is how long a proposal waits for a lost connection to
// come back before it is refused.
const waitConnected = 3 * time.Second
