package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
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
	test.Tap(s.teamGap)   // a sector or AI gap may be justified
	test.Tap(s.remoteCap) // a plan above the remote share limit is refused
	for i, pn := range policyNumbers {
		if pn.field == "remote_share_percent" {
			s.polNumbers[i].SetText("30")
		}
	}
	fxTap(h, save)
	p, err := b.s.Policy(h.ctx)
	b.ok(err)
	if !p.TeamGapJustification || !p.RemoteOverLimitRefused || p.RemoteSharePercent != 30 {
		t.Errorf("the team-gap and remote settings were stored as %v, %v, %d", p.TeamGapJustification, p.RemoteOverLimitRefused, p.RemoteSharePercent)
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

// Settings › Documents: the body's address, signatory, accreditation,
// register address and listing days are saved with the policy and shown
// again when the settings reload; the logo and accreditation mark are
// stored as soon as chosen (a file that is not an image refused with the
// domain's words), previewed, and cleared.
func TestSettingsDocuments(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	s := fxShow(h, "Settings").(*settingsSpace)
	workAs(t, h, s, "sam")
	s.tabs.SelectIndex(2)
	d := s.docs
	if s.tabs.Selected().Text != "Documents" || d.bodyAddr.Text != "" || d.signatory.Text != "" || !d.save.Disabled() {
		t.Fatalf("before: tab %q, address %q, signatory %q, save enabled %v", s.tabs.Selected().Text, d.bodyAddr.Text, d.signatory.Text, !d.save.Disabled())
	}
	test.Type(d.bodyAddr, "Hafenstraße 3")
	d.bodyAddr.SetText(d.bodyAddr.Text + "\n20457 Hamburg")
	test.Type(d.signatory, "Sam Schmidt, Scheme Manager")
	test.Type(d.accBody, "DAkkS")
	test.Type(d.accNumber, "D-ZM-12345-01-00")
	test.Type(d.register, "register.example.org")
	if !d.save.Disabled() || !strings.Contains(d.problem.Text, "is not the address of the published register") {
		t.Fatalf("a register address without https: save enabled %v, problem %q", !d.save.Disabled(), d.problem.Text)
	}
	d.register.SetText("")
	test.Type(d.register, "https://register.example.org")
	d.withdrawnDays.SetText("")
	test.Type(d.withdrawnDays, "180")
	if d.save.Disabled() {
		t.Fatalf("Save disabled with valid settings: %q", d.problem.Text)
	}
	fxTap(h, fxButton(t, h.w, "Save"))
	p, err := b.s.Policy(h.ctx)
	b.ok(err)
	if p.BodyAddress != "Hafenstraße 3\n20457 Hamburg" || p.Signatory != "Sam Schmidt, Scheme Manager" || p.AccreditationBody != "DAkkS" ||
		p.AccreditationNumber != "D-ZM-12345-01-00" || p.RegisterURL != "https://register.example.org" || p.RegisterWithdrawnDays != 180 || p.ChangedBy.PersonID != b.sam {
		t.Fatalf("policy stored as %+v", p)
	}

	// The logo: a text file is refused, a PNG stored and previewed.
	files := map[string][]byte{"notes.png": []byte("not an image"), "logo.png": settingsPNG(t)}
	var next string
	h.u.xl.openFile = func(_ string, then func(io.ReadCloser, string)) {
		then(io.NopCloser(bytes.NewReader(files[next])), next)
	}
	logo := d.images[certification.ImageLogo]
	next = "notes.png"
	test.Tap(logo.choose)
	fxSettle(h)
	if msg := labelText(topOverlay(t, h)); !strings.Contains(msg, "must be a PNG or JPEG image") {
		t.Errorf("a text file as the logo: dialog %q", msg)
	}
	topDialog(t, h).Hide()
	next = "logo.png"
	test.Tap(logo.choose)
	fxSettle(h)
	p, err = b.s.Policy(h.ctx)
	b.ok(err)
	if p.LogoSHA256 != certification.ContentHash(files["logo.png"]) || logo.preview.Resource == nil || logo.clear.Disabled() ||
		!strings.Contains(logo.note.Text, p.LogoSHA256[:12]) || p.AccreditationBody != "DAkkS" {
		t.Fatalf("after choosing the logo: policy %+v, preview %v, note %q", p, logo.preview.Resource, logo.note.Text)
	}
	d.bodyAddr.SetText("")
	s.reload()
	fxSettle(h)
	if d.bodyAddr.Text != p.BodyAddress || d.register.Text != p.RegisterURL || d.withdrawnDays.Text != "180" || !d.save.Disabled() || logo.preview.Resource == nil {
		t.Errorf("after reload: address %q, register %q, days %q", d.bodyAddr.Text, d.register.Text, d.withdrawnDays.Text)
	}
	fxCapture(h, "settings-documents")
	test.Tap(logo.clear)
	fxSettle(h)
	p, err = b.s.Policy(h.ctx)
	b.ok(err)
	if p.LogoSHA256 != "" || logo.preview.Resource != nil || !logo.clear.Disabled() {
		t.Errorf("after clearing: logo %q, preview %v", p.LogoSHA256, logo.preview.Resource)
	}
}

func settingsPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 120, 40))
	for x := range 120 {
		for y := range 40 {
			img.Set(x, y, color.RGBA{uint8(x * 2), 60, 140, 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
