package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// caseDetail is the Complaints workspace's lower pane: the selected
// case, the history of its steps, its deadlines, and a button for each
// step (only the next one enabled).
type caseDetail struct {
	c      *complaintsSpace
	people []certification.Person
	row    *view.CaseRow

	pane      *fyne.Container // stack: the empty note or the body
	emptyNote fyne.CanvasObject
	body      fyne.CanvasObject
	title     *widget.Label
	status    *widget.Label
	hint      *widget.Label
	steps     map[certification.CaseStatus]*widget.Button
	toClient  *widget.Button
	info      *infoPane
	history   *infoPane
}

func newCaseDetail(c *complaintsSpace) *caseDetail {
	d := &caseDetail{c: c, steps: map[certification.CaseStatus]*widget.Button{}}
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.status = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	d.hint = widget.NewLabel("")
	d.hint.Importance = widget.LowImportance
	d.hint.Truncation = fyne.TextTruncateEllipsis
	icons := map[certification.CaseStatus]fyne.Resource{
		certification.CaseAcknowledged: theme.MailReplyIcon(), certification.CaseInvestigated: theme.SearchIcon(),
		certification.CaseDecided: theme.ConfirmIcon(), certification.CaseClosed: theme.FolderIcon(),
	}
	var buttons []fyne.CanvasObject
	for _, s := range certification.CaseSteps {
		b := widget.NewButtonWithIcon(caseStatusText(s.Verb())+"…", icons[s], func() {
			if d.row != nil {
				showCaseStepForm(c.u, d.row, s, d.people)
			}
		})
		d.steps[s] = b
		buttons = append(buttons, b)
	}
	d.toClient = widget.NewButtonWithIcon("Open client", theme.AccountIcon(), func() {
		if d.row != nil {
			c.u.goTo("Clients", recordRef{certification.KindClient, d.row.ClientID})
		}
	})
	d.info = newInfoPane("From", "Received", "Client", "About", "Subject", "Deadlines")
	d.history = newInfoPane("Received", "Acknowledged", "Investigated", "Decided", "Closed")
	head := container.NewBorder(nil, nil, nil, d.status, d.title)
	actions := container.NewBorder(nil, nil, container.NewHBox(buttons...), d.toClient, d.hint)
	cols := container.NewGridWithColumns(2, section("Case", d.info.form), section("History", d.history.form))
	d.body = container.NewBorder(container.NewVBox(head, actions, widget.NewSeparator()), nil, nil, nil, container.NewVScroll(cols))
	note := widget.NewLabel("Select a complaint or an appeal to see its history and take its next step: acknowledge, investigate, decide, close.")
	note.Wrapping = fyne.TextWrapWord
	note.Alignment = fyne.TextAlignCenter
	note.Importance = widget.LowImportance
	d.emptyNote = container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 80), note))
	d.pane = container.NewStack(d.emptyNote)
	return d
}

// show fills the pane with row (nil: the note).
func (d *caseDetail) show(row *view.CaseRow) {
	d.row = row
	if row == nil {
		d.pane.Objects = []fyne.CanvasObject{d.emptyNote}
		d.pane.Refresh()
		return
	}
	d.title.SetText(fmt.Sprintf("%s %d · %s", row.Kind.Label(), row.ID, row.ClientName))
	status := caseStatusText(row.Status)
	d.status.Importance = widget.MediumImportance
	if row.Status == certification.CaseClosed {
		d.status.Importance = widget.SuccessImportance
	}
	if caseLate(row) {
		status += " · late"
		d.status.Importance = widget.DangerImportance
	}
	d.status.SetText(status)

	from := row.From.Name
	for _, s := range []string{row.From.Organisation, row.From.Contact} {
		if s != "" {
			from += ", " + s
		}
	}
	d.info.set("From", from)
	d.info.set("Received", row.Received.String())
	d.info.set("Client", row.ClientName)
	about := caseAbout(row)
	if row.SpecialAudit {
		about += " · calls for a special audit"
		if row.SpecialAuditID != 0 {
			about += fmt.Sprintf(" (audit %d)", row.SpecialAuditID)
		}
	}
	d.info.set("About", about)
	d.info.set("Subject", row.Subject)
	var dues string
	late := false
	for _, x := range row.Deadlines {
		state := strings.ToLower(x.State.Label())
		if x.State == certification.StateDone && x.Done > x.Due {
			state = "done late, on " + x.Done.String()
		}
		if x.State == certification.StateOverdue {
			state, late = "late", true
		}
		dues += fmt.Sprintf("%s by %s (%s)\n", x.Label(), x.Due, state)
	}
	imp := widget.MediumImportance
	if late {
		imp = widget.DangerImportance
	}
	d.info.setStyled("Deadlines", dues[:max(0, len(dues)-1)], imp)

	d.history.set("Received", row.Received.String()+" from "+row.From.Name)
	for _, s := range certification.CaseSteps {
		st := row.Step(s)
		if st == nil {
			d.history.setStyled(caseStatusText(s), "not yet", widget.LowImportance)
			continue
		}
		text := st.Date.String() + " by " + st.Name
		if st.Text != "" {
			text += ": " + st.Text
		}
		d.history.set(caseStatusText(s), text)
	}
	next := row.Status
	for _, s := range certification.CaseSteps {
		if row.Step(s) == nil {
			next = s
			break
		}
	}
	for s, b := range d.steps {
		setEnabled(b, row.Status != certification.CaseClosed && s == next)
	}
	d.hint.SetText(caseHint(row, next))
	d.pane.Objects = []fyne.CanvasObject{d.body}
	d.pane.Refresh()
}

// caseHint says what the case waits for.
func caseHint(row *view.CaseRow, next certification.CaseStatus) string {
	if row.Status == certification.CaseClosed {
		return "Closed: nothing more is recorded on it."
	}
	if next == certification.CaseClosed && row.SpecialAudit && row.SpecialAuditID == 0 {
		return "Plan the special audit, then close naming it."
	}
	if next == certification.CaseInvestigated || next == certification.CaseDecided {
		return "Next: " + next.Verb() + ", by someone not involved in what it is about."
	}
	return "Next: " + next.Verb() + "."
}
