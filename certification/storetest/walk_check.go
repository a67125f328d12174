package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"certdesk/certification"
)

// eachAndCount: Each walks one kind in id order (numeric, not textual),
// ErrStop ends it, decode refuses a record of another kind; Count counts
// one kind.
func eachAndCount(t *testing.T, s certification.Store) {
	put(t, s, &Note{ID: 258, Text: "c"}, &Note{ID: 1, Text: "a"}, &Note{ID: 2, Text: "b"}, &Thing{ID: 1, Name: "x"})
	view(t, s, func(tx certification.Tx) error {
		var got []string
		err := tx.Each(KindNote, func(id certification.ID, decode func(certification.Record) error) error {
			var n Note
			if err := decode(&n); err != nil {
				return err
			}
			got = append(got, fmt.Sprintf("%d:%s", id, n.Text))
			return nil
		})
		if err != nil {
			return err
		}
		if want := []string{"1:a", "2:b", "258:c"}; !reflect.DeepEqual(got, want) {
			t.Errorf("Each = %q, want %q", got, want)
		}

		n := 0
		err = tx.Each(KindNote, func(certification.ID, func(certification.Record) error) error {
			n++
			return certification.ErrStop
		})
		if err != nil || n != 1 {
			t.Errorf("Each with ErrStop: n=%d err=%v", n, err)
		}

		err = tx.Each(KindNote, func(_ certification.ID, decode func(certification.Record) error) error {
			return decode(new(Thing))
		})
		if err == nil {
			t.Error("decoding a note into a thing succeeded")
		}

		for kind, want := range map[certification.Kind]int{KindNote: 3, KindThing: 1, certification.KindClient: 0} {
			if got, err := tx.Count(kind); err != nil || got != want {
				t.Errorf("Count(%s) = %d, %v; want %d", kind, got, err, want)
			}
		}
		return nil
	})
}

// eachIgnoresWritesDuringWalk: a record written by the walk's own
// function after the walk began is not visited (so a walk that writes
// ends), but it is written.
func eachIgnoresWritesDuringWalk(t *testing.T, s certification.Store) {
	put(t, s, &Note{ID: 1, Text: "a"}, &Note{ID: 2, Text: "b"})
	var seen []certification.ID
	update(t, s, "copy", func(tx certification.Tx) error {
		return tx.Each(KindNote, func(id certification.ID, decode func(certification.Record) error) error {
			seen = append(seen, id)
			var n Note
			if err := decode(&n); err != nil {
				return err
			}
			n.ID += 100
			return tx.Put(&n)
		})
	})
	if want := []certification.ID{1, 2}; !reflect.DeepEqual(seen, want) {
		t.Errorf("Each visited %v, want %v", seen, want)
	}
	view(t, s, func(tx certification.Tx) error {
		if n, err := tx.Count(KindNote); err != nil || n != 4 {
			t.Errorf("Count after the walk = %d, %v; want 4", n, err)
		}
		var n Note
		if err := tx.Get(102, &n); err != nil || n.Text != "b" {
			t.Errorf("note written during the walk: %+v, %v", n, err)
		}
		return nil
	})
}
