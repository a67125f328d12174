package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Confirming goes through the domain's team gate: a team with a gap is
// refused in the dialog (no Confirm), the team is fixed with Team…, and
// where the policy allows it a written justification covers a gap.
func TestConfirmNeedsACompetentTeam(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	// Ned leads 42001 audits but knows neither IAF 33 nor the AI life cycle.
	ned, err := w.svc.AddPerson(w.ctx, certification.Person{Name: "Ned Newcomer", Roles: []certification.Role{certification.RoleLeadAuditor},
		Competence: &certification.PersonCompetence{Standards: []certification.Standard{certification.ISO42001}, Sectors: []int{19},
			AIAreas: []certification.AIArea{certification.AIRisk}}})
	if err != nil {
		t.Fatal(err)
	}
	nedTeam := []certification.TeamMember{{PersonID: ned, Role: certification.TeamLead}}
	for _, a := range []string{"Brightwave s1", "Aurora s1"} {
		w.change(w.audits[a], certification.AuditChange{Team: &nedTeam})
	}
	h.u.setActor(certification.Person{ID: w.people["Hannah Becker"], Name: "Hannah Becker"})
	h.showSpace("Audit workspace")
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, w.audits["Brightwave s1"]})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)

	tapAuditAction(t, h, aw, "Confirm")
	cd := confirmShown(t, h)
	if cd == nil || cd.state != gateStrict || cd.ok != nil {
		t.Fatalf("confirm dialog for a team with gaps: %+v", cd)
	}
	if b := findButton(h.w.Canvas().Overlays().Top(), "Confirm"); b != nil {
		t.Fatal("the dialog offers Confirm for a team with gaps")
	}
	shown := strings.Join(cd.panel.texts(), "\n")
	for _, want := range []string{"IAF sectors: missing 33", "AI competence (ISO/IEC 42006): ", "missing AI life cycle"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the team check lacks %q:\n%s", want, shown)
		}
	}
	h.capture("audit-confirm-team-gap")

	// Team…: Elena (IAF 33, every AI area) joins as technical expert.
	tapDialogButton(t, h, "Team…")
	te := partOnTop[*teamEditor](t, h, "team editor")
	h.settle()
	if team := te.picker.Team(); len(team) != 1 || team[0].PersonID != ned || team[0].Role != certification.TeamLead {
		t.Fatalf("team editor starts with %+v", team)
	}
	pickMember(t, h, te.picker, "Elena Petrova", "Expert")
	if te.panel.check == nil || len(te.panel.check.Blocking()) != 0 {
		t.Fatalf("with Elena the team still has problems: %v", te.panel.texts())
	}
	h.capture("audit-team-editor")
	tapDialogButton(t, h, "Save team")
	a, _ := storedAudit(t, h, w.audits["Brightwave s1"])
	if !a.OnTeam(w.people["Elena Petrova"]) || a.Lead() != ned {
		t.Fatalf("stored team %+v", a.Team)
	}
	tapAuditAction(t, h, aw, "Confirm")
	if cd := confirmShown(t, h); cd.state != gateClear {
		t.Fatalf("state %v after fixing the team", cd.state)
	}
	tapDialogButton(t, h, "Confirm")
	if a, _ := storedAudit(t, h, w.audits["Brightwave s1"]); a.Status != certification.AuditConfirmed {
		t.Fatalf("status %s", a.Status)
	}

	// The policy allows a justification: Aurora's stage 1 with Ned alone.
	p, err := w.svc.Policy(w.ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.TeamGapJustification = true
	if err := w.svc.SetPolicy(w.ctx, p); err != nil {
		t.Fatal(err)
	}
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, w.audits["Aurora s1"]})
	h.settle()
	tapAuditAction(t, h, aw, "Confirm")
	cd = confirmShown(t, h)
	if cd.state != gateJustified || cd.why == nil || cd.ok == nil || !cd.ok.Disabled() {
		t.Fatalf("justification dialog: %+v", cd)
	}
	test.Type(cd.why, "Too short")
	if !cd.ok.Disabled() {
		t.Fatal("Confirm enabled with a 9-character justification")
	}
	why := " Stage 1 reviews documents only; Elena joins for stage 2 on site."
	test.Type(cd.why, why)
	if cd.ok.Disabled() {
		t.Fatal("Confirm disabled with a real justification")
	}
	h.capture("audit-confirm-justified")
	test.Tap(cd.ok)
	h.settle()
	a, _ = storedAudit(t, h, w.audits["Aurora s1"])
	if a.Status != certification.AuditConfirmed || a.TeamJustification != "Too short"+why {
		t.Fatalf("stored %s with justification %q", a.Status, a.TeamJustification)
	}
}

// confirmDialog is the confirm dialog on top as the test reads it: the
// gate its text states, its team panel, the justification field and the
// Confirm button (nil when not offered).
type confirmDialog struct {
	state gateState
	panel *teamPanel
	why   *entry
	ok    *widget.Button
}

// confirmShown reads the Confirm the audit dialog; nil when it is not open.
func confirmShown(t *testing.T, h *harness) *confirmDialog {
	t.Helper()
	d := dialogTitled(h, "Confirm the audit")
	if d == nil {
		return nil
	}
	cd := &confirmDialog{state: -1, panel: findOne[*teamPanel](t, d, "team check", nil), ok: findButton(d, "Confirm")}
	if es := findAll[*entry](d, nil); len(es) > 0 {
		cd.why = es[0]
	}
	for _, l := range findAll[*widget.Label](d, nil) {
		switch {
		case strings.Contains(l.Text, "cannot be confirmed with this team"):
			cd.state = gateBlocked
		case strings.Contains(l.Text, "cannot be confirmed: the team lacks competence"):
			cd.state = gateStrict
		case strings.HasPrefix(l.Text, "The team lacks competence the client needs. The body's policy allows confirming"):
			cd.state = gateJustified
		case strings.HasPrefix(l.Text, "Confirm ") && strings.Contains(l.Text, "The lead auditor is"):
			cd.state = gateClear
		default:
			continue
		}
		break
	}
	return cd
}
