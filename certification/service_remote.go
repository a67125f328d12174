package certification

// The command that writes an audit's activities (remote.go).

import (
	"context"
	"fmt"
	"strings"
)

// ActivityPlan is an audit's activities with the risk assessment that
// allows the remote ones: what SetAuditActivities writes, whole.
type ActivityPlan struct {
	Activities       []AuditActivity `json:"activities"`
	RemoteAssessment string          `json:"remote_assessment"`
}

// SetAuditActivities writes audit id's activities and remote risk
// assessment, replacing those it had. An audit whose report is drafted,
// or that is closed or cancelled, keeps the plan it was carried out by
// (RuleActivitiesClosed). The remote share is checked against the
// policy (RuleRemoteShareLimit when the policy refuses; otherwise
// OverRemoteLimit names the excess for the plan and report).
func (s *Service) SetAuditActivities(ctx context.Context, id ID, plan ActivityPlan) error {
	return s.update(ctx, call("set-audit-activities", id, plan), fmt.Sprintf("activities of audit %d", id), func(tx Tx) error {
		var a Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		if a.Done() || a.Status == AuditCancelled {
			return refuse(RuleActivitiesClosed, "audit %d is %s: the plan it was carried out by is on record and its activities no longer change", id, a.Status.Label())
		}
		a.Activities = make([]AuditActivity, len(plan.Activities))
		for i, act := range plan.Activities {
			act.Name, act.Site, act.ICT = strings.TrimSpace(act.Name), strings.TrimSpace(act.Site), strings.TrimSpace(act.ICT)
			a.Activities[i] = act
		}
		if len(a.Activities) == 0 {
			a.Activities = nil
		}
		a.RemoteAssessment = strings.TrimSpace(plan.RemoteAssessment)
		if err := a.Validate(); err != nil {
			return err
		}
		p, err := LoadPolicy(tx)
		if err != nil {
			return err
		}
		if err := checkRemoteLimit(&a, p); err != nil {
			return err
		}
		return tx.Put(&a)
	})
}
