package certification

// The audit commands: plan an audit and change it, through the planning
// and team gates.

import (
	"context"
	"fmt"
	"slices"

	"certdesk/audit/sampling"
)

// LoadPeople reads the persons named by ids; an id without a person is
// left out.
func LoadPeople(tx Tx, ids []ID) (map[ID]*Person, error) { return people(tx, ids) }

// people reads the persons named by ids.
func people(tx Tx, ids []ID) (map[ID]*Person, error) {
	ps, err := existing[Person](tx, ids) // a missing one is reported by the check that needs it
	if err != nil {
		return nil, err
	}
	out := make(map[ID]*Person, len(ps))
	for i := range ps {
		out[ps[i].ID] = &ps[i]
	}
	return out, nil
}

// TeamIDs are the persons of the audit team, in team order.
func (a *Audit) TeamIDs() []ID { return teamIDs(a) }

func teamIDs(a *Audit) []ID {
	ids := make([]ID, len(a.Team))
	for i, m := range a.Team {
		ids[i] = m.PersonID
	}
	return ids
}

// PlanAudit plans an audit of a certification. The cycle is assigned by
// the service; the audit starts as planned.
func (s *Service) PlanAudit(ctx context.Context, a Audit) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("plan-audit", a)))
	}
	a.ID, a.Status = 0, AuditPlanned
	a.ActualStart, a.ActualEnd, a.ActualDays, a.ReportDate = 0, 0, 0, 0
	a.Stage1Outcome, a.Recommendation, a.Checklist = "", "", nil
	err := s.update(ctx, call("plan-audit", a), fmt.Sprintf("plan %s audit of certification %d", a.Kind, a.CertificationID), func(tx Tx) error {
		// preparePlan and checkPlan (integrated.go) are shared with
		// PlanIntegratedAudit.
		f, err := preparePlan(tx, &a)
		if err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		if err := checkPlan(tx, f, &a, p); err != nil {
			return err
		}
		if err := insert(tx, &a, &a.ID); err != nil {
			return err
		}
		if err := f.reread(tx, &a); err != nil {
			return err
		}
		return refreshFile(tx, f, p)
	})
	return a.ID, err
}

// auditCycle assigns a new audit to a cycle: stage 1 and 2 open the next
// cycle; surveillance and recertification belong to the current one; a
// special or follow-up audit to an application in progress if there is
// one, else to the current cycle.
func auditCycle(f *File, k AuditKind) int {
	pending := f.PendingCycle()
	switch k {
	case Stage1, Stage2:
		return pending
	case Surveillance, Recertification:
		return f.Certification.CycleNumber()
	}
	if len(f.AuditsIn(pending, Stage1, Stage2)) > 0 || len(f.Certification.Cycles) == 0 {
		return pending
	}
	return f.Certification.CycleNumber()
}

// AuditChange edits an audit. Fields left nil keep their value.
type AuditChange struct {
	PlannedStart, PlannedEnd *Date
	ActualStart, ActualEnd   *Date
	ReportDate               *Date
	Sites                    *[]string
	Team                     *[]TeamMember
	PlannedDays, ActualDays  *float64
	Stage1Outcome            *Stage1Outcome
	Recommendation           *Recommendation
	GapJustification         *string
	TeamJustification        *string
	TimeJustification        *string // audittime.go
	ShortfallReason          *string
	Sample                   **sampling.Sample
	Notes                    *string
	// Status moves the audit one step (or to cancelled) after the edits.
	Status *AuditStatus
}

// checkAuditEdit refuses edits that would rewrite what gates rely on:
// removing a member from a team that has started (the decision maker's
// impartiality rests on the team), cancelling an audit that raised
// findings, and changing a stage 1 a stage 2 already builds on.
func checkAuditEdit(f *File, before, after *Audit, ch AuditChange) error {
	started := before.Status == AuditInProgress || before.Status == AuditReportDrafted
	if started && ch.Team != nil {
		for _, m := range before.Team {
			if !after.OnTeam(m.PersonID) {
				return refuse(RuleAuditNotOpen, "audit %d has started: person %d took part and stays on its team (members can be added, not removed)", before.ID, m.PersonID)
			}
		}
	}
	if ch.Status != nil && *ch.Status == AuditCancelled && len(f.FindingsOf([]*Audit{before})) > 0 {
		return refuse(RuleAuditNotOpen, "audit %d has findings: it cannot be cancelled; finish and close it instead", before.ID)
	}
	if before.Kind == Stage1 && (ch.Stage1Outcome != nil || ch.ActualEnd != nil || ch.ActualStart != nil || (ch.Status != nil && *ch.Status == AuditCancelled)) {
		for _, st2 := range f.AuditsIn(before.Cycle, Stage2) {
			if st2.ID != before.ID && (before.Stage1Outcome != after.Stage1Outcome || before.ActualEnd != after.ActualEnd ||
				before.ActualStart != after.ActualStart || (ch.Status != nil && *ch.Status == AuditCancelled)) && before.Done() {
				return refuse(RuleAuditNotOpen, "stage 2 (audit %d) is planned on the strength of this stage 1: its outcome and dates can no longer change", st2.ID)
			}
		}
	}
	return nil
}

// replans reports whether the change touches what the planning rules
// look at: dates, team, sites, the gap justification.
func (ch *AuditChange) replans() bool {
	return ch.PlannedStart != nil || ch.PlannedEnd != nil || ch.ActualStart != nil || ch.ActualEnd != nil ||
		ch.Team != nil || ch.Sites != nil || ch.GapJustification != nil || ch.TeamJustification != nil || ch.Sample != nil ||
		ch.PlannedDays != nil || ch.TimeJustification != nil
}

func (ch *AuditChange) apply(a *Audit) {
	setGiven(&a.PlannedStart, ch.PlannedStart)
	setGiven(&a.PlannedEnd, ch.PlannedEnd)
	setGiven(&a.ActualStart, ch.ActualStart)
	setGiven(&a.ActualEnd, ch.ActualEnd)
	setGiven(&a.ReportDate, ch.ReportDate)
	if ch.Sites != nil {
		a.Sites = slices.Clone(*ch.Sites)
	}
	if ch.Team != nil {
		a.Team = slices.Clone(*ch.Team)
	}
	setGiven(&a.PlannedDays, ch.PlannedDays)
	setGiven(&a.ActualDays, ch.ActualDays)
	setGiven(&a.Stage1Outcome, ch.Stage1Outcome)
	setGiven(&a.Recommendation, ch.Recommendation)
	setGiven(&a.GapJustification, ch.GapJustification)
	setGiven(&a.TeamJustification, ch.TeamJustification)
	setGiven(&a.TimeJustification, ch.TimeJustification)
	setGiven(&a.ShortfallReason, ch.ShortfallReason)
	setGiven(&a.Sample, ch.Sample)
	setGiven(&a.Notes, ch.Notes)
}

// setGiven sets *dst to *src where a change gives src (not nil).
func setGiven[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

// ChangeAudit edits an audit and, if asked, moves its status. A closed or
// cancelled audit cannot be changed. The planning rules are checked again
// on the edited audit, so a stage 2 cannot be moved before its stage 1.
func (s *Service) ChangeAudit(ctx context.Context, id ID, ch AuditChange) error {
	summary := fmt.Sprintf("change audit %d", id)
	if ch.Status != nil {
		summary = fmt.Sprintf("audit %d → %s", id, *ch.Status)
	}
	return s.update(ctx, call("change-audit", id, ch), summary, func(tx Tx) error {
		var a Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		if a.Status == AuditClosed || a.Status == AuditCancelled {
			return refuse(RuleAuditNotOpen, "audit %d is %s: it can no longer be changed", id, a.Status)
		}
		f, p, err := loadFileAndPolicy(tx, a.CertificationID)
		if err != nil {
			return err
		}
		oldLast := a.LastDay()
		before := a
		if err := ch.checkHappened(&before, s.Today()); err != nil { // future.go
			return err
		}
		ch.apply(&a)
		if ch.Recommendation != nil {
			if err := checkRecommendation(&a, *ch.Recommendation); err != nil {
				return err
			}
		}
		if err := checkAuditEdit(f, &before, &a, ch); err != nil {
			return err
		}
		team, err := people(tx, teamIDs(&a))
		if err != nil {
			return err
		}
		switch {
		case ch.Status != nil && *ch.Status == AuditCancelled:
			// Cancelling needs no planning rule: only the transition.
		case ch.replans() || (ch.Status != nil && (*ch.Status == AuditConfirmed || *ch.Status == AuditInProgress)):
			// Confirming or starting an audit: the planning rules still hold
			// (no audit on a certificate withdrawn since it was planned).
			if err := CheckPlanAudit(f, &a, team, p); err != nil {
				return err
			}
			stampRequired(f, &a) // audittime.go
		default:
			// Outcome, recommendation, report, notes: the audit's own
			// fields and dates only (planning rules such as "no stage 1 on
			// a granted certification" concern planning, not closing).
			if err := a.Validate(); err != nil {
				return err
			}
		}
		if ch.Status != nil && *ch.Status != a.Status {
			if err := a.CheckTransition(*ch.Status); err != nil {
				return err
			}
			if err := checkTimeStep(&a, *ch.Status, p); err != nil { // audittime.go
				return err
			}
			if *ch.Status == AuditReportDrafted {
				if err := CheckCoverage(f, &a); err != nil { // coverage.go
					return err
				}
			}
			a.Status = *ch.Status
			endHold(&a) // hold.go: closed or cancelled, nobody works on it
		}
		if teamGated(&before, &a, ch) {
			tc, err := teamContext(tx, &a, p)
			if err != nil {
				return err
			}
			check := CheckTeam(f, &a, tc)
			if err := CheckTeamGate(&a, check, p); err != nil {
				return err
			}
			// Kept as it stood, for the committee: the register may
			// change after the audit (a qualification lapses, an
			// interest is declared).
			a.TeamCheck = &check
		}
		if err := tx.Put(&a); err != nil {
			return err
		}
		if a.LastDay() != oldLast {
			// Finding deadlines count from the audit's last day.
			if err := redateFindings(tx, f, &a, p); err != nil {
				return err
			}
		}
		if err := syncIntegrated(tx, &a, ch, p); err != nil { // integrated.go: the other audits of the visit
			return err
		}
		if len(a.IntegratedWith) > 0 {
			// The other audits of the visit are other certifications'
			// (RuleIntegratedAudit), but they were written after f was
			// loaded: read the file again rather than rely on it.
			return refresh(tx, a.CertificationID, p)
		}
		written := []Record{&a}
		for _, x := range f.FindingsOf([]*Audit{&a}) { // redated, or as they were
			written = append(written, x)
		}
		if err := f.reread(tx, written...); err != nil {
			return err
		}
		return refreshFile(tx, f, p)
	})
}

// teamGated says whether a change must pass the team gate: the audit is
// being confirmed or started, or a confirmed or started audit's team,
// dates or justification change.
func teamGated(before, after *Audit, ch AuditChange) bool {
	if after.Status != AuditConfirmed && after.Status != AuditInProgress {
		return false
	}
	return before.Status != after.Status || ch.Team != nil || ch.PlannedStart != nil || ch.PlannedEnd != nil ||
		ch.ActualStart != nil || ch.ActualEnd != nil || ch.TeamJustification != nil
}

func redateFindings(tx Tx, f *File, a *Audit, p Policy) error {
	for _, x := range f.FindingsOf([]*Audit{a}) {
		x.ResponseDue, x.CloseDue = FindingDeadlines(f, a, x.Grade, p)
		if err := tx.Put(x); err != nil {
			return err
		}
	}
	return nil
}
