package desk_test

import (
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// readyForGrant accepts the plan of the fixture's minor #3, the one
// thing its certification lacks for a grant.
func readyForGrant(t *testing.T, b siteAndHQ) certification.ID {
	t.Helper()
	ctx := testCtx(t)
	minor := b.fx.Findings[2]
	if err := b.atHQ.RecordResponse(ctx, minor, certification.Response{RootCause: "no owner", Correction: "owner named", CorrectiveAction: "RACI for AI assets"}); err != nil {
		t.Fatal(err)
	}
	if err := b.atHQ.ReviewResponse(ctx, minor, certification.Review{Accepted: true, By: b.fx.Lead}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.site.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	return minor
}

// reviewed rejoins d and returns its review list, which must hold one
// change refused by rule.
func reviewedOnce(t *testing.T, b siteAndHQ, d *desk.Desk, rule string) storage.Review {
	t.Helper()
	ctx := testCtx(t)
	waitFor(t, "the desk to reconnect", d.Connected)
	if _, err := d.Sync(ctx); err != nil {
		t.Fatalf("rejoining: %v", err)
	}
	list, err := d.Reviews(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Rule != rule || d.Waiting() != 0 {
		t.Fatalf("review list %+v (want one change refused by %s), %d waiting", list, rule, d.Waiting())
	}
	return list[0]
}

// A committee member grants offline; meanwhile the office grants and
// then suspends the certification. On rejoining, the offline grant is
// refused by the decision rule and waits on the review list with its
// reasons; the body keeps one grant and the suspension.
func TestOfflineGrantAfterSuspension(t *testing.T) {
	ctx := testCtx(t)
	b := newSiteAndHQ(t, ctx)
	readyForGrant(t, b)
	decision := func(kind certification.DecisionKind, maker certification.ID, reasons string) certification.Decision {
		return certification.Decision{CertificationID: b.fx.Cert, Kind: kind, Date: b.fx.AsOf, Makers: []certification.ID{maker}, Reasons: reasons}
	}
	finn, err := b.atHQ.AddPerson(ctx, certification.Person{Name: "Finn Fairweather", Roles: []certification.Role{certification.RoleDecisionMaker}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.site.Sync(ctx); err != nil {
		t.Fatal(err)
	}

	b.cab.cut()
	waitFor(t, "the site desk to notice it is cut off", func() bool { return !b.site.Connected() })
	const reasons = "file complete on the train: no open major, plans accepted"
	if _, err := b.onSite.Decide(ctx, decision(certification.Grant, b.fx.Decider, reasons)); err != nil {
		t.Fatalf("the grant offline: %v", err)
	}
	if _, err := b.atHQ.Decide(ctx, decision(certification.Grant, finn, "file complete")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.atHQ.Decide(ctx, decision(certification.Suspend, finn, "client refused the surveillance dates")); err != nil {
		t.Fatalf("suspending: %v", err)
	}

	b.cab.mend()
	r := reviewedOnce(t, b, b.site, certification.RuleDecisionNotApplicable)
	if !strings.Contains(string(r.Entry.Args), reasons) {
		t.Fatalf("the refused grant lost its reasons: %s", r.Entry.Args)
	}
	sameHead(t, ctx, []*desk.Desk{b.site, b.hq}, []*storage.DB{b.siteDB, b.hqDB})
	kinds := map[certification.DecisionKind]int{}
	err = b.hqDB.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindDecision, func(_ certification.ID, decode func(certification.Record) error) error {
			var d certification.Decision
			if err := decode(&d); err != nil {
				return err
			}
			if d.CertificationID == b.fx.Cert {
				kinds[d.Kind]++
			}
			return nil
		})
	})
	if err != nil || kinds[certification.Grant] != 1 || kinds[certification.Suspend] != 1 {
		t.Fatalf("the body's decisions on the certification: %v (%v); want one grant and one suspension", kinds, err)
	}
}

// Two lead auditors, each offline on a desk of their own, verify the
// same corrective action differently. The first to rejoin verifies it;
// the second's verification is refused by the finding's workflow and
// waits on that desk's review list with its method and notes.
func TestTwoOfflineVerifications(t *testing.T) {
	ctx := testCtx(t)
	b := newSiteAndHQ(t, ctx)
	minor := readyForGrant(t, b)
	cab2 := newCable(t, b.hqURL)
	other, otherDB := joinDesk(t, ctx, cab2.URL())
	if _, err := other.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	onOther := certification.NewService(other.Store(), b.fx.Clock).As(certification.Actor{PersonID: b.fx.Auditor, Name: "Ahmed Aziz"})

	b.cab.cut()
	cab2.cut()
	waitFor(t, "both desks to notice they are cut off", func() bool { return !b.site.Connected() && !other.Connected() })
	if err := b.onSite.VerifyFinding(ctx, minor, certification.Verification{Method: "documents", Notes: "RACI signed by the CEO"}); err != nil {
		t.Fatalf("verifying on the site: %v", err)
	}
	if err := onOther.VerifyFinding(ctx, minor, certification.Verification{Method: "follow-up visit", Notes: "RACI not yet in use in the data team"}); err != nil {
		t.Fatalf("verifying on the other desk: %v", err)
	}

	b.cab.mend()
	waitFor(t, "the site desk to reconnect", b.site.Connected)
	if _, err := b.site.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	cab2.mend()
	r := reviewedOnce(t, b, other, certification.RuleFindingWorkflow)
	if !strings.Contains(string(r.Entry.Args), "RACI not yet in use") {
		t.Fatalf("the refused verification lost its notes: %s", r.Entry.Args)
	}
	sameHead(t, ctx, []*desk.Desk{b.site, b.hq, other}, []*storage.DB{b.siteDB, b.hqDB, otherDB})
	var f certification.Finding
	if err := b.hqDB.View(ctx, func(tx certification.Tx) error { return tx.Get(minor, &f) }); err != nil {
		t.Fatal(err)
	}
	if f.Verification == nil || f.Verification.Method != "documents" {
		t.Fatalf("the body's verification is %+v, want the site's (documents)", f.Verification)
	}
}
