package main

import (
	"fmt"
	"strings"

	"certdesk/certification"
)

// teamCheck runs the domain's team check on a saved audit or a draft
// team: coverage of the standard, sectors and AI areas, a qualified
// lead, interests, double bookings and rotation. Exit 0 whatever the
// gaps (it is a question, not a command); --json for scripts.
type teamCheckCmd struct {
	Audit         certification.ID   `help:"a saved audit's id"`
	Certification certification.ID   `help:"certification id (for a draft team)"`
	Kind          string             `default:"surveillance" placeholder:"KIND" help:"audit kind (for a draft team)"`
	Start         certification.Date `help:"first day (for a draft team)"`
	End           certification.Date `help:"last day (default: the first day)"`
	auditTeam
}

// auditTeam is the --lead, --auditor and --expert flags of a team.
type auditTeam struct {
	Lead    string `placeholder:"PERSON" help:"lead auditor (id or name)"`
	Auditor multi  `placeholder:"PERSON" help:"auditor (repeat for several)"`
	Expert  multi  `placeholder:"PERSON" help:"technical expert (repeat for several)"`
}

func (c *teamCheckCmd) Run(e *env) error {
	// A check changes nothing: no one need be named (a $CERTDESK_USER of
	// another folder does not stop it), and it reads without writing.
	svc, err := e.reader()
	if err != nil {
		return err
	}
	var a certification.Audit
	if c.Audit != 0 {
		a.ID = c.Audit
	} else {
		if c.Certification == 0 {
			return inputf("--certification is required")
		}
		if c.Start.IsZero() {
			return inputf("--start is required")
		}
		a.CertificationID = c.Certification
		a.Kind = certification.AuditKind(c.Kind)
		a.PlannedStart, a.PlannedEnd = c.Start, c.End
		if a.PlannedEnd.IsZero() {
			a.PlannedEnd = a.PlannedStart
		}
		if a.Team, err = e.team(c.auditTeam); err != nil {
			return err
		}
	}
	tc, err := svc.CheckAuditTeam(e.ctx, a)
	if err != nil {
		return err
	}
	if e.json {
		tc.Problems = jsonList(tc.Problems)
		return e.writeJSON(tc)
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "NO"
	}
	e.printf("qualified lead: %s   standard covered: %s   sectors covered: %s", yes(tc.Lead), yes(tc.Standard), listOrNone(tc.Sectors))
	if tc.AIChecked { // ISO/IEC 42001 only
		e.printf("   AI areas covered: %s", listOrNone(tc.AIAreas))
	}
	e.printf("\n")
	if len(tc.Problems) == 0 {
		e.printf("The team is competent and impartial for this audit.\n")
		return nil
	}
	for _, p := range tc.Problems {
		level := "gap"
		if p.Warning {
			level = "warning"
		}
		e.printf("%-8s %-22s %s\n", level, p.Kind, p.Msg)
	}
	e.printf("%s\n", strings.TrimSpace(fmt.Sprintf("%d gap(s) to resolve or justify, %d warning(s).", len(tc.Blocking()), len(tc.Problems)-len(tc.Blocking()))))
	return nil
}

// teamCmd groups the team verbs besides team-check.
type teamCmd struct {
	Suggest teamSuggestCmd `cmd:"" help:"propose the smallest free team that covers an audit"`
}

// teamSuggestCmd proposes a team for a saved audit (certification.SuggestTeam):
// a qualified lead, the client's sectors and AI areas covered, nobody
// with an interest, double-booked or barred by rotation. It changes
// nothing; the team check of the proposal is printed with it.
type teamSuggestCmd struct {
	Audit certification.ID `arg:"" name:"audit" placeholder:"ID" help:"the audit's id"`
}

// suggestedMember is a proposed member with their name.
type suggestedMember struct {
	PersonID certification.ID       `json:"person_id"`
	Name     string                 `json:"name"`
	Role     certification.TeamRole `json:"role"`
}

func (c *teamSuggestCmd) Run(e *env) error {
	svc, err := e.reader()
	if err != nil {
		return err
	}
	sug, err := svc.SuggestTeam(e.ctx, certification.Audit{ID: c.Audit})
	if err != nil {
		return err
	}
	a := certification.Audit{ID: c.Audit}
	if err := svc.View(e.ctx, func(tx certification.Tx) error { return tx.Get(c.Audit, &a) }); err != nil {
		return err
	}
	a.Team = sug.Team
	tc, err := svc.CheckAuditTeam(e.ctx, a)
	if err != nil {
		return err
	}
	names, err := e.personNames(svc)
	if err != nil {
		return err
	}
	team := []suggestedMember{}
	for _, m := range sug.Team {
		team = append(team, suggestedMember{m.PersonID, names[m.PersonID], m.Role})
	}
	if e.json {
		tc.Problems = jsonList(tc.Problems)
		return e.writeJSON(map[string]any{"audit_id": c.Audit, "team": team,
			"uncovered": jsonList(sug.Uncovered), "warnings": jsonList(sug.Warnings), "check": tc})
	}
	for _, m := range team {
		e.printf("%-17s %d %s\n", m.Role, m.PersonID, m.Name)
	}
	for _, u := range sug.Uncovered {
		e.printf("not covered: %s\n", u)
	}
	for _, w := range sug.Warnings {
		e.printf("warning: %s\n", w)
	}
	if len(sug.Uncovered) == 0 {
		e.printf("The team covers the audit. Nothing was changed: set the team in the app (Team…), or give it to audit plan (--lead, --auditor, --expert).\n")
	}
	return nil
}

// listOrNone lists values as "a, b, c", or "none".
func listOrNone[T any](vs []T) string {
	if len(vs) == 0 {
		return "none"
	}
	s := make([]string, len(vs))
	for i, v := range vs {
		s[i] = fmt.Sprint(v)
	}
	return strings.Join(s, ", ")
}
