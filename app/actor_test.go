package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

func TestChangesNeedAPersonFromTheRegister(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	h.u.dataDir = "/data/a"
	// The first person may be added with nobody chosen (bootstrap).
	h.u.do(command{what: "add a person", run: func(ctx context.Context, svc *certification.Service) error {
		_, err := svc.AddPerson(ctx, certification.Person{Name: "Hannah Becker", Roles: []certification.Role{certification.RoleSchemeManager}})
		return err
	}, actor: true})
	h.settle()
	people, _ := view.People(h.ctx, h.svc())
	if len(people) != 1 {
		t.Fatalf("the first person was not added: %+v", people)
	}
	// Then nobody chosen: a change is refused with a clear message.
	h.u.do(command{what: "add a client", run: func(ctx context.Context, svc *certification.Service) error {
		_, err := svc.AddClient(ctx, certification.Client{LegalName: "Acme", RegisteredAddress: "x", EffectivePersonnel: 5})
		return err
	}, actor: true})
	h.settle()
	if rows, _ := view.ClientRows(h.ctx, h.svc(), h.u.today()); len(rows) != 0 {
		t.Fatal("a change was recorded with nobody chosen")
	}
	var texts []string
	if top := h.w.Canvas().Overlays().Top(); top != nil {
		fxWalk(top, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				texts = append(texts, l.Text)
			}
		})
	}
	if !strings.Contains(strings.Join(texts, " "), "Settings") {
		t.Fatalf("no message saying to choose who is working: %q", texts)
	}
	h.u.escape()

	// Chosen in folder A; folder B does not inherit it.
	h.u.setActor(people[0])
	if h.u.savedActor().PersonID != people[0].ID {
		t.Fatal("the chosen person is not remembered")
	}
	h.u.dataDir = "/data/b"
	if got := h.u.savedActor(); got.PersonID != 0 {
		t.Fatalf("another folder inherited the person: %+v", got)
	}
	// A remembered person who is not in the open folder's register is forgotten.
	h.u.actor = certification.Actor{PersonID: 42, Name: "Ghost"}
	h.u.checkActor()
	h.settle()
	if h.u.actor.PersonID != 0 || !strings.Contains(h.u.who.Text, "nobody") {
		t.Fatalf("a person missing from the register stays chosen: %+v", h.u.actor)
	}
}

// workAs opens Settings' "Who is using CertDesk" picker, types text and
// works as the one person it then shows.
func workAs(t *testing.T, h *harness, s *settingsSpace, text string) {
	t.Helper()
	test.Tap(s.whoBtn)
	wp := partOnTop[*whoPicker](t, h, "who picker")
	test.Type(wp.search, text)
	if len(wp.shown) != 1 {
		t.Fatalf("%q shows %d people", text, len(wp.shown))
	}
	wp.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	test.Tap(wp.ok)
	h.settle()
}

// "Working as" changes only on a deliberate pick: searching, choosing a
// row or cancelling leaves it; "Work as …" changes it.
func TestWorkingAsNeedsADeliberatePick(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	s := fxShow(h, "Settings").(*settingsSpace)
	workAs(t, h, s, "Dora")
	if h.u.actor.PersonID != b.dora || !strings.Contains(s.who.Text, "Dora Decker") {
		t.Fatalf("actor %+v, shown %q", h.u.actor, s.who.Text)
	}
	test.Tap(s.whoBtn)
	wp := partOnTop[*whoPicker](t, h, "who picker")
	all := len(wp.shown)
	if all < 2 || !wp.ok.Disabled() {
		t.Fatalf("picker opens with %d people, Work as enabled: %v", all, !wp.ok.Disabled())
	}
	test.Type(wp.search, "ZZZ")
	if len(wp.shown) != 0 {
		t.Errorf("nobody matches ZZZ, %d shown", len(wp.shown))
	}
	wp.search.SetText("")
	other := 0
	for i, p := range wp.shown {
		if p.ID != b.dora {
			other = i
		}
	}
	wp.list.Select(other)
	if h.u.actor.PersonID != b.dora {
		t.Fatal("choosing a row changed who is working before Work as")
	}
	if !strings.HasPrefix(wp.ok.Text, "Work as "+wp.shown[other].Name) || wp.ok.Disabled() {
		t.Errorf("button %q", wp.ok.Text)
	}
	tapDialogButton(t, h, "Cancel")
	if h.u.actor.PersonID != b.dora || h.u.who.Text != "Working as: Dora Decker" {
		t.Fatalf("cancel changed who is working: %+v", h.u.actor)
	}
}
