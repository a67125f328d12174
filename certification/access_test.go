package certification_test

import (
	"testing"

	. "certdesk/certification"
)

// Who may change what (access.go): open until the body names an
// administrator; then every change by an active person of the register,
// the register and the policy by an administrator, and never without one.
func TestAccess(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st) // people and a client added as "Sam Scheme": no administrator yet
		as := func(id ID, name string) *Service { return w.svc.As(Actor{PersonID: id, Name: name}) }
		lena := as(w.lead, "Lena Lead")

		// Open: a non-administrator names the first administrator.
		p, err := w.svc.Person(w.ctx, w.lead)
		w.must(err)
		p.Roles = append(p.Roles, RoleAdministrator)
		w.must(lena.UpdatePerson(w.ctx, p))

		// Closed: "system" and names outside the register make no change.
		_, err = w.svc.AddClient(w.ctx, Client{LegalName: "Beta Ltd", RegisteredAddress: "1 Road", EffectivePersonnel: 3})
		w.refused(err, RuleActorInRegister)
		_, err = as(99, "Ghost").AddClient(w.ctx, Client{LegalName: "Beta Ltd", RegisteredAddress: "1 Road", EffectivePersonnel: 3})
		w.refused(err, RuleActorInRegister)

		// A person of the register works; only the administrator keeps the
		// register and the policy.
		ada := as(w.aud, "Ada Auditor")
		w.must1(ada.AddClient(w.ctx, Client{LegalName: "Beta Ltd", RegisteredAddress: "1 Road", EffectivePersonnel: 3}))
		_, err = ada.AddPerson(w.ctx, Person{Name: "Mallory", Roles: []Role{RoleDecisionMaker}})
		w.refused(err, RuleAdministrator)
		pol, err := w.svc.Policy(w.ctx)
		w.must(err)
		pol.ResponseDays = 60
		w.refused(ada.SetPolicy(w.ctx, pol), RuleAdministrator)
		w.must(lena.SetPolicy(w.ctx, pol))
		dan := w.must1(lena.AddPerson(w.ctx, Person{Name: "Dan Decider", Roles: []Role{RoleDecisionMaker}}))

		// An inactive person makes no change; the last administrator cannot
		// leave the body without one.
		d, err := w.svc.Person(w.ctx, dan)
		w.must(err)
		d.Inactive = true
		w.must(lena.UpdatePerson(w.ctx, d))
		_, err = as(dan, "Dan Decider").AddClient(w.ctx, Client{LegalName: "Gamma Ltd", RegisteredAddress: "2 Road", EffectivePersonnel: 3})
		w.refused(err, RuleActorInRegister)
		p.Roles = []Role{RoleLeadAuditor}
		w.refused(lena.UpdatePerson(w.ctx, p), RuleAdministrator)
	})
}
