package document

import (
	"context"
	"errors"
	"slices"

	"certdesk/certification"
)

// ApplyResponses records the previewed responses through
// Service.RecordResponses, all in one transaction: if one is refused, or
// any finding of the form changed since the preview, nothing is written.
// A preview with problems is refused.
func ApplyResponses(ctx context.Context, s *certification.Service, pv *ResponsePreview) error {
	if pv == nil || pv.Form == nil {
		return errors.New("no response preview to apply")
	}
	if !pv.OK() {
		return refuse(certification.RuleResponseForm, "the response form has %d problem(s): %v", len(pv.Problems), ResponseProblems(pv.Problems))
	}
	if pv.Pending() == 0 {
		return nil
	}
	b := certification.ResponseBatch{ClientID: pv.Form.ClientID, FormDate: pv.Form.AsOf, Today: pv.Today}
	for _, c := range pv.Changes {
		u := certification.ResponseUpdate{FindingID: c.FindingID, Stamp: c.stamp}
		if c.Kind != ResponseUnchanged {
			u.Response = c.After
			if c.RespondedBy != "" && !slices.Contains(b.RespondedBy, c.RespondedBy) {
				b.RespondedBy = append(b.RespondedBy, c.RespondedBy)
			}
		}
		b.Updates = append(b.Updates, u)
	}
	return s.RecordResponses(ctx, b)
}
