package app

import (
	"context"
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

func (f *planForm) kindValue() certification.AuditKind {
	for _, k := range certification.AuditKinds {
		if k.Label() == f.kind.Selected {
			return k
		}
	}
	return ""
}

// showGap shows the gap justification for a stage 2 (or when written).
func (f *planForm) showGap() {
	if f.gapRow == nil || f.right == nil {
		return
	}
	show := f.kindValue() == certification.Stage2 || strings.TrimSpace(f.gap.Text) != ""
	if show != f.gapRow.Visible() {
		f.gapRow.Hidden = !show
		f.right.Refresh()
	}
}

// draft builds the audit the form describes; missing lists what is
// still to fill in before the rules can be checked.
func (f *planForm) draft() (a certification.Audit, missing []string) {
	a.CertificationID = f.certIDs[f.cert.Selected]
	if f.clientID == 0 {
		missing = append(missing, "the client")
	} else if a.CertificationID == 0 {
		missing = append(missing, "the certification")
	}
	if a.Kind = f.kindValue(); a.Kind == "" {
		missing = append(missing, "the kind of audit")
	}
	if f.start.Validator(f.start.Text) != nil || f.end.Validator(f.end.Text) != nil {
		missing = append(missing, "the planned dates (YYYY-MM-DD)")
	}
	a.PlannedStart, a.PlannedEnd = date(f.start), date(f.end)
	if f.days.Validator(f.days.Text) != nil {
		missing = append(missing, "the auditor-days")
	}
	a.PlannedDays = parseFloat(f.days.Text)
	for _, s := range f.sites.Selected {
		a.Sites = append(a.Sites, f.siteCode[s])
	}
	missing = f.sampleDraft(&a, missing)
	a.Team = f.picker.Team()
	if a.Kind == certification.Stage2 {
		a.GapJustification = strings.TrimSpace(f.gap.Text)
	}
	a.TimeJustification = f.time.justification()
	a.Notes = strings.TrimSpace(f.notes.Text)
	return a, missing
}

// plannedAudit is what the plan form reads: the audit and, for an
// integrated audit, the other standards' parts.
type plannedAudit struct {
	audit certification.Audit
	parts []certification.IntegratedPart
}

// stillToFill lists what the plan form still lacks before the rules can
// be checked.
type stillToFill []string

func (m stillToFill) Error() string { return sentence(joinList(m)) }

// planned reads the plan: what is still to fill in is its first problem.
func (f *planForm) planned() (plannedAudit, error) {
	a, missing := f.draft()
	missing = f.integ.sync(f, missing)
	if len(missing) > 0 {
		return plannedAudit{}, stillToFill(missing)
	}
	return plannedAudit{a, f.integ.parts()}, nil
}

// changed re-checks the form: the team at once, then the plan (what is
// missing at once, the rules after the debounce, off the UI goroutine).
func (f *planForm) changed() {
	if f.save == nil {
		return // still building
	}
	f.syncPicker()
	f.checkTeam()
	f.validate()
}

// showDraft shows what is still to fill in or the domain's answer on the
// plan.
func (f *planForm) showDraft(err error) {
	var missing stillToFill
	var re *certification.RuleError
	var ve *certification.ValidationError
	below := f.time.show(f, parseFloat(f.days.Text)) // programme_plan_time.go
	switch {
	case errors.As(err, &missing):
		f.setVerdict(theme.InfoIcon(), widget.MediumImportance, "Still to fill in", missing.Error())
	case err == nil:
		f.setVerdict(theme.ConfirmIcon(), widget.SuccessImportance, "The plan meets the planning rules",
			below+f.integ.okText("Plan audit adds it to the programme as planned; confirm it once the client agrees the dates."))
	case errors.As(err, &re):
		f.setVerdict(theme.ErrorIcon(), widget.DangerImportance, "Not allowed — rule "+re.Rule, sentence(re.Msg))
	case errors.As(err, &ve):
		f.setVerdict(theme.WarningIcon(), widget.WarningImportance, "Please check the input", sentence(ve.Error()))
	default:
		f.setVerdict(theme.ErrorIcon(), widget.DangerImportance, "Could not check the plan", sentence(err.Error()))
	}
}

func (f *planForm) setVerdict(icon fyne.Resource, imp widget.Importance, title, text string) {
	switch imp {
	case widget.DangerImportance:
		icon = theme.NewErrorThemedResource(icon)
	case widget.SuccessImportance:
		icon = theme.NewSuccessThemedResource(icon)
	case widget.WarningImportance:
		icon = theme.NewWarningThemedResource(icon)
	}
	f.verdictIcon.SetResource(icon)
	f.verdictTitle.Importance = imp
	f.verdictTitle.SetText(title)
	f.verdict.SetText(text)
	f.relayout()
}

// relayout lays the form out again after a part of it grew or shrank
// (the client matches shown or hidden, the justification rows, the
// verdict's lines): the columns otherwise keep the height they once
// needed and squeeze the team check below them to nothing.
func (f *planForm) relayout() {
	if f.body != nil {
		f.body.Layout.Layout(f.body.Objects, f.body.Size())
	}
}

// submit plans the audit; on success the programme shows its month.
func (f *planForm) submit() {
	p := f.p
	f.recordForm.submit(f.u, func(v plannedAudit) command {
		var id certification.ID
		a := v.audit
		return command{what: "plan the audit", run: func(ctx context.Context, svc *certification.Service) error {
			var err error
			id, err = planPlan(ctx, svc, a, v.parts)
			return err
		}, before: func() {
			f.d.Hide()
			p.focus = id
			p.year, p.month = a.PlannedStart.Year(), int(a.PlannedStart.Month())
			p.showTitle()
		}, failed: f.checkTeam}
	})
}
