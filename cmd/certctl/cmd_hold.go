package main

// Who holds an audit (docs/sync.md): audit hold and audit release, this
// desk's name, and the confirmation the checklist, finding and evidence
// verbs ask (--override-hold) before changing an audit another desk
// holds.

import (
	"fmt"
	"os"
	"path/filepath"

	"certdesk/certification"
)

// DeskEnv names the environment variable that stands for --desk.
const DeskEnv = "CERTDESK_DESK"

// deskName is this desk's name in a hold: --desk, else $CERTDESK_DESK,
// else the data folder's name. The folder must be open (e.dir).
func (e *env) deskName() string {
	if e.deskFlag != "" {
		return e.deskFlag
	}
	if d := os.Getenv(DeskEnv); d != "" {
		return d
	}
	return filepath.Base(e.dir)
}

type auditHoldCmd struct {
	auditID
}

func (auditHoldCmd) Help() string {
	return `Holds the audit on this desk for you (--as), a member of its team (the
lead auditor, normally), while it is in progress or its report drafted:
every desk then sees who holds it, and changing its checklist or findings
from another desk asks for confirmation (--override-hold in certctl). An
integrated audit is held as one visit. This desk's name is --desk, else
$CERTDESK_DESK, else the data folder's name. A hold ends when the audit
is closed or cancelled, or when it is released (certctl audit release).`
}

func (c *auditHoldCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := svc.HoldAudit(e.ctx, c.ID, e.deskName()); err != nil {
		return err
	}
	return e.holdDone(svc, c.ID, "Held")
}

type auditReleaseCmd struct {
	auditID
	Reason string `placeholder:"TEXT" help:"why (required of a scheme manager releasing someone else's hold; kept in the journal)"`
}

func (auditReleaseCmd) Help() string {
	return `Ends the audit's hold (and its integrated audit's): by the person who
holds it, from any desk, or by a scheme manager with --reason (the laptop
was lost, …), which the journal keeps with the change.`
}

func (c *auditReleaseCmd) Run(e *env) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	a, err := e.audit(svc, c.ID)
	if err != nil {
		return err
	}
	if err := svc.ReleaseAudit(e.ctx, c.ID, c.Reason); err != nil {
		return err
	}
	if a.Hold != nil && !e.json {
		e.printf("Released audit %d, held by %s.\n", c.ID, a.Hold)
		return nil
	}
	return e.holdDone(svc, c.ID, "Released")
}

// holdDone shows the audit's hold after a change.
func (e *env) holdDone(svc *certification.Service, id certification.ID, what string) error {
	a, err := e.audit(svc, id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit": a})
	}
	if a.Hold == nil {
		e.printf("%s audit %d: no desk holds it.\n", what, id)
		return nil
	}
	e.printf("%s audit %d: held by %s.\n", what, id, a.Hold)
	return nil
}

// audit reads one audit.
func (e *env) audit(svc *certification.Service, id certification.ID) (*certification.Audit, error) {
	var a certification.Audit
	err := svc.View(e.ctx, func(tx certification.Tx) error { return tx.Get(id, &a) })
	return &a, err
}

// overrideHold is the flag of the verbs that change an audit's checklist
// or findings: without it they refuse an audit another desk holds.
type overrideHold struct {
	OverrideHold bool `name:"override-hold" help:"change the audit even though another desk holds it"`
}

// check refuses audit id while another desk holds it, unless overridden:
// the confirmation a hold asks for (rule audit-held-by-another-desk).
func (o overrideHold) check(e *env, svc *certification.Service, id certification.ID) error {
	if o.OverrideHold {
		return nil
	}
	a, err := e.audit(svc, id)
	if err != nil {
		return err
	}
	h, ok := certification.HeldElsewhere(a, e.deskName())
	if !ok {
		return nil
	}
	return &certification.RuleError{Rule: certification.RuleHeldElsewhere, Msg: fmt.Sprintf(
		"audit %d is held by %s, not by this desk (%s): its checklist and findings are being recorded there. Give --override-hold to change it anyway, or have the hold released first: certctl audit release %d (by %s, or by a scheme manager with --reason)",
		id, h, e.deskName(), id, h.Name)}
}
