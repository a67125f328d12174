package app

import (
	"context"
	"fmt"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Activities… in the audit workspace: the audit plan's activities, each
// on site or remote with the ICT it uses, and the risk assessment that
// allows the remote ones (IAF MD 4; certification/remote.go), saved
// whole by the journalled command set-audit-activities. The remote
// share against the body's limit is shown as the hours and modes change.

// activityRow is one activity's fields in the dialog.
type activityRow struct {
	name, site, date, hours, ict *entry
	remote                       *widget.Check
	box                          *fyne.Container
}

// activitiesForm is the dialog's content.
type activitiesForm struct {
	w          *auditWS
	audit      certification.Audit
	policy     certification.Policy
	rows       []*activityRow
	list       *fyne.Container
	assessment *entry
	share      *widget.Label
}

// editActivities opens the open audit's activities.
func (w *auditWS) editActivities() {
	if w.audit == nil {
		return
	}
	a := *w.audit
	query(w.u, "the policy", func(ctx context.Context, svc *certification.Service) (certification.Policy, error) {
		return svc.Policy(ctx)
	}, func(p certification.Policy) {
		if w.audit == nil || w.audit.ID != a.ID {
			return // another audit was opened meanwhile
		}
		w.showActivities(a, p)
	})
}

func (w *auditWS) showActivities(a certification.Audit, p certification.Policy) {
	f := &activitiesForm{w: w, audit: a, policy: p, list: container.NewVBox(), share: widget.NewLabel("")}
	f.share.Wrapping = fyne.TextWrapWord
	f.assessment = w.u.newMultiLineEntry()
	f.assessment.SetMinRowsVisible(3)
	f.assessment.SetText(a.RemoteAssessment)
	f.assessment.SetPlaceHolder("Why remote auditing is possible here: the ICT tested, the client's readiness, security and confidentiality")
	for _, act := range a.Activities {
		f.add(act)
	}
	f.showShare()
	intro := widget.NewLabel("The audit's activities, each on site or remote. A remote activity names the ICT it uses, and needs the risk assessment below.")
	intro.Wrapping = fyne.TextWrapWord
	addBtn := widget.NewButtonWithIcon("Add activity", theme.ContentAddIcon(), func() {
		f.add(certification.AuditActivity{Date: a.Start()})
		f.showShare()
	})
	head := func(t string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	header := container.NewVBox(head("Activity"), container.NewGridWithColumns(5, head("Site"), head("Day"), head("Hours"), head("Mode"), head("ICT used")))
	body := container.NewVBox(intro, header, widget.NewSeparator(), f.list, container.NewHBox(addBtn), widget.NewSeparator(),
		widget.NewLabelWithStyle("Risk assessment for remote auditing (IAF MD 4)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		f.assessment, f.share)
	d := dialog.NewCustomConfirm("Activities of audit "+a.ID.String(), "Save", "Cancel", container.NewVScroll(body), func(ok bool) {
		if ok {
			f.save()
		}
	}, w.u.win)
	d.Resize(fyne.NewSize(860, min(640, w.u.win.Canvas().Size().Height-40)))
	w.u.showDialog(d)
}

// add appends a row for act.
func (f *activitiesForm) add(act certification.AuditActivity) {
	u := f.w.u
	r := &activityRow{name: u.newEntry(), site: u.newEntry(), date: u.newDateEntry(false), hours: u.newEntry(), ict: u.newEntry()}
	r.name.SetPlaceHolder("What is audited, e.g. 8.2 AI risk assessment with the data team")
	r.name.SetText(act.Name)
	r.site.SetPlaceHolder("Site code")
	r.site.SetText(act.Site)
	if !act.Date.IsZero() {
		r.date.SetText(act.Date.String())
	}
	r.hours.SetPlaceHolder("Hours")
	r.hours.Validator = number(0.25, 24)
	if act.Hours > 0 {
		r.hours.SetText(numberText(act.Hours))
	}
	r.ict.SetPlaceHolder("ICT used (remote only)")
	r.ict.SetText(act.ICT)
	r.remote = widget.NewCheck("Remote", nil)
	r.remote.SetChecked(act.Remote) // before OnChanged: the row is not in the form yet
	if !act.Remote {
		r.ict.Disable()
	}
	r.remote.OnChanged = func(on bool) {
		if on {
			r.ict.Enable()
		} else {
			r.ict.SetText("")
			r.ict.Disable()
		}
		f.showShare()
	}
	r.hours.OnChanged = func(string) { f.showShare() }
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	r.box = container.NewVBox(
		container.NewBorder(nil, nil, nil, remove, r.name),
		container.NewGridWithColumns(5, r.site, r.date, r.hours, r.remote, r.ict),
		widget.NewSeparator())
	remove.OnTapped = func() {
		for i, o := range f.rows {
			if o == r {
				f.rows = append(f.rows[:i], f.rows[i+1:]...)
				break
			}
		}
		f.list.Remove(r.box)
		f.showShare()
	}
	f.rows = append(f.rows, r)
	f.list.Add(r.box)
}

// plan is what the form holds.
func (f *activitiesForm) plan() certification.ActivityPlan {
	p := certification.ActivityPlan{RemoteAssessment: f.assessment.Text}
	for _, r := range f.rows {
		p.Activities = append(p.Activities, certification.AuditActivity{Name: r.name.Text, Site: strings.TrimSpace(r.site.Text),
			Date: date(r.date), Hours: parseFloat(r.hours.Text), Remote: r.remote.Checked, ICT: r.ict.Text})
	}
	return p
}

// showShare says how much of the activities' time is remote, against
// the body's limit, as the domain counts it.
func (f *activitiesForm) showShare() {
	a := f.audit
	a.Activities = f.plan().Activities
	share := certification.RemoteShareOf(&a)
	text := fmt.Sprintf("Remote: %s of %s hours (%s %%)", numberText(share.Remote), numberText(share.Total), numberText(math.Round(share.Percent()*10)/10))
	switch over := certification.OverRemoteLimit(&a, f.policy); {
	case !certification.RemoteLimited(a.Kind):
		text += "; no limit for a stage 1."
	case over != "" && f.policy.RemoteOverLimitRefused:
		text += fmt.Sprintf(": above the body's limit of %d %%; the policy refuses such a plan.", f.policy.RemoteSharePercent)
	case over != "":
		text += fmt.Sprintf(": above the body's limit of %d %%; the plan and report will say so.", f.policy.RemoteSharePercent)
	default:
		text += fmt.Sprintf("; the body's limit is %d %%.", f.policy.RemoteSharePercent)
	}
	f.share.SetText(text)
}

// save sends the whole plan; the domain checks it.
func (f *activitiesForm) save() {
	id, plan := f.audit.ID, f.plan()
	f.w.u.do(command{what: "save the activities", run: func(ctx context.Context, svc *certification.Service) error {
		return svc.SetAuditActivities(ctx, id, plan)
	}, actor: true})
}
