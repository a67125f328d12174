package main

import (
	"errors"
	"strings"

	"certdesk/certification"
)

// Complaints and appeals (ISO/IEC 17021-1 9.7, 9.8): certctl complaint …
// and certctl appeal … record a case and each step of its course
// (certification/complaint.go). The step verbs are the same for both.

// caseKind is the kind of case a verb group records.
type caseKind interface{ kind() certification.CaseKind }

type complaintKind struct{}
type appealKind struct{}

func (complaintKind) kind() certification.CaseKind { return certification.CaseComplaint }
func (appealKind) kind() certification.CaseKind    { return certification.CaseAppeal }

type complaintCmd struct {
	Add         complaintAddCmd                   `cmd:"" help:"record a complaint received about a client (its certification or an audit)"`
	Acknowledge caseAckCmd[complaintKind]         `cmd:"" help:"record that the complaint was acknowledged to whoever made it"`
	Investigate caseInvestigateCmd[complaintKind] `cmd:"" help:"record the investigation and its summary (by someone not on the audit's team)"`
	Decide      complaintDecideCmd                `cmd:"" help:"record the decision (by someone not on the audit's team); --special-audit if it calls for one"`
	Close       complaintCloseCmd                 `cmd:"" help:"close the complaint once the decision was communicated"`
	List        caseListCmd[complaintKind]        `cmd:"" help:"list complaints (with --open: open ones) and their deadlines"`
	Show        caseShowCmd[complaintKind]        `cmd:"" help:"show a complaint with each step"`
}

type appealCmd struct {
	Add         appealAddCmd                   `cmd:"" help:"record an appeal received against a certification decision"`
	Acknowledge caseAckCmd[appealKind]         `cmd:"" help:"record that the appeal was acknowledged to the appellant"`
	Investigate caseInvestigateCmd[appealKind] `cmd:"" help:"record the investigation and its summary (by someone not involved in the decision)"`
	Decide      caseDecideCmd[appealKind]      `cmd:"" help:"record the decision on the appeal (by someone not involved in the decision)"`
	Close       caseCloseCmd[appealKind]       `cmd:"" help:"close the appeal once the decision was communicated"`
	List        caseListCmd[appealKind]        `cmd:"" help:"list appeals (with --open: open ones) and their deadlines"`
	Show        caseShowCmd[appealKind]        `cmd:"" help:"show an appeal with each step"`
}

// caseFrom is who made a complaint or an appeal, and when it came.
type caseFrom struct {
	From         string             `required:"" placeholder:"NAME" help:"who made it: a person's name (or an organisation's)"`
	Organisation string             `placeholder:"TEXT" help:"their organisation"`
	Contact      string             `placeholder:"TEXT" help:"how to reach them (e-mail, phone, address)"`
	Subject      string             `required:"" placeholder:"TEXT" help:"what it is about"`
	Received     certification.Date `help:"the day it was received (default today)"`
}

func (f caseFrom) record(kind certification.CaseKind) certification.Case {
	return certification.Case{Kind: kind, Received: f.Received, Subject: strings.TrimSpace(f.Subject),
		From: certification.CaseParty{Name: strings.TrimSpace(f.From), Organisation: strings.TrimSpace(f.Organisation), Contact: strings.TrimSpace(f.Contact)}}
}

type complaintAddCmd struct {
	Client        certification.ID `help:"the client it is about (follows from --certification or --audit)"`
	Certification certification.ID `help:"the certification it is about"`
	Audit         certification.ID `help:"the audit it is about: nobody of its team may investigate or decide it"`
	caseFrom
}

func (c *complaintAddCmd) Run(e *env) error {
	r := c.record(certification.CaseComplaint)
	r.ClientID, r.CertificationID, r.AuditID = c.Client, c.Certification, c.Audit
	return e.receiveCase(r)
}

type appealAddCmd struct {
	Decision certification.ID `required:"" help:"the certification decision appealed against: its makers and auditors may not handle the appeal"`
	caseFrom
}

func (c *appealAddCmd) Run(e *env) error {
	r := c.record(certification.CaseAppeal)
	r.DecisionID = c.Decision
	return e.receiveCase(r)
}

func (e *env) receiveCase(r certification.Case) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	id, err := svc.ReceiveCase(e.ctx, r)
	if err != nil {
		return err
	}
	return e.caseDone(svc, id, "Received")
}

// caseStep is what every step verb takes.
type caseStep struct {
	ID   certification.ID   `arg:"" name:"case" placeholder:"ID" help:"the complaint's or appeal's id"`
	By   string             `placeholder:"PERSON" help:"who took the step (default: you, --as)"`
	Date certification.Date `help:"the day of the step (default today)"`
	Text string             `placeholder:"TEXT" help:"a note (the investigation's summary and the decision are required)"`
}

// run takes step s of case c.ID, of kind k, through do.
func (c *caseStep) run(e *env, k certification.CaseKind, do func(svc *certification.Service, st certification.CaseStep) error) error {
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	if err := e.caseOfKind(svc, c.ID, k); err != nil {
		return err
	}
	st := certification.CaseStep{Date: c.Date, Text: c.Text}
	if c.By != "" {
		p, err := e.person(c.By)
		if err != nil {
			return inputf("--by: %v", err)
		}
		st.PersonID = p.ID
	}
	if err := do(svc, st); err != nil {
		return err
	}
	return e.caseDone(svc, c.ID, "Updated")
}

// caseOfKind refuses case id when it is not of kind k: the other verb
// group records it.
func (e *env) caseOfKind(svc *certification.Service, id certification.ID, k certification.CaseKind) error {
	x, err := svc.Case(e.ctx, id)
	if errors.Is(err, certification.ErrNotFound) {
		return inputf("there is no %s %d: see 'certctl %s list'", k, id, k)
	} else if err != nil {
		return err
	}
	if x.Kind != k {
		return inputf("%d is %s %s, not %s %s: use 'certctl %s …'", id, article(x.Kind), x.Kind, article(k), k, x.Kind)
	}
	return nil
}

func article(k certification.CaseKind) string {
	if k == certification.CaseAppeal {
		return "an"
	}
	return "a"
}

type caseAckCmd[K caseKind] struct{ caseStep }

func (c *caseAckCmd[K]) Run(e *env) error {
	var k K
	return c.run(e, k.kind(), func(svc *certification.Service, st certification.CaseStep) error {
		return svc.AcknowledgeCase(e.ctx, c.ID, st)
	})
}

type caseInvestigateCmd[K caseKind] struct{ caseStep }

func (c *caseInvestigateCmd[K]) Run(e *env) error {
	var k K
	return c.run(e, k.kind(), func(svc *certification.Service, st certification.CaseStep) error {
		return svc.InvestigateCase(e.ctx, c.ID, st)
	})
}

type caseDecideCmd[K caseKind] struct{ caseStep }

func (c *caseDecideCmd[K]) Run(e *env) error {
	var k K
	return c.decide(e, k.kind(), false)
}

func (c *caseStep) decide(e *env, k certification.CaseKind, special bool) error {
	return c.run(e, k, func(svc *certification.Service, st certification.CaseStep) error {
		return svc.DecideCase(e.ctx, c.ID, st, special)
	})
}

type complaintDecideCmd struct {
	caseStep
	SpecialAudit bool `name:"special-audit" help:"the decision calls for a special audit of the certification"`
}

func (c *complaintDecideCmd) Run(e *env) error {
	return c.decide(e, certification.CaseComplaint, c.SpecialAudit)
}

type caseCloseCmd[K caseKind] struct{ caseStep }

func (c *caseCloseCmd[K]) Run(e *env) error {
	var k K
	return c.close(e, k.kind(), 0)
}

func (c *caseStep) close(e *env, k certification.CaseKind, special certification.ID) error {
	return c.run(e, k, func(svc *certification.Service, st certification.CaseStep) error {
		return svc.CloseCase(e.ctx, c.ID, st, special)
	})
}

type complaintCloseCmd struct {
	caseStep
	SpecialAudit certification.ID `name:"special-audit" placeholder:"AUDIT" help:"the special audit planned, when the decision called for one"`
}

func (c *complaintCloseCmd) Run(e *env) error {
	return c.close(e, certification.CaseComplaint, c.SpecialAudit)
}
