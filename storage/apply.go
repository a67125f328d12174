package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// A desk of a body with an office (storage/desk) writes its replica only
// by running the body's journal entries through the domain's commands
// (certification.Replay). The store it gives Replay keeps two promises
// that a desk alone has no need of:
//   - the recorded time is the entry's, not this machine's, so every
//     desk seals the same entry (for an entry this desk proposes, its
//     clock, but never before the entry ahead of it: the body's journal
//     never goes back, whatever the desks' clocks say);
//   - the entry, once sealed and signed, is shown to a hook before the
//     transaction commits: the desk appends it to the body's journal
//     there (a proposal), or checks it against the body's (an entry
//     applied), and an error from the hook writes nothing.

// Apply says how one entry of the body's journal is written.
type Apply struct {
	// Recorded is the entry's recorded time; zero for an entry this desk
	// proposes now (this machine's clock, kept in order).
	Recorded time.Time
	// Sealed, if not nil, sees the entry as sealed before it is
	// committed; its error aborts the transaction and is returned as is.
	Sealed func(certification.JournalEntry) error
	// IDs are the ids the entry's proposer chose (JournalEntry.IDs): the
	// command's records get them, in order, and the entry carries them.
	IDs []certification.ID
	// Forget, if not 0, is the waiting change (outbox.go) this entry is:
	// it leaves the outbox in the same transaction.
	Forget uint64
}

// applyHooks are a store's promises while applying (see above).
type applyHooks struct {
	recorded time.Time
	sealed   func(certification.JournalEntry) error
	ids      []certification.ID
	forget   uint64
}

// Applying returns the store on db that applies one entry of the body's
// journal as a says.
func (db *DB) Applying(a Apply) certification.Store {
	return &applyStore{db: db, hooks: a.hooks()}
}

func (a Apply) hooks() applyHooks {
	return applyHooks{recorded: a.Recorded, sealed: a.Sealed, ids: a.IDs, forget: a.Forget}
}

// written finishes the entry's transaction after its journal entry: the
// waiting change it is leaves the outbox.
func (h *applyHooks) written(t *tx) error {
	if h.forget == 0 {
		return nil
	}
	return tooLarge(forget(t.txn, h.forget))
}

// applyStore applies one entry: in a transaction of its own, or in a
// Batch's (txn set) with the entries before it.
type applyStore struct {
	db    *DB
	txn   *badger.Txn // the batch's transaction; nil: one of its own
	hooks applyHooks
	dec   *Decoded    // the batch's, nil: none (decoded.go)
	index *batchIndex // the batch's, nil: none (batchindex.go)
}

func (a *applyStore) View(ctx context.Context, fn func(certification.Tx) error) error {
	if a.txn == nil {
		return a.db.View(ctx, fn)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	// Reads see what the batch wrote so far (Badger reads its own
	// writes), as the entry would on its own.
	return fn(&tx{txn: a.txn, decoded: a.dec, index: a.index})
}

func (a *applyStore) Update(ctx context.Context, e certification.JournalEntry, fn func(certification.Tx) error) error {
	if a.txn == nil {
		return a.db.update(ctx, e, fn, &a.hooks)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	t := &tx{txn: a.txn, writable: true, now: a.db.now, memory: a.db.memory, apply: &a.hooks, decoded: a.dec, index: a.index}
	if err := fn(t); err != nil {
		return err
	}
	return t.writeJournal(e)
}

func (a *applyStore) Journal(ctx context.Context, from uint64, fn func(certification.JournalEntry) error) error {
	return a.db.Journal(ctx, from, fn)
}

// recordedTime is the recorded time of the entry being written after
// head: the given one, or now but not before the entry at head.
func (h *applyHooks) recordedTime(t *tx, head ChainLink, now time.Time) (time.Time, error) {
	if !h.recorded.IsZero() {
		return h.recorded.UTC(), nil
	}
	if head.Seq == 0 {
		return now, nil
	}
	item, err := t.txn.Get(journalKey(head.Seq))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return now, nil
	}
	if err != nil {
		return now, fmt.Errorf("storage: reading journal entry %d: %w", head.Seq, err)
	}
	var before certification.JournalEntry
	if err := item.Value(func(v []byte) error { return json.Unmarshal(v, &before) }); err != nil {
		return now, fmt.Errorf("storage: decoding journal entry %d: %w", head.Seq, err)
	}
	if now.Before(before.Recorded) {
		return before.Recorded.UTC(), nil
	}
	return now, nil
}

// Head is the journal's last entry as a ChainLink: its sequence number
// and hash (zero for an empty journal).
func (db *DB) Head(ctx context.Context) (ChainLink, error) {
	var h ChainLink
	err := db.bdb.View(func(txn *badger.Txn) error {
		var err error
		h, _, err = readHead(txn)
		return err
	})
	return h, err
}

// Batch applies many entries of the body's journal in one Badger
// transaction, committed (and fsynced) once: a desk catching up pays
// one commit for hundreds of entries, not one each. Badger has no
// savepoints, so an entry that fails (a rule refuses it, or the
// transaction grows too large) spoils the batch: the caller discards it
// (ApplyBatch returns the entry's error and writes nothing) and applies
// those entries one by one.
type Batch struct {
	db    *DB
	txn   *badger.Txn
	dec   *Decoded
	index *batchIndex
}

// ApplyBatch runs fn with a Batch and commits what it wrote when fn
// returns nil; otherwise nothing is written and fn's error is returned.
// The batch reads records through dec, if not nil: a desk catching up
// gives one Decoded to all its batches.
func (db *DB) ApplyBatch(ctx context.Context, dec *Decoded, fn func(*Batch) error) error {
	if db.readOnly {
		return db.Update(ctx, certification.JournalEntry{}, nil) // its refusal says why
	}
	txn := db.bdb.NewTransaction(true)
	defer txn.Discard()
	// The batch reads the journal's head first, so that a change another
	// transaction commits meanwhile makes its commit fail (batchindex.go).
	if _, _, err := readHead(txn); err != nil {
		return err
	}
	index := newBatchIndex(db.bdb, txn)
	defer index.discard()
	files := dec.keptFiles()
	readTs := txn.ReadTs()
	files.begin(readTs)
	if err := fn(&Batch{db: db, txn: txn, dec: dec, index: index}); err != nil {
		files.reset()
		return err
	}
	if err := txn.Commit(); err != nil {
		files.reset()
		return tooLarge(err)
	}
	after := db.bdb.NewTransaction(false)
	files.committed(readTs, after.ReadTs())
	after.Discard()
	return nil
}

// Applying is DB.Applying inside the batch: each Update writes its
// records and its journal entry into the batch's transaction.
func (b *Batch) Applying(a Apply) certification.Store {
	return &applyStore{db: b.db, txn: b.txn, hooks: a.hooks(), dec: b.dec, index: b.index}
}
