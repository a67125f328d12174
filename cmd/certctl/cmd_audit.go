package main

import (
	"slices"
	"strconv"
	"strings"

	"certdesk/certification"
)

func (e *env) auditPlan(args []string) error {
	f := e.flags("audit plan", usages["audit plan"])
	cert := f.String("certification", "", "certification id")
	kind := f.String("kind", "", "stage1, stage2, surveillance, recertification, special or verification")
	startS := f.String("start", "", "planned first day")
	endS := f.String("end", "", "planned last day (default: the first day)")
	days := f.Float64("days", 0, "planned auditor-days (default: calendar days × auditors)")
	lead := f.String("lead", "", "lead auditor (id or name)")
	auditors := f.list("auditor", "auditor (repeat for several)", false)
	experts := f.list("expert", "technical expert (repeat for several)", false)
	sites := f.list("site", "site code covered (repeat for several)", true)
	justification := f.String("justification", "", "why a stage 1 older than the policy's gap is still valid")
	notes := f.String("notes", "", "notes")
	integrate := f.list("integrate", "another certification of the client audited in the same visit: CERT_ID[:DAYS] (repeat for several)", false)
	sampleSeed := f.String("sample-seed", "", "draw the sites to visit (IAF MD 1) with this seed and record the sample (see certctl sample)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	for _, r := range []struct{ n, v string }{{"certification", *cert}, {"kind", *kind}, {"start", *startS}} {
		if err := required(r.n, r.v); err != nil {
			return err
		}
	}
	cid, err := parseID("--certification", *cert)
	if err != nil {
		return err
	}
	start, err := date("start", *startS, 0)
	if err != nil {
		return err
	}
	end, err := date("end", *endS, start)
	if err != nil {
		return err
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	a := certification.Audit{CertificationID: cid, Kind: certification.AuditKind(*kind), PlannedStart: start, PlannedEnd: end,
		PlannedDays: *days, Sites: sites.vals, GapJustification: *justification, Notes: *notes}
	if a.Team, err = e.team(*lead, auditors.vals, experts.vals); err != nil {
		return err
	}
	if a.PlannedDays == 0 && end >= start {
		n := len(auditors.vals)
		if *lead != "" {
			n++
		}
		a.PlannedDays = float64((start.DaysUntil(end) + 1) * max(n, 1))
	}
	if *sampleSeed != "" {
		seed, err := strconv.ParseUint(strings.TrimSpace(*sampleSeed), 10, 64)
		if err != nil {
			return inputf("--sample-seed: %q is not a whole number from 0 to %d", *sampleSeed, uint64(1<<64-1))
		}
		file, err := svc.File(e.ctx, cid)
		if err != nil {
			return err
		}
		s, _, err := certification.DrawSample(file, a.Kind, seed)
		if err != nil {
			return err
		}
		// The sampled sites, then any other --site given.
		a.Sites = append(slices.Clone(s.Visit), slices.DeleteFunc(a.Sites, func(c string) bool { return slices.Contains(s.Visit, c) })...)
		a.Sample = &s
	}
	if len(integrate.vals) > 0 {
		return e.planIntegrated(svc, a, integrate.vals) // cmd_integrated.go
	}
	id, err := svc.PlanAudit(e.ctx, a)
	if err != nil {
		return err
	}
	if err := e.auditDone(svc, id, "Planned"); err != nil || e.json || a.Sample == nil {
		return err
	}
	e.printf("Sites drawn (IAF MD 1, seed %d): %s — chosen first %s, at random %s.\n", a.Sample.Seed, strings.Join(a.Sample.Visit, ", "),
		orNone(strings.Join(a.Sample.Preferred, ", ")), orNone(strings.Join(a.Sample.Random, ", ")))
	return nil
}

// team reads the --lead, --auditor and --expert flags as a team.
func (e *env) team(lead string, auditors, experts []string) ([]certification.TeamMember, error) {
	var team []certification.TeamMember
	add := func(flagName string, names []string, role certification.TeamRole) error {
		ids, err := e.personIDs(flagName, names)
		for _, id := range ids {
			team = append(team, certification.TeamMember{PersonID: id, Role: role})
		}
		return err
	}
	if lead != "" {
		if err := add("lead", []string{lead}, certification.TeamLead); err != nil {
			return nil, err
		}
	}
	if err := add("auditor", auditors, certification.TeamAuditor); err != nil {
		return nil, err
	}
	if err := add("expert", experts, certification.TeamTechnicalExpert); err != nil {
		return nil, err
	}
	return team, nil
}

// auditDone prints an audit after a change.
func (e *env) auditDone(svc *certification.Service, id certification.ID, what string) error {
	a, _, err := svc.AuditFile(e.ctx, id)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit": a})
	}
	e.printf("%s audit %d: %s of certification %d (cycle %d), %s to %s, now %s.\n", what, a.ID, a.Kind.Label(), a.CertificationID, a.Cycle, a.Start(), a.LastDay(), a.Status)
	return nil
}

// auditCommand changes the audit its one argument names. define adds
// the verb's flags and returns the change to make once they are parsed;
// the audit is then shown, done saying what happened to it.
func (e *env) auditCommand(verb string, args []string, done string, define func(f *flags) func(svc *certification.Service, id certification.ID) error) error {
	svc, id, err := e.idCommand(verb, "audit", args, define)
	if err != nil {
		return err
	}
	return e.auditDone(svc, id, done)
}

// idCommand runs a verb whose one argument is the id of a record (what
// names it in messages): define adds the verb's flags and returns the
// change to make once they are parsed.
func (e *env) idCommand(verb, what string, args []string, define func(f *flags) func(svc *certification.Service, id certification.ID) error) (*certification.Service, certification.ID, error) {
	f := e.flags(verb, usages[verb])
	do := define(f)
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return nil, 0, err
	}
	id, err := parseID(what, pos[0])
	if err != nil {
		return nil, 0, err
	}
	svc, err := e.service(true)
	if err != nil {
		return nil, 0, err
	}
	return svc, id, do(svc, id)
}

// auditStep moves an audit one step. define adds the verb's flags and
// returns a function that fills in the change from them and the audit.
func (e *env) auditStep(verb string, args []string, status certification.AuditStatus, define func(f *flags) func(a *certification.Audit, ch *certification.AuditChange) error) error {
	return e.auditCommand(verb, args, "Updated", func(f *flags) func(*certification.Service, certification.ID) error {
		var fill func(a *certification.Audit, ch *certification.AuditChange) error
		if define != nil {
			fill = define(f)
		}
		return func(svc *certification.Service, id certification.ID) error {
			ch := certification.AuditChange{Status: &status}
			if fill != nil {
				a, _, err := svc.AuditFile(e.ctx, id)
				if err != nil {
					return err
				}
				if err := fill(a, &ch); err != nil {
					return err
				}
			}
			return svc.ChangeAudit(e.ctx, id, ch)
		}
	})
}

func (e *env) auditConfirm(args []string) error {
	return e.auditStep("audit confirm", args, certification.AuditConfirmed, func(f *flags) func(*certification.Audit, *certification.AuditChange) error {
		why := f.String("team-justification", "", "why the team is competent despite a sector or AI gap (only where the policy team_gap_justification allows it)")
		return func(a *certification.Audit, ch *certification.AuditChange) error {
			if *why != "" {
				ch.TeamJustification = why
			}
			return nil
		}
	})
}

func (e *env) auditCancel(args []string) error {
	return e.auditStep("audit cancel", args, certification.AuditCancelled, nil)
}

func (e *env) auditStart(args []string) error {
	return e.auditStep("audit start", args, certification.AuditInProgress, func(f *flags) func(*certification.Audit, *certification.AuditChange) error {
		on := f.String("date", "", "the day the audit started (default today)")
		return func(a *certification.Audit, ch *certification.AuditChange) error {
			d, err := date("date", *on, e.todayDate())
			ch.ActualStart = &d
			return err
		}
	})
}

func (e *env) auditFinish(args []string) error {
	return e.auditStep("audit finish", args, certification.AuditReportDrafted, func(f *flags) func(*certification.Audit, *certification.AuditChange) error {
		on := f.String("date", "", "the audit's last day (default today)")
		days := f.Float64("days", -1, "auditor-days used (default: as planned)")
		outcome := f.String("outcome", "", "stage 1: ready or not-ready")
		rec := f.String("recommendation", "", "the team's recommendation: grant, renew, maintain, not-until-nc-closed, refuse, suspend, change-scope")
		return func(a *certification.Audit, ch *certification.AuditChange) error {
			d, err := date("date", *on, e.todayDate())
			if err != nil {
				return err
			}
			ch.ActualEnd = &d
			used := a.PlannedDays
			if *days >= 0 {
				used = *days
			}
			ch.ActualDays = &used
			if *outcome != "" {
				o := certification.Stage1Outcome(*outcome)
				ch.Stage1Outcome = &o
			}
			if *rec != "" {
				r := certification.Recommendation(*rec)
				ch.Recommendation = &r
			}
			return nil
		}
	})
}

func (e *env) auditClose(args []string) error {
	return e.auditStep("audit close", args, certification.AuditClosed, func(f *flags) func(*certification.Audit, *certification.AuditChange) error {
		on := f.String("report-date", "", "the date of the report (default today)")
		return func(a *certification.Audit, ch *certification.AuditChange) error {
			d, err := date("report-date", *on, e.todayDate())
			ch.ReportDate = &d
			return err
		}
	})
}

func (e *env) auditShow(args []string) error {
	f := e.flags("audit show", usages["audit show"])
	pos, err := f.parse(args, 1, 1)
	if err != nil {
		return err
	}
	id, err := parseID("audit", pos[0])
	if err != nil {
		return err
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	a, file, err := svc.AuditFile(e.ctx, id)
	if err != nil {
		return err
	}
	asOf := e.todayDate()
	var findings []findingOut
	for _, x := range file.FindingsOf([]*certification.Audit{a}) {
		findings = append(findings, outFinding(*x, asOf))
	}
	if e.json {
		return e.writeJSON(map[string]any{"audit": a, "client": file.Client.LegalName, "standard": file.Certification.Standard, "findings": nonNil(findings)})
	}
	people, err := svc.People(e.ctx)
	if err != nil {
		return err
	}
	names := map[certification.ID]string{}
	for _, p := range people {
		names[p.ID] = p.Name
	}
	e.printf("Audit %d: %s, cycle %d, of certification %d (%s) for %s\n", a.ID, a.Kind.Label(), a.Cycle, a.CertificationID, file.Certification.Standard, file.Client.LegalName)
	e.printf("  Status:   %s\n", a.Status)
	e.printf("  Planned:  %s to %s, %g auditor-days\n", a.PlannedStart, a.PlannedEnd, a.PlannedDays)
	if !a.ActualStart.IsZero() {
		e.printf("  Actual:   %s to %s, %g auditor-days\n", a.ActualStart, dateOr(a.ActualEnd, "…"), a.ActualDays)
	}
	if !a.ReportDate.IsZero() {
		e.printf("  Report:   %s\n", a.ReportDate)
	}
	if a.Stage1Outcome != "" {
		e.printf("  Outcome:  %s\n", a.Stage1Outcome)
	}
	if a.Recommendation != "" {
		e.printf("  Recommendation: %s\n", a.Recommendation)
	}
	if len(a.Sites) > 0 {
		e.printf("  Sites:    %s\n", strings.Join(a.Sites, ", "))
	}
	if a.GapJustification != "" {
		e.printf("  Stage 1 still valid because: %s\n", a.GapJustification)
	}
	if s := a.Sample; s != nil {
		e.printf("  Sample:   %s, seed %d: %d of %d sites besides the central function %s; chosen first %s, at random %s\n",
			s.Kind, s.Seed, s.Size, s.Sites, s.Central, orNone(strings.Join(s.Preferred, ", ")), orNone(strings.Join(s.Random, ", ")))
	}
	for _, m := range a.Team {
		e.printf("  Team:     %s (%d), %s\n", names[m.PersonID], m.PersonID, m.Role)
	}
	if err := e.showIntegrated(svc, a); err != nil { // cmd_integrated.go
		return err
	}
	if len(a.Checklist) > 0 {
		e.printf("  Checklist:\n")
		t := e.table("    REF", "RESULT", "NOTES")
		for _, c := range a.Checklist {
			t.row("    "+c.Ref, c.Result.Label(), shorten(c.Notes, 60))
		}
		t.flush()
	}
	if len(findings) > 0 {
		e.printf("  Findings:\n")
		t := e.table("    ID", "#", "GRADE", "REF", "STATUS", "RAISED BY", "EVIDENCE")
		for _, x := range findings {
			t.row("    "+x.ID.String(), x.Number, x.Grade.Label(), x.Reference, x.Status, names[x.RaisedBy], shorten(x.Evidence, 60))
		}
		t.flush()
	}
	return nil
}

func (e *env) findingAdd(args []string) error {
	f := e.flags("finding add", usages["finding add"])
	audit := f.String("audit", "", "audit id")
	grade := f.String("grade", "", "major, minor, ofi, observation or positive")
	ref := f.String("ref", "", "clause (8.2) or Annex A control (A.6.2.4)")
	requirement := f.String("requirement", "", "the requirement (not met)")
	evidence := f.String("evidence", "", "the objective evidence seen")
	by := f.String("by", "", "who raised it (default: you if on the team, else the lead auditor)")
	on := f.String("date", "", "the day it was raised (default today, within the audit's days)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	for _, r := range []struct{ n, v string }{{"audit", *audit}, {"grade", *grade}, {"ref", *ref}} {
		if err := required(r.n, r.v); err != nil {
			return err
		}
	}
	aid, err := parseID("--audit", *audit)
	if err != nil {
		return err
	}
	raised, err := optDate("date", *on)
	if err != nil {
		return err
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	a, _, err := svc.AuditFile(e.ctx, aid)
	if err != nil {
		return err
	}
	raisedBy := a.Lead()
	if me := svc.Actor().PersonID; me != 0 && a.OnTeam(me) {
		raisedBy = me
	}
	if *by != "" {
		p, err := e.person(*by)
		if err != nil {
			return inputf("--by: %v", err)
		}
		raisedBy = p.ID
	}
	id, err := svc.RecordFinding(e.ctx, certification.Finding{AuditID: aid, Grade: certification.Grade(*grade), Reference: *ref,
		Requirement: strings.TrimSpace(*requirement), Evidence: strings.TrimSpace(*evidence), RaisedBy: raisedBy, Raised: raised})
	if err != nil {
		return err
	}
	return e.findingDone(svc, id, "Recorded")
}

func (e *env) findingDone(svc *certification.Service, id certification.ID, what string) error {
	var x certification.Finding
	if err := svc.Store().View(e.ctx, func(tx certification.Tx) error { return tx.Get(id, &x) }); err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"finding": outFinding(x, e.todayDate())})
	}
	e.printf("%s finding %d: %s #%d (%s) of audit %d, now %s", what, x.ID, x.Grade.Label(), x.Number, x.Reference, x.AuditID, x.Status())
	st := x.Status()
	if st == certification.FindingAwaitingResponse || st == certification.FindingPlanRejected {
		e.printf("; response due %s", x.ResponseDue)
	}
	if x.Grade == certification.Major && x.Verification == nil {
		e.printf("; to be verified by %s", x.CloseDue)
	}
	e.printf(".\n")
	return nil
}

// findingStep runs one step of a finding's workflow.
func (e *env) findingStep(verb string, args []string, define func(f *flags) func(svc *certification.Service, id certification.ID) error) error {
	svc, id, err := e.idCommand(verb, "finding", args, define)
	if err != nil {
		return err
	}
	return e.findingDone(svc, id, "Updated")
}

func (e *env) findingRespond(args []string) error {
	return e.findingStep("finding respond", args, func(f *flags) func(*certification.Service, certification.ID) error {
		root := f.String("root-cause", "", "the client's root cause analysis")
		corr := f.String("correction", "", "the correction")
		action := f.String("action", "", "the corrective action")
		on := f.String("date", "", "the day the response was received (default today)")
		corrOn := f.String("correction-date", "", "planned date of the correction")
		actOn := f.String("action-date", "", "planned date of the corrective action")
		return func(svc *certification.Service, id certification.ID) error {
			r := certification.Response{RootCause: strings.TrimSpace(*root), Correction: strings.TrimSpace(*corr), CorrectiveAction: strings.TrimSpace(*action)}
			var err error
			if r.Received, err = optDate("date", *on); err != nil {
				return err
			}
			if r.CorrectionDate, err = optDate("correction-date", *corrOn); err != nil {
				return err
			}
			if r.ActionDate, err = optDate("action-date", *actOn); err != nil {
				return err
			}
			return svc.RecordResponse(e.ctx, id, r)
		}
	})
}

func (e *env) review(verb string, args []string, accepted bool) error {
	return e.findingStep(verb, args, func(f *flags) func(*certification.Service, certification.ID) error {
		on := f.String("date", "", "the day of the review (default today)")
		comment := f.String("comment", "", "the body's comment")
		return func(svc *certification.Service, id certification.ID) error {
			if !accepted && strings.TrimSpace(*comment) == "" {
				return inputf("--comment is required: say what the client must improve")
			}
			d, err := optDate("date", *on)
			if err != nil {
				return err
			}
			return svc.ReviewResponse(e.ctx, id, certification.Review{On: d, Accepted: accepted, Comment: strings.TrimSpace(*comment)})
		}
	})
}

func (e *env) findingAccept(args []string) error { return e.review("finding accept", args, true) }
func (e *env) findingReject(args []string) error { return e.review("finding reject", args, false) }

// methods maps the command line's verification methods to the words stored.
var methods = map[string]string{
	"documents": "documents", "follow-up-visit": "follow-up visit", "follow-up visit": "follow-up visit",
	"next-audit": "next audit", "next audit": "next audit",
}

func (e *env) findingVerify(args []string) error {
	return e.findingStep("finding verify", args, func(f *flags) func(*certification.Service, certification.ID) error {
		method := f.String("method", "", "documents, follow-up-visit or next-audit")
		on := f.String("date", "", "the day of the verification (default today)")
		notes := f.String("notes", "", "what was checked")
		return func(svc *certification.Service, id certification.ID) error {
			m, ok := methods[strings.ToLower(strings.TrimSpace(*method))]
			if !ok {
				return inputf("--method must be documents, follow-up-visit or next-audit")
			}
			d, err := optDate("date", *on)
			if err != nil {
				return err
			}
			return svc.VerifyFinding(e.ctx, id, certification.Verification{On: d, Method: m, Notes: strings.TrimSpace(*notes)})
		}
	})
}

func (e *env) findingEscalate(args []string) error {
	return e.findingStep("finding escalate", args, func(f *flags) func(*certification.Service, certification.ID) error {
		on := f.String("date", "", "the day of the escalation (default today)")
		return func(svc *certification.Service, id certification.ID) error {
			d, err := optDate("date", *on)
			if err != nil {
				return err
			}
			return svc.EscalateFinding(e.ctx, id, d)
		}
	})
}

func (e *env) findingList(args []string) error {
	f := e.flags("finding list", usages["finding list"])
	open := f.Bool("open", false, "only open findings")
	asOfS := f.String("as-of", "", "date for lateness (default today)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	asOf, err := date("as-of", *asOfS, e.todayDate())
	if err != nil {
		return err
	}
	svc, err := e.reader()
	if err != nil {
		return err
	}
	rows, err := svc.FindingRows(e.ctx, asOf, *open)
	if err != nil {
		return err
	}
	if e.json {
		return e.writeJSON(map[string]any{"as_of": asOf, "findings": nonNil(rows)})
	}
	if len(rows) > 0 {
		t := e.table("ID", "CLIENT", "STANDARD", "AUDIT", "#", "GRADE", "REF", "STATUS", "RAISED", "RESPONSE DUE", "CLOSE DUE", "LATE")
		for _, r := range rows {
			late := ""
			if r.Late {
				late = "late"
			}
			t.row(r.ID, r.ClientName, r.Standard.Short(), r.AuditID, r.Number, r.Grade, r.Reference, r.Status, r.Raised, r.ResponseDue, r.CloseDue, late)
		}
		t.flush()
	}
	what := "finding(s)"
	if *open {
		what = "open finding(s)"
	}
	e.printf("%d %s as of %s\n", len(rows), what, asOf)
	return nil
}

func (e *env) decide(args []string) error {
	f := e.flags("decide", usages["decide"])
	cert := f.String("certification", "", "certification id")
	kind := f.String("kind", "", "grant, refuse, renew, maintain, extend-scope, reduce-scope, suspend, restore or withdraw")
	makers := f.list("maker", "decision maker (id or name; repeat for a committee)", false)
	reasons := f.String("reasons", "", "the reasons for the decision")
	on := f.String("date", "", "the date of the decision (default today)")
	scope := f.String("scope", "", "the new scope (extend-scope, reduce-scope)")
	if _, err := f.parse(args, 0, 0); err != nil {
		return err
	}
	for _, r := range []struct{ n, v string }{{"certification", *cert}, {"kind", *kind}} {
		if err := required(r.n, r.v); err != nil {
			return err
		}
	}
	if len(makers.vals) == 0 {
		return inputf("--maker is required: name the decision maker(s)")
	}
	cid, err := parseID("--certification", *cert)
	if err != nil {
		return err
	}
	d, err := optDate("date", *on)
	if err != nil {
		return err
	}
	svc, err := e.service(true)
	if err != nil {
		return err
	}
	ids, err := e.personIDs("maker", makers.vals)
	if err != nil {
		return err
	}
	id, err := svc.Decide(e.ctx, certification.Decision{CertificationID: cid, Kind: certification.DecisionKind(*kind), Date: d, Makers: ids,
		Reasons: strings.TrimSpace(*reasons), NewScope: strings.TrimSpace(*scope)})
	if err != nil {
		return err
	}
	file, err := svc.File(e.ctx, cid)
	if err != nil {
		return err
	}
	var dec certification.Decision
	for _, x := range file.Decisions {
		if x.ID == id {
			dec = x
		}
	}
	cert2, hasCert := file.Certificate()
	if e.json {
		out := map[string]any{"decision": dec, "certificate": nil}
		if hasCert {
			out["certificate"] = cert2
			out["certificate_status"] = cert2.StatusOn(dec.Date)
		}
		return e.writeJSON(out)
	}
	e.printf("Decision %d: %s of certification %d on %s.\n", dec.ID, dec.Kind, cid, dec.Date)
	if hasCert {
		e.printf("Certificate %s revision %d: %s on %s; issued %s, expires %s.\n", cert2.Number, cert2.Revision, cert2.StatusOn(dec.Date), dec.Date, cert2.IssueDate, cert2.Expiry)
	}
	return nil
}
