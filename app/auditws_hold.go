package app

// Who holds an audit (docs/sync.md): the workspace says which desk holds
// the open audit, offers "Hold on this desk" and "Release", and asks
// before a checklist result or a finding is recorded on an audit another
// desk holds (once per audit opened, until the hold changes). The hold
// is advisory: what the user confirms is recorded as any change is.

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// deskName is this desk's name in holds: Config.Desk (--desk,
// $CERTDESK_DESK), else the data folder's name.
func (u *ui) deskName() string {
	if u.desk != "" {
		return u.desk
	}
	if u.dataDir != "" {
		return filepath.Base(u.dataDir)
	}
	return "this-desk"
}

// holdState is what the workspace keeps about holds: the hold the user
// confirmed changing each audit under, and whether a question is open.
type holdState struct {
	line      *widget.Label
	confirmed map[certification.ID]certification.AuditHold
	asking    bool
}

func (w *auditWS) initHold() {
	w.hold.line = widget.NewLabel("")
	w.hold.line.Truncation = fyne.TextTruncateEllipsis
	w.hold.line.Hide()
	w.hold.confirmed = map[certification.ID]certification.AuditHold{}
}

// showHold says who holds the open audit.
func (w *auditWS) showHold() {
	h := w.audit.Hold
	if h == nil {
		w.hold.line.Hide()
		return
	}
	text := fmt.Sprintf("Held by %s on desk %s since %s", h.Name, h.Desk, h.Since)
	if _, elsewhere := certification.HeldElsewhere(w.audit, w.u.deskName()); elsewhere {
		text += " · checklist results and findings recorded here ask first"
		w.hold.line.Importance = widget.WarningImportance
	} else {
		text += " · this desk"
		w.hold.line.Importance = widget.SuccessImportance
	}
	w.hold.line.SetText(text)
	w.hold.line.Show()
}

// holdButtons are "Hold on this desk" or "Release", for an audit a desk
// may hold (in progress, or drafting its report).
func (w *auditWS) holdButtons() []fyne.CanvasObject {
	a := w.audit
	if a.Status != certification.AuditInProgress && a.Status != certification.AuditReportDrafted {
		return nil
	}
	if a.Hold == nil {
		return []fyne.CanvasObject{widget.NewButtonWithIcon("Hold on this desk", theme.LoginIcon(), w.holdHere)}
	}
	return []fyne.CanvasObject{widget.NewButtonWithIcon("Release", theme.LogoutIcon(), w.releaseHold)}
}

func (w *auditWS) holdHere() {
	id, desk := w.auditID, w.u.deskName()
	w.u.do(command{what: "hold the audit", run: func(ctx context.Context, svc *certification.Service) error {
		return svc.HoldAudit(ctx, id, desk)
	}, actor: true})
}

// releaseHold releases the open audit's hold: at once for its holder;
// anyone else (a scheme manager) gives the reason first.
func (w *auditWS) releaseHold() {
	id, h := w.auditID, w.audit.Hold
	release := func(reason string) {
		w.u.do(command{what: "release the audit", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.ReleaseAudit(ctx, id, reason)
		}, actor: true})
	}
	if h.PersonID == w.u.actor.PersonID {
		release("")
		return
	}
	reason := w.u.newMultiLineEntry()
	reason.SetMinRowsVisible(3)
	reason.Validator = required("the reason")
	w.form("Release the hold", "Release", []*widget.FormItem{
		{Text: "Held by", Widget: widget.NewLabel(h.String())},
		{Text: "Reason", Widget: reason, HintText: "A scheme manager releases someone else's hold giving why (the laptop was lost, …); the journal keeps it"},
	}, func() { release(strings.TrimSpace(reason.Text)) }, 320)
}

// holdConfirmed reports whether a may be changed from this desk without
// asking: no other desk holds it, or the user confirmed under this hold.
func (w *auditWS) holdConfirmed(a *certification.Audit) bool {
	h, elsewhere := certification.HeldElsewhere(a, w.u.deskName())
	if !elsewhere {
		return true
	}
	ok, seen := w.hold.confirmed[a.ID]
	return seen && ok == *h
}

// askHold asks whether to change audit a, held by another desk, anyway:
// yes remembers the answer for this hold and runs then (if not nil), no
// runs declined (if not nil).
func (w *auditWS) askHold(a *certification.Audit, what string, then, declined func()) {
	h, elsewhere := certification.HeldElsewhere(a, w.u.deskName())
	if !elsewhere || w.hold.asking {
		return
	}
	w.hold.asking = true
	msg := widget.NewLabel(fmt.Sprintf("Audit %s is held by %s on desk %s since %s: its checklist and findings are being recorded there.\n\n"+
		"Do you want to %s from this desk (%s) anyway? %s can release the hold, or a scheme manager if that desk is lost.",
		a.ID, h.Name, h.Desk, h.Since, what, w.u.deskName(), h.Name))
	msg.Wrapping = fyne.TextWrapWord
	held := *h
	d := dialog.NewCustomConfirm("Held on another desk", "Change anyway", "Cancel", msg, func(yes bool) {
		w.hold.asking = false
		if !yes {
			if declined != nil {
				declined()
			}
			return
		}
		w.hold.confirmed[a.ID] = held
		if then != nil {
			then()
		}
	}, w.u.win)
	w.u.openDialog(d, 600, 280)
}
