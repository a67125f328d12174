package desk_test

import (
	"errors"
	"sync"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// The domain's gates hold across desks. Two decision makers on two
// desks grant the same certification at the same moment: the body
// records one grant, and the other is refused by a rule (run again on
// top of the first). Before that, a decision maker who joined the
// client's audit team on another desk a moment before may not decide.
func TestGatesHoldAcrossDesks(t *testing.T) {
	ctx := testCtx(t)
	o := startOffice(t)
	d1, db1 := joinDesk(t, ctx, o.URL())
	d2, db2 := joinDesk(t, ctx, o.URL())
	fx, err := auditfixture.Build(ctx, d1.Store())
	if err != nil {
		t.Fatal(err)
	}
	on1 := certification.NewService(d1.Store(), fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	on2 := certification.NewService(d2.Store(), fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	eve, err := on2.AddPerson(ctx, certification.Person{Name: "Eve Evaluator", Roles: []certification.Role{certification.RoleDecisionMaker}})
	if err != nil {
		t.Fatal(err)
	}
	finn, err := on2.AddPerson(ctx, certification.Person{Name: "Finn Fairweather", Roles: []certification.Role{certification.RoleDecisionMaker}})
	if err != nil {
		t.Fatal(err)
	}
	grant := func(maker certification.ID) certification.Decision {
		return certification.Decision{CertificationID: fx.Cert, Kind: certification.Grant, Date: fx.AsOf, Makers: []certification.ID{maker}, Reasons: "file complete, no open major"}
	}
	// The fixture leaves minor #3 without an accepted plan: accept one.
	minor := fx.Findings[2]
	if err := on1.RecordResponse(ctx, minor, certification.Response{RootCause: "no owner", Correction: "owner named", CorrectiveAction: "RACI for AI assets"}); err != nil {
		t.Fatal(err)
	}
	if err := on1.ReviewResponse(ctx, minor, certification.Review{Accepted: true, By: fx.Lead}); err != nil {
		t.Fatal(err)
	}
	_, gates, err := on1.DraftDecision(ctx, grant(fx.Decider))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gates {
		if !g.Passed {
			t.Fatalf("the fixture's certification is not ready for a grant: %s: %s", g.Title, g.Detail)
		}
	}

	// Eve joins the team of the client's follow-up visit on desk 2; desk
	// 1, a moment behind, is asked to let her decide on the client's
	// certification: the command runs on top of her joining, and the
	// impartiality gate refuses it.
	var a certification.Audit
	if err := db2.View(ctx, func(tx certification.Tx) error { return tx.Get(fx.FollowUp, &a) }); err != nil {
		t.Fatal(err)
	}
	members := append(a.Team, certification.TeamMember{PersonID: eve, Role: certification.TeamAuditor})
	if err := on2.ChangeAudit(ctx, fx.FollowUp, certification.AuditChange{Team: &members}); err != nil {
		t.Fatalf("Eve joins the team: %v", err)
	}
	var rule *certification.RuleError
	_, err = on1.Decide(ctx, grant(eve))
	if !errors.As(err, &rule) || rule.Rule != certification.RuleDeciderAudited {
		t.Fatalf("a decision by a member of the team was not refused by the impartiality rule: %v", err)
	}
	t.Logf("Eve's decision: %v", err)

	// Two grants at once, one per desk.
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, c := range []struct {
		svc   *certification.Service
		maker certification.ID
	}{{on1, fx.Decider}, {on2, finn}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.svc.Decide(ctx, grant(c.maker))
		}()
	}
	wg.Wait()
	switch {
	case errs[0] == nil && errs[1] == nil:
		t.Fatal("both desks' grants were recorded")
	case errs[0] != nil && errs[1] != nil:
		t.Fatalf("neither grant was recorded: %v; %v", errs[0], errs[1])
	case !errors.As(errors.Join(errs[0], errs[1]), &rule):
		t.Fatalf("the second grant was refused, but not by a rule: %v %v", errs[0], errs[1])
	}
	t.Logf("the second grant: %v", errors.Join(errs[0], errs[1]))
	grants := 0
	err = db2.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindDecision, func(_ certification.ID, decode func(certification.Record) error) error {
			var d certification.Decision
			if err := decode(&d); err != nil {
				return err
			}
			if d.CertificationID == fx.Cert && d.Kind == certification.Grant {
				grants++
			}
			return nil
		})
	})
	if _, serr := d2.Sync(ctx); err != nil || serr != nil {
		t.Fatal(err, serr)
	}
	if grants != 1 {
		t.Fatalf("desk 2 holds %d grants of certification %d", grants, fx.Cert)
	}

	sameHead(t, ctx, []*desk.Desk{d1, d2}, []*storage.DB{db1, db2})
}
