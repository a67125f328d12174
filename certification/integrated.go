package certification

// Integrated audits. A client holding several certifications (ISO 9001
// and ISO/IEC 42001, ISO/IEC 27001 and 42001, …) may be audited for all
// of them at once: one visit, one team, one set of dates. CertDesk keeps
// one Audit record per certification — each certification's schedule,
// gates, findings and decisions stay its own — and links them: each
// audit's IntegratedWith names the other audits of the same integrated
// audit.
//
//   - PlanIntegratedAudit plans them together, each through the planning
//     rules of its own certification.
//   - A change that makes the visit one event (planned and actual dates,
//     sites, team, confirming, starting, cancelling) is made to every
//     audit of it in the same transaction, each checked by its own
//     rules, or refused as a whole (syncIntegrated, called by
//     ChangeAudit). Stage 1 outcome, recommendation, auditor-days, report
//     date and notes stay per audit: each standard has its own report.
//   - A clause of the harmonised structure (ISO/IEC Directives Part 1,
//     Annex SL: clauses 4–10 that 9001, 27001 and 42001 share) is
//     answered once: RecordChecklist writes the answer to every audit of
//     the integrated audit still open for checklist work. Annex A
//     controls are never shared — 27001's A.5.x and 42001's A.5.x are
//     different controls.

import (
	"certdesk/audit/catalogue"
)

// RuleIntegratedAudit refuses an integrated audit that is not one: audits
// of different clients, the same standard twice, or a change that would
// take its audits apart (a date, site or team change one of them can no
// longer take).
const RuleIntegratedAudit = "integrated-audit"

// IntegratedPart is one more certification audited in an integrated
// audit, with its own auditor-days.
type IntegratedPart struct {
	CertificationID ID      `json:"certification_id"`
	PlannedDays     float64 `json:"planned_days"`
}

// ---- shared clauses ----

// harmonised are the clauses of the harmonised structure (ISO/IEC
// Directives Part 1, Annex SL, Appendix 2) as ISO/IEC 27001:2022 and
// ISO/IEC 42001:2023 number them; ISO 9001:2015 numbers them the same but
// for continual improvement (its 10.3; its 10.1 "General" is its own).
// The sub-clauses of the harmonised structure — 7.5.1–7.5.3, 9.2.1–9.2.2
// and 9.3.1–9.3.3 — are shared between the standards that list them
// (9001 and 27001; the 42001 catalogue answers 9.2 and 9.3 whole, and its
// 9.2 and 9.3 lines are shared with theirs, where they are headings).
// Clauses with the same number but a discipline's own content — 8.2 and
// 8.3 (9001: requirements for products and services, design; 27001 and
// 42001: their own risk assessment and treatment), the sub-clauses of
// 6.1 (9001's 6.1.1–6.1.2, 27001's 6.1.1–6.1.3, 42001's 6.1.1–6.1.4),
// 8.4 of 42001 and every other 9001 sub-clause (4.4.1, 7.1.5.2, 7.5.3.1,
// …) — are not shared.
var harmonised = map[string]bool{
	"4": true, "4.1": true, "4.2": true, "4.3": true, "4.4": true,
	"5": true, "5.1": true, "5.2": true, "5.3": true,
	"6": true, "6.1": true, "6.2": true, "6.3": true,
	"7": true, "7.1": true, "7.2": true, "7.3": true, "7.4": true, "7.5": true,
	"7.5.1": true, "7.5.2": true, "7.5.3": true,
	"8": true, "8.1": true,
	"9": true, "9.1": true, "9.2": true, "9.3": true,
	"9.2.1": true, "9.2.2": true, "9.3.1": true, "9.3.2": true, "9.3.3": true,
	"10": true, "10.1": true, "10.2": true,
}

// hsClause returns the harmonised-structure clause that ref is in std
// (numbered as in harmonised), or false if ref is std's own.
func hsClause(std Standard, ref string) (string, bool) {
	hs := ref
	if std == ISO9001 {
		switch ref {
		case "10.1":
			return "", false // "General": 9001's own
		case "10.3":
			hs = "10.1" // continual improvement
		}
	}
	if !harmonised[hs] {
		return "", false
	}
	cat, err := catalogue.For(string(std))
	if err != nil {
		return "", false
	}
	if it, ok := cat.Lookup(ref); !ok || it.Kind != catalogue.Clause {
		return "", false
	}
	return hs, true
}

// SharedClause says whether clause ref of standard from is answered once
// for standard to in an integrated audit (a clause of the harmonised
// structure both have), and returns it as to numbers it. Annex A
// controls, and clauses with a standard's own content, are not shared.
func SharedClause(from Standard, ref string, to Standard) (string, bool) {
	if from == to {
		return "", false
	}
	hs, ok := hsClause(from, catalogue.NormalizeRef(ref))
	if !ok {
		return "", false
	}
	out := hs
	if to == ISO9001 && hs == "10.1" {
		out = "10.3"
	}
	if got, ok := hsClause(to, out); !ok || got != hs {
		return "", false
	}
	return out, true
}
