package certification

import (
	"context"
	"fmt"
)

// SetAuditTimeTerms records what the contract agreed about a
// certification's audit time: the adjustments (each a percentage with its
// written reason, reductions together at most 30 %) and the reduction for
// an integrated audit (0–20 %). Audits planned from then on are checked
// against the time they give; audits already planned keep their days
// until re-planned.
func (s *Service) SetAuditTimeTerms(ctx context.Context, certificationID ID, t AuditTimeTerms) error {
	return s.update(ctx, call("set-audit-time-terms", certificationID, t), fmt.Sprintf("audit-time terms of certification %d", certificationID), func(tx Tx) error {
		var c Certification
		if err := tx.Get(certificationID, &c); err != nil {
			return err
		}
		c.AuditTime = t
		if err := c.Validate(); err != nil {
			return err
		}
		return tx.Put(&c)
	})
}

// RequiredTimeOf calculates the audit time audit a requires (a draft
// need not be saved: give its certification, kind and, for an integrated
// audit, IntegratedWith; a saved audit also by its id alone), for a form
// to show next to the planned days.
func (s *Service) RequiredTimeOf(ctx context.Context, a Audit) (RequiredTime, error) {
	var out RequiredTime
	err := s.store.View(ctx, func(tx Tx) error {
		if a.ID != 0 && a.CertificationID == 0 {
			if err := tx.Get(a.ID, &a); err != nil {
				return err
			}
		}
		f, err := LoadFile(tx, a.CertificationID)
		if err != nil {
			return err
		}
		out, err = RequiredAuditTime(f, &a)
		return err
	})
	return out, err
}

// PlanAtRequiredTime is PlanAudit with the planned auditor-days raised to
// the time the audit requires where they are below it: how the demo
// generator and the test fixtures, which plan by example, plan.
func (s *Service) PlanAtRequiredTime(ctx context.Context, a Audit) (ID, error) {
	return s.PlanAudit(ctx, s.AtRequiredTime(ctx, a))
}

// AtRequiredTime returns audit a with its planned auditor-days raised to
// the time it requires where they are below it (left as they are when
// the time cannot be calculated: planning then says why).
func (s *Service) AtRequiredTime(ctx context.Context, a Audit) Audit {
	if req, err := s.RequiredTimeOf(ctx, a); err == nil && req.HasMinimum {
		a.PlannedDays = max(a.PlannedDays, req.Days)
	}
	return a
}

// PlanIntegratedAtRequiredTime is PlanIntegratedAudit with a's and each
// part's planned auditor-days raised to the time each requires as part
// of the integrated audit (see PlanAtRequiredTime).
func (s *Service) PlanIntegratedAtRequiredTime(ctx context.Context, a Audit, parts []IntegratedPart) ([]ID, error) {
	a.IntegratedWith = make([]ID, len(parts)) // part of an integrated audit: see RequiredAuditTime
	a = s.AtRequiredTime(ctx, a)
	out := make([]IntegratedPart, len(parts))
	for i, p := range parts {
		x := a
		x.CertificationID, x.PlannedDays = p.CertificationID, p.PlannedDays
		out[i] = IntegratedPart{CertificationID: p.CertificationID, PlannedDays: s.AtRequiredTime(ctx, x).PlannedDays}
	}
	a.IntegratedWith = nil
	return s.PlanIntegratedAudit(ctx, a, out)
}
