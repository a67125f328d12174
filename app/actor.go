package app

import (
	"context"
	"errors"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The person using the app is remembered per data folder (two folders
// have two registers), and checked against the open folder's register.

func (u *ui) actorKeys() (id, name string) {
	return prefActorID + ":" + u.dataDir, prefActorName + ":" + u.dataDir
}

// savedActor is the person last chosen in Settings for this data folder;
// commands are journalled in their name.
func (u *ui) savedActor() certification.Actor {
	p := u.app.Preferences()
	kid, kname := u.actorKeys()
	id := certification.ID(p.Int(kid))
	name := p.String(kname)
	if id == 0 || name == "" {
		return certification.Actor{Name: "unidentified user"}
	}
	return certification.Actor{PersonID: id, Name: name}
}

// setActor records who is using the app.
func (u *ui) setActor(p certification.Person) {
	if u.signer != nil && u.signer.PersonID() != p.ID {
		u.signer = nil
	}
	u.locked = false
	u.actor = certification.Actor{PersonID: p.ID, Name: p.Name}
	prefs := u.app.Preferences()
	kid, kname := u.actorKeys()
	prefs.SetInt(kid, int(p.ID))
	prefs.SetString(kname, p.Name)
	u.showActor()
	u.askUnlock(p)
}

// checkActor forgets a remembered person who is not (or no longer, or
// under another name) in the open folder's register, and asks for the
// passphrase of the identity key of one who is.
func (u *ui) checkActor() {
	if u.actor.PersonID == 0 {
		return
	}
	want := u.actor
	query(u, "the register", func(ctx context.Context, svc *certification.Service) ([]certification.Person, error) {
		return view.People(ctx, svc)
	}, func(people []certification.Person) {
		for _, p := range people {
			if p.ID == want.PersonID && p.Name == want.Name && !p.Inactive {
				if u.actor == want {
					u.askUnlock(p)
				}
				return
			}
		}
		if u.actor == want {
			u.actor = certification.Actor{Name: "unidentified user"}
			u.showActor()
		}
	})
}

func (u *ui) showActor() {
	if u.who == nil {
		return
	}
	if u.actor.PersonID == 0 {
		u.who.SetText("Working as: nobody chosen (Settings)")
		return
	}
	switch {
	case u.signer != nil && u.signer.PersonID() == u.actor.PersonID:
		u.who.SetText("Working as: " + u.actor.Name + " · signing")
	case u.ids != nil && u.locked:
		u.who.SetText("Working as: " + u.actor.Name + " · identity locked")
	default:
		u.who.SetText("Working as: " + u.actor.Name)
	}
}

// errNoActor refuses a change while nobody is chosen in Settings.
var errNoActor = errors.New("choose who you are in Settings › People before changing records: every change is journalled in that person's name")

// actorMayChange says whether a command may run: a person from the
// register is chosen, or the register is still empty (the first person
// is being added).
func actorMayChange(ctx context.Context, svc *certification.Service) error {
	if svc.Actor().PersonID != 0 {
		return nil
	}
	people, err := view.People(ctx, svc)
	if err != nil {
		return err
	}
	if len(people) > 0 {
		return errNoActor
	}
	return nil
}
