package certification

// The finding commands: record a finding and walk it through its
// workflow (response, review, verification, escalation).

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/catalogue"
)

// RecordFinding records a finding on an audit that is in progress or
// whose report is being drafted. Its number and deadlines are assigned.
func (s *Service) RecordFinding(ctx context.Context, x Finding) (ID, error) {
	if s.body != nil {
		return proposed[ID](s.propose(ctx, call("record-finding", x)))
	}
	x.ID, x.Response, x.Review, x.Verification, x.EscalatedFrom = 0, nil, nil, nil, ""
	x.Reference = strings.TrimSpace(x.Reference)
	err := s.update(ctx, call("record-finding", x), fmt.Sprintf("record %s finding on audit %d", x.Grade, x.AuditID), func(tx Tx) error {
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
			_, x.Raised = a.RaisedDefaults(0, s.Today())
		}
		if err := x.Validate(); err != nil {
			return err
		}
		if err := CheckNotFuture("the finding's raised date", x.Raised, s.Today()); err != nil {
			return err
		}
		if x.Raised < a.Start() {
			return refuse(RuleDatesBackwards, "finding raised on %s, before audit %d started (%s)", x.Raised, a.ID, a.Start())
		}
		if x.RaisedBy != 0 && !a.OnTeam(x.RaisedBy) {
			return invalid("finding", "raised_by", "person %d is not on the team of audit %d", x.RaisedBy, a.ID)
		}
		f, p, err := loadFileAndPolicy(tx, a.CertificationID)
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
		if err := insert(tx, &x, &x.ID); err != nil {
			return err
		}
		if err := f.reread(tx, &a, &x); err != nil {
			return err
		}
		return refreshFile(tx, f, p)
	})
	return x.ID, err
}

// changeFinding runs one step of a finding's workflow.
func (s *Service) changeFinding(ctx context.Context, c Command, id ID, edit func(*Finding) error) error {
	return s.update(ctx, c, fmt.Sprintf("%s finding %d", c.Name, id), func(tx Tx) error {
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
	return s.changeFinding(ctx, call("record-response", findingID, r), findingID, func(x *Finding) error {
		return respond(x, r, s.Today(), s.Today())
	})
}

// respond is RecordResponse's rule, shared with RecordResponses (the
// response form, responses.go): a response is recorded until the
// plan is accepted; a new one after a rejection keeps the rejection. A
// response without a date is received on received; none is received
// after today.
func respond(x *Finding, r Response, received, today Date) error {
	if x.Verification != nil || (x.Review != nil && x.Review.Accepted) {
		return refuse(RuleFindingWorkflow, "the plan for finding %d was already accepted", x.ID)
	}
	if r.Received.IsZero() {
		r.Received = received
	}
	if err := CheckNotFuture(fmt.Sprintf("the response to finding %d received", x.ID), r.Received, today); err != nil {
		return err
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
	return s.changeFinding(ctx, call("review-response", findingID, rv), findingID, func(x *Finding) error {
		if x.Response == nil {
			return refuse(RuleFindingWorkflow, "finding %d has no response to review yet", x.ID)
		}
		if x.Review != nil && x.Review.Accepted {
			return refuse(RuleFindingWorkflow, "the plan for finding %d was already accepted", x.ID)
		}
		s.sign(&rv.On, &rv.By)
		if err := CheckNotFuture(fmt.Sprintf("the review of finding %d's response", x.ID), rv.On, s.Today()); err != nil {
			return err
		}
		x.Review = &rv
		return nil
	})
}

// VerifyFinding records that the corrective action was verified effective.
func (s *Service) VerifyFinding(ctx context.Context, findingID ID, v Verification) error {
	return s.changeFinding(ctx, call("verify-finding", findingID, v), findingID, func(x *Finding) error {
		if x.Verification != nil {
			return refuse(RuleFindingWorkflow, "finding %d is already verified", x.ID)
		}
		s.sign(&v.On, &v.By)
		if err := CheckNotFuture(fmt.Sprintf("the verification of finding %d", x.ID), v.On, s.Today()); err != nil {
			return err
		}
		x.Verification = &v
		return nil
	})
}

// sign fills in when and by whom the body took a workflow step where
// the caller left it out: today, and the person acting.
func (s *Service) sign(on *Date, by *ID) {
	if on.IsZero() {
		*on = s.Today()
	}
	if *by == 0 {
		*by = s.actor.PersonID
	}
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
	if err := CheckNotFuture(fmt.Sprintf("the escalation of finding %d", findingID), on, s.Today()); err != nil {
		return err
	}
	return s.update(ctx, call("escalate-finding", findingID, on), fmt.Sprintf("escalate finding %d to major", findingID), func(tx Tx) error {
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

// ResponseBatch is the responses of one response form
// (certification/document), recorded together by RecordResponses.
type ResponseBatch struct {
	ClientID ID
	FormDate Date // the day the form was written
	// Today is the day the form was previewed: a response without a date
	// of response is received on it.
	Today Date
	// RespondedBy are who answered, as the client wrote them (the journal
	// keeps them: a response has no field for it).
	RespondedBy []string
	Updates     []ResponseUpdate
}

// ResponseUpdate is one finding of a batch: the finding as it was read
// (its Stamp) and the response to record, nil when the row changes
// nothing and the finding is only checked.
type ResponseUpdate struct {
	FindingID ID
	Stamp     string
	Response  *Response
}

// RecordResponses records a batch of responses through RecordResponse's
// rule, all in one transaction: if one is refused, or any finding of the
// batch changed since it was read, nothing is written.
func (s *Service) RecordResponses(ctx context.Context, b ResponseBatch) error {
	var ids []string
	for _, u := range b.Updates {
		if u.Response != nil {
			ids = append(ids, u.FindingID.String())
		}
	}
	if len(ids) == 0 {
		return nil
	}
	summary := fmt.Sprintf("responses to findings %s of client %d from the response form of %s", strings.Join(ids, ", "), b.ClientID, b.FormDate)
	if len(b.RespondedBy) > 0 {
		summary += ", responded by " + strings.Join(b.RespondedBy, "; ")
	}
	return s.update(ctx, call("import-responses", b), summary, func(tx Tx) error {
		var certs []ID
		for _, u := range b.Updates {
			var x Finding
			if err := tx.Get(u.FindingID, &x); err != nil {
				return err
			}
			if x.Stamp() != u.Stamp {
				return refuse(RuleResponseForm, "finding %d changed since the preview: preview the form again", x.ID)
			}
			if u.Response == nil {
				continue
			}
			if !x.Grade.IsNC() {
				return refuse(RuleFindingWorkflow, "finding %d is a %s: it needs no response", x.ID, x.Grade.Label())
			}
			if err := respond(&x, *u.Response, b.Today, s.Today()); err != nil {
				return err
			}
			if err := x.Validate(); err != nil {
				return err
			}
			if err := tx.Put(&x); err != nil {
				return err
			}
			if !slices.Contains(certs, x.CertificationID) {
				certs = append(certs, x.CertificationID)
			}
		}
		return refreshAll(tx, certs)
	})
}
