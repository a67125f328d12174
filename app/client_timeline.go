package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Widths of the timeline's columns.
var timelineWidths = []float32{100, 100, 0, 130, 90}

// timeline lays out a certification's history (earlier cycles folded
// away) and what comes next.
func (p *clientPage) timeline(sec *clientCertSection) fyne.CanvasObject {
	certID := sec.id
	box := container.NewVBox()
	head := valueGrid(timelineWidths, []string{"Date", "", "What", "Status", ""}, nil)
	box.Add(head)
	if early := sec.tl.Earlier(); early > 0 {
		shown := p.history[certID]
		text := fmt.Sprintf("Show %d entries of earlier cycles", early)
		icon := theme.MenuExpandIcon()
		if shown {
			text, icon = "Hide earlier cycles", theme.MenuDropUpIcon()
		}
		sec.showEarly = widget.NewButtonWithIcon(text, icon, func() {
			p.history[certID] = !p.history[certID]
			if p.view != nil {
				p.show(p.view, p.asOf)
			}
		})
		sec.showEarly.Importance = widget.LowImportance
		box.Add(container.NewHBox(sec.showEarly))
	}
	for _, e := range sec.tl.Past {
		if e.Date < sec.tl.Cutoff && !p.history[certID] {
			continue
		}
		box.Add(p.eventRow(e))
	}
	today := header("Today, " + p.asOf.String())
	today.Importance = widget.HighImportance
	box.Add(container.NewBorder(nil, nil, nil, nil, container.NewVBox(widget.NewSeparator(), today)))
	if len(sec.tl.Next) == 0 {
		box.Add(lowLabel("Nothing planned and nothing falls due."))
	}
	for _, e := range sec.tl.Next {
		box.Add(p.eventRow(e))
	}
	return box
}

func (p *clientPage) eventRow(e view.TimelineEvent) fyne.CanvasObject {
	kind := gridCell(e.Kind.Label(), widget.MediumImportance)
	what := gridCell(e.Text, widget.MediumImportance)
	status := gridCell(e.Status, toneImportance(e.Tone))
	var action fyne.CanvasObject = layout.NewSpacer()
	if e.AuditID != 0 {
		id := e.AuditID
		b := widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), func() {
			p.c.u.goTo("Audit workspace", recordRef{certification.KindAudit, id})
		})
		b.Importance = widget.LowImportance
		action = b
	} else if d := e.Decision; d != nil {
		b := widget.NewButtonWithIcon("Record", theme.DownloadIcon(), func() { p.c.u.exportDecision(d, p.view.Client.DisplayName()) })
		b.Importance = widget.LowImportance
		action = b
	}
	return container.New(&gridColumns{widths: timelineWidths}, gridCell(e.Date.String(), widget.MediumImportance), kind, what, status, action)
}
