package desk_test

import (
	"context"
	"fmt"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
)

// benchSpreadAudits is how many more audits in progress the benchmarks
// add to the fixture's two (spreadAudits).
const benchSpreadAudits = 40

// spreadAudits adds n ISO 9001 clients, each with a
// stage 1 in progress led by an auditor of its own (no booking clash),
// and returns every audit in progress, the fixture's two first. The
// benchmarks' findings take turns on them: a finding's command loads its
// certification's file, so thousands of findings on one or two files
// would measure a file's growth, not a desk (the demo body has about 13
// findings per certification).
func spreadAudits(b testing.TB, ctx context.Context, svc *certification.Service, fx *auditfixture.Fixture, n int) []certification.ID {
	b.Helper()
	audits := []certification.ID{fx.Integrated42001, fx.Integrated9001}
	nine := []certification.Standard{certification.ISO9001}
	for i := range n {
		lead, err := svc.AddPerson(ctx, certification.Person{Name: fmt.Sprintf("Bench Lead %d", i+1), Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor},
			Competence: &certification.PersonCompetence{Standards: nine, Sectors: []int{33}, Languages: []string{"English"}}})
		if err != nil {
			b.Fatal(err)
		}
		client, err := svc.AddClient(ctx, certification.Client{LegalName: fmt.Sprintf("Bench Client %d GmbH", i+1), RegisteredAddress: "Hafenstraße 1, 20457 Hamburg, Germany",
			EffectivePersonnel: 20, Sectors: []int{33}})
		if err != nil {
			b.Fatal(err)
		}
		cert, err := svc.AddCertification(ctx, certification.Certification{ClientID: client, Standard: certification.ISO9001, Scope: "Warehousing"})
		if err != nil {
			b.Fatal(err)
		}
		a, err := svc.PlanAtRequiredTime(ctx, certification.Audit{CertificationID: cert, Kind: certification.Stage1, PlannedStart: fx.AsOf, PlannedEnd: fx.AsOf,
			PlannedDays: 1, Team: []certification.TeamMember{{PersonID: lead, Role: certification.TeamLead}}})
		if err != nil {
			b.Fatal(err)
		}
		for _, ch := range []certification.AuditChange{{Status: ptr(certification.AuditConfirmed)}, {ActualStart: ptr(fx.AsOf), Status: ptr(certification.AuditInProgress)}} {
			if err := svc.ChangeAudit(ctx, a, ch); err != nil {
				b.Fatalf("bench audit %d: %v", i+1, err)
			}
		}
		audits = append(audits, a)
	}
	return audits
}

func ptr[T any](v T) *T { return &v }
