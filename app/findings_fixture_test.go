package app

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// fxBody is a small certification body on the harness's store, as of
// 2026-11-24: files at every stage, so that the Findings, Decisions and
// Certificates screens show a realistic register.
type fxBody struct {
	h *harness
	t *testing.T
	s *certification.Service

	lena, marco, ada, dora, sam, priya certification.ID

	// acme: 42001, stage 2 closed with a major, a minor and an OFI open;
	// awaiting the initial decision.
	acme, acmeCert                       certification.ID
	acmeMajor, acmeMinor, acmeOFI        certification.ID
	nordlicht, nordCert, nordMinor       certification.ID
	helix, helixCert, brightwave, brCert certification.ID
	kestrel, kestrelCert, kestrelMajor   certification.ID
	orion, orionCert                     certification.ID
}

func fxDay(s string) certification.Date {
	d, err := certification.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func fxPtr[T any](v T) *T { return &v }

func (b *fxBody) id(id certification.ID, err error) certification.ID {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
	return id
}

func (b *fxBody) ok(err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
}

func newFxBody(h *harness) *fxBody {
	t := h.t
	t.Helper()
	b := &fxBody{h: h, t: t, s: h.svc()}
	ctx := h.ctx
	person := func(name, email string, roles ...certification.Role) certification.ID {
		return b.id(b.s.AddPerson(ctx, certification.Person{Name: name, Email: email, Roles: roles, Competence: fixtureCompetence(roles...)}))
	}
	b.lena = person("Lena Lehmann", "lena.lehmann@certdesk.example", certification.RoleLeadAuditor, certification.RoleAuditor, certification.RoleDecisionMaker)
	b.marco = person("Marco Rossi", "marco.rossi@certdesk.example", certification.RoleLeadAuditor, certification.RoleAuditor)
	b.ada = person("Ada Okafor", "ada.okafor@certdesk.example", certification.RoleAuditor, certification.RoleTechnicalExpert)
	b.dora = person("Dora Decker", "dora.decker@certdesk.example", certification.RoleDecisionMaker)
	b.sam = person("Sam Schmidt", "sam.schmidt@certdesk.example", certification.RoleSchemeManager)
	b.priya = person("Priya Nair", "priya.nair@certdesk.example", certification.RoleDecisionMaker, certification.RoleTechnicalExpert)

	client := func(legal, trading, addr string, staff float64, sector int) certification.ID {
		return b.id(b.s.AddClient(ctx, certification.Client{LegalName: legal, TradingName: trading, RegisteredAddress: addr,
			EffectivePersonnel: staff, Sectors: []int{sector}, AIRoles: []certification.AIRole{certification.AIProvider}, Created: fxDay("2023-01-02")}))
	}
	cert := func(cl certification.ID, std certification.Standard, scope, applied string) certification.ID {
		return b.id(b.s.AddCertification(ctx, certification.Certification{ClientID: cl, Standard: std, Scope: scope, Applied: fxDay(applied)}))
	}

	// Acme: stage 2 closed in September with open findings.
	b.acme = client("Acme Analytics GmbH", "Acme Analytics", "Hauptstraße 1, 10115 Berlin", 40, 33)
	b.acmeCert = cert(b.acme, certification.ISO42001, "Development and operation of AI credit-scoring services", "2026-06-01")
	b.audit(b.acmeCert, certification.Stage1, "2026-08-03", "2026-08-04", b.lena, b.ada)
	var fs []certification.ID
	b.audit(b.acmeCert, certification.Stage2, "2026-09-14", "2026-09-16", b.lena, b.ada,
		certification.Finding{Grade: certification.Major, Reference: "6.1.2", Requirement: "The organization shall define and apply an AI risk assessment process that identifies risks to individuals, including bias.",
			Evidence: "The risk register for the credit-scoring model lists technical risks only; no assessment of bias against protected groups was found (register v3, 2026-05)."},
		certification.Finding{Grade: certification.Minor, Reference: "A.6.2.4", Requirement: "Verification and validation of the AI system shall be documented.",
			Evidence: "Validation records for model release 4.2 do not state the acceptance criteria used."},
		certification.Finding{Grade: certification.OFI, Reference: "A.7.5", Requirement: "Data provenance.",
			Evidence: "Data lineage is kept in two tools; a single record would ease audits."},
	)
	fs = b.findingsOf(b.acmeCert)
	b.acmeMajor, b.acmeMinor, b.acmeOFI = fs[0], fs[1], fs[2]

	// Nordlicht: 9001, certified 2024, surveillance 2 closed with a late minor.
	b.nordlicht = client("Nordlicht Logistik AG", "", "Hafenstraße 12, 20457 Hamburg", 320, 31)
	b.nordCert = cert(b.nordlicht, certification.ISO9001, "Warehousing and freight forwarding", "2023-11-06")
	b.certify(b.nordCert, "2024-02-19", b.marco, "2024-03-18", b.dora)
	b.audit(b.nordCert, certification.Surveillance, "2025-02-17", "2025-02-18", b.marco, b.ada)
	b.decide(b.nordCert, certification.Maintain, "2025-03-10", b.dora)
	b.audit(b.nordCert, certification.Surveillance, "2026-10-19", "2026-10-20", b.marco, b.ada,
		certification.Finding{Grade: certification.Minor, Reference: "7.2", Requirement: "Persons doing work under the organization's control shall be competent.",
			Evidence: "Two forklift drivers at the Billwerder site had no current certificate of training."},
		certification.Finding{Grade: certification.Observation, Reference: "9.2", Requirement: "Internal audit.", Evidence: "The audit programme covers all processes."},
	)
	b.nordMinor = b.findingsOf(b.nordCert)[0]

	// Helix: 27001, certified 2025, active.
	b.helix = client("Helix Health Ltd", "Helix Health", "12 King Street, Manchester M2 4WU", 85, 38)
	b.helixCert = cert(b.helix, certification.ISO27001, "Information security of the telehealth platform", "2025-02-03")
	b.certify(b.helixCert, "2025-05-12", b.marco, "2025-06-16", b.priya)
	b.audit(b.helixCert, certification.Surveillance, "2026-05-18", "2026-05-19", b.marco, b.ada)
	b.decide(b.helixCert, certification.Maintain, "2026-06-08", b.priya)

	// Brightwave: 42001, certified 2025, suspended in October.
	b.brightwave = client("Brightwave Retail plc", "Brightwave", "1 Canal Walk, Leeds LS1 4AP", 600, 29)
	b.brCert = cert(b.brightwave, certification.ISO42001, "AI-based demand forecasting and personalised offers", "2025-05-05")
	b.certify(b.brCert, "2025-08-11", b.lena, "2025-09-15", b.dora)
	b.decide(b.brCert, certification.Suspend, "2026-10-05", b.dora)

	// Orion: 9001, certified 2023, withdrawn 2025.
	b.orion = client("Orion Robotics SA", "", "Rue du Rhône 4, 1204 Genève", 55, 19)
	b.orionCert = cert(b.orion, certification.ISO9001, "Design and assembly of industrial robots", "2023-01-09")
	b.certify(b.orionCert, "2023-04-17", b.marco, "2023-05-22", b.dora)
	b.decide(b.orionCert, certification.Withdraw, "2025-01-20", b.priya)

	// Kestrel: 42001, stage 2 in November, a major awaiting response.
	b.kestrel = client("Kestrel Insurance SE", "Kestrel", "Maximilianstraße 20, 80539 München", 1400, 32)
	b.kestrelCert = cert(b.kestrel, certification.ISO42001, "AI-supported claims triage", "2026-07-01")
	b.audit(b.kestrelCert, certification.Stage1, "2026-09-28", "2026-09-29", b.marco, b.ada)
	b.audit(b.kestrelCert, certification.Stage2, "2026-11-02", "2026-11-05", b.marco, b.ada,
		certification.Finding{Grade: certification.Major, Reference: "A.5.4", Requirement: "The impact of the AI system on individuals shall be assessed.",
			Evidence: "No impact assessment exists for the claims triage model, which ranks claims of private policyholders."},
		certification.Finding{Grade: certification.Minor, Reference: "9.2", Requirement: "Internal audits shall cover the AI management system.",
			Evidence: "The 2026 internal audit did not cover the AI development team."},
	)
	b.kestrelMajor = b.findingsOf(b.kestrelCert)[0]
	return b
}

// audit plans an audit and walks it to closed, recording findings.
func (b *fxBody) audit(cert certification.ID, kind certification.AuditKind, start, end string, lead, member certification.ID, findings ...certification.Finding) certification.ID {
	b.t.Helper()
	ctx := b.h.ctx
	a := b.s.AtRequiredTime(ctx, certification.Audit{CertificationID: cert, Kind: kind, PlannedStart: fxDay(start), PlannedEnd: fxDay(end), PlannedDays: 2,
		Team: []certification.TeamMember{{PersonID: lead, Role: certification.TeamLead}, {PersonID: member, Role: certification.TeamAuditor}}})
	id := b.id(b.s.PlanAudit(ctx, a))
	b.ok(b.s.ChangeAudit(ctx, id, certification.AuditChange{Status: fxPtr(certification.AuditConfirmed)}))
	b.ok(b.s.ChangeAudit(ctx, id, certification.AuditChange{ActualStart: fxPtr(fxDay(start)), Status: fxPtr(certification.AuditInProgress)}))
	for _, f := range findings {
		f.AuditID, f.RaisedBy, f.Raised = id, lead, fxDay(start)
		b.id(b.s.RecordFinding(ctx, f))
	}
	b.ok(b.s.FillChecklist(ctx, id, certification.ChecklistEntry{Result: certification.ResultConform}))
	ch := certification.AuditChange{ActualEnd: fxPtr(fxDay(end)), ActualDays: fxPtr(a.PlannedDays), Status: fxPtr(certification.AuditReportDrafted)}
	if kind == certification.Stage1 {
		ch.Stage1Outcome = fxPtr(certification.Stage1Ready)
	} else {
		rec := certification.RecommendMaintain
		if kind == certification.Stage2 {
			rec = certification.RecommendGrant
			if len(findings) > 0 {
				rec = certification.RecommendNotYet
			}
		}
		ch.Recommendation = &rec
	}
	b.ok(b.s.ChangeAudit(ctx, id, ch))
	b.ok(b.s.ChangeAudit(ctx, id, certification.AuditChange{ReportDate: fxPtr(fxDay(end).AddDays(2)), Status: fxPtr(certification.AuditClosed)}))
	return id
}

// certify runs stage 1 and a clean stage 2 and grants.
func (b *fxBody) certify(cert certification.ID, stage2 string, lead certification.ID, decided string, decider certification.ID) {
	b.t.Helper()
	s2 := fxDay(stage2)
	b.audit(cert, certification.Stage1, s2.AddDays(-35).String(), s2.AddDays(-34).String(), lead, b.ada)
	b.audit(cert, certification.Stage2, s2.String(), s2.AddDays(2).String(), lead, b.ada)
	b.decide(cert, certification.Grant, decided, decider)
}

func (b *fxBody) decide(cert certification.ID, kind certification.DecisionKind, on string, by certification.ID) {
	b.t.Helper()
	b.id(b.s.Decide(b.h.ctx, certification.Decision{CertificationID: cert, Kind: kind, Date: fxDay(on), Makers: []certification.ID{by},
		Reasons: fmt.Sprintf("%s on the file as reviewed", kind)}))
}

// findingsOf lists a certification's findings by number of raising.
func (b *fxBody) findingsOf(cert certification.ID) []certification.ID {
	b.t.Helper()
	f, err := b.s.File(b.h.ctx, cert)
	b.ok(err)
	var ids []certification.ID
	for _, x := range f.Findings {
		ids = append(ids, x.ID)
	}
	return ids
}

// finding reads a finding back from the store.
func (b *fxBody) finding(id certification.ID) certification.Finding {
	b.t.Helper()
	var x certification.Finding
	b.ok(b.s.View(b.h.ctx, func(tx certification.Tx) error { return tx.Get(id, &x) }))
	return x
}

// person returns a person record.
func (b *fxBody) person(id certification.ID) certification.Person {
	b.t.Helper()
	ps, err := view.People(b.h.ctx, b.s)
	b.ok(err)
	for _, p := range ps {
		if p.ID == id {
			return p
		}
	}
	b.t.Fatalf("no person %d", id)
	return certification.Person{}
}

// fxButton finds a button by its text in the window's top overlay (the
// open dialog) or, with no overlay, in the window content.
func fxButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	root := w.Canvas().Content()
	if o := w.Canvas().Overlays().Top(); o != nil {
		root = o
	}
	var found *widget.Button
	fxWalk(root, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && found == nil {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button %q on screen", text)
	}
	return found
}

// fxWalk visits every object under o, widgets through their renderers.
func fxWalk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	if o == nil {
		return
	}
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			fxWalk(c, visit)
		}
	case *container.Scroll:
		fxWalk(x.Content, visit)
	case fyne.Widget:
		if r := test.WidgetRenderer(x); r != nil {
			for _, c := range r.Objects() {
				fxWalk(c, visit)
			}
		}
	}
}

// fxIndex is the index of the first row that is; without one the test
// fails with the message format, args.
func fxIndex[R any](t *testing.T, rows []R, is func(R) bool, format string, args ...any) int {
	t.Helper()
	i := slices.IndexFunc(rows, is)
	if i < 0 {
		t.Fatalf(format, args...)
	}
	return i
}

// fxTexts collects the label texts under o.
func fxTexts(o fyne.CanvasObject) []string {
	var out []string
	fxWalk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			out = append(out, l.Text)
		}
	})
	return out
}

// fxTap taps a button and waits for what it started.
func fxTap(h *harness, b *widget.Button) {
	h.t.Helper()
	if b.Disabled() {
		h.t.Fatalf("button %q is disabled", b.Text)
	}
	test.Tap(b)
	fxSettle(h)
}

// fxCapture lays the window out again from the top, as the real driver
// does every frame when a minimum size changed (the test canvas does
// not), and captures it.
func fxCapture(h *harness, name string) {
	for range 2 {
		fxRelayout(h.w.Canvas().Content())
		if o := h.w.Canvas().Overlays().Top(); o != nil {
			fxRelayout(o)
		}
	}
	h.capture(name)
}

func fxRelayout(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *fyne.Container:
		if x.Layout != nil {
			x.Layout.Layout(x.Objects, x.Size())
		}
		for _, c := range x.Objects {
			fxRelayout(c)
		}
	case fyne.Widget:
		if r := test.WidgetRenderer(x); r != nil {
			r.Layout(x.Size())
			for _, c := range r.Objects() {
				fxRelayout(c)
			}
		}
	}
}

// fxShow shows a workspace the way a click on the sidebar does, and waits
// for it to load. (harness.showSpace calls ui.show, which starts the
// workspace's loading before it selects the sidebar entry; the test
// driver then applies the result while show still updates the screen.)
func fxShow(h *harness, name string) workspace {
	h.t.Helper()
	for i, ws := range h.u.spaces {
		if ws.name() == name {
			if h.u.current == i && h.u.body.Objects != nil {
				h.u.show(i)
			} else {
				h.u.nav.Select(i)
			}
			fxSettle(h)
			return ws
		}
	}
	h.t.Fatalf("no workspace %q", name)
	return nil
}

// fxHarness is the harness on 2026-11-24, the day the fixtures assume.
func fxHarness(t *testing.T) *harness { return newHarness(t, "2026-11-24") }

// fxSettle waits for the background work and shows its results here.
func fxSettle(h *harness) { h.settle() }
