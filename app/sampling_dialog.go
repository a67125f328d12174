package app

// Multi-site sampling (IAF MD 1) in the plan form: the "Draw sample…"
// button under the sites, the dialog that shows the draw (kind, n, the
// size with its formula, the sites chosen first and why, those drawn at
// random, the seed) and lets the planner draw again or type an earlier
// seed, and the read-only view of a recorded sample in the audit
// workspace.
//
// The draw itself is the domain's (certification.DrawSample over
// sampling.Draw): the same certification, kind and seed always give the
// same sites. Only the fresh seed comes from here.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/sampling"
	"certdesk/certification"
	"certdesk/certification/view"
)

// smNewSeed is a fresh seed for a draw, below 2⁵³ so that any JSON
// reader keeps it exact (as certctl sample does).
func smNewSeed() uint64 { return rand.Uint64N(1 << 53) }

// smParseSeed reads a typed seed.
func smParseSeed(s string) (uint64, error) {
	v, err := strconv.ParseUint(strings.TrimSpace(s), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("the seed is a whole number from 0 to %d", uint64(1<<64-1))
	}
	return v, nil
}

// smFormula is the sample size rule of a kind of sample.
func smFormula(k sampling.SampleKind) (rule, factor string) {
	switch k {
	case sampling.SampleSurveillance:
		return "⌈0.6·√n⌉", "0.6·"
	case sampling.SampleRecertification:
		return "⌈0.8·√n⌉", "0.8·"
	}
	return "⌈√n⌉", ""
}

// smKindText is the kind of sample as the plan form says it.
func smKindText(k sampling.SampleKind) string {
	switch k {
	case sampling.SampleInitial:
		return "initial audit (stage 1 and stage 2)"
	case sampling.SampleSurveillance:
		return "surveillance audit"
	case sampling.SampleRecertification:
		return "recertification audit"
	}
	return string(k)
}

// smSizeText is the size with its formula worked out.
func smSizeText(s *sampling.Sample) string {
	rule, factor := smFormula(s.Kind)
	return fmt.Sprintf("%s with n = %d:  ⌈%s√%d⌉ = %s, plus the central function %s (in every audit)",
		rule, s.Sites, factor, s.Sites, countText(s.Size, "site"), s.Central)
}

// smList is "S02, S05", or a dash.
func smList(codes []string) string {
	if len(codes) == 0 {
		return "—"
	}
	return strings.Join(codes, ", ")
}

// ---- the plan form's part ----

// planSampling is the plan form's sample: the button under the sites,
// the line that says what is in use, and the sample that saving records.
type planSampling struct {
	btn   *widget.Button
	clear *widget.Button
	note  *widget.Label
	row   *fyne.Container

	// used is the sample "Use this sample" took, for the certification
	// certID of the client view it was drawn on; a new client view
	// (another client chosen) drops it.
	used   *sampling.Sample
	certID certification.ID
	view   *view.ClientDetail
}

// withSampling puts the sampling row under the sites list.
func (f *planForm) withSampling(sites fyne.CanvasObject) fyne.CanvasObject {
	s := &f.smp
	s.btn = widget.NewButtonWithIcon("Draw sample…", theme.ViewRefreshIcon(), f.openSample)
	// Clear drops the sample (the ticks stay); icon only, to leave the
	// note room in the form's narrow column.
	s.clear = widget.NewButtonWithIcon("", theme.ContentClearIcon(), f.clearSample)
	s.clear.Importance = widget.LowImportance
	s.note = widget.NewLabel("")
	s.note.Truncation = fyne.TextTruncateEllipsis
	s.row = container.NewBorder(nil, nil, s.btn, s.clear, s.note)
	s.row.Hide()
	return container.NewBorder(nil, s.row, nil, nil, sites)
}

// sampleDraft puts the sample in use on the draft audit, and says in the
// sampling row what it is. A sample drawn for another certification or
// kind of sample is not put on the draft: the plan waits (missing) until
// it is drawn again or cleared, so that no audit records a sample its
// sites were not drawn by.
func (f *planForm) sampleDraft(a *certification.Audit, missing []string) []string {
	s := &f.smp
	if s.row == nil {
		return missing
	}
	if s.used != nil && s.view != f.view {
		s.used = nil // another client (or the client loaded again)
	}
	multi := f.view != nil && len(f.view.Client.Sites) > 1
	if multi != s.row.Visible() {
		s.row.Hidden = !multi
		if f.left != nil {
			f.left.Refresh()
		}
	}
	if !multi {
		return missing
	}
	kind, sampled := certification.SampleKindFor(a.Kind)
	n := len(f.view.Client.Sites)
	note, imp := "", widget.LowImportance
	switch {
	case s.used != nil && (s.certID != a.CertificationID || s.used.Kind != kind):
		note, imp = "Out of date: draw again", widget.WarningImportance
		missing = append(missing, "a new sample draw (the sample in use was drawn for another certification or kind of audit)")
	case s.used != nil:
		var off []string
		for _, v := range s.used.Visit {
			if !slices.Contains(a.Sites, v) {
				off = append(off, v)
			}
		}
		if len(off) > 0 {
			note, imp = fmt.Sprintf("%s drawn, not ticked", smList(off)), widget.WarningImportance
		} else {
			note, imp = fmt.Sprintf("Seed %d: %s + %d of %d", s.used.Seed, s.used.Central, s.used.Size, s.used.Sites), widget.SuccessImportance
		}
		c := *s.used
		a.Sample = &c
	case a.CertificationID == 0 || a.Kind == "":
		note = "Needs certification and kind"
	case !sampled:
		note = "Not sampled: tick the sites"
	default:
		note = fmt.Sprintf("%d sites + central function", n-1)
	}
	setEnabled(s.btn, a.CertificationID != 0 && sampled)
	if s.used != nil {
		s.clear.Show()
	} else {
		s.clear.Hide()
	}
	s.note.Importance = imp
	s.note.SetText(note)
	return missing
}

// clearSample drops the sample in use; the ticked sites stay.
func (f *planForm) clearSample() {
	f.smp.used = nil
	f.changed()
}

// openSample opens the draw for the form's certification and kind.
func (f *planForm) openSample() {
	file := f.file()
	kind := f.kindValue()
	if file == nil || kind == "" {
		return
	}
	seed := smNewSeed()
	if u := f.smp.used; u != nil && f.smp.certID == file.Certification.ID {
		if k, _ := certification.SampleKindFor(kind); k == u.Kind {
			seed = u.Seed // show the sample in use again
		}
	}
	showSampleDialog(f.u, file, kind, seed, func(s sampling.Sample) { f.useSample(file.Certification.ID, s) })
}

// useSample ticks exactly the sampled sites and keeps the sample.
func (f *planForm) useSample(certID certification.ID, s sampling.Sample) {
	var sel []string
	for _, o := range f.sites.Options {
		if slices.Contains(s.Visit, f.siteCode[o]) {
			sel = append(sel, o)
		}
	}
	f.sites.Selected = sel
	f.sites.Refresh()
	f.smp.used, f.smp.certID, f.smp.view = &s, certID, f.view
	f.changed()
}

// ---- the dialog ----

// smRow is one site in the dialog's table.
type smRow struct {
	site       certification.Site
	visited    bool
	why        string
	importance widget.Importance
}

// sampleDialog shows one draw and lets the planner draw again.
type sampleDialog struct {
	part
	u    *ui
	file *certification.File
	kind certification.AuditKind
	use  func(sampling.Sample)
	d    *dialog.CustomDialog

	sample *sampling.Sample // the draw shown; nil when it failed
	rows   []smRow

	heading         *widget.Label
	size, unvisited *widget.Label
	first, random   *widget.Label
	seed            *entry
	again           *widget.Button
	problem         *widget.Label
	table           *widget.Table
	reasons         *widget.Label
	recorded        *widget.Accordion
	useBtn          *widget.Button
}

func showSampleDialog(u *ui, file *certification.File, kind certification.AuditKind, seed uint64, use func(sampling.Sample)) {
	sd := &sampleDialog{u: u, file: file, kind: kind, use: use}
	sd.build()
	sd.seed.SetText(strconv.FormatUint(seed, 10)) // draws
	u.showDialog(sd.d)
	u.win.Canvas().Focus(sd.seed)
}

func (sd *sampleDialog) build() {
	u := sd.u
	f := sd.file
	sd.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	sd.heading.Truncation = fyne.TextTruncateEllipsis
	sd.heading.SetText(fmt.Sprintf("%s audit  ·  %s  ·  %s  ·  cycle %d", sd.kind.Label(), f.Certification.Standard, clientDisplayName(&f.Client),
		certification.PlanCycle(f, sd.kind)))
	value := func() *widget.Label {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	sd.size, sd.unvisited, sd.first, sd.random = value(), value(), value(), value()
	sd.seed = u.newEntry()
	sd.seed.Validator = func(s string) error { _, err := smParseSeed(s); return err }
	sd.seed.OnChanged = func(string) { sd.draw() }
	sd.again = widget.NewButtonWithIcon("Draw again", theme.ViewRefreshIcon(), func() {
		sd.seed.SetText(strconv.FormatUint(smNewSeed(), 10))
	})
	seedHelp := widget.NewLabel("Type the seed of an earlier draw to show it again.")
	seedHelp.Importance = widget.LowImportance
	seedHelp.Truncation = fyne.TextTruncateEllipsis
	seedBox := container.NewBorder(nil, nil, nil, container.NewHBox(sd.again), container.NewGridWithColumns(2, sd.seed, seedHelp))
	label := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	grid := container.New(layout.NewFormLayout(),
		label("Sample size"), sd.size,
		label("This cycle"), sd.unvisited,
		label("Chosen first"), sd.first,
		label("Drawn at random"), sd.random,
		label("Seed"), seedBox,
	)
	sd.problem = widget.NewLabel("")
	sd.problem.Importance = widget.DangerImportance
	sd.problem.Wrapping = fyne.TextWrapWord
	sd.problem.Hide()

	sd.table = newTable([]column[smRow]{
		{title: "Site", width: 70, text: func(r *smRow) string { return r.site.Code }},
		{title: "Name", width: 220, text: func(r *smRow) string { return r.site.Name }},
		{title: "Personnel", width: 90, text: func(r *smRow) string {
			if r.site.Personnel == 0 {
				return "—"
			}
			return strconv.Itoa(r.site.Personnel)
		}},
		{title: "This cycle", width: 110, text: func(r *smRow) string {
			if r.visited {
				return "visited"
			}
			return "not yet"
		}, importance: func(r *smRow) widget.Importance {
			if r.visited {
				return widget.LowImportance
			}
			return widget.MediumImportance
		}},
		{title: "In the sample", width: 400, text: func(r *smRow) string { return r.why },
			importance: func(r *smRow) widget.Importance { return r.importance }},
	}, func() []smRow { return sd.rows }, nil)

	sd.reasons = widget.NewLabel("")
	sd.reasons.Wrapping = fyne.TextWrapWord
	sd.reasons.Importance = widget.LowImportance
	sd.recorded = widget.NewAccordion(widget.NewAccordionItem("Reasons recorded with the audit", sd.reasons))

	top := container.NewVBox(sd.heading, grid, sd.problem, widget.NewSeparator())
	body := container.NewBorder(top, sd.recorded, nil, nil, sd.table)

	sd.useBtn = widget.NewButtonWithIcon("Use this sample", theme.ConfirmIcon(), func() {
		if sd.sample == nil {
			return
		}
		s := *sd.sample
		sd.d.Hide()
		sd.use(s)
	})
	sd.useBtn.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { sd.d.Hide() })
	sd.d = dialog.NewCustomWithoutButtons("Draw the sites to visit (IAF MD 1)", sd.as(sd, body), u.win)
	sd.d.SetButtons([]fyne.CanvasObject{cancel, sd.useBtn})
	sd.d.Resize(fyne.NewSize(1000, 700))
}

// draw shows the draw for the typed seed (a pure calculation on the
// loaded file, so it runs at once on the UI goroutine).
func (sd *sampleDialog) draw() {
	seed, err := smParseSeed(sd.seed.Text)
	if err != nil {
		sd.fail(sentence(err.Error()))
		return
	}
	s, sites, err := certification.DrawSample(sd.file, sd.kind, seed)
	if err != nil {
		_, text := errorText("draw the sample", err)
		sd.fail(text)
		return
	}
	sd.sample = &s
	sd.problem.Hide()
	sd.useBtn.Enable()

	unvisited := 0
	for _, x := range sites {
		if !x.Central && !x.VisitedInCycle {
			unvisited++
		}
	}
	sd.size.SetText(smSizeText(&s))
	sd.unvisited.SetText(fmt.Sprintf("%d of the %d sites not yet visited in cycle %d (the sites of this cycle's audits, planned or held, count as visited)",
		unvisited, s.Sites, certification.PlanCycle(sd.file, sd.kind)))
	if len(s.Preferred) > 0 {
		sd.first.SetText(smList(s.Preferred) + " — not yet visited in the cycle before visited, then the larger site, then code order")
	} else {
		sd.first.SetText("— (the sample is all drawn at random)")
	}
	if len(s.Random) > 0 {
		sd.random.SetText(fmt.Sprintf("%s — %s (at least a quarter of the sample) from the %d sites not chosen first",
			smList(s.Random), countText(len(s.Random), "site"), s.Sites-len(s.Preferred)))
	} else {
		sd.random.SetText("— (no sites besides the central function)")
	}
	sd.reasons.SetText(strings.Join(s.Reasons, "\n"))
	sd.rows = smRows(&sd.file.Client, sites, &s)
	sd.table.Refresh()
	sd.table.ScrollToTop()
}

// fail shows why there is no draw.
func (sd *sampleDialog) fail(text string) {
	sd.sample = nil
	sd.useBtn.Disable()
	sd.problem.SetText(text)
	sd.problem.Show()
	for _, l := range []*widget.Label{sd.size, sd.unvisited, sd.first, sd.random} {
		l.SetText("—")
	}
	sd.reasons.SetText("")
	sd.rows = nil
	sd.table.Refresh()
}

// smRows lists every site: the visit first (the central function, the
// sites chosen first in the order chosen, those drawn at random in the
// order drawn), then the others in code order.
func smRows(c *certification.Client, sites []sampling.SiteRef, s *sampling.Sample) []smRow {
	visited := map[string]bool{}
	for _, x := range sites {
		visited[x.Code] = x.VisitedInCycle
	}
	row := func(code string) smRow {
		site, ok := c.Site(code)
		if !ok {
			site = certification.Site{Code: code}
		}
		return smRow{site: site, visited: visited[code]}
	}
	var rows []smRow
	r := row(s.Central)
	r.why, r.importance = "Central function — visited in every audit", widget.HighImportance
	rows = append(rows, r)
	for i, code := range s.Preferred {
		r := row(code)
		why := "not yet visited"
		if r.visited {
			why = "every site not chosen yet was visited"
		}
		if r.site.Personnel > 0 {
			why += fmt.Sprintf(", %d personnel", r.site.Personnel)
		}
		r.why, r.importance = fmt.Sprintf("Chosen first (%d of %d) — %s", i+1, len(s.Preferred), why), widget.SuccessImportance
		rows = append(rows, r)
	}
	for i, code := range s.Random {
		r := row(code)
		r.why, r.importance = fmt.Sprintf("Drawn at random (%d of %d) — seed %d", i+1, len(s.Random), s.Seed), widget.SuccessImportance
		rows = append(rows, r)
	}
	var rest []smRow
	for _, x := range sites {
		if !slices.Contains(s.Visit, x.Code) {
			r := row(x.Code)
			r.why, r.importance = "—", widget.LowImportance
			rest = append(rest, r)
		}
	}
	slices.SortFunc(rest, func(a, b smRow) int { return sampling.CompareCodes(a.site.Code, b.site.Code) })
	return append(rows, rest...)
}

// ---- the audit workspace: a recorded sample ----

// recordedSample is the line under the audit header that shows a recorded
// sample, with a button for how it was drawn.
type recordedSample struct {
	label *widget.Label
	btn   *widget.Button
	row   *fyne.Container
}

// sampleLine builds the (hidden) sample line of the audit header.
func (w *auditWS) sampleLine() fyne.CanvasObject {
	s := &w.smp
	s.label = widget.NewLabel("")
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.btn = widget.NewButtonWithIcon("How drawn…", theme.InfoIcon(), w.showSampleDetails)
	s.btn.Importance = widget.LowImportance
	s.row = container.NewBorder(nil, nil, nil, s.btn, s.label)
	s.row.Hide()
	return s.row
}

// showSample shows the open audit's sample, if it has one.
func (w *auditWS) showSample() {
	s := &w.smp
	if s.row == nil {
		return
	}
	smp := w.audit.Sample
	if smp == nil {
		s.row.Hide()
		return
	}
	s.label.SetText(fmt.Sprintf("Sample (IAF MD 1, %s): %s + %d of %d sites — chosen first %s, at random %s · seed %d",
		smp.Kind, smp.Central, smp.Size, smp.Sites, smList(smp.Preferred), smList(smp.Random), smp.Seed))
	s.row.Show()
}

// showSampleDetails shows the recorded sample: the figures, the sites
// visited and the reasons as recorded.
func (w *auditWS) showSampleDetails() {
	if w.audit == nil || w.audit.Sample == nil {
		return
	}
	smp := w.audit.Sample
	label := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	value := func(s string) fyne.CanvasObject {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	var sites []string
	add := func(codes []string, why string) {
		for _, code := range codes {
			line := code
			if site, ok := w.file.Client.Site(code); ok && site.Name != "" {
				line += " · " + site.Name
			}
			sites = append(sites, line+" — "+why)
		}
	}
	add([]string{smp.Central}, "central function")
	add(smp.Preferred, "chosen first")
	add(smp.Random, "drawn at random")
	grid := container.New(layout.NewFormLayout(),
		label("Kind"), value(sentence(smKindText(smp.Kind))),
		label("Sample size"), value(smSizeText(smp)),
		label("Seed"), value(fmt.Sprintf("%d — with the same sites and visits, this seed draws the same sample again", smp.Seed)),
		label("Sites drawn"), value(strings.Join(sites, "\n")),
	)
	reasons := widget.NewLabel(strings.Join(smp.Reasons, "\n\n"))
	reasons.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(grid, widget.NewSeparator(), header("Reasons, as recorded"), reasons)
	d := dialog.NewCustom(fmt.Sprintf("Sample of audit %s", w.audit.ID), "Close", container.NewVScroll(body), w.u.win)
	w.u.openDialog(d, 780, 640)
}
