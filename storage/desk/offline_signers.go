package desk

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"

	"certdesk/certification"
)

// Who signs a waiting change when it is proposed again: the person who
// made it, with their identity unlocked on this desk (offline.go).

// Unlocked gives the desk a person's unlocked identity, with which it
// signs that person's waiting changes when it proposes them again.
func (d *Desk) Unlocked(sg certification.Signer) {
	if sg == nil {
		return
	}
	d.count.Lock()
	defer d.count.Unlock()
	if d.signers == nil {
		d.signers = map[certification.ID]certification.Signer{}
	}
	d.signers[sg.PersonID()] = sg
}

func (d *Desk) signer(person certification.ID) certification.Signer {
	d.count.Lock()
	defer d.count.Unlock()
	return d.signers[person]
}

// errKeyLocked stops proposing waiting changes at one whose person's
// identity this desk has not been given unlocked.
var errKeyLocked = errors.New("is locked on this desk")

// signerOf is the signer of actor's waiting changes: none for a person
// without an identity key, the unlocked identity the desk was given,
// else errKeyLocked.
func (d *Desk) signerOf(ctx context.Context, actor certification.Actor) (certification.Signer, error) {
	if sg := d.signer(actor.PersonID); sg != nil {
		return sg, nil
	}
	key, err := d.keyOf(ctx, actor.PersonID)
	if err != nil || key == nil {
		return nil, err
	}
	d.lockedPerson = actor.PersonID
	return nil, fmt.Errorf("%s's identity %w: their waiting changes are proposed when they work on this desk again (unlock their key)", actor.Name, errKeyLocked)
}

// keyOf is person's identity key in force in the replica (nil: none).
func (d *Desk) keyOf(ctx context.Context, person certification.ID) (ed25519.PublicKey, error) {
	if person == 0 {
		return nil, nil
	}
	var p certification.Person
	err := d.db.View(ctx, func(tx certification.Tx) error { return tx.Get(person, &p) })
	if errors.Is(err, certification.ErrNotFound) {
		return nil, nil
	}
	return p.Key(), err
}

// madeBy stands for the person who made a waiting change when the desk
// applies it here again: the person's access was checked, and the
// change signed, when it was made; the body gets it signed anew when it
// is proposed. A waiting change is never sealed, so Sign is never
// called.
type madeBy struct {
	person certification.ID
	key    ed25519.PublicKey
}

func (m madeBy) PersonID() certification.ID   { return m.person }
func (m madeBy) PublicKey() ed25519.PublicKey { return m.key }
func (m madeBy) Sign([]byte) []byte           { return nil }
