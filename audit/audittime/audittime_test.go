package audittime

import (
	"certdesk/audit/scheme"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// md5Rules is the quality-management table as RULES.md prints it, typed
// in again here so that the embedded TSV file is checked against it.
var md5Rules = []struct {
	lower, upper int
	days         float64
}{
	{1, 5, 1.5}, {6, 10, 2}, {11, 15, 2.5}, {16, 25, 3}, {26, 45, 4}, {46, 65, 5},
	{66, 85, 6}, {86, 125, 7}, {126, 175, 8}, {176, 275, 9}, {276, 425, 10}, {426, 625, 11},
	{626, 875, 12}, {876, 1175, 13}, {1176, 1550, 14}, {1551, 2025, 15}, {2026, 2675, 16},
	{2676, 3450, 17}, {3451, 4350, 18}, {4351, 5450, 19}, {5451, 6800, 20}, {6801, 8500, 21},
	{8501, 10700, 22},
}

func TestMD5TableEveryBandEdge(t *testing.T) {
	for _, b := range md5Rules {
		for _, p := range []int{b.lower, b.upper} {
			r, err := MD5Row(p)
			if err != nil {
				t.Fatal(err)
			}
			if r.Days != b.days || r.Lower != b.lower || r.Upper != b.upper || r.Extrapolated {
				t.Errorf("MD5Row(%d) = %+v, want %d–%d %g days", p, r, b.lower, b.upper, b.days)
			}
			// The same through Calculate, with the personnel as full-time equivalents.
			res := calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: float64(p)})
			if got := res.Standards[0].Base; got != b.days {
				t.Errorf("personnel %d: base %g, want %g", p, got, b.days)
			}
		}
	}
	if _, err := MD5Row(0); err == nil {
		t.Error("MD5Row(0) gave no error")
	}
}

func TestMD5BeyondTheTableFollowsTheProgression(t *testing.T) {
	// Each further band ends 25 % (rounded up) above the one before and
	// adds one day: 10700 → 13375 → 16719 → 20899 → 26124.
	for _, c := range []struct {
		persons, lower, upper int
		days                  float64
	}{
		{10700, 8501, 10700, 22},
		{10701, 10701, 13375, 23},
		{13375, 10701, 13375, 23},
		{13376, 13376, 16719, 24},
		{16719, 13376, 16719, 24},
		{16720, 16720, 20899, 25},
		{20899, 16720, 20899, 25},
		{20900, 20900, 26124, 26},
	} {
		r, err := MD5Row(c.persons)
		if err != nil {
			t.Fatal(err)
		}
		if r.Lower != c.lower || r.Upper != c.upper || r.Days != c.days || r.Extrapolated != (c.persons > 10700) {
			t.Errorf("MD5Row(%d) = %+v, want %d–%d %g days", c.persons, r, c.lower, c.upper, c.days)
		}
	}
	// The rule itself, over a long way: contiguous bands, one day each,
	// each upper bound ⌈1.25 × the previous⌉.
	prev, _ := MD5Row(10700)
	for i := 0; i < 40; i++ {
		r, _ := MD5Row(prev.Upper + 1)
		if r.Lower != prev.Upper+1 || r.Days != prev.Days+1 || r.Upper != prev.Upper+(prev.Upper+3)/4 {
			t.Fatalf("band after %+v is %+v", prev, r)
		}
		prev = r
	}
	res := calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: 12000})
	if res.Standards[0].Base != 23 || !strings.Contains(res.Text(), "beyond the IAF MD 5 table's last row (8501–10700: 22 days)") {
		t.Errorf("12000 personnel: %g days\n%s", res.Standards[0].Base, res.Text())
	}
}

func TestFractionOfAPersonCountsAsOne(t *testing.T) {
	for _, c := range []struct {
		fte  float64
		days float64
	}{{0.5, 1.5}, {5, 1.5}, {5.01, 2}, {10, 2}, {10.2, 2.5}, {45, 4}, {45.5, 5}} {
		res := calc(t, Input{Standards: []string{"ISO 9001:2015"}, EffectivePersonnel: c.fte})
		if res.Standards[0].Base != c.days {
			t.Errorf("%g FTE: %g days, want %g", c.fte, res.Standards[0].Base, c.days)
		}
	}
}

func TestRoundHalfDay(t *testing.T) {
	for _, c := range []struct{ in, want float64 }{
		{0, 0}, {0.24, 0}, {0.25, 0.5}, {1.2, 1}, {6.24, 6}, {6.25, 6.5}, {6.74, 6.5}, {6.75, 7},
		{2.5 * 0.9, 2.5}, // 2.25 in floating point
		{4.2, 4}, {4.9, 5}, {14.666666666666666, 14.5},
	} {
		if got := RoundHalfDay(c.in); got != c.want {
			t.Errorf("RoundHalfDay(%v) = %v, want %v", c.in, got, c.want)
		}
	}
}

func TestReductionsCappedAt30Percent(t *testing.T) {
	adj := func(ps ...float64) []Adjustment {
		var out []Adjustment
		for i, p := range ps {
			out = append(out, Adjustment{Percent: p, Reason: "reason " + string(rune('a'+i))})
		}
		return out
	}
	// 100 personnel: 7 days.
	for _, c := range []struct {
		name     string
		adj      []Adjustment
		adjusted float64 // 0: refused
	}{
		{"none", nil, 7},
		{"29.9", adj(-29.9), 5}, // 4.907
		{"30", adj(-30), 5},     // 4.9
		{"30.1", adj(-30.1), 0}, // refused
		{"3 × 10", adj(-10, -10, -10), 5},
		{"10+10+10.1", adj(-10, -10, -10.1), 0},
		{"29.9+0.1", adj(-29.9, -0.1), 5},
		{"increases do not make room for reductions", adj(-20, 50, -15), 0},
		{"up uncapped", adj(200), 21},
		{"up and down", adj(25, -30), 6.5}, // 7 × 0.95 = 6.65
		{"+10", adj(10), 7.5},              // 7.7
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Calculate(Input{Standards: []string{"9001"}, EffectivePersonnel: 100, Adjustments: c.adj})
			if c.adjusted == 0 {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != "adjustments" || !strings.Contains(err.Error(), "30 %") {
					t.Fatalf("err = %v, want a refusal of the adjustments naming the 30 %% cap", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			st := res.Standards[0]
			if st.Adjusted != c.adjusted || len(st.Adjustments) != len(c.adj) {
				t.Errorf("adjusted %g with %d adjustments, want %g", st.Adjusted, len(st.Adjustments), c.adjusted)
			}
			for _, a := range c.adj {
				if !strings.Contains(res.Text(), fmtPct(a.Percent)+" "+a.Reason) {
					t.Errorf("the justification does not record %s %s:\n%s", fmtPct(a.Percent), a.Reason, res.Text())
				}
			}
		})
	}
}

func TestReductionCapIsPerStandard(t *testing.T) {
	in := Input{Standards: []string{"9001", "27001"}, EffectivePersonnel: 50, Adjustments: []Adjustment{
		{Percent: -20, Reason: "simple, low-risk processes"},
		{Standard: "27001", Percent: -10, Reason: "few information assets"},
	}}
	res := calc(t, in)
	if res.Standards[0].ReductionPercent != 20 || res.Standards[1].ReductionPercent != 30 {
		t.Errorf("reductions %g, %g", res.Standards[0].ReductionPercent, res.Standards[1].ReductionPercent)
	}
	in.Adjustments = append(in.Adjustments, Adjustment{Standard: "ISO/IEC 27001", Percent: -1, Reason: "one more"})
	if _, err := Calculate(in); err == nil || !strings.Contains(err.Error(), "ISO/IEC 27001:2022 total 31 %") {
		t.Errorf("err = %v", err)
	}
	in.Adjustments[2].Standard = "42001"
	if _, err := Calculate(in); err == nil || !strings.Contains(err.Error(), "adjustments[2]") {
		t.Errorf("an adjustment for a standard not audited: err = %v", err)
	}
}

func TestAdjustmentNeedsReasonAndPercent(t *testing.T) {
	for _, a := range []Adjustment{{Percent: 5}, {Percent: 0, Reason: "x"}, {Percent: math.NaN(), Reason: "x"}, {Percent: -100, Reason: "x"}} {
		_, err := Calculate(Input{Standards: []string{"9001"}, EffectivePersonnel: 10, Adjustments: []Adjustment{a}})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != "adjustments[0]" {
			t.Errorf("%+v: err = %v", a, err)
		}
	}
}

func TestAIModeEachRole(t *testing.T) {
	for _, c := range []struct {
		roles []string
		ai    float64
		row   string
		base  float64
	}{
		{[]string{"producer"}, 5, "producer", 5},
		{[]string{"developer"}, 5, "developer", 3.5},
		{[]string{"provider"}, 5, "provider", 3.5},
		{[]string{"user"}, 5, "user", 3.5},
		{[]string{"partner"}, 5, "partner", 3.5},
		{[]string{" User "}, 1, "user", 3.5},
		{[]string{"user", "user"}, 10, "user", 3.5},
		{[]string{"provider", "user"}, 10, "several", 6.5},
		{[]string{"producer", "provider"}, 3, "several", 6.5},
		{[]string{"producer", "provider", "developer", "user", "partner"}, 10, "several", 6.5},
		// Above 10 AI personnel: × MD5(n)/MD5(10).
		{[]string{"producer"}, 11, "producer", 6.5},      // 5 × 2.5/2 = 6.25
		{[]string{"provider"}, 11, "provider", 4.5},      // 3.5 × 1.25 = 4.375
		{[]string{"provider", "user"}, 15, "several", 8}, // 6.5 × 1.25 = 8.125
		{[]string{"producer"}, 16, "producer", 7.5},      // 5 × 1.5
		{[]string{"producer"}, 100, "producer", 17.5},    // 5 × 7/2
		{[]string{"user"}, 10.5, "user", 4.5},            // counted 11
	} {
		res := calc(t, Input{Standards: []string{"42001"}, EffectivePersonnel: 200, AIPersonnel: c.ai, AIRoles: c.roles})
		st := res.Standards[0]
		if st.AIRole != c.row || st.Base != c.base {
			t.Errorf("%v with %g AI personnel: row %q, base %g; want %q, %g", c.roles, c.ai, st.AIRole, st.Base, c.row, c.base)
		}
	}
}

func TestAIPersonnel(t *testing.T) {
	// Not stated: all effective personnel count (the conservative reading).
	res := calc(t, Input{Standards: []string{"42001"}, EffectivePersonnel: 12, AIRoles: []string{"producer"}})
	if res.Standards[0].Personnel != 12 || res.Standards[0].Base != 6.5 || !strings.Contains(res.Text(), "AI personnel not stated") {
		t.Errorf("%+v\n%s", res.Standards[0], res.Text())
	}
	for _, c := range []struct {
		in    Input
		field string
	}{
		{Input{Standards: []string{"42001"}, EffectivePersonnel: 12, AIPersonnel: 13, AIRoles: []string{"user"}}, "ai_personnel"},
		{Input{Standards: []string{"42001"}, EffectivePersonnel: 12, AIPersonnel: -1, AIRoles: []string{"user"}}, "ai_personnel"},
		{Input{Standards: []string{"42001"}, EffectivePersonnel: 12}, "ai_roles"},
		{Input{Standards: []string{"42001"}, EffectivePersonnel: 12, AIRoles: []string{"user", "importer"}}, "ai_roles[1]"},
		{Input{Standards: []string{"42001"}, EffectivePersonnel: 0, AIRoles: []string{"user"}}, "effective_personnel"},
		{Input{Standards: []string{"9001"}, EffectivePersonnel: -3}, "effective_personnel"},
		{Input{Standards: []string{"9001"}, EffectivePersonnel: math.NaN()}, "effective_personnel"},
		{Input{Standards: nil, EffectivePersonnel: 3}, "standards"},
		{Input{Standards: []string{"14001"}, EffectivePersonnel: 3}, "standards[0]"},
		{Input{Standards: []string{"9001", "ISO 9001:2015"}, EffectivePersonnel: 3}, "standards[1]"},
	} {
		_, err := Calculate(c.in)
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%+v: err = %v, want one naming %s", c.in, err, c.field)
		}
	}
	// The AI fields are not needed without 42001.
	calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: 12, AIRoles: []string{"importer"}})
}

func TestAISuggestions(t *testing.T) {
	sys := func(risk, auto string, pd bool) AISystemInput {
		return AISystemInput{RiskClass: risk, Autonomy: auto, PersonalData: pd}
	}
	type want map[string]float64 // reason prefix → percent
	for _, c := range []struct {
		name      string
		systems   []AISystemInput
		processes int
		want      want
	}{
		{"none", nil, 0, want{}},
		{"one limited", []AISystemInput{sys("limited", "human-in-the-loop", false)}, 0, want{}},
		{"simple", []AISystemInput{sys("minimal", "assistive", false)}, 1, want{"every AI system minimal-risk": -10}},
		{"simple but processes unknown", []AISystemInput{sys("minimal", "assistive", false)}, 0, want{}},
		{"three systems", []AISystemInput{sys("minimal", "assistive", false), sys("limited", "assistive", false), sys("minimal", "assistive", false)}, 0,
			want{"AI systems in scope beyond the first": 10}},
		{"many systems capped", make12(sys("minimal", "assistive", false)), 0, want{"AI systems in scope beyond the first": 20}},
		{"processes", []AISystemInput{sys("limited", "assistive", false)}, 4, want{"processes using AI beyond the first": 6}},
		{"processes capped", []AISystemInput{sys("limited", "assistive", false)}, 30, want{"processes using AI beyond the first": 10}},
		{"high, autonomous, personal", []AISystemInput{sys("high", "autonomous", true)}, 0,
			want{"high-risk": 10, "AI systems acting autonomously": 10, "AI systems using personal data": 5}},
		{"prohibited beats high, on-the-loop", []AISystemInput{sys("high", "assistive", false), sys("Prohibited", "human-on-the-loop", false)}, 0,
			want{"AI systems in scope beyond the first": 5, "an AI system in the EU AI Act's prohibited class": 20, "AI systems acting with a person only supervising": 5}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := SuggestAI(c.systems, c.processes)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("suggestions %+v, want %v", got, c.want)
			}
			for _, a := range got {
				found := false
				for prefix, p := range c.want {
					if strings.HasPrefix(a.Reason, prefix) && a.Percent == p {
						found = true
					}
				}
				if !found || !a.Suggested || a.Standard != scheme.ISO42001 {
					t.Errorf("unexpected suggestion %+v (want %v)", a, c.want)
				}
			}
		})
	}
	if _, err := SuggestAI([]AISystemInput{sys("medium", "assistive", false)}, 0); err == nil || !strings.Contains(err.Error(), "ai_systems[0].risk_class") {
		t.Errorf("bad risk class: %v", err)
	}
	if _, err := SuggestAI([]AISystemInput{sys("high", "self-driving", false)}, 0); err == nil || !strings.Contains(err.Error(), "ai_systems[0].autonomy") {
		t.Errorf("bad autonomy: %v", err)
	}

	// Suggested, not applied unless accepted; accepted, only for 42001.
	in := Input{Standards: []string{"9001", "42001"}, EffectivePersonnel: 40, AIPersonnel: 8, AIRoles: []string{"producer"},
		AISystems: []AISystemInput{sys("high", "autonomous", true)}}
	res := calc(t, in)
	if len(res.Suggestions) != 3 || res.Standards[1].Adjusted != 5 || len(res.Standards[1].Adjustments) != 0 {
		t.Errorf("not accepted: %+v", res)
	}
	in.AcceptSuggestions = true
	res = calc(t, in)
	if res.Standards[0].Adjusted != 4 || len(res.Standards[0].Adjustments) != 0 {
		t.Errorf("9001 got the 42001 suggestions: %+v", res.Standards[0])
	}
	if st := res.Standards[1]; st.AdjustmentPercent != 25 || st.Adjusted != 6.5 || len(st.Adjustments) != 3 { // 5 × 1.25 = 6.25
		t.Errorf("accepted: %+v", st)
	}
	if !strings.Contains(res.Text(), "[suggested, accepted]") {
		t.Error(res.Text())
	}
}

func make12(s AISystemInput) []AISystemInput {
	out := make([]AISystemInput, 12)
	for i := range out {
		out[i] = s
	}
	return out
}

func TestIntegrationReduction(t *testing.T) {
	// 9001 at 40 personnel: 4 days; 42001 provider, 8 AI personnel: 3.5 days; sum 7.5.
	base := Input{Standards: []string{"9001", "42001"}, EffectivePersonnel: 40, AIPersonnel: 8, AIRoles: []string{"provider"}}
	for _, c := range []struct {
		integrated bool
		r          float64
		initial    float64
		field      string
	}{
		{false, 0, 7.5, ""},
		{true, 0, 7.5, ""},
		{true, 10, 7, ""},   // 6.75
		{true, 15, 6.5, ""}, // 6.375
		{true, 20, 6, ""},
		{true, 20.1, 0, "integration_reduction"},
		{true, -1, 0, "integration_reduction"},
		{false, 10, 0, "integration_reduction"},
	} {
		in := base
		in.Integrated, in.IntegrationReduction = c.integrated, c.r
		res, err := Calculate(in)
		if c.field != "" {
			var fe *FieldError
			if !errors.As(err, &fe) || fe.Field != c.field {
				t.Errorf("integrated %v, %g %%: err = %v, want one naming %s", c.integrated, c.r, err, c.field)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if res.Sum != 7.5 || res.Initial.Days != c.initial {
			t.Errorf("integrated %v, %g %%: sum %g, initial %g; want 7.5, %g", c.integrated, c.r, res.Sum, res.Initial.Days, c.initial)
		}
	}
	_, err := Calculate(Input{Standards: []string{"9001"}, EffectivePersonnel: 40, Integrated: true})
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "integrated" {
		t.Errorf("integrated audit of one standard: %v", err)
	}
}

func TestStagesSurveillanceRecertification(t *testing.T) {
	for _, c := range []struct {
		personnel                     float64
		initial, s1, s2, surv, recert float64
	}{
		{1, 1.5, 0.5, 1, 0.5, 1},          // 0.45 → 0.5; 0.5; 1
		{6, 2, 0.5, 1.5, 0.5, 1.5},        // 0.6 → 0.5; 0.667 → 0.5; 1.333 → 1.5
		{11, 2.5, 1, 1.5, 1, 1.5},         // 0.75 → 1; 0.833 → 1; 1.667 → 1.5
		{16, 3, 1, 2, 1, 2},               // 0.9 → 1
		{40, 4, 1, 3, 1.5, 2.5},           // 1.2 → 1; 1.333 → 1.5; 2.667 → 2.5
		{100, 7, 2, 5, 2.5, 4.5},          // 2.1 → 2; 2.333 → 2.5; 4.667 → 4.5
		{10700, 22, 6.5, 15.5, 7.5, 14.5}, // 6.6 → 6.5; 7.333 → 7.5; 14.667 → 14.5
	} {
		res := calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: c.personnel})
		got := []float64{res.Initial.Days, res.Stage1.Days, res.Stage2.Days, res.Surveillance.Days, res.Recertification.Days}
		want := []float64{c.initial, c.s1, c.s2, c.surv, c.recert}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%g personnel: initial, stage 1, stage 2, surveillance, recertification = %v, want %v", c.personnel, got, want)
				break
			}
		}
		if res.Stage1.Days+res.Stage2.Days != res.Initial.Days {
			t.Errorf("stages do not add up: %+v", res)
		}
		for _, tm := range []Time{res.Initial, res.Stage1, res.Stage2, res.Surveillance, res.Recertification} {
			if tm.Hours != tm.Days*8 {
				t.Errorf("%+v: hours are not 8 per day", tm)
			}
		}
	}
	// The least initial time still leaves half a day to each stage.
	res := calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: 3, Adjustments: []Adjustment{{Percent: -30, Reason: "very simple"}}})
	if res.Initial.Days != 1 || res.Stage1.Days != 0.5 || res.Stage2.Days != 0.5 {
		t.Errorf("least time: %+v %+v %+v", res.Initial, res.Stage1, res.Stage2)
	}
}

func TestSiteSplitAddsUp(t *testing.T) {
	res := calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: 100, Sites: []SiteInput{
		{Code: "S2", Personnel: 60}, {Code: "HQ", Central: true, Personnel: 5}, {Code: "S1", Personnel: 35},
	}})
	if len(res.Sites) != 3 || res.Sites[0].Code != "HQ" || res.Sites[1].Code != "S1" || res.Sites[2].Code != "S2" {
		t.Fatalf("sites %+v", res.Sites)
	}
	if res.Sites[0].Stage1 != res.Stage1.Days || res.Sites[1].Stage1 != 0 {
		t.Errorf("stage 1 is not at the central function: %+v", res.Sites)
	}
	if res.Sites[0].Share < 20 {
		t.Errorf("central share %g %%, want at least 20 %%", res.Sites[0].Share)
	}

	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		n := 1 + rng.IntN(12)
		var sites []SiteInput
		for i := range n {
			sites = append(sites, SiteInput{Code: string(rune('A' + i)), Central: i == 0, Personnel: rng.IntN(3) * rng.IntN(400)})
		}
		in := Input{Standards: []string{"9001"}, EffectivePersonnel: float64(1 + rng.IntN(3000)), Sites: sites}
		if rng.IntN(2) == 0 {
			in.Adjustments = []Adjustment{{Percent: float64(rng.IntN(60) - 30), Reason: "r"}}
			if in.Adjustments[0].Percent == 0 {
				in.Adjustments = nil
			}
		}
		res := calc(t, in)
		var s1, s2, ini, sv, rc float64
		for _, s := range res.Sites {
			s1, s2, ini, sv, rc = s1+s.Stage1, s2+s.Stage2, ini+s.Initial, sv+s.Surveillance, rc+s.Recertification
			for _, d := range []float64{s.Stage1, s.Stage2, s.Surveillance, s.Recertification} {
				if d < 0 || !isHalf(d) {
					t.Fatalf("site %+v: not a number of half days", s)
				}
			}
			if res.Stage2.Days*2 >= float64(n) && s.Stage2 < 0.5 {
				t.Fatalf("site %s gets no stage 2 time although there is enough: %+v", s.Code, res.Sites)
			}
		}
		if s1 != res.Stage1.Days || s2 != res.Stage2.Days || ini != res.Initial.Days || sv != res.Surveillance.Days || rc != res.Recertification.Days {
			t.Fatalf("the sites do not add up to the totals: %+v\n%+v", res.Sites, res)
		}
	}

	for _, c := range []struct {
		sites []SiteInput
		field string
	}{
		{[]SiteInput{{Code: "A", Central: true}, {Code: "A"}}, "sites[1].code"},
		{[]SiteInput{{Code: "A", Central: true}, {Code: " "}}, "sites[1].code"},
		{[]SiteInput{{Code: "A", Central: true}, {Code: "B", Central: true}}, "sites[1].central"},
		{[]SiteInput{{Code: "A"}, {Code: "B"}}, "sites"},
		{[]SiteInput{{Code: "A", Central: true}, {Code: "B", Personnel: -1}}, "sites[1].personnel"},
	} {
		_, err := Calculate(Input{Standards: []string{"9001"}, EffectivePersonnel: 10, Sites: c.sites})
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("%+v: err = %v, want one naming %s", c.sites, err, c.field)
		}
	}
	// A single site need not be marked central.
	res = calc(t, Input{Standards: []string{"9001"}, EffectivePersonnel: 10, Sites: []SiteInput{{Code: "ONLY", Personnel: 10}}})
	if res.Sites[0].Initial != res.Initial.Days {
		t.Errorf("single site: %+v", res.Sites)
	}
}

func TestSplitHalfDays(t *testing.T) {
	for _, c := range []struct {
		total   float64
		weights []float64
		want    []float64
	}{
		{5, []float64{1, 1}, []float64{2.5, 2.5}},
		{5, []float64{1, 1, 1}, []float64{2, 1.5, 1.5}}, // 10 units: 3.33 each, the earlier takes the extra
		{1, []float64{1, 100, 100}, []float64{0, 0.5, 0.5}},
		{1.5, []float64{1, 100, 100}, []float64{0.5, 0.5, 0.5}}, // at least half a day each
		{3, []float64{0, 0}, []float64{1.5, 1.5}},
	} {
		got := SplitHalfDays(c.total, c.weights)
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("SplitHalfDays(%g, %v) = %v, want %v", c.total, c.weights, got, c.want)
				break
			}
		}
	}
}

func TestJustificationIsContractText(t *testing.T) {
	res := calc(t, Input{Standards: []string{"9001", "42001"}, EffectivePersonnel: 40, AIPersonnel: 12, AIRoles: []string{"provider", "user"},
		Adjustments: []Adjustment{{Percent: 10, Reason: "complex processes"}, {Standard: "9001", Percent: -5, Reason: "one product line"}},
		Integrated:  true, IntegrationReduction: 15,
		Sites: []SiteInput{{Code: "HQ", Central: true, Personnel: 10}, {Code: "S1", Personnel: 30}}})
	text := res.Text()
	for _, want := range []string{
		"auditor-days of 8 hours", "nearest half day",
		"ISO 9001:2015: 40 effective personnel", "row 26–45 → base 4 auditor-days",
		"12 people doing AI work", `AI roles provider, user: more than one role → the "several" row`, "6.5 × 1.25 = 8.125 → base 8",
		"+10 % complex processes", "−5 % one product line", "reductions together 5 % (at most 30 %)",
		"reduced by 15 % (at most 20 %)", "hours", "stage 1", "stage 2",
		"Surveillance: 1/3", "Recertification: 2/3", "Site HQ (central function)", "Site S1",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("justification lacks %q:\n%s", want, text)
		}
	}
	if !strings.HasSuffix(text, "\n") || strings.Count(text, "\n") != len(res.Justification) {
		t.Errorf("Text() is not one line per justification")
	}
}

func TestEmbeddedTablesLoad(t *testing.T) {
	if err := loadTables(); err != nil {
		t.Fatal(err)
	}
	if len(qmsRows) != len(md5Rules) {
		t.Errorf("the TSV has %d rows, RULES.md %d", len(qmsRows), len(md5Rules))
	}
	for _, r := range scheme.AIRoleNames {
		if _, err := AIDays(r); err != nil {
			t.Error(err)
		}
	}
	if d, _ := AIDays("several"); d != 6.5 {
		t.Errorf("several roles: %g days", d)
	}
	if _, err := AIDays("importer"); err == nil {
		t.Error("AIDays accepted an unknown role")
	}
}

func calc(t *testing.T, in Input) *Result {
	t.Helper()
	res, err := Calculate(in)
	if err != nil {
		t.Fatalf("Calculate(%+v): %v", in, err)
	}
	return res
}

func TestOpenSuggestions(t *testing.T) {
	risk := Adjustment{Standard: scheme.ISO42001, Percent: 10, Reason: "high-risk AI system", Suggested: true}
	auto := Adjustment{Standard: scheme.ISO42001, Percent: 10, Reason: "autonomous AI system", Suggested: true}
	manual := Adjustment{Standard: scheme.ISO42001, Percent: 10, Reason: "autonomous AI system"}
	withAdjustments := func(as ...Adjustment) []StandardTime {
		return []StandardTime{{Standard: scheme.ISO9001}, {Standard: scheme.ISO42001, Adjustments: as}}
	}
	for _, c := range []struct {
		name string
		res  Result
		want []Adjustment
	}{
		{"no suggestions", Result{Standards: withAdjustments(manual)}, nil},
		{"none applied", Result{Suggestions: []Adjustment{risk, auto}, Standards: withAdjustments()}, []Adjustment{risk, auto}},
		{"all applied", Result{Suggestions: []Adjustment{risk, auto}, Standards: withAdjustments(risk, auto)}, nil},
		{"one applied", Result{Suggestions: []Adjustment{risk, auto}, Standards: withAdjustments(auto)}, []Adjustment{risk}},
		// An adjustment given by hand with the same reason does not apply
		// the suggestion.
		{"given by hand", Result{Suggestions: []Adjustment{auto}, Standards: withAdjustments(manual)}, []Adjustment{auto}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.res.OpenSuggestions(); !slices.Equal(got, c.want) {
				t.Errorf("OpenSuggestions() = %+v, want %+v", got, c.want)
			}
		})
	}
}
