package certification

import (
	"slices"
	"strings"
	"testing"
)

// Before issue 19 the 9001 and 27001 checklists ended at these lines.
var (
	twoLevel9001 = strings.Fields("4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1 6.2 6.3 7.1 7.2 7.3 7.4 7.5 8.1 8.2 8.3 8.4 8.5 8.6 8.7 9.1 9.2 9.3 10.1 10.2 10.3")
	twoLevel2700 = strings.Fields("4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1 6.2 6.3 7.1 7.2 7.3 7.4 7.5 8.1 8.2 8.3 9.1 9.2 9.3 10.1 10.2 A.5 A.6 A.7 A.8")
)

func under(plan []string, top string) []string {
	var out []string
	for _, r := range plan {
		if strings.HasPrefix(r, top+".") {
			out = append(out, r)
		}
	}
	return out
}

// A stage 2 answered on the shorter catalogue keeps its coverage once its
// report is written, and only then, and only where it answered the
// two-level line and nothing under it.
func TestCoverageOfAReportDraftedOnTheShorterCatalogue(t *testing.T) {
	plans := map[Standard][]string{}
	for _, std := range []Standard{ISO9001, ISO27001, ISO42001} {
		p, err := PlanItems(&Certification{Standard: std})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range p {
			plans[std] = append(plans[std], it.Ref)
		}
	}
	if n := len(plans[ISO9001]); n != 65 {
		t.Fatalf("9001 plan of %d leaf clauses, want 65", n)
	}
	if n := len(plans[ISO27001]); n != 30+93 {
		t.Fatalf("27001 plan of %d lines, want 30 leaf clauses and 93 controls", n)
	}
	for _, tc := range []struct {
		name    string
		std     Standard
		status  AuditStatus
		setup   func(a *Audit)
		missing func(plan []string) []string
	}{
		{"9001 closed on two-level clauses: covered", ISO9001, AuditClosed,
			func(a *Audit) { answered(a, twoLevel9001, ResultConform) }, nil},
		{"9001 report drafted on two-level clauses: covered", ISO9001, AuditReportDrafted,
			func(a *Audit) { answered(a, twoLevel9001, ResultOFI) }, nil},
		{"9001 in progress on two-level clauses: the sub-clauses are due", ISO9001, AuditInProgress,
			func(a *Audit) { answered(a, twoLevel9001, ResultConform) },
			func(plan []string) []string { return without(plan, twoLevel9001...) }},
		{"9001 closed without 8.5: its sub-clauses missing", ISO9001, AuditClosed,
			func(a *Audit) { answered(a, without(twoLevel9001, "8.5"), ResultConform) },
			func(plan []string) []string { return under(plan, "8.5") }},
		{"9001 closed, 8.5 and 8.5.1 answered: drafted line by line", ISO9001, AuditClosed,
			func(a *Audit) { answered(a, append(slices.Clone(twoLevel9001), "8.5.1"), ResultConform) },
			func(plan []string) []string { return without(under(plan, "8.5"), "8.5.1") }},
		{"9001 closed, N/A on 8.5: no result for a clause", ISO9001, AuditClosed,
			func(a *Audit) {
				answered(a, twoLevel9001, ResultConform)
				answered(a, []string{"8.5"}, ResultNotApplicable)
			},
			func(plan []string) []string { return under(plan, "8.5") }},
		{"9001 closed, 7.1 stands for 7.1.5.1 and 7.1.5.2", ISO9001, AuditClosed,
			func(a *Audit) { answered(a, []string{"7.1"}, ResultConform) },
			func(plan []string) []string {
				return slices.DeleteFunc(slices.Clone(plan), func(r string) bool { return strings.HasPrefix(r, "7.1.") })
			}},
		{"27001 closed on the groups: every control covered", ISO27001, AuditClosed,
			func(a *Audit) { answered(a, twoLevel2700, ResultConform) }, nil},
		{"27001 closed, N/A on a group line is a result, as on a control", ISO27001, AuditClosed,
			func(a *Audit) {
				answered(a, twoLevel2700, ResultConform)
				answered(a, []string{"A.7"}, ResultNotApplicable)
			}, nil},
		{"27001 in progress on the groups: the controls are due", ISO27001, AuditInProgress,
			func(a *Audit) { answered(a, twoLevel2700, ResultConform) },
			func(plan []string) []string { return without(plan, twoLevel2700...) }},
		{"27001 closed, A.8 and A.8.24 answered: the other controls of A.8 missing", ISO27001, AuditClosed,
			func(a *Audit) { answered(a, append(slices.Clone(twoLevel2700), "A.8.24"), ResultConform) },
			func(plan []string) []string { return without(under(plan, "A.8"), "A.8.24") }},
		{"42001 closed, 6.1 does not stand for 6.1.1–6.1.4 (its catalogue did not grow)", ISO42001, AuditClosed,
			func(a *Audit) {
				answered(a, without(plans[ISO42001], "6.1.1", "6.1.2", "6.1.3", "6.1.4"), ResultConform)
				answered(a, []string{"6.1"}, ResultConform)
			},
			func(plan []string) []string { return under(plan, "6.1") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := coverageFile()
			f.Certification.Standard = tc.std
			a, _ := f.Audit(2)
			a.Status = tc.status
			tc.setup(a)
			got, err := DueItems(f, a)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			if tc.missing != nil {
				want = tc.missing(plans[tc.std])
			}
			if len(got.Required) != len(plans[tc.std]) || !slices.Equal(got.Missing, append([]string{}, want...)) {
				t.Fatalf("required %d, missing %v; want %d required, missing %v", len(got.Required), got.Missing, len(plans[tc.std]), want)
			}
		})
	}
	// The cycle's Annex A coverage counts the controls of a closed stage 2
	// answered by group; its clauses have no gap.
	f := coverageFile()
	f.Certification.Standard = ISO27001
	f.Certification.Exclusions = []Exclusion{{Control: "A.7.4", Justification: "No premises of its own: the data centre's monitoring is the provider's."}}
	a, _ := f.Audit(2)
	a.Status, a.ActualEnd = AuditClosed, a.ActualStart
	answered(a, twoLevel2700, ResultConform)
	cv, err := CycleCoverage(f, 1)
	if err != nil {
		t.Fatal(err)
	}
	if cv.Applicable != 92 || cv.Audited != 92 || len(cv.Unaudited) != 0 || len(cv.ClauseGaps[2]) != 0 {
		t.Errorf("coverage = %+v, want 92 of 92 controls and no clause gap", cv)
	}
}
