package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// TestWalkFromApplicationToCertificate walks one client through the
// whole initial certification on the screens, as a new user would:
// create the client, apply, plan and carry out stage 1 and stage 2 with a
// major nonconformity, see the grant refused by its gate, record the
// client's response and the verification, grant, and see the certificate
// active and surveillance 1 on the dashboard.
func TestWalkFromApplicationToCertificate(t *testing.T) {
	h := newHarness(t, "2026-01-05")
	ctx := h.ctx
	setUp := h.svc()
	lead := mustID(t)(setUp.AddPerson(ctx, certification.Person{Name: "Ingrid Solberg", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor}, Competence: fixtureCompetence(certification.RoleAuditor)}))
	decider := mustID(t)(setUp.AddPerson(ctx, certification.Person{Name: "Margaret O'Neill", Roles: []certification.Role{certification.RoleDecisionMaker}}))
	manager := mustID(t)(setUp.AddPerson(ctx, certification.Person{Name: "Hannah Becker", Roles: []certification.Role{certification.RoleSchemeManager}}))
	as := func(id certification.ID, name string) { h.u.setActor(certification.Person{ID: id, Name: name}) }
	on := func(day string) { h.clk.t = mustDate(t, day).Time().Add(9 * time.Hour) }

	// 1. The scheme manager creates the client (Ctrl+N on Clients).
	as(manager, "Hannah Becker")
	c := h.showSpace("Clients").(*clients)
	cdMenu(t, h, "New")
	f := clientFormShown(t, h)
	test.Type(f.legal, "Lumen Robotics GmbH")
	test.Type(f.address, "Sonnenallee 8, 12045 Berlin")
	test.Type(f.personnel, "48")
	test.Tap(f.roleChecks[certification.AIDeveloper])
	if f.save.Disabled() {
		t.Fatalf("Save disabled on a valid client: %q", f.problem.Text)
	}
	test.Tap(f.save)
	h.settle()
	if c.page == nil || c.page.title.Text != "Lumen Robotics GmbH" {
		t.Fatal("the new client's page did not open")
	}
	client := c.page.id

	// 2. The client applies for ISO/IEC 42001.
	test.Tap(c.page.addCert)
	cf := certFormShown(t, h)
	test.Type(cf.scope, "Development of AI-based quality inspection for manufacturing lines")
	test.Tap(cf.save)
	h.settle()
	v, err := view.Client(ctx, setUp, client, h.u.today())
	if err != nil || len(v.Files) != 1 {
		t.Fatalf("no certification stored: %v", err)
	}
	cert := v.Files[0].Certification.ID

	// 3. Plan stage 1 from the programme, picking the client by typing.
	planAudit(t, h, "lumen", "Stage 1", "2026-01-19", "2026-01-20", "2.5", "Ingrid Solberg")
	stage1 := auditOf(t, h, cert, certification.Stage1)

	// 4. The lead auditor carries out stage 1: client ready for stage 2.
	as(lead, "Ingrid Solberg")
	on("2026-01-19")
	aw := openAudit(t, h, stage1)
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")
	tapAuditAction(t, h, aw, "Start…")
	tapDialogButton(t, h, "Start audit")
	on("2026-01-20")
	answerRest(t, h, aw)
	tapAuditAction(t, h, aw, "Finish…")
	findChoice(t, h).SetSelected("ready for stage 2")
	tapDialogButton(t, h, "Report drafted")
	tapAuditAction(t, h, aw, "Close…")
	tapDialogButton(t, h, "Close audit")
	if a, _ := storedAudit(t, h, stage1); a.Status != certification.AuditClosed || a.Stage1Outcome != certification.Stage1Ready {
		t.Fatalf("stage 1 after the walk: %s, %s", a.Status, a.Stage1Outcome)
	}

	// 5. Plan stage 2; the form now suggests it.
	as(manager, "Hannah Becker")
	planAudit(t, h, "lumen", "Stage 2", "2026-02-16", "2026-02-18", "6.5", "Ingrid Solberg")
	stage2 := auditOf(t, h, cert, certification.Stage2)

	// 6. Stage 2 with a major nonconformity on 6.1.4, typed from the checklist.
	as(lead, "Ingrid Solberg")
	on("2026-02-16")
	aw = openAudit(t, h, stage2)
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")
	tapAuditAction(t, h, aw, "Start…")
	tapDialogButton(t, h, "Start audit")
	selectRef(t, h, aw, "6.1.4")
	if !aw.create() {
		t.Fatal("Ctrl+N did not open the finding form")
	}
	h.settle()
	ff := findingFieldsShown(t, h)
	ff.grade.SetSelected("Major NC")
	test.Type(ff.requirement, "The organization shall define a process for assessing the impacts of its AI systems.")
	test.Type(ff.evidence, "No impact assessment exists for the weld inspection model deployed in January.")
	ff.evidence.TypedShortcut(ctrlKey(fyne.KeyReturn))
	h.settle()
	on("2026-02-18")
	answerRest(t, h, aw)
	tapAuditAction(t, h, aw, "Finish…")
	tapDialogButton(t, h, "Report drafted")
	tapAuditAction(t, h, aw, "Close…")
	tapDialogButton(t, h, "Close audit")
	a, file := storedAudit(t, h, stage2)
	majors := file.FindingsOf([]*certification.Audit{a})
	if a.Status != certification.AuditClosed || len(majors) != 1 || majors[0].Grade != certification.Major {
		t.Fatalf("stage 2: %s with findings %+v", a.Status, majors)
	}
	major := majors[0].ID

	// 7. The committee tries to grant: the major's gate blocks and Record
	// stays disabled, with the domain's reason on the screen.
	as(decider, "Margaret O'Neill")
	on("2026-02-25")
	d := fxDecisions(t, h)
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, cert), Col: 0})
	h.settle()
	if d.selectedKind() != certification.Grant {
		t.Errorf("decision kind %q, want grant", d.selectedKind())
	}
	test.Type(d.reasons, "Stage 2 report reviewed; the team recommends certification once the major is closed.")
	h.settle()
	if g := fxGate(t, d, certification.RuleUnverifiedMajor); g.Passed || !strings.Contains(g.Detail, "6.1.4") {
		t.Fatalf("major gate %+v, want blocking on 6.1.4", g)
	}
	if !d.record.Disabled() {
		t.Fatal("Record is enabled while the major is not verified")
	}
	h.capture("walk-grant-refused")

	// 8. The client's response, accepted and verified by the lead auditor.
	as(lead, "Ingrid Solberg")
	on("2026-03-10")
	fs := fxFindings(t, h)
	fs.table.Select(widget.TableCellID{Row: fxRowOf(t, fs, major), Col: 0})
	h.settle()
	fxTap(h, fs.respond)
	test.Type(dialogField[*entry](t, h, "Root cause"), "Impact assessment was not part of the model release checklist.")
	test.Type(dialogField[*entry](t, h, "Correction"), "Impact assessment carried out for the weld inspection model.")
	test.Type(dialogField[*entry](t, h, "Corrective action"), "Release checklist now requires an approved impact assessment.")
	fxTap(h, fxButton(t, h.w, "Record"))
	fxTap(h, fs.accept)
	fxTap(h, fxButton(t, h.w, "Accept"))
	on("2026-03-20")
	fxTap(h, fs.verify)
	dialogField[*widget.Select](t, h, "Method").SetSelected("documents")
	fxTap(h, fxButton(t, h.w, "Verify"))
	x, err := setUp.File(ctx, cert)
	if err != nil || x.Findings[0].Status() != certification.FindingVerified {
		t.Fatalf("finding after the walk: %+v, %v", x.Findings[0], err)
	}

	// 9. The committee grants.
	as(decider, "Margaret O'Neill")
	on("2026-03-24")
	d = fxDecisions(t, h)
	d.qtable.Select(widget.TableCellID{Row: fxQueueRow(t, d, cert), Col: 0})
	h.settle()
	// The draft from step 7 is still open: the committee dates it today.
	d.date.SetText("2026-03-24")
	d.reasons.SetText("Major nonconformity verified closed; all requirements met.")
	h.settle()
	if bl := fxBlocking(d); len(bl) != 0 || d.record.Disabled() {
		t.Fatalf("gates still block: %v (%s)", bl, d.why.Text)
	}
	fxTap(h, d.record)

	// 10. The certificate is active in the register…
	cs := h.showSpace("Certificates").(*certificatesSpace)
	var number string
	for _, r := range cs.all {
		if r.CertificationID == cert {
			number = r.Number
			if r.Status != certification.CertActive || r.Expiry != mustDate(t, "2029-03-23") {
				t.Errorf("register: %s %s expiring %s, want active until 2029-03-23", r.Number, r.Status, r.Expiry)
			}
		}
	}
	if number == "" {
		t.Fatal("the certificate is not in the register")
	}
	h.capture("walk-certificate")

	// 11. …and surveillance 1 shows on the dashboard when it falls due.
	on("2027-01-15")
	dash := h.showSpace("Dashboard").(*dashboard)
	dash.reload()
	h.settle()
	found := false
	for _, o := range dash.data.DueLater {
		if o.CertificationID == cert && o.Kind == certification.ObSurveillance && o.Due == mustDate(t, "2027-03-24") {
			found = true
		}
	}
	if !found {
		t.Fatalf("surveillance 1 (due 2027-03-24) is not on the dashboard: %+v", dash.data.DueLater)
	}
	test.Tap(dash.tiles[view.ListDueLater])
	h.settle()
	if got := cdCell(dash.tables[view.ListDueLater], 0, 2); got != "Lumen Robotics GmbH" {
		t.Errorf("the due-in-90-days list shows %q", got)
	}
	h.capture("walk-dashboard")
}

func mustID(t *testing.T) func(certification.ID, error) certification.ID {
	return func(id certification.ID, err error) certification.ID {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
}

func mustDate(t *testing.T, s string) certification.Date {
	t.Helper()
	d, err := certification.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// planAudit plans an audit through the programme's form.
func planAudit(t *testing.T, h *harness, client, kind, start, end, days, lead string) {
	t.Helper()
	p := openProgramme(t, h)
	test.Tap(p.planBtn)
	h.settle()
	f := p.form
	test.Type(f.clientQ, client)
	h.settle()
	f.clientQ.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if f.kind.Selected != kind {
		t.Fatalf("the form suggests %q, want %q", f.kind.Selected, kind)
	}
	fillPlan(t, h, f, start, end, days, lead)
	h.settle()
	if f.save.Disabled() {
		t.Fatalf("cannot save the plan: %s / %s", f.verdictTitle.Text, f.verdict.Text)
	}
	test.Tap(f.save)
	h.settle()
}

// auditOf finds the certification's audit of a kind.
func auditOf(t *testing.T, h *harness, cert certification.ID, kind certification.AuditKind) certification.ID {
	t.Helper()
	f, err := h.svc().File(h.ctx, cert)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range f.Audits {
		if a.Kind == kind {
			return a.ID
		}
	}
	t.Fatalf("no %s audit planned", kind)
	return 0
}

// openAudit opens an audit in the audit workspace.
func openAudit(t *testing.T, h *harness, id certification.ID) *auditWS {
	t.Helper()
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, id})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)
	if aw.audit == nil || aw.audit.ID != id {
		t.Fatalf("audit %d did not open", id)
	}
	return aw
}

// answerRest records "conform" on every item the open audit must still
// cover before its report (the team's work on the items the test does not
// drive one by one) and shows the audit again.
func answerRest(t *testing.T, h *harness, aw *auditWS) {
	t.Helper()
	if err := h.svc().FillChecklist(h.ctx, aw.auditID, certification.ChecklistEntry{Result: certification.ResultConform, Notes: "Sampled; no finding."}); err != nil {
		t.Fatal(err)
	}
	aw.reload()
	h.settle()
}

// findChoice finds the outcome field of the open finish dialog.
func findChoice(t *testing.T, h *harness) *choiceField {
	t.Helper()
	return findOne[*choiceField](t, topOverlay(t, h), "outcome field", nil)
}
