package document

import (
	"context"
	"strconv"

	"certdesk/certification"
)

// PackEvidence is one file attached to the audit, with what it is
// evidence of as the report names it.
type PackEvidence struct {
	certification.Evidence
	// Of is "Checklist 6.1.2" or "Finding #3 (7.2)".
	Of string
}

// packEvidence lists the audit's evidence; findings are the audit's own
// (evidence is attached to a finding of its audit only).
func packEvidence(ctx context.Context, s *certification.Service, auditID certification.ID, findings []PackFinding) ([]PackEvidence, error) {
	list, err := s.EvidenceOf(ctx, auditID)
	if err != nil {
		return nil, err
	}
	out := make([]PackEvidence, len(list))
	for i, e := range list {
		out[i] = PackEvidence{Evidence: e, Of: "Checklist " + e.Ref}
		if e.FindingID == 0 {
			continue
		}
		out[i].Of = "Finding " + e.FindingID.String()
		for _, f := range findings {
			if f.ID == e.FindingID {
				out[i].Of = "Finding #" + strconv.Itoa(f.Number) + " (" + f.Reference + ")"
			}
		}
	}
	return out, nil
}
