package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

func fxDecisions(t *testing.T, h *harness) *decisionsSpace {
	t.Helper()
	return fxShow(h, "Decisions").(*decisionsSpace)
}

// fxQueueRow returns the queue row of a certification.
func fxQueueRow(t *testing.T, d *decisionsSpace, cert certification.ID) int {
	t.Helper()
	return fxIndex(t, d.queue, func(o certification.Obligation) bool { return o.CertificationID == cert },
		"certification %d is not in the decision queue: %v", cert, d.queue)
}

// fxGate returns the gate with a rule.
func fxGate(t *testing.T, d *decisionsSpace, rule string) certification.Gate {
	t.Helper()
	for _, g := range d.gates {
		if g.Rule == rule {
			return g
		}
	}
	t.Fatalf("no gate %s among %v", rule, d.gates)
	return certification.Gate{}
}

func fxBlocking(d *decisionsSpace) []string {
	var out []string
	for _, g := range d.gates {
		if !g.Passed {
			out = append(out, g.Rule)
		}
	}
	return out
}

func TestDecisionGrantAfterMajorVerified(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	h.u.setActor(b.person(b.dora))
	d := fxDecisions(t, h)

	// The queue: Acme's and Kestrel's initial decisions, Nordlicht's
	// decision on its surveillance report.
	for _, c := range []certification.ID{b.acmeCert, b.kestrelCert, b.nordCert} {
		fxQueueRow(t, d, c)
	}
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, b.acmeCert), Col: 0})
	fxSettle(h)
	if d.file == nil || d.file.Certification.ID != b.acmeCert {
		t.Fatal("the decision view does not show Acme's file")
	}
	if got := d.selectedKind(); got != certification.Grant {
		t.Errorf("kind %q, want grant for an initial decision", got)
	}
	if got := d.chosenMakers(); len(got) != 1 || got[0] != b.dora {
		t.Errorf("makers %v, want the user (Dora, a decision maker)", got)
	}
	test.Type(d.reasons, "Stage 2 report reviewed; team recommends grant once the NCs are closed.")
	fxSettle(h)
	major := fxGate(t, d, certification.RuleUnverifiedMajor)
	if major.Passed || !strings.Contains(major.Detail, "6.1.2") {
		t.Errorf("major gate %+v, want blocking on 6.1.2", major)
	}
	if minor := fxGate(t, d, certification.RuleMinorWithoutPlan); minor.Passed {
		t.Error("the minor gate passes without an accepted plan")
	}
	if !d.record.Disabled() {
		t.Error("Record is enabled while gates block")
	}
	if !strings.Contains(d.gateSum.Text, "block") {
		t.Errorf("gate summary %q", d.gateSum.Text)
	}
	fxCapture(h, "decision-blocking-gate")

	// The file is completed elsewhere: the major verified, the minor's
	// plan accepted.
	ctx := h.ctx
	resp := certification.Response{RootCause: "cause", Correction: "fixed", CorrectiveAction: "prevented", Received: fxDay("2026-10-10")}
	for _, id := range []certification.ID{b.acmeMajor, b.acmeMinor} {
		b.ok(b.s.RecordResponse(ctx, id, resp))
		b.ok(b.s.ReviewResponse(ctx, id, certification.Review{Accepted: true, On: fxDay("2026-10-20"), By: b.lena}))
	}
	b.ok(b.s.VerifyFinding(ctx, b.acmeMajor, certification.Verification{On: fxDay("2026-11-10"), Method: "follow-up visit", By: b.lena}))
	d.reload()
	fxSettle(h)
	// The committee's file shows each finding's dates, the team check
	// and the checklist's coverage of the stage 2.
	file := fxFileText(d)
	for _, want := range []string{"verified 2026-11-10 (follow-up visit)", "plan accepted 2026-10-20", "Team check when confirmed:", "Checklist:", "Auditor-days: required ", "Annex A:"} {
		if !strings.Contains(file, want) {
			t.Errorf("the committee's file does not say %q:\n%s", want, file)
		}
	}
	// Dated before the verification, the grant is refused with both dates.
	today := d.date.Text
	d.date.SetText("2026-11-05")
	fxSettle(h)
	if g := fxGate(t, d, certification.RuleUnverifiedMajor); g.Passed || !strings.Contains(g.Detail, "verified on 2026-11-10, after the decision date 2026-11-05") {
		t.Errorf("major gate %+v, want blocking naming both dates", g)
	}
	d.date.SetText(today)
	fxSettle(h)
	if bl := fxBlocking(d); len(bl) != 0 {
		t.Fatalf("gates still block after the file is complete: %v", bl)
	}
	if d.record.Disabled() {
		t.Fatalf("Record disabled with every gate passing: %s", d.why.Text)
	}
	fxCapture(h, "decision-all-gates-pass")
	fxTap(h, d.record)
	f, err := b.s.File(ctx, b.acmeCert)
	b.ok(err)
	cert, ok := f.Certificate()
	if !ok || cert.StatusOn(fxDay("2026-11-24")) != certification.CertActive {
		t.Fatalf("no active certificate after the grant: %+v", cert)
	}
	if len(f.Decisions) != 1 || f.Decisions[0].Makers[0] != b.dora || f.Decisions[0].Kind != certification.Grant {
		t.Errorf("decision stored as %+v", f.Decisions)
	}
	if !strings.Contains(d.note.Text, "grant") {
		t.Errorf("no confirmation: %q", d.note.Text)
	}
	for _, o := range d.queue {
		if o.CertificationID == b.acmeCert {
			t.Error("Acme is still in the queue after the grant")
		}
	}

	// The certificate appears, active, in the register.
	c := fxShow(h, "Certificates").(*certificatesSpace)
	found := false
	for _, r := range c.all {
		if r.CertificationID == b.acmeCert {
			found = true
			if r.Status != certification.CertActive || r.Number != cert.Number {
				t.Errorf("register shows %s %s, want %s active", r.Number, r.Status, cert.Number)
			}
		}
	}
	if !found {
		t.Error("Acme's certificate is not in the register")
	}
}

func TestDecisionImpartialityGate(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	// Lena led Acme's stage 2 and holds the decision-maker role.
	h.u.setActor(b.person(b.lena))
	d := fxDecisions(t, h)
	if d.vsplit.Offset != queueOffsetAlone {
		t.Errorf("with no file open the queue has %.2f of the height, want %.2f", d.vsplit.Offset, queueOffsetAlone)
	}
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, b.acmeCert), Col: 0})
	fxSettle(h)
	if d.vsplit.Offset != queueOffsetFile {
		t.Errorf("with a file open the queue has %.2f of the height, want %.2f", d.vsplit.Offset, queueOffsetFile)
	}
	if got := d.chosenMakers(); len(got) != 1 || got[0] != b.lena {
		t.Fatalf("makers %v, want Lena by default", got)
	}
	g := fxGate(t, d, certification.RuleDeciderAudited)
	if g.Passed || !strings.Contains(g.Detail, "Lena Lehmann") {
		t.Errorf("impartiality gate %+v, want blocking naming Lena", g)
	}
	if !d.record.Disabled() {
		t.Error("Record enabled for a decision maker who audited the client")
	}
	// Another decision maker instead: the gate passes (live).
	test.Tap(d.makers[b.lena])
	fxSettle(h)
	test.Tap(d.makers[b.priya])
	fxSettle(h)
	if g := fxGate(t, d, certification.RuleDeciderAudited); !g.Passed {
		t.Errorf("impartiality gate still blocks with Priya: %+v", g)
	}
	d.closeView()
	if d.vsplit.Offset != queueOffsetAlone {
		t.Errorf("after Close the queue has %.2f of the height, want %.2f back", d.vsplit.Offset, queueOffsetAlone)
	}
}

func TestDecisionMaintainNeedsMinorPlan(t *testing.T) {
	h := fxHarness(t)
	b := newFxBody(h)
	d := fxDecisions(t, h)
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, b.nordCert), Col: 0})
	fxSettle(h)
	if got := d.selectedKind(); got != certification.Maintain {
		t.Errorf("kind %q, want maintain after a surveillance report", got)
	}
	// Nobody chosen as user: no maker ticked, the role gate blocks.
	if len(d.chosenMakers()) != 0 {
		t.Errorf("makers ticked without a user: %v", d.chosenMakers())
	}
	if g := fxGate(t, d, certification.RuleDeciderRole); g.Passed {
		t.Error("role gate passes with no decision maker")
	}
	test.Tap(d.makers[b.dora])
	fxSettle(h)
	if bl := fxBlocking(d); len(bl) != 1 || bl[0] != certification.RuleMinorWithoutPlan {
		t.Errorf("blocking %v, want only the minor's plan", bl)
	}
	// Dated before the surveillance report, the decision has no report
	// to rest on.
	d.date.SetText("2026-10-01")
	fxSettle(h)
	if bl := fxBlocking(d); !strings.Contains(strings.Join(bl, " "), certification.RuleNeedsClosedReport) {
		t.Errorf("a decision dated before the report: blocking %v", bl)
	}
}

// fxFileText is the text of the committee's file, a line a label.
func fxFileText(d *decisionsSpace) string {
	var lines []string
	for _, o := range d.fileBox.Objects {
		if l, ok := o.(*widget.Label); ok {
			lines = append(lines, l.Text)
		}
	}
	return strings.Join(lines, "\n")
}
