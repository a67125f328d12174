package certification

// Remote audit activities (IAF MD 4): an audit's plan lists its
// activities, each on site or remote with the ICT it uses; remote
// activities need the risk assessment that allowed them, and the body's
// policy limits the remote share of the audit's time.

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// AuditActivity is one activity of an audit's plan.
type AuditActivity struct {
	// Name says what is audited ("Opening meeting", "8.2 AI risk
	// assessment with the data science team").
	Name string `json:"name"`
	// Site is the code of the site it takes place at (or is audited
	// from afar); empty: the audit's site, or none in particular.
	Site string `json:"site,omitempty"`
	// Date is the day of the activity; zero: not fixed yet.
	Date Date `json:"date,omitzero"`
	// Hours is the auditors' time it takes.
	Hours float64 `json:"hours"`
	// Remote is set when the activity is done by ICT, not on site.
	Remote bool `json:"remote,omitempty"`
	// ICT is the technology a remote activity uses (video conference,
	// screen sharing, a document portal).
	ICT string `json:"ict,omitempty"`
}

// Rules of remote auditing.
const (
	// RuleRemoteAssessment refuses remote activities without the risk
	// assessment that allowed them (IAF MD 4: the ICT's fitness, the
	// client's readiness, security and confidentiality).
	RuleRemoteAssessment = "remote-activities-need-risk-assessment"
	// RuleRemoteShareLimit refuses a plan whose remote share of the
	// audit's time is above the policy's limit, when the policy says so
	// (RemoteOverLimitRefused); otherwise the plan shows a warning.
	RuleRemoteShareLimit = "remote-share-over-policy-limit"
	// RuleActivitiesClosed refuses to change the activities of an audit
	// whose report is drafted, closed or cancelled: its plan is on record.
	RuleActivitiesClosed = "activities-fixed-after-audit"
)

// maxActivities bounds an audit's plan; maxActivityText a name or ICT.
const (
	maxActivities   = 500
	maxActivityText = 1000
)

// RemoteShare is the part of an audit's activity hours done remotely.
type RemoteShare struct {
	Remote, Total float64 // hours
}

// Percent is the remote share in percent (0 with no activities).
func (r RemoteShare) Percent() float64 {
	if r.Total == 0 {
		return 0
	}
	return 100 * r.Remote / r.Total
}

// RemoteShareOf sums audit a's activity hours.
func RemoteShareOf(a *Audit) RemoteShare {
	var r RemoteShare
	for _, act := range a.Activities {
		r.Total += act.Hours
		if act.Remote {
			r.Remote += act.Hours
		}
	}
	return r
}

// RemoteLimited reports whether the policy's remote share limit applies
// to an audit of kind k: to all but stage 1, a readiness review often
// done remotely (RULES.md).
func RemoteLimited(k AuditKind) bool { return k != Stage1 }

// OverRemoteLimit reports whether audit a's remote share is above the
// policy's limit, and by how much, as a sentence ("" when it is not).
func OverRemoteLimit(a *Audit, p Policy) string {
	share := RemoteShareOf(a)
	if !RemoteLimited(a.Kind) || share.Remote == 0 || share.Percent() <= float64(p.RemoteSharePercent)+1e-9 {
		return ""
	}
	return fmt.Sprintf("%s of %s hours remote (%s %%), above the body's limit of %d %% for a %s audit",
		number(share.Remote), number(share.Total), number(math.Round(share.Percent()*10)/10), p.RemoteSharePercent, strings.ToLower(a.Kind.Label()))
}

// validateActivities checks audit a's activities on their own: each
// named, of a sensible length, within the audit's dates and sites, a
// remote one with its ICT, and the risk assessment when any is remote.
func (a *Audit) validateActivities() error {
	rec := recordName(a)
	if len(a.Activities) > maxActivities {
		return invalid(rec, "activities", "an audit plan has at most %d activities, got %d", maxActivities, len(a.Activities))
	}
	if len(a.RemoteAssessment) > 100000 {
		return invalid(rec, "remote_assessment", "the risk assessment is longer than 100,000 characters: attach the rest as evidence")
	}
	first, last := a.PlannedStart, a.PlannedEnd
	if !a.ActualStart.IsZero() {
		first = min(first, a.ActualStart)
	}
	last = max(last, a.ActualEnd)
	remote := false
	for i, act := range a.Activities {
		field := func(f string) string { return fmt.Sprintf("activities[%d].%s", i, f) }
		switch {
		case strings.TrimSpace(act.Name) == "":
			return invalid(rec, field("name"), "activity %d has no name: say what is audited", i+1)
		case len(act.Name) > maxActivityText || len(act.ICT) > maxActivityText:
			return invalid(rec, field("name"), "activity %d: a name or ICT is at most %d characters", i+1, maxActivityText)
		case !(act.Hours > 0 && act.Hours <= 24):
			return invalid(rec, field("hours"), "activity %d (%s) takes %s hours: give more than 0 and at most 24", i+1, act.Name, number(act.Hours))
		case !act.Date.IsZero() && (act.Date < first || act.Date > last):
			return invalid(rec, field("date"), "activity %d (%s) is on %s, outside the audit's days %s to %s", i+1, act.Name, act.Date, first, last)
		case act.Site != "" && len(a.Sites) > 0 && !slices.Contains(a.Sites, act.Site):
			return invalid(rec, field("site"), "activity %d (%s) is at site %q, which the audit does not cover (%s)", i+1, act.Name, act.Site, strings.Join(a.Sites, ", "))
		case act.Remote && strings.TrimSpace(act.ICT) == "":
			return invalid(rec, field("ict"), "activity %d (%s) is remote: name the ICT it uses (video conference, screen sharing, document portal)", i+1, act.Name)
		case !act.Remote && strings.TrimSpace(act.ICT) != "":
			return invalid(rec, field("ict"), "activity %d (%s) is on site but names ICT %q: mark it remote, or leave the ICT out", i+1, act.Name, act.ICT)
		}
		remote = remote || act.Remote
	}
	if remote && strings.TrimSpace(a.RemoteAssessment) == "" {
		return refuse(RuleRemoteAssessment, "%s plans remote activities without the risk assessment that allows them (IAF MD 4): record it (the ICT's fitness, the client's readiness, security and confidentiality)", rec)
	}
	return nil
}

// checkRemoteLimit refuses a plan over the policy's remote share limit
// when the policy refuses such plans.
func checkRemoteLimit(a *Audit, p Policy) error {
	if over := OverRemoteLimit(a, p); over != "" && p.RemoteOverLimitRefused {
		return refuse(RuleRemoteShareLimit, "%s: %s; plan more of it on site, or ask the administrator to change the policy", recordName(a), over)
	}
	return nil
}
