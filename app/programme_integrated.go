package app

// Integrated audits in the plan form: the "Integrated with" row lists the
// client's other open certifications (other standards); each ticked one
// is audited in the same visit — same kind, dates, sites and team — with
// its own auditor-days. The domain plans one audit per certification
// (certification.Service.PlanIntegratedAudit) and checks each by its own
// certification's rules: the form asks DraftIntegratedAudit, so a refusal
// of any part shows under the form before saving.

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// planIntegration is the plan form's "Integrated with" row.
type planIntegration struct {
	box  *fyne.Container // the parts, one row each
	info *widget.Label
	rows []*planPart
	// forView and forCert are what the rows were built for.
	forView *view.ClientDetail
	forCert certification.ID
}

// planPart is one certification that may join the visit.
type planPart struct {
	cert  certification.ID
	std   certification.Standard
	check *widget.Check
	days  *entry
}

// build makes the row's content.
func (g *planIntegration) build(f *planForm) fyne.CanvasObject {
	g.info = widget.NewLabel("(choose the client and certification first)")
	g.info.Importance = widget.LowImportance
	g.info.Wrapping = fyne.TextWrapWord
	g.box = container.NewVBox()
	return container.NewVBox(g.box, g.info)
}

// sync offers the chosen client's other open certifications (it rebuilds
// the rows when the client or certification changed, keeping what was
// ticked) and adds to missing what the ticked parts still need.
func (g *planIntegration) sync(f *planForm, missing []string) []string {
	if g.box == nil {
		return missing
	}
	cert := f.certIDs[f.cert.Selected]
	if f.view != g.forView || cert != g.forCert {
		g.rebuild(f, cert)
	}
	for _, r := range g.rows {
		if !r.check.Checked {
			continue
		}
		if r.days.Validator(r.days.Text) != nil {
			missing = append(missing, "the auditor-days of the "+r.std.Short()+" audit")
		}
	}
	return missing
}

func (g *planIntegration) rebuild(f *planForm, cert certification.ID) {
	old := map[certification.ID]*planPart{}
	for _, r := range g.rows {
		old[r.cert] = r
	}
	g.forView, g.forCert, g.rows = f.view, cert, nil
	var objs []fyne.CanvasObject
	var lead certification.Standard
	if f.view != nil && cert != 0 {
		for _, file := range f.view.Files {
			if file.Certification.ID == cert {
				lead = file.Certification.Standard
			}
		}
		for _, file := range f.view.Files {
			c := &file.Certification
			if c.ID == cert || !c.Closed.IsZero() || c.Standard == lead {
				continue
			}
			r := &planPart{cert: c.ID, std: c.Standard}
			r.days = f.u.newEntry()
			r.days.SetPlaceHolder("e.g. 2")
			r.days.Validator = number(0.5, 1000)
			r.days.OnChanged = func(string) { f.changed() }
			r.check = widget.NewCheck(string(c.Standard), func(on bool) {
				if on && strings.TrimSpace(r.days.Text) == "" {
					r.days.SetText(f.days.Text) // the visit's days as a start
				}
				f.changed()
			})
			if o := old[c.ID]; o != nil {
				r.check.Checked = o.check.Checked
				r.days.Text = o.days.Text
			}
			g.rows = append(g.rows, r)
			scope := widget.NewLabel(c.Scope)
			scope.Importance = widget.LowImportance
			scope.Truncation = fyne.TextTruncateEllipsis
			daysBox := container.NewHBox(container.NewGridWrap(fyne.NewSize(84, r.days.MinSize().Height), r.days), widget.NewLabel("days"))
			objs = append(objs, container.NewBorder(nil, nil, r.check, daysBox, scope))
		}
	}
	g.box.Objects = objs
	g.box.Refresh()
	switch {
	case f.view == nil || cert == 0:
		g.info.SetText("(choose the client and certification first)")
	case len(g.rows) == 0:
		g.info.SetText("The client holds no other open certification to audit in the same visit.")
	default:
		g.info.SetText("Ticked certifications are audited in the same visit: same kind, dates, sites and team, each with its own auditor-days, checklist controls and report; shared clauses are answered once.")
	}
	if f.right != nil {
		f.right.Refresh()
	}
}

// okText is the plan form's verdict when the plan passes: alone, as
// given; integrated, saying what will be planned.
func (g *planIntegration) okText(alone string) string {
	var stds []string
	for _, r := range g.rows {
		if r.check.Checked {
			stds = append(stds, string(r.std))
		}
	}
	if len(stds) == 0 {
		return alone
	}
	lead := ""
	if g.forView != nil {
		for _, file := range g.forView.Files {
			if file.Certification.ID == g.forCert {
				lead = string(file.Certification.Standard)
			}
		}
	}
	return fmt.Sprintf("Plan audit adds %d audits in one visit, %s, each planned by its own certification's rules.",
		len(stds)+1, joinList(append([]string{lead}, stds...)))
}

// parts are the ticked certifications with their auditor-days.
func (g *planIntegration) parts() []certification.IntegratedPart {
	var out []certification.IntegratedPart
	for _, r := range g.rows {
		if r.check.Checked {
			out = append(out, certification.IntegratedPart{CertificationID: r.cert, PlannedDays: parseFloat(r.days.Text)})
		}
	}
	return out
}

// draftPlan checks a plan as the domain would plan it: alone, or as an
// integrated audit with parts.
func draftPlan(ctx context.Context, svc *certification.Service, a certification.Audit, parts []certification.IntegratedPart) error {
	if len(parts) == 0 {
		return svc.DraftAudit(ctx, a)
	}
	return svc.DraftIntegratedAudit(ctx, a, parts)
}

// planPlan plans an audit alone, or with parts as an integrated audit;
// it returns the id of a's audit.
func planPlan(ctx context.Context, svc *certification.Service, a certification.Audit, parts []certification.IntegratedPart) (certification.ID, error) {
	if len(parts) == 0 {
		return svc.PlanAudit(ctx, a)
	}
	ids, err := svc.PlanIntegratedAudit(ctx, a, parts)
	if err != nil {
		return 0, err
	}
	if len(ids) == 0 {
		return 0, fmt.Errorf("no audit was planned")
	}
	return ids[0], nil
}
