package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// showFile lays out the file the committee decides on.
func (d *decisionsSpace) showFile() {
	f := d.file
	if f == nil {
		return
	}
	c := &f.Certification
	d.title.SetText(fmt.Sprintf("%s — %s", f.Client.DisplayName(), c.Standard))
	sub := "Scope: " + c.Scope
	if d.item != nil {
		sub = fmt.Sprintf("%s · due %s · %s", d.item.Label, d.item.Due, sub)
	} else {
		sub = "Decision on the certification (not from the queue) · " + sub
	}
	d.subtitle.SetText(sub)
	if d.selectedKind() == certification.ExtendScope || d.selectedKind() == certification.ReduceScope {
		d.updateScopeField()
	}

	today := d.u.today()
	var objs []fyne.CanvasObject
	line := func(text string, imp widget.Importance, bold bool) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		l.TextStyle.Bold = bold
		objs = append(objs, l)
	}
	heading := func(text string) {
		objs = append(objs, header(text))
	}

	heading("Certificate")
	if cert, ok := f.Certificate(); ok {
		st := cert.StatusOn(today)
		line(fmt.Sprintf("%s revision %d — %s on %s", cert.Number, cert.Revision, st.Label(), today), certStatusImportance(st), true)
		line(fmt.Sprintf("Original certification %s · issued %s · expires %s · %d site(s)", cert.OriginalDate, cert.IssueDate, cert.Expiry, len(cert.Sites)), widget.MediumImportance, false)
	} else {
		line("No certificate issued yet (applied "+c.Applied.String()+").", widget.LowImportance, false)
	}
	for _, cy := range c.Cycles {
		kind := "renewal"
		if cy.Initial {
			kind = "initial certification"
		}
		line(fmt.Sprintf("Cycle %d: %s decided %s, runs %s to %s", cy.Number, kind, cy.Decided, cy.Start, cy.Expiry), widget.LowImportance, false)
	}

	d.showCycleCoverage(line, heading)

	if t := c.Transfer; t != nil { // client_transfer.go
		heading("Pre-transfer review (IAF MD 2)")
		line(transferText(t, func(id certification.ID) string {
			for _, p := range d.people {
				if p.ID == id {
					return p.Name
				}
			}
			return ""
		}), widget.MediumImportance, true)
		line("Reviewed: "+t.Documents, widget.MediumImportance, false)
		if !t.Visit.IsZero() {
			line("Pre-transfer visit on "+t.Visit.String(), widget.MediumImportance, false)
		}
		line("Conclusion: "+t.Conclusion, widget.MediumImportance, false)
	}
	heading("Audits and findings")
	if len(f.Audits) == 0 {
		line("No audit yet.", widget.LowImportance, false)
	}
	for i := len(f.Audits) - 1; i >= 0; i-- {
		d.showAudit(&f.Audits[i], line)
	}

	if len(f.Decisions) > 0 {
		heading("Earlier decisions")
		for i := len(f.Decisions) - 1; i >= 0; i-- {
			dec := &f.Decisions[i]
			var makers []string
			for _, id := range dec.Makers {
				makers = append(makers, d.personName(id))
			}
			line(fmt.Sprintf("%s · %s by %s", dec.Date, dec.Kind.Label(), strings.Join(makers, ", ")), widget.MediumImportance, true)
			line(dec.Reasons, widget.LowImportance, false)
		}
	}
	d.fileBox.Objects = objs
	d.fileBox.Refresh()
}

// showGates lists every gate as passed or blocking, blocking ones first
// with what blocks and the rule.
func (d *decisionsSpace) showGates() {
	var blockingRows, passedRows []fyne.CanvasObject
	for _, g := range d.gates {
		if g.Passed {
			icon := widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
			text := g.Title
			if g.Detail != "" {
				text += " — " + g.Detail
			}
			l := widget.NewLabel(text)
			l.Truncation = fyne.TextTruncateEllipsis
			passedRows = append(passedRows, container.NewBorder(nil, nil, icon, nil, l))
			continue
		}
		icon := widget.NewIcon(theme.NewErrorThemedResource(theme.CancelIcon()))
		title := widget.NewLabelWithStyle(g.Title+": blocking", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Importance = widget.DangerImportance
		body := widget.NewLabel(sentence(g.Detail) + "\nRule: " + g.Rule)
		body.Wrapping = fyne.TextWrapWord
		blockingRows = append(blockingRows, container.NewBorder(nil, nil, container.NewVBox(icon), nil, container.NewVBox(title, body)))
	}
	switch {
	case d.selectedKind() == "":
		d.gateSum.Importance = widget.LowImportance
		d.gateSum.SetText("Choose the decision to see its gates.")
	case len(d.gates) == 0:
		d.gateSum.Importance = widget.LowImportance
		d.gateSum.SetText("Checking the gates…")
	case len(blockingRows) == 0:
		d.gateSum.Importance = widget.SuccessImportance
		d.gateSum.SetText(fmt.Sprintf("All %d gates pass", len(d.gates)))
	default:
		d.gateSum.Importance = widget.DangerImportance
		d.gateSum.SetText(fmt.Sprintf("%d of %d gates block", len(blockingRows), len(d.gates)))
	}
	d.gatesBox.Objects = append(blockingRows, passedRows...)
	d.gatesBox.Refresh()
}
