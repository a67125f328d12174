package storetest

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
)

// readOnlyView: a View refuses every write and says so.
func readOnlyView(t *testing.T, s certification.Store) {
	put(t, s, &Note{ID: 2, Text: "kept"})
	err := s.View(context.Background(), func(tx certification.Tx) error {
		return tx.Put(&Note{ID: 1})
	})
	if err == nil || !strings.Contains(err.Error(), "View") {
		t.Errorf("Put in View: %v", err)
	}
	err = s.View(context.Background(), func(tx certification.Tx) error {
		return tx.Delete(KindNote, 2)
	})
	if err == nil || !strings.Contains(err.Error(), "View") {
		t.Errorf("Delete in View: %v", err)
	}
	view(t, s, func(tx certification.Tx) error {
		if n, err := tx.Count(KindNote); err != nil || n != 1 {
			t.Errorf("Count after the refused writes = %d, %v; want 1", n, err)
		}
		return nil
	})
}

// contextCancelled: nothing runs on a cancelled context.
func contextCancelled(t *testing.T, s certification.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	fn := func(certification.Tx) error { ran = true; return nil }
	if err := s.View(ctx, fn); !errors.Is(err, context.Canceled) {
		t.Errorf("View: %v", err)
	}
	if err := s.Update(ctx, entry("x"), fn); !errors.Is(err, context.Canceled) {
		t.Errorf("Update: %v", err)
	}
	if err := s.Journal(ctx, 0, func(certification.JournalEntry) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("Journal: %v", err)
	}
	if ran {
		t.Error("fn ran on a cancelled context")
	}
}

// nextID: ids count from 1 per kind; an aborted Update does not use one
// up; a View cannot take one.
func nextID(t *testing.T, s certification.Store) {
	var got []certification.ID
	next := func(kind certification.Kind, fail error) error {
		return s.Update(context.Background(), entry("next"), func(tx certification.Tx) error {
			id, err := tx.NextID(kind)
			if err != nil {
				return err
			}
			got = append(got, id)
			return fail
		})
	}
	boom := errors.New("boom")
	for _, step := range []struct {
		kind certification.Kind
		fail error
	}{{KindThing, nil}, {KindThing, nil}, {KindNote, nil}, {KindThing, boom}, {KindThing, nil}} {
		if err := next(step.kind, step.fail); err != step.fail {
			t.Fatalf("NextID: %v", err)
		}
	}
	// Per kind from 1; the aborted transaction's id 3 is handed out again.
	if want := []certification.ID{1, 2, 1, 3, 3}; !reflect.DeepEqual(got, want) {
		t.Errorf("ids = %v, want %v", got, want)
	}

	err := s.View(context.Background(), func(tx certification.Tx) error {
		_, err := tx.NextID(KindThing)
		return err
	})
	if err == nil {
		t.Error("NextID in View succeeded")
	}
}

// readYourWrites: inside an Update, reads see the Update's own writes,
// index terms and counts included.
func readYourWrites(t *testing.T, s certification.Store) {
	put(t, s, &Thing{ID: 1, Name: "old", Tags: []string{"t"}})
	update(t, s, "edit", func(tx certification.Tx) error {
		if err := tx.Put(&Thing{ID: 1, Name: "new"}); err != nil {
			return err
		}
		if err := tx.Put(&Thing{ID: 2, Name: "new"}); err != nil {
			return err
		}
		var th Thing
		if err := tx.Get(1, &th); err != nil || th.Name != "new" || th.Tags != nil {
			t.Errorf("Get of a record written in the same Update: %+v, %v", th, err)
		}
		for value, want := range map[string][]certification.ID{"old": nil, "new": {1, 2}} {
			if ids, err := tx.Lookup(IndexThingName, []byte(value)); err != nil || !reflect.DeepEqual(ids, want) {
				t.Errorf("Lookup(%q) in the same Update = %v, %v; want %v", value, ids, err, want)
			}
		}
		if n, err := tx.Count(KindThing); err != nil || n != 2 {
			t.Errorf("Count in the same Update = %d, %v; want 2", n, err)
		}
		if err := tx.Delete(KindThing, 2); err != nil {
			return err
		}
		if err := tx.Get(2, &th); !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("Get of a record deleted in the same Update: %v", err)
		}
		var ids []certification.ID
		err := tx.Each(KindThing, func(id certification.ID, _ func(certification.Record) error) error {
			ids = append(ids, id)
			return nil
		})
		if want := []certification.ID{1}; err != nil || !reflect.DeepEqual(ids, want) {
			t.Errorf("Each in the same Update = %v, %v; want %v", ids, err, want)
		}
		return nil
	})
	if got, want := indexEntries(t, s, IndexThingName), []string{"new#1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names after the Update: %q, want %q", got, want)
	}
}

// rollback: an Update whose function fails leaves records, index terms,
// counts, id counters and the journal as they were, and returns that
// function's error as is.
func rollback(t *testing.T, s certification.Store) {
	keep := &Thing{ID: 1, Name: "keep", Num: 1, Tags: []string{"a"}}
	put(t, s, keep, &Thing{ID: 2, Name: "doomed"}, &Note{ID: 1, Text: "n"})
	boom := errors.New("boom")
	err := s.Update(context.Background(), entry("refused"), func(tx certification.Tx) error {
		for _, step := range []func() error{
			func() error { return tx.Put(&Thing{ID: 1, Name: "changed", Num: 2, Tags: []string{"b"}}) },
			func() error { return tx.Delete(KindThing, 2) },
			func() error { return tx.Delete(KindNote, 1) },
			func() error { return tx.Put(&Note{ID: 5, Text: "never"}) },
			func() error { _, err := tx.NextID(KindNote); return err },
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return boom
	})
	if err != boom {
		t.Fatalf("Update = %v, want the function's error", err)
	}
	view(t, s, func(tx certification.Tx) error {
		var th Thing
		if err := tx.Get(1, &th); err != nil || !reflect.DeepEqual(&th, keep) {
			t.Errorf("thing 1 after the rollback: %+v, %v; want %+v", th, err, keep)
		}
		if err := tx.Get(2, &th); err != nil {
			t.Errorf("thing 2 after the rollback: %v", err)
		}
		if err := tx.Get(1, new(Note)); err != nil {
			t.Errorf("note 1 after the rollback: %v", err)
		}
		if err := tx.Get(5, new(Note)); !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("note 5 after the rollback: %v", err)
		}
		for kind, want := range map[certification.Kind]int{KindThing: 2, KindNote: 1} {
			if n, err := tx.Count(kind); err != nil || n != want {
				t.Errorf("Count(%s) after the rollback = %d, %v; want %d", kind, n, err, want)
			}
		}
		return nil
	})
	for ix, want := range map[string][]string{
		IndexThingName: {"doomed#2", "keep#1"},
		IndexThingTag:  {"a#1"},
	} {
		if got := indexEntries(t, s, ix); !reflect.DeepEqual(got, want) {
			t.Errorf("%s after the rollback: %q, want %q", ix, got, want)
		}
	}
	update(t, s, "next", func(tx certification.Tx) error {
		if id, err := tx.NextID(KindNote); err != nil || id != 1 {
			t.Errorf("NextID after the rollback = %d, %v; want 1", id, err)
		}
		return nil
	})
	if got := len(Journal(t, s, 0)); got != 2 {
		t.Errorf("journal has %d entries, want 2 (the refused Update left none)", got)
	}
}

// viewIsSnapshot: a View does not see an Update that commits while it
// runs, and a later View does. (A store that runs an Update only after
// open Views end passes too: the Update then waits for the View.)
func viewIsSnapshot(t *testing.T, s certification.Store) {
	put(t, s, &Thing{ID: 1, Name: "before"})
	done := make(chan error, 1)
	read := func(tx certification.Tx) (string, []certification.ID) {
		var th Thing
		if err := tx.Get(1, &th); err != nil {
			t.Error(err)
		}
		ids, err := tx.Lookup(IndexThingName, []byte("before"))
		if err != nil {
			t.Error(err)
		}
		return th.Name, ids
	}
	view(t, s, func(tx certification.Tx) error {
		name, ids := read(tx)
		if want := []certification.ID{1}; name != "before" || !reflect.DeepEqual(ids, want) {
			t.Errorf("before the Update: %q, %v", name, ids)
		}
		go func() {
			done <- s.Update(context.Background(), entry("rename"), func(tx certification.Tx) error {
				return tx.Put(&Thing{ID: 1, Name: "after"})
			})
		}()
		select {
		case err := <-done:
			done <- err // the Update committed while the View is open
		case <-time.After(200 * time.Millisecond): // it waits for the View
		}
		if name2, ids2 := read(tx); name2 != name || !reflect.DeepEqual(ids2, ids) {
			t.Errorf("the View saw another transaction's write: %q %v, then %q %v", name, ids, name2, ids2)
		}
		return nil
	})
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	view(t, s, func(tx certification.Tx) error {
		if name, ids := read(tx); name != "after" || ids != nil {
			t.Errorf("after the Update: %q, %v", name, ids)
		}
		return nil
	})
}
