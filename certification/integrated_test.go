package certification_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

// iworld is a world whose client also holds ISO 9001 and ISO/IEC 27001
// applications, with a team qualified for all three standards, and a
// second client with a 9001 application.
type iworld struct {
	*world
	c9001, c27001 ID
	other9001     ID
}

func newIntegratedWorld(t *testing.T, st Store) *iworld {
	w := &iworld{world: newWorld(t, st)}
	ppl, err := view.People(w.ctx, w.svc)
	w.must(err)
	for _, p := range ppl {
		if p.Competence != nil {
			p.Competence.Standards = []Standard{ISO42001, ISO9001, ISO27001}
			w.must(w.svc.UpdatePerson(w.ctx, p))
		}
	}
	w.c9001 = w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: ISO9001, Scope: "Development and operation of credit scoring services"}))
	w.c27001 = w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: ISO27001, Scope: "Information security of the scoring platform"}))
	other := w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Beta Bank AG", RegisteredAddress: "Bahnhofstr. 2, Zürich", EffectivePersonnel: 30, Sectors: []int{33}}))
	w.other9001 = w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: other, Standard: ISO9001, Scope: "Retail banking"}))
	return w
}

func (w *iworld) team() []TeamMember {
	return []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}
}

// plan plans an integrated audit of the 42001 certification with parts.
func (w *iworld) plan(kind AuditKind, start, end string, parts ...IntegratedPart) ([]ID, error) {
	return w.svc.PlanIntegratedAudit(w.ctx, Audit{CertificationID: w.cert, Kind: kind, PlannedStart: day(start), PlannedEnd: day(end),
		PlannedDays: 3, Sites: nil, Team: w.team(), Notes: "one visit",
		TimeJustification: "One visit to a single site whose processes the standards share, as agreed in the contract."}, parts)
}

func (w *iworld) audit(id ID) *Audit {
	w.t.Helper()
	a, _, err := view.AuditFile(w.ctx, w.svc, id)
	w.must(err)
	return a
}

func (w *iworld) auditCount() int {
	n := 0
	w.must(w.svc.View(w.ctx, func(tx Tx) error {
		var err error
		n, err = tx.Count(KindAudit)
		return err
	}))
	return n
}

// start confirms and starts an audit (and so its integrated audit).
func (w *iworld) start(id ID, on string) {
	w.t.Helper()
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
	w.clk.reach(day(on))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day(on)), Status: ptr(AuditInProgress)}))
}

// integratedTeamsBookable reports whether CheckTeam leaves the other
// audits of the same integrated audit out of its double-booking check
// (one visit, not two bookings), and the problem it reports otherwise.
func integratedTeamsBookable() (bool, string) {
	f := &File{Certification: Certification{ID: 1, Standard: ISO9001}}
	p := &Person{ID: 7, Name: "Lena Lead", Roles: []Role{RoleLeadAuditor}, Competence: &PersonCompetence{Standards: []Standard{ISO9001}}}
	a := Audit{ID: 1, CertificationID: 1, Kind: Stage1, Status: AuditPlanned, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"),
		Team: []TeamMember{{PersonID: 7, Role: TeamLead}}, IntegratedWith: []ID{2}}
	o := a
	o.ID, o.CertificationID, o.IntegratedWith = 2, 2, []ID{1}
	tc := CheckTeam(f, &a, TeamContext{People: map[ID]*Person{7: p}, Others: []Audit{a, o}})
	for _, pr := range tc.Problems {
		if pr.Kind == TeamDoubleBooked {
			return false, pr.Msg
		}
	}
	return true, ""
}

func TestIntegratedSiblingsAreNotDoubleBooked(t *testing.T) {
	if ok, msg := integratedTeamsBookable(); !ok {
		t.Fatalf("CheckTeam counts another audit of the same integrated audit as a double booking (%q): one visit is not two bookings", msg)
	}
}

func TestSharedClause(t *testing.T) {
	for _, tc := range []struct {
		from Standard
		ref  string
		to   Standard
		want string // "" = not shared
	}{
		{ISO42001, "9.2", ISO9001, "9.2"},
		{ISO9001, "4.4", ISO42001, "4.4"},
		{ISO42001, "5.2", ISO27001, "5.2"},
		{ISO27001, "6.1", ISO42001, "6.1"},
		{ISO42001, "clause 7.5", ISO9001, "7.5"},
		{ISO42001, "10.1", ISO9001, "10.3"}, // continual improvement
		{ISO9001, "10.3", ISO27001, "10.1"},
		{ISO9001, "10.1", ISO42001, ""}, // 9001's "General"
		{ISO42001, "10.2", ISO9001, "10.2"},
		{ISO42001, "8.2", ISO9001, ""},  // AI risk assessment ≠ requirements for products
		{ISO42001, "8.2", ISO27001, ""}, // AI risk ≠ information security risk
		{ISO9001, "8.5", ISO42001, ""},
		{ISO42001, "6.1.2", ISO27001, ""},
		{ISO42001, "A.5.2", ISO27001, ""}, // controls are never shared
		{ISO27001, "A.5.2", ISO42001, ""},
		{ISO42001, "9.2", ISO42001, ""},
		// Sub-clauses: the harmonised structure's where both list them…
		{ISO9001, "9.2.1", ISO27001, "9.2.1"},
		{ISO27001, "9.3.3", ISO9001, "9.3.3"},
		{ISO27001, "7.5.3", ISO9001, "7.5.3"},
		{ISO9001, "9.2.1", ISO42001, ""}, // 42001's checklist answers 9.2 whole
		{ISO42001, "9.2", ISO27001, "9.2"},
		// …and never a standard's own.
		{ISO9001, "7.5.3.1", ISO27001, ""},
		{ISO9001, "6.1.1", ISO27001, ""},
		{ISO27001, "6.1.2", ISO9001, ""},
		{ISO27001, "6.1.2", ISO42001, ""},
		{ISO9001, "8.5.1", ISO27001, ""},
		{ISO9001, "4.4.1", ISO42001, ""},
		{ISO27001, "A.8.24", ISO9001, ""},
	} {
		got, ok := SharedClause(tc.from, tc.ref, tc.to)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("SharedClause(%s, %s, %s) = %q, %v; want %q", tc.from.Short(), tc.ref, tc.to.Short(), got, ok, tc.want)
		}
	}
}

func TestPlanIntegratedAuditRefusals(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		// A stage 1 of the 42001 application alone, client found ready.
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		before := w.auditCount()
		for _, tc := range []struct {
			name  string
			kind  AuditKind
			parts []IntegratedPart
			rule  string // or, for bad input, the field
			field string
			says  string
		}{
			{name: "no part", kind: Stage1, field: "parts", says: "at least one other certification"},
			{name: "unknown certification", kind: Stage1, parts: []IntegratedPart{{CertificationID: 999, PlannedDays: 1}}, field: "parts[0].certification_id", says: "no certification 999"},
			{name: "another client's certification", kind: Stage1, parts: []IntegratedPart{{CertificationID: w.other9001, PlannedDays: 1}}, rule: RuleIntegratedAudit, says: "Beta Bank AG's, not Acme Analytics GmbH's"},
			{name: "the same standard twice", kind: Stage1, parts: []IntegratedPart{{CertificationID: w.cert, PlannedDays: 1}}, rule: RuleIntegratedAudit, says: "both ISO/IEC 42001:2023"},
			{name: "a part twice", kind: Stage1, parts: []IntegratedPart{{CertificationID: w.c9001, PlannedDays: 1}, {CertificationID: w.c9001, PlannedDays: 1}}, rule: RuleIntegratedAudit, says: "both ISO 9001:2015"},
			{name: "stage 2 before the sibling's stage 1", kind: Stage2, parts: []IntegratedPart{{CertificationID: w.c9001, PlannedDays: 2}}, rule: RuleStage2NeedsReadyStage1,
				says: "for certification " + w.c9001.String() + " (ISO 9001:2015): no stage 1"},
			{name: "one of several parts another client's", kind: Stage1,
				parts: []IntegratedPart{{CertificationID: w.c9001, PlannedDays: 2}, {CertificationID: w.other9001, PlannedDays: 1}}, rule: RuleIntegratedAudit, says: "one client"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := w.plan(tc.kind, "2025-03-10", "2025-03-12", tc.parts...)
				if tc.rule != "" {
					w.refused(err, tc.rule)
				} else {
					var ve *ValidationError
					if !errors.As(err, &ve) || ve.Field != tc.field {
						t.Fatalf("got %v, want bad input in %s", err, tc.field)
					}
				}
				if !strings.Contains(err.Error(), tc.says) {
					t.Errorf("the refusal does not say %q: %v", tc.says, err)
				}
				if n := w.auditCount(); n != before {
					t.Errorf("a refused plan wrote %d audits", n-before)
				}
				if err := w.svc.DraftIntegratedAudit(w.ctx, Audit{CertificationID: w.cert, Kind: tc.kind, PlannedStart: day("2025-03-10"),
					PlannedEnd: day("2025-03-12"), Team: w.team()}, tc.parts); err == nil {
					t.Errorf("the draft check passes what planning refuses")
				}
			})
		}
	})
}

func TestIntegratedAuditIsOneVisit(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		ids, err := w.plan(Stage1, "2025-02-03", "2025-02-04", IntegratedPart{CertificationID: w.c9001, PlannedDays: 1.5})
		w.must(err)
		if len(ids) != 2 {
			t.Fatalf("ids = %v", ids)
		}
		a42, a9 := ids[0], ids[1]
		x, y := w.audit(a42), w.audit(a9)
		if !slices.Equal(x.IntegratedWith, []ID{a9}) || !slices.Equal(y.IntegratedWith, []ID{a42}) {
			t.Fatalf("links: %v / %v", x.IntegratedWith, y.IntegratedWith)
		}
		if y.CertificationID != w.c9001 || y.Kind != Stage1 || y.PlannedDays != 1.5 || x.PlannedDays != 3 || y.PlannedStart != x.PlannedStart ||
			!slices.Equal(y.Team, x.Team) || y.Status != AuditPlanned || y.Cycle != 1 || y.Notes != "one visit" {
			t.Fatalf("sibling = %+v", y)
		}

		// The shared change table: one change on one audit, the other takes it.
		for _, tc := range []struct {
			name  string
			on    ID
			ch    AuditChange
			check func(t *testing.T, other *Audit)
		}{
			{"planned dates", a9, AuditChange{PlannedStart: ptr(day("2025-02-05")), PlannedEnd: ptr(day("2025-02-06"))}, func(t *testing.T, o *Audit) {
				if o.PlannedStart != day("2025-02-05") || o.PlannedEnd != day("2025-02-06") {
					t.Errorf("dates not moved: %s–%s", o.PlannedStart, o.PlannedEnd)
				}
			}},
			{"team", a42, AuditChange{Team: &[]TeamMember{{PersonID: w.lead, Role: TeamLead}}}, func(t *testing.T, o *Audit) {
				if len(o.Team) != 1 || o.Lead() != w.lead {
					t.Errorf("team = %+v", o.Team)
				}
			}},
			{"per-audit fields stay", a42, AuditChange{PlannedDays: ptr(4.0), Notes: ptr("42001 part: bring the AI inventory")}, func(t *testing.T, o *Audit) {
				if o.PlannedDays != 1.5 || o.Notes != "one visit" {
					t.Errorf("days and notes crossed over: %g %q", o.PlannedDays, o.Notes)
				}
			}},
			{"confirmed", a42, AuditChange{Team: ptr(w.team()), Status: ptr(AuditConfirmed)}, func(t *testing.T, o *Audit) {
				if o.Status != AuditConfirmed {
					t.Errorf("status = %s", o.Status)
				}
			}},
			{"started", a9, AuditChange{ActualStart: ptr(day("2025-02-05")), Status: ptr(AuditInProgress)}, func(t *testing.T, o *Audit) {
				if o.Status != AuditInProgress || o.ActualStart != day("2025-02-05") {
					t.Errorf("status %s, actual start %s", o.Status, o.ActualStart)
				}
			}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				if tc.ch.ActualStart != nil {
					w.clk.reach(*tc.ch.ActualStart)
				}
				w.must(w.svc.ChangeAudit(w.ctx, tc.on, tc.ch))
				other := a9
				if tc.on == a9 {
					other = a42
				}
				tc.check(t, w.audit(other))
			})
		}

		// The checklist: a shared clause is answered once, a standard's own
		// clause and a control are not.
		iv := []Interview{{Whom: "Ines Intern", Role: "Internal audit lead", On: day("2025-02-05"), Notes: "Programme 2025"}}
		w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: "9.2", Result: ResultConform, Notes: "Internal audit programme covers AIMS and QMS", Interviews: iv}))
		w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: "10.1", Result: ResultOFI, Notes: "Improvement log"}))
		w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: "8.2", Result: ResultConform, Notes: "AI risk assessment"}))
		w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: "A.6.2.4", Result: ResultConform}))
		w.must(w.svc.RecordChecklist(w.ctx, a9, ChecklistEntry{Ref: "8.5", Result: ResultConform, Notes: "Service provision"}))
		w.must(w.svc.RecordChecklist(w.ctx, a9, ChecklistEntry{Ref: "4.1", Result: ResultConform, Notes: "Context"}))
		x, y = w.audit(a42), w.audit(a9)
		for _, tc := range []struct {
			a    *Audit
			ref  string
			want ChecklistEntry // Ref "" = no entry
		}{
			{y, "9.2", ChecklistEntry{Ref: "9.2", Result: ResultConform, Notes: "Internal audit programme covers AIMS and QMS", Interviews: iv}},
			{y, "10.3", ChecklistEntry{Ref: "10.3", Result: ResultOFI, Notes: "Improvement log"}},
			{y, "10.1", ChecklistEntry{}},
			{y, "8.2", ChecklistEntry{}},
			{y, "A.6.2.4", ChecklistEntry{}},
			{x, "8.5", ChecklistEntry{}},
			{x, "4.1", ChecklistEntry{Ref: "4.1", Result: ResultConform, Notes: "Context"}},
		} {
			e, ok := tc.a.Entry(tc.ref)
			if (tc.want.Ref == "") == ok || (ok && !reflect.DeepEqual(e, tc.want)) {
				t.Errorf("audit %d %s: %+v (recorded %v), want %+v", tc.a.ID, tc.ref, e, ok, tc.want)
			}
		}

		// Finishing is per audit: the 9001 report is drafted, its last day
		// becomes the visit's; the 42001 audit stays in progress without
		// the 9001 outcome.
		w.clk.reach(day("2025-02-06"))
		w.fill(a9)
		w.must(w.svc.ChangeAudit(w.ctx, a9, AuditChange{ActualEnd: ptr(day("2025-02-06")), ActualDays: ptr(1.5), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)}))
		w.clk.reach(day("2025-02-10"))
		w.must(w.svc.ChangeAudit(w.ctx, a9, AuditChange{ReportDate: ptr(day("2025-02-10")), Status: ptr(AuditClosed)}))
		// Each certification's schedule follows its own audit: 9001's stage 2
		// is now due within the gap from its stage 1.
		obs, err := view.Obligations(w.ctx, w.svc, w.c9001, day("2025-02-11"))
		w.must(err)
		gap := false
		for _, o := range obs {
			gap = gap || (o.Kind == ObStage2Gap && o.AuditID == a9)
		}
		if !gap {
			t.Errorf("the 9001 schedule does not follow its stage 1: %+v", obs)
		}
		x = w.audit(a42)
		if x.Status != AuditInProgress || x.ActualEnd != day("2025-02-06") || x.Stage1Outcome != "" || !x.ReportDate.IsZero() || x.ActualDays != 0 {
			t.Fatalf("42001 part after the 9001 report: %+v", x)
		}
		// A closed audit is not overwritten by the checklist…
		w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: "9.2", Result: ResultMinor, Notes: "changed my mind"}))
		if e, _ := w.audit(a9).Entry("9.2"); e.Result != ResultConform {
			t.Errorf("closed 9001 audit overwritten: %+v", e)
		}
		// …and its visit's dates no longer move: a different last day is
		// refused, the same one is fine.
		w.clk.reach(day("2025-02-07"))
		w.fill(a42)
		err = w.svc.ChangeAudit(w.ctx, a42, AuditChange{ActualEnd: ptr(day("2025-02-07")), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)})
		w.refused(err, RuleIntegratedAudit)
		if !strings.Contains(err.Error(), "which is closed") || !strings.Contains(err.Error(), "take audit "+a42.String()+" out") {
			t.Errorf("the refusal does not say what to do: %v", err)
		}
		if x := w.audit(a42); x.Status != AuditInProgress || x.ActualEnd != day("2025-02-06") {
			t.Fatalf("a refused change was written: %+v", x)
		}
		w.clk.reach(day("2025-02-06"))
		w.must(w.svc.ChangeAudit(w.ctx, a42, AuditChange{ActualEnd: ptr(day("2025-02-06")), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)}))

	})
}

func TestIntegratedChangesRefusedAsAWhole(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		// Each application had its own stage 1 (42001 in February, 9001 on
		// 3–4 March): the integrated stage 2 may not start before both ended.
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		w.cert, w.c9001 = w.c9001, w.cert // runAudit audits w.cert
		w.runAudit(Stage1, "2025-03-03", "2025-03-04", Stage1Ready, "")
		w.cert, w.c9001 = w.c9001, w.cert
		ids, err := w.plan(Stage2, "2025-03-10", "2025-03-12", IntegratedPart{CertificationID: w.c9001, PlannedDays: 2})
		w.must(err)
		a42, a9 := ids[0], ids[1]
		// Moving stage 2 before the 9001 stage 1 ended: refused by 9001's rule.
		err = w.svc.ChangeAudit(w.ctx, a42, AuditChange{PlannedStart: ptr(day("2025-03-01")), PlannedEnd: ptr(day("2025-03-02"))})
		w.refused(err, RuleDatesBackwards)
		if !strings.Contains(err.Error(), "integrated with audit "+a9.String()+" (ISO 9001:2015)") {
			t.Errorf("the refusal does not name the other audit: %v", err)
		}
		if x := w.audit(a42); x.PlannedStart != day("2025-03-10") {
			t.Fatalf("the 42001 audit moved although the change was refused: %s", x.PlannedStart)
		}
		// A sibling with findings cannot be cancelled: nor can the whole.
		w.start(a42, "2025-03-10")
		if y := w.audit(a9); y.Status != AuditInProgress {
			t.Fatalf("9001 part not started with the visit: %s", y.Status)
		}
		w.must1(w.svc.RecordFinding(w.ctx, Finding{AuditID: a9, Grade: Major, Reference: "9.2", Requirement: "Internal audits at planned intervals", Evidence: "No internal audit in 2024", RaisedBy: w.lead}))
		w.refused(w.svc.ChangeAudit(w.ctx, a42, AuditChange{Status: ptr(AuditCancelled)}), RuleAuditNotOpen)
		if x := w.audit(a42); x.Status != AuditInProgress {
			t.Fatalf("cancelled alone: %s", x.Status)
		}
		// The 9001 major stays on its checklist when the shared clause is
		// answered "conform" from the 42001 side.
		w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: "9.2", Result: ResultConform, Notes: "AIMS internal audit done"}))
		if e, _ := w.audit(a9).Entry("9.2"); e.Result != ResultMajor || e.Notes != "AIMS internal audit done" {
			t.Errorf("9001 9.2 = %+v, want the major kept with the shared notes", e)
		}
		if e, _ := w.audit(a42).Entry("9.2"); e.Result != ResultConform {
			t.Errorf("42001 9.2 = %+v", e)
		}
		// Every clause answered on the 42001 side that 9001 shares shows in
		// 9001's coverage: its leaves 4.1–4.3, 5.3, 6.3, 7.2–7.4, 8.1 and
		// 10.3 (4.4, 5.1, … are headings in 9001, whose sub-clauses are its own).
		for _, ref := range []string{"4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "6.1", "6.2", "6.3", "7.1", "7.2", "7.3", "7.4", "7.5", "8.1", "9.1", "9.3", "10.1", "10.2"} {
			w.must(w.svc.RecordChecklist(w.ctx, a42, ChecklistEntry{Ref: ref, Result: ResultConform}))
		}
		w.clk.reach(day("2025-03-12"))
		// The shared clauses count for the 9001 stage 2; its report is
		// refused until its own clauses have results too, naming them.
		draft := AuditChange{ActualEnd: ptr(day("2025-03-12")), Recommendation: ptr(RecommendNotYet), Status: ptr(AuditReportDrafted)}
		gapErr := w.svc.ChangeAudit(w.ctx, a9, draft)
		w.refused(gapErr, RuleChecklistCoverage)
		if !strings.Contains(gapErr.Error(), "no result for 55 of the 65 ") || !strings.Contains(gapErr.Error(), ": 4.4.1, 4.4.2, 5.1.1, 5.1.2, 5.2.1, 5.2.2, 6.1.1, 6.1.2, 6.2.1, 6.2.2 and 45 more. Record a result") {
			t.Errorf("the refusal does not name 9001's own clauses: %v", gapErr)
		}
		w.fill(a9)
		w.must(w.svc.ChangeAudit(w.ctx, a9, draft))
		f, err := w.svc.File(w.ctx, w.c9001)
		w.must(err)
		cv, err := CycleCoverage(f, 1)
		w.must(err)
		if len(cv.ClauseGaps[a9]) != 0 {
			t.Errorf("9001 clause gaps = %v, want none", cv.ClauseGaps[a9])
		}
	})
}

func TestIntegratedCancelAndLeave(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		ids, err := w.plan(Stage1, "2025-02-03", "2025-02-04", IntegratedPart{CertificationID: w.c9001, PlannedDays: 1}, IntegratedPart{CertificationID: w.c27001, PlannedDays: 2})
		w.must(err)
		if len(ids) != 3 || !slices.Equal(w.audit(ids[1]).IntegratedWith, []ID{ids[0], ids[2]}) {
			t.Fatalf("three-way links: %v", w.audit(ids[1]).IntegratedWith)
		}
		// 27001 leaves; then cancelling 42001 cancels 9001 too, not 27001.
		w.must(w.svc.LeaveIntegratedAudit(w.ctx, ids[2]))
		if l := w.audit(ids[2]).IntegratedWith; l != nil {
			t.Fatalf("27001 still linked: %v", l)
		}
		if l := w.audit(ids[0]).IntegratedWith; !slices.Equal(l, []ID{ids[1]}) {
			t.Fatalf("42001 links after 27001 left: %v", l)
		}
		w.refused(w.svc.LeaveIntegratedAudit(w.ctx, ids[2]), RuleIntegratedAudit)
		w.must(w.svc.ChangeAudit(w.ctx, ids[0], AuditChange{Status: ptr(AuditCancelled)}))
		if s := w.audit(ids[1]).Status; s != AuditCancelled {
			t.Errorf("9001 part = %s, want cancelled with the visit", s)
		}
		if s := w.audit(ids[2]).Status; s != AuditPlanned {
			t.Errorf("27001 (left) = %s, want planned", s)
		}
	})
}

func TestIntegratedChecklist(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		w.must(w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{{Control: "A.10.4", Justification: "No customers use the AI systems."}}))
		ids, err := w.plan(Stage1, "2025-02-03", "2025-02-04", IntegratedPart{CertificationID: w.c9001, PlannedDays: 1}, IntegratedPart{CertificationID: w.c27001, PlannedDays: 1})
		w.must(err)
		w.start(ids[1], "2025-02-03")
		w.must(w.svc.RecordChecklist(w.ctx, ids[1], ChecklistEntry{Ref: "10.3", Result: ResultOFI, Notes: "CI log"}))
		w.must(w.svc.RecordChecklist(w.ctx, ids[2], ChecklistEntry{Ref: "A.5.2", Result: ResultConform, Notes: "27001 roles"}))
		// A harmonised sub-clause reaches the standards that list it, a
		// standard's own sub-clause stays its own.
		w.must(w.svc.RecordChecklist(w.ctx, ids[1], ChecklistEntry{Ref: "9.2.2", Result: ResultConform, Notes: "One audit programme"}))
		w.must(w.svc.RecordChecklist(w.ctx, ids[1], ChecklistEntry{Ref: "7.1.5.2", Result: ResultConform, Notes: "Calibration records"}))
		w.must(w.svc.RecordChecklist(w.ctx, ids[2], ChecklistEntry{Ref: "6.1.3", Result: ResultOFI, Notes: "SoA"}))
		for _, tc := range []struct {
			aud  ID
			ref  string
			want bool
		}{
			{ids[2], "9.2.2", true}, {ids[0], "9.2.2", false}, {ids[0], "9.2", false},
			{ids[2], "7.1.5.2", false}, {ids[0], "7.1.5.2", false},
			{ids[1], "6.1.3", false}, {ids[0], "6.1.3", false},
		} {
			if _, ok := w.audit(tc.aud).Entry(tc.ref); ok != tc.want {
				t.Errorf("audit %d has an entry on %s: %v, want %v", tc.aud, tc.ref, ok, tc.want)
			}
		}
		// From the 9001 audit: shared clauses as 9001 numbers them.
		ic, err := view.IntegratedChecklist(w.ctx, w.svc, ids[1])
		w.must(err)
		if len(ic.Audits) != 3 || ic.Audits[0].ID != ids[1] || ic.Audits[1].ID != ids[0] || ic.Audits[2].ID != ids[2] {
			t.Fatalf("audits: %v", ic.Audits)
		}
		line := func(ls []view.IntegratedLine, ref string) *view.IntegratedLine {
			for i := range ls {
				if ls[i].Item.Ref == ref {
					return &ls[i]
				}
			}
			return nil
		}
		ci := line(ic.Shared, "10.3")
		if ci == nil || ci.StandardsLabel() != "9001 · 27001 · 42001" || ci.Entry.Result != ResultOFI || len(ci.Answers) != 3 ||
			ci.Answers[1] != (view.IntegratedRef{AuditID: ids[0], Standard: ISO42001, Ref: "10.1"}) {
			t.Fatalf("continual improvement line = %+v", ci)
		}
		if line(ic.Shared, "8.2") != nil || line(ic.Shared, "10.1") != nil || line(ic.Shared, "A.5.2") != nil {
			t.Errorf("a standard's own item listed as shared")
		}
		if len(ic.Shared) != 36 {
			t.Errorf("%d shared clauses, want 36 (4–10 of the harmonised structure with headings, and 7.5.1–7.5.3, 9.2.1–9.2.2, 9.3.1–9.3.3 of 9001 and 27001)", len(ic.Shared))
		}
		// A sub-clause of the harmonised structure that 42001 does not list
		// is shared by the two that do; 42001 answers the clause whole, on
		// the line shared with their heading.
		if l := line(ic.Shared, "9.2.2"); l == nil || l.StandardsLabel() != "9001 · 27001" {
			t.Errorf("9.2.2 = %+v, want shared by 9001 and 27001", l)
		}
		if l := line(ic.Shared, "9.2"); l == nil || l.StandardsLabel() != "9001 · 27001 · 42001" {
			t.Errorf("9.2 = %+v, want shared by all three", l)
		}
		// A sub-clause only one standard has is that standard's own.
		for _, ref := range []string{"7.1.5.2", "8.5.1", "7.5.3.1", "6.1.2"} {
			if line(ic.Shared, ref) != nil || line(ic.Own[0].Lines, ref) == nil {
				t.Errorf("9001's own %s not in its own section", ref)
			}
		}
		if line(ic.Own[2].Lines, "6.1.3") == nil || line(ic.Own[2].Lines, "9.2.1") != nil {
			t.Errorf("27001's own 6.1.3 missing, or its shared 9.2.1 repeated")
		}
		if len(ic.Own) != 3 || ic.Own[0].Standard != ISO9001 || ic.Own[1].Standard != ISO42001 || ic.Own[2].Standard != ISO27001 {
			t.Fatalf("sections: %+v", ic.Own)
		}
		if l := line(ic.Own[0].Lines, "10.1"); l == nil || l.Shared() {
			t.Errorf("9001 10.1 General not in its own section")
		}
		if line(ic.Own[0].Lines, "10.3") != nil || line(ic.Own[1].Lines, "10.1") != nil || line(ic.Own[1].Lines, "9.2") != nil {
			t.Errorf("a shared clause repeated in a standard's own section")
		}
		for _, ref := range []string{"6.1.2", "8.2", "A.6.2.4"} {
			if line(ic.Own[1].Lines, ref) == nil {
				t.Errorf("42001's own %s missing", ref)
			}
		}
		if line(ic.Own[1].Lines, "A.10.4") != nil {
			t.Errorf("42001 control excluded by the SoA is listed")
		}
		for _, ref := range []string{"A.5", "A.5.15", "A.8.24", "A.8.34"} { // the group line heads its controls
			if l := line(ic.Own[2].Lines, ref); l == nil || l.AuditID() != ids[2] {
				t.Errorf("27001 %s missing", ref)
			}
		}
		// An audit alone: no shared line, one section with its checklist.
		solo := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.other9001, Kind: Stage1, PlannedStart: day("2025-05-05"), PlannedEnd: day("2025-05-05"), Team: w.team()}))
		ic, err = view.IntegratedChecklist(w.ctx, w.svc, solo)
		w.must(err)
		// (a stage 1: 9001's 91 clauses after its 7 readiness items)
		if len(ic.Shared) != 0 || len(ic.Own) != 1 || len(ic.Own[0].Lines) != 7+91 || ic.Own[0].Lines[0].Item.Ref != "S1.1" {
			t.Errorf("solo audit: %d shared, %d sections, %d lines", len(ic.Shared), len(ic.Own), len(ic.Own[0].Lines))
		}
	})
}

// The team suggestion for a saved integrated audit (by its id alone)
// and for one being planned (with its parts) proposes a lead who leads
// for every standard of the visit; when only a 42001 lead is free it
// says which standards the lead must cover.
func TestIntegratedTeamSuggestion(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		suggest := func(a Audit, parts ...IntegratedPart) TeamSuggestion {
			t.Helper()
			s, err := w.svc.SuggestTeam(w.ctx, a, parts...)
			w.must(err)
			return s
		}
		ids, err := w.plan(Stage1, "2025-02-03", "2025-02-04", IntegratedPart{CertificationID: w.c9001, PlannedDays: 1})
		w.must(err)
		ppl, err := view.People(w.ctx, w.svc)
		w.must(err)
		byID := map[ID]Person{}
		for _, p := range ppl {
			byID[p.ID] = p
		}
		leadsFor := func(s TeamSuggestion, stds ...Standard) bool {
			for _, m := range s.Team {
				if m.Role != TeamLead {
					continue
				}
				p := byID[m.PersonID]
				for _, std := range stds {
					if !p.QualifiedOn(std, RoleLeadAuditor, day("2025-02-04")) {
						return false
					}
				}
				return true
			}
			return false
		}
		saved := suggest(Audit{ID: ids[0]})
		if !leadsFor(saved, ISO42001, ISO9001) {
			t.Errorf("saved integrated audit: suggested %+v (uncovered %q): want a lead for 42001 and 9001", saved.Team, saved.Uncovered)
		}
		draft := Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-03-03"), PlannedEnd: day("2025-03-04")}
		planned := suggest(draft, IntegratedPart{CertificationID: w.c27001, PlannedDays: 1})
		if !leadsFor(planned, ISO42001, ISO27001) {
			t.Errorf("planned integrated audit: suggested %+v (uncovered %q): want a lead for 42001 and 27001", planned.Team, planned.Uncovered)
		}

		// Nobody leads for 27001 any more: the suggestion says so.
		for _, p := range ppl {
			if p.Competence != nil {
				p.Competence.Standards = []Standard{ISO42001}
				p.Competence.Qualifications = slices.DeleteFunc(p.Competence.Qualifications, func(q Qualification) bool { return q.Standard != ISO42001 })
				w.must(w.svc.UpdatePerson(w.ctx, p))
			}
		}
		none := suggest(draft, IntegratedPart{CertificationID: w.c27001, PlannedDays: 1})
		if un := strings.Join(none.Uncovered, "; "); !strings.Contains(un, "no free lead auditor qualified for ISO/IEC 42001:2023 and ISO/IEC 27001:2022") {
			t.Errorf("uncovered %q: want the lead named for both standards", un)
		}
		alone := suggest(draft)
		if !leadsFor(alone, ISO42001) {
			t.Errorf("the 42001 audit alone: suggested %+v (uncovered %q): want a 42001 lead", alone.Team, alone.Uncovered)
		}
	})
}
