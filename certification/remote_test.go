package certification_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/auditfixture"
)

// onSite and remote are activities of the fixture's follow-up visit (one
// day, 2025-04-22, at HH).
func onSite(hours float64) AuditActivity {
	return AuditActivity{Name: "Competence records at HR", Site: "HH", Date: auditfixture.D("2025-04-22"), Hours: hours}
}

func remote(hours float64) AuditActivity {
	return AuditActivity{Name: "Training records with the data team", Date: auditfixture.D("2025-04-22"), Hours: hours, Remote: true, ICT: "video conference with screen sharing"}
}

const assessment = "Client's video conferencing tested on 2025-04-15; records are screen-shared, nothing is copied; the team sees the live system."

// The rules of an audit's activities at their boundaries, through the
// service on a store in memory and on disk: each refusal names its rule
// or field, and a refused plan leaves the audit as it was.
func TestSetAuditActivities(t *testing.T) { inMemoryAndOnDisk(t, testSetAuditActivities) }

func testSetAuditActivities(t *testing.T, st Store) {
	ctx := context.Background()
	fx, err := auditfixture.Build(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	refusing := DefaultPolicy()
	refusing.RemoteOverLimitRefused = true
	for _, c := range []struct {
		name   string
		audit  func(*auditfixture.Fixture) ID
		policy Policy
		plan   ActivityPlan
		want   string // the rule or field refused; "" when kept
	}{
		{"on site only", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{onSite(4)}}, ""},
		{"remote at the limit (50 %)", followUp, refusing, ActivityPlan{Activities: []AuditActivity{onSite(2), remote(2)}, RemoteAssessment: assessment}, ""},
		{"remote just over the limit, refused by policy", followUp, refusing, ActivityPlan{Activities: []AuditActivity{onSite(2), remote(2.25)}, RemoteAssessment: assessment}, RuleRemoteShareLimit},
		{"remote over the limit, warned by default", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{onSite(1), remote(3)}, RemoteAssessment: assessment}, ""},
		{"all remote on a stage 1: no limit", integrated, refusing, ActivityPlan{Activities: []AuditActivity{{Name: "Documentation review", Hours: 4, Remote: true, ICT: "document portal"}}, RemoteAssessment: assessment}, ""},
		{"remote without the risk assessment", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{remote(2)}}, RuleRemoteAssessment},
		{"remote without its ICT", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Interview", Hours: 1, Remote: true}}, RemoteAssessment: assessment}, "activities[0].ict"},
		{"on site naming ICT", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Interview", Hours: 1, ICT: "phone"}}}, "activities[0].ict"},
		{"no name", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{onSite(1), {Name: " ", Hours: 1}}}, "activities[1].name"},
		{"no hours", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Closing meeting"}}}, "activities[0].hours"},
		{"24 hours", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Night shift", Hours: 24}}}, ""},
		{"more than 24 hours", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Night shift", Hours: 24.5}}}, "activities[0].hours"},
		{"the day before the audit", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Opening", Hours: 1, Date: auditfixture.D("2025-04-21")}}}, "activities[0].date"},
		{"the day after the audit", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Closing", Hours: 1, Date: auditfixture.D("2025-04-23")}}}, "activities[0].date"},
		{"a site the audit does not cover", followUp, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Lab", Hours: 1, Site: "LE"}}}, "activities[0].site"},
		{"an audit carried out", stage2, DefaultPolicy(), ActivityPlan{Activities: []AuditActivity{{Name: "Opening", Hours: 1}}}, RuleActivitiesClosed},
	} {
		t.Run(c.name, func(t *testing.T) {
			if err := fx.Svc.SetPolicy(ctx, c.policy); err != nil {
				t.Fatal(err)
			}
			id := c.audit(fx)
			before := auditOf(t, ctx, st, id)
			err := fx.Svc.SetAuditActivities(ctx, id, c.plan)
			after := auditOf(t, ctx, st, id)
			if c.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if len(after.Activities) != len(c.plan.Activities) || after.RemoteAssessment != strings.TrimSpace(c.plan.RemoteAssessment) {
					t.Fatalf("kept %d activities and assessment %q, want %d and the one given", len(after.Activities), after.RemoteAssessment, len(c.plan.Activities))
				}
				return
			}
			var re *RuleError
			var ve *ValidationError
			switch {
			case errors.As(err, &re) && re.Rule == c.want, errors.As(err, &ve) && ve.Field == c.want:
			default:
				t.Fatalf("got %v, want a refusal of %s", err, c.want)
			}
			if len(after.Activities) != len(before.Activities) || after.RemoteAssessment != before.RemoteAssessment {
				t.Errorf("a refused plan changed the audit: %d activities, was %d", len(after.Activities), len(before.Activities))
			}
		})
	}
}

func followUp(fx *auditfixture.Fixture) ID   { return fx.FollowUp }
func integrated(fx *auditfixture.Fixture) ID { return fx.Integrated42001 }

func auditOf(t *testing.T, ctx context.Context, st Store, id ID) Audit {
	t.Helper()
	var a Audit
	if err := st.View(ctx, func(tx Tx) error { return tx.Get(id, &a) }); err != nil {
		t.Fatal(err)
	}
	return a
}

// OverRemoteLimit at its boundary, and never for a stage 1 or a plan
// with nothing remote.
func TestOverRemoteLimit(t *testing.T) {
	p := DefaultPolicy() // 50 %
	for _, c := range []struct {
		name string
		a    Audit
		over bool
	}{
		{"no activities", Audit{Kind: Surveillance}, false},
		{"half remote", Audit{Kind: Surveillance, Activities: []AuditActivity{onSite(3), remote(3)}}, false},
		{"just over half", Audit{Kind: Surveillance, Activities: []AuditActivity{onSite(3), remote(3.25)}}, true},
		{"all remote, stage 1", Audit{Kind: Stage1, Activities: []AuditActivity{remote(8)}}, false},
		{"all remote, recertification", Audit{Kind: Recertification, Activities: []AuditActivity{remote(8)}}, true},
	} {
		got := OverRemoteLimit(&c.a, p)
		if (got != "") != c.over {
			t.Errorf("%s: %q, want over: %v", c.name, got, c.over)
		}
		if c.over && !strings.Contains(got, "limit of 50 %") {
			t.Errorf("%s: %q does not name the limit", c.name, got)
		}
	}
	if got := OverRemoteLimit(&Audit{Kind: Surveillance, Activities: []AuditActivity{onSite(1), remote(2)}}, p); !strings.Contains(got, "2 of 3 hours remote (66.7 %)") {
		t.Errorf("the warning reads %q", got)
	}
}
