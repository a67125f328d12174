package certification_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"certdesk/audit/sampling"
	. "certdesk/certification"
	"certdesk/certification/view"
)

func TestSampleKindFor(t *testing.T) {
	for _, tc := range []struct {
		kind AuditKind
		want sampling.SampleKind
		ok   bool
	}{
		{Stage1, sampling.SampleInitial, true},
		{Stage2, sampling.SampleInitial, true},
		{Surveillance, sampling.SampleSurveillance, true},
		{Recertification, sampling.SampleRecertification, true},
		{Special, "", false},
		{FollowUp, "", false},
		{"", "", false},
	} {
		got, ok := SampleKindFor(tc.kind)
		if got != tc.want || ok != tc.ok {
			t.Errorf("SampleKindFor(%q) = %q, %v; want %q, %v", tc.kind, got, ok, tc.want, tc.ok)
		}
	}
	// Every kind of audit is either sampled or not: none is forgotten.
	for _, k := range AuditKinds {
		if sk, ok := SampleKindFor(k); ok && !slices.Contains(sampling.SampleKinds, sk) {
			t.Errorf("%s maps to %q, not a kind of sample", k, sk)
		}
	}
}

// samplingFile is a certification in its first cycle (granted) with
// audits of cycle 1 (and one of cycle 2, an application for the next).
func samplingFile() *File {
	return &File{
		Client: Client{ID: 7, LegalName: "Multi AG", Sites: []Site{
			{Code: "S1", Personnel: 10}, {Code: "HQ", Central: true, Personnel: 50}, {Code: "S2", Personnel: 30},
			{Code: "S3", Personnel: 20}, {Code: "S10", Personnel: 40},
		}},
		Certification: Certification{ID: 3, ClientID: 7, Standard: ISO9001, Cycles: []Cycle{{Number: 1, Start: 20250101, Expiry: 20271231, Initial: true}}},
		Audits: []Audit{
			{ID: 10, Kind: Stage1, Cycle: 1, Status: AuditClosed, Sites: []string{"HQ", "S1"}},
			{ID: 11, Kind: Stage2, Cycle: 1, Status: AuditClosed, Sites: []string{"HQ", "S2"}},
			{ID: 12, Kind: Surveillance, Cycle: 1, Status: AuditCancelled, Sites: []string{"HQ", "S3"}},
			{ID: 13, Kind: Surveillance, Cycle: 1, Status: AuditPlanned, Sites: []string{"S10"}},
			{ID: 14, Kind: Recertification, Cycle: 2, Status: AuditInProgress, Sites: []string{"S3"}},
		},
	}
}

func TestSiteRefs(t *testing.T) {
	f := samplingFile()
	visited := func(refs []sampling.SiteRef) []string {
		var out []string
		for _, r := range refs {
			if r.VisitedInCycle {
				out = append(out, r.Code)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name  string
		cycle int
		want  []string
	}{
		// Planned audits count, cancelled ones do not; other cycles do not.
		{"cycle 1", 1, []string{"S1", "HQ", "S2", "S10"}},
		{"cycle 2", 2, []string{"S3"}},
		{"a cycle without audits", 3, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			refs := SiteRefs(f, tc.cycle)
			if got := visited(refs); !slices.Equal(got, tc.want) {
				t.Errorf("visited %v, want %v", got, tc.want)
			}
			// Every site, in the client's order, with its personnel and central mark.
			if len(refs) != 5 || refs[0].Code != "S1" || refs[0].Personnel != 10 || !refs[1].Central || refs[1].Code != "HQ" || refs[4].Personnel != 40 {
				t.Errorf("refs %+v", refs)
			}
			for _, r := range refs {
				if r.Central != (r.Code == "HQ") {
					t.Errorf("%s central = %v", r.Code, r.Central)
				}
			}
		})
	}
	if refs := ClientSiteRefs(&Client{}, nil); refs == nil || len(refs) != 0 {
		t.Errorf("no sites: %#v, want an empty list", refs)
	}
}

func TestPlanCycle(t *testing.T) {
	granted := samplingFile()
	applying := &File{Client: granted.Client, Certification: Certification{ID: 4, ClientID: 7}}
	for _, tc := range []struct {
		name string
		f    *File
		kind AuditKind
		want int
	}{
		{"surveillance in the current cycle", granted, Surveillance, 1},
		{"recertification in the current cycle", granted, Recertification, 1},
		{"stage 1 opens the next cycle", granted, Stage1, 2},
		{"stage 2 of a first application", applying, Stage2, 1},
	} {
		if got := PlanCycle(tc.f, tc.kind); got != tc.want {
			t.Errorf("%s: cycle %d, want %d", tc.name, got, tc.want)
		}
	}
}

func TestDrawSample(t *testing.T) {
	f := samplingFile()
	for _, tc := range []struct {
		name      string
		kind      AuditKind
		size      int
		preferred []string
		err       string
	}{
		// n = 4 (S1, S2, S3, S10); visited in cycle 1: S1, S2, S10. Initial: ⌈√4⌉ = 2,
		// one chosen first — S3, the only one not visited — one at random.
		{"surveillance", Surveillance, 2, []string{"S3"}, ""},
		// Stage 1 belongs to cycle 2, where only S3 is visited: the largest unvisited first.
		{"stage 1 of the next cycle", Stage1, 2, []string{"S10"}, ""},
		// ⌈0.8·√4⌉ = 2.
		{"recertification", Recertification, 2, []string{"S3"}, ""},
		{"special", Special, 0, nil, "not sampled"},
		{"verification", FollowUp, 0, nil, "not sampled"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, sites, err := DrawSample(f, tc.kind, 42)
			if tc.err != "" {
				var ve *ValidationError
				if !errors.As(err, &ve) || !strings.Contains(ve.Msg, tc.err) {
					t.Fatalf("err %v, want a validation error saying %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want, _ := SampleKindFor(tc.kind)
			if s.Kind != want || s.Sites != 4 || s.Size != tc.size || s.Central != "HQ" || s.Seed != 42 || !slices.Equal(s.Preferred, tc.preferred) {
				t.Errorf("sample %+v", s)
			}
			if len(s.Visit) != tc.size+1 || s.Visit[0] != "HQ" || len(sites) != 5 {
				t.Errorf("visit %v from %d sites", s.Visit, len(sites))
			}
			// The same seed draws the same sample again.
			again, _, _ := DrawSample(f, tc.kind, 42)
			if !slices.Equal(again.Visit, s.Visit) || !slices.Equal(again.Random, s.Random) {
				t.Errorf("seed 42 drew %v, then %v", s.Visit, again.Visit)
			}
		})
	}

	for _, tc := range []struct {
		name  string
		sites []Site
		err   string
	}{
		{"no sites", nil, "no sites on record"},
		{"no central function", []Site{{Code: "A"}, {Code: "B"}}, "central function"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := &File{Client: Client{ID: 9, LegalName: "Few Ltd", Sites: tc.sites}, Certification: Certification{ID: 5, ClientID: 9}}
			_, _, err := DrawSample(g, Stage1, 1)
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Record != "client 9" || ve.Field != "sites" || !strings.Contains(ve.Msg, tc.err) {
				t.Errorf("err %#v, want client 9's sites refused: %q", err, tc.err)
			}
		})
	}
}

// TestPlannedSampleIsKept plans a sampled audit through the service: the
// sample is stored whole, its sites must be visited, and the next draw
// in the cycle counts them as visited.
func TestPlannedSampleIsKept(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		var sites []Site
		sites = append(sites, Site{Code: "HQ", Address: "Ring 1", Central: true, Personnel: 60})
		for i, p := range []int{12, 30, 8, 25, 40, 16, 9, 22, 18, 11} {
			sites = append(sites, Site{Code: "S" + itoa(i+1), Address: "Weg " + itoa(i+1), Personnel: p})
		}
		cid := w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Filialen AG", RegisteredAddress: "Ring 1", EffectivePersonnel: 251, Sectors: []int{33}, Sites: sites, AIRoles: []AIRole{AIUser}}))
		cert := w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: cid, Standard: ISO42001, Scope: "AI services"}))
		f, err := w.svc.File(w.ctx, cert)
		w.must(err)
		s, _, err := DrawSample(f, Stage1, 2026)
		w.must(err)
		// n = 10: ⌈√10⌉ = 4, one at random; first the largest: S5 (40), S2 (30), S4 (25).
		if s.Size != 4 || !slices.Equal(s.Preferred, []string{"S5", "S2", "S4"}) || len(s.Random) != 1 {
			t.Fatalf("sample %+v", s)
		}
		plan := Audit{CertificationID: cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"), PlannedDays: 4,
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}, Sites: s.Visit[:len(s.Visit)-1], Sample: &s}
		plan = w.svc.AtRequiredTime(w.ctx, plan)
		_, err = w.svc.PlanAudit(w.ctx, plan)
		var ve *ValidationError
		if !errors.As(err, &ve) || !strings.Contains(ve.Msg, s.Visit[len(s.Visit)-1]) {
			t.Fatalf("a sampled site left out: %v, want a refusal naming %s", err, s.Visit[len(s.Visit)-1])
		}
		plan.Sites = append(slices.Clone(s.Visit), "S9") // more than the sample is allowed
		id := w.must1(w.svc.PlanAtRequiredTime(w.ctx, plan))
		a, f, err := view.AuditFile(w.ctx, w.svc, id)
		w.must(err)
		if a.Sample == nil || a.Sample.Seed != 2026 || !slices.Equal(a.Sample.Visit, s.Visit) || !slices.Equal(a.Sample.Reasons, s.Reasons) {
			t.Fatalf("stored sample %+v, want %+v", a.Sample, s)
		}
		// Leaving out a sampled site later is refused too.
		w.refusedInput(w.svc.ChangeAudit(w.ctx, id, AuditChange{Sites: &[]string{"HQ"}}), "sites")
		// The stage 2 of the same cycle counts the stage 1's sites as visited.
		s2, refs, err := DrawSample(f, Stage2, 2026)
		w.must(err)
		for _, r := range refs {
			if r.VisitedInCycle != slices.Contains(plan.Sites, r.Code) {
				t.Errorf("%s visited = %v", r.Code, r.VisitedInCycle)
			}
		}
		for _, c := range s2.Preferred {
			if slices.Contains(plan.Sites, c) {
				t.Errorf("stage 2 chose %s first, already visited by stage 1", c)
			}
		}
	})
}

func (w *world) refusedInput(err error, field string) {
	w.t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Field != field {
		w.t.Fatalf("got %v, want the %s refused", err, field)
	}
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}
