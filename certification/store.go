package certification

import (
	"context"
	"encoding/json"
	"time"
)

// Store is what the domain needs from persistence. The storage package
// implements it on Badger; the domain never sees Badger.
type Store interface {
	// View runs fn in a read-only snapshot.
	View(ctx context.Context, fn func(Tx) error) error
	// Update runs fn in one read-write transaction. The store appends
	// entry to the journal in the same transaction, filling in its
	// sequence number and the records that fn changed. If fn returns an
	// error nothing is written.
	Update(ctx context.Context, entry JournalEntry, fn func(Tx) error) error
	// Journal calls fn for each journal entry from sequence number from on.
	Journal(ctx context.Context, from uint64, fn func(JournalEntry) error) error
}

// Tx is one transaction. Records are read into and written from the
// domain's own types.
type Tx interface {
	// Get reads the record of dst's kind with the given id into dst; the
	// error wraps ErrNotFound when there is none. dst may be a type of
	// its own of that kind that holds only some of the record's fields
	// (by their JSON names): it gets those (so does Each's decode).
	Get(id ID, dst Record) error
	// Put writes r and its index terms, removing the terms an earlier
	// version had and r no longer names.
	Put(r Record) error
	// Delete removes a record and its index terms.
	Delete(kind Kind, id ID) error
	// NextID hands out the next unused id of a kind (from 1 up).
	NextID(kind Kind) (ID, error)
	// Lookup lists the ids filed under exactly value in an index, in id order.
	Lookup(index string, value []byte) ([]ID, error)
	// Range calls fn for each index entry with from <= value < to, in
	// value order; a nil bound is open. Returning ErrStop ends the walk.
	Range(index string, from, to []byte, fn func(value []byte, id ID) error) error
	// Each calls fn for each record of a kind in id order; decode reads
	// the record. Returning ErrStop ends the walk.
	Each(kind Kind, fn func(id ID, decode func(dst Record) error) error) error
	// Count returns the number of records of a kind.
	Count(kind Kind) (int, error)
	// PutBlob stores content under its hex SHA-256 (ContentHash), which
	// it returns: the same bytes twice are stored once. A blob is never
	// changed; a record that names its hash (Evidence) is what the
	// journal chains.
	PutBlob(content []byte) (string, error)
	// Blob reads the content stored under hash; the error wraps
	// ErrNotFound when there is none.
	Blob(hash string) ([]byte, error)
}

// ErrStop ends a Range or Each walk early without error.
var ErrStop = stopError{}

type stopError struct{}

func (stopError) Error() string { return "stop" }

// JournalEntry records one change: who made it, when, with which command,
// and which records it touched.
type JournalEntry struct {
	Seq uint64 `json:"seq"`
	// At is the time the command is about: the service's clock, which
	// certctl's --today sets. Recorded is when the store wrote the entry,
	// by the machine's clock; nothing the caller says can set it, so the
	// journal cannot be backdated unseen (verify checks that it never
	// goes back). Entries written before it existed have none.
	At       time.Time `json:"at"`
	Recorded time.Time `json:"recorded,omitzero"`
	Actor    Actor     `json:"actor"`
	Command  string    `json:"command"`
	// Args are the command's arguments (command.go): Replay runs
	// Command with them to make the same change again. Entries written
	// before commands were data have none.
	Args    json.RawMessage `json:"args,omitempty"`
	Summary string          `json:"summary"`
	// Refused says why a desk that applied this entry of the body's
	// journal refused it: a rule of the domain, or a signature or hash
	// that does not match (docs/sync.md). A refused entry changes
	// nothing and is kept so that every desk's journal stays the body's.
	Refused string `json:"refused,omitempty"`
	// IDs are the ids the command gave the records it made, in the order
	// it asked for them, when the desk that proposed it chose them: a
	// change made while the office could not be reached keeps in the
	// body the ids it had on that desk (docs/sync.md). Empty: each id
	// was the store's next.
	IDs     []ID     `json:"ids,omitempty"`
	Changes []Change `json:"changes,omitempty"`
	// Sealed marks an entry written before the journal was a hash chain
	// and chained when the data folder was upgraded (docs/integrity.md).
	Sealed bool `json:"sealed,omitempty"`
	// Prev is the Hash of the entry before (empty for the first) and
	// Hash the hex SHA-256 of this entry's content, its Prev included,
	// as docs/integrity.md defines it. The store fills both in.
	Prev string `json:"prev,omitempty"`
	Hash string `json:"hash,omitempty"`
	// Signature signs Hash with the actor's identity key (identity.go):
	// the store makes it with Signer, which is not stored.
	Signature *EntrySignature `json:"signature,omitempty"`
	Signer    Signer          `json:"-"`
	// Register is what an entry that changes who may act (a person added
	// or updated, an identity key set) did to the register, so that
	// verify can replay who held which roles and keys at each entry
	// (identity.go). The command fills it in before the store writes it.
	Register *RegisterChange `json:"register,omitempty"`
}

// Change is one record written or deleted by a command.
type Change struct {
	Kind Kind   `json:"kind"`
	ID   ID     `json:"id"`
	Op   string `json:"op"` // "create", "update" or "delete"
	// Hash is the hex SHA-256 of the record as stored after the change
	// (empty for a delete); the store fills it in.
	Hash string `json:"hash,omitempty"`
}

// Actor is the person on whose behalf a command runs.
type Actor struct {
	PersonID ID     `json:"person_id,omitempty"`
	Name     string `json:"name"`
}

func (a Actor) String() string {
	if a.PersonID != 0 {
		return a.Name + " (#" + a.PersonID.String() + ")"
	}
	return a.Name
}
