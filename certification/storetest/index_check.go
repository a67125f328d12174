package storetest

import (
	"encoding/binary"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"certdesk/certification"
)

// indexMaintenance: Put files a record under its terms and drops the
// terms an earlier version had; Delete drops them all.
func indexMaintenance(t *testing.T, s certification.Store) {
	put(t, s, &Thing{ID: 1, Name: "alpha", Num: 1, Tags: []string{"red", "blue"}})
	if got, want := indexEntries(t, s, IndexThingTag), []string{"blue#1", "red#1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tags after create: %q, want %q", got, want)
	}

	put(t, s, &Thing{ID: 1, Name: "beta", Num: 1, Tags: []string{"blue", "green"}})
	if got, want := indexEntries(t, s, IndexThingTag), []string{"blue#1", "green#1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("tags after update: %q, want %q", got, want)
	}
	if got, want := indexEntries(t, s, IndexThingName), []string{"beta#1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("names after update: %q, want %q", got, want)
	}

	update(t, s, "delete", func(tx certification.Tx) error { return tx.Delete(KindThing, 1) })
	for _, ix := range []string{IndexThingTag, IndexThingName, IndexThingNum} {
		if got := indexEntries(t, s, ix); len(got) != 0 {
			t.Errorf("%s after delete: %q, want none", ix, got)
		}
	}
	view(t, s, func(tx certification.Tx) error {
		if err := tx.Get(1, new(Thing)); !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("Get after delete: %v", err)
		}
		return nil
	})
}

// realIndexes: a domain record's own terms (the folded client name) are
// kept up to date the same way.
func realIndexes(t *testing.T, s certification.Store) {
	put(t, s, &certification.Client{ID: 4, LegalName: "Acme  GmbH", RegisteredAddress: "x", EffectivePersonnel: 1})
	put(t, s, &certification.Client{ID: 4, LegalName: "Acme Robotics GmbH", RegisteredAddress: "x", EffectivePersonnel: 1})
	if got, want := indexEntries(t, s, certification.IndexClientName), []string{"acme robotics gmbh#4"}; !reflect.DeepEqual(got, want) {
		t.Errorf("client.name: %q, want %q", got, want)
	}
	update(t, s, "delete client", func(tx certification.Tx) error { return tx.Delete(certification.KindClient, 4) })
	if got := indexEntries(t, s, certification.IndexClientName); len(got) != 0 {
		t.Errorf("client.name after delete: %q", got)
	}
}

// obligationsIndex: one record filed several times under a date index
// (only its open obligations), read back by date range.
func obligationsIndex(t *testing.T, s certification.Store) {
	d := certification.NewDate
	set := &certification.ObligationSet{CertificationID: 4, ClientID: 2, Items: []certification.Obligation{
		{Label: "surveillance 1", Due: d(2026, 5, 1)},
		{Label: "stage 2", Due: d(2025, 1, 10), Done: true, DoneOn: d(2025, 1, 9)},
		{Label: "response", Due: d(2026, 2, 1)},
	}}
	put(t, s, set)
	if got, want := len(indexEntries(t, s, certification.IndexObligationItem)), 2; got != want {
		t.Errorf("%d open obligation entries, want %d", got, want)
	}
	view(t, s, func(tx certification.Tx) error {
		var dues []certification.Date
		err := tx.Range(certification.IndexObligationItem, nil, certification.DateKey(d(2026, 3, 1)), func(v []byte, id certification.ID) error {
			dues = append(dues, certification.Date(binary.BigEndian.Uint64(v)))
			if id != 4 {
				t.Errorf("id %d", id)
			}
			return nil
		})
		if want := []certification.Date{d(2026, 2, 1)}; !reflect.DeepEqual(dues, want) {
			t.Errorf("due before March: %v, want %v", dues, want)
		}
		return err
	})
	update(t, s, "drop", func(tx certification.Tx) error { return tx.Delete(certification.KindObligations, 4) })
	if got := indexEntries(t, s, certification.IndexObligationItem); len(got) != 0 {
		t.Errorf("open obligation entries after delete: %q", got)
	}
}

// lookup: exactly the value, not values that start with it, in id order.
func lookup(t *testing.T, s certification.Store) {
	put(t, s,
		&Thing{ID: 300, Name: "acme"},
		&Thing{ID: 2, Name: "acme"},
		&Thing{ID: 5, Name: "acme ltd"}, // value starts with "acme": not a match
		&Thing{ID: 6, Name: "ac"},
		&Thing{ID: 7, Name: "a/c/m/e"},
	)
	view(t, s, func(tx certification.Tx) error {
		for value, want := range map[string][]certification.ID{
			"acme":     {2, 300},
			"acme ltd": {5},
			"a/c/m/e":  {7},
			"acm":      nil,
		} {
			got, err := tx.Lookup(IndexThingName, []byte(value))
			if err != nil {
				return err
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Lookup(%q) = %v, want %v", value, got, want)
			}
		}
		return nil
	})
}

// rangeNumbers: Range walks values in byte order, then ids, between
// bounds that may be open; ErrStop ends the walk, other errors return.
func rangeNumbers(t *testing.T, s certification.Store) {
	// Numbers whose little-endian or decimal order differs from numeric order.
	nums := []uint64{65536, 1, 256, 255, 1 << 40, 256}
	var recs []certification.Record
	for i, n := range nums {
		recs = append(recs, &Thing{ID: certification.ID(10 - i), Name: "n", Num: n})
	}
	put(t, s, recs...)

	walk := func(tx certification.Tx, from, to []byte) []string {
		var out []string
		err := tx.Range(IndexThingNum, from, to, func(v []byte, id certification.ID) error {
			out = append(out, fmt.Sprintf("%d#%d", binary.BigEndian.Uint64(v), id))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	u := certification.U64
	view(t, s, func(tx certification.Tx) error {
		for _, c := range []struct {
			from, to []byte
			want     string
		}{
			{nil, nil, "1#9 255#7 256#5 256#8 65536#10 1099511627776#6"},
			{u(256), nil, "256#5 256#8 65536#10 1099511627776#6"},
			{nil, u(256), "1#9 255#7"},
			{u(255), u(65536), "255#7 256#5 256#8"},
			{u(2), u(3), ""},
		} {
			if got := strings.Join(walk(tx, c.from, c.to), " "); got != c.want {
				t.Errorf("Range(%x, %x) = %q, want %q", c.from, c.to, got, c.want)
			}
		}
		// ErrStop ends the walk without error.
		n := 0
		err := tx.Range(IndexThingNum, nil, nil, func([]byte, certification.ID) error {
			n++
			if n == 2 {
				return certification.ErrStop
			}
			return nil
		})
		if err != nil || n != 2 {
			t.Errorf("Range with ErrStop: n=%d err=%v", n, err)
		}
		// Other errors come back as they are.
		boom := errors.New("boom")
		if err := tx.Range(IndexThingNum, nil, nil, func([]byte, certification.ID) error { return boom }); err != boom {
			t.Errorf("Range error: %v", err)
		}
		return nil
	})
}

// rangeText: a value that extends the lower bound ("b/x" after "b") is in
// range; the upper bound is excluded.
func rangeText(t *testing.T, s certification.Store) {
	put(t, s,
		&Thing{ID: 1, Name: "b/x"},
		&Thing{ID: 2, Name: "b"},
		&Thing{ID: 3, Name: "a"},
		&Thing{ID: 4, Name: "c"},
	)
	view(t, s, func(tx certification.Tx) error {
		var got []string
		err := tx.Range(IndexThingName, []byte("b"), []byte("c"), func(v []byte, id certification.ID) error {
			got = append(got, fmt.Sprintf("%s#%d", v, id))
			return nil
		})
		if want := []string{"b#2", "b/x#1"}; !reflect.DeepEqual(got, want) {
			t.Errorf("Range = %q, want %q", got, want)
		}
		return err
	})
}
