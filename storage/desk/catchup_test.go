package desk_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// A desk far behind the body catches up in batches, one transaction
// each, a batch read ahead of the one being applied. An entry that is
// refused spoils its batch: the desk applies that batch entry by entry
// and refuses the entry as the desks in step did, with the same reason,
// and goes on; it ends at the body's head with the same records. A
// catch-up cancelled half-way leaves a desk that finishes it later.
func TestAFarBehindDeskRefusesWhatTheDesksInStepRefused(t *testing.T) {
	ctx := testCtx(t)
	o := startOffice(t)
	clk := certification.FixedClock(mustTime(t, "2026-12-01T10:00:00+01:00"))
	d1, db1 := joinDesk(t, ctx, o.URL())
	_, bob, bobKey := signedBody(t, ctx, d1, clk)
	addClients := func(svc *certification.Service, from, n int) {
		for i := range n {
			if _, err := svc.AddClient(ctx, certification.Client{LegalName: fmt.Sprintf("Client %d Ltd", from+i), RegisteredAddress: "1 High Street, Leeds", EffectivePersonnel: 5, Sectors: []int{33}}); err != nil {
				t.Fatal(err)
			}
		}
	}
	addClients(bob, 1, 40)
	for i, forge := range []func(e *certification.JournalEntry){
		func(e *certification.JournalEntry) {
			e.Args = []byte(strings.Replace(string(e.Args), "Forged", "Fooled", 1))
		},
		func(e *certification.JournalEntry) { e.Signature.Sig = make([]byte, len(e.Signature.Sig)) },
	} {
		// A new rogue desk each time: its replica took what it sealed.
		rogue, _ := joinDesk(t, ctx, o.URL())
		if _, err := rogue.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		desk.SetTamper(rogue, forge)
		rogueBob := certification.NewService(rogue.Store(), clk).As(bob.Actor()).SignedBy(bobKey)
		if _, err := rogueBob.AddClient(ctx, certification.Client{LegalName: "Forged Ltd", RegisteredAddress: "1 Fake Street, Nowhere", EffectivePersonnel: 5, Sectors: []int{33}}); err != nil {
			t.Fatal(err)
		}
		if _, err := d1.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		addClients(bob, 100+i, 1) // the forged entries in one batch, with entries that apply
	}
	addClients(bob, 41, 40)

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	d3, db3 := joinDesk(t, ctx, o.URL())
	if n, err := d3.Sync(cancelled); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled catch-up applied %d entries and returned %v", n, err)
	}
	head := sameHead(t, ctx, []*desk.Desk{d1, d3}, []*storage.DB{db1, db3})
	if head.Seq < 80 {
		t.Fatalf("the body has %d entries: not far behind", head.Seq)
	}
	want := refusals(t, ctx, db1)
	if len(want) != 2 || !strings.Contains(want[0], "altered after it was signed") || !strings.Contains(want[1], "signature does not verify") {
		t.Fatalf("the desk in step refused %q", want)
	}
	if got := refusals(t, ctx, db3); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("the desk that caught up refused %q, the desk in step %q", got, want)
	}
	for i, db := range []*storage.DB{db1, db3} {
		var n int
		err := db.View(ctx, func(tx certification.Tx) (err error) {
			n, err = tx.Count(certification.KindClient)
			return err
		})
		if err != nil || n != 82 {
			t.Fatalf("desk %d holds %d clients (%v), want 82", i+1, n, err)
		}
	}
}

// refusals lists the entries of db's journal that were refused, as
// "seq: reason".
func refusals(t *testing.T, ctx context.Context, db *storage.DB) []string {
	t.Helper()
	var out []string
	err := db.Journal(ctx, 1, func(e certification.JournalEntry) error {
		if e.Refused != "" {
			out = append(out, fmt.Sprintf("%d: %s", e.Seq, e.Refused))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
