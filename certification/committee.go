package certification

import "context"

// AuditReview is what the committee reads of one audit carried out,
// besides the audit record itself: the team check on the audit's dates
// (competence, impartiality, availability, rotation), so that a team
// confirmed with a gap is seen with the gap, and the audit time required,
// planned and used.
type AuditReview struct {
	AuditID ID        `json:"audit_id"`
	Team    TeamCheck `json:"team"`
	// TeamAsRecorded: Team is the check recorded when the team gate
	// passed; false, it is checked now against today's register (an
	// audit recorded before the check was kept).
	TeamAsRecorded bool      `json:"team_as_recorded"`
	Time           TimeFacts `json:"time"`
}

// CommitteeFile reads a certification's file with a review of each audit
// carried out (report drafted or closed), by audit id.
func (s *Service) CommitteeFile(ctx context.Context, certificationID ID) (*File, map[ID]AuditReview, error) {
	var f *File
	out := map[ID]AuditReview{}
	err := s.store.View(ctx, func(tx Tx) error {
		var p Policy
		var err error
		if f, p, err = loadFileAndPolicy(tx, certificationID); err != nil {
			return err
		}
		for i := range f.Audits {
			a := &f.Audits[i]
			if !a.Done() {
				continue
			}
			r := AuditReview{AuditID: a.ID, Time: AuditTimeFacts(f, a, p)}
			if a.TeamCheck != nil {
				r.Team, r.TeamAsRecorded = *a.TeamCheck, true
			} else {
				tc, err := teamContext(tx, a, p)
				if err != nil {
					return err
				}
				r.Team = CheckTeam(f, a, tc)
			}
			out[a.ID] = r
		}
		return nil
	})
	return f, out, err
}
