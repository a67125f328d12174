package main

import (
	"fmt"
	"strings"

	"certdesk/certification"
	"certdesk/certification/view"
)

// What certctl shows of complaints and appeals: a case after a change,
// complaint list and show (appeal list and show), and their deadlines in
// certctl schedule.

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
	Client certification.ID   `help:"only the client's"`
	Open   bool               `help:"only the cases not closed"`
	AsOf   certification.Date `help:"the date the deadlines are seen from (default today)"`
}

func (c *caseListCmd[K]) Run(e *env) error {
	var k K
	svc, err := e.reader()
	if err != nil {
		return err
	}
	asOf := e.orToday(c.AsOf)
	rows, err := view.Cases(e.ctx, svc, asOf, view.CaseFilter{Kind: k.kind(), ClientID: c.Client, OpenOnly: c.Open})
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
