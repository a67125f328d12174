package exchange_test

import (
	"bytes"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/exchange"
)

// A certification taken over from another body (its pre-transfer
// review, the accept-transfer decision, the carried-over cycle and the
// certificate naming where it came from) exports, imports and exports
// again byte for byte; a file whose transferred cycle does not carry the
// reviewed dates over, or whose transfer opens a later cycle, is refused
// naming the field.
func TestTransferRoundTrip(t *testing.T) {
	st := memory(t)
	clk := &auditfixture.Clock{}
	clk.Set(auditfixture.D("2026-01-20"))
	svc := certification.NewService(st, clk)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	rita, err := svc.AddPerson(ctx, certification.Person{Name: "Rita Reviewer", Roles: []certification.Role{certification.RoleSchemeManager}})
	must(err)
	dora, err := svc.AddPerson(ctx, certification.Person{Name: "Dora Decider", Roles: []certification.Role{certification.RoleDecisionMaker}})
	must(err)
	client, err := svc.AddClient(ctx, certification.Client{LegalName: "Transfer Tooling GmbH", RegisteredAddress: "Ring 1, Bremen", EffectivePersonnel: 30, Sectors: []int{17}})
	must(err)
	cert, err := svc.AddCertification(ctx, certification.Certification{ClientID: client, Standard: certification.ISO9001, Scope: "Machining of tools"})
	must(err)
	must(svc.ReviewTransfer(ctx, cert, certification.TransferReview{PreviousBody: "Nordcert GmbH", CertificateNumber: "NC-117", AccreditationBody: "DAkkS",
		Accredited: true, Status: certification.PreviousValid, CycleStart: auditfixture.D("2024-06-01"), Expiry: auditfixture.D("2027-05-31"), Surveillances: 1,
		Reviewed: auditfixture.D("2026-01-15"), ReviewerID: rita, Documents: "Reports 2024-2025", Conclusion: "Valid"}))
	_, err = svc.Decide(ctx, certification.Decision{CertificationID: cert, Kind: certification.AcceptTransfer, Date: auditfixture.D("2026-01-20"),
		Makers: []certification.ID{dora}, Reasons: "Review complete"})
	must(err)
	doc := export(t, st)
	for _, want := range []string{`"previous_body": "Nordcert GmbH"`, `"prior_surveillances": 1`, `"transferred_from": "Nordcert GmbH, certificate NC-117"`, `"kind": "accept-transfer"`} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("the export lacks %s", want)
		}
	}
	dst := memory(t)
	if _, err := exchange.Import(ctx, dst, bytes.NewReader(doc), actor); err != nil {
		t.Fatal(err)
	}
	if again := export(t, dst); !bytes.Equal(doc, again) {
		t.Error("the transfer did not round-trip")
	}

	for _, c := range []struct{ name, from, to, field string }{
		{"a cycle that does not carry over the reviewed expiry", `"expiry": "2027-05-31",
          "decision_id"`, `"expiry": "2027-05-30",
          "decision_id"`, "cycles[0].expiry"},
	} {
		bad := bytes.Replace(doc, []byte(c.from), []byte(c.to), 1)
		if bytes.Equal(bad, doc) {
			t.Fatalf("%s: the file has no %q to change", c.name, c.from)
		}
		_, err := exchange.Import(ctx, memory(t), bytes.NewReader(bad), actor)
		if err == nil || !strings.Contains(err.Error(), c.field) {
			t.Errorf("%s: got %v, want a refusal naming %s", c.name, err, c.field)
		}
	}
}
