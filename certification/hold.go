package certification

import (
	"fmt"
	"strings"
)

// Who holds an audit (docs/sync.md, "Who holds an audit"). While a
// member of its team — the lead auditor, normally — works on an audit
// from one desk, that desk holds it: every other desk sees who holds it,
// and the screens and certctl ask for confirmation before they change
// its checklist or findings. A hold is advisory: the domain never
// refuses a change to a held audit (a lost laptop must never stop the
// body); it refuses only the moves of the hold itself, by the rules
// below. A hold ends by itself when the audit is closed or cancelled.
// An integrated audit is one visit by one team: its audits are held and
// released together.

// AuditHold says which desk holds an audit, for whom, and since when.
type AuditHold struct {
	// Desk is the holding desk's name: the name it was enrolled under,
	// or its data folder's (certctl --desk, $CERTDESK_DESK).
	Desk     string `json:"desk"`
	PersonID ID     `json:"person_id"`
	// Name is the person's name when the hold was taken.
	Name  string `json:"name"`
	Since Date   `json:"since"`
}

// The rules of holding (docs/rules.md).
const (
	// RuleHoldTeamMember: an audit is held by a member of its team.
	RuleHoldTeamMember = "audit-hold-needs-team-member"
	// RuleAlreadyHeld: an audit a desk holds is not held again (by that
	// desk or another) until it is released.
	RuleAlreadyHeld = "audit-already-held"
	// RuleReleaseHolder: a hold is released by its holder, or by a
	// scheme manager with a reason.
	RuleReleaseHolder = "audit-release-needs-holder-or-scheme-manager"
	// RuleHeldElsewhere names the confirmation a change to the checklist
	// or findings of an audit another desk holds asks for (certctl
	// refuses it without --override-hold). The domain never returns it.
	RuleHeldElsewhere = "audit-held-by-another-desk"
)

// maxDeskName bounds a desk's name in a hold.
const maxDeskName = 200

// String says who holds it: "Lena Lead on desk lena-laptop since 2025-03-10".
func (h *AuditHold) String() string {
	return fmt.Sprintf("%s on desk %s since %s", h.Name, h.Desk, h.Since)
}

// holdable reports whether audit a can be held: it is in progress or its
// report is being drafted.
func holdable(a *Audit) bool {
	return a.Status == AuditInProgress || a.Status == AuditReportDrafted
}

// HeldElsewhere returns the hold of audit a when a desk other than desk
// holds it: the screens and certctl then ask before they change its
// checklist or findings.
func HeldElsewhere(a *Audit, desk string) (*AuditHold, bool) {
	if a == nil || a.Hold == nil || a.Hold.Desk == desk {
		return nil, false
	}
	return a.Hold, true
}

// CheckHold says whether person who (0: nobody of the register) may hold
// audit a on desk.
func CheckHold(a *Audit, who ID, desk string) error {
	if err := checkDeskName(a, desk); err != nil {
		return err
	}
	if !holdable(a) {
		return refuse(RuleAuditNotOpen, "audit %d is %s: a desk holds an audit only while it is in progress or its report is drafted", a.ID, a.Status)
	}
	if who == 0 || !a.OnTeam(who) {
		return refuse(RuleHoldTeamMember, "only a member of audit %d's team holds it (normally its lead auditor): choose who you are from its team", a.ID)
	}
	if h := a.Hold; h != nil && h.Desk == desk {
		return refuse(RuleAlreadyHeld, "audit %d is already held by %s: nothing to do", a.ID, h)
	} else if h != nil {
		return refuse(RuleAlreadyHeld, "audit %d is held by %s: %s releases it first (or, if that desk is lost, a scheme manager, giving the reason)", a.ID, h, h.Name)
	}
	return nil
}

func checkDeskName(a *Audit, desk string) error {
	if strings.TrimSpace(desk) == "" || desk != strings.TrimSpace(desk) || len(desk) > maxDeskName {
		return invalid(recordName(a), "hold.desk", "name the desk that holds the audit (at most %d characters, no spaces around it)", maxDeskName)
	}
	return nil
}

// CheckRelease says whether person who (nil: nobody of the register) may
// release audit a's hold, giving reason: the holder may, a scheme
// manager with a reason.
func CheckRelease(a *Audit, who *Person, reason string) error {
	h := a.Hold
	if h == nil {
		return invalid(recordName(a), "hold", "audit %d is held by no desk: there is nothing to release", a.ID)
	}
	switch {
	case who != nil && who.ID == h.PersonID:
		return nil
	case who != nil && who.Has(RoleSchemeManager) && !who.Inactive:
		if strings.TrimSpace(reason) == "" {
			return refuse(RuleReleaseHolder, "audit %d is held by %s: a scheme manager releases someone else's hold giving the reason (the laptop was lost, …), which the journal keeps", a.ID, h)
		}
		return nil
	}
	return refuse(RuleReleaseHolder, "audit %d is held by %s: it is released by %s, or by a scheme manager giving the reason", a.ID, h, h.Name)
}

// endHold ends a's hold once it is closed or cancelled: nobody works on
// it any more. ChangeAudit calls it in the command that moves the status.
func endHold(a *Audit) {
	if !holdable(a) {
		a.Hold = nil
	}
}

// checkHoldRecord checks a's hold as a record's field.
func checkHoldRecord(a *Audit) error {
	h := a.Hold
	if h == nil {
		return nil
	}
	if err := checkDeskName(a, h.Desk); err != nil {
		return err
	}
	if h.PersonID == 0 {
		return invalid(recordName(a), "hold.person_id", "a hold names the member of the team who took it")
	}
	if !holdable(a) {
		return invalid(recordName(a), "hold", "a %s audit is held by no desk", a.Status)
	}
	return nil
}
