package storetest

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"certdesk/certification"
)

// roundTrip: Get gives back what Put wrote, field for field, for domain
// records and the suite's own.
func roundTrip(t *testing.T, s certification.Store) {
	client := &certification.Client{
		ID: 1, LegalName: "Acme Robotics GmbH", RegisteredAddress: "Hauptstr. 1, Berlin",
		EffectivePersonnel: 42.5, Sectors: []int{19},
		Sites:   []certification.Site{{Code: "HQ", Address: "Berlin", Central: true}},
		Created: certification.NewDate(2025, 3, 1),
	}
	person := &certification.Person{ID: 7, Name: "Ada Lovelace", Roles: []certification.Role{certification.RoleLeadAuditor}}
	policy := certification.DefaultPolicy()
	th := &Thing{ID: 3, Name: "a/b", Num: 9, Tags: []string{"x"}}
	put(t, s, client, person, &policy, th)

	view(t, s, func(tx certification.Tx) error {
		for _, want := range []certification.Record{client, person, &policy, th} {
			got := reflect.New(reflect.TypeOf(want).Elem()).Interface().(certification.Record)
			if err := tx.Get(want.RecordID(), got); err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: got %+v, want %+v", want.RecordKind(), got, want)
			}
		}
		return nil
	})

	// What Get filled in is the caller's: changing it changes nothing stored.
	view(t, s, func(tx certification.Tx) error {
		var got Thing
		if err := tx.Get(3, &got); err != nil {
			return err
		}
		got.Tags[0] = "changed"
		if err := tx.Get(3, &got); err != nil {
			return err
		}
		if got.Tags[0] != "x" {
			t.Errorf("changing what Get returned changed the store: tags %q", got.Tags)
		}
		return nil
	})
}

// notFound: Get and Delete of a missing record say ErrNotFound, and Get
// names the record.
func notFound(t *testing.T, s certification.Store) {
	view(t, s, func(tx certification.Tx) error {
		err := tx.Get(12, new(certification.Client))
		if !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("Get: %v, want ErrNotFound", err)
		}
		if err == nil || err.Error() != "client 12: not found" {
			t.Errorf("Get message: %v", err)
		}
		return nil
	})
	err := s.Update(context.Background(), entry("delete"), func(tx certification.Tx) error {
		return tx.Delete(KindThing, 5)
	})
	if !errors.Is(err, certification.ErrNotFound) {
		t.Errorf("Delete of a missing record: %v, want ErrNotFound", err)
	}
}

// decodeResets: a reused dst does not keep fields of the previous record
// that the next one omits.
func decodeResets(t *testing.T, s certification.Store) {
	put(t, s, &Thing{ID: 1, Name: "one", Tags: []string{"t"}}, &Thing{ID: 2, Name: "two"})
	view(t, s, func(tx certification.Tx) error {
		var th Thing
		if err := tx.Get(1, &th); err != nil {
			return err
		}
		if err := tx.Get(2, &th); err != nil {
			return err
		}
		if th.Tags != nil {
			t.Errorf("Get kept tags of the earlier record: %+v", th)
		}
		return nil
	})
}

// putNeedsID: a record without an id is refused; ids come from NextID.
func putNeedsID(t *testing.T, s certification.Store) {
	err := s.Update(context.Background(), entry("no id"), func(tx certification.Tx) error {
		return tx.Put(&Note{Text: "anonymous"})
	})
	if err == nil {
		t.Error("Put of a record with id 0 succeeded")
	}
	view(t, s, func(tx certification.Tx) error {
		if n, err := tx.Count(KindNote); err != nil || n != 0 {
			t.Errorf("Count after the refused Put = %d, %v; want 0", n, err)
		}
		return nil
	})
}
