package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// Confirming an audit goes through the domain's team gate
// (certification.CheckTeamGate): the dialog runs the same team check
// first and shows what the team covers and lacks. A team with a blocking
// problem cannot be confirmed; where the only problems are competence
// gaps and the policy allows it, a written justification is asked for.
// "Team…" changes the team of a planned, confirmed or started audit with
// the check shown live.

// teamGateResult is what the confirm dialog needs from the domain.
type teamGateResult struct {
	check  certification.TeamCheck
	policy certification.Policy
}

// confirmAudit checks the team, then asks for confirmation.
func (w *auditWS) confirmAudit() {
	w.cl.flush()
	a := *w.audit
	query(w.u, "the team check", func(ctx context.Context, svc *certification.Service) (teamGateResult, error) {
		tc, err := svc.CheckAuditTeam(ctx, a)
		if err != nil {
			return teamGateResult{}, err
		}
		p, err := svc.Policy(ctx)
		return teamGateResult{tc, p}, err
	}, func(g teamGateResult) {
		if w.audit == nil || w.audit.ID != a.ID {
			return // another audit was opened meanwhile
		}
		w.showConfirm(&a, g)
	})
}

// gateState sorts a team check for the confirm dialog.
type gateState int

const (
	gateClear     gateState = iota // nothing blocks
	gateBlocked                    // a problem no justification covers
	gateStrict                     // only competence gaps, the policy allows no justification
	gateJustified                  // only competence gaps, a justification may cover them
)

func teamGate(g teamGateResult) gateState {
	blocking := g.check.Blocking()
	if len(blocking) == 0 {
		return gateClear
	}
	for _, p := range blocking {
		if !p.Justifiable {
			return gateBlocked
		}
	}
	if !g.policy.TeamGapJustification {
		return gateStrict
	}
	return gateJustified
}

// showConfirm is the confirm dialog for audit a with its team check.
func (w *auditWS) showConfirm(a *certification.Audit, g teamGateResult) {
	panel := newTeamPanel()
	panel.show(g.check, w.file, a.Team, w.people)
	what := fmt.Sprintf("the %s of %s on %s → %s", strings.ToLower(a.Kind.Label()), clientDisplayName(&w.file.Client), a.PlannedStart, a.PlannedEnd)
	intro := widget.NewLabel("")
	intro.Wrapping = fyne.TextWrapWord
	var why *entry
	state := teamGate(g)
	switch state {
	case gateClear:
		intro.SetText(fmt.Sprintf("Confirm %s?\n\nConfirm once the client has agreed the dates and the team is booked. The lead auditor is %s.", what, w.personName(a.Lead())))
	case gateBlocked:
		intro.SetText(fmt.Sprintf("%s cannot be confirmed with this team. Change the team (Team…) or the dates: an interest in the client, a double booking, an expiring qualification, an inactive member or a missing lead auditor cannot be justified.", capitalised(what)))
		intro.Importance = widget.DangerImportance
	case gateStrict:
		intro.SetText(fmt.Sprintf("%s cannot be confirmed: the team lacks competence the client needs. Add an auditor or technical expert who has it (Team…). The body's policy does not allow confirming with a justification instead (Settings → Policy).", capitalised(what)))
		intro.Importance = widget.DangerImportance
	case gateJustified:
		intro.SetText(fmt.Sprintf("The team lacks competence the client needs. The body's policy allows confirming %s with a written justification: say how the gap is covered (at least %d characters). It is kept with the audit and shown to the committee.", what, certification.MinTeamJustification))
		intro.Importance = widget.WarningImportance
		why = w.u.newMultiLineEntry()
		why.SetPlaceHolder("e.g. Sector 38 activities are limited to one office; the lead audited them for ISO 9001 in 2025 and the client's expert will be interviewed.")
		why.SetText(a.TeamJustification)
		why.SetMinRowsVisible(3)
		why.Validator = func(s string) error {
			if n := len([]rune(strings.TrimSpace(s))); n < certification.MinTeamJustification {
				return fmt.Errorf("write at least %d characters (%d so far)", certification.MinTeamJustification, n)
			}
			return nil
		}
	}
	var bottom fyne.CanvasObject
	if why != nil {
		bottom = container.NewVBox(widget.NewLabelWithStyle("Team justification", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), why)
	}
	scroll := container.NewVScroll(panel.content)
	scroll.SetMinSize(fyne.NewSize(0, 220))
	content := container.NewBorder(intro, bottom, nil, nil, scroll)

	d := dialog.NewCustomWithoutButtons("Confirm the audit", content, w.u.win)
	var buttons []fyne.CanvasObject
	closeText := "Not now"
	if state == gateBlocked || state == gateStrict {
		closeText = "Close"
	}
	buttons = append(buttons, widget.NewButtonWithIcon(closeText, theme.CancelIcon(), d.Hide))
	buttons = append(buttons, widget.NewButtonWithIcon("Team…", theme.AccountIcon(), func() {
		d.Hide()
		w.editTeam()
	}))
	if state == gateClear || state == gateJustified {
		ok := widget.NewButtonWithIcon("Confirm", theme.ConfirmIcon(), func() {
			ch := certification.AuditChange{Status: statusPtr(certification.AuditConfirmed)}
			if why != nil {
				if why.Validate() != nil {
					return
				}
				text := strings.TrimSpace(why.Text)
				ch.TeamJustification = &text
			}
			d.Hide()
			w.change("confirm the audit", ch)
		})
		ok.Importance = widget.HighImportance
		if why != nil {
			ok.Disable()
			why.OnChanged = func(s string) {
				setEnabled(ok, why.Validator(s) == nil)
			}
			why.OnChanged(why.Text)
		}
		buttons = append(buttons, ok)
	}
	d.SetButtons(buttons)
	w.u.openDialog(d, 700, 640)
	if why != nil {
		w.u.win.Canvas().Focus(why)
	}
}

// capitalised starts s with a capital letter.
func capitalised(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// teamEditor is the team dialog's body: the team picker (team_picker.go)
// beside the live team check.
type teamEditor struct {
	part
	picker *teamPicker
	panel  *teamPanel
	save   *widget.Button
	gen    int
}

// editTeam changes the team of the open audit, checking it as it is put
// together. A started audit keeps its members (the domain refuses their
// removal); members can be added.
func (w *auditWS) editTeam() {
	a := *w.audit
	te := &teamEditor{panel: newTeamPanel()}
	recheck := func(team []certification.TeamMember) {
		te.gen++
		g := te.gen
		draft := a
		draft.Team = team
		queryThen(w.u, func(ctx context.Context, svc *certification.Service) (certification.TeamCheck, error) {
			return svc.CheckAuditTeam(ctx, draft)
		}, func(tc certification.TeamCheck, err error) {
			if g != te.gen {
				return
			}
			if err != nil {
				te.panel.failed(err)
				return
			}
			te.panel.show(tc, w.file, draft.Team, w.people)
		})
	}
	te.picker = w.u.newTeamPicker(a, recheck)
	left := fyne.CanvasObject(te.picker)
	if a.Status == certification.AuditInProgress {
		note := widget.NewLabel("The audit has started: its members stay on the team (the decision maker's impartiality rests on it); members can be added.")
		note.Wrapping = fyne.TextWrapWord
		note.Importance = widget.LowImportance
		left = container.NewBorder(note, nil, nil, nil, te.picker)
	}
	split := container.NewHSplit(left, te.panel.content)
	split.SetOffset(0.6)
	d := dialog.NewCustomWithoutButtons(fmt.Sprintf("Team of the %s of %s", strings.ToLower(a.Kind.Label()), clientDisplayName(&w.file.Client)), te.as(te, split), w.u.win)
	te.save = widget.NewButtonWithIcon("Save team", theme.DocumentSaveIcon(), func() {
		t := te.picker.Team()
		if len(t) == 0 || t[0].Role != certification.TeamLead {
			w.u.showError("change the team", errors.New("choose the lead auditor (Lead on their row), or Suggest a team"))
			return
		}
		d.Hide()
		w.change("change the team", certification.AuditChange{Team: &t})
	})
	te.save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), d.Hide), te.save})
	w.u.openDialog(d, 1100, 680)
	te.picker.load()
	recheck(a.Team)
	w.u.win.Canvas().Focus(te.picker.search)
}
