package certification

// Applying a previewed response form, all or nothing.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// ApplyResponses records the previewed responses through RecordResponse's
// rule, all in one transaction: if one is refused, or any finding of the
// form changed since the preview, nothing is written. A preview with
// problems is refused.
func (s *Service) ApplyResponses(ctx context.Context, pv *ResponsePreview) error {
	if pv == nil || pv.Form == nil {
		return errors.New("no response preview to apply")
	}
	if !pv.OK() {
		return refuse(RuleResponseForm, "the response form has %d problem(s): %v", len(pv.Problems), ResponseProblems(pv.Problems))
	}
	if pv.Pending() == 0 {
		return nil
	}
	var ids, who []string
	for _, c := range pv.Changes {
		if c.Kind != ResponseUnchanged {
			ids = append(ids, c.FindingID.String())
			if c.RespondedBy != "" && !slices.Contains(who, c.RespondedBy) {
				who = append(who, c.RespondedBy)
			}
		}
	}
	summary := fmt.Sprintf("responses to findings %s of client %d from the response form of %s", strings.Join(ids, ", "), pv.Form.ClientID, pv.Form.AsOf)
	if len(who) > 0 {
		summary += ", responded by " + strings.Join(who, "; ")
	}
	return s.update(ctx, "import-responses", summary, func(tx Tx) error {
		var certs []ID
		for _, c := range pv.Changes {
			var x Finding
			if err := tx.Get(c.FindingID, &x); err != nil {
				return err
			}
			if stampOf(&x) != c.stamp {
				return refuse(RuleResponseForm, "finding %d changed since the preview: preview the form again", x.ID)
			}
			if c.Kind == ResponseUnchanged {
				continue
			}
			if !x.Grade.IsNC() {
				return refuse(RuleFindingWorkflow, "finding %d is a %s: it needs no response", x.ID, x.Grade.Label())
			}
			if err := respond(&x, *c.After, pv.Today); err != nil {
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
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		for _, id := range certs {
			if err := refresh(tx, id, p); err != nil {
				return err
			}
		}
		return nil
	})
}
