package certification

import (
	"errors"
	"fmt"
)

// ErrNotFound is returned (wrapped) when a record does not exist.
var ErrNotFound = errors.New("not found")

// RuleError is a move that a rule of the certification scheme forbids.
// Rule is a stable identifier (documented in docs/rules.md and used in
// --json output); Msg says what is wrong and what to do.
type RuleError struct {
	Rule string
	Msg  string
}

func (e *RuleError) Error() string { return fmt.Sprintf("refused by rule %s: %s", e.Rule, e.Msg) }

func refuse(rule, format string, args ...any) error {
	return &RuleError{Rule: rule, Msg: fmt.Sprintf(format, args...)}
}

// ValidationError is bad input: a field that is missing or malformed.
type ValidationError struct {
	Record string // e.g. "client 12" or "audit"
	Field  string
	Msg    string
}

func (e *ValidationError) Error() string {
	if e.Record == "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", e.Record, e.Field, e.Msg)
}

// recordName names a record in a problem: its kind, with its id once it
// has one ("audit 12", or "audit" for a new one).
func recordName(r Record) string {
	if r.RecordID() == 0 {
		return string(r.RecordKind())
	}
	return string(r.RecordKind()) + " " + r.RecordID().String()
}

func invalid(record, field, format string, args ...any) error {
	return &ValidationError{Record: record, Field: field, Msg: fmt.Sprintf(format, args...)}
}

// Rule identifiers. Each names one rule of RULES.md that the domain enforces.
const (
	RuleStage2NeedsReadyStage1  = "stage2-needs-ready-stage1"
	RuleStage2GapJustification  = "stage2-gap-needs-justification"
	RuleUnverifiedMajor         = "no-decision-with-unverified-major"
	RuleMinorWithoutPlan        = "no-decision-with-minor-without-accepted-plan"
	RuleMajorVerifiedTooLate    = "major-not-verified-within-6-months-of-stage2"
	RuleDeciderAudited          = "decision-maker-audited-client"
	RuleDeciderRole             = "decision-maker-needs-role"
	RuleDeciderInterest         = "decision-maker-has-interest"
	RuleTeamGap                 = "team-gap"
	RuleNeedsClosedReport       = "decision-needs-closed-report"
	RuleRestorationWindow       = "restoration-window-passed"
	RuleSurveillanceWithdrawn   = "no-surveillance-on-withdrawn-certificate"
	RuleDatesBackwards          = "dates-run-backwards"
	RuleAuditStatusTransition   = "audit-status-transition"
	RuleDecisionNotApplicable   = "decision-not-applicable"
	RuleRecertificationAfterExp = "renewal-after-expiry"
	RuleFindingWorkflow         = "finding-workflow"
	RuleAuditNotOpen            = "audit-not-open"
	RuleLeadAuditorRequired     = "audit-needs-lead-auditor"
	RuleDuplicateCertification  = "duplicate-certification"
	RuleEscalation              = "minor-escalation"
	RuleAdministrator           = "register-and-policy-need-administrator"
	RuleActorInRegister         = "change-needs-a-person-of-the-register"
	RuleOwnIdentity             = "change-signed-by-the-actor"
	// RuleChecklistCoverage: a report is drafted only when the audit's
	// checklist covers what its kind must (coverage.go).
	RuleChecklistCoverage = "checklist-coverage"
)

// RuleResponseForm refuses a response form that does not fit the store:
// another client's or audit's, a locked column changed, a finding no
// longer open for a response, or a store changed since the preview.
const RuleResponseForm = "response-form"

// RuleFutureDate refuses a record of something that happened (an audit
// started or finished, a report, a finding, a response, a review, a
// verification, a decision) dated after today. Planning dates are exempt.
const RuleFutureDate = "no-future-dates"

// RuleEvidenceSize refuses an evidence file larger than the policy's
// evidence_max_mb.
const RuleEvidenceSize = "evidence-size-limit"
