package app

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// smOpenPlanForm opens the Audit programme on smWorld's certification,
// which opens the plan form on it.
func smOpenPlanForm(t *testing.T) (*harness, certification.ID, *planForm) {
	t.Helper()
	h := newHarness(t, "2026-11-24")
	certID := smWorld(t, h)
	p := openProgramme(t, h)
	h.u.goTo("Audit programme", recordRef{certification.KindCertification, certID})
	h.settle()
	return h, certID, p.form
}

// smWorld is a multi-site client: a central function and ten branches,
// with a 42001 application, a lead auditor and a second, smaller client.
func smWorld(t *testing.T, h *harness) (certID certification.ID) {
	t.Helper()
	ctx := context.Background()
	svc := h.svc()
	must := func(_ certification.ID, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	comp := &certification.PersonCompetence{Standards: []certification.Standard{certification.ISO42001}, Sectors: []int{33},
		AIAreas: []certification.AIArea{certification.AIRisk, certification.AILifecycle}}
	must(svc.AddPerson(ctx, certification.Person{Name: "Ingrid Solberg", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor}, Competence: comp}))
	must(svc.AddPerson(ctx, certification.Person{Name: "Lea Martin", Roles: []certification.Role{certification.RoleAuditor}, Competence: comp}))
	sites := []certification.Site{{Code: "HQ", Name: "Head office Hamburg", Address: "Hafenstraße 1, Hamburg", Central: true, Personnel: 120}}
	branches := []struct {
		city      string
		personnel int
	}{{"Bremen", 35}, {"Hannover", 60}, {"Kiel", 18}, {"Lübeck", 22}, {"Rostock", 41}, {"Schwerin", 12}, {"Osnabrück", 27}, {"Oldenburg", 15}, {"Bielefeld", 52}, {"Münster", 30}}
	for i, b := range branches {
		sites = append(sites, certification.Site{Code: fmt.Sprintf("S%02d", i+1), Name: "Branch " + b.city, Address: "Markt 1, " + b.city, Personnel: b.personnel})
	}
	cid, err := svc.AddClient(ctx, certification.Client{LegalName: "Nordbank Digital AG", TradingName: "Nordbank", RegisteredAddress: "Hafenstraße 1, Hamburg",
		EffectivePersonnel: 432, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIUser, certification.AIProvider}, Sites: sites, Created: dateText("2026-01-12")})
	if err != nil {
		t.Fatal(err)
	}
	certID, err = svc.AddCertification(ctx, certification.Certification{ClientID: cid, Standard: certification.ISO42001,
		Scope: "AI-supported credit decisions and customer service in all branches", Applied: dateText("2026-09-01")})
	if err != nil {
		t.Fatal(err)
	}
	one, err := svc.AddClient(ctx, certification.Client{LegalName: "Einzel GmbH", RegisteredAddress: "Weg 2, Kiel", EffectivePersonnel: 20, Sectors: []int{33},
		Sites: []certification.Site{{Code: "HQ", Address: "Weg 2, Kiel", Central: true}}})
	if err != nil {
		t.Fatal(err)
	}
	must(svc.AddCertification(ctx, certification.Certification{ClientID: one, Standard: certification.ISO42001, Scope: "AI chat support", Applied: dateText("2026-10-01")}))
	return certID
}

// smCodes are the site codes ticked in the plan form.
func smCodes(f *planForm) []string {
	var out []string
	for _, l := range f.sites.Selected {
		out = append(out, f.siteCode[l])
	}
	slices.SortFunc(out, strings.Compare)
	return out
}

func TestPlanFormDrawsMultiSiteSample(t *testing.T) {
	h, certID, f := smOpenPlanForm(t)
	if f == nil || !f.isOpen() || f.kind.Selected != "Stage 1" {
		t.Fatalf("plan form not open on the certification (kind %q)", f.kind.Selected)
	}
	if f.smp.row.Hidden || f.smp.btn.Disabled() {
		t.Fatalf("Draw sample… hidden (%v) or disabled (%v) for a client with 11 sites", f.smp.row.Hidden, f.smp.btn.Disabled())
	}
	if got := smCodes(f); !slices.Equal(got, []string{"HQ"}) {
		t.Errorf("ticked %v before drawing, want the central function", got)
	}
	if f.smp.note.Text != "10 sites + central function" {
		t.Errorf("note before drawing %q", f.smp.note.Text)
	}
	h.capture("sample-plan-before")

	// Draw, then type the seed of an earlier draw.
	test.Tap(f.smp.btn)
	sd := sampleDialogShown(t, h)
	if sd == nil || sd.sample == nil {
		t.Fatal("the sample dialog did not draw")
	}
	sd.seed.SetText("")
	if sd.sample != nil || !sd.useBtn.Disabled() || sd.problem.Hidden {
		t.Error("an empty seed still shows a draw")
	}
	test.Type(sd.seed, "4711")
	s := sd.sample
	if s == nil || s.Seed != 4711 || s.Kind != "initial" || s.Sites != 10 || s.Size != 4 || s.Central != "HQ" || len(s.Random) != 1 {
		t.Fatalf("draw with seed 4711: %+v", s)
	}
	// The domain's draw on the same file: first the largest sites (all unvisited): S02 (60), S09 (52), S05 (41).
	file, err := h.svc().File(context.Background(), certID)
	if err != nil {
		t.Fatal(err)
	}
	want, _, err := certification.DrawSample(file, certification.Stage1, 4711)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.Visit, want.Visit) || !slices.Equal(s.Preferred, []string{"S02", "S09", "S05"}) {
		t.Fatalf("dialog drew %v (first %v), domain %v", s.Visit, s.Preferred, want.Visit)
	}
	// On the screen: the size with its formula, the reasons, every site with why.
	if !strings.Contains(sd.size.Text, "⌈√10⌉ = 4 sites") || !strings.Contains(sd.first.Text, "S02, S09, S05") ||
		!strings.HasPrefix(sd.random.Text, s.Random[0]) || !strings.Contains(sd.reasons.Text, "seed 4711") {
		t.Errorf("dialog shows size %q, first %q, random %q, reasons %q", sd.size.Text, sd.first.Text, sd.random.Text, sd.reasons.Text)
	}
	if len(sd.rows) != 11 || sd.rows[0].site.Code != "HQ" || sd.rows[1].site.Code != "S02" || !strings.HasPrefix(sd.rows[4].why, "Drawn at random") || sd.rows[5].why != "—" {
		t.Errorf("table rows %+v", sd.rows)
	}
	h.capture("sample-dialog")

	// Draw again shows another seed; typing 4711 shows the same sites again.
	test.Tap(sd.again)
	if sd.sample == nil || sd.sample.Seed == 4711 || sd.seed.Text == "4711" {
		t.Errorf("Draw again kept seed %s", sd.seed.Text)
	}
	sd.seed.SetText("")
	test.Type(sd.seed, "4711")
	if !slices.Equal(sd.sample.Visit, want.Visit) || !slices.Equal(sd.sample.Random, want.Random) {
		t.Errorf("seed 4711 again drew %v, first %v", sd.sample.Visit, want.Visit)
	}
	test.Tap(sd.useBtn)
	h.settle()
	if got, w := smCodes(f), slices.Sorted(slices.Values(want.Visit)); !slices.Equal(got, w) {
		t.Fatalf("ticked %v after using the sample, want exactly %v", got, w)
	}

	// Fill in the rest of the plan.
	fillPlan(t, h, f, "2027-01-18", "2027-01-19", "11", "Ingrid Solberg")
	pickMember(t, h, f.picker, "Lea Martin", "Auditor")
	if f.save.Disabled() {
		t.Fatalf("Save disabled with the sample in use: %q / %q", f.verdictTitle.Text, f.verdict.Text)
	}
	if !strings.Contains(f.smp.note.Text, "Seed 4711: HQ + 4 of 10") || f.smp.clear.Hidden {
		t.Errorf("sample note %q, clear hidden %v", f.smp.note.Text, f.smp.clear.Hidden)
	}
	h.capture("sample-plan-form")

	// Reopening the draw shows the sample in use.
	test.Tap(f.smp.btn)
	if sd2 := sampleDialogShown(t, h); sd2 == sd || sd2.seed.Text != "4711" || !slices.Equal(sd2.sample.Visit, want.Visit) {
		t.Errorf("reopened draw shows seed %q", sd2.seed.Text)
	}
	tapDialogButton(t, h, "Cancel")

	// Unticking a sampled site: the domain refuses the plan inline.
	dropped := want.Visit[2]
	var keep []string
	for _, l := range f.sites.Selected {
		if f.siteCode[l] != dropped {
			keep = append(keep, l)
		}
	}
	f.sites.SetSelected(keep)
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdict.Text, "site "+dropped+" was drawn in the sample (seed 4711)") {
		t.Errorf("unticked %s: save disabled %v, verdict %q / %q", dropped, f.save.Disabled(), f.verdictTitle.Text, f.verdict.Text)
	}
	if f.smp.note.Importance != widget.WarningImportance || !strings.Contains(f.smp.note.Text, dropped) {
		t.Errorf("note %q after unticking %s", f.smp.note.Text, dropped)
	}
	h.capture("sample-plan-unticked")

	// A kind with another sample: the plan waits for a new draw.
	f.kind.SetSelected("Special / short-notice")
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdict.Text, "new sample draw") || !f.smp.btn.Disabled() {
		t.Errorf("special audit with an initial sample: save disabled %v, verdict %q, button disabled %v", f.save.Disabled(), f.verdict.Text, f.smp.btn.Disabled())
	}
	f.kind.SetSelected("Stage 1")
	f.sites.SetSelected(append(keep, labelOf(f, dropped)))
	h.settle()
	if f.save.Disabled() {
		t.Fatalf("Save disabled after ticking %s again: %q / %q", dropped, f.verdictTitle.Text, f.verdict.Text)
	}
	test.Tap(f.save)
	h.settle()
	if f.isOpen() {
		t.Fatal("the plan form is still open after saving")
	}

	// In the store: the sites are the sample's, the sample is recorded.
	rows, err := view.AuditsBetween(context.Background(), h.svc(), dateText("2027-01-01"), dateText("2027-01-31"))
	if err != nil || len(rows) != 1 {
		t.Fatalf("audits in January: %d, %v", len(rows), err)
	}
	a, _, err := view.AuditFile(context.Background(), h.svc(), rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Sample == nil || a.Sample.Seed != 4711 || !slices.Equal(a.Sample.Visit, want.Visit) || !slices.Equal(a.Sample.Reasons, want.Reasons) {
		t.Fatalf("stored sample %+v, want %+v", a.Sample, want)
	}
	if got := slices.Sorted(slices.Values(a.Sites)); !slices.Equal(got, slices.Sorted(slices.Values(want.Visit))) {
		t.Errorf("stored sites %v, want %v", a.Sites, want.Visit)
	}

	// The audit workspace shows the recorded sample.
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, a.ID})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)
	if aw.smp.row.Hidden || !strings.Contains(aw.smp.label.Text, "seed 4711") || !strings.Contains(aw.smp.label.Text, "HQ + 4 of 10 sites") {
		t.Errorf("workspace sample line %q (hidden %v)", aw.smp.label.Text, aw.smp.row.Hidden)
	}
	h.capture("sample-workspace")
	test.Tap(aw.smp.btn)
	h.capture("sample-workspace-details")
	tapDialogButton(t, h, "Close")
}

func labelOf(f *planForm, code string) string {
	for l, c := range f.siteCode {
		if c == code {
			return l
		}
	}
	return ""
}

// TestPlanFormSampleOnlyForMultiSite: a client with one site has no
// sample to draw, and choosing another client drops a sample in use.
func TestPlanFormSampleOnlyForMultiSite(t *testing.T) {
	h, _, f := smOpenPlanForm(t)
	test.Tap(f.smp.btn)
	test.Tap(sampleDialogShown(t, h).useBtn)
	h.settle()
	if f.smp.used == nil || len(f.sites.Selected) != 5 {
		t.Fatalf("sample not used: %v, ticked %v", f.smp.used, f.sites.Selected)
	}
	test.Tap(f.smp.clear)
	h.settle()
	if f.smp.used != nil || len(f.sites.Selected) != 5 || !f.smp.clear.Hidden {
		t.Errorf("clear: sample %v, ticked %v", f.smp.used, f.sites.Selected)
	}
	test.Tap(f.smp.btn)
	test.Tap(sampleDialogShown(t, h).useBtn)
	h.settle()

	f.clientQ.SetText("")
	test.Type(f.clientQ, "einzel")
	h.settle()
	f.chooseClient(f.found[0].ID, f.found[0].Name(), 0)
	h.settle()
	if !f.smp.row.Hidden {
		t.Error("Draw sample… shown for a client with one site")
	}
	if f.smp.used != nil {
		t.Error("the sample of Nordbank is still in use after choosing Einzel GmbH")
	}
	a, _ := f.draft()
	if a.Sample != nil {
		t.Errorf("draft carries a sample: %+v", a.Sample)
	}
}

// sampleDialogShown is the sample dialog on top.
func sampleDialogShown(t *testing.T, h *harness) *sampleDialog {
	t.Helper()
	return partOnTop[*sampleDialog](t, h, "sample dialog")
}
