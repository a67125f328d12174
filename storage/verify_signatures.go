package storage

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"slices"

	"certdesk/certification"
)

// signatures replays who held which roles and identity keys at each
// journal entry (certification/identity.go) from the register changes
// the entries carry, and checks each entry against it:
//
//   - a signature signs its entry's hash with the actor's key in force
//     at that entry (a person's own first key signs the entry that sets
//     it);
//   - once any key is set, every entry is signed, except the store's own
//     recomputation of the obligations, by "system", which changes
//     obligations and the refresh mark only;
//   - a key is set by its owner, or by an administrator who holds a key,
//     or (the body's start) by an administrator while no administrator
//     holds one; no key is set twice;
//   - once any key is set, the register and the policy are changed by
//     administrators;
//   - an entry of the body's journal that the desk refused changes
//     nothing and is not signed (its reason says why it was refused);
//   - after the walk, every person's keys in the register are exactly the
//     ones the journal set.
//
// People added before entries carried register changes are taken as the
// register has them now.
type signatures struct {
	now   map[certification.ID]*certification.Person // the register as it is
	roles map[certification.ID][]certification.Role  // replayed, where known
	keys  map[certification.ID][]ed25519.PublicKey   // replayed
	keyed bool                                       // a key has been set
}

func (v *verifier) newSignatures() (*signatures, error) {
	s := &signatures{now: map[certification.ID]*certification.Person{}, roles: map[certification.ID][]certification.Role{}, keys: map[certification.ID][]ed25519.PublicKey{}}
	prefix := kindPrefix(certification.KindPerson)
	it := prefixIterator(v.txn, prefix)
	defer it.Close()
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		p := &certification.Person{}
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, p) }); err == nil {
			s.now[p.ID] = p
		}
	}
	return s, nil
}

// admin reports whether person id was an administrator at this point.
func (s *signatures) admin(id certification.ID) bool {
	if roles, ok := s.roles[id]; ok {
		return slices.Contains(roles, certification.RoleAdministrator)
	}
	p := s.now[id]
	return p != nil && p.Has(certification.RoleAdministrator)
}

func (s *signatures) inForce(id certification.ID) ed25519.PublicKey {
	if ks := s.keys[id]; len(ks) > 0 {
		return ks[len(ks)-1]
	}
	return nil
}

func (s *signatures) anyAdminKeyed() bool {
	for id := range s.keys {
		if s.admin(id) && s.inForce(id) != nil {
			return true
		}
	}
	return false
}

var systemKinds = []certification.Kind{certification.KindObligations, certification.KindRefresh}

// entry checks e, whose hash matches it, and replays its register
// change; it returns what is wrong ("" for nothing).
func (s *signatures) entry(e *certification.JournalEntry) string {
	a, rc, sig := e.Actor.PersonID, e.Register, e.Signature
	setsKey := e.Command == "set-person-key"
	switch {
	case e.Refused != "":
		// An entry of the body's journal that this desk refused
		// (storage/desk): it changed nothing, so it carries no
		// signature of its own and no register change.
		if len(e.Changes) > 0 || rc != nil || sig != nil {
			return "is marked refused but changes records: it was written outside CertDesk"
		}
		return ""
	case setsKey && (rc == nil || len(rc.Key) != ed25519.PublicKeySize):
		return "sets an identity key without naming it: it was written outside CertDesk"
	case !setsKey && rc != nil && rc.Key != nil:
		return "names an identity key but is not a key change: it was written outside CertDesk"
	case certification.SystemCommand(e.Command):
		for _, c := range e.Changes {
			if !slices.Contains(systemKinds, c.Kind) {
				return "is the store's recomputation of the obligations but changes " + string(c.Kind) + " " + c.ID.String() + ": it was written outside CertDesk"
			}
		}
		if sig != nil || a != 0 {
			return "is the store's own work but names a person: it was written outside CertDesk"
		}
	case sig != nil && !sig.Verify(e.Hash):
		return "is signed, but the signature does not match it: the entry or its signature was altered outside CertDesk"
	case sig == nil && s.keyed:
		return "by " + e.Actor.String() + " is not signed although identity keys were set by then: its signature was removed, or it was written outside CertDesk"
	case sig != nil && !sig.Key.Equal(s.inForce(a)) && !(setsKey && rc.Person == a && s.inForce(a) == nil && sig.Key.Equal(rc.Key)):
		return "is signed with a key that is not " + e.Actor.String() + "'s key in force at that entry: it was signed by someone else, with a replaced key, or written outside CertDesk"
	case s.keyed && certification.AdminCommand(e.Command) && !s.admin(a):
		return "changes the register or the policy, but " + e.Actor.String() + " was not an administrator: it was written outside CertDesk"
	}
	if setsKey {
		if msg := s.keyChange(a, rc, sig); msg != "" {
			return msg
		}
	}
	if rc != nil {
		s.roles[rc.Person] = rc.Roles
	}
	return ""
}

// keyChange checks who set a key and replays it.
func (s *signatures) keyChange(a certification.ID, rc *certification.RegisterChange, sig *certification.EntrySignature) string {
	t := rc.Person
	switch {
	case sig == nil:
		return "sets an identity key without a signature: it was written outside CertDesk"
	case a == t && s.inForce(a) == nil && (!s.admin(a) || s.anyAdminKeyed()):
		return "sets " + rc.Name + "'s first key by " + rc.Name + ", who was not an administrator of a body without keys: it was written outside CertDesk"
	case a != t && (!s.admin(a) || s.inForce(a) == nil):
		return "sets " + rc.Name + "'s key by someone who was not an administrator holding a key: it was written outside CertDesk"
	}
	for id, ks := range s.keys {
		for _, k := range ks {
			if k.Equal(rc.Key) {
				return "sets a key that person " + id.String() + " held: it was written outside CertDesk"
			}
		}
	}
	s.keys[t] = append(s.keys[t], rc.Key)
	s.keyed = true
	return ""
}

// registerKeys checks, after the walk, that every person holds exactly
// the keys the journal set.
func (v *verifier) registerKeys(s *signatures) {
	for id, p := range s.now {
		var have []ed25519.PublicKey
		for _, k := range p.Keys {
			have = append(have, k.Public)
		}
		if !slices.EqualFunc(have, s.keys[id], func(a, b ed25519.PublicKey) bool { return bytes.Equal(a, b) }) {
			last := uint64(0)
			if x := v.want[recordRef{certification.KindPerson, id}]; x != nil {
				last = x.seq
			}
			v.rep.record(certification.KindPerson, id, last, "holds identity keys other than the ones the journal set: they were written outside CertDesk")
		}
	}
}
