package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/view"
)

func TestSettingsActorAndPolicy(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	s := fxShow(h, "Settings").(*settingsSpace)
	if !strings.Contains(h.u.who.Text, "nobody chosen") {
		t.Errorf("header %q before choosing", h.u.who.Text)
	}
	// Choose who is using the app.
	workAs(t, h, s, "dora")
	if h.u.who.Text != "Working as: Dora Decker" || h.u.actor.PersonID != b.dora {
		t.Fatalf("header %q, actor %+v", h.u.who.Text, h.u.actor)
	}
	if !strings.Contains(s.whoRoles.Text, "decision maker") {
		t.Errorf("roles %q", s.whoRoles.Text)
	}
	fxCapture(h, "settings-people")
	s.tabs.SelectIndex(1)
	if !s.polSave.Disabled() {
		t.Error("Save enabled before anything changed")
	}

	// Change a policy: the client response is due after 45 days.
	var resp *entry
	for i, pn := range policyNumbers {
		if pn.field == "response_days" {
			resp = s.polNumbers[i]
		}
	}
	resp.SetText("")
	test.Type(resp, "400")
	if resp.Validate() == nil {
		t.Error("400 days accepted: the domain allows at most 365")
	}
	if !strings.Contains(s.polError.Text, "between 1 and 365") {
		t.Errorf("error shown: %q", s.polError.Text)
	}
	save := fxButton(t, h.w, "Save policy")
	if save != s.polSave {
		t.Fatal("the Save policy button is not on screen")
	}
	if !save.Disabled() {
		t.Error("Save enabled with an invalid field")
	}
	resp.SetText("")
	test.Type(resp, "45")
	if save.Disabled() {
		t.Fatal("Save disabled with a valid policy")
	}
	test.Tap(s.teamGap) // a sector or AI gap may be justified
	fxTap(h, save)
	p, err := b.s.Policy(h.ctx)
	b.ok(err)
	if !p.TeamGapJustification {
		t.Error("the team-gap setting was not stored")
	}
	if p.ResponseDays != 45 || p.ChangedBy.Name != "Dora Decker" || p.ChangedBy.PersonID != b.dora || p.ChangedOn != fxDay("2026-11-24") {
		t.Fatalf("policy stored as %+v", p)
	}
	if got := s.polChanged.Text; got != "Last changed by Dora Decker on 2026-11-24." {
		t.Errorf("changed note %q", got)
	}
	if !strings.Contains(s.polError.Text, "") || s.polError.Text != "" {
		t.Errorf("error shown after saving: %q", s.polError.Text)
	}
	fxCapture(h, "settings-policies")
}

func TestSettingsAddPerson(t *testing.T) {
	h := fxHarness(t)
	s := fxShow(h, "Settings").(*settingsSpace)
	if !s.create() {
		t.Fatal("Ctrl+N does not add a person")
	}
	add := fxButton(t, h.w, "Add")
	f := personFormShown(t, h)
	test.Type(f.name, "Noor Haddad")
	if !add.Disabled() {
		t.Error("Add enabled without a role")
	}
	f.roles.SetSelected([]string{roleText(certification.RoleLeadAuditor), roleText(certification.RoleDecisionMaker)})
	test.Type(f.email, "noor.haddad@certdesk.example")
	fxTap(h, add)
	ps, err := view.People(h.ctx, h.svc())
	if err != nil {
		t.Fatal(err)
	}
	// The roles given, and administrator: the first person of a body is
	// its administrator (certification/access.go).
	if len(ps) != 1 || ps[0].Name != "Noor Haddad" || len(ps[0].Roles) != 3 || !ps[0].Has(certification.RoleAdministrator) || ps[0].Email != "noor.haddad@certdesk.example" {
		t.Fatalf("people %+v", ps)
	}
	if len(s.people) != 1 || len(activePeople(s.people, h.u.actor.PersonID)) != 1 || s.whoBtn.Disabled() {
		t.Errorf("register %d after adding, chooser disabled %v", len(s.people), s.whoBtn.Disabled())
	}
}

// The body's address and the signatory, printed on certificates, are
// policy fields of the Settings form: saved with the policy, shown again
// when the settings reload.
func TestSettingsCertificateDetails(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	s := fxShow(h, "Settings").(*settingsSpace)
	workAs(t, h, s, "sam")
	s.tabs.SelectIndex(1)
	if s.bodyAddr.Text != "" || s.signatory.Text != "" || !s.polSave.Disabled() {
		t.Fatalf("before: address %q, signatory %q, save enabled %v", s.bodyAddr.Text, s.signatory.Text, !s.polSave.Disabled())
	}
	test.Type(s.bodyAddr, "Hafenstraße 3")
	s.bodyAddr.SetText(s.bodyAddr.Text + "\n20457 Hamburg")
	test.Type(s.signatory, "Sam Schmidt, Scheme Manager")
	if s.polSave.Disabled() {
		t.Fatal("Save disabled after changing the address and signatory")
	}
	fxTap(h, s.polSave)
	p, err := b.s.Policy(h.ctx)
	b.ok(err)
	if p.BodyAddress != "Hafenstraße 3\n20457 Hamburg" || p.Signatory != "Sam Schmidt, Scheme Manager" || p.ChangedBy.PersonID != b.sam {
		t.Fatalf("policy stored as address %q, signatory %q, by %+v", p.BodyAddress, p.Signatory, p.ChangedBy)
	}
	s.bodyAddr.SetText("")
	s.signatory.SetText("")
	s.reload()
	fxSettle(h)
	if s.bodyAddr.Text != p.BodyAddress || s.signatory.Text != p.Signatory || !s.polSave.Disabled() {
		t.Errorf("after reload: address %q, signatory %q", s.bodyAddr.Text, s.signatory.Text)
	}
}
