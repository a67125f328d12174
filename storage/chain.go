package storage

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"math"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// The journal is a hash chain (docs/integrity.md): each entry holds the
// SHA-256 of the entry before it (Prev) and of its own content (Hash),
// and each change in it the SHA-256 of the record's stored bytes after
// the change. meta/chain holds the sequence number and hash of the last
// entry, so that writing an entry needs no read of the one before.

// chainKey is "meta/chain": 8 bytes big-endian seq, then the hex hash of
// that entry.
const chainKey = "meta/chain"

// chainTag opens the hashed encoding of an entry without a recorded
// time, chainTagRecorded one with it. The tag names the encoding, so
// that one can never be mistaken for another.
const (
	chainTag         = "certdesk journal entry v1"
	chainTagRecorded = "certdesk journal entry v2"
	chainTagRegister = "certdesk journal entry v3" // v2 and a register change
	chainTagCommand  = "certdesk journal entry v4" // v2, the register change if any, the command's arguments, a refusal
	chainTagIDs      = "certdesk journal entry v5" // v4 and the ids its proposer chose
)

// recordHash is the hex SHA-256 of a record's stored bytes.
func recordHash(value []byte) string {
	sum := sha256.Sum256(value)
	return hex.EncodeToString(sum[:])
}

// entryHash is the hex SHA-256 of an entry's canonical encoding. Every
// field of the entry except Hash itself is covered, in this order, each
// as docs/integrity.md describes:
//
//	str  chainTag, or chainTagRecorded when Recorded is set, or
//	     chainTagRegister when the entry carries a register change
//	str  Prev
//	u64  Seq
//	i64  At: seconds since 1970-01-01 UTC
//	u32  At: nanoseconds within the second
//	i32  At: zone offset east of UTC in seconds
//	     (with chainTagRecorded only:)
//	i64  Recorded: seconds since 1970-01-01 UTC
//	u32  Recorded: nanoseconds within the second
//	u64  Actor.PersonID
//	str  Actor.Name
//	str  Command
//	str  Summary
//	u8   Sealed (0 or 1)
//	u32  number of changes, then per change:
//	     str Kind, u64 ID, str Op, str Hash
//	     (with chainTagRegister only, which also implies the recorded
//	     time:)
//	u64  Register.Person
//	str  Register.Name
//	u32  number of roles, then each as str
//	u8   Register.Inactive (0 or 1)
//	str  Register.Key (the raw 32 bytes, or empty)
//
// An entry with arguments or a refusal (every entry since commands are
// data) is chainTagCommand: the fields of chainTagRecorded up to the
// changes, then
//
//	u8   1 if a register change follows, else 0
//	     (the register change as above, if any)
//	str  Args (the JSON bytes as stored)
//	str  Refused
//
// An entry whose proposer chose its ids (IDs, a change made offline) is
// chainTagIDs: chainTagCommand's fields, then
//
//	u32  number of ids, then each as u64
//
// u32, u64, i32, i64 are big-endian (two's complement when signed); str
// is a u32 byte length followed by the bytes.
func entryHash(e *certification.JournalEntry) string {
	c := canon{h: sha256.New()}
	recorded := !e.Recorded.IsZero()
	command := len(e.Args) > 0 || e.Refused != ""
	switch {
	case len(e.IDs) > 0:
		c.str(chainTagIDs)
		recorded, command = true, true
	case command:
		c.str(chainTagCommand)
		recorded = true
	case e.Register != nil:
		c.str(chainTagRegister)
		recorded = true
	case recorded:
		c.str(chainTagRecorded)
	default:
		c.str(chainTag)
	}
	c.str(e.Prev)
	c.u64(e.Seq)
	_, offset := e.At.Zone()
	c.u64(uint64(e.At.Unix()))
	c.u32(uint32(e.At.Nanosecond()))
	c.u32(uint32(int32(offset)))
	if recorded {
		c.u64(uint64(e.Recorded.Unix()))
		c.u32(uint32(e.Recorded.Nanosecond()))
	}
	c.u64(uint64(e.Actor.PersonID))
	c.str(e.Actor.Name)
	c.str(e.Command)
	c.str(e.Summary)
	if e.Sealed {
		c.h.Write([]byte{1})
	} else {
		c.h.Write([]byte{0})
	}
	c.u32(uint32(min(uint64(len(e.Changes)), math.MaxUint32)))
	for _, ch := range e.Changes {
		c.str(string(ch.Kind))
		c.u64(uint64(ch.ID))
		c.str(ch.Op)
		c.str(ch.Hash)
	}
	if command {
		if e.Register != nil {
			c.h.Write([]byte{1})
		} else {
			c.h.Write([]byte{0})
		}
	}
	if r := e.Register; r != nil {
		c.u64(uint64(r.Person))
		c.str(r.Name)
		c.u32(uint32(min(uint64(len(r.Roles)), math.MaxUint32)))
		for _, role := range r.Roles {
			c.str(string(role))
		}
		if r.Inactive {
			c.h.Write([]byte{1})
		} else {
			c.h.Write([]byte{0})
		}
		c.str(string(r.Key))
	}
	if command {
		c.str(string(e.Args))
		c.str(e.Refused)
	}
	if len(e.IDs) > 0 {
		c.u32(uint32(min(uint64(len(e.IDs)), math.MaxUint32)))
		for _, id := range e.IDs {
			c.u64(uint64(id))
		}
	}
	return hex.EncodeToString(c.h.Sum(nil))
}

// EntryHash is the hash of e as the journal chains it (e.Hash excluded):
// for tools that check an entry that came from elsewhere.
func EntryHash(e *certification.JournalEntry) string { return entryHash(e) }

// canon writes the canonical encoding hashed by entryHash.
type canon struct {
	h   hash.Hash
	buf [8]byte
}

func (c *canon) u32(v uint32) {
	binary.BigEndian.PutUint32(c.buf[:4], v)
	c.h.Write(c.buf[:4])
}

func (c *canon) u64(v uint64) {
	binary.BigEndian.PutUint64(c.buf[:], v)
	c.h.Write(c.buf[:])
}

func (c *canon) str(s string) {
	c.u32(uint32(len(s)))
	io.WriteString(c.h, s)
}

// sealEntry fills in e.Prev and e.Hash and returns the entry's stored
// JSON. The hash is computed over the entry as it reads back from that
// JSON (encoding/json replaces invalid UTF-8, for one), so that
// verification, which sees only what is stored, computes the same hash.
//
// With e.Signer set, the entry is signed: the signature over the hash is
// stored beside it, checked before it is.
func sealEntry(e certification.JournalEntry, prev string) (certification.JournalEntry, []byte, error) {
	e.Prev, e.Hash, e.Signature = prev, "", nil
	data, err := json.Marshal(e)
	if err != nil {
		return e, nil, fmt.Errorf("storage: encoding journal entry: %w", err)
	}
	var back certification.JournalEntry
	if err := json.Unmarshal(data, &back); err != nil {
		return e, nil, fmt.Errorf("storage: journal entry %d does not read back: %w", e.Seq, err)
	}
	back.Hash = entryHash(&back)
	if sg := e.Signer; sg != nil {
		back.Signature = &certification.EntrySignature{Key: sg.PublicKey(), Sig: sg.Sign([]byte(back.Hash))}
		if !verifies(sg, back.Signature, back.Hash) {
			return e, nil, fmt.Errorf("storage: the identity of person %d made a signature that does not verify: nothing was written", sg.PersonID())
		}
	}
	if data, err = withSeal(data, back.Hash, back.Signature); err != nil {
		return e, nil, err
	}
	return back, data, nil
}

// withSeal is data, an entry's JSON without its hash and signature, with
// them: what encoding the sealed entry again gives (they are its last
// two fields, left out when empty), without encoding the entry twice.
func withSeal(data []byte, hash string, sig *certification.EntrySignature) ([]byte, error) {
	if len(data) < 2 || data[len(data)-1] != '}' {
		return nil, fmt.Errorf("storage: a journal entry encoded as %.40q is not a JSON object", data)
	}
	h, err := json.Marshal(hash)
	if err != nil {
		return nil, fmt.Errorf("storage: encoding journal entry: %w", err)
	}
	out := make([]byte, 0, len(data)+len(h)+200)
	out = append(append(append(out, data[:len(data)-1]...), `,"hash":`...), h...)
	if sig != nil {
		s, err := json.Marshal(sig)
		if err != nil {
			return nil, fmt.Errorf("storage: encoding journal entry: %w", err)
		}
		out = append(append(out, `,"signature":`...), s...)
	}
	return append(out, '}'), nil
}

// verifies reports whether s, made by sg, signs hash. A signer that has
// verified its signature over hash already (a desk reading the body's
// journal ahead verifies each entry's signature as it reads: Verified)
// is not asked to have it verified twice.
func verifies(sg certification.Signer, s *certification.EntrySignature, hash string) bool {
	if v, ok := sg.(interface{ Verified(hash string) bool }); ok && v.Verified(hash) {
		return true
	}
	return s.Verify(hash)
}

// ChainLink names a journal entry by its sequence number and hash:
// meta/chain holds the last one, and a ChainLink written down elsewhere
// (a printout of certctl verify, a backup's header) anchors the chain.
type ChainLink struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

func (h ChainLink) encode() []byte {
	return append(u64(h.Seq), h.Hash...)
}

// errBadHead is matched by readHead's error for a damaged meta/chain.
var errBadHead = errors.New("the journal's chain head (" + chainKey + ") was damaged outside CertDesk")

// readHead reads meta/chain; found is false when there is none (an empty
// journal).
func readHead(txn *badger.Txn) (h ChainLink, found bool, err error) {
	item, err := txn.Get([]byte(chainKey))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return h, false, nil
	}
	if err != nil {
		return h, false, fmt.Errorf("storage: reading the journal's chain head: %w", err)
	}
	err = item.Value(func(v []byte) error {
		if len(v) < 8 {
			return fmt.Errorf("storage: %w: it holds %d bytes, want at least 8 (see certctl verify)", errBadHead, len(v))
		}
		h.Seq = binary.BigEndian.Uint64(v[:8])
		h.Hash = string(v[8:])
		return nil
	})
	return h, err == nil, err
}

// chainJournal is the bulk migration from schema 2 to 3: it chains the
// journal written before there was a chain, in chunks of transactions.
// Each entry is marked Sealed; a change that is the last one of its
// record gets the hash of the record as it is now (none if the record is
// missing), earlier changes none: what the record held then is not known
// any more. It recomputes everything from the first entry on, so running
// it again after a crash gives the same result.
func (db *DB) chainJournal() error {
	// The last change of every record, and the hash of every record
	// (read in key order: far faster than a Get per change).
	last := map[recordRef]uint64{}
	now := map[recordRef][sha256.Size]byte{}
	err := db.bdb.View(func(txn *badger.Txn) error {
		err := eachEntry(txn, 1, func(seq uint64, e *certification.JournalEntry) error {
			for _, c := range e.Changes {
				last[recordRef{c.Kind, c.ID}] = seq
			}
			return nil
		})
		if err != nil {
			return err
		}
		prefix := []byte(recordPrefix)
		it := prefixIterator(txn, prefix)
		defer it.Close()
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			kind, id, ok := parseRecordKey(it.Item().Key())
			if !ok {
				continue
			}
			ref := recordRef{kind, id}
			if _, ok := last[ref]; !ok {
				continue // in no entry: verify names it
			}
			err := it.Item().Value(func(v []byte) error { now[ref] = sha256.Sum256(v); return nil })
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("chaining the journal: %w", err)
	}

	const chunkBytes = 384 << 10 // Badger commits about a megabyte at once
	var (
		head ChainLink
		from uint64 = 1
	)
	for {
		done := true
		err := db.bdb.Update(func(txn *badger.Txn) error {
			h, size := head, 0
			var next uint64
			err := eachEntry(txn, from, func(seq uint64, e *certification.JournalEntry) error {
				e.Seq, e.Sealed = seq, true
				for i := range e.Changes {
					c := &e.Changes[i]
					ref := recordRef{c.Kind, c.ID}
					c.Hash = ""
					if sum, ok := now[ref]; ok && c.Op != "delete" && last[ref] == seq {
						c.Hash = hex.EncodeToString(sum[:])
					}
				}
				sealed, data, err := sealEntry(*e, h.Hash)
				if err != nil {
					return err
				}
				if size > 0 && size+len(data) > chunkBytes {
					done, next = false, seq // in the next transaction
					return certification.ErrStop
				}
				if err := txn.Set(journalKey(seq), data); err != nil {
					return err
				}
				h = ChainLink{seq, sealed.Hash}
				size += len(data)
				return nil
			})
			if err != nil {
				return err
			}
			if done && h.Seq > 0 {
				if err := txn.Set([]byte(chainKey), h.encode()); err != nil {
					return err
				}
			}
			head, from = h, next
			return nil
		})
		if err != nil {
			return fmt.Errorf("chaining the journal: %w", err)
		}
		if done {
			return nil
		}
	}
}

// eachEntry decodes the journal entries from seq from on, in order, and
// calls fn with each one's key sequence number. ErrStop ends the walk
// with nil.
func eachEntry(txn *badger.Txn, from uint64, fn func(seq uint64, e *certification.JournalEntry) error) error {
	prefix := []byte(journalPrefix)
	it := prefixIterator(txn, prefix)
	defer it.Close()
	for it.Seek(journalKey(from)); it.ValidForPrefix(prefix); it.Next() {
		key := it.Item().Key()
		if len(key) != len(journalPrefix)+8 {
			continue
		}
		seq := idOf(key)
		var e certification.JournalEntry
		if err := it.Item().Value(func(v []byte) error { return json.Unmarshal(v, &e) }); err != nil {
			return fmt.Errorf("storage: decoding journal entry %d: %w", seq, err)
		}
		err := fn(uint64(seq), &e)
		if errors.Is(err, certification.ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}
