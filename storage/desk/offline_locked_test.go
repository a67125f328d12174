package desk_test

import (
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
)

// In a signed body, Bob adds a client offline, and the desk is opened
// again (its unlocked identities gone) when the network is back. The
// change cannot be signed, so it waits, still applied on the desk, and
// the desk says whose identity it waits for; once Bob's identity is
// unlocked on the desk, the change joins the body, signed by him.
func TestWaitingChangesWaitForTheirPersonsIdentity(t *testing.T) {
	ctx := testCtx(t)
	o := startOffice(t)
	cab := newCable(t, o.URL())
	site, siteDB := joinDesk(t, ctx, cab.URL())
	hq, hqDB := joinDesk(t, ctx, o.URL())
	clk := certification.FixedClock(mustTime(t, "2026-07-01T09:00:00Z"))
	_, _, bobKey := signedBody(t, ctx, hq, clk)
	if _, err := site.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	bob := certification.NewService(site.Store(), clk).As(certification.Actor{PersonID: bobKey.PersonID(), Name: "Bob Auditor"}).SignedBy(bobKey)

	cab.cut()
	waitFor(t, "the site desk to notice it is cut off", func() bool { return !site.Connected() })
	client, err := bob.AddClient(ctx, certification.Client{LegalName: "Łódź Żółć Sp. z o.o.", RegisteredAddress: "ul. Piotrkowska 1, Łódź", EffectivePersonnel: 12, Sectors: []int{33}})
	if err != nil {
		t.Fatalf("offline: %v", err)
	}
	site.Close()

	cab.mend()
	again, err := desk.Open(ctx, siteDB, cab.URL(), bodylog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(again.Close)
	waitFor(t, "the site desk to reconnect", again.Connected)
	for range 2 { // the second sync finds the same person still locked
		if _, err := again.Sync(ctx); err != nil {
			t.Fatalf("syncing with Bob's identity locked: %v", err)
		}
	}
	if again.Waiting() != 1 || again.Stuck() == nil || !strings.Contains(again.Stuck().Error(), "Bob Auditor") {
		t.Fatalf("%d waiting, stuck: %v; want Bob's change waiting for his identity", again.Waiting(), again.Stuck())
	}
	var c certification.Client
	if err := siteDB.View(ctx, func(tx certification.Tx) error { return tx.Get(client, &c) }); err != nil {
		t.Fatalf("Bob's waiting client is not on the site desk: %v", err)
	}

	again.Unlocked(bobKey)
	if _, err := again.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	if again.Waiting() != 0 || again.Stuck() != nil {
		t.Fatalf("%d still waiting (%v) with Bob's identity unlocked", again.Waiting(), again.Stuck())
	}
	if _, err := hq.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	var last certification.JournalEntry
	head, _ := hqDB.Head(ctx)
	if err := hqDB.Journal(ctx, head.Seq, func(e certification.JournalEntry) error { last = e; return nil }); err != nil {
		t.Fatal(err)
	}
	if last.Command != "add-client" || last.Actor.PersonID != bobKey.PersonID() || last.Signature == nil {
		t.Fatalf("the body's last entry is %s by %v, signed %v; want Bob's client, signed", last.Command, last.Actor, last.Signature != nil)
	}
}
