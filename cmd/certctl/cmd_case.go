package main

import (
	"fmt"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
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
	if err != nil {
		return inputf("%v: see 'certctl %s list'", err, k)
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

// caseDone shows case id after a change.
func (e *env) caseDone(svc *certification.Service, id certification.ID, what string) error {
	row, err := view.Case(e.ctx, svc, id, e.todayDate())
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"case": row})
	}
	e.printf("%s %s %d (%s): %s", what, row.Kind, row.ID, row.ClientName, row.Status)
	if st := row.Step(row.Status); st != nil {
		e.printf(" on %s by %s", st.Date, st.Name)
	}
	if next := nextDue(row); next != nil {
		e.printf("; %s by %s (%s)", strings.ToLower(next.Label()[:1])+next.Label()[1:], next.Due, stateLabel[next.State])
	}
	if row.SpecialAudit && row.Closed == nil {
		e.printf("; plan the special audit (certctl audit plan --certification %d --kind special …) and name it when closing (--special-audit ID)", row.CertificationID)
	}
	e.printf(".\n")
	return nil
}

// nextDue is the first deadline of row not met yet, nil when none.
func nextDue(row view.CaseRow) *certification.CaseDue {
	for i := range row.Deadlines {
		if row.Deadlines[i].State != certification.StateDone {
			return &row.Deadlines[i]
		}
	}
	return nil
}

type caseListCmd[K caseKind] struct {
	Open bool               `help:"only the cases not closed"`
	AsOf certification.Date `help:"the date the deadlines are seen from (default today)"`
}

func (c *caseListCmd[K]) Run(e *env) error {
	var k K
	svc, err := e.reader()
	if err != nil {
		return err
	}
	asOf := e.orToday(c.AsOf)
	rows, err := view.Cases(e.ctx, svc, asOf, view.CaseFilter{Kind: k.kind(), OpenOnly: c.Open})
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "cases": jsonList(rows)})
	}
	if len(rows) > 0 {
		t := e.table("ID", "RECEIVED", "CLIENT", "FROM", "STATUS", "NEXT DUE", "SUBJECT")
		for _, r := range rows {
			due := "-"
			if n := nextDue(r); n != nil {
				due = fmt.Sprintf("%s %s (%s)", n.Step.Verb(), n.Due, stateLabel[n.State])
			}
			t.row(r.ID, r.Received, r.ClientName, r.From.Name, r.Status, due, r.Subject)
		}
		t.flush()
	}
	e.printf("%d %s(s) as of %s.\n", len(rows), k.kind(), asOf)
	return nil
}

type caseShowCmd[K caseKind] struct {
	ID certification.ID `arg:"" name:"case" placeholder:"ID" help:"the complaint's or appeal's id"`
}

func (c *caseShowCmd[K]) Run(e *env) error {
	var k K
	svc, err := e.reader()
	if err != nil {
		return err
	}
	if err := e.caseOfKind(svc, c.ID, k.kind()); err != nil {
		return err
	}
	row, err := view.Case(e.ctx, svc, c.ID, e.todayDate())
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"case": row})
	}
	e.printf("%s %d: %s\n", row.Kind.Label(), row.ID, row.Subject)
	from := row.From.Name
	for _, s := range []string{row.From.Organisation, row.From.Contact} {
		if s != "" {
			from += ", " + s
		}
	}
	e.printf("%-14s %s\n%-14s %s\n%-14s %s (%d)\n", "From:", from, "Received:", row.Received, "Client:", row.ClientName, row.ClientID)
	for _, ref := range []struct {
		what string
		id   certification.ID
	}{{"Certification", row.CertificationID}, {"Audit", row.AuditID}, {"Decision", row.DecisionID}, {"Special audit", row.SpecialAuditID}} {
		if ref.id != 0 {
			e.printf("%-14s %d\n", ref.what+":", ref.id)
		}
	}
	for _, s := range certification.CaseSteps {
		if st := row.Step(s); st != nil {
			e.printf("%-14s %s by %s", strings.ToUpper(string(s[:1]))+string(s[1:])+":", st.Date, st.Name)
			if st.Text != "" {
				e.printf(": %s", st.Text)
			}
			e.printf("\n")
		}
	}
	for _, d := range row.Deadlines {
		state := stateLabel[d.State]
		if d.State == certification.StateDone && d.Done > d.Due {
			state = fmt.Sprintf("done late, on %s", d.Done)
		}
		e.printf("%-14s %s by %s (%s)\n", "Due:", d.Label(), d.Due, state)
	}
	return nil
}

// printCaseSchedule lists the deadlines of complaints and appeals the
// schedule shows, after its obligations.
func (e *env) printCaseSchedule(due []certification.CaseDue) {
	if len(due) == 0 {
		return
	}
	e.printf("\n")
	t := e.table("STATE", "DUE", "CLIENT", "COMPLAINT OR APPEAL")
	overdue := 0
	for _, d := range due {
		if d.State == certification.StateOverdue {
			overdue++
		}
		t.row(stateLabel[d.State], d.Due, d.ClientName, d.Label()+": "+d.Subject)
	}
	t.flush()
	e.printf("%d deadline(s) of complaints and appeals: %d overdue.\n", len(due), overdue)
}
