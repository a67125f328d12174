package audittime

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"certdesk/audit/scheme"
)

// RoundHalfDay rounds to the nearest half day, a quarter rounding up.
func RoundHalfDay(d float64) float64 { return math.Floor(d*2+0.5+eps) / 2 }

// persons is FTE personnel counted in whole persons (a fraction counts as one).
func persons(fte float64) int { return int(math.Ceil(fte - eps)) }

// Calculate works out audit time from in. A refused input returns a
// *FieldError naming the field.
func Calculate(in Input) (*Result, error) {
	if err := loadTables(); err != nil {
		return nil, err
	}
	res := &Result{}
	var just []string
	add := func(format string, args ...any) { just = append(just, fmt.Sprintf(format, args...)) }

	// Standards.
	if len(in.Standards) == 0 {
		return nil, fieldErr("standards", "name at least one standard (42001, 9001 or 27001)")
	}
	var stds []string
	for i, s := range in.Standards {
		std, err := in.normalize(s)
		if err != nil {
			return nil, fieldErr(fmt.Sprintf("standards[%d]", i), "%v", err)
		}
		if slices.Contains(stds, std) {
			return nil, fieldErr(fmt.Sprintf("standards[%d]", i), "%s is named twice", std)
		}
		stds = append(stds, std)
	}
	has42001 := slices.Contains(stds, scheme.ISO42001)

	// Personnel.
	ep := in.EffectivePersonnel
	if math.IsNaN(ep) || ep <= 0 || ep > maxPersonnel {
		return nil, fieldErr("effective_personnel", "effective personnel must be a number of full-time equivalents above 0 and at most %d, got %g", int(maxPersonnel), ep)
	}
	ai := in.AIPersonnel
	aiDefaulted := false
	var roles []string
	var suggestions []Adjustment
	if has42001 {
		if math.IsNaN(ai) || ai < 0 {
			return nil, fieldErr("ai_personnel", "AI personnel must be a number of full-time equivalents of 0 or more, got %g", ai)
		}
		if ai > ep+eps {
			return nil, fieldErr("ai_personnel", "AI personnel (%g) cannot exceed the effective personnel (%g): they are part of it", ai, ep)
		}
		if ai == 0 {
			ai, aiDefaulted = ep, true
		}
		for i, r := range in.AIRoles {
			role := strings.ToLower(strings.TrimSpace(r))
			if !slices.Contains(scheme.AIRoleNames, role) {
				return nil, fieldErr(fmt.Sprintf("ai_roles[%d]", i), "%q is not an AI role: use one of %s", r, strings.Join(scheme.AIRoleNames, ", "))
			}
			if !slices.Contains(roles, role) {
				roles = append(roles, role)
			}
		}
		if len(roles) == 0 {
			return nil, fieldErr("ai_roles", "ISO/IEC 42001 audit time depends on the client's AI role(s): give one or more of %s", strings.Join(scheme.AIRoleNames, ", "))
		}
		var err error
		if suggestions, err = SuggestAI(in.AISystems, in.AIProcesses); err != nil {
			return nil, err
		}
	}

	// Adjustments (the accepted suggestions last).
	adjs := slices.Clone(in.Adjustments)
	for i := range adjs {
		a := &adjs[i]
		f := fmt.Sprintf("adjustments[%d]", i)
		a.Reason = strings.TrimSpace(a.Reason)
		if a.Reason == "" {
			return nil, fieldErr(f, "each adjustment needs a reason")
		}
		if math.IsNaN(a.Percent) || math.IsInf(a.Percent, 0) || a.Percent == 0 || a.Percent <= -100 || a.Percent > 1000 {
			return nil, fieldErr(f, "the adjustment %q must be a percentage up (+, at most 1000) or down (−), not 0, got %g", a.Reason, a.Percent)
		}
		if a.Standard != "" {
			std, err := in.normalize(a.Standard)
			if err != nil {
				return nil, fieldErr(f, "%v", err)
			}
			if !slices.Contains(stds, std) {
				return nil, fieldErr(f, "the adjustment %q is for %s, which is not among the standards", a.Reason, std)
			}
			a.Standard = std
		}
	}
	if in.AcceptSuggestions {
		adjs = append(adjs, suggestions...)
	}
	res.Suggestions = suggestions

	add("Audit time under IAF MD 5 for %s. Times are in auditor-days of %d hours, each rounded to the nearest half day (a quarter day rounds up).", strings.Join(stds, " and "), HoursPerDay)

	// 1–2. Base and adjusted time per standard.
	for _, std := range stds {
		st := StandardTime{Standard: std, Table: tableFor(std)}
		if std == scheme.ISO42001 {
			st.Personnel = ai
			st.Counted = persons(ai)
			role := roles[0]
			d := aiDays[role]
			if len(roles) > 1 {
				role, d = "several", aiDays["several"]
				for _, r := range roles {
					if aiDays[r] > d {
						role, d = r, aiDays[r]
					}
				}
			}
			st.AIRole = role
			row, _ := MD5Row(st.Counted)
			ref, _ := MD5Row(AIBandUpper)
			st.Row, st.Scale = row, 1
			if st.Counted > AIBandUpper {
				st.Scale = row.Days / ref.Days
			}
			st.Base = RoundHalfDay(d * st.Scale)
			var who string
			if aiDefaulted {
				who = fmt.Sprintf("AI personnel not stated: all %s effective personnel counted as doing AI work", fmtNum(ep))
			} else {
				who = fmt.Sprintf("%s people doing AI work", fmtNum(ai))
			}
			if float64(st.Counted) != ai {
				who += fmt.Sprintf(" (counted as %d)", st.Counted)
			}
			roleText := "AI role " + roles[0]
			if len(roles) > 1 {
				roleText = fmt.Sprintf("AI roles %s: more than one role → the %q row, the highest that applies", strings.Join(roles, ", "), role)
			}
			line := fmt.Sprintf("%s: %s; %s → %s for 1–%d AI personnel (the body's ISO/IEC 42001 table)", std, who, roleText, AuditorDays(d), AIBandUpper)
			if st.Counted > AIBandUpper {
				line += fmt.Sprintf("; scaled with the IAF MD 5 progression, %s/%s days (row %d–%d against row %d–%d) → %s × %s = %s",
					fmtDays(row.Days), fmtDays(ref.Days), row.Lower, row.Upper, ref.Lower, ref.Upper, fmtDays(d), fmtNum(round(st.Scale, 4)), fmtNum(round(d*st.Scale, 4)))
				if row.Extrapolated {
					line += " (beyond the MD 5 table, following its progression)"
				}
			}
			add("%s → base %s.", line, AuditorDays(st.Base))
		} else {
			st.Personnel = ep
			st.Counted = persons(ep)
			row, _ := MD5Row(st.Counted)
			st.Row, st.Base = row, row.Days
			who := fmtNum(ep) + " effective personnel (full-time equivalents in scope"
			if float64(st.Counted) != ep {
				who += fmt.Sprintf("; a part of a person counts as one: %d", st.Counted)
			}
			who += ")"
			if row.Extrapolated {
				last := qmsRows[len(qmsRows)-1]
				add("%s: %s → beyond the IAF MD 5 table's last row (%d–%d: %s days); following its progression (one more day for each %d %% more personnel) row %d–%d → base %s.",
					std, who, last.Lower, last.Upper, fmtDays(last.Days), ProgressionPercent, row.Lower, row.Upper, AuditorDays(st.Base))
			} else {
				add("%s: %s → IAF MD 5 quality-management table, row %d–%d → base %s.", std, who, row.Lower, row.Upper, AuditorDays(st.Base))
			}
		}

		var parts []string
		for _, a := range adjs {
			if a.Standard != "" && a.Standard != std {
				continue
			}
			st.Adjustments = append(st.Adjustments, a)
			st.AdjustmentPercent += a.Percent
			if a.Percent < 0 {
				st.ReductionPercent -= a.Percent
			}
			p := fmtPct(a.Percent) + " " + a.Reason
			if a.Suggested {
				p += " [suggested, accepted]"
			}
			parts = append(parts, p)
		}
		st.AdjustmentPercent = round(st.AdjustmentPercent, 6)
		st.ReductionPercent = round(st.ReductionPercent, 6)
		if st.ReductionPercent > MaxReductionPercent+eps {
			return nil, fieldErr("adjustments", "the reductions for %s total %s %%, more than the %g %% IAF MD 5 allows (%s)",
				std, fmtNum(st.ReductionPercent), MaxReductionPercent, strings.Join(reductions(st.Adjustments), ", "))
		}
		st.Adjusted = math.Max(0.5, RoundHalfDay(st.Base*(1+st.AdjustmentPercent/100)))
		if len(parts) == 0 {
			add("%s: no adjustment: %s.", std, AuditorDays(st.Adjusted))
		} else {
			line := fmt.Sprintf("%s adjusted %s: net %s → %s × %s = %s → %s", std, strings.Join(parts, "; "),
				fmtPct(st.AdjustmentPercent), fmtDays(st.Base), fmtNum(round(1+st.AdjustmentPercent/100, 6)), fmtNum(round(st.Base*(1+st.AdjustmentPercent/100), 4)), AuditorDays(st.Adjusted))
			if st.ReductionPercent > 0 {
				line += fmt.Sprintf("; reductions together %s %% (at most %g %%)", fmtNum(st.ReductionPercent), MaxReductionPercent)
			}
			add("%s.", line)
		}
		res.Standards = append(res.Standards, st)
		res.Sum += st.Adjusted
	}

	// 3. Integration.
	r := in.IntegrationReduction
	switch {
	case math.IsNaN(r) || r < 0:
		return nil, fieldErr("integration_reduction", "the reduction for an integrated audit is a percentage from 0 to %g, got %g", MaxIntegrationPercent, r)
	case r > MaxIntegrationPercent+eps:
		return nil, fieldErr("integration_reduction", "an integrated audit may be reduced by at most %g %%, got %s %%", MaxIntegrationPercent, fmtNum(r))
	case r > 0 && !in.Integrated:
		return nil, fieldErr("integration_reduction", "a reduction for integration needs an integrated audit (integrated)")
	case in.Integrated && len(stds) < 2:
		return nil, fieldErr("integrated", "an integrated audit combines several standards: name at least two")
	}
	initial := res.Sum
	if in.Integrated {
		res.Integrated, res.IntegrationReduction = true, r
		initial = Integrate(res.Sum, r)
		if r > 0 {
			add("Integrated audit of %d standards: sum %s reduced by %s %% (at most %g %%) → %s.", len(stds), AuditorDays(res.Sum), fmtNum(r), MaxIntegrationPercent, AuditorDays(initial))
		} else {
			add("Integrated audit of %d standards, not reduced: %s.", len(stds), AuditorDays(initial))
		}
	} else if len(stds) > 1 {
		add("Separate audits of %d standards: sum %s.", len(stds), AuditorDays(res.Sum))
	}

	// 4. Initial, stages, surveillance, recertification.
	res.SetInitial(initial)
	s1 := res.Stage1.Days
	add("Initial certification audit: %s (%s hours): stage 1 %s (%g %% of it, at least half a day), stage 2 %s.",
		AuditorDays(initial), fmtNum(res.Initial.Hours), AuditorDays(s1), Stage1Share*100, AuditorDays(initial-s1))
	add("Surveillance: 1/3 of the initial time → %s (%s hours) in each surveillance year.", AuditorDays(res.Surveillance.Days), fmtNum(res.Surveillance.Hours))
	add("Recertification: 2/3 of the initial time → %s (%s hours).", AuditorDays(res.Recertification.Days), fmtNum(res.Recertification.Hours))

	// 5. Sites.
	if len(in.Sites) > 0 {
		sites, err := splitSites(in.Sites, res)
		if err != nil {
			return nil, err
		}
		res.Sites = sites
		if len(sites) > 1 {
			add("Over the %d sites: stage 1 at the central function; stage 2, surveillance and recertification by the sites' personnel, the central function at least %g %%, each site at least half a day where the time allows.", len(sites), CentralMinShare*100)
		}
		for _, s := range sites {
			name := s.Code
			if s.Central {
				name += " (central function)"
			}
			stage1 := ""
			if s.Stage1 > 0 {
				stage1 = "stage 1 " + AuditorDays(s.Stage1) + ", "
			}
			add("Site %s, %d personnel (%s %%): %sstage 2 %s, surveillance %s, recertification %s.",
				name, s.Personnel, fmtNum(s.Share), stage1, AuditorDays(s.Stage2), AuditorDays(s.Surveillance), AuditorDays(s.Recertification))
		}
	}
	res.Justification = just
	return res, nil
}

// SetInitial sets the initial audit time and the times derived from it:
// stage 1 (its share, at least half a day), stage 2 (the rest),
// surveillance (1/3) and recertification (2/3).
func (res *Result) SetInitial(initial float64) {
	s1 := RoundHalfDay(initial * Stage1Share)
	s1 = math.Max(s1, 0.5)
	s1 = math.Min(s1, math.Max(initial-0.5, 0.5))
	s1 = math.Min(s1, initial)
	res.Initial, res.Stage1, res.Stage2 = days(initial), days(s1), days(initial-s1)
	res.Surveillance = days(math.Max(0.5, RoundHalfDay(initial/3)))
	res.Recertification = days(math.Max(0.5, RoundHalfDay(initial*2/3)))
}

// Integrate is the time of an audit of sum auditor-days reduced by
// percent (0 to MaxIntegrationPercent) for being part of an integrated
// audit, rounded, at least half a day.
func Integrate(sum, percent float64) float64 {
	return math.Max(0.5, RoundHalfDay(sum*(1-percent/100)))
}

func reductions(adjs []Adjustment) []string {
	var out []string
	for _, a := range adjs {
		if a.Percent < 0 {
			out = append(out, fmtPct(a.Percent)+" "+a.Reason)
		}
	}
	return out
}
