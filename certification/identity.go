package certification

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
)

// People act only as themselves. Each person who changes the records of
// a body with an administrator holds an identity key: an Ed25519 key
// pair whose private half stays on the desk, sealed with the person's
// passphrase (storage.Identity), and whose public half is in the
// register (Person.Keys). Every change that person makes is journalled
// with a signature over the entry's hash (EntrySignature), which verify
// checks against the register. Ed25519 is also what NATS NKeys are, so
// the same key can sign in to the body's shared journal.
//
// Who sets a key (SetPersonKey):
//   - an administrator who holds a key, for anyone (a new person's first
//     key, or a new one when a passphrase is forgotten);
//   - a person, their own next key, signing with the one in force;
//   - the first administrator of a body that has no key yet, their own
//     first key, signing with it (the body's start: nobody could have
//     issued it).

// Signer is an unlocked identity key: it signs the journal entries of
// the person it belongs to.
type Signer interface {
	PersonID() ID
	PublicKey() ed25519.PublicKey
	Sign(message []byte) []byte
}

// PersonKey is the public half of one of a person's identity keys.
type PersonKey struct {
	Public ed25519.PublicKey `json:"public"`
	Set    Date              `json:"set"` // the business date it was set
}

// EntrySignature is a journal entry's signature: Sig is Ed25519 over
// the entry's Hash (the hex text), by the private half of Key. It is not
// covered by the hash, which it signs.
type EntrySignature struct {
	Key ed25519.PublicKey `json:"key"`
	Sig []byte            `json:"sig"`
}

// RegisterChange is a journal entry's change to the register: the
// person, their name, roles and whether they are inactive after it, and
// the identity key it set (set-person-key only).
type RegisterChange struct {
	Person   ID                `json:"person"`
	Name     string            `json:"name"`
	Roles    []Role            `json:"roles"`
	Inactive bool              `json:"inactive,omitempty"`
	Key      ed25519.PublicKey `json:"key,omitempty"`
}

// registerChange is what a journal entry says of p after the command.
func registerChange(p *Person, key ed25519.PublicKey) *RegisterChange {
	return &RegisterChange{Person: p.ID, Name: p.Name, Roles: p.Roles, Inactive: p.Inactive, Key: key}
}

// Verify reports whether s signs hash.
func (s *EntrySignature) Verify(hash string) bool {
	return len(s.Key) == ed25519.PublicKeySize && ed25519.Verify(s.Key, []byte(hash), s.Sig)
}

// KeyFingerprint names a public key for people: "ed25519:" and the
// first 16 hex digits of its SHA-256.
func KeyFingerprint(public ed25519.PublicKey) string {
	s := sha256.Sum256(public)
	return "ed25519:" + hex.EncodeToString(s[:8])
}

// Key is the person's identity key in force, nil if none.
func (p Person) Key() ed25519.PublicKey {
	if len(p.Keys) == 0 {
		return nil
	}
	return p.Keys[len(p.Keys)-1].Public
}

// HadKey reports whether k is or was one of the person's identity keys.
func (p Person) HadKey(k ed25519.PublicKey) bool {
	for _, pk := range p.Keys {
		if bytes.Equal(pk.Public, k) {
			return true
		}
	}
	return false
}

// SignedBy returns a copy of the service whose changes are signed by sg,
// the unlocked identity of the person it acts for.
func (s *Service) SignedBy(sg Signer) *Service {
	c := *s
	c.signer = sg
	return &c
}

// Signer is the identity the service signs with, nil if none.
func (s *Service) Signer() Signer { return s.signer }

// SetPersonKey makes public the identity key in force of a person, the
// older ones kept to verify what they signed.
func (s *Service) SetPersonKey(ctx context.Context, personID ID, public ed25519.PublicKey) error {
	if len(public) != ed25519.PublicKeySize {
		return invalid("person "+personID.String(), "keys", "an identity key is %d bytes, not %d", ed25519.PublicKeySize, len(public))
	}
	rc := &RegisterChange{}
	return s.updateRegister(ctx, call("set-person-key", personID, public), "set the identity key of person "+personID.String(), rc, func(tx Tx) error {
		var p Person
		if err := tx.Get(personID, &p); errors.Is(err, ErrNotFound) {
			return invalid("person", "id", "there is no person %d", personID)
		} else if err != nil {
			return err
		}
		if err := s.mayKey(tx, p, public); err != nil {
			return err
		}
		if p.HadKey(public) {
			return invalid(recordName(&p), "keys", "%s has had this key before: make a new one", p.Name)
		}
		if err := keyUnused(tx, p.ID, public); err != nil {
			return err
		}
		p.Keys = append(p.Keys, PersonKey{Public: public, Set: s.Today()})
		*rc = *registerChange(&p, public)
		return tx.Put(&p)
	})
}

// mayKey refuses a key the actor may not set for p: only an
// administrator sets another person's key, and a first key an actor
// sets for themselves is the one that signs (checkIdentity has checked
// the rest).
func (s *Service) mayKey(tx Tx, p Person, public ed25519.PublicKey) error {
	admins, err := activeAdministrators(tx)
	if err != nil {
		return err
	}
	switch {
	case len(admins) == 0:
		return errNoAdministrator
	case s.actor.PersonID != p.ID:
		var a Person
		if err := tx.Get(s.actor.PersonID, &a); err != nil {
			return err
		}
		if !a.Has(RoleAdministrator) {
			return refuse(RuleAdministrator, "%s is not an administrator: only %s and the administrators (%s) set %s's identity key", a.Name, p.Name, names(admins), p.Name)
		}
		if a.Key() == nil {
			return refuse(RuleOwnIdentity, "%s sets other people's identity keys once they hold one of their own: set yours first", a.Name)
		}
	case p.Key() == nil && (s.signer == nil || !bytes.Equal(s.signer.PublicKey(), public)):
		return refuse(RuleOwnIdentity, "%s's first identity key is set signing with it: unlock the new key to set it", p.Name)
	}
	return nil
}

// keyUnused refuses a key that another person holds or held: a
// signature names one person.
func keyUnused(tx Tx, person ID, public ed25519.PublicKey) error {
	return tx.Each(KindPerson, func(id ID, decode func(Record) error) error {
		var o Person
		if id == person {
			return nil
		}
		if err := decode(&o); err != nil {
			return err
		}
		if o.HadKey(public) {
			return invalid("person "+person.String(), "keys", "this key is %s's: make a new one", o.Name)
		}
		return nil
	})
}

var errNoAdministrator = refuse(RuleAdministrator, "identity keys are for a body with an administrator: name one first (certctl person update --roles ...,administrator)")

// checkIdentity refuses a change by p, an active person of a body with
// an administrator, that p's identity key in force does not sign.
func checkIdentity(tx Tx, p Person, sg Signer, command string) error {
	key := p.Key()
	if key == nil {
		if command == "set-person-key" && p.Has(RoleAdministrator) {
			return firstKey(tx, p, sg)
		}
		return refuse(RuleOwnIdentity, "%s has no identity key yet, so makes no change: an administrator sets one (certctl person key, or the People tab)", p.Name)
	}
	switch {
	case sg == nil:
		return refuse(RuleOwnIdentity, "%s's identity is locked: unlock it with its passphrase to sign the change", p.Name)
	case sg.PersonID() != p.ID:
		return refuse(RuleOwnIdentity, "the identity unlocked is person %d's, not %s's: people sign only their own changes", sg.PersonID(), p.Name)
	case !bytes.Equal(sg.PublicKey(), key) && p.HadKey(sg.PublicKey()):
		return refuse(RuleOwnIdentity, "the identity unlocked is not %s's key in force: it was replaced; use the new one", p.Name)
	case !bytes.Equal(sg.PublicKey(), key):
		return refuse(RuleOwnIdentity, "the change is signed with a key that %s never held (%s): people sign only their own changes", p.Name, KeyFingerprint(sg.PublicKey()))
	}
	return nil
}

// firstKey allows an administrator without a key to set their own first
// one, signed with it, while no administrator holds a key.
func firstKey(tx Tx, p Person, sg Signer) error {
	admins, err := activeAdministrators(tx)
	if err != nil {
		return err
	}
	for _, a := range admins {
		if a.Key() != nil {
			return refuse(RuleOwnIdentity, "%s has no identity key yet: an administrator who holds one (%s) sets it", p.Name, a.Name)
		}
	}
	if sg == nil || sg.PersonID() != p.ID {
		return refuse(RuleOwnIdentity, "%s's first identity key is set by %s, signing with it", p.Name, p.Name)
	}
	return nil
}
