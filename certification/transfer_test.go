package certification_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
)

// transferWorld is the audit fixture with a new ISO 9001 client that
// arrives with another body's certificate, on 2026-01-20.
type transferWorld struct {
	fx   *auditfixture.Fixture
	cert ID
}

func newTransferWorld(t *testing.T, st Store) transferWorld {
	t.Helper()
	ctx := context.Background()
	fx, err := auditfixture.Build(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	fx.Clock.Set(auditfixture.D("2026-01-20"))
	client, err := fx.Svc.AddClient(ctx, Client{LegalName: "Transfer Tooling GmbH", RegisteredAddress: "Ring 1, 28195 Bremen, Germany", EffectivePersonnel: 30, Sectors: []int{17}})
	if err != nil {
		t.Fatal(err)
	}
	cert, err := fx.Svc.AddCertification(ctx, Certification{ClientID: client, Standard: ISO9001, Scope: "Machining of tools", Applied: auditfixture.D("2026-01-05")})
	if err != nil {
		t.Fatal(err)
	}
	return transferWorld{fx, cert}
}

// review is a review that allows the transfer, by the fixture's lead
// auditor: a cycle from 2025-03-01 to 2028-02-28, no surveillance yet.
func (w transferWorld) review() TransferReview {
	return TransferReview{PreviousBody: "Nordcert GmbH", CertificateNumber: "NC-9001-2025-117", AccreditationBody: "DAkkS", Accredited: true,
		Status: PreviousValid, CycleStart: auditfixture.D("2025-03-01"), Expiry: auditfixture.D("2028-02-28"),
		Reviewed: auditfixture.D("2026-01-15"), ReviewerID: w.fx.Lead, Documents: "Stage 2 report of 2025-02, NC list (all closed), complaints: none",
		Conclusion: "Certificate valid; no open nonconformities; transfer recommended."}
}

func (w transferWorld) accept(ctx context.Context, makers ...ID) (ID, error) {
	return w.fx.Svc.Decide(ctx, Decision{CertificationID: w.cert, Kind: AcceptTransfer, Date: auditfixture.D("2026-01-20"), Makers: makers, Reasons: "Pre-transfer review complete."})
}

func refusedBy(t *testing.T, err error, rule string, says string) {
	t.Helper()
	var re *RuleError
	if !errors.As(err, &re) || re.Rule != rule || !strings.Contains(re.Msg, says) {
		t.Fatalf("got %v, want a refusal by %s saying %q", err, rule, says)
	}
}

// Only a valid, not suspended, accredited, unexpired certificate is
// transferred, after its review, by someone who did not review it; the
// cycle and expiry carry over, the schedule continues from them and the
// certificate says it was transferred. In memory and on disk.
func TestTransfer(t *testing.T) { inMemoryAndOnDisk(t, testTransfer) }

func testTransfer(t *testing.T, st Store) {
	ctx := context.Background()
	w := newTransferWorld(t, st)
	svc, decider := w.fx.Svc, w.fx.Decider

	_, err := w.accept(ctx, decider)
	refusedBy(t, err, RuleTransferReviewed, "pre-transfer review")

	for _, c := range []struct {
		name   string
		change func(*TransferReview)
		says   string
	}{
		{"suspended", func(r *TransferReview) { r.Status = PreviousSuspended }, "is suspended: only a valid certificate"},
		{"withdrawn", func(r *TransferReview) { r.Status = PreviousWithdrawn }, "is withdrawn"},
		{"not accredited", func(r *TransferReview) { r.Accredited = false }, "not covered by an accreditation"},
		{"expired the day before", func(r *TransferReview) {
			r.CycleStart, r.Expiry = auditfixture.D("2023-01-20"), auditfixture.D("2026-01-19")
		}, "expired on 2026-01-19"},
	} {
		r := w.review()
		c.change(&r)
		if err := svc.ReviewTransfer(ctx, w.cert, r); err != nil {
			t.Fatalf("%s: the review itself is refused: %v", c.name, err)
		}
		_, err := w.accept(ctx, decider)
		refusedBy(t, err, RuleTransferCertificate, c.says)
	}

	// The review's own fields.
	for _, c := range []struct {
		name   string
		change func(*TransferReview)
		field  string
	}{
		{"a status it cannot have", func(r *TransferReview) { r.Status = "lapsed" }, "transfer.status"},
		{"a cycle longer than three years", func(r *TransferReview) { r.Expiry = auditfixture.D("2028-03-02") }, "transfer.expiry"},
		{"no previous body", func(r *TransferReview) { r.PreviousBody = " " }, "transfer.previous_body"},
		{"three surveillances", func(r *TransferReview) { r.Surveillances = 3 }, "transfer.surveillances"},
		{"nobody reviewed it", func(r *TransferReview) { r.ReviewerID = 0 }, "transfer.reviewer_id"},
		{"no review date", func(r *TransferReview) { r.Reviewed = 0 }, "transfer.reviewed"},
	} {
		r := w.review()
		c.change(&r)
		var ve *ValidationError
		if err := svc.ReviewTransfer(ctx, w.cert, r); !errors.As(err, &ve) || ve.Field != c.field {
			t.Errorf("%s: got %v, want a refusal of %s", c.name, err, c.field)
		}
	}

	// Expiring on the decision day is still valid; the reviewer may not
	// decide: the lead auditor reviewed, so a decision by the decider and
	// the lead is refused.
	r := w.review()
	if err := svc.ReviewTransfer(ctx, w.cert, r); err != nil {
		t.Fatal(err)
	}
	// The committee's queue asks for the transfer decision.
	queue, err := view.DecisionQueue(ctx, st, auditfixture.D("2026-01-20"))
	if err != nil {
		t.Fatal(err)
	}
	asked := false
	for _, o := range queue {
		if o.CertificationID == w.cert {
			asked = o.Kind == ObTransferDecision && o.Kind.DecisionAsked() == AcceptTransfer && o.Due == r.Expiry
		}
	}
	if !asked {
		t.Errorf("the decision queue does not ask for the transfer decision: %+v", queue)
	}
	lead, err := svc.Person(ctx, w.fx.Lead)
	if err != nil {
		t.Fatal(err)
	}
	lead.Roles = append(lead.Roles, RoleDecisionMaker) // so that only the review stands in the way
	if err := svc.UpdatePerson(ctx, lead); err != nil {
		t.Fatal(err)
	}
	_, err = w.accept(ctx, decider, w.fx.Lead)
	refusedBy(t, err, RuleTransferReviewerDecides, "made the pre-transfer review")

	if _, err := w.accept(ctx, decider); err != nil {
		t.Fatalf("a valid, accredited certificate, reviewed: %v", err)
	}
	f, err := svc.File(ctx, w.cert)
	if err != nil {
		t.Fatal(err)
	}
	cur, _ := f.Certification.Current()
	cert, _ := f.Certificate()
	if cur.Start != r.CycleStart || cur.Expiry != r.Expiry || cur.Initial || cert.Expiry != r.Expiry || cert.TransferredFrom != "Nordcert GmbH, certificate NC-9001-2025-117" {
		t.Fatalf("cycle %+v, certificate %+v", cur, cert)
	}
	p, err := svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	due := map[string]string{}
	for _, o := range Obligations(f, p) {
		due[o.Label] = o.Due.String()
		if o.Kind == ObTransferDecision && (!o.Done || o.DoneOn != auditfixture.D("2026-01-20")) {
			t.Errorf("after the decision the transfer decision is %+v", o)
		}
	}
	if due["Surveillance 1"] != "2026-03-01" || due["Surveillance 2"] != "2027-03-01" || due["Recertification audit (before expiry)"] != "2028-02-28" {
		t.Errorf("the schedule does not continue from the transferred cycle: %v", due)
	}

	_, err = w.accept(ctx, decider)
	refusedBy(t, err, RuleDecisionNotApplicable, "certified by this body already")
	refusedBy(t, svc.ReviewTransfer(ctx, w.cert, r), RuleDecisionNotApplicable, "certified by this body already")
}

// A surveillance the previous body carried out in the cycle counts as
// done: the schedule asks for the next one by its anniversary.
func TestTransferAfterASurveillanceOfThePreviousBody(t *testing.T) {
	ctx := context.Background()
	w := newTransferWorld(t, memstore.New())
	r := w.review()
	r.CycleStart, r.Expiry, r.Surveillances = auditfixture.D("2024-06-01"), auditfixture.D("2027-05-31"), 1
	if err := w.fx.Svc.ReviewTransfer(ctx, w.cert, r); err != nil {
		t.Fatal(err)
	}
	if _, err := w.accept(ctx, w.fx.Decider); err != nil {
		t.Fatal(err)
	}
	f, err := w.fx.Svc.File(ctx, w.cert)
	if err != nil {
		t.Fatal(err)
	}
	var s1, s2 *Obligation
	obs := Obligations(f, DefaultPolicy())
	for i := range obs {
		switch {
		case strings.HasPrefix(obs[i].Label, "Surveillance 1"):
			s1 = &obs[i]
		case strings.HasPrefix(obs[i].Label, "Surveillance 2"):
			s2 = &obs[i]
		}
	}
	if s1 == nil || !s1.Done || !strings.Contains(s1.Label, "previous body") || s2 == nil || s2.Done || s2.Due.String() != "2026-06-01" {
		t.Fatalf("surveillance 1 %+v, surveillance 2 %+v", s1, s2)
	}
}
