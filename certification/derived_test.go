package certification_test

import (
	"testing"

	. "certdesk/certification"
	"certdesk/certification/exchange"
)

func TestCheckDerivedAcceptsWhatTheServiceMadeAndRefusesForgeries(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		x := w.initialAuditsWithMajor(RecommendGrant,
			Finding{Grade: Major, Reference: "8.2", Requirement: "r", Evidence: "e"})
		w.answerFinding(x, "2025-03-15", "2025-03-16")
		w.verifyFinding(x, "2025-03-17", "documents")
		w.must1(w.decide(Grant, "2025-03-20"))
		w.must1(w.decide(Suspend, "2025-06-01"))
		w.clk.reach(day("2025-06-10"))
		_, err := w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: ReduceScope, Date: day("2025-06-10"), Makers: []ID{w.decider}, Reasons: "r", NewScope: "less"})
		w.must(err)
		w.must1(w.decide(Restore, "2025-07-01"))
		f, _ := w.svc.File(w.ctx, w.cert)
		if errs := exchange.CheckDerived(f); len(errs) != 0 {
			t.Fatalf("the service's own file fails: %v", errs)
		}
		for name, forge := range map[string]func(f *File){
			"expiry 2099":            func(f *File) { f.Certification.Cycles[0].Expiry = day("2099-12-31") },
			"certificate expiry":     func(f *File) { f.Certificates[1].Expiry = day("2099-12-31") },
			"original date":          func(f *File) { f.Certificates[0].OriginalDate = day("2020-01-01") },
			"event by another kind":  func(f *File) { f.Certificates[0].Events[0].DecisionID = f.Decisions[0].ID },
			"deadline 2099":          func(f *File) { f.Findings[0].ResponseDue = day("2099-01-01") },
			"closed without reason":  func(f *File) { f.Certification.Closed = day("2025-08-01") },
			"issued by no decision":  func(f *File) { f.Certificates[0].IssueDate = day("2025-03-01") },
			"cycle without decision": func(f *File) { f.Certification.Cycles[0].DecisionID = 999 },
		} {
			g, _ := w.svc.File(w.ctx, w.cert)
			forge(g)
			if errs := exchange.CheckDerived(g); len(errs) == 0 {
				t.Errorf("%s: accepted", name)
			}
		}
	})
}
