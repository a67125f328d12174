package exchange_test

import (
	"bytes"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/exchange"
)

// withCases is the walk-through (Lena Lead 1 audited, Dora Decider 2
// granted in decision 1) with Ivy Independent (3), an appeal against the
// grant that Ivy took to closed (case 1) and a complaint about the stage
// 2 audit (audit 2) received only (case 2), recorded through the service
// on a store on disk.
func withCases(t *testing.T) []byte {
	t.Helper()
	st := disk(t)
	walkthrough(t, st)
	svc := certification.NewService(st, certification.FixedClock(certification.NewDate(2025, 3, 20).Time()))
	ivy, err := svc.AddPerson(ctx, certification.Person{Name: "Ivy Independent", Roles: []certification.Role{certification.RoleDecisionMaker}})
	if err != nil {
		t.Fatal(err)
	}
	appeal, err := svc.ReceiveCase(ctx, certification.Case{Kind: certification.CaseAppeal, DecisionID: 1, Received: certification.NewDate(2025, 3, 10),
		From: certification.CaseParty{Name: "Carla Cee", Organisation: "Acme AI GmbH"}, Subject: "scope narrower than applied for"})
	if err != nil {
		t.Fatal(err)
	}
	by := certification.CaseStep{PersonID: ivy, Text: "done"}
	for _, step := range []func() error{
		func() error { return svc.AcknowledgeCase(ctx, appeal, by) },
		func() error { return svc.InvestigateCase(ctx, appeal, by) },
		func() error { return svc.DecideCase(ctx, appeal, by, false) },
		func() error { return svc.CloseCase(ctx, appeal, by, 0) },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.ReceiveCase(ctx, certification.Case{Kind: certification.CaseComplaint, AuditID: 2, From: certification.CaseParty{Name: "Paul Public"}, Subject: "findings shared"}); err != nil {
		t.Fatal(err)
	}
	return export(t, st)
}

// Complaints and appeals survive export → import → export byte for byte.
func TestCasesRoundTrip(t *testing.T) {
	doc := withCases(t)
	if !bytes.Contains(doc, []byte(`"cases": [`)) || !bytes.Contains(doc, []byte(`"name": "Ivy Independent"`)) {
		t.Fatalf("the export holds no cases:\n%s", doc)
	}
	dst := memory(t)
	n, err := exchange.Import(ctx, dst, bytes.NewReader(doc), actor)
	if err != nil {
		t.Fatal(err)
	}
	if n.Cases != 2 {
		t.Errorf("imported %d cases, want 2", n.Cases)
	}
	if again := export(t, dst); !bytes.Equal(doc, again) {
		t.Errorf("export → import → export differs:\n%s\nvs\n%s", doc, again)
	}
	// A file written before cases existed (no "cases" section) imports.
	old := edit(t, doc, func(b *exchange.Bundle) { b.Cases = nil })
	old = bytes.Replace(old, []byte(",\n  \"cases\": []"), nil, 1)
	if bytes.Contains(old, []byte(`"cases"`)) {
		t.Fatal("the cases section is still there")
	}
	if _, err := exchange.Import(ctx, memory(t), bytes.NewReader(old), actor); err != nil {
		t.Fatalf("a file without cases: %v", err)
	}
}

// Import refuses a case that names what the file does not hold, runs its
// steps out of order, or was handled by someone involved, naming the
// record, the field and the rule.
func TestImportRefusesCases(t *testing.T) {
	good := withCases(t)
	for _, tc := range []struct {
		name string
		edit func(c []certification.Case)
		want string
	}{
		{"unknown client", func(c []certification.Case) { c[1].ClientID, c[1].CertificationID, c[1].AuditID = 9, 0, 0 }, "cases[1] (id 2): client_id: there is no client 9 in the file"},
		{"unknown decision", func(c []certification.Case) { c[0].DecisionID = 7 }, "cases[0] (id 1): decision_id: there is no decision 7 in the file"},
		{"audit of another certification", func(c []certification.Case) { c[1].CertificationID = 5 }, "cases[1] (id 2): certification_id: is 5 but audit 2 is of certification 1"},
		{"unknown person", func(c []certification.Case) { c[0].Investigated.PersonID = 42 }, "cases[0] (id 1): investigated.person_id: there is no person 42 in the file"},
		{"appeal decided by its decision maker", func(c []certification.Case) { c[0].Decided.PersonID = 2 }, "cases[0] (id 1): decided.person_id: refused by rule appeal-handler-involved"},
		{"complaint investigated by the auditor", func(c []certification.Case) {
			c[1].Acknowledged = &certification.CaseStep{Date: c[1].Received, PersonID: 3}
			c[1].Investigated = &certification.CaseStep{Date: c[1].Received, PersonID: 1, Text: "x"}
		}, "refused by rule complaint-handler-involved"},
		{"closed, not decided", func(c []certification.Case) { c[0].Decided = nil }, "cases[0] (id 1): closed: a case is closed only once it is decided"},
		{"decided before investigated", func(c []certification.Case) { c[0].Decided.Date = c[0].Investigated.Date.AddDays(-1) }, "decided.date"},
		{"special audit on an appeal", func(c []certification.Case) { c[0].SpecialAudit = true }, "special_audit"},
		{"duplicate id", func(c []certification.Case) { c[1].ID = 1 }, "id 1 is used by two cases"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := edit(t, good, func(b *exchange.Bundle) { tc.edit(b.Cases) })
			if got := refused(t, doc); !strings.Contains(got, tc.want) {
				t.Errorf("problems %s\ndo not say %q", got, tc.want)
			}
		})
	}
	// Nothing that happened is dated after the day of the import.
	_, err := exchange.ImportOn(ctx, memory(t), bytes.NewReader(good), actor, certification.NewDate(2025, 3, 19))
	if err == nil || !strings.Contains(err.Error(), "cases[0] (id 1): acknowledged.date: refused by rule no-future-dates") {
		t.Errorf("import on 2025-03-19 of a case acknowledged on 2025-03-20: %v", err)
	}
}
