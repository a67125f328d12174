package certification

// The wording of statuses and states as staff say them, in one place for
// the app's screens and the Excel workbooks.

// Label is the audit status as staff say it.
func (s AuditStatus) Label() string {
	switch s {
	case AuditPlanned:
		return "Planned"
	case AuditConfirmed:
		return "Confirmed"
	case AuditInProgress:
		return "In progress"
	case AuditReportDrafted:
		return "Report drafted"
	case AuditClosed:
		return "Closed"
	case AuditCancelled:
		return "Cancelled"
	}
	return string(s)
}

// Label is the certificate status as staff say it.
func (s CertificateStatus) Label() string {
	switch s {
	case CertActive:
		return "Active"
	case CertSuspended:
		return "Suspended"
	case CertWithdrawn:
		return "Withdrawn"
	case CertExpired:
		return "Expired"
	case CertSuperseded:
		return "Superseded"
	case CertNotYet:
		return "Not yet in force"
	}
	return string(s)
}

// Label is the finding status as staff say it; an accepted plan of a
// major still awaits verification.
func (st FindingStatus) Label(g Grade) string {
	switch st {
	case FindingAwaitingResponse:
		return "Awaiting response"
	case FindingResponded:
		return "Response to review"
	case FindingPlanRejected:
		return "Response rejected"
	case FindingPlanAccepted:
		if g == Major {
			return "Awaiting verification"
		}
		return "Plan accepted"
	case FindingVerified:
		return "Verified"
	case FindingNoAction:
		return "No action needed"
	}
	return string(st)
}

// Label is the obligation state as staff say it.
func (s ObligationState) Label() string {
	switch s {
	case StateUpcoming:
		return "Upcoming"
	case StateDueSoon:
		return "Due soon"
	case StateOverdue:
		return "Overdue"
	case StateDone:
		return "Done"
	case StateLapsed:
		return "Lapsed"
	case StateNotOpen:
		return "Not open"
	}
	return string(s)
}

// PastLabel is what a decision did, as a timeline says it: "Granted".
func (k DecisionKind) PastLabel() string {
	switch k {
	case Grant:
		return "Granted"
	case Refuse:
		return "Refused"
	case Renew:
		return "Renewed"
	case Maintain:
		return "Maintained"
	case ExtendScope:
		return "Scope extended"
	case ReduceScope:
		return "Scope reduced"
	case Suspend:
		return "Suspended"
	case Restore:
		return "Restored"
	case Withdraw:
		return "Withdrawn"
	}
	return string(k)
}

// Label is the grade as staff write it.
func (g Grade) Label() string {
	switch g {
	case Major:
		return "Major NC"
	case Minor:
		return "Minor NC"
	case OFI:
		return "Opportunity for improvement"
	case Observation:
		return "Observation"
	case Positive:
		return "Positive finding"
	}
	return string(g)
}

// ShortLabel is the grade as a narrow column shows it.
func (g Grade) ShortLabel() string {
	switch g {
	case OFI:
		return "OFI"
	case Positive:
		return "Positive"
	}
	return g.Label()
}

// Label is the AI competence area as staff say it.
func (a AIArea) Label() string {
	switch a {
	case AIRisk:
		return "AI risk assessment and treatment"
	case AIData:
		return "Data quality and provenance"
	case AILifecycle:
		return "AI system life cycle and technology"
	case AIEthics:
		return "Ethics and impact assessment"
	case AIRegulation:
		return "AI regulation (EU AI Act) and sector law"
	}
	return string(a)
}

// ShortLabel is the AI competence area in a few words.
func (a AIArea) ShortLabel() string {
	switch a {
	case AIRisk:
		return "AI risk"
	case AIData:
		return "data quality"
	case AILifecycle:
		return "AI life cycle"
	case AIEthics:
		return "ethics and impact"
	case AIRegulation:
		return "AI regulation"
	}
	return string(a)
}

// The AI profile of a client and an audit's conclusion as staff say them.
var (
	aiRoleLabels = map[AIRole]string{
		AIProducer:  "AI producer",
		AIProvider:  "AI provider",
		AIDeveloper: "AI developer",
		AIUser:      "AI user",
		AIPartner:   "AI partner",
	}
	riskLabels = map[RiskClass]string{
		RiskProhibited: "Prohibited",
		RiskHigh:       "High",
		RiskLimited:    "Limited",
		RiskMinimal:    "Minimal",
	}
	autonomyLabels = map[Autonomy]string{
		AutonomyAssistive:     "Assistive",
		AutonomyHumanInLoop:   "Human in the loop",
		AutonomyHumanOnLoop:   "Human on the loop",
		AutonomyFullyAutonomy: "Autonomous",
	}
	outcomeLabels = map[Stage1Outcome]string{
		Stage1Ready:    "ready for stage 2",
		Stage1NotReady: "not ready for stage 2",
	}
	recommendationLabels = map[Recommendation]string{
		RecommendGrant:       "Grant certification",
		RecommendRenew:       "Renew certification",
		RecommendMaintain:    "Maintain certification",
		RecommendNotYet:      "Not until the nonconformities are closed",
		RecommendRefuse:      "Refuse certification",
		RecommendSuspend:     "Suspend the certificate",
		RecommendScopeChange: "Change the scope",
	}
)

// labelOf is the label a table gives k, or k itself.
func labelOf[K ~string](labels map[K]string, k K) string {
	if l, ok := labels[k]; ok {
		return l
	}
	return string(k)
}

// Label is the AI role as staff say it: "AI provider".
func (r AIRole) Label() string { return labelOf(aiRoleLabels, r) }

// Label is the EU AI Act risk class: "High".
func (r RiskClass) Label() string { return labelOf(riskLabels, r) }

// Label is the autonomy of an AI system: "Human in the loop".
func (a Autonomy) Label() string { return labelOf(autonomyLabels, a) }

// Label is a stage 1 conclusion as the report says it: "ready for stage 2".
func (o Stage1Outcome) Label() string { return labelOf(outcomeLabels, o) }

// Label is an audit team's recommendation: "Grant certification".
func (r Recommendation) Label() string { return labelOf(recommendationLabels, r) }
