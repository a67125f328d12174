package document_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"certdesk/audit/catalogue"
	. "certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/storage"
)

func packFixture(t *testing.T) *auditfixture.Fixture {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fx, err := auditfixture.Build(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

func TestAuditPackOfAStage2(t *testing.T) {
	fx := packFixture(t)
	ctx := context.Background()
	p, err := document.NewAuditPack(ctx, fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	if p.Body != DefaultPolicy().BodyName || p.AsOf != fx.AsOf {
		t.Errorf("body %q as of %s", p.Body, p.AsOf)
	}
	if p.Client.LegalName != "Acme Analytics GmbH" || p.Certification.Standard != ISO42001 || p.Audit.Kind != Stage2 || p.Audit.Status != AuditClosed {
		t.Fatalf("pack of %s %s %s %s", p.Client.LegalName, p.Certification.Standard, p.Audit.Kind, p.Audit.Status)
	}
	if p.Certificate != nil || p.Cycle.Number != 1 || !p.Cycle.Start.IsZero() {
		t.Errorf("before grant: certificate %v, cycle %+v", p.Certificate, p.Cycle)
	}

	// Sites: the sample's visit, central function first, with addresses.
	if len(p.Sites) != len(fx.Sample.Visit) || !p.Sites[0].Central || p.Sites[0].Code != "HH" || p.Sites[0].Address == "" {
		t.Fatalf("sites %+v, sample visits %v", p.Sites, fx.Sample.Visit)
	}
	for _, s := range p.Sites {
		if !slices.Contains(fx.Sample.Visit, s.Code) || s.Unknown {
			t.Errorf("site %+v not in the sample %v", s, fx.Sample.Visit)
		}
	}
	if p.Audit.Sample == nil || p.Audit.Sample.Seed != fx.Sample.Seed || len(p.Audit.Sample.Reasons) == 0 {
		t.Errorf("sample %+v", p.Audit.Sample)
	}

	// Team: lead first, with names; languages all three share.
	if len(p.Team) != 3 || p.Team[0].Role != TeamLead || p.Team[0].Name != "Lena Lindqvist" || p.Team[2].Role != TeamTechnicalExpert {
		t.Fatalf("team %+v", p.Team)
	}
	if !slices.Equal(p.Languages, []string{"English", "German"}) {
		t.Errorf("common languages %v", p.Languages)
	}

	// Checklist: every catalogue line in order; the SoA's exclusions with
	// their justification; the applicable lines are ChecklistItems.
	cat, _ := catalogue.For(string(ISO42001))
	if len(p.Checklist) != len(cat.Items) {
		t.Fatalf("%d checklist lines, catalogue has %d", len(p.Checklist), len(cat.Items))
	}
	for i, l := range p.Checklist {
		if l.Ref != cat.Items[i].Ref {
			t.Fatalf("line %d is %s, catalogue has %s", i, l.Ref, cat.Items[i].Ref)
		}
	}
	items, _ := ChecklistItems(&p.Certification)
	if p.Applicable() != len(items) {
		t.Errorf("applicable %d, ChecklistItems %d", p.Applicable(), len(items))
	}
	ex := p.Excluded()
	if len(ex) != 2 || ex[0].Ref != "A.7.3" || !strings.Contains(ex[0].Justification, "no data is acquired") || ex[0].Recorded {
		t.Errorf("excluded %+v", ex)
	}
	line := func(ref string) document.PackLine {
		i := slices.IndexFunc(p.Checklist, func(l document.PackLine) bool { return l.Ref == ref })
		if i < 0 {
			t.Fatalf("no line %s", ref)
		}
		return p.Checklist[i]
	}
	if l := line("6.1.2"); l.Result != ResultMajor || !slices.Equal(l.Findings, []int{1}) || l.Notes == "" ||
		len(l.Interviews) != 2 || l.Interviews[0].Whom != "Amira Haddad" || l.Interviews[1].Role != "Head of data science" || l.Interviews[1].On != auditfixture.D("2025-02-11") {
		t.Errorf("6.1.2: %+v", l)
	}
	if l := line("6.2"); len(l.Interviews) != 0 {
		t.Errorf("6.2 has no interview: %+v", l.Interviews)
	}
	if l := line("6.1"); !l.Heading || l.Recorded {
		t.Errorf("6.1 is a heading: %+v", l)
	}
	if l := line("A.8.3"); l.Result != ResultNotApplicable {
		t.Errorf("A.8.3: %+v", l)
	}
	counts := p.ResultCounts()
	if counts[ResultMajor] != 1 || counts[ResultMinor] != 2 || counts[ResultOFI] != 2 || counts[ResultNotApplicable] != 1 || counts[ResultNotAudited] != 0 {
		t.Errorf("result counts %v", counts)
	}

	// Findings by number with their workflow and names.
	if len(p.Findings) != 5 {
		t.Fatalf("%d findings", len(p.Findings))
	}
	f1, f2, f3 := p.Findings[0], p.Findings[1], p.Findings[2]
	if f1.Number != 1 || f1.Grade != Major || f1.Status != FindingVerified || f1.VerifiedByName != "Lena Lindqvist" || f1.Title != "AI risk assessment" {
		t.Errorf("finding 1: %+v", f1)
	}
	if f2.Status != FindingPlanAccepted || f2.RaisedByName != "Ahmed Aziz" || f2.ReviewedByName != "Lena Lindqvist" || f2.Late {
		t.Errorf("finding 2: %+v", f2)
	}
	if f3.Status != FindingAwaitingResponse || !f3.Late || f3.ResponseDue != auditfixture.D("2025-03-14") {
		t.Errorf("finding 3 (minor, unanswered, due 2025-03-14): %+v", f3)
	}
	all, open := p.GradeCounts()
	if all[Minor] != 2 || open[Minor] != 1 || open[Major] != 0 || all[Positive] != 1 {
		t.Errorf("grades %v open %v", all, open)
	}
	cond := p.Conditions()
	if len(cond) != 1 || !strings.HasPrefix(cond[0], "Minor NC #3 (7.2)") || !strings.Contains(cond[0], "2025-03-14") {
		t.Errorf("conditions %q", cond)
	}
	if len(p.Integrated) != 0 || len(p.Earlier) != 0 {
		t.Errorf("integrated %v earlier %v", p.Integrated, p.Earlier)
	}
}

func TestAuditPackOfAnIntegratedStage1(t *testing.T) {
	fx := packFixture(t)
	p, err := document.NewAuditPack(context.Background(), fx.Svc, fx.Integrated42001)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Integrated) != 1 || p.Integrated[0].AuditID != fx.Integrated9001 || p.Integrated[0].Standard != ISO9001 {
		t.Fatalf("integrated %+v", p.Integrated)
	}
	if got := p.Standards(); !slices.Equal(got, []Standard{ISO42001, ISO9001}) {
		t.Errorf("standards %v", got)
	}
	// The client has no sites: the audit is at its registered office.
	if len(p.Sites) != 1 || p.Sites[0].Address != "Am Sandtorkai 50, 20457 Hamburg, Germany" {
		t.Errorf("sites %+v", p.Sites)
	}
	var shared, own int
	for _, l := range p.Checklist {
		if len(l.SharedWith) > 0 {
			shared++
			if l.Ref == "6.1.2" {
				t.Error("42001's 6.1.2 is its own clause, not shared with 9001")
			}
		} else if l.Ref == "4.1" {
			t.Error("4.1 is a clause of the harmonised structure: shared")
		}
		if l.Ref == "4.1" && (l.Result != ResultConform || l.Notes == "") {
			t.Errorf("4.1 answered: %+v", l)
		}
		own++
	}
	if shared == 0 || own == 0 {
		t.Errorf("shared %d own %d", shared, own)
	}
	// The stage 1 topics: the readiness subjects for both standards.
	if len(p.Topics) < 8 || p.Topics[0].Group != "Documentation and scope" || p.Topics[0].Standards != "42001 · 9001" {
		t.Fatalf("topics %+v", p.Topics)
	}
	if !slices.ContainsFunc(p.Topics, func(x document.PlanTopic) bool { return strings.Contains(x.Title, "AI systems inventory") }) {
		t.Error("a 42001 stage 1 reviews the AI systems inventory")
	}
	// Each readiness subject is a session of its own, on the two days.
	sessions := p.ProposedTimetable()
	for _, s := range sessions {
		if s.Kind == document.SessionAudit && len(s.Topics) == 0 {
			t.Errorf("session %s %s covers nothing", s.Times(), s.Activity)
		}
	}
	if last := sessions[len(sessions)-1]; last.Date != fx.IntegratedLastDay || last.Site.Label() != "Registered office" {
		t.Errorf("last session %+v", last)
	}
	objectives := document.AuditObjectives(Stage1, p.Standards())
	if !strings.Contains(strings.Join(objectives, " "), "ISO/IEC 42001:2023 and ISO 9001:2015") {
		t.Errorf("objectives %q", objectives)
	}
}

func TestProposedTimetable(t *testing.T) {
	fx := packFixture(t)
	p, err := document.NewAuditPack(context.Background(), fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	sessions := p.ProposedTimetable()
	if len(sessions) < 10 {
		t.Fatalf("%d sessions", len(sessions))
	}
	first, last := sessions[0], sessions[len(sessions)-1]
	if first.Kind != document.SessionMeeting || first.Day != 1 || first.Date != auditfixture.D("2025-02-10") || first.Times() != "09:00–09:30" || !first.Site.Central {
		t.Errorf("first session %+v", first)
	}
	if last.Kind != document.SessionMeeting || last.Day != 3 || last.Date != auditfixture.D("2025-02-12") || last.Times() != "16:00–17:00" || last.Activity != "Closing meeting" || last.Detail == "" {
		t.Errorf("last session %+v", last)
	}
	// Sessions do not overlap, run in order and stay within the day.
	for i := 1; i < len(sessions); i++ {
		a, b := sessions[i-1], sessions[i]
		if a.Day == b.Day && b.Start < a.End {
			t.Errorf("sessions overlap: %s %s and %s %s", a.Times(), a.Activity, b.Times(), b.Activity)
		}
		if b.End > 17*60 || b.Start < 9*60 || b.End <= b.Start {
			t.Errorf("session out of the day: %+v", b)
		}
	}
	// Every applicable leaf clause and control is covered exactly once,
	// and no excluded control.
	seen := map[string]int{} // the sessions (not counting their continuations) a ref is in
	in := map[string]string{}
	sites := map[string]bool{}
	for _, s := range sessions {
		base := strings.TrimSuffix(s.Activity, " (continued)")
		for _, tp := range s.Topics {
			if in[tp.Ref] != base {
				seen[tp.Ref]++
			}
			in[tp.Ref] = base
		}
		if s.Kind == document.SessionAudit {
			sites[s.Site.Code] = true
			if len(s.Auditors) == 0 {
				t.Errorf("nobody takes %s", s.Activity)
			}
		}
	}
	for _, l := range p.Checklist {
		want := 1
		if l.Excluded || l.Heading {
			want = 0
		}
		if seen[l.Ref] != want {
			t.Errorf("%s covered %d times, want %d", l.Ref, seen[l.Ref], want)
		}
	}
	// Each visited site has sessions; the Annex A controls are taken by
	// an auditor with the technical expert.
	for _, s := range p.Sites {
		if !sites[s.Code] {
			t.Errorf("no session at site %s (%v)", s.Code, sites)
		}
	}
	// The team changes site only at lunch or overnight.
	var prev *document.PlanSession
	for i := range sessions {
		s := &sessions[i]
		if s.Kind != document.SessionAudit {
			continue
		}
		if prev != nil && prev.Day == s.Day && prev.Site != s.Site && s.Start != 13*60+15 {
			t.Errorf("the team moves from %s to %s at %s on day %d", prev.Site.Code, s.Site.Code, document.ClockTime(s.Start), s.Day)
		}
		prev = s
	}
	// A group of clauses or controls is taken at one site.
	groupSite := map[string]string{}
	for _, s := range sessions {
		if s.Kind != document.SessionAudit {
			continue
		}
		g := strings.TrimSuffix(s.Activity, " (continued)")
		if at, ok := groupSite[g]; ok && at != s.Site.Code {
			t.Errorf("%s is split over sites %s and %s", g, at, s.Site.Code)
		}
		groupSite[g] = s.Site.Code
	}
	i := slices.IndexFunc(sessions, func(s document.PlanSession) bool { return strings.HasPrefix(s.Activity, "A.6") })
	if i < 0 || !slices.Contains(sessions[i].Auditors, "Dr. Tomasz Nowak") || sessions[i].Site.Central {
		t.Errorf("A.6 session %+v", sessions[i])
	}
}

func TestProposedTimetableOneDayAndWeekend(t *testing.T) {
	fx := packFixture(t)
	p, err := document.NewAuditPack(context.Background(), fx.Svc, fx.Stage2)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name       string
		start, end string
		days       int
	}{
		{"one day", "2025-02-10", "2025-02-10", 1},
		{"Friday to Monday skips the weekend", "2025-02-07", "2025-02-10", 2},
		{"a Saturday only", "2025-02-08", "2025-02-08", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := *p
			q.Audit.ActualStart, q.Audit.ActualEnd = auditfixture.D(c.start), auditfixture.D(c.end)
			if got := len(q.AuditDays()); got != c.days {
				t.Fatalf("%d days, want %d", got, c.days)
			}
			sessions := q.ProposedTimetable()
			refs := map[string]bool{}
			for _, s := range sessions {
				for _, tp := range s.Topics {
					refs[tp.Ref] = true
				}
				if s.End > 17*60 {
					t.Errorf("%s runs past 17:00", s.Activity)
				}
			}
			if want := p.Applicable() - headings(p); len(refs) != want {
				t.Errorf("%d topics in the sessions, want %d", len(refs), want)
			}
			if sessions[len(sessions)-1].Day != c.days {
				t.Errorf("closing on day %d", sessions[len(sessions)-1].Day)
			}
		})
	}
}

func headings(p *document.AuditPack) int {
	n := 0
	for _, l := range p.Checklist {
		if l.Heading {
			n++
		}
	}
	return n
}

func TestAuditPackOfAFollowUp(t *testing.T) {
	fx := packFixture(t)
	p, err := document.NewAuditPack(context.Background(), fx.Svc, fx.FollowUp)
	if err != nil {
		t.Fatal(err)
	}
	// What it follows up: the minor still open when it starts, not the
	// major verified before nor the minor whose plan was accepted.
	if len(p.Earlier) != 1 || p.Earlier[0].Number != 3 || p.Earlier[0].AuditKind != Stage2 || p.Earlier[0].AuditStart != auditfixture.D("2025-02-10") {
		t.Fatalf("earlier findings %+v", p.Earlier)
	}
	if len(p.Topics) != 1 || p.Topics[0].Ref != "7.2" || !strings.Contains(p.Topics[0].Title, "Minor NC #3 of the Stage 2 audit of 2025-02-10") {
		t.Fatalf("topics %+v", p.Topics)
	}
	if len(p.Findings) != 0 || p.Applicable() != len(p.Checklist)-2 {
		t.Errorf("findings %d, applicable %d of %d", len(p.Findings), p.Applicable(), len(p.Checklist))
	}
	sessions := p.ProposedTimetable()
	if len(sessions) < 4 || sessions[0].Date != auditfixture.D("2025-04-22") || sessions[len(sessions)-1].Activity != "Closing meeting" {
		t.Fatalf("sessions %+v", sessions)
	}
	for _, s := range sessions {
		if s.Kind == document.SessionAudit && (len(s.Topics) != 1 || s.Topics[0].Ref != "7.2" || !slices.Equal(s.Auditors, []string{"Lena Lindqvist"})) {
			t.Errorf("session %+v", s)
		}
		if s.Kind == document.SessionBreak {
			t.Errorf("a half-day visit has no lunch break: %+v", s)
		}
	}
	// Half an auditor-day for one auditor: 09:00 to 13:00.
	if last := sessions[len(sessions)-1]; last.Times() != "12:30–13:00" {
		t.Errorf("the closing meeting is %s, want 12:30–13:00", last.Times())
	}
}
