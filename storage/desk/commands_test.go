package desk_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/desk"
)

// The commands the fixture does not make travel too: a policy change and
// the recomputation of every certification's obligations it starts (the
// store's own work, by "system"), evidence with its content (which
// travels beside the entry), client and person edits, audit-time terms,
// an audit leaving its integrated audit, a client's response form, a
// complaint received, acknowledged and investigated, and the policy's
// logo (its bytes beside the entry, as evidence's). Desk B, which made
// none of them, ends with the same journal and the evidence's bytes.
func TestOtherCommandsTravel(t *testing.T) {
	ctx := testCtx(t)
	o := startOffice(t)
	dA, dbA := joinDesk(t, ctx, o.URL())
	dB, dbB := joinDesk(t, ctx, o.URL())
	fx, err := auditfixture.Build(ctx, dA.Store())
	if err != nil {
		t.Fatal(err)
	}
	svc := fx.Svc // on desk A's replica: every command goes through the body
	p, err := svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.ResponseDays += 5
	if err := svc.SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	if err := svc.FinishRefresh(ctx); err != nil {
		t.Fatal(err)
	}
	content := bytes.Repeat([]byte("a sampled record of the internal audit\n"), 2000)
	evID, err := svc.AttachEvidence(ctx, certification.Evidence{AuditID: fx.Integrated42001, Ref: "9.2", FileName: "internal-audit.txt"}, content)
	if err != nil {
		t.Fatal(err)
	}
	logo := testPNG(t)
	if err := svc.SetPolicyImage(ctx, certification.ImageLogo, logo); err != nil {
		t.Fatal(err)
	}
	c, err := svc.Client(ctx, fx.Client)
	if err != nil {
		t.Fatal(err)
	}
	c.EffectivePersonnel++
	if err := svc.UpdateClient(ctx, c); err != nil {
		t.Fatal(err)
	}
	pe, err := svc.Person(ctx, fx.Auditor)
	if err != nil {
		t.Fatal(err)
	}
	pe.Email = "ahmed.aziz@certdesk.example.org"
	if err := svc.UpdatePerson(ctx, pe); err != nil {
		t.Fatal(err)
	}
	if err := svc.SetAuditTimeTerms(ctx, fx.Cert9001, certification.AuditTimeTerms{IntegrationReduction: 10}); err != nil {
		t.Fatal(err)
	}
	if err := svc.LeaveIntegratedAudit(ctx, fx.Integrated9001); err != nil {
		t.Fatal(err)
	}
	minor, err := svc.Finding(ctx, fx.Findings[2])
	if err != nil {
		t.Fatal(err)
	}
	if err := svc.RecordResponses(ctx, certification.ResponseBatch{ClientID: fx.Client, FormDate: fx.AsOf, Today: fx.AsOf, RespondedBy: []string{"Carla Cee"},
		Updates: []certification.ResponseUpdate{{FindingID: minor.ID, Stamp: minor.Stamp(), Response: &certification.Response{RootCause: "no owner", Correction: "owner named", CorrectiveAction: "RACI"}}}}); err != nil {
		t.Fatal(err)
	}
	// A complaint about the stage 2 audit, acknowledged and investigated by
	// the decider (not on its team), travels; so would a refusal.
	cid, err := svc.ReceiveCase(ctx, certification.Case{Kind: certification.CaseComplaint, AuditID: fx.Stage2, From: certification.CaseParty{Name: "Paul Public"}, Subject: "report late"})
	if err != nil {
		t.Fatal(err)
	}
	by := certification.CaseStep{PersonID: fx.Decider, Text: "the report was sent on time"}
	if err := svc.AcknowledgeCase(ctx, cid, by); err != nil {
		t.Fatal(err)
	}
	if err := svc.InvestigateCase(ctx, cid, by); err != nil {
		t.Fatal(err)
	}

	sameHead(t, ctx, []*desk.Desk{dA, dB}, []*storage.DB{dbA, dbB})
	commands := map[string]bool{}
	if err := dbB.Journal(ctx, 1, func(e certification.JournalEntry) error {
		if e.Refused != "" {
			t.Errorf("desk B refused entry %d (%s): %s", e.Seq, e.Command, e.Refused)
		}
		commands[e.Command] = true
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"set-policy", "set-policy-image", "refresh-obligations", "attach-evidence", "update-client", "update-person", "set-audit-time-terms", "leave-integrated-audit", "import-responses", "receive-case", "acknowledge-case", "investigate-case"} {
		if !commands[c] {
			t.Errorf("desk B's journal has no %s", c)
		}
	}
	_, got, err := certification.NewService(dB.Store(), fx.Clock).EvidenceContent(ctx, evID)
	if err != nil || !bytes.Equal(got, content) {
		t.Fatalf("desk B's copy of evidence %d: %d bytes (%v), want %d", evID, len(got), err, len(content))
	}
	if got, err := certification.NewService(dB.Store(), fx.Clock).PolicyImage(ctx, certification.ImageLogo); err != nil || !bytes.Equal(got, logo) {
		t.Fatalf("desk B's copy of the logo: %d bytes (%v), want %d", len(got), err, len(logo))
	}
	rep, err := dbB.Verify(ctx, storage.VerifyOptions{Indexes: true})
	if err != nil || !rep.OK() {
		t.Fatalf("desk B does not verify with its indexes (%v): %+v", err, rep)
	}
}

// testPNG is a small PNG image.
func testPNG(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 8, 4))
	img.Set(1, 1, color.RGBA{200, 0, 0, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}
