package certification_test

import (
	"testing"

	. "certdesk/certification"
)

// The committee's file reviews each audit carried out with its team
// check; an audit not yet carried out has no review.
func TestCommitteeFileReviewsAuditsCarriedOut(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify()
		planned := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Surveillance, PlannedStart: day("2026-02-02"), PlannedEnd: day("2026-02-03"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		f, reviews, err := w.svc.CommitteeFile(w.ctx, w.cert)
		w.must(err)
		done := 0
		for _, a := range f.Audits {
			r, ok := reviews[a.ID]
			if a.ID == planned {
				if ok {
					t.Errorf("the planned surveillance %d has a review", a.ID)
				}
				continue
			}
			done++
			if !ok {
				t.Fatalf("%s audit %d has no review", a.Kind, a.ID)
			}
			if !r.Time.Required.HasMinimum || r.Time.Required.Days <= 0 || r.Time.Planned != a.PlannedDays || r.Time.Problem() != nil {
				t.Errorf("%s audit %d: time %+v, want the required time beside the planned %g, in order", a.Kind, a.ID, r.Time, a.PlannedDays)
			}
			if !r.TeamAsRecorded {
				t.Errorf("%s audit %d: the team check is not the one recorded when it was confirmed", a.Kind, a.ID)
			}
			if !r.Team.Lead || !r.Team.Standard || len(r.Team.Blocking()) > 0 {
				t.Errorf("%s audit %d: team check %+v, want a qualified lead and no blocking problem", a.Kind, a.ID, r.Team)
			}
		}
		if done != 2 {
			t.Errorf("%d audits carried out, want stage 1 and stage 2", done)
		}
	})
}
