package storage

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// signatures checks the journal's signatures (certification/identity.go):
// each signature signs its entry's hash, with a key the actor holds or
// held in the register; and from the first entry that set a key (every
// key is set by a "set-person-key" entry of its own) or the first signed
// one on, every entry but the store's own work
// (certification.SystemCommand) is signed, so that a signature removed is
// as visible as one forged. A register that holds keys that no entry set
// was written outside CertDesk.
type signatures struct {
	signed bool // a signed entry, or one that set a key, has been seen
	keyed  []keyedEntry
}

type keyedEntry struct {
	seq    uint64
	person certification.ID
	key    ed25519.PublicKey
}

// entry checks e, whose hash matches it; it returns what is wrong ("" for
// nothing).
func (s *signatures) entry(e *certification.JournalEntry) string {
	sig := e.Signature
	switch {
	case sig != nil && !sig.Verify(e.Hash):
		return "is signed, but the signature does not match it: the entry or its signature was altered outside CertDesk"
	case sig != nil:
		s.keyed = append(s.keyed, keyedEntry{e.Seq, e.Actor.PersonID, sig.Key})
	case e.Command == "set-person-key" || s.signed && !certification.SystemCommand(e.Command):
		return "by " + e.Actor.String() + " is not signed although the body's identity keys were set by then: its signature was removed, or it was written outside CertDesk"
	}
	s.signed = s.signed || sig != nil || e.Command == "set-person-key"
	return ""
}

// keys checks, after the walk, that each signature is by a key of the
// entry's actor.
func (v *verifier) signatureKeys(s *signatures) error {
	people := map[certification.ID]*certification.Person{}
	for _, k := range s.keyed {
		p, ok := people[k.person]
		if !ok {
			p = &certification.Person{}
			item, err := v.txn.Get(recordKey(certification.KindPerson, k.person))
			switch {
			case errors.Is(err, badger.ErrKeyNotFound):
				p = nil
			case err != nil:
				return err
			default:
				if err := item.Value(func(b []byte) error { return json.Unmarshal(b, p) }); err != nil {
					p = nil
				}
			}
			people[k.person] = p
		}
		switch {
		case p == nil:
			v.rep.entry(k.seq, "entry %d is signed for person %d, who is not in the register", k.seq, k.person)
		case !p.HadKey(k.key):
			v.rep.entry(k.seq, "entry %d is signed with a key that is not %s's: it was signed by someone else, or written outside CertDesk", k.seq, p.Name)
		}
	}
	if s.signed {
		return nil
	}
	prefix := kindPrefix(certification.KindPerson)
	it := prefixIterator(v.txn, prefix)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		var p certification.Person
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &p) }); err == nil && len(p.Keys) > 0 {
			last := uint64(0)
			if x := v.want[recordRef{certification.KindPerson, p.ID}]; x != nil {
				last = x.seq
			}
			v.rep.record(certification.KindPerson, p.ID, last, "holds an identity key that no journal entry set: it was written outside CertDesk")
		}
	}
	return nil
}
