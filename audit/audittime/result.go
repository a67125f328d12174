package audittime

import (
	"fmt"
	"strings"
)

// Row is a row of a time table.
type Row struct {
	Lower int     `json:"lower"`
	Upper int     `json:"upper"`
	Days  float64 `json:"days"`
	// Extrapolated marks a row beyond the table, following its progression.
	Extrapolated bool `json:"extrapolated,omitempty"`
}

func (r Row) String() string {
	return fmt.Sprintf("%d–%d: %s days", r.Lower, r.Upper, fmtDays(r.Days))
}

// Time is a duration in auditor-days with its hours.
type Time struct {
	Days  float64 `json:"days"`
	Hours float64 `json:"hours"`
}

func days(d float64) Time { return Time{Days: d, Hours: d * HoursPerDay} }

// StandardTime is the time for one standard.
type StandardTime struct {
	Standard string `json:"standard"`
	Table    string `json:"table"`
	// Personnel is the number looked up (effective or AI personnel),
	// Counted the whole persons it counts as.
	Personnel float64 `json:"personnel"`
	Counted   int     `json:"counted"`
	Row       Row     `json:"row"`
	// AIRole is the row of the 42001 table used ("several" for two or more roles).
	AIRole string `json:"ai_role,omitempty"`
	// Scale is the MD 5 progression factor applied to the 42001 row (1 up to 10 AI personnel).
	Scale             float64      `json:"scale,omitempty"`
	Base              float64      `json:"base_days"`
	Adjustments       []Adjustment `json:"adjustments,omitempty"`
	AdjustmentPercent float64      `json:"adjustment_percent"`
	ReductionPercent  float64      `json:"reduction_percent"` // reductions together (≤ 30)
	Adjusted          float64      `json:"adjusted_days"`
}

// SiteTime is one site's part of the audit time.
type SiteTime struct {
	Code      string  `json:"code"`
	Central   bool    `json:"central,omitempty"`
	Personnel int     `json:"personnel"`
	Share     float64 `json:"share_percent"` // of stage 2, surveillance, recertification
	Stage1    float64 `json:"stage1_days"`
	Stage2    float64 `json:"stage2_days"`
	Initial   float64 `json:"initial_days"`
	// Surveillance and Recertification: the site's part when it is visited.
	Surveillance    float64 `json:"surveillance_days"`
	Recertification float64 `json:"recertification_days"`
}

// Result is the calculated audit time with its justification.
type Result struct {
	Standards   []StandardTime `json:"standards"`
	Suggestions []Adjustment   `json:"suggestions,omitempty"`
	// Sum is the sum of the adjusted times of the standards.
	Sum                  float64    `json:"sum_days"`
	Integrated           bool       `json:"integrated,omitempty"`
	IntegrationReduction float64    `json:"integration_reduction_percent,omitempty"`
	Initial              Time       `json:"initial"`
	Stage1               Time       `json:"stage1"`
	Stage2               Time       `json:"stage2"`
	Surveillance         Time       `json:"surveillance"` // each surveillance year
	Recertification      Time       `json:"recertification"`
	Sites                []SiteTime `json:"sites,omitempty"`
	Justification        []string   `json:"justification"`
}

// Text is the justification as lines of text, ready for the contract.
func (r *Result) Text() string { return strings.Join(r.Justification, "\n") + "\n" }

// OpenSuggestions are the suggestions no standard applied (as a suggested
// adjustment with the same reason), in the order they were suggested.
func (r *Result) OpenSuggestions() []Adjustment {
	var open []Adjustment
	for _, s := range r.Suggestions {
		applied := false
		for _, st := range r.Standards {
			for _, a := range st.Adjustments {
				applied = applied || (a.Suggested && a.Reason == s.Reason)
			}
		}
		if !applied {
			open = append(open, s)
		}
	}
	return open
}

// FieldError is an input the calculation refuses; Field is the Input
// field's JSON name ("adjustments", "ai_roles[1]").
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

func fieldErr(field, format string, args ...any) error {
	return &FieldError{Field: field, Message: fmt.Sprintf(format, args...)}
}
