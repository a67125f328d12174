package certification

// What the gates would say before a command runs: a draft decision or
// audit checked without writing, and the team check.

import (
	"context"
)

// DraftDecision evaluates a draft decision against every gate without
// recording it, and returns the file the committee would decide on.
func (s *Service) DraftDecision(ctx context.Context, d Decision) (*File, []Gate, error) {
	var f *File
	var gs []Gate
	err := s.store.View(ctx, func(tx Tx) error {
		var p Policy
		var err error
		if f, p, err = loadFileAndPolicy(tx, d.CertificationID); err != nil {
			return err
		}
		dc := DecisionContext{Policy: p}
		makers, err := people(tx, d.Makers)
		if err != nil {
			return err
		}
		for _, id := range d.Makers {
			if m, ok := makers[id]; ok {
				dc.Makers = append(dc.Makers, m)
			}
		}
		if dc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(f.Certification.ClientID))); err != nil {
			return err
		}
		if d.Date.IsZero() {
			d.Date = s.Today()
		}
		_, gs = EvaluateDecision(f, &d, dc)
		if g, ok := futureDecisionGate(&d, s.Today()); ok { // future.go
			gs = append([]Gate{g}, gs...)
		}
		return nil
	})
	return f, gs, err
}

// DraftAudit checks a planned audit against the planning rules without
// saving it, so that a form can show a refusal before the user saves.
func (s *Service) DraftAudit(ctx context.Context, a Audit) error {
	return s.store.View(ctx, func(tx Tx) error {
		f, p, err := loadFileAndPolicy(tx, a.CertificationID)
		if err != nil {
			return err
		}
		a.ClientID = f.Certification.ClientID
		a.Cycle = auditCycle(f, a.Kind)
		if a.Status == "" {
			a.Status = AuditPlanned
		}
		team, err := people(tx, teamIDs(&a))
		if err != nil {
			return err
		}
		return CheckPlanAudit(f, &a, team, p)
	})
}

// CheckAuditTeam runs the team check for an audit as planned (a draft
// need not be saved: give its certification, kind, dates and team; a
// saved audit also by its id alone).
func (s *Service) CheckAuditTeam(ctx context.Context, a Audit) (TeamCheck, error) {
	var out TeamCheck
	err := s.store.View(ctx, func(tx Tx) error {
		if a.ID != 0 && a.CertificationID == 0 {
			if err := tx.Get(a.ID, &a); err != nil {
				return err
			}
		}
		f, p, err := loadFileAndPolicy(tx, a.CertificationID)
		if err != nil {
			return err
		}
		a.ClientID = f.Certification.ClientID
		tc, err := teamContext(tx, &a, p)
		if err != nil {
			return err
		}
		out = CheckTeam(f, &a, tc)
		return nil
	})
	return out, err
}

// teamContext reads what CheckTeam needs for audit a: its team's
// records, the client's audits (rotation) and the audits that could
// overlap it (double booking).
func teamContext(tx Tx, a *Audit, p Policy) (TeamContext, error) {
	tc := TeamContext{Policy: p}
	var err error
	if tc.People, err = people(tx, teamIDs(a)); err != nil {
		return tc, err
	}
	if tc.ClientAudits, err = lookupAll[Audit](tx, IndexAuditByClient, U64(uint64(a.ClientID))); err != nil {
		return tc, err
	}
	// The members' other audits that could overlap: those starting from
	// a month before this one to its last day (no audit lasts a month),
	// read through each member's month index rather than every audit of
	// those months (which grows with the number of clients).
	seen := map[ID]bool{}
	for _, pid := range teamIDs(a) {
		lo, hi := PersonMonthKey(pid, int(a.Start().AddMonths(-1))/100), PersonMonthKey(pid, int(a.LastDay())/100+1)
		if err := rangeAudits(tx, IndexAuditByPerson, lo, hi, seen, &tc.Others); err != nil {
			return tc, err
		}
	}
	return tc, nil
}
