package certification

// The commands of complaints and appeals (complaint.go): a case is
// received, then acknowledged, investigated, decided and closed, each
// step one journal entry replayed by every desk.

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ReceiveCase records a complaint or an appeal received on c.Received
// (default today). An appeal names the decision it is against; its
// certification and client are that decision's.
func (s *Service) ReceiveCase(ctx context.Context, c Case) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("receive-case", c)))
	}
	c.ID = 0
	c.Acknowledged, c.Investigated, c.Decided, c.Closed = nil, nil, nil, nil
	c.SpecialAudit, c.SpecialAuditID = false, 0
	c.Subject = strings.TrimSpace(c.Subject)
	if c.Received.IsZero() {
		c.Received = s.Today()
	}
	err := s.update(ctx, call("receive-case", c), fmt.Sprintf("%s received", c.Kind), func(tx Tx) error {
		if err := resolveCase(tx, &c); err != nil {
			return err
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := CheckNotFuture(fmt.Sprintf("the %s received on", c.Kind), c.Received, s.Today()); err != nil {
			return err
		}
		return insert(tx, &c, &c.ID)
	})
	return c.ID, err
}

// resolveCase checks what case c names exists and fits together, and
// fills in the client and certification its decision or audit implies.
func resolveCase(tx Tx, c *Case) error {
	rec := string(c.Kind)
	if c.DecisionID != 0 {
		var d Decision
		if err := getNamed(tx, c.DecisionID, &d, rec, "decision_id"); err != nil {
			return err
		}
		if err := sameRef(rec, "client_id", &c.ClientID, d.ClientID, fmt.Sprintf("decision %d", d.ID)); err != nil {
			return err
		}
		if err := sameRef(rec, "certification_id", &c.CertificationID, d.CertificationID, fmt.Sprintf("decision %d", d.ID)); err != nil {
			return err
		}
	}
	if c.AuditID != 0 {
		var a Audit
		if err := getNamed(tx, c.AuditID, &a, rec, "audit_id"); err != nil {
			return err
		}
		if err := sameRef(rec, "certification_id", &c.CertificationID, a.CertificationID, fmt.Sprintf("audit %d", a.ID)); err != nil {
			return err
		}
	}
	if c.CertificationID != 0 {
		var ce Certification
		if err := getNamed(tx, c.CertificationID, &ce, rec, "certification_id"); err != nil {
			return err
		}
		if err := sameRef(rec, "client_id", &c.ClientID, ce.ClientID, fmt.Sprintf("certification %d", ce.ID)); err != nil {
			return err
		}
	}
	if c.ClientID == 0 {
		return nil // Validate names it
	}
	var cl Client
	return getNamed(tx, c.ClientID, &cl, rec, "client_id")
}

// getNamed reads record id into dst, or says the field names none.
func getNamed(tx Tx, id ID, dst Record, rec, field string) error {
	err := tx.Get(id, dst)
	if errors.Is(err, ErrNotFound) {
		return invalid(rec, field, "there is no %s %d", dst.RecordKind(), id)
	}
	return err
}

// sameRef fills *field with want, refusing a different value given.
func sameRef(rec, name string, field *ID, want ID, of string) error {
	if *field != 0 && *field != want {
		return invalid(rec, name, "%d does not match %s, which is of %s %d: leave it out or name %d", *field, of, strings.TrimSuffix(name, "_id"), want, want)
	}
	*field = want
	return nil
}

// AcknowledgeCase records that case id was acknowledged to whoever made it.
func (s *Service) AcknowledgeCase(ctx context.Context, id ID, st CaseStep) error {
	return s.caseStep(ctx, "acknowledge-case", CaseAcknowledged, id, st, false, 0)
}

// InvestigateCase records the investigation of case id and its summary,
// by someone not involved in what the case is about.
func (s *Service) InvestigateCase(ctx context.Context, id ID, st CaseStep) error {
	return s.caseStep(ctx, "investigate-case", CaseInvestigated, id, st, false, 0)
}

// DecideCase records the decision on case id, by someone not involved in
// what it is about; specialAudit says a complaint calls for a special
// audit of its certification.
func (s *Service) DecideCase(ctx context.Context, id ID, st CaseStep, specialAudit bool) error {
	return s.caseStep(ctx, "decide-case", CaseDecided, id, st, specialAudit, 0)
}

// CloseCase closes case id once the decision was communicated; a
// complaint that calls for a special audit names it (specialAuditID).
func (s *Service) CloseCase(ctx context.Context, id ID, st CaseStep, specialAuditID ID) error {
	return s.caseStep(ctx, "close-case", CaseClosed, id, st, false, specialAuditID)
}

// caseStep takes step of case id: one command named name.
func (s *Service) caseStep(ctx context.Context, name string, step CaseStatus, id ID, st CaseStep, special bool, auditID ID) error {
	if st.Date.IsZero() {
		st.Date = s.Today()
	}
	if st.PersonID == 0 {
		st.PersonID = s.actor.PersonID
	}
	st.Text = strings.TrimSpace(st.Text)
	args := []any{id, st}
	switch step {
	case CaseDecided:
		args = append(args, special)
	case CaseClosed:
		args = append(args, auditID)
	}
	return s.update(ctx, call(name, args...), fmt.Sprintf("case %d %s", id, step), func(tx Tx) error {
		c, err := getCase(tx, id)
		if err != nil {
			return err
		}
		if err := CheckCaseStep(c, step, st, s.Today()); err != nil {
			return err
		}
		var p Person
		if err := getNamed(tx, st.PersonID, &p, c.String(), string(step)+".person_id"); err != nil {
			return err
		}
		inv, err := involvedIn(tx, c)
		if err != nil {
			return err
		}
		if err := CheckCaseHandler(c, step, &p, inv, st.Date); err != nil {
			return err
		}
		st.Name = p.Name
		if special {
			if c.Kind != CaseComplaint || c.CertificationID == 0 {
				return invalid(c.String(), "special_audit", "only a complaint about a certification calls for a special audit of it")
			}
			c.SpecialAudit = true
		}
		if step == CaseClosed {
			if err := closeSpecialAudit(tx, c, auditID); err != nil {
				return err
			}
		}
		c.setStep(step, &st)
		if err := c.Validate(); err != nil {
			return err
		}
		return tx.Put(c)
	})
}

// closeSpecialAudit checks the special audit named on closing c.
func closeSpecialAudit(tx Tx, c *Case, auditID ID) error {
	var a *Audit
	if auditID != 0 {
		a = new(Audit)
		if err := getNamed(tx, auditID, a, c.String(), "special_audit_id"); err != nil {
			return err
		}
	}
	if err := CheckSpecialAudit(c, a); err != nil {
		return err
	}
	c.SpecialAuditID = auditID
	return nil
}

// involvedIn reads who was involved in what case c is about.
func involvedIn(tx Tx, c *Case) (Involvement, error) {
	var d *Decision
	var a *Audit
	if c.Kind == CaseAppeal && c.DecisionID != 0 {
		d = new(Decision)
		if err := tx.Get(c.DecisionID, d); err != nil {
			return nil, err
		}
	}
	if c.Kind == CaseComplaint && c.AuditID != 0 {
		a = new(Audit)
		if err := tx.Get(c.AuditID, a); err != nil {
			return nil, err
		}
	}
	return Involved(c, d, a), nil
}

// Case reads case id.
func (s *Service) Case(ctx context.Context, id ID) (*Case, error) {
	var c *Case
	err := s.store.View(ctx, func(tx Tx) (err error) {
		c, err = getCase(tx, id)
		return err
	})
	return c, err
}

// getCase reads case id, or says there is none (wrapping ErrNotFound).
func getCase(tx Tx, id ID) (*Case, error) {
	var c Case
	err := tx.Get(id, &c)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("there is no complaint or appeal %d (%w)", id, err)
	}
	return &c, err
}
