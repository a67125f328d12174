package certification

import (
	"testing"
)

// grantedFile is a certification granted on decided, with no audits after.
func grantedFile(decided string) *File {
	p := DefaultPolicy()
	dec := d(decided)
	f := &File{
		Client: Client{ID: 1, LegalName: "Acme AI Ltd", RegisteredAddress: "1 Way", EffectivePersonnel: 20},
		Certification: Certification{ID: 10, ClientID: 1, Standard: ISO42001, Scope: "AI", Applied: dec.AddMonths(-4),
			Cycles: []Cycle{{Number: 1, Start: dec, Decided: dec, Expiry: p.Expiry(dec), Initial: true, DecisionID: 1}}, CertificateID: 100},
		Certificates: []Certificate{{ID: 100, CertificationID: 10, ClientID: 1, Number: "CD-1", Revision: 1, IssueDate: dec, OriginalDate: dec, Expiry: p.Expiry(dec)}},
		Decisions:    []Decision{{ID: 1, CertificationID: 10, Kind: Grant, Date: dec, CertificateID: 100}},
	}
	return f
}

func find(obs []Obligation, k ObligationKind, label string) *Obligation {
	for i := range obs {
		if obs[i].Kind == k && (label == "" || obs[i].Label[:len(label)] == label) {
			return &obs[i]
		}
	}
	return nil
}

func TestFirstSurveillanceDueTwelveMonthsAfterDecision(t *testing.T) {
	p := DefaultPolicy()
	for _, tc := range []struct {
		decided, due string
	}{
		{"2024-06-15", "2025-06-15"},
		{"2024-02-29", "2025-02-28"}, // leap day: no later than 12 months, so 28 February
		{"2023-02-28", "2024-02-28"},
		{"2025-01-31", "2026-01-31"},
		{"2024-12-31", "2025-12-31"},
	} {
		f := grantedFile(tc.decided)
		o := find(Obligations(f, p), ObSurveillance, "Surveillance 1")
		if o == nil {
			t.Fatalf("%s: no surveillance 1", tc.decided)
		}
		if o.Due != d(tc.due) || o.WindowStart != d(tc.decided) {
			t.Errorf("decided %s: surveillance 1 window %s…%s, want %s…%s", tc.decided, o.WindowStart, o.Due, tc.decided, tc.due)
		}
		// At and around the boundary.
		due := d(tc.due)
		for _, st := range []struct {
			on   Date
			want ObligationState
		}{
			{due.AddDays(-31), StateUpcoming},
			{due.AddDays(-30), StateDueSoon},
			{due, StateDueSoon},
			{due.AddDays(1), StateOverdue},
		} {
			if got := o.StateOn(st.on, p.DueSoonDays); got != st.want {
				t.Errorf("decided %s: state on %s = %s, want %s", tc.decided, st.on, got, st.want)
			}
		}
	}
}

func TestLaterSurveillanceAroundAnniversary(t *testing.T) {
	p := DefaultPolicy()
	f := grantedFile("2024-02-29")
	o := find(Obligations(f, p), ObSurveillance, "Surveillance 2")
	if o == nil {
		t.Fatal("no surveillance 2")
	}
	if o.Due != d("2026-02-28") || o.WindowStart != d("2025-11-28") {
		t.Errorf("surveillance 2 window %s…%s, want 2025-11-28…2026-02-28", o.WindowStart, o.Due)
	}
	// The window is a policy: widen it.
	p.SurveillanceWindowMonths = 6
	o = find(Obligations(f, p), ObSurveillance, "Surveillance 2")
	if o.WindowStart != d("2025-08-28") {
		t.Errorf("window start with 6 months = %s", o.WindowStart)
	}
	// No surveillance in the recertification year: exactly two per cycle.
	n := 0
	for _, x := range Obligations(f, p) {
		if x.Kind == ObSurveillance {
			n++
		}
	}
	if n != CycleYears-1 {
		t.Errorf("%d surveillance obligations, want %d", n, CycleYears-1)
	}
}

func TestRenewedCycleSurveillanceCountsFromContinuedStart(t *testing.T) {
	p := DefaultPolicy()
	f := grantedFile("2021-03-10")
	prev := f.Certification.Cycles[0]
	start := prev.Expiry.AddDays(1)
	f.Certification.Cycles = append(f.Certification.Cycles, Cycle{Number: 2, Start: start, Decided: d("2024-02-20"), Expiry: p.Expiry(start)})
	obs := Obligations(f, p)
	s1 := find(obs, ObSurveillance, "Surveillance 1")
	if s1.Due != d("2025-03-10") || s1.Cycle != 2 {
		t.Errorf("cycle 2 surveillance 1 due %s (cycle %d), want 2025-03-10 in cycle 2", s1.Due, s1.Cycle)
	}
	if f.Certification.Cycles[1].Expiry != d("2027-03-09") {
		t.Errorf("renewed expiry %s, want old expiry + 3 years = 2027-03-09", f.Certification.Cycles[1].Expiry)
	}
}

func TestSurveillanceDoneByAudit(t *testing.T) {
	p := DefaultPolicy()
	f := grantedFile("2024-06-15")
	f.Audits = []Audit{{ID: 5, CertificationID: 10, ClientID: 1, Kind: Surveillance, Cycle: 1, Status: AuditClosed,
		PlannedStart: d("2025-07-01"), PlannedEnd: d("2025-07-02"), ActualStart: d("2025-07-01"), ActualEnd: d("2025-07-02")}}
	o := find(Obligations(f, p), ObSurveillance, "Surveillance 1")
	if !o.Done || o.DoneOn != d("2025-07-02") || !o.Late() {
		t.Errorf("surveillance 1 = %+v, want done late on 2025-07-02", o)
	}
	if o.StateOn(d("2026-01-01"), 30) != StateDone {
		t.Error("a done obligation must stay done")
	}
	// A cancelled audit does not count.
	f.Audits[0].Status = AuditCancelled
	if o := find(Obligations(f, p), ObSurveillance, "Surveillance 1"); o.Done {
		t.Error("a cancelled audit counted as surveillance")
	}
}

func TestRecertificationAndRestorationWindow(t *testing.T) {
	p := DefaultPolicy()
	f := grantedFile("2023-05-10")
	exp := d("2026-05-09")
	obs := Obligations(f, p)
	ra := find(obs, ObRecertAudit, "")
	rd := find(obs, ObRecertDecision, "")
	rs := find(obs, ObRestoration, "")
	if ra.Due != exp || rd.Due != exp || ra.WindowStart != d("2025-11-09") {
		t.Fatalf("recertification due %s/%s from %s, want %s from 2025-11-09", ra.Due, rd.Due, ra.WindowStart, exp)
	}
	if got := rd.StateOn(exp, 30); got != StateDueSoon {
		t.Errorf("on expiry the decision is %s, want due-soon", got)
	}
	if got := rd.StateOn(exp.AddDays(1), 30); got != StateOverdue {
		t.Errorf("the day after expiry the decision is %s, want overdue", got)
	}
	// Restoration: hidden before expiry, open for 6 months after, then lapsed.
	if rs.Due != d("2026-11-09") {
		t.Errorf("restoration limit %s, want 2026-11-09", rs.Due)
	}
	for _, st := range []struct {
		on   string
		want ObligationState
	}{
		{"2026-05-09", StateNotOpen},
		{"2026-05-10", StateUpcoming},
		{"2026-10-10", StateDueSoon},
		{"2026-11-09", StateDueSoon},
		{"2026-11-10", StateLapsed},
	} {
		if got := rs.StateOn(d(st.on), 30); got != st.want {
			t.Errorf("restoration on %s = %s, want %s", st.on, got, st.want)
		}
	}
	// Surveillance lapses with expiry.
	if got := find(obs, ObSurveillance, "Surveillance 2").StateOn(d("2026-05-10"), 30); got != StateLapsed {
		t.Errorf("surveillance after expiry = %s, want lapsed", got)
	}
}

func TestSuspensionLimit(t *testing.T) {
	p := DefaultPolicy()
	f := grantedFile("2024-01-10")
	f.Certificates[0].Events = []CertificateEvent{{Date: d("2024-08-31"), Status: CertSuspended, DecisionID: 2}}
	o := find(Obligations(f, p), ObSuspensionLimit, "")
	if o == nil || o.Due != d("2025-02-28") || o.Done {
		t.Fatalf("suspension limit = %+v, want due 2025-02-28 (6 months, month end)", o)
	}
	f.Certificates[0].Events = append(f.Certificates[0].Events, CertificateEvent{Date: d("2024-10-01"), Status: CertActive, DecisionID: 3})
	if o := find(Obligations(f, p), ObSuspensionLimit, ""); !o.Done || o.DoneOn != d("2024-10-01") {
		t.Errorf("after restore: %+v", o)
	}
}

func initialFile() *File {
	return &File{
		Client:        Client{ID: 1, LegalName: "Acme AI Ltd", RegisteredAddress: "1 Way", EffectivePersonnel: 20, AIRoles: []AIRole{AIUser}},
		Certification: Certification{ID: 10, ClientID: 1, Standard: ISO42001, Scope: "AI", Applied: d("2025-01-10")},
		Audits: []Audit{
			{ID: 1, CertificationID: 10, ClientID: 1, Kind: Stage1, Cycle: 1, Status: AuditClosed, Stage1Outcome: Stage1Ready,
				PlannedStart: d("2025-02-03"), PlannedEnd: d("2025-02-04"), ActualStart: d("2025-02-03"), ActualEnd: d("2025-02-04"), ReportDate: d("2025-02-10"),
				Team: []TeamMember{{PersonID: 7, Role: TeamLead}}},
		},
	}
}

func TestStage2GapWarning(t *testing.T) {
	p := DefaultPolicy()
	f := initialFile()
	o := find(Obligations(f, p), ObStage2Gap, "")
	if o == nil || o.Due != d("2025-08-04") {
		t.Fatalf("stage 2 gap = %+v, want due 2025-08-04", o)
	}
	// A stage 2 that starts on the last day of the gap fulfils it.
	f.Audits = append(f.Audits, Audit{ID: 2, CertificationID: 10, ClientID: 1, Kind: Stage2, Cycle: 1, Status: AuditInProgress,
		PlannedStart: d("2025-08-04"), PlannedEnd: d("2025-08-06"), ActualStart: d("2025-08-04")})
	if o := find(Obligations(f, p), ObStage2Gap, ""); !o.Done {
		t.Error("stage 2 on the last day of the gap did not fulfil it")
	}
}

func TestMajorVerificationSixMonthsAfterStage2(t *testing.T) {
	p := DefaultPolicy()
	f := initialFile()
	f.Audits = append(f.Audits, Audit{ID: 2, CertificationID: 10, ClientID: 1, Kind: Stage2, Cycle: 1, Status: AuditClosed,
		PlannedStart: d("2025-03-29"), PlannedEnd: d("2025-03-31"), ActualStart: d("2025-03-29"), ActualEnd: d("2025-03-31"), ReportDate: d("2025-04-02"), Recommendation: RecommendNotYet})
	f.Findings = []Finding{{ID: 1, AuditID: 2, CertificationID: 10, ClientID: 1, Number: 1, Grade: Major, Reference: "6.1.2", Requirement: "r", Evidence: "e",
		Raised: d("2025-03-30"), ResponseDue: d("2025-04-30"), CloseDue: d("2025-06-29")}}
	obs := Obligations(f, p)
	o := find(obs, ObMajorVerifyInitial, "")
	if o == nil || o.Due != d("2025-09-30") {
		t.Fatalf("major verification limit = %+v, want 2025-09-30 (6 months from 31 March, month end)", o)
	}
	if find(obs, ObClientResponse, "") == nil || find(obs, ObMajorClose, "") == nil {
		t.Error("a major must have a response and a close obligation")
	}
	f.Findings[0].Response = &Response{Correction: "c", Received: d("2025-04-20")}
	f.Findings[0].Review = &Review{By: 8, On: d("2025-04-22"), Accepted: true}
	f.Findings[0].Verification = &Verification{By: 7, On: d("2025-05-15"), Method: "documents"}
	obs = Obligations(f, p)
	if o := find(obs, ObMajorVerifyInitial, ""); !o.Done || o.DoneOn != d("2025-05-15") {
		t.Errorf("after verification: %+v", o)
	}
	if o := find(obs, ObClientResponse, ""); !o.Done || o.DoneOn != d("2025-04-20") {
		t.Errorf("response: %+v", o)
	}
}

func TestFindingDeadlines(t *testing.T) {
	p := DefaultPolicy()
	f := grantedFile("2023-05-10") // expires 2026-05-09
	a := &Audit{ID: 9, Kind: Surveillance, Cycle: 1, PlannedStart: d("2025-05-01"), PlannedEnd: d("2025-05-02"), ActualStart: d("2025-05-01"), ActualEnd: d("2025-05-02")}
	r, c := FindingDeadlines(f, a, Major, p)
	if r != d("2025-06-01") || c != d("2025-07-31") {
		t.Errorf("major: response %s close %s, want 2025-06-01 and 2025-07-31", r, c)
	}
	r, c = FindingDeadlines(f, a, Minor, p)
	if r != d("2025-06-01") || c != 0 {
		t.Errorf("minor: response %s close %s", r, c)
	}
	if r, c = FindingDeadlines(f, a, OFI, p); r != 0 || c != 0 {
		t.Error("an OFI has no deadlines")
	}
	// Shortened to the certificate's expiry.
	a.ActualStart, a.ActualEnd = d("2026-04-20"), d("2026-04-21")
	r, c = FindingDeadlines(f, a, Major, p)
	if r != d("2026-05-09") || c != d("2026-05-09") {
		t.Errorf("near expiry: response %s close %s, want both 2026-05-09", r, c)
	}
	// Policy changes the numbers.
	p.ResponseDays, p.MajorCloseDays = 14, 60
	a.ActualStart, a.ActualEnd = d("2025-05-01"), d("2025-05-02")
	if r, c = FindingDeadlines(f, a, Major, p); r != d("2025-05-16") || c != d("2025-07-01") {
		t.Errorf("policy 14/60: %s %s", r, c)
	}
}

func TestCertificateStatusOn(t *testing.T) {
	c := Certificate{IssueDate: d("2024-01-10"), Expiry: d("2027-01-09"), Events: []CertificateEvent{
		{Date: d("2025-03-01"), Status: CertSuspended}, {Date: d("2025-05-01"), Status: CertActive}, {Date: d("2026-02-01"), Status: CertWithdrawn},
	}}
	for _, tc := range []struct {
		on   string
		want CertificateStatus
	}{
		{"2024-01-09", CertNotYet},
		{"2024-01-10", CertActive},
		{"2025-02-28", CertActive},
		{"2025-03-01", CertSuspended},
		{"2025-04-30", CertSuspended},
		{"2025-05-01", CertActive},
		{"2026-02-01", CertWithdrawn},
		{"2028-01-01", CertWithdrawn},
	} {
		if got := c.StatusOn(d(tc.on)); got != tc.want {
			t.Errorf("status on %s = %s, want %s", tc.on, got, tc.want)
		}
	}
	c.Events = nil
	if got := c.StatusOn(d("2027-01-09")); got != CertActive {
		t.Errorf("on expiry day: %s", got)
	}
	if got := c.StatusOn(d("2027-01-10")); got != CertExpired {
		t.Errorf("day after expiry: %s", got)
	}
	c.SupersededOn = d("2026-01-01")
	if got := c.StatusOn(d("2026-01-01")); got != CertSuperseded {
		t.Errorf("superseded: %s", got)
	}
}

func TestDecisionAsked(t *testing.T) {
	for k, want := range map[ObligationKind]DecisionKind{
		ObInitialDecision: Grant, ObRecertDecision: Renew, ObRestoration: Restore, ObDecisionPending: Maintain,
	} {
		if got := k.DecisionAsked(); got != want {
			t.Errorf("%s asks for %s, want %s", k, got, want)
		}
	}
}
