package audittime

import (
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/scheme"
)

// TimeStandards lists the standards Calculate knows (as package scheme
// spells them).
var TimeStandards = []string{scheme.ISO42001, scheme.ISO9001, scheme.ISO27001}

// Limits and shares of the calculation.
const (
	MaxReductionPercent   = 30.0 // IAF MD 5: reductions together at most 30 %
	MaxIntegrationPercent = 20.0 // integrated audit: at most 20 % less
	HoursPerDay           = 8    // an auditor-day
	Stage1Share           = 0.30 // stage 1's share of the initial audit
	CentralMinShare       = 0.20 // the central function's least share of on-site time
	ProgressionPercent    = 25   // beyond the MD 5 table: one more day per 25 % more personnel
	AIBandUpper           = 10   // the 42001 table's figures are for 1..AIBandUpper AI personnel
	maxPersonnel          = 1e7
	eps                   = 1e-9
)

// Input is what audit time is calculated from.
type Input struct {
	Standards []string `json:"standards"` // full or short names: "42001", "ISO 9001:2015"
	// QMSStandards are standards a body added (catalogue.Add) whose base
	// time comes from the IAF MD 5 quality-management table: Standards
	// may name them, in full.
	QMSStandards []string `json:"qms_standards,omitempty"`
	// EffectivePersonnel: full-time equivalents in the scope, all shifts.
	EffectivePersonnel float64 `json:"effective_personnel"`
	// AIPersonnel: people doing AI work (42001); 0: all effective personnel.
	AIPersonnel float64         `json:"ai_personnel,omitempty"`
	AIRoles     []string        `json:"ai_roles,omitempty"`
	AISystems   []AISystemInput `json:"ai_systems,omitempty"`
	// AIProcesses is the number of the client's processes that use AI (0: not stated).
	AIProcesses int          `json:"ai_processes,omitempty"`
	Sites       []SiteInput  `json:"sites,omitempty"`
	Adjustments []Adjustment `json:"adjustments,omitempty"`
	// AcceptSuggestions applies the suggested 42001 adjustments.
	AcceptSuggestions    bool    `json:"accept_suggestions,omitempty"`
	Integrated           bool    `json:"integrated,omitempty"`
	IntegrationReduction float64 `json:"integration_reduction,omitempty"` // percent, 0–20
}

// AISystemInput is one AI system in the scope.
type AISystemInput struct {
	Name         string `json:"name,omitempty"`
	RiskClass    string `json:"risk_class"`
	Autonomy     string `json:"autonomy"`
	PersonalData bool   `json:"personal_data,omitempty"`
}

// SiteInput is one site the audit covers.
type SiteInput struct {
	Code      string `json:"code"`
	Central   bool   `json:"central,omitempty"`
	Personnel int    `json:"personnel"`
}

// Adjustment changes a standard's base time by Percent (+ up, − down)
// for a stated reason.
type Adjustment struct {
	// Standard is the standard it applies to; empty: every standard.
	Standard string  `json:"standard,omitempty"`
	Percent  float64 `json:"percent"`
	Reason   string  `json:"reason"`
	// Suggested marks an adjustment suggested by the 42001 complexity factors.
	Suggested bool `json:"suggested,omitempty"`
}

// NormalizeStandard reads a standard in full or short form ("42001",
// "ISO 9001", "ISO/IEC 27001:2022") and returns its full name.
func NormalizeStandard(s string) (string, error) {
	t := strings.TrimSpace(s)
	for _, std := range TimeStandards {
		short := shortName(std)
		if strings.EqualFold(t, std) || t == short || strings.EqualFold(t, "ISO "+short) || strings.EqualFold(t, "ISO/IEC "+short) {
			return std, nil
		}
	}
	return "", fmt.Errorf("%q is not a standard CertDesk calculates audit time for: use 42001, 9001 or 27001", s)
}

// normalize is NormalizeStandard for in, which also knows the body's
// added standards.
func (in *Input) normalize(s string) (string, error) {
	if t := strings.TrimSpace(s); slices.Contains(in.QMSStandards, t) {
		return t, nil
	}
	return NormalizeStandard(s)
}

func shortName(std string) string {
	n := std[strings.LastIndexByte(std, ' ')+1:]
	if i := strings.IndexByte(n, ':'); i >= 0 {
		n = n[:i]
	}
	return n
}

// tableFor names the table a standard's base time comes from.
func tableFor(std string) string {
	if std == scheme.ISO42001 {
		return "ISO/IEC 42001 AI personnel × AI role (the body's table)"
	}
	return "IAF MD 5 quality-management table"
}
