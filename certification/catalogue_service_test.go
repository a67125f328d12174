package certification_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"certdesk/audit/catalogue"
	. "certdesk/certification"
	"certdesk/certification/document"
)

// An ISO/IEC 27001 certification has a Statement of Applicability and
// Annex A coverage over its 93 controls, as a 42001 one has over its 38:
// a control is excluded with a justification, findings are raised on
// controls, the stage 2 report waits for every applicable control.
func TestISO27001StatementOfApplicabilityAndAnnexA(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		w.cert = w.c27001
		var ve *ValidationError
		for _, tc := range []struct{ ref, want string }{
			{"A.7", "A.7 is the group A.7 Physical controls: exclude its controls one by one, each with its justification"},
			{"A.7.15", `"A.7.15" is not an Annex A control of ISO/IEC 27001:2022`},
			{"7.4", `"7.4" is not an Annex A control of ISO/IEC 27001:2022`},
		} {
			err := w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{{Control: tc.ref, Justification: "x"}})
			if !errors.As(err, &ve) || ve.Field != "exclusions[0].control" || ve.Msg != tc.want {
				t.Fatalf("excluding %s: %v\nwant %s", tc.ref, err, tc.want)
			}
		}
		why := "The offices have no server room or secure area: the hosting provider monitors its data centre (its ISO/IEC 27001 certificate is on file)."
		w.must(w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{{Control: "a.7.4", Justification: why}}))
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		if ex, ok := f.Certification.Excluded("A.7.4"); !ok || ex.Justification != why {
			t.Fatalf("exclusions = %+v", f.Certification.Exclusions)
		}
		items, err := ChecklistItems(&f.Certification)
		w.must(err)
		if len(items) != 41+4+93-1 || slices.ContainsFunc(items, func(it catalogue.Item) bool { return it.Ref == "A.7.4" }) {
			t.Fatalf("checklist of %d items", len(items))
		}

		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		s2 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"), Team: w.team()}))
		w.start(s2, "2025-03-10")
		for _, x := range []Finding{
			{Grade: Minor, Reference: "A.5.15", Requirement: "Rules to control access shall be established.", Evidence: "Two leavers' accounts active after six weeks."},
			{Grade: Major, Reference: "a.8.24", Requirement: "Rules for the effective use of cryptography shall be defined and implemented.", Evidence: "Customer backups are stored unencrypted."},
		} {
			x.AuditID, x.RaisedBy, x.Raised = s2, w.lead, day("2025-03-10")
			w.must1(w.svc.RecordFinding(w.ctx, x))
		}
		_, err = w.svc.RecordFinding(w.ctx, Finding{AuditID: s2, Grade: Minor, Reference: "A.8.35", Requirement: "r", Evidence: "e", RaisedBy: w.lead, Raised: day("2025-03-10")})
		if !errors.As(err, &ve) || ve.Field != "reference" || !strings.Contains(err.Error(), "A.8 Technological controls has the controls A.8.1 to A.8.34; write one of them") {
			t.Fatalf("finding on A.8.35: %v", err)
		}
		f, err = w.svc.File(w.ctx, w.cert)
		w.must(err)
		if len(f.Findings) != 2 || f.Findings[0].Reference != "A.5.15" || f.Findings[1].Reference != "A.8.24" {
			t.Fatalf("findings = %+v", f.Findings)
		}
		a := w.audit(s2)
		if e, _ := a.Entry("A.8.24"); e.Result != ResultMajor {
			t.Errorf("A.8.24 on the checklist = %+v, want the major", e)
		}
		// The report waits for the 30 leaf clauses and 92 applicable
		// controls (the findings answered two), not for A.7.4 or a heading.
		w.clk.reach(day("2025-03-11"))
		draft := AuditChange{ActualEnd: ptr(day("2025-03-11")), Recommendation: ptr(RecommendNotYet), Status: ptr(AuditReportDrafted)}
		err = w.svc.ChangeAudit(w.ctx, s2, draft)
		w.refused(err, RuleChecklistCoverage)
		if msg := err.Error(); !strings.Contains(msg, "no result for 120 of the 122 ") || strings.Contains(msg, "A.7.4") || strings.Contains(msg, "6.1,") || strings.Contains(msg, "A.5,") {
			t.Errorf("refusal = %v", err)
		}
		w.fill(s2)
		w.must(w.svc.ChangeAudit(w.ctx, s2, draft))
		w.clk.reach(day("2025-03-12"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ReportDate: ptr(day("2025-03-12")), Status: ptr(AuditClosed)}))

		f, err = w.svc.File(w.ctx, w.cert)
		w.must(err)
		cv, err := CycleCoverage(f, 1)
		w.must(err)
		if cv.Applicable != 92 || cv.Audited != 92 || len(cv.Unaudited) != 0 || len(cv.ClauseGaps[s2]) != 0 {
			t.Fatalf("coverage = %+v, want 92 of 92 applicable controls", cv)
		}
		// The report shows A.7.4 excluded with its justification, the
		// group line as a heading, the findings on their controls.
		p, err := document.NewAuditPack(w.ctx, w.svc, s2)
		w.must(err)
		line := func(ref string) document.PackLine {
			for _, l := range p.Checklist {
				if l.Ref == ref {
					return l
				}
			}
			t.Fatalf("no line %s in the report", ref)
			return document.PackLine{}
		}
		if l := line("A.7.4"); !l.Excluded || l.Justification != why || l.Due {
			t.Errorf("A.7.4 = %+v, want excluded with its justification", l)
		}
		if l := line("A.7"); !l.Heading || l.Due {
			t.Errorf("A.7 = %+v, want a heading, not due", l)
		}
		if l := line("A.8.24"); l.Result != ResultMajor || !slices.Equal(l.Findings, []int{2}) || !l.Due {
			t.Errorf("A.8.24 = %+v", l)
		}
		if n := len(p.Excluded()); n != 1 || p.Applicable() != len(p.Checklist)-1 {
			t.Errorf("%d excluded lines, %d applicable of %d", n, p.Applicable(), len(p.Checklist))
		}
	})
}

// A 9001 finding cites the sub-clause (8.5.1, 7.1.5.2); one the standard
// does not have is refused, saying which it has.
func TestISO9001FindingsOnSubClauses(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		w.cert = w.c9001
		var ve *ValidationError
		err := w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{{Control: "A.7.4", Justification: "x"}})
		if !errors.As(err, &ve) || ve.Msg != "ISO 9001:2015 has no Annex A controls, so nothing to exclude: it has no Statement of Applicability" {
			t.Errorf("an exclusion on 9001: %v", err)
		}
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		s2 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"), Team: w.team()}))
		w.start(s2, "2025-03-10")
		for _, tc := range []struct{ ref, want, err string }{
			{"8.5.1", "8.5.1", ""},
			{"clause 7.1.5.2", "7.1.5.2", ""},
			{"8.5", "8.5", ""}, // the clause as a whole, as findings were raised before
			{"8.5.9", "", `"8.5.9" is not a clause of ISO 9001:2015: 8.5 Production and service provision has the sub-clauses 8.5.1 to 8.5.6; write one of them`},
			{"A.8.24", "", `"A.8.24" is not a clause of ISO 9001:2015, which has no Annex A controls: write a clause, such as 8.2.3.1`},
		} {
			id, err := w.svc.RecordFinding(w.ctx, Finding{AuditID: s2, Grade: Minor, Reference: tc.ref, Requirement: "r", Evidence: "e", RaisedBy: w.lead, Raised: day("2025-03-10")})
			if tc.err != "" {
				var ve *ValidationError
				if !errors.As(err, &ve) || ve.Field != "reference" || !strings.HasSuffix(err.Error(), tc.err) {
					t.Errorf("finding on %s: %v\nwant …%s", tc.ref, err, tc.err)
				}
				continue
			}
			w.must(err)
			f, err := w.svc.File(w.ctx, w.cert)
			w.must(err)
			i := slices.IndexFunc(f.Findings, func(x Finding) bool { return x.ID == id })
			if i < 0 || f.Findings[i].Reference != tc.want {
				t.Errorf("finding on %s not recorded as %s: %+v", tc.ref, tc.want, f.Findings)
			}
		}
	})
}

// A 27001 stage 2 closed before the controls were listed one by one
// answered Annex A on its group lines and 9001-style two-level clauses:
// its findings and answers stay valid, and its decision is not blocked by
// lines it was never asked to answer.
func TestISO27001StageTwoClosedOnTheGroupLines(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		w.cert = w.c27001
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		old := strings.Fields("4.1 4.2 4.3 4.4 5.1 5.2 5.3 6.1 6.2 6.3 7.1 7.2 7.3 7.4 7.5 8.1 8.2 8.3 9.1 9.2 9.3 10.1 10.2 A.5 A.6 A.7 A.8")
		s2 := w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", RecommendGrant,
			Finding{Grade: OFI, Reference: "A.8", Requirement: "Technological controls.", Evidence: "Patch times could be shortened."})
		// The checklist as the shorter catalogue had it recorded.
		e := JournalEntry{At: w.clk.Now().UTC(), Actor: Actor{Name: "test set-up"}, Command: "record-checklist", Summary: "a checklist of an older file"}
		w.must(st.Update(w.ctx, e, func(tx Tx) error {
			var a Audit
			if err := tx.Get(s2, &a); err != nil {
				return err
			}
			a.Checklist = slices.DeleteFunc(a.Checklist, func(x ChecklistEntry) bool { return !slices.Contains(old, x.Ref) })
			for _, ref := range old {
				if _, ok := a.Entry(ref); !ok {
					a.Checklist = append(a.Checklist, ChecklistEntry{Ref: ref, Result: ResultConform})
				}
			}
			return tx.Put(&a)
		}))
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		a, _ := f.Audit(s2)
		if len(a.Checklist) != len(old) {
			t.Fatalf("set-up: %d entries", len(a.Checklist))
		}
		for _, x := range a.Checklist {
			if _, _, err := CheckChecklistRef(ISO27001, Stage2, x.Ref); err != nil {
				t.Errorf("the entry on %s is no longer valid: %v", x.Ref, err)
			}
		}
		if d, err := DueItems(f, a); err != nil || !d.Complete() || len(d.Required) != 30+93 {
			t.Errorf("due = %d required, missing %v (%v)", len(d.Required), d.Missing, err)
		}
		cv, err := CycleCoverage(f, 1)
		w.must(err)
		if cv.Applicable != 93 || cv.Audited != 93 {
			t.Errorf("coverage = %+v", cv)
		}
		// Its report prints the answers it was drafted on, group lines and
		// two-level clauses, and misses nothing.
		d, err := document.NewReportDoc(w.ctx, w.svc, s2)
		w.must(err)
		printed := map[string]ChecklistResult{}
		for _, l := range d.Checklist {
			printed[l.Ref] = l.Result
		}
		if len(d.Checklist) != len(old) || printed["A.5"] != ResultConform || printed["6.1"] != ResultConform || printed["A.8"] != ResultOFI || len(d.Unanswered) != 0 {
			t.Errorf("report checklist %v, unanswered %v", printed, d.Unanswered)
		}
		// Nor is a control it answered by group counted as not audited.
		pack, err := document.NewAuditPack(w.ctx, w.svc, s2)
		w.must(err)
		if n := pack.ResultCounts(); n[ResultConform] != 26 || n[ResultOFI] != 1 || n[ResultNotAudited] != 0 {
			t.Errorf("result counts %v, want 26 conform, 1 OFI, none not audited", n)
		}
		w.must1(w.decide(Grant, "2025-03-20"))
	})
}
