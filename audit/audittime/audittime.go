package audittime

// Audit time (IAF MD 5; ISO/IEC 42006 for ISO/IEC 42001).
//
// The calculation, step by step (every step is written into the result's
// justification, which is meant to be printed into the contract):
//
//  1. Base time per standard.
//     ISO 9001 and ISO/IEC 27001: the IAF MD 5 quality-management table
//     (assets/audittime/md5-qms.tsv) looked up with the effective personnel.
//     Effective personnel are full-time equivalents; a fraction of a person
//     counts as a whole one (40.2 → 41), so the table never gives less
//     time than the people need. Beyond the table's last row (10,700) the
//     table's progression goes on: its last rows add one day for about
//     25 % more personnel (5,450 → 6,800 → 8,500 → 10,700 are ×1.25, ×1.25,
//     ×1.26), so each further row ends 25 % (rounded up to a whole person)
//     above the previous one and adds one day: 10,701–13,375 → 23 days,
//     13,376–16,719 → 24, 16,720–20,899 → 25, …
//     (27001 uses the QMS table because that is the table the body's rules
//     give; a table of its own is one more TSV file and one line in
//     tableFor.)
//     ISO/IEC 42001: the body's table of days for 1–10 people doing AI work
//     by AI role (assets/audittime/42001-ai.tsv, policy data). A client with
//     one AI role takes that role's row; a client with two or more roles
//     takes the "several" row (6.5 days). The rules also say "take the
//     highest role when several apply": the several-roles row is the
//     highest row, so both readings give 6.5; if the file is edited so that
//     a single role's row is higher, that higher row is taken. Above 10 AI
//     personnel the days scale with the MD 5 progression relative to the
//     1–10 band: days × MD5(AI personnel) / MD5(10), e.g. 12 AI personnel:
//     × 2.5/2. AI personnel not stated (0) count as all effective personnel
//     (the conservative reading).
//  2. Adjustments up or down, each with a reason, as percentages of the
//     base, added (not compounded): adjusted = base × (1 + Σ%/100).
//     An adjustment applies to every standard or to one. Reductions that
//     apply to one standard may together be at most 30 %; increases are not
//     capped. For 42001 the complexity factors (AI systems, their EU AI Act
//     risk class, autonomy, personal data, processes using AI) give
//     suggested adjustments (assets/audittime/42001-factors.tsv, policy
//     data) that are applied only when the user accepts them.
//  3. An integrated audit of several standards: the sum of the adjusted
//     times reduced by at most 20 %.
//  4. The result is the initial audit (stage 1 + stage 2). Stage 1 is 30 %
//     of it, at least half a day, and stage 2 keeps at least half a day.
//     Surveillance is 1/3 of the initial time (each surveillance year),
//     recertification 2/3; each at least half a day.
//  5. Over sites: stage 1 at the central function (documents, planning);
//     stage 2, surveillance and recertification split by the sites'
//     personnel, the central function taking at least 20 %, every site at
//     least half a day when the time allows; the parts add up to the total.
//
// Rounding: every time is rounded to the nearest half auditor-day, a
// quarter day rounding up (6.25 → 6.5); base, adjusted and integrated
// times are each rounded. An auditor-day is 8 hours.

import (
	"bufio"
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"certdesk/assets"
	"certdesk/audit/sampling"
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

// --- tables -------------------------------------------------------------------

type factor struct {
	percent, max float64 // max < 0: none
	reason       string
}

var (
	tablesOnce sync.Once
	tablesErr  error
	qmsRows    []Row
	aiDays     map[string]float64
	aiFactors  map[string]factor
)

func loadTables() error {
	tablesOnce.Do(func() {
		read := func(name string, cols int, each func(n int, f []string) error) {
			if tablesErr != nil {
				return
			}
			b, err := assets.AuditTime.ReadFile("audittime/" + name)
			if err != nil {
				tablesErr = err
				return
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			header := true
			for n := 1; sc.Scan(); n++ {
				line := strings.TrimRight(sc.Text(), "\r")
				if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
					continue
				}
				f := strings.Split(line, "\t")
				if len(f) != cols {
					tablesErr = fmt.Errorf("assets/audittime/%s line %d: want %d tab-separated fields, got %d", name, n, cols, len(f))
					return
				}
				if header {
					header = false
					continue
				}
				if err := each(n, f); err != nil {
					tablesErr = fmt.Errorf("assets/audittime/%s line %d: %w", name, n, err)
					return
				}
			}
			tablesErr = sc.Err()
		}
		read("md5-qms.tsv", 3, func(n int, f []string) error {
			lo, err1 := strconv.Atoi(f[0])
			hi, err2 := strconv.Atoi(f[1])
			d, err3 := strconv.ParseFloat(f[2], 64)
			if err1 != nil || err2 != nil || err3 != nil {
				return fmt.Errorf("want lower, upper, days as numbers")
			}
			want := 1
			if k := len(qmsRows); k > 0 {
				want = qmsRows[k-1].Upper + 1
				if d <= qmsRows[k-1].Days {
					return fmt.Errorf("days must rise from row to row")
				}
			}
			if lo != want || hi < lo || !isHalf(d) {
				return fmt.Errorf("row %d–%d: rows must follow on from %d without gaps, days in half days", lo, hi, want)
			}
			qmsRows = append(qmsRows, Row{Lower: lo, Upper: hi, Days: d})
			return nil
		})
		aiDays = map[string]float64{}
		read("42001-ai.tsv", 2, func(n int, f []string) error {
			d, err := strconv.ParseFloat(f[1], 64)
			if err != nil || d <= 0 || !isHalf(d) {
				return fmt.Errorf("days must be a positive number of half days")
			}
			if f[0] != "several" && !slices.Contains(scheme.AIRoleNames, f[0]) {
				return fmt.Errorf("%q is not an AI role", f[0])
			}
			aiDays[f[0]] = d
			return nil
		})
		aiFactors = map[string]factor{}
		read("42001-factors.tsv", 4, func(n int, f []string) error {
			p, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return fmt.Errorf("percent must be a number")
			}
			m := -1.0
			if f[2] != "-" {
				if m, err = strconv.ParseFloat(f[2], 64); err != nil {
					return fmt.Errorf("max must be a number or -")
				}
			}
			aiFactors[f[0]] = factor{percent: p, max: m, reason: f[3]}
			return nil
		})
		if tablesErr == nil {
			for _, r := range append(slices.Clone(scheme.AIRoleNames), "several") {
				if _, ok := aiDays[r]; !ok {
					tablesErr = fmt.Errorf("assets/audittime/42001-ai.tsv: no row for %q", r)
				}
			}
			if len(qmsRows) == 0 || qmsRows[len(qmsRows)-1].Upper < AIBandUpper {
				tablesErr = fmt.Errorf("assets/audittime/md5-qms.tsv: the table must reach %d persons", AIBandUpper)
			}
		}
	})
	return tablesErr
}

func isHalf(d float64) bool { return d*2 == math.Trunc(d*2) }

// MD5Row is the row of the IAF MD 5 quality-management table for a
// number of persons (at least 1), extrapolated beyond the table's end.
func MD5Row(persons int) (Row, error) {
	if err := loadTables(); err != nil {
		return Row{}, err
	}
	if persons < 1 {
		return Row{}, fmt.Errorf("the MD 5 table starts at 1 person, got %d", persons)
	}
	for _, r := range qmsRows {
		if persons <= r.Upper {
			return r, nil
		}
	}
	r := qmsRows[len(qmsRows)-1]
	for persons > r.Upper {
		// One more day for each band ending 25 % above the last (rounded up).
		up := r.Upper + (r.Upper*ProgressionPercent+99)/100
		r = Row{Lower: r.Upper + 1, Upper: up, Days: r.Days + 1, Extrapolated: true}
	}
	return r, nil
}

// AIDays is the 42001 table's days for 1–10 AI personnel for a role
// ("producer", …, or "several").
func AIDays(role string) (float64, error) {
	if err := loadTables(); err != nil {
		return 0, err
	}
	d, ok := aiDays[role]
	if !ok {
		return 0, fmt.Errorf("%q is not an AI role: use one of %s", role, strings.Join(scheme.AIRoleNames, ", "))
	}
	return d, nil
}

// RoundHalfDay rounds to the nearest half day, a quarter rounding up.
func RoundHalfDay(d float64) float64 { return math.Floor(d*2+0.5+eps) / 2 }

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

// persons is FTE personnel counted in whole persons (a fraction counts as one).
func persons(fte float64) int { return int(math.Ceil(fte - eps)) }

// --- calculation ----------------------------------------------------------------

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
		std, err := NormalizeStandard(s)
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
			std, err := NormalizeStandard(a.Standard)
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
			line := fmt.Sprintf("%s: %s; %s → %s auditor-days for 1–%d AI personnel (the body's ISO/IEC 42001 table)", std, who, roleText, fmtDays(d), AIBandUpper)
			if st.Counted > AIBandUpper {
				line += fmt.Sprintf("; scaled with the IAF MD 5 progression, %s/%s days (row %d–%d against row %d–%d) → %s × %s = %s",
					fmtDays(row.Days), fmtDays(ref.Days), row.Lower, row.Upper, ref.Lower, ref.Upper, fmtDays(d), fmtNum(round(st.Scale, 4)), fmtNum(round(d*st.Scale, 4)))
				if row.Extrapolated {
					line += " (beyond the MD 5 table, following its progression)"
				}
			}
			add("%s → base %s auditor-days.", line, fmtDays(st.Base))
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
				add("%s: %s → beyond the IAF MD 5 table's last row (%d–%d: %s days); following its progression (one more day for each %d %% more personnel) row %d–%d → base %s auditor-days.",
					std, who, last.Lower, last.Upper, fmtDays(last.Days), ProgressionPercent, row.Lower, row.Upper, fmtDays(st.Base))
			} else {
				add("%s: %s → IAF MD 5 quality-management table, row %d–%d → base %s auditor-days.", std, who, row.Lower, row.Upper, fmtDays(st.Base))
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
			add("%s: no adjustment: %s auditor-days.", std, fmtDays(st.Adjusted))
		} else {
			line := fmt.Sprintf("%s adjusted %s: net %s → %s × %s = %s → %s auditor-days", std, strings.Join(parts, "; "),
				fmtPct(st.AdjustmentPercent), fmtDays(st.Base), fmtNum(round(1+st.AdjustmentPercent/100, 6)), fmtNum(round(st.Base*(1+st.AdjustmentPercent/100), 4)), fmtDays(st.Adjusted))
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
		initial = math.Max(0.5, RoundHalfDay(res.Sum*(1-r/100)))
		if r > 0 {
			add("Integrated audit of %d standards: sum %s auditor-days reduced by %s %% (at most %g %%) → %s auditor-days.", len(stds), fmtDays(res.Sum), fmtNum(r), MaxIntegrationPercent, fmtDays(initial))
		} else {
			add("Integrated audit of %d standards, not reduced: %s auditor-days.", len(stds), fmtDays(initial))
		}
	} else if len(stds) > 1 {
		add("Separate audits of %d standards: sum %s auditor-days.", len(stds), fmtDays(res.Sum))
	}

	// 4. Initial, stages, surveillance, recertification.
	s1 := RoundHalfDay(initial * Stage1Share)
	s1 = math.Max(s1, 0.5)
	s1 = math.Min(s1, math.Max(initial-0.5, 0.5))
	s1 = math.Min(s1, initial)
	res.Initial, res.Stage1, res.Stage2 = days(initial), days(s1), days(initial-s1)
	res.Surveillance = days(math.Max(0.5, RoundHalfDay(initial/3)))
	res.Recertification = days(math.Max(0.5, RoundHalfDay(initial*2/3)))
	add("Initial certification audit: %s auditor-days (%s hours): stage 1 %s (%g %% of it, at least half a day), stage 2 %s.",
		fmtDays(initial), fmtNum(res.Initial.Hours), fmtDays(s1), Stage1Share*100, fmtDays(initial-s1))
	add("Surveillance: 1/3 of the initial time → %s auditor-days (%s hours) in each surveillance year.", fmtDays(res.Surveillance.Days), fmtNum(res.Surveillance.Hours))
	add("Recertification: 2/3 of the initial time → %s auditor-days (%s hours).", fmtDays(res.Recertification.Days), fmtNum(res.Recertification.Hours))

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
				stage1 = "stage 1 " + fmtDays(s.Stage1) + ", "
			}
			add("Site %s, %d personnel (%s %%): %sstage 2 %s, surveillance %s, recertification %s auditor-days.",
				name, s.Personnel, fmtNum(s.Share), stage1, fmtDays(s.Stage2), fmtDays(s.Surveillance), fmtDays(s.Recertification))
		}
	}
	res.Justification = just
	return res, nil
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

// splitSites shares the time out over the sites.
func splitSites(in []SiteInput, res *Result) ([]SiteTime, error) {
	seen := map[string]bool{}
	central := -1
	sites := make([]SiteTime, len(in))
	for i, s := range in {
		f := fmt.Sprintf("sites[%d]", i)
		code := strings.TrimSpace(s.Code)
		if code == "" {
			return nil, fieldErr(f+".code", "each site needs a code")
		}
		if seen[code] {
			return nil, fieldErr(f+".code", "site code %q is used twice", code)
		}
		seen[code] = true
		if s.Personnel < 0 {
			return nil, fieldErr(f+".personnel", "site %s: personnel cannot be negative", code)
		}
		if s.Central {
			if central >= 0 {
				return nil, fieldErr(f+".central", "site %s: only one site can be the central function (%s is)", code, in[central].Code)
			}
			central = i
		}
		sites[i] = SiteTime{Code: code, Central: s.Central, Personnel: s.Personnel}
	}
	if len(sites) > 1 && central < 0 {
		return nil, fieldErr("sites", "several sites need one central function")
	}
	if central < 0 {
		central = 0
	}
	// Central function first, the others in code order.
	c := sites[central]
	sites = slices.Delete(sites, central, central+1)
	slices.SortFunc(sites, func(a, b SiteTime) int { return sampling.CompareCodes(a.Code, b.Code) })
	sites = slices.Insert(sites, 0, c)

	w := make([]float64, len(sites))
	total := 0.0
	for i, s := range sites {
		w[i] = float64(s.Personnel)
		total += w[i]
	}
	if total == 0 {
		for i := range w {
			w[i] = 1
		}
		total = float64(len(w))
	}
	if len(w) > 1 {
		others := total - w[0]
		if least := CentralMinShare / (1 - CentralMinShare) * others; w[0] < least {
			w[0] = least
			total = others + least
		}
	}
	for i := range sites {
		sites[i].Share = round(w[i]/total*100, 1)
	}
	st2 := SplitHalfDays(res.Stage2.Days, w)
	sv := SplitHalfDays(res.Surveillance.Days, w)
	rc := SplitHalfDays(res.Recertification.Days, w)
	for i := range sites {
		if i == 0 {
			sites[i].Stage1 = res.Stage1.Days
		}
		sites[i].Stage2, sites[i].Surveillance, sites[i].Recertification = st2[i], sv[i], rc[i]
		sites[i].Initial = sites[i].Stage1 + sites[i].Stage2
	}
	return sites, nil
}

// SplitHalfDays shares total (a number of half days) out in half days in
// proportion to the weights: largest remainder, ties to the earlier
// share; then every share gets at least half a day if the total allows,
// taken from the largest share (the later one on ties). The shares add
// up to total.
func SplitHalfDays(total float64, weights []float64) []float64 {
	n := len(weights)
	out := make([]float64, n)
	if n == 0 {
		return out
	}
	units := int(math.Round(total * 2))
	sum := 0.0
	for _, w := range weights {
		sum += w
	}
	got := make([]int, n)
	type rem struct {
		i int
		r float64
	}
	var rems []rem
	left := units
	for i, w := range weights {
		q := float64(units) * w / sum
		if sum == 0 {
			q = float64(units) / float64(n)
		}
		got[i] = int(math.Floor(q + eps))
		left -= got[i]
		rems = append(rems, rem{i, q - float64(got[i])})
	}
	slices.SortStableFunc(rems, func(a, b rem) int {
		switch {
		case a.r > b.r+eps:
			return -1
		case b.r > a.r+eps:
			return 1
		}
		return a.i - b.i
	})
	for k := 0; left > 0; k = (k + 1) % n {
		got[rems[k].i]++
		left--
	}
	if units >= n {
		for i := range got {
			for got[i] == 0 {
				big := 0
				for j := range got {
					if got[j] >= got[big] {
						big = j
					}
				}
				got[big]--
				got[i]++
			}
		}
	}
	for i := range got {
		out[i] = float64(got[i]) / 2
	}
	return out
}

// --- formatting -----------------------------------------------------------------

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

func fmtNum(x float64) string { return strconv.FormatFloat(round(x, 4), 'f', -1, 64) }

func fmtDays(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }

func fmtPct(p float64) string {
	s := fmtNum(p) + " %"
	if p > 0 {
		return "+" + s
	}
	return strings.Replace(s, "-", "−", 1)
}
