package certification_test

import (
	"testing"

	. "certdesk/certification"
	"certdesk/storage"
)

// signer is a real identity key (storage.Identity) for person id.
func (w *world) signer(id ID) *storage.Identity {
	w.t.Helper()
	k, err := storage.NewIdentity(id)
	w.must(err)
	return k
}

// Who may change what (access.go, identity.go): open until the body names
// an administrator; then every change by an active person of the
// register, signed with their own identity key, the register and the
// policy by an administrator, and never without one.
func TestAccess(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st) // people and a client added as "Sam Scheme": no administrator yet
		as := func(id ID, name string) *Service { return w.svc.As(Actor{PersonID: id, Name: name}) }
		client := Client{LegalName: "Beta Ltd", RegisteredAddress: "1 Road", EffectivePersonnel: 3}
		lenaKey, adaKey := w.signer(w.lead), w.signer(w.aud)

		// Open: keys wait for an administrator; a non-administrator names
		// the first one.
		w.refused(as(w.lead, "Lena Lead").SignedBy(lenaKey).SetPersonKey(w.ctx, w.lead, lenaKey.PublicKey()), RuleAdministrator)
		_, err := w.svc.AddPerson(w.ctx, Person{Name: "Kim Keyed", Roles: []Role{RoleAuditor}, Keys: []PersonKey{{Public: w.signer(0).PublicKey()}}})
		w.refusedInput(err, "keys")
		p, err := w.svc.Person(w.ctx, w.lead)
		w.must(err)
		p.Roles = append(p.Roles, RoleAdministrator)
		w.must(as(w.lead, "Lena Lead").UpdatePerson(w.ctx, p))

		// Closed: "system" and names outside the register make no change.
		_, err = w.svc.AddClient(w.ctx, client)
		w.refused(err, RuleActorInRegister)
		_, err = as(99, "Ghost").AddClient(w.ctx, client)
		w.refused(err, RuleActorInRegister)

		// Nobody without a key acts; the first administrator sets their own
		// first key, signing with it, and then issues the others.
		_, err = as(w.lead, "Lena Lead").AddClient(w.ctx, client)
		w.refused(err, RuleOwnIdentity)
		w.refused(as(w.lead, "Lena Lead").SetPersonKey(w.ctx, w.lead, lenaKey.PublicKey()), RuleOwnIdentity)
		w.refused(as(w.lead, "Lena Lead").SignedBy(w.signer(w.lead)).SetPersonKey(w.ctx, w.lead, lenaKey.PublicKey()), RuleOwnIdentity)
		w.refused(as(w.aud, "Ada Auditor").SignedBy(adaKey).SetPersonKey(w.ctx, w.aud, adaKey.PublicKey()), RuleOwnIdentity)
		// An administrator without a key of their own sets nobody else's.
		w.refused(as(w.lead, "Lena Lead").SignedBy(w.signer(w.lead)).SetPersonKey(w.ctx, w.aud, adaKey.PublicKey()), RuleOwnIdentity)
		lena := as(w.lead, "Lena Lead").SignedBy(lenaKey)
		w.must(lena.SetPersonKey(w.ctx, w.lead, lenaKey.PublicKey()))
		w.must(lena.SetPersonKey(w.ctx, w.aud, adaKey.PublicKey()))

		// A person acts signing with their own key in force, nobody else's.
		ada := as(w.aud, "Ada Auditor")
		_, err = ada.AddClient(w.ctx, client)
		w.refused(err, RuleOwnIdentity)
		_, err = ada.SignedBy(lenaKey).AddClient(w.ctx, client)
		w.refused(err, RuleOwnIdentity)
		_, err = ada.SignedBy(lenaKey.For(w.aud)).AddClient(w.ctx, client)
		w.refused(err, RuleOwnIdentity)
		ada = ada.SignedBy(adaKey)
		w.must1(ada.AddClient(w.ctx, client))
		w.refused(ada.SetPersonKey(w.ctx, w.lead, w.signer(w.lead).PublicKey()), RuleAdministrator)

		// A new key replaces the old one, which signs no more and never
		// comes back; a register update leaves the keys alone.
		next := w.signer(w.aud)
		w.must(ada.SetPersonKey(w.ctx, w.aud, next.PublicKey()))
		_, err = ada.AddClient(w.ctx, Client{LegalName: "Delta Ltd", RegisteredAddress: "4 Road", EffectivePersonnel: 3})
		w.refused(err, RuleOwnIdentity)
		ada = ada.SignedBy(next)
		w.refusedInput(ada.SetPersonKey(w.ctx, w.aud, adaKey.PublicKey()), "keys")
		a, err := w.svc.Person(w.ctx, w.aud)
		w.must(err)
		a.Keys = nil
		w.must(lena.UpdatePerson(w.ctx, a))
		if a, _ = w.svc.Person(w.ctx, w.aud); len(a.Keys) != 2 || !a.Key().Equal(next.PublicKey()) || !a.HadKey(adaKey.PublicKey()) {
			t.Fatalf("Ada's keys after an update: %+v, want the two set, the second in force", a.Keys)
		}

		// Only the administrator keeps the register and the policy.
		_, err = ada.AddPerson(w.ctx, Person{Name: "Mallory", Roles: []Role{RoleDecisionMaker}})
		w.refused(err, RuleAdministrator)
		pol, err := w.svc.Policy(w.ctx)
		w.must(err)
		pol.ResponseDays = 60
		w.refused(ada.SetPolicy(w.ctx, pol), RuleAdministrator)
		w.must(lena.SetPolicy(w.ctx, pol))
		dan := w.must1(lena.AddPerson(w.ctx, Person{Name: "Dan Decider", Roles: []Role{RoleDecisionMaker}}))
		danKey := w.signer(dan)
		w.refusedInput(lena.SetPersonKey(w.ctx, dan, next.PublicKey()), "keys") // Ada's
		w.must(lena.SetPersonKey(w.ctx, dan, danKey.PublicKey()))

		// An inactive person makes no change; the last administrator cannot
		// leave the body without one.
		d, err := w.svc.Person(w.ctx, dan)
		w.must(err)
		d.Inactive = true
		w.must(lena.UpdatePerson(w.ctx, d))
		_, err = as(dan, "Dan Decider").SignedBy(danKey).AddClient(w.ctx, Client{LegalName: "Gamma Ltd", RegisteredAddress: "2 Road", EffectivePersonnel: 3})
		w.refused(err, RuleActorInRegister)
		p, err = w.svc.Person(w.ctx, w.lead)
		w.must(err)
		p.Roles = []Role{RoleLeadAuditor}
		w.refused(lena.UpdatePerson(w.ctx, p), RuleAdministrator)
	})
}
