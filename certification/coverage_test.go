package certification

import (
	"slices"
	"strings"
	"testing"
)

// answered gives audit a a result on refs, each "conform" unless given.
func answered(a *Audit, refs []string, r ChecklistResult) {
	for _, ref := range refs {
		a.setEntry(ChecklistEntry{Ref: ref, Result: r})
	}
}

func without(refs []string, drop ...string) []string {
	return slices.DeleteFunc(slices.Clone(refs), func(r string) bool { return slices.Contains(drop, r) })
}

// coverageFile is a granted 42001 file with a stage 2 (id 2), two
// surveillances (ids 3 and 5) and a special audit (id 6) in cycle 1.
func coverageFile() *File {
	f := grantedFile("2025-04-10")
	mk := func(id ID, k AuditKind, start string) Audit {
		return Audit{ID: id, CertificationID: 10, ClientID: 1, Kind: k, Cycle: 1, Status: AuditInProgress, PlannedStart: d(start), PlannedEnd: d(start), ActualStart: d(start)}
	}
	f.Audits = []Audit{mk(2, Stage2, "2025-03-29"), mk(3, Surveillance, "2026-03-02"), mk(5, Surveillance, "2027-03-01"), mk(6, Special, "2026-06-01"), mk(7, Stage1, "2025-02-03")}
	return f
}

func TestDueItems(t *testing.T) {
	f := coverageFile()
	plan, err := PlanItems(&f.Certification)
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, it := range plan {
		all = append(all, it.Ref)
	}
	if len(all) != 65 || all[0] != "4.1" || slices.Contains(all, "6.1") || !slices.Contains(all, "6.1.4") || all[64] != "A.10.4" {
		t.Fatalf("plan of 42001 = %d items %v", len(all), all)
	}
	sv := []string{"SV.1", "SV.2", "SV.3", "SV.4"}
	s1 := []string{"S1.1", "S1.2", "S1.3", "S1.4", "S1.5", "S1.6", "S1.7", "S1.8", "S1.9", "S1.10", "S1.11"}
	first := all[:33] // surveillance 1 of 2: ⌈65/2⌉
	for _, tc := range []struct {
		name    string
		audit   ID
		setup   func(f *File, a *Audit)
		missing []string
		nreq    int
	}{
		{"stage 2 complete", 2, func(f *File, a *Audit) { answered(a, all, ResultConform) }, nil, 65},
		{"stage 2 complete minus one control", 2, func(f *File, a *Audit) { answered(a, without(all, "A.6.2.4"), ResultConform) }, []string{"A.6.2.4"}, 65},
		{"stage 2 complete minus one clause", 2, func(f *File, a *Audit) { answered(a, without(all, "10.2"), ResultOFI) }, []string{"10.2"}, 65},
		{"stage 2: an excluded control is not required", 2, func(f *File, a *Audit) {
			f.Certification.Exclusions = []Exclusion{{Control: "A.10.4", Justification: "no customers"}}
			answered(a, without(all, "A.10.4"), ResultConform)
		}, nil, 64},
		{"stage 2: N/A on a clause is missing", 2, func(f *File, a *Audit) {
			answered(a, all, ResultConform)
			answered(a, []string{"7.4"}, ResultNotApplicable)
		}, []string{"7.4"}, 65},
		{"stage 2: N/A on an applicable control is a result", 2, func(f *File, a *Audit) {
			answered(a, all, ResultConform)
			answered(a, []string{"A.8.3"}, ResultNotApplicable)
		}, nil, 65},
		{"stage 2: a parent clause's result does not stand for its sub-clauses", 2, func(f *File, a *Audit) {
			answered(a, without(all, "6.1.3"), ResultConform)
			answered(a, []string{"6.1"}, ResultConform)
		}, []string{"6.1.3"}, 65},
		{"stage 2: nothing recorded", 2, func(f *File, a *Audit) {}, all, 65},
		{"recertification covers the same", 2, func(f *File, a *Audit) { a.Kind = Recertification; answered(a, without(all, "4.1"), ResultConform) }, []string{"4.1"}, 65},
		{"stage 1 ready list complete", 7, func(f *File, a *Audit) { answered(a, s1, ResultConform) }, nil, 11},
		{"stage 1 minus the SoA", 7, func(f *File, a *Audit) { answered(a, without(s1, "S1.8"), ResultConform) }, []string{"S1.8"}, 11},
		{"stage 1 of 9001: no AI items, no SoA", 7, func(f *File, a *Audit) {
			f.Certification.Standard = ISO9001
			answered(a, []string{"S1.1", "S1.2", "S1.3", "S1.6", "S1.9", "S1.10"}, ResultConform)
		}, []string{"S1.11"}, 7},
		{"stage 1 needs no clause", 7, func(f *File, a *Audit) { answered(a, s1, ResultNotApplicable) }, nil, 11},
		{"surveillance 1: first half and the surveillance items", 3, func(f *File, a *Audit) { answered(a, append(slices.Clone(first), sv...), ResultConform) }, nil, 37},
		{"surveillance 1: minus the last item of its half", 3, func(f *File, a *Audit) { answered(a, append(slices.Clone(all[:32]), sv...), ResultConform) }, []string{all[32]}, 37},
		{"surveillance 1: minus complaints", 3, func(f *File, a *Audit) {
			answered(a, append(slices.Clone(first), "SV.1", "SV.3", "SV.4"), ResultConform)
		}, []string{"SV.2"}, 37},
		{"surveillance 2 completes the cycle, 9.2 and 9.3 again", 5, func(f *File, a *Audit) {
			s := &f.Audits[1]
			answered(s, first, ResultConform)
			answered(a, append(slices.Clone(all[33:]), "9.2", "9.3"), ResultConform)
			answered(a, sv, ResultConform)
		}, nil, 32 + 2 + 4},
		{"surveillance 2 minus management review", 5, func(f *File, a *Audit) {
			answered(&f.Audits[1], first, ResultConform)
			answered(a, append(slices.Clone(all[33:]), "9.2"), ResultConform)
			answered(a, sv, ResultConform)
		}, []string{"9.3"}, 38},
		{"surveillance 2 picks up what surveillance 1 left", 5, func(f *File, a *Audit) {
			answered(&f.Audits[1], without(first, "5.2"), ResultConform)
			answered(a, append(slices.Clone(all[33:]), "9.2", "9.3"), ResultConform)
			answered(a, sv, ResultConform)
		}, []string{"5.2"}, 39},
		{"a cancelled surveillance does not count", 5, func(f *File, a *Audit) {
			f.Audits[1].Status = AuditCancelled
			answered(a, append(slices.Clone(first), sv...), ResultConform)
		}, nil, 37},
		{"special audit: nothing required", 6, func(f *File, a *Audit) {}, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := coverageFile()
			a, _ := f.Audit(tc.audit)
			tc.setup(f, a)
			got, err := DueItems(f, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Required) != tc.nreq || !slices.Equal(got.Missing, append([]string{}, tc.missing...)) {
				t.Fatalf("required %d %v, missing %v; want %d required, missing %v", len(got.Required), got.Required, got.Missing, tc.nreq, tc.missing)
			}
			err = CheckCoverage(f, a)
			if (err == nil) != (len(tc.missing) == 0) || (err != nil && ruleOf(err) != RuleChecklistCoverage) {
				t.Fatalf("CheckCoverage = %v", err)
			}
		})
	}
}

func TestCoverageRefusalNamesTheItems(t *testing.T) {
	f := coverageFile()
	a, _ := f.Audit(2)
	err := CheckCoverage(f, a)
	msg := err.Error()
	for _, want := range []string{"Stage 2 audit 2 has no result for 65 of the 65", ": 4.1, 4.2, 4.3, 4.4, 5.1, 5.2, 5.3, 6.1.1, 6.1.2, 6.1.3 and 55 more.", "Record a result for each", "then draft the report"} {
		if !strings.Contains(msg, want) {
			t.Errorf("refusal %q lacks %q", msg, want)
		}
	}
	if NameRefs([]string{"a", "b"}, 2) != "a, b" || NameRefs([]string{"a", "b", "c"}, 2) != "a, b and 1 more" {
		t.Error("NameRefs at its boundary")
	}
}

func TestDecisionGateChecklistCovered(t *testing.T) {
	for _, tc := range []struct {
		name string
		drop string
		rule string
	}{
		{"covered", "", ""},
		{"one clause missing", "8.4", RuleChecklistCoverage},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := stage2File("")
			a, _ := f.Audit(2)
			a.Checklist = slices.DeleteFunc(a.Checklist, func(e ChecklistEntry) bool { return e.Ref == tc.drop })
			dec := &Decision{CertificationID: 10, Kind: Grant, Date: d("2025-04-10"), Makers: []ID{8}, Reasons: "r"}
			_, gs := EvaluateDecision(f, dec, DecisionContext{Makers: []*Person{decider}, ClientAudits: f.Audits, Policy: DefaultPolicy()})
			var g *Gate
			for i := range gs {
				if gs[i].Title == "Checklist covered" {
					g = &gs[i]
				}
			}
			if g == nil || g.Passed != (tc.rule == "") || (tc.rule != "" && !strings.Contains(g.Detail, ": 8.4. Record")) {
				t.Fatalf("gate = %+v", g)
			}
			if _, err := CheckDecision(f, dec, DecisionContext{Makers: []*Person{decider}, ClientAudits: f.Audits, Policy: DefaultPolicy()}); ruleOf(err) != tc.rule {
				t.Fatalf("CheckDecision = %v, want rule %q", err, tc.rule)
			}
		})
	}
}
