package certification

// The integrated audit commands: plan the audits of one visit together,
// keep them one event as they change, share the answers of harmonised
// clauses, and let an audit leave (see integrated.go).

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/sampling"
)

// preparePlan reads the file of a new audit's certification and fills in
// what the service assigns: the client, the cycle, the planned status
// and no results yet. PlanAudit and PlanIntegratedAudit share it.
func preparePlan(tx Tx, a *Audit) (*File, error) {
	a.ID, a.Status = 0, AuditPlanned
	a.ActualStart, a.ActualEnd, a.ActualDays, a.ReportDate = 0, 0, 0, 0
	a.Stage1Outcome, a.Recommendation, a.Checklist, a.IntegratedWith, a.Hold = "", "", nil, nil, nil
	f, err := LoadFile(tx, a.CertificationID)
	if err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, invalid("audit", "certification_id", "there is no certification %d", a.CertificationID)
		}
		return nil, err
	}
	a.ClientID = f.Certification.ClientID
	a.Cycle = auditCycle(f, a.Kind)
	return f, nil
}

// checkPlan applies the planning rules to a prepared audit.
func checkPlan(tx Tx, f *File, a *Audit, p Policy) error {
	team, err := people(tx, teamIDs(a))
	if err != nil {
		return err
	}
	if err := CheckPlanAudit(f, a, team, p); err != nil {
		return err
	}
	stampRequired(f, a) // audittime.go
	return nil
}

// planIntegrated prepares and checks the audits of an integrated audit:
// a for its certification, then one per part, each through its own
// certification's planning rules. It writes nothing.
func planIntegrated(tx Tx, a Audit, parts []IntegratedPart, p Policy) ([]Audit, error) {
	if len(parts) == 0 {
		return nil, invalid("integrated audit", "parts", "name at least one other certification of the client to audit together with certification %d", a.CertificationID)
	}
	all := append([]IntegratedPart{{CertificationID: a.CertificationID, PlannedDays: a.PlannedDays}}, parts...)
	out := make([]Audit, len(all))
	files := make([]*File, len(all))
	for i, part := range all {
		x := a
		x.CertificationID, x.PlannedDays = part.CertificationID, part.PlannedDays
		x.Sites, x.Team = slices.Clone(a.Sites), slices.Clone(a.Team)
		f, err := preparePlan(tx, &x)
		if err != nil {
			if i > 0 {
				var ve *ValidationError
				if errors.As(err, &ve) {
					ve.Field = fmt.Sprintf("parts[%d].certification_id", i-1)
				}
			}
			return nil, err
		}
		c := &f.Certification
		if i > 0 {
			lead := &files[0].Certification
			if c.ClientID != lead.ClientID {
				return nil, refuse(RuleIntegratedAudit, "certification %d (%s) is %s's, not %s's: an integrated audit covers certifications of one client", c.ID, c.Standard, f.Client.DisplayName(), files[0].Client.DisplayName())
			}
			for j := range i {
				if o := &files[j].Certification; o.Standard == c.Standard {
					return nil, refuse(RuleIntegratedAudit, "certifications %d and %d are both %s: an integrated audit covers different standards, each once", o.ID, c.ID, c.Standard)
				}
			}
		}
		out[i], files[i] = x, f
	}
	for i := range out {
		// Part of an integrated audit (its required time may be reduced):
		// the audits are numbered, and IntegratedWith set, once planned.
		out[i].IntegratedWith = make([]ID, len(out)-1)
		if err := checkPlan(tx, files[i], &out[i], p); err != nil {
			return nil, partError(err, &files[i].Certification, len(out) > 1)
		}
	}
	return out, nil
}

// partError says which certification of an integrated audit a refusal
// is about.
func partError(err error, c *Certification, several bool) error {
	if !several {
		return err
	}
	what := fmt.Sprintf("for certification %d (%s): ", c.ID, c.Standard)
	var re *RuleError
	if errors.As(err, &re) {
		return &RuleError{Rule: re.Rule, Msg: what + re.Msg}
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return &ValidationError{Record: strings.TrimSpace(ve.Record + " " + what[:len(what)-2]), Field: ve.Field, Msg: ve.Msg}
	}
	return err
}

// PlanIntegratedAudit plans an integrated audit: audit a for its
// certification and, on the same dates with the same team and sites, an
// audit of the same kind for each part (another certification of the
// same client, to another standard) with the part's auditor-days. Each
// audit is checked by its own certification's planning rules; all are
// planned in one transaction or none is. It returns the audits' ids, a's
// first, then the parts' in order.
func (s *Service) PlanIntegratedAudit(ctx context.Context, a Audit, parts []IntegratedPart) ([]ID, error) {
	if s.body != nil {
		return proposed[[]ID](s.propose(ctx, call("plan-integrated-audit", a, parts)))
	}
	certs := []string{a.CertificationID.String()}
	for _, p := range parts {
		certs = append(certs, p.CertificationID.String())
	}
	var ids []ID
	summary := fmt.Sprintf("plan integrated %s audit of certifications %s", a.Kind, strings.Join(certs, ", "))
	err := s.update(ctx, call("plan-integrated-audit", a, parts), summary, func(tx Tx) error {
		ids = nil
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		audits, err := planIntegrated(tx, a, parts, p)
		if err != nil {
			return err
		}
		for i := range audits {
			if audits[i].ID, err = tx.NextID(KindAudit); err != nil {
				return err
			}
			ids = append(ids, audits[i].ID)
		}
		for i := range audits {
			audits[i].IntegratedWith = slices.DeleteFunc(slices.Clone(ids), func(id ID) bool { return id == audits[i].ID })
			if err := tx.Put(&audits[i]); err != nil {
				return err
			}
		}
		for i := range audits {
			if err := refresh(tx, audits[i].CertificationID, p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// DraftIntegratedAudit checks an integrated audit as PlanIntegratedAudit
// would, without saving it, so that a form can show a refusal first.
func (s *Service) DraftIntegratedAudit(ctx context.Context, a Audit, parts []IntegratedPart) error {
	return s.store.View(ctx, func(tx Tx) error {
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		_, err = planIntegrated(tx, a, parts, p)
		return err
	})
}

// ---- keeping the audits in step ----

// integratedChange is the part of change ch that applies to every audit
// of an integrated audit: the dates, sites (and their sample) and team,
// and the status steps that the visit takes as one (confirmed, in
// progress, cancelled). It reports whether there is any.
func integratedChange(ch AuditChange) (AuditChange, bool) {
	out := AuditChange{
		PlannedStart: ch.PlannedStart, PlannedEnd: ch.PlannedEnd,
		ActualStart: ch.ActualStart, ActualEnd: ch.ActualEnd,
		Sites: ch.Sites, Sample: ch.Sample, Team: ch.Team,
	}
	if ch.Status != nil {
		switch *ch.Status {
		case AuditConfirmed, AuditInProgress, AuditCancelled:
			out.Status = ch.Status
		}
	}
	some := out.PlannedStart != nil || out.PlannedEnd != nil || out.ActualStart != nil || out.ActualEnd != nil ||
		out.Sites != nil || out.Sample != nil || out.Team != nil || out.Status != nil
	return out, some
}

// statusRank orders the open statuses along the workflow.
var statusRank = map[AuditStatus]int{AuditPlanned: 0, AuditConfirmed: 1, AuditInProgress: 2, AuditReportDrafted: 3, AuditClosed: 4}

// sameEvent reports whether two audits agree on what an integrated audit
// shares.
func sameEvent(a, b *Audit) bool {
	return a.PlannedStart == b.PlannedStart && a.PlannedEnd == b.PlannedEnd && a.ActualStart == b.ActualStart && a.ActualEnd == b.ActualEnd &&
		slices.Equal(a.Sites, b.Sites) && slices.Equal(a.Team, b.Team) && samePtr(a.Sample, b.Sample)
}

func samePtr(a, b *sampling.Sample) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Seed == b.Seed && a.Kind == b.Kind && slices.Equal(a.Visit, b.Visit)
}

// syncIntegrated makes the part of change ch that concerns the whole
// integrated audit (see integratedChange) to every other audit of it,
// after ChangeAudit changed audit a.
// Each other audit is checked by its own rules, as ChangeAudit checks
// one: if one cannot take the change, the whole change is refused, with
// the reason. A cancelled audit has left the integrated audit and is left
// alone; a closed one refuses any change to the shared dates, sites and
// team.
func syncIntegrated(tx Tx, a *Audit, ch AuditChange, p Policy) error {
	if len(a.IntegratedWith) == 0 {
		return nil
	}
	sub, some := integratedChange(ch)
	if !some {
		return nil
	}
	for _, id := range a.IntegratedWith {
		if err := changeSibling(tx, a, id, sub, p); err != nil {
			return err
		}
	}
	return nil
}

// changeSibling applies the shared change ch to audit id, integrated with
// audit a, with the checks ChangeAudit makes.
func changeSibling(tx Tx, a *Audit, id ID, ch AuditChange, p Policy) error {
	var sb Audit
	if err := tx.Get(id, &sb); err != nil {
		if errors.Is(err, ErrNotFound) {
			return invalid("audit "+a.ID.String(), "integrated_with", "names audit %d, which does not exist", id)
		}
		return err
	}
	if sb.Status == AuditCancelled {
		return nil // it left the integrated audit
	}
	before := sb
	ch.apply(&sb)
	if ch.Status != nil {
		target := *ch.Status
		switch {
		case target == AuditCancelled:
		case statusRank[sb.Status] >= statusRank[target]:
			ch.Status = nil // already there (or further on)
		}
	}
	if ch.Status == nil && sameEvent(&before, &sb) {
		return nil
	}
	var c Certification
	if err := tx.Get(sb.CertificationID, &c); err != nil {
		return err
	}
	wrap := func(err error) error { return siblingError(err, a, &before, &c) }
	if sb.Status == AuditClosed {
		if ch.Status != nil && *ch.Status == AuditCancelled {
			return refuse(RuleIntegratedAudit, "audit %d is integrated with audit %d (%s), which is closed: cancelling would cancel the whole integrated audit. Take audit %d out of the integrated audit first (it then changes on its own)",
				a.ID, sb.ID, c.Standard, a.ID)
		}
		return refuse(RuleIntegratedAudit, "audit %d is integrated with audit %d (%s), which is closed: an integrated audit is one visit, and that audit's dates (%s to %s), sites and team can no longer change. Keep them, or take audit %d out of the integrated audit first",
			a.ID, sb.ID, c.Standard, before.Start(), before.LastDay(), a.ID)
	}
	f, err := LoadFile(tx, sb.CertificationID)
	if err != nil {
		return err
	}
	oldLast := before.LastDay()
	if err := checkAuditEdit(f, &before, &sb, ch); err != nil {
		return wrap(err)
	}
	switch {
	case ch.Status != nil && *ch.Status == AuditCancelled:
	case ch.replans() || (ch.Status != nil && (*ch.Status == AuditConfirmed || *ch.Status == AuditInProgress)):
		if err := checkPlan(tx, f, &sb, p); err != nil {
			return wrap(err)
		}
	default:
		if err := sb.Validate(); err != nil {
			return wrap(err)
		}
	}
	if ch.Status != nil && *ch.Status != sb.Status {
		if err := sb.CheckTransition(*ch.Status); err != nil {
			return wrap(err)
		}
		if err := checkTimeStep(&sb, *ch.Status, p); err != nil {
			return wrap(err)
		}
		sb.Status = *ch.Status
		endHold(&sb)
	}
	if teamGated(&before, &sb, ch) {
		tc, err := teamContext(tx, &sb, p)
		if err != nil {
			return err
		}
		if err := CheckTeamGate(&sb, CheckTeam(f, &sb, tc), p); err != nil {
			return wrap(err)
		}
	}
	if err := tx.Put(&sb); err != nil {
		return err
	}
	if sb.LastDay() != oldLast {
		if err := redateFindings(tx, f, &sb, p); err != nil {
			return err
		}
	}
	return refresh(tx, sb.CertificationID, p)
}

// siblingError says that a refusal comes from another audit of the
// integrated audit, and that the change is refused as a whole.
func siblingError(err error, a, sb *Audit, c *Certification) error {
	what := fmt.Sprintf("audit %d is integrated with audit %d (%s), which takes the same change and refuses it: ", a.ID, sb.ID, c.Standard)
	var re *RuleError
	if errors.As(err, &re) {
		return &RuleError{Rule: re.Rule, Msg: what + re.Msg}
	}
	var ve *ValidationError
	if errors.As(err, &ve) {
		return &ValidationError{Record: ve.Record, Field: ve.Field, Msg: what + ve.Msg}
	}
	return err
}

// LeaveIntegratedAudit takes an audit out of its integrated audit (the
// client drops one certification from the visit, say): the other audits
// no longer name it, and it no longer names them. Its dates, team and
// checklist stay as they are; from then on it changes on its own.
func (s *Service) LeaveIntegratedAudit(ctx context.Context, auditID ID) error {
	return s.update(ctx, call("leave-integrated-audit", auditID), fmt.Sprintf("audit %d leaves its integrated audit", auditID), func(tx Tx) error {
		var a Audit
		if err := tx.Get(auditID, &a); err != nil {
			return err
		}
		if len(a.IntegratedWith) == 0 {
			return refuse(RuleIntegratedAudit, "audit %d is not part of an integrated audit", a.ID)
		}
		if a.Status == AuditClosed {
			return refuse(RuleAuditNotOpen, "audit %d is closed: it stays part of the integrated audit it was carried out in", a.ID)
		}
		others, err := existing[Audit](tx, a.IntegratedWith)
		if err != nil {
			return err
		}
		for _, o := range others {
			o.IntegratedWith = slices.DeleteFunc(o.IntegratedWith, func(x ID) bool { return x == a.ID })
			if len(o.IntegratedWith) == 0 {
				o.IntegratedWith = nil
			}
			if err := tx.Put(&o); err != nil {
				return err
			}
		}
		a.IntegratedWith = nil
		return tx.Put(&a)
	})
}

// ---- the checklist answered once ----

// shareChecklist writes entry e, just recorded on audit a (to standard
// std), to every other audit of a's integrated audit that is open for
// checklist work (in progress or report drafted) when e is on a clause
// they share. Closed and cancelled audits are not touched. A result is
// never written below what the other audit's own findings on the clause
// say (a major there stays a major).
func shareChecklist(tx Tx, a *Audit, std Standard, e ChecklistEntry) error {
	siblings, err := existing[Audit](tx, a.IntegratedWith)
	if err != nil {
		return err
	}
	for _, sb := range siblings {
		if sb.Status != AuditInProgress && sb.Status != AuditReportDrafted {
			continue
		}
		var c Certification
		if err := tx.Get(sb.CertificationID, &c); err != nil {
			return err
		}
		ref, ok := SharedClause(std, e.Ref, c.Standard)
		if !ok {
			continue
		}
		x := e
		x.Ref = ref
		fs, err := lookupAll[Finding](tx, IndexFindingByAudit, U64(uint64(sb.ID)))
		if err != nil {
			return err
		}
		for _, fd := range fs {
			if r := gradeResult(fd.Grade); fd.Reference == ref && (fd.Grade.IsNC() || fd.Grade == OFI) && r.severity() > x.Result.severity() {
				x.Result = r
			}
		}
		sb.setEntry(x)
		if err := tx.Put(&sb); err != nil {
			return err
		}
	}
	return nil
}
