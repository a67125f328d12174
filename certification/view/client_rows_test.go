package view_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
	"certdesk/storage"
)

// clientRowsFromRecords is the clients list read without its read
// model: every client, certification and obligation set decoded.
func clientRowsFromRecords(t *testing.T, r view.Reader, asOf Date) []view.ClientRow {
	t.Helper()
	var rows []view.ClientRow
	err := r.View(context.Background(), func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		at := map[ID]int{}
		if err := tx.Each(KindClient, func(id ID, decode func(Record) error) error {
			var c Client
			if err := decode(&c); err != nil {
				return err
			}
			at[id] = len(rows)
			rows = append(rows, view.ClientRow{ID: id, LegalName: c.LegalName, TradingName: c.TradingName,
				Personnel: c.EffectivePersonnel, Sites: len(c.Sites), Sectors: c.Sectors})
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Each(KindCertification, func(_ ID, decode func(Record) error) error {
			var c Certification
			if err := decode(&c); err != nil {
				return err
			}
			if i, ok := at[c.ClientID]; ok && c.Closed.IsZero() {
				rows[i].Standards = append(rows[i].Standards, c.Standard)
			}
			return nil
		}); err != nil {
			return err
		}
		return tx.Each(KindObligations, func(_ ID, decode func(Record) error) error {
			var set ObligationSet
			if err := decode(&set); err != nil {
				return err
			}
			i := at[set.ClientID]
			for _, o := range set.Items {
				switch o.StateOn(asOf, p.DueSoonDays) {
				case StateOverdue:
					rows[i].Overdue++
					fallthrough
				case StateDueSoon, StateUpcoming:
					if rows[i].NextDue == 0 || o.Due < rows[i].NextDue {
						rows[i].NextDue = o.Due
					}
				}
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b view.ClientRow) int {
		if c := strings.Compare(Fold(a.LegalName), Fold(b.LegalName)); c != 0 {
			return c
		}
		return int(a.ID) - int(b.ID)
	})
	return rows
}

// TestClientRowsReadModel: the clients list read from its covering keys
// alone is the list read from every client, certification and obligation
// set, in the same order, on a demo body in memory and in a Badger
// folder, at dates across its history (before obligations were done as
// well as after), and again after a client is renamed (its trading name
// too long for a key), a client's name ties another's, and a
// certification is closed.
func TestClientRowsReadModel(t *testing.T) {
	ctx := context.Background()
	mem, db := demoBothStores(t, 120, 5)
	compare := clientRowsComparer(t, mem, db)
	compare("the demo body")

	change := func(st Store) {
		err := st.Update(ctx, JournalEntry{Command: "test"}, func(tx Tx) error {
			var first, second Client
			if err := tx.Get(1, &first); err != nil {
				return err
			}
			if err := tx.Get(2, &second); err != nil {
				return err
			}
			// a trading name too long for the key: read from the record
			first.LegalName, first.TradingName = "Zebra Systems Ltd", strings.Repeat("Zebra trading ", 200)
			second.LegalName = "  ZEBRA   systems ltd "
			second.Sectors = []int{33, 19}
			for _, c := range []*Client{&first, &second} {
				if err := tx.Put(c); err != nil {
					return err
				}
			}
			return tx.Each(KindCertification, func(id ID, decode func(Record) error) error {
				var c Certification
				if err := decode(&c); err != nil {
					return err
				}
				if c.ClientID != 3 || !c.Closed.IsZero() {
					return nil
				}
				c.Closed = d("2026-11-20")
				return tx.Put(&c)
			})
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	change(mem)
	change(db)
	compare("after a rename and a closed certification")
	rows, err := view.ClientRows(ctx, db, d("2026-11-24"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == 3 && len(r.Standards) != 0 {
			t.Errorf("client 3's certifications are closed, yet the list shows %v", r.Standards)
		}
	}
}

// demoBothStores is a demo body of n clients (seed) in memory and the same
// copied into a Badger folder.
func demoBothStores(t *testing.T, n int, seed int64) (*memstore.Store, *storage.DB) {
	t.Helper()
	ctx := context.Background()
	mem := memstore.New()
	if _, err := demo.Generate(ctx, mem, demo.Options{Clients: n, Seed: seed, AsOf: d("2026-11-24")}); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := exchange.Copy(ctx, mem, db, Actor{Name: "system"}, "demo", nil); err != nil {
		t.Fatal(err)
	}
	return mem, db
}

// clientRowsComparer compares the clients list of both stores with the
// one read from every record, at dates across the demo's history.
func clientRowsComparer(t *testing.T, mem, db view.Reader) func(when string) {
	ctx := context.Background()
	dates := []string{"2022-03-01", "2023-07-15", "2024-06-01", "2025-09-30", "2026-11-24", "2027-02-01", "2029-06-01"}
	return func(when string) {
		t.Helper()
		for name, st := range map[string]view.Reader{"memory": mem, "badger": db} {
			var overdue, due, standards int
			for _, on := range dates {
				got, err := view.ClientRows(ctx, st, d(on))
				if err != nil {
					t.Fatal(err)
				}
				want := clientRowsFromRecords(t, st, d(on))
				gj, _ := json.Marshal(got)
				wj, _ := json.Marshal(want)
				if string(gj) != string(wj) {
					t.Fatalf("%s, %s store, as of %s: the clients list differs from the one read from every record:\n%s\nwant\n%s", when, name, on, gj, wj)
				}
				for _, r := range got {
					overdue += r.Overdue
					standards += len(r.Standards)
					if r.NextDue != 0 {
						due++
					}
				}
			}
			if overdue < 5 || due < 30 || standards < 30 {
				t.Errorf("%s, %s store: too little to compare: %d overdue, %d next due dates, %d standards", when, name, overdue, due, standards)
			}
		}
	}
}

// The same on bodies of other seeds: other sequences of commands.
func TestClientRowsReadModelSeeds(t *testing.T) {
	for _, seed := range []int64{11, 23, 37} {
		mem, db := demoBothStores(t, 40, seed)
		clientRowsComparer(t, mem, db)("seed " + strconv.FormatInt(seed, 10))
	}
}
