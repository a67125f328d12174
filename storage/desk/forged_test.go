package desk_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// signedBody starts a body whose people sign their changes: Ada, its
// administrator, and Bob, an auditor, each with an identity key. It
// returns the services that act as them on d.
func signedBody(t *testing.T, ctx context.Context, d *desk.Desk, clk certification.Clock) (ada, bob *certification.Service, bobKey *storage.Identity) {
	t.Helper()
	svc := certification.NewService(d.Store(), clk)
	adaID, err := svc.AddPerson(ctx, certification.FirstPerson(certification.Person{Name: "Ada Admin", Roles: []certification.Role{certification.RoleSchemeManager}}))
	if err != nil {
		t.Fatal(err)
	}
	adaKey, _ := storage.NewIdentity(adaID)
	ada = svc.As(certification.Actor{PersonID: adaID, Name: "Ada Admin"}).SignedBy(adaKey)
	if err := ada.SetPersonKey(ctx, adaID, adaKey.PublicKey()); err != nil {
		t.Fatal(err)
	}
	bobID, err := ada.AddPerson(ctx, certification.Person{Name: "Bob Auditor", Roles: []certification.Role{certification.RoleAuditor}})
	if err != nil {
		t.Fatal(err)
	}
	bobKey, _ = storage.NewIdentity(bobID)
	if err := ada.SetPersonKey(ctx, bobID, bobKey.PublicKey()); err != nil {
		t.Fatal(err)
	}
	bob = svc.As(certification.Actor{PersonID: bobID, Name: "Bob Auditor"}).SignedBy(bobKey)
	return ada, bob, bobKey
}

// Entries that a desk running altered software appends are refused by
// every honest desk, each with a reason that names what is wrong, and
// change nothing; the desks still agree on the body's head and verify.
func TestForgedEntriesAreRefusedEverywhere(t *testing.T) {
	ctx := testCtx(t)
	o := startOffice(t)
	clk := certification.FixedClock(mustTime(t, "2026-12-01T10:00:00+01:00"))
	d1, db1 := joinDesk(t, ctx, o.URL())
	d2, db2 := joinDesk(t, ctx, o.URL())
	ada, bob, bobKey := signedBody(t, ctx, d1, clk)
	adaID := ada.Actor().PersonID

	cases := []struct {
		name   string
		tamper func(e *certification.JournalEntry, sign func([]byte) []byte)
		want   string
	}{
		{"a signature that is not over the entry", func(e *certification.JournalEntry, _ func([]byte) []byte) {
			e.Signature.Sig = make([]byte, len(e.Signature.Sig))
		}, "signature does not verify"},
		{"an actor who is not the signer", func(e *certification.JournalEntry, sign func([]byte) []byte) {
			e.Actor = certification.Actor{PersonID: adaID, Name: "Ada Admin"}
			e.Hash = storage.EntryHash(e)
			e.Signature.Sig = sign([]byte(e.Hash))
		}, "Ada Admin never held"},
		{"a changed command", func(e *certification.JournalEntry, _ func([]byte) []byte) {
			e.Args = []byte(strings.Replace(string(e.Args), "Forged", "Fooled", 1))
		}, "altered after it was signed"},
		{"a broken chain", func(e *certification.JournalEntry, sign func([]byte) []byte) {
			e.Prev = strings.Repeat("0", 64)
			e.Hash = storage.EntryHash(e)
			e.Signature.Sig = sign([]byte(e.Hash))
		}, "chain is broken"},
		{"a signature removed", func(e *certification.JournalEntry, _ func([]byte) []byte) {
			e.Signature = nil
		}, "identity is locked"},
	}
	for _, c := range cases {
		// A new rogue desk each time: its own replica took the entry it
		// sealed before the tampering, so it is no desk of this body.
		rogue, _ := joinDesk(t, ctx, o.URL())
		if _, err := rogue.Sync(ctx); err != nil {
			t.Fatal(err)
		}
		rogueBob := certification.NewService(rogue.Store(), clk).As(bob.Actor()).SignedBy(bobKey)
		desk.SetTamper(rogue, func(e *certification.JournalEntry) { c.tamper(e, bobKey.Sign) })
		if _, err := rogueBob.AddClient(ctx, certification.Client{LegalName: "Forged Ltd", RegisteredAddress: "1 Fake Street, Nowhere", EffectivePersonnel: 5, Sectors: []int{33}}); err != nil {
			t.Fatalf("%s: the rogue desk's own proposal: %v", c.name, err)
		}
		desk.SetTamper(rogue, nil)
		for i, d := range []*desk.Desk{d1, d2} {
			if _, err := d.Sync(ctx); err != nil {
				t.Fatalf("%s: desk %d: %v", c.name, i+1, err)
			}
		}
		for i, db := range []*storage.DB{db1, db2} {
			last := lastEntry(t, ctx, db)
			if !strings.Contains(last.Refused, c.want) {
				t.Errorf("%s: desk %d recorded %q (refused %q), want a refusal naming %q", c.name, i+1, last.Summary, last.Refused, c.want)
			}
			if i == 0 {
				t.Logf("%s: refused: %s", c.name, last.Refused)
			}
			if len(last.Changes) != 0 {
				t.Errorf("%s: desk %d's refused entry changed %v", c.name, i+1, last.Changes)
			}
		}
	}
	sameHead(t, ctx, []*desk.Desk{d1, d2}, []*storage.DB{db1, db2})
	for i, db := range []*storage.DB{db1, db2} {
		n := 0
		err := db.View(ctx, func(tx certification.Tx) error {
			var err error
			n, err = tx.Count(certification.KindClient)
			return err
		})
		if err != nil || n != 0 {
			t.Fatalf("desk %d holds %d clients (%v): a forged entry changed the records", i+1, n, err)
		}
		rep, err := db.Verify(ctx, storage.VerifyOptions{})
		if err != nil || !rep.OK() {
			t.Fatalf("desk %d does not verify (%v): %+v", i+1, err, rep)
		}
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	at, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return at
}

// lastEntry is the last entry of db's journal.
func lastEntry(t *testing.T, ctx context.Context, db *storage.DB) certification.JournalEntry {
	t.Helper()
	h, err := db.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var last certification.JournalEntry
	if err := db.Journal(ctx, h.Seq, func(e certification.JournalEntry) error { last = e; return nil }); err != nil {
		t.Fatal(err)
	}
	return last
}
