package app

// The interviews of the checklist item in the detail pane: whom the team
// spoke to on the item, in what role, when, with short notes. They are
// part of the item's entry: added and removed here, saved with the item
// (Save, or leaving it), while the audit is open for checklist work.

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

type interviewsPane struct {
	c *checklistPane
	// ivs are the item's interviews as edited, base as saved.
	ivs, base []certification.Interview
	editable  bool

	box                     *fyne.Container
	rows                    *fyne.Container
	whom, role, on, ivNotes *entry
	add                     *widget.Button
	problem                 *widget.Label
	form                    *fyne.Container
}

func (p *interviewsPane) init(c *checklistPane) {
	p.c = c
	u := c.w.u
	p.rows = container.NewVBox()
	p.whom = u.newEntry()
	p.whom.SetPlaceHolder("Name")
	p.role = u.newEntry()
	p.role.SetPlaceHolder("Role or function at the client")
	p.on = u.newDateEntry(true)
	p.ivNotes = u.newEntry()
	p.ivNotes.SetPlaceHolder("Short notes (optional)")
	p.ivNotes.OnSubmitted = func(string) { p.addOne() }
	p.add = widget.NewButtonWithIcon("Add interview", theme.ContentAddIcon(), p.addOne)
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.DangerImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.problem.Hide()
	p.form = container.NewVBox(
		// The date gets a third of the row: beside the notes it was
		// squeezed to its least width and the date could not be read.
		container.NewGridWithColumns(3, p.whom, p.role, p.on),
		container.NewBorder(nil, nil, nil, p.add, p.ivNotes),
		p.problem)
	p.box = container.NewVBox(header("Interviews"), p.rows, p.form)
}

// load shows ivs, as saved for the item.
func (p *interviewsPane) load(ivs []certification.Interview) {
	p.base = slices.Clone(ivs)
	p.ivs = slices.Clone(ivs)
	p.problem.Hide()
	p.whom.SetText("")
	p.role.SetText("")
	p.ivNotes.SetText("")
	p.on.SetText("") // setEditable offers the item's audit's default
	p.showRows()
}

// current is the item's interviews as edited (nil for none).
func (p *interviewsPane) current() []certification.Interview {
	if len(p.ivs) == 0 {
		return nil
	}
	return slices.Clone(p.ivs)
}

func (p *interviewsPane) changed() bool { return !slices.Equal(p.ivs, p.base) }

// setEditable opens or closes the pane for changes; a fresh date is
// offered for the next interview.
func (p *interviewsPane) setEditable(on bool) {
	p.editable = on
	if on {
		if a := p.c.auditOf(p.c.aud); a != nil && strings.TrimSpace(p.on.Text) == "" {
			p.on.SetText(a.InterviewDefault(p.c.w.u.today()).String())
		}
		p.form.Show()
	} else {
		p.form.Hide()
	}
	p.showRows()
}

func (p *interviewsPane) showRows() {
	p.rows.RemoveAll()
	if len(p.ivs) == 0 {
		none := widget.NewLabel("No interview recorded on this item.")
		none.Importance = widget.LowImportance
		p.rows.Add(none)
	}
	for i, iv := range p.ivs {
		text := iv.String()
		if iv.Notes != "" {
			text += ": " + iv.Notes
		}
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		var right fyne.CanvasObject = layout.NewSpacer()
		if p.editable {
			rm := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { p.remove(i) })
			rm.Importance = widget.LowImportance
			right = rm
		}
		p.rows.Add(container.NewBorder(nil, nil, nil, right, l))
	}
	p.rows.Refresh()
	p.c.relayout()
}

// addOne adds the interview typed in the form, once the domain accepts
// it beside the others (a name, a date of the audit that has come).
func (p *interviewsPane) addOne() {
	if !p.editable {
		return
	}
	iv := certification.Interview{Whom: strings.TrimSpace(p.whom.Text), Role: strings.TrimSpace(p.role.Text),
		On: date(p.on), Notes: strings.TrimSpace(p.ivNotes.Text)}
	list := append(slices.Clone(p.ivs), iv)
	if err := certification.CheckInterviews(list, p.c.auditOf(p.c.aud), p.c.w.u.today()); err != nil {
		p.problem.SetText(err.Error())
		p.problem.Show()
		return
	}
	p.problem.Hide()
	p.ivs = list
	p.whom.SetText("")
	p.role.SetText("")
	p.ivNotes.SetText("")
	p.showRows()
	p.c.edited()
}

func (p *interviewsPane) remove(i int) {
	if !p.editable || i >= len(p.ivs) {
		return
	}
	p.ivs = slices.Delete(slices.Clone(p.ivs), i, i+1)
	p.showRows()
	p.c.edited()
}
