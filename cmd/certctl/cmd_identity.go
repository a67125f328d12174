package main

import (
	"cmp"
	"os"

	"certdesk/certification"
	"certdesk/storage"
)

type personKeyCmd struct {
	Person string `arg:"" help:"the person (id or exact name) whose new key this is"`
}

func (personKeyCmd) Help() string {
	return `Makes a new identity key for a person, seals it on this desk with a new
passphrase ($CERTDESK_NEW_PASSPHRASE, or asked twice) and records it in
the register: the person's changes are signed with it from then on, and
the old key signs no more. An administrator sets anyone's key (a new
person's, or a new one when a passphrase is forgotten); a person their
own next key; the body's first administrator their own first key.`
}

func (c *personKeyCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	p, err := e.person(c.Person)
	if err != nil {
		return err
	}
	pass, err := e.newPassphraseFor(p.Name + "'s identity key")
	if err != nil {
		return err
	}
	id, err := e.setNewKey(svc, *p, pass)
	if err != nil {
		return err
	}
	fp := certification.KeyFingerprint(id.PublicKey())
	if e.json {
		return e.writeJSON(map[string]any{"person_id": p.ID, "key": id.PublicKey(), "fingerprint": fp})
	}
	e.printf("Set a new identity key for %s (%s); its file is in %s\n", p.Name, fp, storage.IdentityDir)
	return nil
}

type personPassphraseCmd struct{}

func (personPassphraseCmd) Help() string {
	return `Changes the passphrase that seals your identity key (--as) on this desk:
the old one from --key-passphrase-file or $CERTDESK_KEY_PASSPHRASE (or
asked), the new one from $CERTDESK_NEW_PASSPHRASE (or asked twice). The
key itself, and so the register, stay as they are: nothing is journalled.
A key someone else made for you (an administrator adding you) is not made
yours by a new passphrase, since copies of its file open with the old
one: make a new key instead, 'certctl person key YOU --as YOU'.`
}

func (c *personPassphraseCmd) Run(e *env) error {
	name := cmp.Or(e.as, os.Getenv(UserEnv))
	if name == "" {
		return inputf("say whose identity key: --as PERSON or $%s", UserEnv)
	}
	p, err := e.person(name)
	if err != nil {
		return err
	}
	if p.Key() == nil {
		return inputf("%s has no identity key: an administrator sets one with 'certctl person key'", p.Name)
	}
	old, err := e.keyPassphrase(p.Name)
	if err != nil {
		return err
	}
	pass, err := e.newPassphraseFor(p.Name + "'s identity key")
	if err != nil {
		return err
	}
	if err := storage.ChangeIdentityPassphrase(e.dir, p.Name, p.Key(), old, pass); err != nil {
		return cryptError(err)
	}
	e.printf("Changed the passphrase of %s's identity key\n", p.Name)
	return nil
}
