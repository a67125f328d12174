package app

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The team builder of the plan form: as the lead, auditors and experts
// are chosen, the domain's team check (svc.CheckAuditTeam, debounced, off
// the UI goroutine) says what the team covers (the standard, a qualified
// lead, the client's sectors, for 42001 the AI competence areas) and
// lists each problem (an interest, a double booking, an expiring
// qualification, an inactive member, the rotation warning).
//
// Planning is allowed with problems (the team is often completed later);
// confirming goes through the domain's team gate (CheckTeamGate), which
// the audit workspace's Confirm dialog shows with this same panel.

// teamPanel shows the team check. All fields belong to the UI goroutine.
type teamPanel struct {
	part
	content  fyne.CanvasObject
	icon     *widget.Icon
	headline *widget.Label
	coverage *fyne.Container
	problems *fyne.Container
	note     *widget.Label
	members  *fyne.Container
	box      *fyne.Container

	// check is the last answer shown (nil: none yet), for tests.
	check *certification.TeamCheck
}

func newTeamPanel() *teamPanel {
	tp := &teamPanel{}
	tp.icon = widget.NewIcon(theme.InfoIcon())
	tp.headline = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	tp.headline.Wrapping = fyne.TextWrapWord
	tp.coverage = container.NewVBox() // one column: wrapped lines in a grid overlap when narrow
	tp.problems = container.NewVBox()
	tp.note = widget.NewLabel("")
	tp.note.Wrapping = fyne.TextWrapWord
	tp.note.Importance = widget.LowImportance
	tp.note.Hide()
	tp.members = container.NewVBox()
	tp.box = container.NewVBox(
		container.NewBorder(nil, nil, tp.icon, nil, tp.headline),
		tp.problems, tp.note, tp.coverage, tp.members)
	scroll := container.NewVScroll(tp.box)
	scroll.SetMinSize(fyne.NewSize(0, 120))
	title := header("Team check")
	tp.content = tp.as(tp, container.NewBorder(container.NewVBox(widget.NewSeparator(), title), nil, nil, nil, scroll))
	tp.idle("Choose the certification and the planned dates: the team is then checked as you assemble it.")
	return tp
}

// idle shows what the check still needs.
func (tp *teamPanel) idle(text string) {
	tp.check = nil
	tp.icon.SetResource(theme.InfoIcon())
	tp.headline.Importance = widget.LowImportance
	tp.headline.SetText(text)
	tp.coverage.Objects = nil
	tp.problems.Objects = nil
	tp.members.Objects = nil
	tp.note.Hide()
	tp.box.Refresh()
}

// failed shows that the check could not run.
func (tp *teamPanel) failed(err error) {
	tp.idle("")
	tp.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
	tp.headline.Importance = widget.DangerImportance
	_, text := errorText("check the team", err)
	tp.headline.SetText("Could not check the team: " + text)
}

// tpKindTitle names a kind of team problem.
func tpKindTitle(k certification.TeamProblemKind) string {
	switch k {
	case certification.TeamNoLead:
		return "Lead auditor"
	case certification.TeamStandard:
		return "Standard"
	case certification.TeamSector:
		return "Sector"
	case certification.TeamAI:
		return "AI competence"
	case certification.TeamInterest:
		return "Interest"
	case certification.TeamDoubleBooked:
		return "Double booking"
	case certification.TeamRotation:
		return "Rotation"
	case certification.TeamQualExpired:
		return "Expiring qualification"
	case certification.TeamInactiveMember:
		return "Inactive member"
	}
	return string(k)
}

// tpLine is an icon and a wrapped text.
func tpLine(ok bool, warn bool, text string) fyne.CanvasObject {
	var icon fyne.Resource = theme.NewSuccessThemedResource(theme.ConfirmIcon())
	imp := widget.MediumImportance
	switch {
	case !ok && warn:
		icon, imp = theme.NewWarningThemedResource(theme.WarningIcon()), widget.WarningImportance
	case !ok:
		icon, imp = theme.NewErrorThemedResource(theme.CancelIcon()), widget.DangerImportance
	}
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Importance = imp
	return container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(icon)), nil, l)
}

// show lays out a check of the team for file's certification.
func (tp *teamPanel) show(tc certification.TeamCheck, file *certification.File, team []certification.TeamMember, people map[certification.ID]certification.Person) {
	tp.check = &tc
	std := file.Certification.Standard
	cl := &file.Client

	// Coverage.
	var cov []fyne.CanvasObject
	if tc.Standard {
		cov = append(cov, tpLine(true, false, "Standard: the team is qualified for "+string(std)))
	} else {
		cov = append(cov, tpLine(false, false, "Standard: nobody on the team is qualified to audit "+string(std)))
	}
	if tc.Lead {
		name := "the lead"
		for _, m := range team {
			if p, ok := people[m.PersonID]; ok && m.Role == certification.TeamLead {
				name = p.Name
			}
		}
		cov = append(cov, tpLine(true, false, "Lead auditor: "+name+" is qualified as lead auditor for "+stdNumber(std)))
	} else {
		cov = append(cov, tpLine(false, false, "Lead auditor: no qualified lead auditor yet"))
	}
	if len(cl.Sectors) == 0 {
		cov = append(cov, tpLine(true, false, "IAF sectors: none recorded for the client"))
	} else {
		var have, miss []string
		for _, s := range cl.Sectors {
			t := strconv.Itoa(s) + " " + shorten(sectorTitle(s), 40)
			if slices.Contains(tc.Sectors, s) {
				have = append(have, t)
			} else {
				miss = append(miss, t)
			}
		}
		cov = append(cov, tpLine(len(miss) == 0, false, "IAF sectors: "+tpCoverText(have, miss)))
	}
	if std == certification.ISO42001 {
		var have, miss []string
		for _, a := range certification.RequiredAIAreas(cl) {
			if slices.Contains(tc.AIAreas, a) {
				have = append(have, a.ShortLabel())
			} else {
				miss = append(miss, a.ShortLabel())
			}
		}
		cov = append(cov, tpLine(len(miss) == 0, false, "AI competence (ISO/IEC 42006): "+tpCoverText(have, miss)))
	}
	tp.coverage.Objects = cov

	// Problems: blocking first, then warnings.
	probs := slices.Clone(tc.Problems)
	slices.SortStableFunc(probs, func(a, b certification.TeamProblem) int { return clBool(a.Warning, b.Warning) })
	tp.problems.Objects = nil
	blocking, warnings := 0, 0
	for _, p := range probs {
		if p.Warning {
			warnings++
		} else {
			blocking++
		}
		// Coverage gaps are shown above; the people's problems here.
		switch p.Kind {
		case certification.TeamStandard, certification.TeamSector, certification.TeamAI:
			if p.PersonID == 0 {
				continue
			}
		case certification.TeamNoLead:
			if p.PersonID == 0 {
				continue
			}
		}
		tp.problems.Add(tpLine(false, p.Warning, tpKindTitle(p.Kind)+": "+sentence(p.Msg)))
	}
	switch {
	case blocking == 0 && warnings == 0:
		tp.icon.SetResource(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
		tp.headline.Importance = widget.SuccessImportance
		tp.headline.SetText("The team is competent and impartial for this audit")
		tp.note.Hide()
	case blocking == 0:
		tp.icon.SetResource(theme.NewWarningThemedResource(theme.WarningIcon()))
		tp.headline.Importance = widget.WarningImportance
		tp.headline.SetText(countText(warnings, "warning") + " to consider; the team is otherwise competent and impartial")
		tp.note.SetText("A warning does not stand in the way of confirming the audit.")
		tp.note.Show()
	default:
		tp.icon.SetResource(theme.NewErrorThemedResource(theme.ErrorIcon()))
		tp.headline.Importance = widget.DangerImportance
		head := countText(blocking, "problem") + " must be resolved or justified before confirming"
		if warnings > 0 {
			head += ", and " + countText(warnings, "warning")
		}
		tp.headline.SetText(head)
		tp.note.SetText("The audit can be planned, but not confirmed until these are resolved. Only a sector or AI competence gap can instead be justified in writing, and only where the body's policy allows it.")
		tp.note.Show()
	}

	// Who is on the team, with their competence.
	tp.members.Objects = nil
	if len(team) > 0 {
		tp.members.Add(widget.NewSeparator())
	}
	for _, m := range team {
		name := "person #" + m.PersonID.String()
		comp := "not in the register"
		if p, ok := people[m.PersonID]; ok {
			name, comp = p.Name, competenceText(&p)
		}
		l := widget.NewLabel(fmt.Sprintf("%s (%s): %s", name, strings.ToLower(roleText(certification.Role(m.Role))), comp))
		l.Importance = widget.LowImportance
		l.SizeName = theme.SizeNameCaptionText
		l.Wrapping = fyne.TextWrapWord
		tp.members.Add(l)
	}
	tp.box.Refresh()
	tp.Refresh() // the wrapped lines take their new height
}

func tpCoverText(have, miss []string) string {
	var parts []string
	if len(have) > 0 {
		parts = append(parts, "covered "+strings.Join(have, ", "))
	}
	if len(miss) > 0 {
		parts = append(parts, "missing "+strings.Join(miss, ", "))
	}
	return strings.Join(parts, "; ")
}

// checkTeam asks the domain about the team the form describes, after the
// debounce and off the UI goroutine; an answer overtaken by a later
// change is dropped.
func (f *planForm) checkTeam() {
	if f.team == nil {
		return
	}
	g := f.teamGen.Add(1)
	a, _ := f.draft()
	file := f.file()
	datesOK := f.start.Validator(f.start.Text) == nil && f.end.Validator(f.end.Text) == nil
	switch {
	case file == nil:
		f.team.idle("Choose the client and the certification: the team is then checked as you assemble it.")
		return
	case !datesOK:
		f.team.idle("Give the planned dates: interests and double bookings depend on them.")
		return
	}
	people := f.people
	latestQuery(f.u, &f.teamGen, g, planCheckDelay, func(ctx context.Context, svc *certification.Service) (certification.TeamCheck, error) {
		return svc.CheckAuditTeam(ctx, a)
	}, func(tc certification.TeamCheck, err error) {
		if !f.isOpen() {
			return
		}
		if err != nil {
			f.team.failed(err)
			return
		}
		f.team.show(tc, file, a.Team, people)
	})
}
