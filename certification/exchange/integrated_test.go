package exchange_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/exchange"
)

// integratedBundle plans, through the service, an integrated stage 1 of
// a client's 42001 and 9001 applications (audits 1 and 2, in progress,
// clause 9.2 answered once), a 42001 audit
// of the same client alone (3), a 9001 audit of another client (4) and a
// 27001 audit of the first client alone (5).
func integratedBundle(t *testing.T) []byte {
	t.Helper()
	st := memory(t)
	clk := &auditfixture.Clock{} // moved to the visit's start: no-future-dates
	clk.Set(certification.NewDate(2025, 1, 6))
	svc := certification.NewService(st, clk)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	id := func(id certification.ID, err error) certification.ID {
		t.Helper()
		must(err)
		return id
	}
	d := func(s string) certification.Date {
		v, err := certification.ParseDate(s)
		must(err)
		return v
	}
	lead := id(svc.AddPerson(ctx, certification.Person{Name: "Lena Lead", Roles: []certification.Role{certification.RoleLeadAuditor},
		Competence: &certification.PersonCompetence{Standards: []certification.Standard{certification.ISO42001, certification.ISO9001, certification.ISO27001},
			Sectors: []int{32, 33}, AIAreas: []certification.AIArea{certification.AIRisk, certification.AILifecycle}}}))
	acme := id(svc.AddClient(ctx, certification.Client{LegalName: "Acme AI GmbH", RegisteredAddress: "Hafenstraße 1, Hamburg", EffectivePersonnel: 40, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIUser}}))
	beta := id(svc.AddClient(ctx, certification.Client{LegalName: "Beta Bank AG", RegisteredAddress: "Bahnhofstr. 2, Zürich", EffectivePersonnel: 30, Sectors: []int{32}}))
	c42 := id(svc.AddCertification(ctx, certification.Certification{ClientID: acme, Standard: certification.ISO42001, Scope: "AI document classification"}))
	c9 := id(svc.AddCertification(ctx, certification.Certification{ClientID: acme, Standard: certification.ISO9001, Scope: "Document services"}))
	b9 := id(svc.AddCertification(ctx, certification.Certification{ClientID: beta, Standard: certification.ISO9001, Scope: "Retail banking"}))
	team := []certification.TeamMember{{PersonID: lead, Role: certification.TeamLead}}
	ids, err := svc.PlanIntegratedAtRequiredTime(ctx, certification.Audit{CertificationID: c42, Kind: certification.Stage1, PlannedStart: d("2025-02-03"), PlannedEnd: d("2025-02-04"), PlannedDays: 2, Team: team},
		[]certification.IntegratedPart{{CertificationID: c9, PlannedDays: 1}})
	must(err)
	if !slices.Equal(ids, []certification.ID{1, 2}) {
		t.Fatalf("ids = %v", ids)
	}
	// The visit has started: the import puts both audits through the
	// gates, the team gate included (one visit, not a double booking).
	st8 := func(x certification.AuditStatus) *certification.AuditStatus { return &x }
	on := d("2025-02-03")
	must(svc.ChangeAudit(ctx, 1, certification.AuditChange{Status: st8(certification.AuditConfirmed)}))
	clk.Set(on)
	must(svc.ChangeAudit(ctx, 2, certification.AuditChange{ActualStart: &on, Status: st8(certification.AuditInProgress)}))
	must(svc.RecordChecklist(ctx, 1, certification.ChecklistEntry{Ref: "9.2", Result: certification.ResultConform, Notes: "one internal audit programme"}))
	id(svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: c42, Kind: certification.Special, PlannedStart: d("2025-03-03"), PlannedEnd: d("2025-03-03"), PlannedDays: 1, Team: team}))
	id(svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: b9, Kind: certification.Stage1, PlannedStart: d("2025-02-03"), PlannedEnd: d("2025-02-03"), PlannedDays: 1}))
	c27 := id(svc.AddCertification(ctx, certification.Certification{ClientID: acme, Standard: certification.ISO27001, Scope: "Document platform"}))
	id(svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: c27, Kind: certification.Stage1, PlannedStart: d("2025-02-05"), PlannedEnd: d("2025-02-06"), PlannedDays: 1, Team: team}))
	return export(t, st)
}

func TestIntegratedAuditRoundTrip(t *testing.T) {
	doc := integratedBundle(t)
	if !bytes.Contains(doc, []byte(`"integrated_with": [`)) {
		t.Fatal("the export has no integrated_with")
	}
	dst := memory(t)
	if _, err := exchange.Import(ctx, dst, bytes.NewReader(doc), actor); err != nil {
		t.Fatal(err)
	}
	if again := export(t, dst); !bytes.Equal(doc, again) {
		t.Error("the integrated audit did not round-trip")
	}
	b, err := exchange.Decode(doc)
	if err != nil {
		t.Fatal(err)
	}
	if a := b.Audits[1]; a.Status != certification.AuditInProgress || len(a.Checklist) != 1 || a.Checklist[0].Ref != "9.2" {
		t.Errorf("the 9001 audit in the file: %s, %+v", a.Status, a.Checklist)
	}
}

func TestImportRefusesBrokenIntegratedAudits(t *testing.T) {
	good := integratedBundle(t)
	for _, tc := range []struct {
		name string
		edit func(b *exchange.Bundle)
		want []string
	}{
		{"a link to no audit", func(b *exchange.Bundle) {
			b.Audits[0].IntegratedWith = []certification.ID{2, 99}
		}, []string{"audits[0] (id 1): integrated_with[1]: there is no audit 99 in the file"}},
		{"a link to itself", func(b *exchange.Bundle) {
			b.Audits[0].IntegratedWith = []certification.ID{1, 2}
		}, []string{"audits[0] (id 1): integrated_with[0]: an audit is not integrated with itself"}},
		{"a link one way only", func(b *exchange.Bundle) {
			b.Audits[1].IntegratedWith = nil
		}, []string{"audits[0] (id 1): integrated_with[0]: audit 2 does not name audit 1"}},
		{"another client's audit", func(b *exchange.Bundle) {
			b.Audits[0].IntegratedWith = []certification.ID{2, 4}
			b.Audits[1].IntegratedWith = []certification.ID{1, 4}
			b.Audits[3].IntegratedWith = []certification.ID{1, 2}
		}, []string{"audits[0] (id 1): integrated_with[1]: refused by rule integrated-audit: audit 4 is of client 2, not 1"}},
		{"the same standard twice", func(b *exchange.Bundle) {
			b.Audits[0].IntegratedWith = []certification.ID{2, 3}
			b.Audits[1].IntegratedWith = []certification.ID{1, 3}
			b.Audits[2].IntegratedWith = []certification.ID{1, 2}
		}, []string{"audits[0] (id 1): integrated_with[1]: refused by rule integrated-audit: audits 1 and 3 are both ISO/IEC 42001:2023"}},
		{"an incomplete group", func(b *exchange.Bundle) {
			b.Audits[0].IntegratedWith = []certification.ID{2, 5}
			b.Audits[4].IntegratedWith = []certification.ID{1}
		}, []string{"audits[0] (id 1): integrated_with[0]: audit 2 is integrated with [1] but this audit with [2 5]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := refused(t, edit(t, good, tc.edit))
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems do not contain %q:\n%s", w, got)
				}
			}
		})
	}
}
