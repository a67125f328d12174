package app

import (
	"certdesk/certification"
)

// savedActor is the person last chosen in Settings as the one using the
// app; commands are journalled in their name.
func (u *ui) savedActor() certification.Actor {
	p := u.app.Preferences()
	id := certification.ID(p.Int(prefActorID))
	name := p.String(prefActorName)
	if id == 0 || name == "" {
		return certification.Actor{Name: "unidentified user"}
	}
	return certification.Actor{PersonID: id, Name: name}
}

// setActor records who is using the app.
func (u *ui) setActor(p certification.Person) {
	u.actor = certification.Actor{PersonID: p.ID, Name: p.Name}
	prefs := u.app.Preferences()
	prefs.SetInt(prefActorID, int(p.ID))
	prefs.SetString(prefActorName, p.Name)
	u.showActor()
}

func (u *ui) showActor() {
	if u.who == nil {
		return
	}
	if u.actor.PersonID == 0 {
		u.who.SetText("Working as: nobody chosen (Settings)")
		return
	}
	u.who.SetText("Working as: " + u.actor.Name)
}
