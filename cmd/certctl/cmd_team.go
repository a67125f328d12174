package main

import (
	"fmt"
	"strings"

	"certdesk/certification"
)

func init() {
	usages["team-check"] = "team-check --audit ID | --certification ID --kind KIND --start DATE [--end DATE] --lead PERSON [--auditor PERSON…] [--expert PERSON…]"
}

// teamCheck runs the domain's team check on a saved audit or a draft
// team: coverage of the standard, sectors and AI areas, a qualified
// lead, interests, double bookings and rotation. Exit 0 whatever the
// gaps (it is a question, not a command); --json for scripts.
func (e *env) teamCheck(args []string) error {
	f := e.flags("team-check", usages["team-check"])
	auditS := f.String("audit", "", "a saved audit's id")
	cert := f.String("certification", "", "certification id (for a draft team)")
	kind := f.String("kind", "surveillance", "audit kind (for a draft team)")
	startS := f.String("start", "", "first day (for a draft team)")
	endS := f.String("end", "", "last day (default: the first day)")
	lead := f.String("lead", "", "lead auditor (id or name)")
	auditors := f.list("auditor", "auditor (repeat for several)", false)
	experts := f.list("expert", "technical expert (repeat for several)", false)
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	svc, err := e.service(false)
	if err != nil {
		return err
	}
	var a certification.Audit
	if *auditS != "" {
		if a.ID, err = parseID("--audit", *auditS); err != nil {
			return err
		}
	} else {
		if err := required("certification", *cert); err != nil {
			return err
		}
		if err := required("start", *startS); err != nil {
			return err
		}
		if a.CertificationID, err = parseID("--certification", *cert); err != nil {
			return err
		}
		a.Kind = certification.AuditKind(*kind)
		if a.PlannedStart, err = date("start", *startS, 0); err != nil {
			return err
		}
		if a.PlannedEnd, err = date("end", *endS, a.PlannedStart); err != nil {
			return err
		}
		if a.Team, err = e.team(*lead, auditors.vals, experts.vals); err != nil {
			return err
		}
	}
	tc, err := svc.CheckAuditTeam(e.ctx, a)
	if err != nil {
		return err
	}
	if e.json {
		if tc.Problems == nil {
			tc.Problems = []certification.TeamProblem{}
		}
		return e.writeJSON(tc)
	}
	yes := func(b bool) string {
		if b {
			return "yes"
		}
		return "NO"
	}
	e.printf("qualified lead: %s   standard covered: %s   sectors covered: %v   AI areas covered: %v\n", yes(tc.Lead), yes(tc.Standard), tc.Sectors, tc.AIAreas)
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
