package certification_test

import (
	"errors"
	"slices"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

func TestPointReads(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		empty := NewService(st, &clock{})
		if has, err := view.HasPeople(t.Context(), empty); err != nil || has {
			t.Fatalf("an empty register has people: %v, %v", has, err)
		}
		b := newBody(t, st)
		ctx := b.ctx
		if has, err := view.HasPeople(ctx, b.svc); err != nil || !has {
			t.Errorf("HasPeople = %v, %v", has, err)
		}
		x, err := b.svc.Finding(ctx, b.corvidFinding)
		if err != nil || x.ID != b.corvidFinding || x.Grade != Minor || x.Reference != "9.2" {
			t.Errorf("Finding = %+v, %v", x, err)
		}
		c, err := b.svc.Client(ctx, b.delta)
		if err != nil || c.LegalName != "Delta Fintech BV" {
			t.Errorf("Client = %+v, %v", c, err)
		}
		p, err := b.svc.Person(ctx, b.lead)
		if err != nil || p.Name != "Ingrid Solberg" {
			t.Errorf("Person = %+v, %v", p, err)
		}
		for _, read := range []func() error{
			func() error { _, err := b.svc.Finding(ctx, 999); return err },
			func() error { _, err := b.svc.Client(ctx, 999); return err },
			func() error { _, err := b.svc.Person(ctx, 999); return err },
		} {
			if err := read(); !errors.Is(err, ErrNotFound) {
				t.Errorf("a missing record reads as %v, want ErrNotFound", err)
			}
		}

		named, err := view.PeopleNamed(ctx, b.svc, "  samuel   OSEI ")
		if err != nil || len(named) != 1 || named[0].ID != b.aud {
			t.Errorf("PeopleNamed = %+v, %v", named, err)
		}
		if named, err := view.PeopleNamed(ctx, b.svc, "Samuel"); err != nil || len(named) != 0 {
			t.Errorf("PeopleNamed matches a part of a name: %+v, %v", named, err)
		}

		for _, tc := range []struct {
			text string
			want []ID
		}{
			{"", []ID{b.bluefin, b.corvid, b.delta, b.northwind}},
			{"c", []ID{b.corvid}},
			{"DELTA  fin", []ID{b.delta}},
			{"Northwind Analytics GmbH (", nil},
			{"Health", nil}, // the start of the legal name only
		} {
			got, err := view.ClientsStartingWith(ctx, b.svc, tc.text)
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("ClientsStartingWith(%q) = %v, %v; want %v", tc.text, got, err, tc.want)
			}
		}

		all, err := b.svc.Journal(ctx, 1, 0)
		if err != nil || len(all) < 10 || all[0].Seq != 1 || all[0].Command != "add-person" {
			t.Fatalf("Journal = %d entries, %v", len(all), err)
		}
		some, err := b.svc.Journal(ctx, 3, 2)
		if err != nil || len(some) != 2 || some[0].Seq != 3 || some[1].Seq != 4 {
			t.Errorf("Journal(3, 2) = %+v, %v", some, err)
		}
		if none, err := b.svc.Journal(ctx, uint64(len(all))+1, 0); err != nil || len(none) != 0 {
			t.Errorf("Journal past the end = %d entries, %v", len(none), err)
		}
	})
}
