package audittime

import (
	"fmt"
	"slices"
	"strings"

	"certdesk/audit/scheme"
)

// SuggestAI turns the 42001 complexity factors into suggested
// adjustments of the 42001 time (policy: assets/audittime/42001-factors.tsv).
// processes is the number of processes using AI (0: not stated).
func SuggestAI(systems []AISystemInput, processes int) ([]Adjustment, error) {
	if err := loadTables(); err != nil {
		return nil, err
	}
	if processes < 0 {
		return nil, fieldErr("ai_processes", "the number of processes using AI cannot be negative, got %d", processes)
	}
	var out []Adjustment
	sug := func(key, detail string, units int) {
		f, ok := aiFactors[key]
		if !ok {
			return
		}
		p := f.percent
		if units > 0 {
			p = f.percent * float64(units)
			if f.max >= 0 && p > f.max {
				p = f.max
			}
		}
		reason := f.reason
		if detail != "" {
			reason += " (" + detail + ")"
		}
		out = append(out, Adjustment{Standard: scheme.ISO42001, Percent: p, Reason: reason, Suggested: true})
	}
	var risk, auto = -1, -1
	personal, simple := 0, len(systems) > 0 && processes == 1
	for i, s := range systems {
		rc := slices.Index(scheme.RiskClassNames, strings.ToLower(strings.TrimSpace(s.RiskClass)))
		if rc < 0 {
			return nil, fieldErr(fmt.Sprintf("ai_systems[%d].risk_class", i), "%q is not an EU AI Act risk class: use one of %s", s.RiskClass, strings.Join(scheme.RiskClassNames, ", "))
		}
		au := slices.Index(scheme.AutonomyNames, strings.ToLower(strings.TrimSpace(s.Autonomy)))
		if au < 0 {
			return nil, fieldErr(fmt.Sprintf("ai_systems[%d].autonomy", i), "%q is not a level of autonomy: use one of %s", s.Autonomy, strings.Join(scheme.AutonomyNames, ", "))
		}
		// Risk: lower index is higher risk; autonomy: higher index is more autonomous.
		if risk < 0 || rc < risk {
			risk = rc
		}
		auto = max(auto, au)
		if s.PersonalData {
			personal++
		}
		if scheme.RiskClassNames[rc] != scheme.RiskMinimal || scheme.AutonomyNames[au] != scheme.AutonomyAssistive || s.PersonalData {
			simple = false
		}
	}
	if n := len(systems); n > 1 {
		sug("systems", fmt.Sprintf("%d systems", n), n-1)
	}
	if processes > 1 {
		sug("processes", fmt.Sprintf("%d processes", processes), processes-1)
	}
	if risk >= 0 {
		switch scheme.RiskClassNames[risk] {
		case scheme.RiskProhibited:
			sug("risk-prohibited", "", 0)
		case scheme.RiskHigh:
			sug("risk-high", "", 0)
		}
	}
	switch {
	case auto >= 0 && scheme.AutonomyNames[auto] == scheme.AutonomyFullyAutonomy:
		sug("autonomy-autonomous", "", 0)
	case auto >= 0 && scheme.AutonomyNames[auto] == scheme.AutonomyHumanOnLoop:
		sug("autonomy-on-the-loop", "", 0)
	}
	if personal > 0 {
		sug("personal-data", fmt.Sprintf("%d of %d", personal, len(systems)), 0)
	}
	if simple {
		sug("simple", "", 0)
	}
	return out, nil
}
