package app

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// sectorPicker chooses IAF sectors: a filter, the 39 codes with their
// titles as checks, and what is chosen (as the client form has it).
type sectorPicker struct {
	filter    *entry
	checks    map[int]*widget.Check
	box       *fyne.Container
	summary   *widget.Label
	onChanged func()
	content   fyne.CanvasObject
}

func newSectorPicker(u *ui, onChanged func()) *sectorPicker {
	sp := &sectorPicker{filter: u.newEntry(), checks: map[int]*widget.Check{}, box: container.NewVBox(), onChanged: onChanged}
	sp.filter.SetPlaceHolder("Filter sectors by code or title")
	sp.filter.OnChanged = func(string) { sp.applyFilter() }
	for _, s := range sectorList() {
		title := s.title
		if r := []rune(title); len(r) > 52 {
			title = strings.TrimSpace(string(r[:51])) + "…"
		}
		ch := widget.NewCheck(fmt.Sprintf("%2d  %s", s.code, title), func(bool) { sp.changed() })
		sp.checks[s.code] = ch
		sp.box.Add(ch)
	}
	sp.summary = widget.NewLabel("")
	sp.summary.Wrapping = fyne.TextWrapWord
	scroll := container.NewScroll(sp.box)
	scroll.SetMinSize(fyne.NewSize(0, 196))
	sp.content = container.NewBorder(sp.filter, sp.summary, nil, nil, scroll)
	sp.showSummary()
	return sp
}

func (sp *sectorPicker) applyFilter() {
	q := certification.Fold(sp.filter.Text)
	for _, s := range sectorList() {
		ch := sp.checks[s.code]
		if q == "" || strings.Contains(certification.Fold(s.title), q) || strconv.Itoa(s.code) == q {
			ch.Show()
		} else {
			ch.Hide()
		}
	}
	sp.box.Refresh()
}

// set ticks the given codes.
func (sp *sectorPicker) set(codes []int) {
	for _, c := range codes {
		if ch, ok := sp.checks[c]; ok {
			ch.Checked = true
			ch.Refresh()
		}
	}
	sp.showSummary()
}

func (sp *sectorPicker) chosen() []int {
	var out []int
	for _, s := range sectorList() {
		if sp.checks[s.code].Checked {
			out = append(out, s.code)
		}
	}
	return out
}

func (sp *sectorPicker) changed() {
	sp.showSummary()
	if sp.onChanged != nil {
		sp.onChanged()
	}
}

func (sp *sectorPicker) showSummary() {
	var names []string
	for _, s := range sp.chosen() {
		names = append(names, fmt.Sprintf("%d %s", s, sectorTitle(s)))
	}
	if len(names) == 0 {
		sp.summary.SetText("No sector chosen.")
		sp.summary.Importance = widget.LowImportance
	} else {
		sp.summary.SetText("Chosen: " + strings.Join(names, "; "))
		sp.summary.Importance = widget.MediumImportance
	}
	sp.summary.Refresh()
}
