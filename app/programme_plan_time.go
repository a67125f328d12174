package app

// The plan form's audit time: the required time next to the planned
// auditor-days, and the written justification that planning below it
// needs (IAF MD 5; rule audit-time-minimum).

import (
	"context"
	"fmt"
	"strings"
	"sync/atomic"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/audittime"
	"certdesk/certification"
)

// planTime is the audit-time part of the plan form.
type planTime struct {
	// last is the required time of the plan last checked (off the UI
	// goroutine, hence atomic); nil before the first check.
	last  atomic.Pointer[requiredTime]
	label *widget.Label
	just  *entry
	row   *fyne.Container
}

// requiredTime is a required time or why it cannot be calculated.
type requiredTime struct {
	req certification.RequiredTime
	err error
}

// build makes the label shown next to the auditor-days and the
// justification row (hidden until needed).
func (t *planTime) build(f *planForm) (label fyne.CanvasObject, row *fyne.Container) {
	t.label = widget.NewLabel("")
	t.label.Importance = widget.LowImportance
	t.label.Wrapping = fyne.TextWrapWord
	t.just = f.u.newMultiLineEntry()
	t.just.SetMinRowsVisible(2)
	t.just.SetPlaceHolder("Why fewer auditor-days than the required audit time are planned (goes to the contract)")
	t.just.OnChanged = func(string) { f.changed() }
	t.row = formRow("Time justification", t.just)
	t.row.Hide()
	return t.label, t.row
}

// calculate works out the required time of plan a (with parts: as part
// of an integrated audit); the live check calls it off the UI goroutine.
func (t *planTime) calculate(ctx context.Context, svc *certification.Service, a certification.Audit, parts []certification.IntegratedPart) {
	if len(parts) > 0 {
		a.IntegratedWith = make([]certification.ID, len(parts))
	}
	req, err := svc.RequiredTimeOf(ctx, a)
	t.last.Store(&requiredTime{req, err})
}

// justification is the justification written, for the draft.
func (t *planTime) justification() string { return strings.TrimSpace(t.just.Text) }

// show draws the last required time next to planned days, shows the
// justification row while planned is below it (or a text is written),
// and returns what the plan check adds when it passes below the time.
func (t *planTime) show(f *planForm, planned float64) string {
	r := t.last.Load()
	below := false
	switch {
	case r == nil:
		t.label.SetText("")
	case r.err != nil:
		t.label.Importance = widget.WarningImportance
		t.label.SetText("The required audit time cannot be calculated: " + r.err.Error())
	case !r.req.HasMinimum:
		t.label.Importance = widget.LowImportance
		t.label.SetText("No table minimum for this kind of audit.")
	default:
		below = planned > 0 && planned < r.req.Days
		t.label.Importance = widget.LowImportance
		if below {
			t.label.Importance = widget.WarningImportance
		}
		text := fmt.Sprintf("Required: %s (IAF MD 5", audittime.AuditorDays(r.req.Days))
		if r.req.IntegrationReduction > 0 {
			text += fmt.Sprintf(", integrated −%s %%", numberText(r.req.IntegrationReduction))
		}
		t.label.SetText(text + ").")
	}
	t.label.Refresh()
	if show := below || t.justification() != ""; show != t.row.Visible() {
		t.row.Hidden = !show
		f.right.Refresh()
	}
	if below && t.justification() != "" {
		return fmt.Sprintf("Planned %s, below the required %s, with the written justification. ", audittime.AuditorDays(planned), numberText(r.req.Days))
	}
	return ""
}

// daysRow is the auditor-days entry with the required time beside it.
func daysRow(days *entry, label fyne.CanvasObject) fyne.CanvasObject {
	return container.NewGridWithColumns(2, days, label)
}
