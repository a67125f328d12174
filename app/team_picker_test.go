package app

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/demo"
)

// pickerRowOf types name into the team picker's search (every person,
// free or not) and returns the person's row.
func pickerRowOf(t *testing.T, h *harness, tp *teamPicker, name string) *pickerRow {
	t.Helper()
	h.settle()
	tp.available.SetChecked(false)
	tp.search.SetText("")
	test.Type(tp.search, name)
	rows := findAll(tp, func(r *pickerRow) bool { return r.name.Text == name })
	if len(rows) != 1 {
		t.Fatalf("%d rows for %s among %d shown", len(rows), name, len(tp.shown))
	}
	return rows[0]
}

// pickMember puts the person on the team in role (the row's button:
// Lead, Auditor, Expert) unless they already hold it.
func pickMember(t *testing.T, h *harness, tp *teamPicker, name, role string) {
	t.Helper()
	b := findButton(pickerRowOf(t, h, tp, name), role)
	if b == nil || b.Disabled() {
		t.Fatalf("%s's row offers no %s", name, role)
	}
	if b.Importance != widget.HighImportance {
		test.Tap(b)
	}
	h.settle()
}

// dropMember takes the person off the team (taps the role they hold).
func dropMember(t *testing.T, h *harness, tp *teamPicker, name string) {
	t.Helper()
	for _, b := range findAll(pickerRowOf(t, h, tp, name), func(b *widget.Button) bool { return b.Importance == widget.HighImportance }) {
		test.Tap(b)
	}
	h.settle()
}

// On the demo body, the team picker of a planned audit filters the
// register as the user types and by language, and "Suggest a team"
// proposes a team that covers the audit: saved, it passes the team gate
// (Confirm is offered with nothing to justify).
func TestTeamPickerOnTheDemo(t *testing.T) {
	h := fxHarness(t)
	if _, err := demo.Generate(h.ctx, h.st, demo.Options{Clients: 40, Seed: 42, AsOf: h.u.today()}); err != nil {
		t.Fatal(err)
	}
	var planned *certification.Audit
	var boss certification.Person
	err := h.st.View(h.ctx, func(tx certification.Tx) error {
		if err := certification.EachRecord(h.ctx, tx, certification.KindAudit, func(a *certification.Audit) {
			if planned == nil && a.Status == certification.AuditPlanned && len(a.IntegratedWith) == 0 {
				planned = a
			}
		}); err != nil {
			return err
		}
		return certification.EachRecord(h.ctx, tx, certification.KindPerson, func(p *certification.Person) {
			if boss.ID == 0 && p.Has(certification.RoleSchemeManager) && !p.Inactive {
				boss = *p
			}
		})
	})
	if err != nil || planned == nil || boss.ID == 0 {
		t.Fatalf("demo: planned audit %v, scheme manager %v, %v", planned, boss.Name, err)
	}
	h.u.setActor(boss)
	h.showSpace("Audit workspace")
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, planned.ID})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)
	tapAuditAction(t, h, aw, "Team…")
	te := partOnTop[*teamEditor](t, h, "team editor")
	tp := te.picker
	h.settle()
	total := len(tp.pool.Candidates)
	if total < 10 {
		t.Fatalf("the picker offers %d people", total)
	}

	// Typing filters as you type: every row shown holds the text.
	tp.available.SetChecked(false)
	first := strings.Fields(tp.pool.Candidates[0].Name)[0]
	test.Type(tp.search, strings.ToLower(first[:3]))
	if n := len(tp.shown); n == 0 || n >= total {
		t.Fatalf("typing %q shows %d of %d", first[:3], n, total)
	}
	for _, c := range tp.shown {
		if !strings.Contains(strings.ToLower(c.Name), strings.ToLower(first[:3])) {
			t.Errorf("%q shown for %q", c.Name, first[:3])
		}
	}
	rows := findAll[*pickerRow](tp, nil)
	if len(rows) == 0 || !strings.HasPrefix(rows[0].detail.Text, "would cover: ") && !strings.HasPrefix(rows[0].detail.Text, "not free: ") {
		t.Fatalf("rows drawn: %d, first %q", len(rows), rows[0].detail.Text)
	}
	tp.search.SetText("")
	// By language: only people who speak it.
	lang := tp.language.Options[len(tp.language.Options)-1]
	tp.language.SetSelected(lang)
	if len(tp.shown) == 0 || len(tp.shown) >= total {
		t.Fatalf("language %s shows %d of %d", lang, len(tp.shown), total)
	}
	for _, c := range tp.shown {
		if !strings.Contains(strings.ToLower(strings.Join(c.Languages, ",")), strings.ToLower(lang)) {
			t.Errorf("%s does not speak %s: %v", c.Name, lang, c.Languages)
		}
	}
	tp.language.SetSelected(anyLanguage)

	// Suggest a team: it covers the audit.
	test.Tap(tp.suggest)
	h.settle()
	if !strings.HasPrefix(tp.note.Text, "Suggested the smallest free team") {
		t.Fatalf("suggestion: %q", tp.note.Text)
	}
	if te.panel.check == nil || len(te.panel.check.Blocking()) != 0 {
		t.Fatalf("the suggested team has problems: %v", te.panel.texts())
	}
	h.capture("audit-team-picker")
	team := tp.Team()
	tapDialogButton(t, h, "Save team")
	a, _ := storedAudit(t, h, planned.ID)
	if len(a.Team) != len(team) || a.Lead() != team[0].PersonID {
		t.Fatalf("stored %+v, suggested %+v", a.Team, team)
	}
	tapAuditAction(t, h, aw, "Confirm")
	if cd := confirmShown(t, h); cd == nil || cd.state != gateClear {
		t.Fatalf("confirm with the suggested team: %+v", cd)
	}
}

// Planning a stage 2, the team starts as the stage 1 team; Suggest a
// team then replaces it with the domain's proposal, which the live check
// finds covers the audit.
func TestPlanStage2StartsFromStage1Team(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	p := openProgramme(t, h)
	p.planAudit(w.certs["Brightwave Health Ltd"])
	h.settle()
	f := p.form
	if len(f.picker.Team()) != 0 {
		t.Fatalf("a stage 1 plan starts with a team: %+v", f.picker.Team())
	}
	if !f.picker.suggest.Disabled() {
		t.Error("Suggest a team is offered before the dates")
	}
	f.kind.SetSelected("Stage 2")
	test.Type(f.start, "2027-01-11")
	test.Type(f.end, "2027-01-13")
	h.settle()
	team := f.picker.Team()
	if len(team) != 1 || team[0].PersonID != w.people["Priya Raman"] || team[0].Role != certification.TeamLead {
		t.Fatalf("stage 2 starts with %+v, want stage 1's Priya Raman as lead", team)
	}
	if !strings.Contains(f.picker.chosen.Text, "Priya Raman (lead auditor)") {
		t.Errorf("chosen %q", f.picker.chosen.Text)
	}
	// Taken off, she stays off: the stage 1 team is where it starts only.
	dropMember(t, h, f.picker, "Priya Raman")
	if len(f.picker.Team()) != 0 {
		t.Fatalf("team %+v after taking Priya off", f.picker.Team())
	}
	test.Tap(f.picker.suggest)
	h.settle()
	if f.team.check == nil || !f.team.check.Lead || len(f.team.check.Blocking()) != 0 {
		t.Fatalf("suggested %+v: %v (%s)", f.picker.Team(), f.team.texts(), f.picker.note.Text)
	}
}

// With 1,000 people the picker draws only the rows in view (a
// widget.List), and a keystroke filters the whole register.
func TestTeamPickerThousandPeople(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	reg := make([]certification.Person, 1000)
	for i := range reg {
		reg[i] = certification.Person{ID: certification.ID(i + 1), Name: fmt.Sprintf("Auditor %04d", i), Roles: []certification.Role{certification.RoleAuditor},
			Competence: &certification.PersonCompetence{Standards: []certification.Standard{certification.ISO42001}, Sectors: []int{1 + i%39}}}
	}
	file := &certification.File{Client: certification.Client{ID: 1, Sectors: []int{33}}, Certification: certification.Certification{Standard: certification.ISO42001}}
	a := certification.Audit{PlannedStart: dateText("2026-12-01"), PlannedEnd: dateText("2026-12-02")}
	tp := h.u.newTeamPicker(a, nil)
	d := dialog.NewCustomWithoutButtons("Team", tp, h.w)
	h.u.openDialog(d, 1000, 640)
	tp.pool = certification.BuildTeamPool(file, &a, reg, certification.TeamContext{})
	tp.refilter()
	if len(tp.shown) != 1000 {
		t.Fatalf("%d shown of 1,000", len(tp.shown))
	}
	if n := len(findAll[*pickerRow](tp, nil)); n == 0 || n > 40 {
		t.Errorf("%d rows drawn for 1,000 people: want only those in view", n)
	}
	start := time.Now()
	test.Type(tp.search, "0032")
	took := time.Since(start)
	if len(tp.shown) != 1 || tp.shown[0].Name != "Auditor 0032" || tp.shown[0].Covers() != "would cover: sectors 33" {
		t.Fatalf("after typing: %+v", tp.shown)
	}
	t.Logf("4 keystrokes over 1,000 people: %v", took)
}
