package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// ---- keyboard ----

// shortcutEntry is a text field with its own keyboard shortcuts (Ctrl+S saves
// the notes, Alt+1…6 sets the result…); Escape still closes dialogs.
type shortcutEntry struct {
	entry
	keys map[string]func()
}

func (u *ui) newShortcutEntry(multi bool) *shortcutEntry {
	e := &shortcutEntry{entry: entry{u: u}, keys: map[string]func(){}}
	if multi {
		e.MultiLine = true
		e.Wrapping = fyne.TextWrapWord
		e.SetMinRowsVisible(4)
	}
	e.ExtendBaseWidget(e)
	return e
}

// on binds a shortcut.
func (e *shortcutEntry) on(s fyne.Shortcut, f func()) { e.keys[s.ShortcutName()] = f }

func (e *shortcutEntry) TypedShortcut(s fyne.Shortcut) {
	if f, ok := e.keys[s.ShortcutName()]; ok {
		f()
		return
	}
	e.entry.TypedShortcut(s)
}

func ctrlKey(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
}

func altKey(k fyne.KeyName) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierAlt}
}

// choiceField is a select a form can require: it reports "choose one" until
// an option is chosen, so that the form's confirm button waits for it.
type choiceField struct {
	widget.Select
	onValidation func(error)
	then         func(string)
}

func newChoiceField(options []string, then func(string)) *choiceField {
	c := &choiceField{then: then}
	c.Options = options
	c.OnChanged = func(s string) {
		if c.onValidation != nil {
			c.onValidation(c.Validate())
		}
		if c.then != nil {
			c.then(s)
		}
	}
	c.ExtendBaseWidget(c)
	return c
}

func (c *choiceField) Validate() error {
	if c.Selected == "" {
		return errors.New("choose one")
	}
	return nil
}

func (c *choiceField) SetOnValidationChanged(f func(error)) { c.onValidation = f }

// resultPicker chooses a checklist result: six buttons in two rows,
// the chosen one coloured as the result is in the list.
type resultPicker struct {
	box       *fyne.Container
	buttons   []*widget.Button
	Selected  string
	OnChanged func(string)
	disabled  bool
}

func newResultPicker(changed func(string)) *resultPicker {
	p := &resultPicker{OnChanged: changed}
	var objs []fyne.CanvasObject
	for _, r := range certification.ChecklistResults {
		b := widget.NewButton(r.Label(), func() { p.SetSelected(r.Label()) })
		p.buttons = append(p.buttons, b)
		objs = append(objs, b)
	}
	p.box = container.NewGridWithColumns(3, objs...)
	p.Selected = certification.ResultNotAudited.Label()
	p.paint()
	return p
}

// SetSelected chooses a result by its label.
func (p *resultPicker) SetSelected(label string) {
	p.Selected = label
	p.paint()
	if p.OnChanged != nil {
		p.OnChanged(label)
	}
}

func (p *resultPicker) paint() {
	for i, r := range certification.ChecklistResults {
		b := p.buttons[i]
		imp := widget.MediumImportance
		if r.Label() == p.Selected {
			switch r {
			case certification.ResultConform:
				imp = widget.SuccessImportance
			case certification.ResultMinor:
				imp = widget.WarningImportance
			case certification.ResultMajor:
				imp = widget.DangerImportance
			default:
				imp = widget.HighImportance
			}
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
}

func (p *resultPicker) Disabled() bool { return p.disabled }

func (p *resultPicker) Enable() {
	p.disabled = false
	for _, b := range p.buttons {
		b.Enable()
	}
}

func (p *resultPicker) Disable() {
	p.disabled = true
	for _, b := range p.buttons {
		b.Disable()
	}
}

// ---- status steps ----

// change runs ChangeAudit on the open audit.
func (w *auditWS) change(what string, ch certification.AuditChange) {
	id := w.auditID
	w.u.do(command{what: what, run: func(ctx context.Context, svc *certification.Service) error {
		return svc.ChangeAudit(ctx, id, ch)
	}, actor: true})
}

func statusPtr(s certification.AuditStatus) *certification.AuditStatus { return &s }

func (w *auditWS) form(title, confirm string, items []*widget.FormItem, submit func(), height float32) dialog.Dialog {
	return w.u.formDialog(title, confirm, items, submit, fyne.NewSize(560, height))
}

func (w *auditWS) wideForm(title, confirm string, items []*widget.FormItem, submit func(), height float32) dialog.Dialog {
	return w.u.formDialog(title, confirm, items, submit, fyne.NewSize(720, height))
}

// startAudit records the actual start and opens the checklist.
func (w *auditWS) startAudit() {
	start := w.u.newDateEntry(true)
	start.SetText(w.audit.ActualStartDefault(w.u.today()).String())
	w.form("Start the audit", "Start audit", []*widget.FormItem{
		{Text: "Actual start", Widget: start, HintText: "The first day on site (or remote); not after today"},
	}, func() {
		d := date(start)
		w.change("start the audit", certification.AuditChange{ActualStart: &d, Status: statusPtr(certification.AuditInProgress)})
	}, 220)
	w.u.focusDate(start) // datedialog.go
}

// finishAudit records the actual end and time and the team's
// conclusion; the report is then drafted.
func (w *auditWS) finishAudit() {
	w.cl.flush()
	a := w.audit
	end := w.u.newDateEntry(true)
	end.SetText(a.ActualEndDefault(w.u.today()).String())
	days := w.u.newEntry()
	days.Validator = number(0.5, 1000)
	days.SetText(numText(a.PlannedDays))
	shortfall := w.u.newMultiLineEntry()
	shortfall.SetMinRowsVisible(2)
	shortfall.SetText(a.ShortfallReason)
	shortfall.SetPlaceHolder("Why the audit took fewer auditor-days than planned")
	items := []*widget.FormItem{
		{Text: "Actual last day", Widget: end},
		{Text: "Actual auditor-days", Widget: days, HintText: "Planned: " + numText(a.PlannedDays)},
		{Text: "Shortfall reason", Widget: shortfall, HintText: "Needed when the actual days fall short of the planned by more than the policy's tolerance"},
	}
	var outcome, rec *choiceField
	if a.Kind == certification.Stage1 {
		outcome = newChoiceField([]string{certification.Stage1Ready.Label(), certification.Stage1NotReady.Label()}, nil)
		outcome.PlaceHolder = "(ready for stage 2?)"
		items = append(items, &widget.FormItem{Text: "Stage 1 outcome", Widget: outcome, HintText: "Areas of concern go in the findings (OFI or observation)"})
	} else {
		// Only what fits the kind: a stage 2 grants or not, a
		// surveillance maintains, suspends or changes the scope.
		var opts []string
		for _, r := range certification.RecommendationsFor(a.Kind) {
			opts = append(opts, r.Label())
		}
		rec = newChoiceField(opts, nil)
		rec.PlaceHolder = "(the team's recommendation)"
		rec.SetSelected(w.suggestRecommendation().Label())
		items = append(items, &widget.FormItem{Text: "Recommendation", Widget: rec, HintText: "Suggested from the kind of audit and its open nonconformities"})
	}
	w.form("Finish the audit", "Report drafted", items, func() {
		ch := certification.AuditChange{Status: statusPtr(certification.AuditReportDrafted)}
		d, n := date(end), parseFloat(days.Text)
		ch.ActualEnd, ch.ActualDays = &d, &n
		if r := strings.TrimSpace(shortfall.Text); r != "" {
			ch.ShortfallReason = &r
		}
		if outcome != nil {
			o := certification.Stage1NotReady
			if outcome.Selected == certification.Stage1Ready.Label() {
				o = certification.Stage1Ready
			}
			ch.Stage1Outcome = &o
		}
		if rec != nil {
			for _, r := range certification.RecommendationsFor(a.Kind) {
				if r.Label() == rec.Selected {
					ch.Recommendation = &r
				}
			}
		}
		w.change("finish the audit", ch)
	}, 420)
	w.u.focusDate(end)
}

// suggestRecommendation: grant, renew or maintain by kind, unless a
// nonconformity of this audit is still open.
func (w *auditWS) suggestRecommendation() certification.Recommendation {
	for _, x := range w.findings {
		if x.Grade.IsNC() && x.Open() {
			return certification.RecommendNotYet
		}
	}
	switch w.audit.Kind {
	case certification.Stage2:
		return certification.RecommendGrant
	case certification.Recertification:
		return certification.RecommendRenew
	}
	return certification.RecommendMaintain
}

// closeReport records the report date and closes the audit.
func (w *auditWS) closeReport() {
	a := w.audit
	rd := w.u.newDateEntry(true)
	rd.SetText(max(a.ActualEnd, w.u.today()).String())
	w.form("Close the audit", "Close audit", []*widget.FormItem{
		{Text: "Report date", Widget: rd, HintText: "The date of the audit report sent to the client"},
	}, func() {
		d := date(rd)
		w.change("close the audit", certification.AuditChange{ReportDate: &d, Status: statusPtr(certification.AuditClosed)})
	}, 220)
	w.u.focusDate(rd)
}

// cancelAudit cancels with a reason, kept in the audit's notes.
func (w *auditWS) cancelAudit() {
	a := w.audit
	reason := w.u.newMultiLineEntry()
	reason.SetMinRowsVisible(3)
	reason.Validator = required("the reason")
	w.form("Cancel the audit", "Cancel audit", []*widget.FormItem{
		{Text: "Reason", Widget: reason, HintText: "Kept in the audit's notes"},
	}, func() {
		notes := strings.TrimSpace(a.Notes)
		if notes != "" {
			notes += "\n"
		}
		notes += fmt.Sprintf("Cancelled on %s by %s: %s", w.u.today(), w.u.actor.Name, strings.TrimSpace(reason.Text))
		w.change("cancel the audit", certification.AuditChange{Notes: &notes, Status: statusPtr(certification.AuditCancelled)})
	}, 280)
}

// ---- findings ----

// addFinding records a finding against the selected checklist item:
// reference and grade prefilled, raised by the user if on the team,
// else the lead.
func (w *auditWS) addFinding() { w.addFindingWith(nil) }

// findingAgain is a finding the body refused, to record again with the
// values it carried (office_review_redo.go): the add-finding form opens
// with them once its audit is loaded; after runs in the same command
// once it is recorded.
type findingAgain struct {
	x     certification.Finding
	after func(ctx context.Context) error
}

// addFindingWith is addFinding, its form pre-filled with again's values
// when again is not nil.
func (w *auditWS) addFindingWith(again *findingAgain) {
	if !w.editable() {
		return
	}
	if !w.holdConfirmed(w.audit) { // auditws_hold.go
		w.askHold(w.audit, "record a finding on it", func() { w.addFindingWith(again) }, nil)
		return
	}
	c := &w.cl
	c.flush()
	a := w.audit
	ref := w.u.newEntry()
	ref.SetText(c.ref)
	ref.Validator = func(s string) error {
		_, err := w.cat.CheckRef(s)
		return err
	}
	grades := make([]string, len(certification.Grades))
	for i, g := range certification.Grades {
		grades[i] = g.Label()
	}
	requirement := w.u.newShortcutEntry(true)
	requirement.SetMinRowsVisible(2)
	evidence := w.u.newShortcutEntry(true)
	evidence.SetMinRowsVisible(5)
	grade := newChoiceField(grades, func(string) {
		requirement.Validate()
		evidence.Validate()
	})
	gradeOf := func() certification.Grade {
		for _, g := range certification.Grades {
			if g.Label() == grade.Selected {
				return g
			}
		}
		return ""
	}
	needed := func(what string) fyne.StringValidator {
		return func(s string) error {
			if gradeOf().IsNC() && strings.TrimSpace(s) == "" {
				return errors.New("a nonconformity states " + what)
			}
			return nil
		}
	}
	if it, ok := w.cat.Lookup(c.ref); ok {
		requirement.SetPlaceHolder("What " + it.Ref + " (" + it.Title + ") requires that is not met")
	} else {
		requirement.SetPlaceHolder("The requirement not met")
	}
	requirement.Validator = needed("the requirement")
	evidence.SetPlaceHolder("What was seen: records, interviews, observations — specific and verifiable")
	evidence.Validator = needed("the objective evidence")
	// What the item's notes say was seen is offered as the evidence, to
	// be cut to the facts of this finding.
	evidenceHint := "Ctrl+Enter records the finding"
	if n := strings.TrimSpace(c.notes.Text); n != "" {
		evidence.SetText(n)
		evidenceHint = "From the checklist notes of " + c.ref + ": keep the facts of this finding · " + evidenceHint
	}
	switch resultOf(c.result.Selected) {
	case certification.ResultMajor:
		grade.SetSelected(certification.Major.Label())
	case certification.ResultOFI:
		grade.SetSelected(certification.OFI.Label())
	default:
		grade.SetSelected(certification.Minor.Label())
	}

	var names []string
	ids := map[string]certification.ID{}
	def := ""
	by, on := a.RaisedDefaults(w.u.actor.PersonID, w.u.today())
	for _, m := range a.Team {
		n := w.personName(m.PersonID)
		if m.Role == certification.TeamLead {
			n += " (lead)"
		}
		names = append(names, n)
		ids[n] = m.PersonID
		if m.PersonID == by {
			def = n
		}
	}
	raisedBy := newChoiceField(names, nil)
	if def != "" {
		raisedBy.SetSelected(def)
	}
	raised := w.u.newDateEntry(true)
	raised.SetText(on.String())
	title := "Add a finding"
	if again != nil {
		title = "Record the refused finding again"
		x := again.x
		ref.SetText(x.Reference)
		grade.SetSelected(x.Grade.Label())
		requirement.SetText(x.Requirement)
		evidence.SetText(x.Evidence)
		evidenceHint = "As it was recorded offline · Ctrl+Enter records the finding"
		for n, id := range ids {
			if id == x.RaisedBy {
				raisedBy.SetSelected(n)
			}
		}
		if x.Raised != 0 {
			raised.SetText(x.Raised.String())
		}
	}

	submit := func() {
		x := certification.Finding{
			AuditID: w.auditID, Grade: gradeOf(), Reference: ref.Text,
			Requirement: strings.TrimSpace(requirement.Text), Evidence: strings.TrimSpace(evidence.Text),
			RaisedBy: ids[raisedBy.Selected], Raised: date(raised),
		}
		newRef, _ := w.cat.CheckRef(ref.Text)
		w.u.do(command{what: "record the finding", run: func(ctx context.Context, svc *certification.Service) error {
			if _, err := svc.RecordFinding(ctx, x); err != nil || again == nil {
				return err
			}
			return again.after(ctx)
		}, before: func() {
			if newRef != "" {
				c.goToRef(newRef)
			}
		}})
	}
	refHint := ""
	if it, ok := w.cat.Lookup(c.ref); ok {
		refHint = it.Title
	}
	d := w.wideForm(title, "Record finding", []*widget.FormItem{
		{Text: "Clause or control", Widget: ref, HintText: refHint},
		{Text: "Grade", Widget: grade},
		{Text: "Requirement", Widget: requirement},
		{Text: "Objective evidence", Widget: evidence, HintText: evidenceHint},
		{Text: "Raised by", Widget: raisedBy},
		{Text: "Raised on", Widget: raised},
	}, submit, 560)
	fd, _ := d.(*dialog.FormDialog)
	if fd != nil {
		requirement.on(ctrlKey(fyne.KeyReturn), fd.Submit)
		evidence.on(ctrlKey(fyne.KeyReturn), fd.Submit)
	}
	w.u.win.Canvas().Focus(requirement)
}
