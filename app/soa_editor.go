package app

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
)

// The Statement of Applicability editor: every Annex A control of a
// certification's standard (grouped, with its title) is applicable or
// excluded, an exclusion with its justification. Save records it with
// svc.SetExclusions; every audit checklist of the certification then
// leaves the excluded controls out.

const (
	soaApplicable = "Applicable"
	soaExcluded   = "Excluded"
)

// soaExcludedText is the checklist's note on the exclusions.
func soaExcludedText(n int) string {
	if n == 1 {
		return "1 control excluded by the Statement of Applicability"
	}
	return fmt.Sprintf("%d controls excluded by the Statement of Applicability", n)
}

// soaEditor holds the open dialog (tests drive its rows).
type soaEditor struct {
	part
	u      *ui
	cert   certification.Certification
	dlg    dialog.Dialog
	rows   []*soaRow
	list   *fyne.Container
	scroll *container.Scroll

	summary *widget.Label
	problem *widget.Label
	save    *widget.Button
	saving  bool
}

// soaRow is one control of the editor.
type soaRow struct {
	item   catalogue.Item
	choice *widget.RadioGroup
	reason *entry
	title  *widget.Label
}

// Column widths of the editor's rows (0: the rest).
var soaWidths = []float32{80, 0, 230, 360}

// soaControls are the Annex A controls of a standard listed one by one
// (none for a standard without them at control level).
func soaControls(std certification.Standard) []catalogue.Item {
	cat, err := catalogue.For(string(std))
	if err != nil {
		return nil
	}
	return cat.Controls()
}

// showSoA opens the editor on a certification.
func showSoA(u *ui, clientName string, c certification.Certification) {
	e := &soaEditor{u: u, cert: c}
	e.list = container.NewVBox()
	group := ""
	for _, it := range soaControls(c.Standard) {
		if it.Group != group {
			group = it.Group
			h := header(group)
			e.list.Add(container.NewVBox(widget.NewSeparator(), h))
		}
		r := e.newRow(it)
		e.rows = append(e.rows, r)
		e.list.Add(container.New(&gridColumns{widths: soaWidths}, gridCell(it.Ref, widget.MediumImportance), r.title, r.choice, r.reason))
	}
	e.summary = widget.NewLabel("")
	e.summary.TextStyle.Bold = true
	hint := formHint("Clauses 4 to 10 always apply. An excluded control is left out of every audit checklist of this certification; give the reason the client's AI management system does not need it. Controls audited before an exclusion keep their results.")
	e.problem = widget.NewLabel("")
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Importance = widget.WarningImportance
	e.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), e.submit)
	e.save.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { e.dlg.Hide() })
	allApplicable := widget.NewButtonWithIcon("All applicable", theme.ContentUndoIcon(), func() {
		for _, r := range e.rows {
			r.choice.SetSelected(soaApplicable)
		}
	})
	allApplicable.Importance = widget.LowImportance

	head := container.NewVBox(
		formHint(clientName+" · "+string(c.Standard)+" · "+shorten(c.Scope, 90)),
		hint,
		container.NewBorder(nil, nil, nil, allApplicable, e.summary),
		valueGrid(soaWidths, []string{"Control", "Title", "", "Justification of an exclusion"}, nil),
	)
	e.scroll = container.NewVScroll(e.list)
	buttons := container.NewBorder(nil, nil, nil, container.NewHBox(cancel, e.save), e.problem)
	content := container.NewBorder(head, container.NewVBox(widget.NewSeparator(), buttons), nil, nil, e.scroll)
	e.dlg = dialog.NewCustomWithoutButtons("Statement of Applicability", e.as(e, content), u.win)
	e.validate()
	u.openDialog(e.dlg, 1080, 760)
}

func (e *soaEditor) newRow(it catalogue.Item) *soaRow {
	r := &soaRow{item: it, reason: e.u.newEntry()}
	r.title = gridCell(it.Title, widget.MediumImportance)
	r.reason.SetPlaceHolder("why it does not apply")
	r.reason.Validator = func(s string) error {
		if r.choice != nil && r.choice.Selected == soaExcluded && strings.TrimSpace(s) == "" {
			return errors.New("a justification is required")
		}
		return nil
	}
	r.reason.OnChanged = func(string) { e.validate() }
	r.choice = widget.NewRadioGroup([]string{soaApplicable, soaExcluded}, nil)
	r.choice.Horizontal = true
	r.choice.Required = true
	if ex, ok := e.cert.Excluded(it.Ref); ok {
		r.choice.SetSelected(soaExcluded)
		r.reason.SetText(ex.Justification)
	} else {
		r.choice.SetSelected(soaApplicable)
	}
	r.choice.OnChanged = func(string) {
		r.show()
		e.validate()
		if r.choice.Selected == soaExcluded {
			e.u.win.Canvas().Focus(r.reason)
		}
	}
	r.show()
	return r
}

// show enables the justification of an excluded control.
func (r *soaRow) show() {
	if r.choice.Selected == soaExcluded {
		r.reason.Show()
		r.title.Importance = widget.LowImportance
	} else {
		r.reason.Hide()
		r.title.Importance = widget.MediumImportance
	}
	r.title.Refresh()
	r.reason.Validate()
}

// exclusions reads the editor; an error names the first control
// excluded without a justification.
func (e *soaEditor) exclusions() ([]certification.Exclusion, error) {
	var out []certification.Exclusion
	for _, r := range e.rows {
		if r.choice.Selected != soaExcluded {
			continue
		}
		j := strings.TrimSpace(r.reason.Text)
		if j == "" {
			return out, fmt.Errorf("%s %s is excluded: give the justification, or make it applicable again.", r.item.Ref, r.item.Title)
		}
		out = append(out, certification.Exclusion{Control: r.item.Ref, Justification: j})
	}
	return out, nil
}

// changed reports whether the editor differs from the stored statement.
func (e *soaEditor) changed(ex []certification.Exclusion) bool {
	old := slices.Clone(e.cert.Exclusions)
	slices.SortFunc(old, func(a, b certification.Exclusion) int { return strings.Compare(a.Control, b.Control) })
	cur := slices.Clone(ex)
	slices.SortFunc(cur, func(a, b certification.Exclusion) int { return strings.Compare(a.Control, b.Control) })
	return !slices.Equal(old, cur)
}

func (e *soaEditor) validate() {
	if e.save == nil {
		return
	}
	n := 0
	for _, r := range e.rows {
		if r.choice.Selected == soaExcluded {
			n++
		}
	}
	e.summary.SetText(fmt.Sprintf("%d Annex A controls: %d applicable, %d excluded", len(e.rows), len(e.rows)-n, n))
	ex, err := e.exclusions()
	switch {
	case err != nil:
		e.problem.SetText(err.Error())
		e.save.Disable()
	case !e.changed(ex):
		e.problem.SetText("")
		e.save.Disable()
	default:
		e.problem.SetText("")
		if e.saving {
			e.save.Disable()
		} else {
			e.save.Enable()
		}
	}
}

// submit records the statement off the UI goroutine; a refusal keeps
// the dialog open.
func (e *soaEditor) submit() {
	ex, err := e.exclusions()
	if err != nil || e.saving {
		return
	}
	e.saving = true
	e.save.Disable()
	id := e.cert.ID
	e.u.do(command{what: "save the Statement of Applicability", run: func(ctx context.Context, svc *certification.Service) error {
		return svc.SetExclusions(ctx, id, ex)
	}, before: func() {
		e.saving = false
		e.dlg.Hide()
	}, failed: func() {
		e.saving = false
		e.validate()
	}})
}
