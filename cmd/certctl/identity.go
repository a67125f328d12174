package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"

	"certdesk/certification"
	"certdesk/storage"
)

// People sign their changes with their own identity key
// (certification/identity.go), whose file is on this desk in the data
// folder, sealed with their passphrase. certctl reads the passphrase of
// the person acting (--as) from --key-passphrase-file, else
// $CERTDESK_KEY_PASSPHRASE, else asks in a terminal; the passphrase of a
// new key from $CERTDESK_NEW_PASSPHRASE, else asks twice.

// keyPassphrase is the passphrase of name's identity key.
func (e *env) keyPassphrase(name string) ([]byte, error) {
	if e.keyFile != "" {
		f, err := os.Open(e.keyFile)
		if err != nil {
			return nil, inputf("--key-passphrase-file: %v", err)
		}
		defer f.Close()
		line, err := bufio.NewReader(f).ReadBytes('\n')
		if len(line) == 0 && err != nil {
			return nil, inputf("--key-passphrase-file: %s is empty: write the passphrase on its first line", e.keyFile)
		}
		if p := bytes.TrimRight(line, "\r\n"); len(p) > 0 {
			return p, nil
		}
		return nil, inputf("--key-passphrase-file: the first line of %s is empty: write the passphrase there", e.keyFile)
	}
	return e.secret(storage.IdentityPassphraseEnv, "Passphrase of "+name+"'s identity key: ",
		inputf("%s signs changes with an identity key: give its passphrase with --key-passphrase-file FILE or $%s (certctl asks for it only when run in a terminal)", name, storage.IdentityPassphraseEnv))
}

// signedAs is the service acting for p, signed with p's identity key
// when p holds one (unlocked with its passphrase). Without a key the
// domain says what p may still do (set their first key, as the body's
// first administrator) and refuses the rest.
func (e *env) signedAs(p *certification.Person) (*certification.Service, error) {
	svc := e.svc.As(certification.Actor{PersonID: p.ID, Name: p.Name})
	if p.Key() == nil {
		return svc, nil
	}
	pass, err := e.keyPassphrase(p.Name)
	if err != nil {
		return nil, err
	}
	id, err := storage.UnlockIdentity(e.dir, p.ID, p.Name, p.Key(), pass)
	if err != nil {
		return nil, cryptError(err)
	}
	return svc.SignedBy(id), nil
}

// setNewKey makes a new identity key for p, sealed with pass on this desk,
// and records it in the register through svc. The first key a person
// sets for themselves is signed with itself. If the register refuses it,
// its file is removed again.
func (e *env) setNewKey(svc *certification.Service, p certification.Person, pass []byte) (*storage.Identity, error) {
	if err := storage.CheckNewPassphrase(pass); err != nil {
		return nil, inputf("%v", err)
	}
	id, err := storage.NewIdentity(p.ID)
	if err != nil {
		return nil, err
	}
	if err := id.Save(e.dir, p.Name, pass); err != nil {
		return nil, err
	}
	if svc.Actor().PersonID == p.ID && p.Key() == nil {
		svc = svc.SignedBy(id)
	}
	if err := svc.SetPersonKey(e.ctx, p.ID, id.PublicKey()); err != nil {
		if rmErr := storage.RemoveIdentity(e.dir, id.PublicKey()); rmErr != nil {
			return nil, fmt.Errorf("%w (and removing the unused key file: %v)", err, rmErr)
		}
		return nil, err
	}
	// The replaced key signs nothing more: its file goes.
	if err := storage.RemoveIdentity(e.dir, p.Key()); err != nil {
		fmt.Fprintf(e.stderr, "certctl: warning: the replaced key's file could not be removed: %v\n", err)
	}
	return id, nil
}
