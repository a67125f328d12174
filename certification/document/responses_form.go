package document

// Building a response form from the store: the client's nonconformities
// that take a response (see responses.go for the round trip).

import (
	"certdesk/certification"
	"context"
	"errors"
	"fmt"
	"slices"
)

// NewResponseForm gathers a client's nonconformities that take a response
// (awaiting one, under review, or not accepted), of audit auditID or, with
// auditID 0, of every audit of the client's open certifications, as of
// asOf (0: today). It refuses a client with none.
func NewResponseForm(ctx context.Context, s *certification.Service, clientID, auditID certification.ID, asOf certification.Date) (*ResponseForm, error) {
	if asOf.IsZero() {
		asOf = s.Today()
	}
	form := &ResponseForm{Version: ResponseFormVersion, ClientID: clientID, AuditID: auditID, AsOf: asOf}
	err := s.View(ctx, func(tx certification.Tx) error {
		p, err := certification.LoadPolicy(tx)
		if err != nil {
			return err
		}
		form.Body = p.BodyName
		var cl certification.Client
		if err := tx.Get(clientID, &cl); err != nil {
			if errors.Is(err, certification.ErrNotFound) {
				return invalid("response form", "client", "there is no client %d", clientID)
			}
			return err
		}
		form.ClientName = cl.DisplayName()
		if auditID != 0 {
			var a certification.Audit
			if err := tx.Get(auditID, &a); err != nil {
				if errors.Is(err, certification.ErrNotFound) {
					return invalid("response form", "audit", "there is no audit %d", auditID)
				}
				return err
			}
			if a.ClientID != clientID {
				return invalid("response form", "audit", "audit %d is not an audit of client %d (%s)", auditID, clientID, form.ClientName)
			}
		}
		certs, err := certification.LookupAll[certification.Certification](tx, certification.IndexCertByClient, certification.U64(uint64(clientID)))
		if err != nil {
			return err
		}
		audits := map[certification.ID]*certification.Audit{}
		standards := map[certification.ID]certification.Standard{}
		for _, c := range certs {
			if !c.Closed.IsZero() && c.Closed <= asOf {
				continue // refused or withdrawn: nothing more is asked
			}
			findings, err := certification.LookupAll[certification.Finding](tx, certification.IndexFindingByCert, certification.U64(uint64(c.ID)))
			if err != nil {
				return err
			}
			for i := range findings {
				x := &findings[i]
				if !x.Grade.IsNC() || !x.Status().Answerable() || (auditID != 0 && x.AuditID != auditID) || x.Raised > asOf {
					continue
				}
				if _, ok := audits[x.AuditID]; !ok {
					var a certification.Audit
					if err := tx.Get(x.AuditID, &a); err != nil {
						return err
					}
					audits[x.AuditID] = &a
					standards[x.AuditID] = c.Standard
				}
				form.Rows = append(form.Rows, formRow(x, asOf, p))
			}
		}
		for id, a := range audits {
			form.Audits = append(form.Audits, FormAudit{ID: id, Kind: a.Kind, Standard: standards[id], Start: a.Start(), End: a.LastDay()})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(form.Rows) == 0 {
		what := fmt.Sprintf("client %d (%s)", clientID, form.ClientName)
		if auditID != 0 {
			what = fmt.Sprintf("audit %d of %s", auditID, what)
		}
		return nil, invalid("response form", "findings", "%s has no nonconformity awaiting a response as of %s", what, asOf)
	}
	slices.SortFunc(form.Audits, func(a, b FormAudit) int {
		if a.Start != b.Start {
			return int(a.Start) - int(b.Start)
		}
		return int(a.ID) - int(b.ID)
	})
	order := map[certification.ID]int{}
	for i, a := range form.Audits {
		order[a.ID] = i
	}
	slices.SortStableFunc(form.Rows, func(a, b ResponseRow) int {
		if order[a.AuditID] != order[b.AuditID] {
			return order[a.AuditID] - order[b.AuditID]
		}
		return a.Number - b.Number
	})
	form.Fingerprint = form.ComputeFingerprint()
	return form, nil
}

// formRow is a finding as a row of the form, its response on record
// prefilled (without the date of a response the body did not accept:
// the new one has its own).
func formRow(x *certification.Finding, asOf certification.Date, p certification.Policy) ResponseRow {
	r := ResponseRow{FindingID: x.ID, Number: x.Number, Grade: x.Grade, Reference: CleanText(x.Reference),
		Requirement: CleanText(x.Requirement), Evidence: CleanText(x.Evidence), ResponseDue: x.ResponseDue,
		AuditID: x.AuditID, Raised: x.Raised, Status: x.Status()}
	waiting := r.Status == certification.FindingAwaitingResponse || r.Status == certification.FindingPlanRejected
	r.Overdue = waiting && x.ResponseDue != 0 && asOf > x.ResponseDue
	r.DueSoon = waiting && !r.Overdue && x.ResponseDue != 0 && asOf.AddDays(p.DueSoonDays) >= x.ResponseDue
	if x.Review != nil && !x.Review.Accepted {
		r.BodyComment = CleanText(x.Review.Comment)
	}
	if rs := x.Response; rs != nil {
		r.RootCause, r.Correction, r.CorrectiveAction = CleanText(rs.RootCause), CleanText(rs.Correction), CleanText(rs.CorrectiveAction)
		r.CorrectionDate, r.ActionDate = rs.CorrectionDate, rs.ActionDate
		if r.Status == certification.FindingResponded {
			r.Received = rs.Received
		}
	}
	return r
}

// CheckScope refuses a form that is not for the client (and, unless
// auditID is 0, the audit) the caller is importing for.
func (f *ResponseForm) CheckScope(clientID, auditID certification.ID) error {
	if clientID != 0 && f.ClientID != clientID {
		return refuse(certification.RuleResponseForm, "%s: this workbook is the response form of client %d (%s), not of client %d: import it for its own client",
			f.Cell(-1, FieldClient), f.ClientID, f.ClientName, clientID)
	}
	if auditID != 0 && f.AuditID != auditID {
		what := "every open finding of the client"
		if f.AuditID != 0 {
			what = fmt.Sprintf("audit %d", f.AuditID)
		}
		return refuse(certification.RuleResponseForm, "%s: this workbook is the response form for %s, not for audit %d: import the form written for audit %d",
			f.Cell(-1, FieldAudit), what, auditID, auditID)
	}
	return nil
}
