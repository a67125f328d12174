package document

// An audit's activities as its plan and report print them (IAF MD 4):
// each on site or remote with the ICT it uses, the remote share of the
// activities' hours against the body's limit, and the risk assessment
// that allowed the remote ones.

import "certdesk/certification"

// DocActivities are an audit's recorded activities.
type DocActivities struct {
	Activities []certification.AuditActivity `json:"activities"`
	// RemoteHours of TotalHours are remote: Percent of them.
	RemoteHours float64 `json:"remote_hours"`
	TotalHours  float64 `json:"total_hours"`
	Percent     float64 `json:"percent"`
	// Limit is the policy's remote share limit for the audit (percent),
	// 0 when none applies (a stage 1); Over is set when the share is
	// above it.
	Limit      int    `json:"limit,omitempty"`
	Over       bool   `json:"over,omitempty"`
	Assessment string `json:"assessment,omitempty"`
}

// activitiesDoc is audit a's activities under policy p; nil when it
// records none (its plan and report print no such part).
func activitiesDoc(a *certification.Audit, p certification.Policy) *DocActivities {
	if len(a.Activities) == 0 {
		return nil
	}
	share := certification.RemoteShareOf(a)
	d := &DocActivities{Activities: a.Activities, RemoteHours: share.Remote, TotalHours: share.Total,
		Percent: share.Percent(), Assessment: a.RemoteAssessment, Over: certification.OverRemoteLimit(a, p) != ""}
	if certification.RemoteLimited(a.Kind) {
		d.Limit = p.RemoteSharePercent
	}
	return d
}
