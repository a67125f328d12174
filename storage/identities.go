package storage

import (
	"crypto/ed25519"
	"errors"

	"certdesk/certification"
)

// Identities keeps the identity keys of the people who work on a desk,
// in its data folder: the desktop app's app.Identities.
type Identities struct{}

var errNoFolder = errors.New("identity keys are kept in a data folder, and none is open")

// Unlock opens p's key in force with its passphrase.
func (Identities) Unlock(dir string, p certification.Person, passphrase []byte) (certification.Signer, error) {
	if dir == "" {
		return nil, errNoFolder
	}
	id, err := UnlockIdentity(dir, p.ID, p.Name, p.Key(), passphrase)
	if err != nil {
		return nil, err
	}
	return id, nil
}

// Create makes a new key for p, sealed with passphrase in dir.
func (Identities) Create(dir string, p certification.Person, passphrase []byte) (certification.Signer, error) {
	if dir == "" {
		return nil, errNoFolder
	}
	id, err := NewIdentity(p.ID)
	if err != nil {
		return nil, err
	}
	if err := id.Save(dir, p.Name, passphrase); err != nil {
		return nil, err
	}
	return id, nil
}

// Discard removes the file of a key the register refused.
func (Identities) Discard(dir string, s certification.Signer) error {
	if dir == "" {
		return errNoFolder
	}
	return RemoveIdentity(dir, s.PublicKey())
}

// Retire removes the file of a key that a new one replaced.
func (Identities) Retire(dir string, public ed25519.PublicKey) error {
	if dir == "" {
		return errNoFolder
	}
	return RemoveIdentity(dir, public)
}

// CheckNewPassphrase says what is wrong with a new key's passphrase.
func (Identities) CheckNewPassphrase(p []byte) error { return CheckNewPassphrase(p) }

// WrongPassphrase reports whether err refuses a passphrase.
func (Identities) WrongPassphrase(err error) bool { return errors.Is(err, ErrWrongPassphrase) }
