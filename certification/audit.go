package certification

import (
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/sampling"
)

// AuditKind is the type of an audit in the cycle.
type AuditKind string

const (
	Stage1          AuditKind = "stage1"
	Stage2          AuditKind = "stage2"
	Surveillance    AuditKind = "surveillance"
	Recertification AuditKind = "recertification"
	Special         AuditKind = "special"      // special or short-notice audit
	FollowUp        AuditKind = "verification" // follow-up to verify corrective action
)

var AuditKinds = []AuditKind{Stage1, Stage2, Surveillance, Recertification, Special, FollowUp}

// Label is the kind as staff write it.
func (k AuditKind) Label() string {
	switch k {
	case Stage1:
		return "Stage 1"
	case Stage2:
		return "Stage 2"
	case Surveillance:
		return "Surveillance"
	case Recertification:
		return "Recertification"
	case Special:
		return "Special / short-notice"
	case FollowUp:
		return "Verification follow-up"
	}
	return string(k)
}

// AuditStatus is where an audit is in its own life.
type AuditStatus string

const (
	AuditPlanned       AuditStatus = "planned"
	AuditConfirmed     AuditStatus = "confirmed"
	AuditInProgress    AuditStatus = "in-progress"
	AuditReportDrafted AuditStatus = "report-drafted"
	AuditClosed        AuditStatus = "closed"
	AuditCancelled     AuditStatus = "cancelled"
)

var AuditStatuses = []AuditStatus{AuditPlanned, AuditConfirmed, AuditInProgress, AuditReportDrafted, AuditClosed, AuditCancelled}

// nextStatus is the one forward step allowed from each status.
var nextStatus = map[AuditStatus]AuditStatus{
	AuditPlanned:       AuditConfirmed,
	AuditConfirmed:     AuditInProgress,
	AuditInProgress:    AuditReportDrafted,
	AuditReportDrafted: AuditClosed,
}

// Stage1Outcome is the conclusion of a stage 1 audit.
type Stage1Outcome string

const (
	Stage1Ready    Stage1Outcome = "ready"
	Stage1NotReady Stage1Outcome = "not-ready"
)

// Recommendation is the audit team's recommendation to the decision maker.
type Recommendation string

const (
	RecommendGrant       Recommendation = "grant"
	RecommendRenew       Recommendation = "renew"
	RecommendMaintain    Recommendation = "maintain"
	RecommendNotYet      Recommendation = "not-until-nc-closed"
	RecommendRefuse      Recommendation = "refuse"
	RecommendSuspend     Recommendation = "suspend"
	RecommendScopeChange Recommendation = "change-scope"
)

var Recommendations = []Recommendation{RecommendGrant, RecommendRenew, RecommendMaintain, RecommendNotYet, RecommendRefuse, RecommendSuspend, RecommendScopeChange}

// RecommendationsFor lists the recommendations that fit an audit of kind
// k: a stage 2 recommends granting or not, a recertification renewing or
// not, a surveillance maintaining, suspending or changing the scope. A
// special or follow-up audit may come at any point of the cycle (a
// follow-up before the grant recommends it), so any fits. A stage 1 has
// an outcome instead (ready or not).
func RecommendationsFor(k AuditKind) []Recommendation {
	switch k {
	case Stage1:
		return nil
	case Stage2:
		return []Recommendation{RecommendGrant, RecommendNotYet, RecommendRefuse}
	case Recertification:
		return []Recommendation{RecommendRenew, RecommendNotYet, RecommendScopeChange, RecommendRefuse}
	case Surveillance:
		return []Recommendation{RecommendMaintain, RecommendNotYet, RecommendSuspend, RecommendScopeChange}
	}
	return Recommendations
}

// checkRecommendation refuses a recommendation that does not fit the
// audit's kind (a stage 2 cannot recommend "maintain").
func checkRecommendation(a *Audit, r Recommendation) error {
	fits := RecommendationsFor(a.Kind)
	if r == "" || slices.Contains(fits, r) {
		return nil
	}
	if len(fits) == 0 {
		return invalid(recordName(a), "recommendation", "a stage 1 audit has an outcome (ready or not ready for stage 2), not a recommendation")
	}
	words := make([]string, len(fits))
	for i, f := range fits {
		words[i] = fmt.Sprintf("%s (%s)", f, f.Label())
	}
	return invalid(recordName(a), "recommendation", "%q does not fit a %s audit: recommend one of %s", r, a.Kind.Label(), strings.Join(words, ", "))
}

// TeamRole is a person's role on one audit team.
type TeamRole string

const (
	TeamLead            TeamRole = "lead-auditor"
	TeamAuditor         TeamRole = "auditor"
	TeamTechnicalExpert TeamRole = "technical-expert"
	TeamTrainee         TeamRole = "trainee"
	TeamObserver        TeamRole = "observer"
)

var TeamRoles = []TeamRole{TeamLead, TeamAuditor, TeamTechnicalExpert, TeamTrainee, TeamObserver}

// TeamMember is one person on an audit team.
type TeamMember struct {
	PersonID ID       `json:"person_id"`
	Role     TeamRole `json:"role"`
}

// Audit is one audit of a certification.
type Audit struct {
	ID              ID        `json:"id"`
	CertificationID ID        `json:"certification_id"`
	ClientID        ID        `json:"client_id"`
	Kind            AuditKind `json:"kind"`
	// Cycle is the number of the certification cycle the audit belongs
	// to: stage 1 and 2 belong to the cycle their grant will open.
	Cycle        int          `json:"cycle"`
	PlannedStart Date         `json:"planned_start"`
	PlannedEnd   Date         `json:"planned_end"`
	ActualStart  Date         `json:"actual_start,omitzero"`
	ActualEnd    Date         `json:"actual_end,omitzero"`
	Sites        []string     `json:"sites,omitempty"` // site codes covered
	Team         []TeamMember `json:"team,omitempty"`
	PlannedDays  float64      `json:"planned_days"`
	ActualDays   float64      `json:"actual_days,omitempty"`
	Status       AuditStatus  `json:"status"`
	// Stage1Outcome is set on a stage 1 audit when its report is drafted.
	Stage1Outcome  Stage1Outcome  `json:"stage1_outcome,omitempty"`
	Recommendation Recommendation `json:"recommendation,omitempty"`
	// GapJustification is the written reason why a stage 1 older than the
	// policy's gap is still valid for this stage 2.
	GapJustification string `json:"gap_justification,omitempty"`
	ReportDate       Date   `json:"report_date,omitzero"`
	Notes            string `json:"notes,omitempty"`
	// TeamJustification is the written reason for confirming a team whose
	// competence gaps (sector, AI area) the policy lets a justification
	// cover; see Policy.TeamGapJustification.
	TeamJustification string `json:"team_justification,omitempty"`
	// TeamCheck is the team check as it stood when the team gate last
	// passed (the audit confirmed or started, or its team or dates
	// changed after), as the committee reads it.
	TeamCheck *TeamCheck `json:"team_check,omitempty"`
	// TimeJustification is the written justification for planning fewer
	// auditor-days than the required audit time (IAF MD 5); see audittime.go.
	TimeJustification string `json:"time_justification,omitempty"`
	// ShortfallReason is the written reason why the audit took fewer
	// auditor-days than planned, beyond the policy's tolerance.
	ShortfallReason string `json:"shortfall_reason,omitempty"`
	// RequiredDays is the required audit time as calculated when the
	// audit was last planned (0: none, or not calculable), so that the
	// committee judges the plan by the time it was made against.
	RequiredDays float64 `json:"required_days,omitempty"`
	// Sample is the multi-site draw (IAF MD 1) the sites were chosen by,
	// kept whole (seed and reasons) so it can be shown again.
	Sample *sampling.Sample `json:"sample,omitempty"`
	// IntegratedWith are the other audits of the same integrated audit:
	// one visit by one team on the same dates for several of the client's
	// certifications (see integrated.go).
	IntegratedWith []ID `json:"integrated_with,omitempty"`
	// Checklist holds the team's results per clause or control.
	Checklist []ChecklistEntry `json:"checklist,omitempty"`
	// Hold is the desk working on the audit, if one holds it (hold.go).
	Hold *AuditHold `json:"hold,omitempty"`
	// Report is what the team writes into the audit report beyond the
	// other records (report.go).
	Report ReportDetails `json:"report,omitzero"`
	// Activities are the audit plan's activities, each on site or
	// remote, and RemoteAssessment the risk assessment that allowed the
	// remote ones (IAF MD 4; remote.go).
	Activities       []AuditActivity `json:"activities,omitempty"`
	RemoteAssessment string          `json:"remote_assessment,omitempty"`
}

func (a *Audit) RecordKind() Kind { return KindAudit }
func (a *Audit) RecordID() ID     { return a.ID }
func (a *Audit) IndexTerms() []IndexTerm {
	month := a.Start()
	out := []IndexTerm{
		{IndexAuditByCert, U64(uint64(a.CertificationID))},
		{IndexAuditByClient, U64(uint64(a.ClientID))},
		{IndexAuditByMonth, U64(uint64(int(month) / 100))},
		{IndexAuditByStatus, []byte(a.Status)},
		a.auditRowTerm(), // audit_row.go
	}
	// Each member's audits by month, for double booking (teamContext).
	for i, m := range a.Team {
		if !slices.ContainsFunc(a.Team[:i], func(o TeamMember) bool { return o.PersonID == m.PersonID }) {
			out = append(out, IndexTerm{IndexAuditByPerson, PersonMonthKey(m.PersonID, int(month)/100)})
		}
	}
	return out
}

// Start is the actual start, or the planned one before the audit began.
func (a *Audit) Start() Date { return startOf(a.PlannedStart, a.ActualStart) }

// LastDay is the actual last day of the audit, or the planned one before
// it ended. Finding deadlines count from it.
func (a *Audit) LastDay() Date { return startOf(a.PlannedEnd, a.ActualEnd) }

// startOf is actual once there is one, else planned.
func startOf(planned, actual Date) Date {
	if !actual.IsZero() {
		return actual
	}
	return planned
}

// Lead returns the lead auditor's person id, or 0.
func (a *Audit) Lead() ID { return leadOf(a.Team) }

func leadOf(team []TeamMember) ID {
	for _, m := range team {
		if m.Role == TeamLead {
			return m.PersonID
		}
	}
	return 0
}

// OnTeam reports whether the person is on the team.
func (a *Audit) OnTeam(p ID) bool { return onTeam(a.Team, p) }

func onTeam(team []TeamMember, p ID) bool {
	for _, m := range team {
		if m.PersonID == p {
			return true
		}
	}
	return false
}

// Done reports whether the audit has been carried out (report drafted or closed).
func (a *Audit) Done() bool {
	return a.Status == AuditReportDrafted || a.Status == AuditClosed
}

// Validate checks an audit's own fields: required values and dates that
// do not run backwards. Rules that need the rest of the file are in the
// service.
func (a *Audit) Validate() error {
	rec := recordName(a)
	if a.CertificationID == 0 {
		return invalid(rec, "certification_id", "an audit belongs to a certification")
	}
	if !oneOf(a.Kind, AuditKinds) {
		return invalid(rec, "kind", "%q is not an audit kind: use one of %s", a.Kind, joinAny(AuditKinds))
	}
	if !oneOf(a.Status, AuditStatuses) {
		return invalid(rec, "status", "%q is not an audit status: use one of %s", a.Status, joinAny(AuditStatuses))
	}
	if a.PlannedStart.IsZero() || a.PlannedEnd.IsZero() {
		return invalid(rec, "planned_start", "planned start and end dates are required")
	}
	if a.PlannedEnd < a.PlannedStart {
		return refuse(RuleDatesBackwards, "%s: the planned end %s is before the planned start %s", rec, a.PlannedEnd, a.PlannedStart)
	}
	if !a.ActualEnd.IsZero() && a.ActualStart.IsZero() {
		return invalid(rec, "actual_start", "an audit with an actual end needs an actual start")
	}
	if !a.ActualEnd.IsZero() && a.ActualEnd < a.ActualStart {
		return refuse(RuleDatesBackwards, "%s: the actual end %s is before the actual start %s", rec, a.ActualEnd, a.ActualStart)
	}
	if !a.ReportDate.IsZero() && !a.ActualEnd.IsZero() && a.ReportDate < a.ActualEnd {
		return refuse(RuleDatesBackwards, "%s: the report date %s is before the audit's last day %s", rec, a.ReportDate, a.ActualEnd)
	}
	if a.PlannedDays < 0 || a.PlannedDays > 1000 || a.ActualDays < 0 || a.ActualDays > 1000 {
		return invalid(rec, "planned_days", "auditor-days must be between 0 and 1000")
	}
	seen := map[ID]bool{}
	leads := 0
	for i, m := range a.Team {
		if m.PersonID == 0 {
			return invalid(rec, fmt.Sprintf("team[%d].person_id", i), "each team member must be a person from the register")
		}
		if seen[m.PersonID] {
			return invalid(rec, fmt.Sprintf("team[%d].person_id", i), "person %d is on the team twice", m.PersonID)
		}
		seen[m.PersonID] = true
		if !oneOf(m.Role, TeamRoles) {
			return invalid(rec, fmt.Sprintf("team[%d].role", i), "%q is not a team role: use one of %s", m.Role, joinAny(TeamRoles))
		}
		if m.Role == TeamLead {
			leads++
		}
	}
	if leads > 1 {
		return invalid(rec, "team", "an audit has one lead auditor, found %d", leads)
	}
	if a.Stage1Outcome != "" && a.Kind != Stage1 {
		return invalid(rec, "stage1_outcome", "only a stage 1 audit has a stage 1 outcome")
	}
	if a.Stage1Outcome != "" && a.Stage1Outcome != Stage1Ready && a.Stage1Outcome != Stage1NotReady {
		return invalid(rec, "stage1_outcome", "%q is not a stage 1 outcome: use ready or not-ready", a.Stage1Outcome)
	}
	if a.Recommendation != "" && !oneOf(a.Recommendation, Recommendations) {
		return invalid(rec, "recommendation", "%q is not a recommendation: use one of %s", a.Recommendation, joinAny(Recommendations))
	}
	if len(a.Notes) > 100000 || len(a.GapJustification) > 100000 || len(a.TeamJustification) > 100000 ||
		len(a.TimeJustification) > 100000 || len(a.ShortfallReason) > 100000 {
		return invalid(rec, "notes", "text is longer than 100,000 characters")
	}
	for i, s := range a.Sites {
		if strings.TrimSpace(s) == "" {
			return invalid(rec, fmt.Sprintf("sites[%d]", i), "empty site code")
		}
	}
	if err := a.Report.validate(rec); err != nil { // report.go
		return err
	}
	if err := a.validateActivities(); err != nil { // remote.go
		return err
	}
	if err := checkHoldRecord(a); err != nil { // hold.go
		return err
	}
	if a.Sample != nil {
		if !slices.Contains(sampling.SampleKinds, a.Sample.Kind) {
			return invalid(rec, "sample.kind", "%q is not a kind of sample: use initial, surveillance or recertification", a.Sample.Kind)
		}
		if k, ok := SampleKindFor(a.Kind); !ok || k != a.Sample.Kind {
			return invalid(rec, "sample.kind", "a %s sample does not fit a %s audit: draw the sample again for this audit", a.Sample.Kind, a.Kind.Label())
		}
		for _, v := range a.Sample.Visit {
			if !slices.Contains(a.Sites, v) {
				return invalid(rec, "sites", "site %s was drawn in the sample (seed %d) and must be visited: add it to the audit's sites or draw again", v, a.Sample.Seed)
			}
		}
	}
	return nil
}

// CheckTransition says whether an audit may move from its status to next,
// and what the move needs.
func (a *Audit) CheckTransition(next AuditStatus) error {
	if a.Status == AuditClosed || a.Status == AuditCancelled {
		return refuse(RuleAuditStatusTransition, "audit %d is %s: it cannot become %s", a.ID, a.Status, next)
	}
	if next == AuditCancelled {
		return nil
	}
	if nextStatus[a.Status] != next {
		return refuse(RuleAuditStatusTransition, "audit %d is %s: the next step is %s, not %s", a.ID, a.Status, nextStatus[a.Status], next)
	}
	switch next {
	case AuditConfirmed:
		if a.Lead() == 0 {
			return refuse(RuleLeadAuditorRequired, "audit %d has no lead auditor: add one to the team before confirming", a.ID)
		}
	case AuditInProgress:
		if a.ActualStart.IsZero() {
			return invalid("audit "+a.ID.String(), "actual_start", "give the date the audit actually started")
		}
	case AuditReportDrafted:
		if a.ActualEnd.IsZero() {
			return invalid("audit "+a.ID.String(), "actual_end", "give the audit's actual last day")
		}
		if a.Kind == Stage1 && a.Stage1Outcome == "" {
			return invalid("audit "+a.ID.String(), "stage1_outcome", "record whether the client is ready for stage 2")
		}
		if a.Kind != Stage1 && a.Recommendation == "" {
			return invalid("audit "+a.ID.String(), "recommendation", "record the team's recommendation")
		}
	case AuditClosed:
		if a.ReportDate.IsZero() {
			return invalid("audit "+a.ID.String(), "report_date", "give the date of the report")
		}
	}
	return nil
}

// LateToStart reports whether the audit, still planned or confirmed, was
// to start before today.
func (a *Audit) LateToStart(today Date) bool { return lateToStart(a.Status, a.PlannedStart, today) }

func lateToStart(s AuditStatus, plannedStart, today Date) bool {
	return (s == AuditPlanned || s == AuditConfirmed) && plannedStart < today
}
