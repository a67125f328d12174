package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// Checklist coverage on the client page: per open certification, how
// many of the Statement of Applicability's controls the audits of the
// cycle have covered (certification.CycleCoverage on the loaded file,
// no store access), the controls still unaudited, and the clauses a
// stage 2 or recertification audit left without a result.

// soaMaxInline is how many unaudited controls are listed without folding.
const soaMaxInline = 6

// soaSummary is a certification's Statement of Applicability in a line.
func soaSummary(c *certification.Certification, controls int) string {
	n := len(c.Exclusions)
	if n == 0 {
		return fmt.Sprintf("All %d Annex A controls applicable (no exclusion recorded)", controls)
	}
	var refs []string
	for _, e := range c.Exclusions {
		refs = append(refs, e.Control)
	}
	return fmt.Sprintf("%d of %d Annex A controls applicable; excluded: %s", controls-n, controls, strings.Join(refs, ", "))
}

// coverageBlock is the coverage of the certification's cycle (nil when
// there is nothing to say: a closed certification, or a standard without
// controls and no stage 2 or recertification carried out yet).
func (p *clientPage) coverageBlock(f *certification.File) fyne.CanvasObject {
	c := &f.Certification
	if !c.Closed.IsZero() {
		return nil
	}
	cycle := c.CycleNumber()
	cv, err := certification.CycleCoverage(f, cycle)
	if err != nil {
		return lowLabel("Coverage unavailable: " + err.Error())
	}
	box := container.NewVBox()
	if cv.Applicable > 0 {
		text := fmt.Sprintf("Annex A coverage in cycle %d: %d of %d applicable controls audited", cycle, cv.Audited, cv.Applicable)
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		if cv.Audited == cv.Applicable {
			l.Importance = widget.SuccessImportance
		}
		bar := widget.NewProgressBar()
		bar.Max = float64(cv.Applicable)
		bar.Value = float64(cv.Audited)
		bar.TextFormatter = func() string { return fmt.Sprintf("%d %%", cv.Audited*100/cv.Applicable) }
		box.Add(container.NewBorder(nil, nil, nil, container.New(layout.NewGridWrapLayout(fyne.NewSize(160, bar.MinSize().Height)), bar), l))
		if len(cv.Unaudited) > 0 {
			box.Add(p.unauditedList(f, cycle, cv.Unaudited))
		}
	}
	var gapIDs []certification.ID
	for id := range cv.ClauseGaps {
		gapIDs = append(gapIDs, id)
	}
	slices.Sort(gapIDs)
	for _, id := range gapIDs {
		refs := cv.ClauseGaps[id]
		what := "Audit " + id.String()
		if a, ok := f.Audit(id); ok {
			what = a.Kind.Label() + " of " + a.Start().String()
		}
		shown := refs
		more := ""
		if len(shown) > 12 {
			shown, more = shown[:12], fmt.Sprintf(" and %d more", len(refs)-12)
		}
		l := widget.NewLabel(fmt.Sprintf("%s has no result for %s: %s%s (every clause is required at stage 2 and recertification)",
			what, countText(len(refs), "clause"), strings.Join(shown, ", "), more))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		box.Add(l)
	}
	if len(gapIDs) == 0 {
		done := 0
		for _, a := range f.AuditsIn(cycle, certification.Stage2, certification.Recertification) {
			if a.Done() {
				done++
			}
		}
		if done > 0 {
			l := widget.NewLabel(fmt.Sprintf("Clauses 4 to 10: every clause has a result in the stage 2 or recertification audit of cycle %d", cycle))
			l.Wrapping = fyne.TextWrapWord
			l.Importance = widget.SuccessImportance
			box.Add(l)
		}
	}
	if len(box.Objects) == 0 {
		return nil
	}
	return box
}

// unauditedList lists the controls no audit of the cycle has covered,
// folded away when there are more than a few.
func (p *clientPage) unauditedList(f *certification.File, cycle int, refs []string) fyne.CanvasObject {
	cat, _ := catalogue.For(string(f.Certification.Standard))
	title := func(ref string) string {
		if cat != nil {
			if it, ok := cat.Lookup(ref); ok {
				return it.Title
			}
		}
		return ""
	}
	if len(refs) <= soaMaxInline {
		var parts []string
		for _, r := range refs {
			parts = append(parts, r+" "+title(r))
		}
		l := widget.NewLabel("Not yet audited: " + strings.Join(parts, "; "))
		l.Wrapping = fyne.TextWrapWord
		return l
	}
	var cells []fyne.CanvasObject
	for _, r := range refs {
		cells = append(cells, gridCell(r+"  "+title(r), widget.MediumImportance))
	}
	item := widget.NewAccordionItem(fmt.Sprintf("Not yet audited in cycle %d: %d controls", cycle, len(refs)), container.NewGridWithColumns(2, cells...))
	acc := widget.NewAccordion(item)
	return acc
}
