package app

import (
	"context"
	"crypto/ed25519"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// People sign their changes with their own identity key
// (certification/identity.go). The app asks for the passphrase of the
// person working once, after it starts or when another person is chosen
// in Settings, and keeps the unlocked key for the session; it asks for
// a new key's passphrase when a person is added to a body with an
// administrator, or when Settings › People sets a new key.

// Identities keeps the identity keys of the people who work on this desk,
// sealed with their passphrases in the data folder (storage.Identities).
type Identities interface {
	// Unlock opens p's key in force with its passphrase.
	Unlock(dir string, p certification.Person, passphrase []byte) (certification.Signer, error)
	// Create makes a new key for p and keeps it on the desk, sealed with
	// passphrase (checked as a new passphrase).
	Create(dir string, p certification.Person, passphrase []byte) (certification.Signer, error)
	// Discard removes a key made by Create that the register refused.
	Discard(dir string, s certification.Signer) error
	// Retire removes the file of a key that a new one replaced.
	Retire(dir string, public ed25519.PublicKey) error
	// WrongPassphrase reports whether err refuses a passphrase.
	WrongPassphrase(err error) bool
	// CheckNewPassphrase says what is wrong with a new key's passphrase.
	CheckNewPassphrase(p []byte) error
}

// unlocked reports whether the identity unlocked is p's key in force.
func (u *ui) unlocked(p certification.Person) bool {
	return u.signer != nil && u.signer.PersonID() == p.ID && u.signer.PublicKey().Equal(p.Key())
}

// askUnlock asks for the passphrase of p's identity key, when p holds
// one that is not unlocked yet.
func (u *ui) askUnlock(p certification.Person) {
	if u.ids == nil || p.Key() == nil || u.unlocked(p) {
		return
	}
	u.locked = true
	u.showActor()
	pass := newPasswordEntry(u)
	pass.Validator = required("your passphrase")
	items := []*widget.FormItem{{Text: "Passphrase", Widget: pass}}
	intro := "CertDesk signs every change you make with your identity key, so that the journal shows it was " + p.Name +
		" who made it. Type the passphrase of " + p.Name + "'s key. Without it you can read and export, but not change records."
	ids, dir := u.ids, u.dataDir
	var d *passDialog
	d = newPassDialog(u, u.win, "Unlock your identity: "+p.Name, intro, items, "Unlock", func() {
		secret := []byte(pass.Text)
		d.start("Unlocking …")
		backgroundThen(u.bg, func(context.Context) (certification.Signer, error) {
			return ids.Unlock(dir, p, secret)
		}, func(s certification.Signer, err error) {
			switch {
			case err != nil && ids.WrongPassphrase(err):
				d.fail("The passphrase does not open "+p.Name+"'s identity key: check it (upper and lower case, keyboard layout) and try again.", pass)
			case err != nil:
				d.fail(sentence(err.Error()), nil)
			case u.actor.PersonID != p.ID:
				d.hide() // another person was chosen meanwhile
			default:
				d.hide()
				u.signer, u.locked = s, false
				u.signOnDesk() // office.go
				u.showActor()
			}
		})
	}, passButton{"Not now", func() { d.hide() }})
	d.show(fyne.NewSize(620, 300))
}

// askNewKey asks for the passphrase of a new identity key for p, makes
// the key and records it in the register (done runs after that). The
// first key a person sets for themselves is signed with itself.
func (u *ui) askNewKey(p certification.Person, done func()) {
	if u.ids == nil {
		return
	}
	pass := newPasswordEntry(u)
	pass.Validator = func(s string) error { return u.ids.CheckNewPassphrase([]byte(s)) }
	again := newPasswordEntry(u)
	again.Validator = repeatOf(pass)
	items := []*widget.FormItem{
		{Text: "Passphrase", Widget: pass, HintText: "at least 12 characters: a few unrelated words are easy to type and hard to guess"},
		{Text: "Repeat it", Widget: again},
	}
	intro := p.Name + " signs their changes with an identity key, kept on this desk and sealed with a passphrase. " +
		"Choose it here and give it to " + p.Name + "; since you know it, they should then make a key of their own (Settings › People › New identity key…). A key set before is replaced."
	if p.ID == u.actor.PersonID {
		intro = "You sign your changes with an identity key, kept on this desk and sealed with a passphrase that only you should know. A key set before is replaced."
	}
	ids, dir, svc := u.ids, u.dataDir, u.svc()
	var d *passDialog
	d = newPassDialog(u, u.win, "Identity key for "+p.Name, intro, items, "Set the key", func() {
		secret := []byte(pass.Text)
		d.start("Making the key …")
		backgroundThen(u.bg, func(ctx context.Context) (certification.Signer, error) {
			s, err := ids.Create(dir, p, secret)
			if err != nil {
				return nil, err
			}
			by := svc
			if svc.Actor().PersonID == p.ID && p.Key() == nil {
				by = svc.SignedBy(s)
			}
			if err := by.SetPersonKey(ctx, p.ID, s.PublicKey()); err != nil {
				return nil, errors.Join(err, ids.Discard(dir, s))
			}
			// The replaced key signs nothing more. Its file going is
			// tidiness, not safety (verify refuses a replaced key).
			_ = ids.Retire(dir, p.Key())
			return s, nil
		}, func(s certification.Signer, err error) {
			if err != nil {
				d.fail(sentence(err.Error()), pass)
				return
			}
			d.hide()
			if p.ID == u.actor.PersonID {
				u.signer, u.locked = s, false
				u.signOnDesk() // office.go
				u.showActor()
			}
			if done != nil {
				done()
			}
			u.changed()
		})
	}, passButton{"Later", func() { d.hide() }})
	d.show(fyne.NewSize(640, 360))
}
