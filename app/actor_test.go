package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
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
