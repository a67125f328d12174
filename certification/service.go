package certification

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
	"certdesk/audit/sampling"
)

// Service runs every change to the certification records. Each method is
// one command: it reads what it needs, applies the rules, writes the
// records and their journal entry in one transaction, and recomputes the
// obligations of the certifications it touched.
type Service struct {
	store Store
	clock Clock
	actor Actor
}

// NewService returns a service on a store. Commands are recorded as the
// actor set with As; until then as "system".
func NewService(st Store, clk Clock) *Service {
	return &Service{store: st, clock: clk, actor: Actor{Name: "system"}}
}

// As returns a copy of the service acting for a.
func (s *Service) As(a Actor) *Service {
	c := *s
	c.actor = a
	return &c
}

// Actor is who the service acts for.
func (s *Service) Actor() Actor { return s.actor }

// Today is the clock's date.
func (s *Service) Today() Date { return DateOf(s.clock.Now()) }

// View runs fn in a read-only snapshot of the records: the read models
// built outside this package (certification/document) read through it.
func (s *Service) View(ctx context.Context, fn func(Tx) error) error { return s.store.View(ctx, fn) }

// Store gives read access to the underlying store.
func (s *Service) Store() Store { return s.store }

func (s *Service) update(ctx context.Context, command, summary string, fn func(Tx) error) error {
	e := JournalEntry{At: s.clock.Now().UTC(), Actor: s.actor, Command: command, Summary: summary}
	return s.store.Update(ctx, e, fn)
}

// LoadPolicy reads the stored policy, or the defaults when none is stored.
func LoadPolicy(tx Tx) (Policy, error) {
	var p Policy
	err := tx.Get(1, &p)
	if errors.Is(err, ErrNotFound) {
		return DefaultPolicy(), nil
	}
	return p, err
}

// Policy returns the policy in force.
func (s *Service) Policy(ctx context.Context) (Policy, error) {
	var p Policy
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		p, err = LoadPolicy(tx)
		return err
	})
	return p, err
}

// SetPolicy stores a new policy, recording who changed it and when. Every
// certification's obligations are recomputed under it.
func (s *Service) SetPolicy(ctx context.Context, p Policy) error {
	if err := p.Validate(); err != nil {
		return err
	}
	p.ChangedBy, p.ChangedOn = s.actor, s.Today()
	if err := s.update(ctx, "set-policy", "policy changed", func(tx Tx) error { return tx.Put(&p) }); err != nil {
		return err
	}
	return s.RefreshAll(ctx)
}

// refreshChunk is how many certifications' obligations one transaction
// recomputes (a transaction holds about a megabyte).
const refreshChunk = 100

// RefreshAll recomputes every certification's obligations under the
// policy in force, in transactions of refreshChunk certifications. It
// runs after a policy change; if it is interrupted, running it again
// (certctl policy set with the same values) completes it.
func (s *Service) RefreshAll(ctx context.Context) error {
	var ids []ID
	if err := s.store.View(ctx, func(tx Tx) error {
		return tx.Each(KindCertification, func(id ID, _ func(Record) error) error {
			ids = append(ids, id)
			return nil
		})
	}); err != nil {
		return err
	}
	for start := 0; start < len(ids); start += refreshChunk {
		chunk := ids[start:min(start+refreshChunk, len(ids))]
		summary := fmt.Sprintf("obligations recomputed under the policy (certifications %d–%d)", chunk[0], chunk[len(chunk)-1])
		if err := s.update(ctx, "refresh-obligations", summary, func(tx Tx) error {
			p, err := LoadPolicy(tx)
			if err != nil {
				return err
			}
			for _, id := range chunk {
				if err := refresh(tx, id, p); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return nil
}

// interestClients checks that a person's interests name existing clients.
func interestClients(tx Tx, p *Person) error {
	for i, in := range p.Interests {
		var c Client
		if err := tx.Get(in.ClientID, &c); err != nil {
			return invalid("person", fmt.Sprintf("interests[%d].client_id", i), "there is no client %d", in.ClientID)
		}
	}
	return nil
}

// AddPerson adds a person to the register.
func (s *Service) AddPerson(ctx context.Context, p Person) (ID, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.update(ctx, "add-person", "add person "+p.Name, func(tx Tx) error {
		if err := interestClients(tx, &p); err != nil {
			return err
		}
		id, err := tx.NextID(KindPerson)
		if err != nil {
			return err
		}
		p.ID = id
		return tx.Put(&p)
	})
	return p.ID, err
}

// UpdatePerson replaces a person's record.
func (s *Service) UpdatePerson(ctx context.Context, p Person) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "update-person", "update person "+p.ID.String(), func(tx Tx) error {
		var old Person
		if err := tx.Get(p.ID, &old); err != nil {
			return err
		}
		if err := interestClients(tx, &p); err != nil {
			return err
		}
		return tx.Put(&p)
	})
}

// AddClient adds a client.
func (s *Service) AddClient(ctx context.Context, c Client) (ID, error) {
	if c.Created.IsZero() {
		c.Created = s.Today()
	}
	c.ID = 0
	if err := c.Validate(); err != nil {
		return 0, err
	}
	err := s.update(ctx, "add-client", "add client "+c.LegalName, func(tx Tx) error {
		id, err := tx.NextID(KindClient)
		if err != nil {
			return err
		}
		c.ID = id
		return tx.Put(&c)
	})
	return c.ID, err
}

// UpdateClient replaces a client's record and refreshes its
// certifications' obligations (which carry the client's name).
func (s *Service) UpdateClient(ctx context.Context, c Client) error {
	if err := c.Validate(); err != nil {
		return err
	}
	return s.update(ctx, "update-client", "update client "+c.ID.String(), func(tx Tx) error {
		var old Client
		if err := tx.Get(c.ID, &old); err != nil {
			return err
		}
		c.Created = old.Created
		if err := tx.Put(&c); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		ids, err := tx.Lookup(IndexCertByClient, U64(uint64(c.ID)))
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := refresh(tx, id, p); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddCertification opens a client's application for a standard and scope.
func (s *Service) AddCertification(ctx context.Context, c Certification) (ID, error) {
	if c.Applied.IsZero() {
		c.Applied = s.Today()
	}
	c.ID, c.Cycles, c.CertificateID, c.Closed = 0, nil, 0, 0
	if err := c.Validate(); err != nil {
		return 0, err
	}
	err := s.update(ctx, "add-certification", fmt.Sprintf("client %d applies for %s", c.ClientID, c.Standard), func(tx Tx) error {
		var cl Client
		if err := tx.Get(c.ClientID, &cl); err != nil {
			return invalid("certification", "client_id", "there is no client %d", c.ClientID)
		}
		for code := range c.SiteScopes {
			if _, ok := cl.Site(code); !ok {
				return invalid("certification", "site_scopes", "client %d has no site %q", c.ClientID, code)
			}
		}
		ids, err := tx.Lookup(IndexCertByClient, U64(uint64(c.ClientID)))
		if err != nil {
			return err
		}
		for _, id := range ids {
			var other Certification
			if err := tx.Get(id, &other); err != nil {
				return err
			}
			if other.Standard == c.Standard && other.Closed.IsZero() {
				return refuse(RuleDuplicateCertification, "client %d already has an open %s certification (%d): change its scope instead", c.ClientID, c.Standard, other.ID)
			}
		}
		id, err := tx.NextID(KindCertification)
		if err != nil {
			return err
		}
		c.ID = id
		if err := tx.Put(&c); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return refresh(tx, c.ID, p)
	})
	return c.ID, err
}

// LoadPeople reads the persons named by ids; an id without a person is
// left out.
func LoadPeople(tx Tx, ids []ID) (map[ID]*Person, error) { return people(tx, ids) }

// people reads the persons named by ids.
func people(tx Tx, ids []ID) (map[ID]*Person, error) {
	out := map[ID]*Person{}
	for _, id := range ids {
		var p Person
		if err := tx.Get(id, &p); err != nil {
			if errors.Is(err, ErrNotFound) {
				continue // reported by the check that needs the person
			}
			return nil, err
		}
		out[id] = &p
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
	a.ID, a.Status = 0, AuditPlanned
	a.ActualStart, a.ActualEnd, a.ActualDays, a.ReportDate = 0, 0, 0, 0
	a.Stage1Outcome, a.Recommendation, a.Checklist = "", "", nil
	err := s.update(ctx, "plan-audit", fmt.Sprintf("plan %s audit of certification %d", a.Kind, a.CertificationID), func(tx Tx) error {
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
		if a.ID, err = tx.NextID(KindAudit); err != nil {
			return err
		}
		if err := tx.Put(&a); err != nil {
			return err
		}
		return refresh(tx, a.CertificationID, p)
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
		ch.Team != nil || ch.Sites != nil || ch.GapJustification != nil || ch.TeamJustification != nil || ch.Sample != nil
}

func (ch *AuditChange) apply(a *Audit) {
	set := func(dst *Date, src *Date) {
		if src != nil {
			*dst = *src
		}
	}
	set(&a.PlannedStart, ch.PlannedStart)
	set(&a.PlannedEnd, ch.PlannedEnd)
	set(&a.ActualStart, ch.ActualStart)
	set(&a.ActualEnd, ch.ActualEnd)
	set(&a.ReportDate, ch.ReportDate)
	if ch.Sites != nil {
		a.Sites = slices.Clone(*ch.Sites)
	}
	if ch.Team != nil {
		a.Team = slices.Clone(*ch.Team)
	}
	if ch.PlannedDays != nil {
		a.PlannedDays = *ch.PlannedDays
	}
	if ch.ActualDays != nil {
		a.ActualDays = *ch.ActualDays
	}
	if ch.Stage1Outcome != nil {
		a.Stage1Outcome = *ch.Stage1Outcome
	}
	if ch.Recommendation != nil {
		a.Recommendation = *ch.Recommendation
	}
	if ch.GapJustification != nil {
		a.GapJustification = *ch.GapJustification
	}
	if ch.TeamJustification != nil {
		a.TeamJustification = *ch.TeamJustification
	}
	if ch.Sample != nil {
		a.Sample = *ch.Sample
	}
	if ch.Notes != nil {
		a.Notes = *ch.Notes
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
	return s.update(ctx, "change-audit", summary, func(tx Tx) error {
		var a Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		if a.Status == AuditClosed || a.Status == AuditCancelled {
			return refuse(RuleAuditNotOpen, "audit %d is %s: it can no longer be changed", id, a.Status)
		}
		f, err := LoadFile(tx, a.CertificationID)
		if err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		oldLast := a.LastDay()
		before := a
		ch.apply(&a)
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
			a.Status = *ch.Status
		}
		if teamGated(&before, &a, ch) {
			tc, err := teamContext(tx, &a, p)
			if err != nil {
				return err
			}
			if err := CheckTeamGate(&a, CheckTeam(f, &a, tc), p); err != nil {
				return err
			}
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
		return refresh(tx, a.CertificationID, p)
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

// RecordFinding records a finding on an audit that is in progress or
// whose report is being drafted. Its number and deadlines are assigned.
func (s *Service) RecordFinding(ctx context.Context, x Finding) (ID, error) {
	x.ID, x.Response, x.Review, x.Verification, x.EscalatedFrom = 0, nil, nil, nil, ""
	x.Reference = strings.TrimSpace(x.Reference)
	err := s.update(ctx, "record-finding", fmt.Sprintf("record %s finding on audit %d", x.Grade, x.AuditID), func(tx Tx) error {
		var a Audit
		if err := tx.Get(x.AuditID, &a); err != nil {
			if errors.Is(err, ErrNotFound) {
				return invalid("finding", "audit_id", "there is no audit %d", x.AuditID)
			}
			return err
		}
		if a.Status != AuditInProgress && a.Status != AuditReportDrafted {
			return refuse(RuleAuditNotOpen, "audit %d is %s: findings are recorded while the audit is in progress or its report is drafted", a.ID, a.Status)
		}
		x.CertificationID, x.ClientID = a.CertificationID, a.ClientID
		if x.Raised.IsZero() {
			x.Raised = max(a.Start(), min(s.Today(), a.LastDay()))
		}
		if err := x.Validate(); err != nil {
			return err
		}
		if x.Raised < a.Start() {
			return refuse(RuleDatesBackwards, "finding raised on %s, before audit %d started (%s)", x.Raised, a.ID, a.Start())
		}
		if x.RaisedBy != 0 && !a.OnTeam(x.RaisedBy) {
			return invalid("finding", "raised_by", "person %d is not on the team of audit %d", x.RaisedBy, a.ID)
		}
		f, err := LoadFile(tx, a.CertificationID)
		if err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		cat, err := catalogue.For(string(f.Certification.Standard))
		if err != nil {
			return err
		}
		if x.Reference, err = cat.CheckRef(x.Reference); err != nil {
			return invalid("finding", "reference", "%v", err)
		}
		x.Number = len(f.FindingsOf([]*Audit{&a})) + 1
		// The checklist shows the finding: a result is never lowered.
		if e, _ := a.Entry(x.Reference); gradeResult(x.Grade).severity() > e.Result.severity() {
			e.Result = gradeResult(x.Grade)
			a.setEntry(e)
			if err := tx.Put(&a); err != nil {
				return err
			}
		}
		x.ResponseDue, x.CloseDue = FindingDeadlines(f, &a, x.Grade, p)
		if x.ID, err = tx.NextID(KindFinding); err != nil {
			return err
		}
		if err := tx.Put(&x); err != nil {
			return err
		}
		return refresh(tx, a.CertificationID, p)
	})
	return x.ID, err
}

// changeFinding runs one step of a finding's workflow.
func (s *Service) changeFinding(ctx context.Context, command string, id ID, edit func(*Finding) error) error {
	return s.update(ctx, command, fmt.Sprintf("%s finding %d", command, id), func(tx Tx) error {
		var x Finding
		if err := tx.Get(id, &x); err != nil {
			return err
		}
		if !x.Grade.IsNC() {
			return refuse(RuleFindingWorkflow, "finding %d is a %s: it needs no response", id, x.Grade.Label())
		}
		if err := edit(&x); err != nil {
			return err
		}
		if err := x.Validate(); err != nil {
			return err
		}
		if err := tx.Put(&x); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		return refresh(tx, x.CertificationID, p)
	})
}

// RecordResponse records the client's root cause, correction and
// corrective action. A new response after a rejected one replaces it.
func (s *Service) RecordResponse(ctx context.Context, findingID ID, r Response) error {
	return s.changeFinding(ctx, "record-response", findingID, func(x *Finding) error {
		return respond(x, r, s.Today())
	})
}

// respond is RecordResponse's rule, shared with ApplyResponses (the
// response workbook, responses.go): a response is recorded until the
// plan is accepted; a new one after a rejection keeps the rejection.
func respond(x *Finding, r Response, today Date) error {
	if x.Verification != nil || (x.Review != nil && x.Review.Accepted) {
		return refuse(RuleFindingWorkflow, "the plan for finding %d was already accepted", x.ID)
	}
	if r.Received.IsZero() {
		r.Received = today
	}
	if x.Review != nil {
		// A new response after a rejected one: keep the rejection.
		x.Rejected = append(x.Rejected, *x.Review)
		x.Review = nil
	}
	x.Response = &r
	return nil
}

// ReviewResponse records the body's acceptance or rejection of the response.
func (s *Service) ReviewResponse(ctx context.Context, findingID ID, rv Review) error {
	return s.changeFinding(ctx, "review-response", findingID, func(x *Finding) error {
		if x.Response == nil {
			return refuse(RuleFindingWorkflow, "finding %d has no response to review yet", x.ID)
		}
		if x.Review != nil && x.Review.Accepted {
			return refuse(RuleFindingWorkflow, "the plan for finding %d was already accepted", x.ID)
		}
		if rv.On.IsZero() {
			rv.On = s.Today()
		}
		if rv.By == 0 {
			rv.By = s.actor.PersonID
		}
		x.Review = &rv
		return nil
	})
}

// VerifyFinding records that the corrective action was verified effective.
func (s *Service) VerifyFinding(ctx context.Context, findingID ID, v Verification) error {
	return s.changeFinding(ctx, "verify-finding", findingID, func(x *Finding) error {
		if x.Verification != nil {
			return refuse(RuleFindingWorkflow, "finding %d is already verified", x.ID)
		}
		if v.On.IsZero() {
			v.On = s.Today()
		}
		if v.By == 0 {
			v.By = s.actor.PersonID
		}
		x.Verification = &v
		return nil
	})
}

// EscalateFinding raises an overdue minor nonconformity to a major, where
// the body's policy allows it (escalate_overdue_minor, off by default):
// the client did not answer in time, so the lapse is treated as a
// systemic failure. The finding then needs verification like any major,
// with a close deadline counted from the escalation date.
func (s *Service) EscalateFinding(ctx context.Context, findingID ID, on Date) error {
	if on.IsZero() {
		on = s.Today()
	}
	return s.update(ctx, "escalate-finding", fmt.Sprintf("escalate finding %d to major", findingID), func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		if !p.EscalateOverdueMinor {
			return refuse(RuleEscalation, "the body's policy does not escalate overdue minors (setting escalate_overdue_minor)")
		}
		var x Finding
		if err := tx.Get(findingID, &x); err != nil {
			return err
		}
		if x.Grade != Minor {
			return refuse(RuleEscalation, "finding %d is a %s: only a minor nonconformity can be escalated", x.ID, x.Grade.Label())
		}
		if st := x.Status(); st == FindingPlanAccepted || st == FindingVerified || st == FindingResponded {
			return refuse(RuleEscalation, "the client answered finding %d (%s): review the response instead", x.ID, st)
		}
		if x.ResponseDue == 0 || on <= x.ResponseDue {
			return refuse(RuleEscalation, "the response to finding %d is due %s: it is not overdue on %s", x.ID, x.ResponseDue, on)
		}
		x.EscalatedFrom, x.Grade = Minor, Major
		x.CloseDue = on.AddDays(p.MajorCloseDays)
		var c Certification
		if err := tx.Get(x.CertificationID, &c); err != nil {
			return err
		}
		if cur, ok := c.Current(); ok && on <= cur.Expiry {
			x.CloseDue = min(x.CloseDue, cur.Expiry) // never after the certificate's expiry
		}
		if err := tx.Put(&x); err != nil {
			return err
		}
		return refresh(tx, x.CertificationID, p)
	})
}

// Decide records a certification decision after every gate has passed,
// and applies it: a grant or renewal opens a cycle and issues a
// certificate revision; suspend, restore and withdraw change the
// certificate's status; scope decisions reissue it.
func (s *Service) Decide(ctx context.Context, d Decision) (ID, error) {
	d.ID, d.CertificateID = 0, 0
	if d.Date.IsZero() {
		d.Date = s.Today()
	}
	err := s.update(ctx, "decide", fmt.Sprintf("%s certification %d", d.Kind, d.CertificationID), func(tx Tx) error {
		f, err := LoadFile(tx, d.CertificationID)
		if err != nil {
			if errors.Is(err, ErrNotFound) {
				return invalid("decision", "certification_id", "there is no certification %d", d.CertificationID)
			}
			return err
		}
		d.ClientID = f.Certification.ClientID
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		makers, err := people(tx, d.Makers)
		if err != nil {
			return err
		}
		dc := DecisionContext{Policy: p}
		for i, id := range d.Makers {
			m, ok := makers[id]
			if !ok {
				return invalid("decision", fmt.Sprintf("makers[%d]", i), "there is no person %d in the register", id)
			}
			dc.Makers = append(dc.Makers, m)
		}
		if dc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(d.ClientID))); err != nil {
			return err
		}
		if d.ID, err = tx.NextID(KindDecision); err != nil {
			return err
		}
		cycle, err := CheckDecision(f, &d, dc)
		if err != nil {
			return err
		}
		d.Snapshot = FileBefore(f, &d).Snapshot(cycle)
		if err := applyDecision(tx, f, &d, p); err != nil {
			return err
		}
		if err := tx.Put(&d); err != nil {
			return err
		}
		return refresh(tx, d.CertificationID, p)
	})
	return d.ID, err
}

func applyDecision(tx Tx, f *File, d *Decision, p Policy) error {
	c := &f.Certification
	cert, _ := f.Certificate()
	switch d.Kind {
	case Grant:
		cy := Cycle{Number: f.PendingCycle(), Start: d.Date, Decided: d.Date, Expiry: p.Expiry(d.Date), Initial: true, DecisionID: d.ID}
		c.Cycles = append(c.Cycles, cy)
		number := p.CertificateNumber(c.Standard, d.Date.Year(), c.ID)
		if cert != nil {
			number = cert.Number // a re-certification after a lapse keeps the number
		}
		return issue(tx, f, d, cert, Certificate{Number: number, OriginalDate: d.Date, Expiry: cy.Expiry})
	case Refuse:
		c.Closed = d.Date
		return tx.Put(c)
	case Renew:
		cur, _ := c.Current()
		return renew(tx, f, d, cert, cur, p)
	case Restore:
		cur, _ := c.Current()
		if cert.StatusOn(d.Date) == CertExpired {
			return renew(tx, f, d, cert, cur, p)
		}
		cert.Events = append(cert.Events, CertificateEvent{Date: d.Date, Status: CertActive, DecisionID: d.ID})
		d.CertificateID = cert.ID
		return tx.Put(cert)
	case Suspend, Withdraw:
		st := CertSuspended
		if d.Kind == Withdraw {
			st = CertWithdrawn
			c.Closed = d.Date
			if err := tx.Put(c); err != nil {
				return err
			}
		}
		cert.Events = append(cert.Events, CertificateEvent{Date: d.Date, Status: st, DecisionID: d.ID})
		d.CertificateID = cert.ID
		return tx.Put(cert)
	case ExtendScope, ReduceScope:
		c.Scope = d.NewScope
		next := *cert
		next.Scope = d.NewScope
		return issue(tx, f, d, cert, next)
	case Maintain:
		d.CertificateID = cert.ID
		return nil
	}
	return nil
}

// renew opens the next cycle: the new expiry continues from the old one,
// and the certificate takes effect on the decision date (after expiry
// when restored, so that the gap shows).
func renew(tx Tx, f *File, d *Decision, cert *Certificate, cur Cycle, p Policy) error {
	c := &f.Certification
	// RULES: the new expiry is the old expiry + 3 years, whatever the
	// expiry policy (which governs the first cycle).
	start := cur.Expiry.AddDays(1)
	cy := Cycle{Number: cur.Number + 1, Start: start, Decided: d.Date, Expiry: cur.Expiry.AddMonths(12 * CycleYears), DecisionID: d.ID}
	c.Cycles = append(c.Cycles, cy)
	next := *cert
	next.Expiry = cy.Expiry
	return issue(tx, f, d, cert, next)
}

// issue writes a new certificate revision that supersedes prev (if any)
// and makes it the certification's current certificate.
func issue(tx Tx, f *File, d *Decision, prev *Certificate, next Certificate) error {
	c := &f.Certification
	id, err := tx.NextID(KindCertificate)
	if err != nil {
		return err
	}
	next.ID, next.CertificationID, next.ClientID = id, c.ID, c.ClientID
	next.Standard, next.Scope, next.IssueDate = c.Standard, c.Scope, d.Date
	next.Revision, next.Events, next.SupersededBy, next.SupersededOn = 1, nil, 0, 0
	if prev != nil {
		next.Revision = prev.Revision + 1
		prev.SupersededBy, prev.SupersededOn = id, d.Date
		if err := tx.Put(prev); err != nil {
			return err
		}
	}
	next.Sites = certificateSites(&f.Client, c)
	if prev != nil {
		// A reissue (scope change, renewal) does not lift a suspension in
		// force: the new revision starts suspended.
		if _, on := prev.SuspendedSince(d.Date); on && d.Kind != Restore {
			next.Events = []CertificateEvent{{Date: d.Date, Status: CertSuspended, DecisionID: d.ID}}
		}
	}
	c.CertificateID = id
	d.CertificateID = id
	if err := tx.Put(&next); err != nil {
		return err
	}
	return tx.Put(c)
}

func certificateSites(cl *Client, c *Certification) []CertificateSite {
	if len(cl.Sites) == 0 {
		return []CertificateSite{{Code: "", Address: cl.RegisteredAddress, Scope: c.Scope}}
	}
	var out []CertificateSite
	for _, s := range cl.Sites {
		scope := c.Scope
		if c.SiteScopes != nil {
			sc, ok := c.SiteScopes[s.Code]
			if !ok {
				continue
			}
			scope = sc
		}
		out = append(out, CertificateSite{Code: s.Code, Address: s.Address, Scope: scope})
	}
	return out
}

// refresh recomputes and stores a certification's obligations.
func refresh(tx Tx, certificationID ID, p Policy) error {
	f, err := LoadFile(tx, certificationID)
	if err != nil {
		return err
	}
	return tx.Put(&ObligationSet{CertificationID: certificationID, ClientID: f.Certification.ClientID, Items: Obligations(f, p)})
}

// Schedule lists what falls due by asOf+within days and everything
// overdue on asOf: open obligations only, read through the due-date and
// lapse-date indexes, overdue first, then by due date.
func (s *Service) Schedule(ctx context.Context, asOf Date, within int) ([]Obligation, error) {
	var out []Obligation
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		horizon := asOf.AddDays(within)
		// Key-only index scans: certifications with an obligation due by
		// the horizon that never lapses, or one that lapses, is due by
		// the horizon and has not lapsed yet.
		var ids []ID
		seen := map[ID]bool{}
		add := func(id ID) {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		end := DateKey(horizon.AddDays(1))
		if err := tx.Range(IndexDue, nil, end, func(_ []byte, id ID) error { add(id); return nil }); err != nil {
			return err
		}
		dueLapsing := map[ID]bool{}
		if err := tx.Range(IndexDueLapsing, nil, end, func(_ []byte, id ID) error { dueLapsing[id] = true; return nil }); err != nil {
			return err
		}
		if err := tx.Range(IndexLapse, DateKey(asOf), nil, func(_ []byte, id ID) error {
			if dueLapsing[id] {
				add(id)
			}
			return nil
		}); err != nil {
			return err
		}
		// As of a past date: obligations done after it were still open.
		if err := tx.Range(IndexDoneOn, DateKey(asOf.AddDays(1)), nil, func(_ []byte, id ID) error { add(id); return nil }); err != nil {
			return err
		}
		for _, id := range ids {
			var set ObligationSet
			set.CertificationID = id
			if err := tx.Get(id, &set); err != nil {
				return err
			}
			for _, o := range set.Items {
				if o.Due > horizon {
					continue
				}
				o.State = o.StateOn(asOf, p.DueSoonDays)
				if o.State == StateDone || o.State == StateLapsed || o.State == StateNotOpen {
					continue
				}
				out = append(out, o)
			}
		}
		return nil
	})
	SortObligations(out)
	return out, err
}

// SortObligations puts overdue first, then by due date, client and kind.
func SortObligations(out []Obligation) {
	rank := func(s ObligationState) int {
		if s == StateOverdue {
			return 0
		}
		return 1
	}
	slices.SortStableFunc(out, func(a, b Obligation) int {
		if r := rank(a.State) - rank(b.State); r != 0 {
			return r
		}
		if a.Due != b.Due {
			return int(a.Due) - int(b.Due)
		}
		if a.ClientName != b.ClientName {
			return strings.Compare(a.ClientName, b.ClientName)
		}
		return strings.Compare(string(a.Kind), string(b.Kind))
	})
}

// ObligationsOf returns every obligation of one certification with its
// state on asOf, done ones included.
func (s *Service) ObligationsOf(ctx context.Context, certificationID ID, asOf Date) ([]Obligation, error) {
	var out []Obligation
	err := s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		f, err := LoadFile(tx, certificationID)
		if err != nil {
			return err
		}
		out = Obligations(f, p)
		for i := range out {
			out[i].State = out[i].StateOn(asOf, p.DueSoonDays)
		}
		return nil
	})
	return out, err
}

// CertificateState is a current certificate with its status on a date.
type CertificateState struct {
	Certificate
	ClientName string            `json:"client_name"`
	Status     CertificateStatus `json:"status"`
	AsOf       Date              `json:"as_of"`
}

// Statuses lists every certificate in the revision in force on asOf
// (certificates not yet issued then are left out) with its status
// derived on that date.
func (s *Service) Statuses(ctx context.Context, asOf Date) ([]CertificateState, error) {
	var out []CertificateState
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		out, err = certificateStates(tx, asOf)
		return err
	})
	return out, err
}

// LoadCertificateStates is Statuses in a transaction.
func LoadCertificateStates(tx Tx, asOf Date) ([]CertificateState, error) {
	return certificateStates(tx, asOf)
}

// certificateStates is Statuses in a transaction.
func certificateStates(tx Tx, asOf Date) ([]CertificateState, error) {
	var out []CertificateState
	lk := newLookups(tx)
	err := tx.Each(KindCertificate, func(id ID, decode func(Record) error) error {
		var c Certificate
		if err := decode(&c); err != nil {
			return err
		}
		// The revision in force on asOf: issued by then and not yet
		// superseded (the latest revision for dates after it).
		if !c.InForceOn(asOf) {
			return nil
		}
		name, err := lk.clientName(c.ClientID)
		if err != nil {
			return err
		}
		out = append(out, CertificateState{Certificate: c, ClientName: name, Status: c.StatusOn(asOf), AsOf: asOf})
		return nil
	})
	return out, err
}

// File reads a certification's file.
func (s *Service) File(ctx context.Context, certificationID ID) (*File, error) {
	var f *File
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		f, err = LoadFile(tx, certificationID)
		return err
	})
	return f, err
}
