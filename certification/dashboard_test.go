package certification_test

import (
	"context"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

// body is a certification body with four clients as of 2026-11-24 (the
// app's dashboard test sets up the same): Northwind's first surveillance
// is overdue, Bluefin's certificate expires in 56 days, Corvid has not
// answered a minor NC of its stage 2, and Delta's suspension reaches its
// six-month limit in 16 days.
type body struct {
	*world
	northwind, bluefin, corvid, delta ID
	corvidFinding                     ID
}

func newBody(t *testing.T, st Store) *body {
	b := &body{world: &world{t: t, ctx: context.Background(), clk: &clock{}}}
	b.clk.set("2026-11-24")
	b.svc = NewService(st, b.clk).As(Actor{Name: "Sam Scheme"})
	comp := &PersonCompetence{Standards: Standards, Sectors: []int{31, 32, 33, 35, 38}, AIAreas: AIAreas}
	b.lead = b.must1(b.svc.AddPerson(b.ctx, Person{Name: "Ingrid Solberg", Roles: []Role{RoleLeadAuditor, RoleAuditor}, Competence: comp}))
	b.aud = b.must1(b.svc.AddPerson(b.ctx, Person{Name: "Samuel Osei", Roles: []Role{RoleAuditor, RoleTechnicalExpert}, Competence: comp}))
	b.decider = b.must1(b.svc.AddPerson(b.ctx, Person{Name: "Margaret O'Neill", Roles: []Role{RoleDecisionMaker}}))

	var cert ID
	b.northwind, cert = b.client("Northwind Analytics GmbH", "Northwind", ISO42001, "2025-01-10", 33, 35)
	b.audit(cert, Stage1, "2025-02-03", "2025-02-04")
	b.audit(cert, Stage2, "2025-03-10", "2025-03-12")
	b.decideOn(cert, Grant, "2025-04-01")

	b.bluefin, cert = b.client("Bluefin Logistics Ltd", "", ISO9001, "2023-09-01", 31)
	b.audit(cert, Stage1, "2023-10-09", "2023-10-10")
	b.audit(cert, Stage2, "2023-11-13", "2023-11-15")
	b.decideOn(cert, Grant, "2024-01-20")
	b.audit(cert, Surveillance, "2024-11-04", "2024-11-05")
	b.decideOn(cert, Maintain, "2024-12-02")
	b.audit(cert, Surveillance, "2025-12-01", "2025-12-02")
	b.decideOn(cert, Maintain, "2026-01-05")

	b.corvid, cert = b.client("Corvid Health Services SA", "Corvid Health", ISO27001, "2026-06-15", 38)
	b.audit(cert, Stage1, "2026-08-03", "2026-08-04")
	st2 := b.audit(cert, Stage2, "2026-09-14", "2026-09-16", Finding{Grade: Minor, Reference: "9.2",
		Requirement: "Retain documented information on internal audits", Evidence: "No internal audit report for H2"})
	f, err := b.svc.File(b.ctx, cert)
	b.must(err)
	for _, x := range f.Findings {
		if x.AuditID == st2 {
			b.corvidFinding = x.ID
		}
	}

	b.delta, cert = b.client("Delta Fintech BV", "", ISO42001, "2024-01-15", 32, 33)
	b.audit(cert, Stage1, "2024-03-04", "2024-03-05")
	b.audit(cert, Stage2, "2024-04-08", "2024-04-10")
	b.decideOn(cert, Grant, "2024-05-06")
	b.audit(cert, Surveillance, "2025-04-07", "2025-04-08")
	b.decideOn(cert, Maintain, "2025-05-05")
	b.decideOn(cert, Suspend, "2026-06-10")
	return b
}

func (b *body) client(legal, trading string, std Standard, applied string, sectors ...int) (ID, ID) {
	b.t.Helper()
	c := b.must1(b.svc.AddClient(b.ctx, Client{LegalName: legal, TradingName: trading, RegisteredAddress: "Industriestrasse 12, 8005 Zürich",
		EffectivePersonnel: 40, Sectors: sectors, AIRoles: []AIRole{AIProvider},
		AISystems: []AISystem{{Name: "Claims triage", RiskClass: RiskHigh, PersonalData: true, Autonomy: AutonomyHumanInLoop}}}))
	return c, b.must1(b.svc.AddCertification(b.ctx, Certification{ClientID: c, Standard: std, Scope: "Scope of " + legal, Applied: day(applied)}))
}

// audit walks an audit to closed, recording findings while it is in progress.
func (b *body) audit(cert ID, kind AuditKind, start, end string, findings ...Finding) ID {
	b.t.Helper()
	b.cert = cert
	rec := map[AuditKind]Recommendation{Stage2: RecommendGrant, Recertification: RecommendRenew, Surveillance: RecommendMaintain}[kind]
	if len(findings) > 0 {
		rec = RecommendNotYet
	}
	return b.runAudit(kind, start, end, Stage1Ready, rec, findings...)
}

func (b *body) decideOn(cert ID, kind DecisionKind, on string) {
	b.t.Helper()
	b.cert = cert
	b.must1(b.decide(kind, on))
}

func TestDashboard(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		b := newBody(t, st)
		d, err := view.Dashboard(b.ctx, b.svc, day("2026-11-24"))
		b.must(err)
		want := [view.Lists]int{view.ListOverdue: 3, view.ListDueSoon: 1, view.ListDueLater: 2, view.ListExpiring: 1, view.ListSuspensions: 1, view.ListLate: 1}
		for l := range view.Lists {
			if got := d.Count(l); got != want[l] {
				t.Errorf("list %d: %d rows, want %d", l, got, want[l])
			}
		}
		if t.Failed() {
			t.FailNow()
		}
		// Overdue, the longest overdue first: Northwind's first
		// surveillance (due 12 months after the grant), Delta's second,
		// Corvid's response to its minor NC.
		ov := d.Overdue
		if ov[0].ClientID != b.northwind || ov[0].Kind != ObSurveillance || ov[0].Due != day("2026-04-01") {
			t.Errorf("first overdue = %+v", ov[0])
		}
		if ov[1].ClientID != b.delta || ov[1].Kind != ObSurveillance {
			t.Errorf("second overdue = %+v", ov[1])
		}
		if ov[2].ClientID != b.corvid || ov[2].Kind != ObClientResponse || ov[2].FindingID != b.corvidFinding {
			t.Errorf("third overdue = %+v", ov[2])
		}
		if o := d.DueSoon[0]; o.Kind != ObSuspensionLimit || o.ClientID != b.delta || o.Due != day("2026-12-10") {
			t.Errorf("due in 30 days = %+v", o)
		}
		for _, o := range d.DueLater {
			if o.ClientID != b.bluefin {
				t.Errorf("due in 31–90 days: %+v", o)
			}
		}
		if e := d.Expiring[0]; e.ClientID != b.bluefin || e.Expiry != day("2027-01-19") {
			t.Errorf("expiring = %+v", e)
		}
		// The suspension's limit is the schedule's suspension-limit obligation.
		if s := d.Suspensions[0]; s.ClientID != b.delta || s.Since != day("2026-06-10") || s.Limit != d.DueSoon[0].Due || s.PastLimit(d.AsOf) {
			t.Errorf("suspension = %+v", s)
		}
		if f := d.Late[0]; f.ID != b.corvidFinding || f.Awaited != AwaitedResponse || f.Deadline != f.ResponseDue || f.ClientName != "Corvid Health" {
			t.Errorf("late = %+v", f)
		}
	})
}

func TestDashboardBoundaries(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		b := newBody(t, st)
		at := func(asOf string) view.Board {
			d, err := view.Dashboard(b.ctx, b.svc, day(asOf))
			b.must(err)
			return d
		}
		// Delta's suspension (limit 2026-12-10) shows from 30 days before it.
		for _, tc := range []struct {
			asOf        string
			shown, past bool
		}{{"2026-11-09", false, false}, {"2026-11-10", true, false}, {"2026-12-10", true, false}, {"2026-12-11", true, true}} {
			d := at(tc.asOf)
			if got := len(d.Suspensions) == 1; got != tc.shown {
				t.Errorf("%s: suspension shown = %v, want %v", tc.asOf, got, tc.shown)
			} else if got && d.Suspensions[0].PastLimit(d.AsOf) != tc.past {
				t.Errorf("%s: past limit = %v, want %v", tc.asOf, !tc.past, tc.past)
			}
		}
		// Corvid's response (stage 2 ended 2026-09-16) is due 30 days later.
		for _, tc := range []struct {
			asOf string
			late bool
		}{{"2026-10-16", false}, {"2026-10-17", true}} {
			if got := len(at(tc.asOf).Late) == 1; got != tc.late {
				t.Errorf("%s: late = %v, want %v", tc.asOf, got, tc.late)
			}
		}
		// Bluefin's certificate (expiry 2027-01-19) is expiring from 90 days before.
		for _, tc := range []struct {
			asOf     string
			expiring bool
		}{{"2026-10-20", false}, {"2026-10-21", true}, {"2027-01-19", true}, {"2027-01-20", false}} {
			if got := len(at(tc.asOf).Expiring) == 1; got != tc.expiring {
				t.Errorf("%s: expiring = %v, want %v", tc.asOf, got, tc.expiring)
			}
		}
	})
}

func TestDashboardEmpty(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		svc := NewService(st, &clock{})
		d, err := view.Dashboard(context.Background(), svc, day("2026-11-24"))
		if err != nil {
			t.Fatal(err)
		}
		for l := range view.Lists {
			if d.Count(l) != 0 {
				t.Errorf("list %d of an empty body has %d rows", l, d.Count(l))
			}
		}
		if d.AsOf != day("2026-11-24") {
			t.Errorf("as of %s", d.AsOf)
		}
	})
}
