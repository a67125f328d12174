package certification_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"certdesk/assets"
	"certdesk/audit/audittime"
	"certdesk/audit/catalogue"
	. "certdesk/certification"
	"certdesk/storage"
)

// iso14001 is the example catalogue a body adds ISO 14001 from.
func iso14001(t *testing.T) BodyStandard {
	t.Helper()
	b, err := assets.Examples.ReadFile("examples/iso14001-2015.tsv")
	if err != nil {
		t.Fatal(err)
	}
	c, err := catalogue.ParseTSV("ISO 14001:2015", b)
	if err != nil {
		t.Fatal(err)
	}
	return BodyStandard{Name: "ISO 14001:2015", Table: catalogue.TableQMS, Source: "iso14001-2015.tsv", Items: c.Items}
}

// A standard's record is refused, naming the field, at each boundary.
func TestBodyStandardValidation(t *testing.T) {
	good := iso14001(t)
	for _, c := range []struct {
		name  string
		edit  func(b *BodyStandard)
		field string
		want  string
	}{
		{"no edition", func(b *BodyStandard) { b.Name = "ISO 14001" }, "name", `such as "ISO 14001:2015"`},
		{"edition not a year", func(b *BodyStandard) { b.Name = "ISO 14001:15" }, "name", "with its edition"},
		{"a shipped standard", func(b *BodyStandard) { b.Name = ISO9001 }, "name", "cannot be replaced"},
		{"unknown table", func(b *BodyStandard) { b.Table = "iaf-ems" }, "audit_time_table", "md5-qms"},
		{"no day", func(b *BodyStandard) { b.Added = 0 }, "added", "required"},
		{"no items", func(b *BodyStandard) { b.Items = nil }, "items", "lists no clause"},
		{"only controls", func(b *BodyStandard) {
			b.Items = []catalogue.Item{{Ref: "A.1", Kind: catalogue.Control, Group: "A Annex", Title: "x"}}
		}, "items", "lists no clause"},
		{"a line twice", func(b *BodyStandard) { b.Items = append(b.Items, b.Items[3]) }, "items", "item 46: 4.3 listed twice"},
		{"unknown kind", func(b *BodyStandard) { b.Items[2].Kind = "section" }, "items", `item 3: 4.2: the kind "section"`},
		{"untitled", func(b *BodyStandard) { b.Items[0].Title = " " }, "items", "item 1: 4: give it a group"},
		{"reference with a space", func(b *BodyStandard) { b.Items[1].Ref = "4 .1" }, "items", "item 2"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := good
			b.Added = day("2025-01-06")
			b.Items = append([]catalogue.Item(nil), good.Items...)
			c.edit(&b)
			err := b.Validate()
			ve, ok := err.(*ValidationError)
			if !ok || ve.Field != c.field || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want field %s saying %q", err, c.field, c.want)
			}
		})
	}
	b := good
	b.Added = day("2025-01-06")
	if err := b.Validate(); err != nil {
		t.Fatalf("the example catalogue: %v", err)
	}
}

// A body adds ISO 14001 and certifies a client to it through the
// service (disk and memory): the audit time comes from the MD 5 table,
// findings cite its clauses and only them, its catalogue can grow but
// not lose a line, and a standard the body never added is refused.
func TestBodyStandardCertifiedThroughTheService(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		_, err := w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: "ISO 45001:2018", Scope: "Site safety"})
		if ve, ok := err.(*ValidationError); !ok || ve.Field != "standard" || !strings.Contains(err.Error(), "certctl standard add") {
			t.Fatalf("a standard the body never added: %v", err)
		}
		std := iso14001(t)
		// With an annex of controls of its own, as a body's catalogue may
		// have: the schedule's coverage obligation counts them.
		std.Items = append(std.Items,
			catalogue.Item{Ref: "A.1", Kind: catalogue.Group, Group: "A.1 Site controls", Title: "Site controls"},
			catalogue.Item{Ref: "A.1.1", Kind: catalogue.Control, Group: "A.1 Site controls", Title: "Spill kits"},
			catalogue.Item{Ref: "A.1.2", Kind: catalogue.Control, Group: "A.1 Site controls", Title: "Waste segregation"})
		if _, err := w.svc.DefineStandard(w.ctx, std); err != nil {
			t.Fatal(err)
		}
		w.lead = w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Erik Environment", Roles: []Role{RoleLeadAuditor, RoleAuditor},
			Competence: &PersonCompetence{Standards: []Standard{std.Name}, Sectors: []int{33}}}))
		w.aud = w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Eva Emission", Roles: []Role{RoleAuditor},
			Competence: &PersonCompetence{Standards: []Standard{std.Name}, Sectors: []int{33}}}))
		w.cert = w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: std.Name, Scope: "Development of AI credit scoring, office operations"}))

		rt, err := w.svc.RequiredTimeOf(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2})
		w.must(err)
		if !rt.HasMinimum || rt.Days <= 0 || !strings.Contains(rt.Calculation.Standards[0].Table, "MD 5") {
			t.Fatalf("required time of a 14001 stage 2 for 40 people: %+v, want a minimum from the MD 5 table", rt)
		}

		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		// Stage 2: a finding on 6.1.2 is recorded, one on 6.1.9 refused.
		a := w.svc.AtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}})
		s2 := w.must1(w.svc.PlanAudit(w.ctx, a))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.set("2025-03-10")
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		ofi := Finding{AuditID: s2, RaisedBy: w.lead, Raised: day("2025-03-10"), Grade: OFI, Reference: "6.1.2", Requirement: "Aspects of the new site", Evidence: "Aspects register dated 2023"}
		w.must1(w.svc.RecordFinding(w.ctx, ofi))
		bad := ofi
		bad.Reference = "6.1.9"
		_, err = w.svc.RecordFinding(w.ctx, bad)
		if err == nil || !strings.Contains(err.Error(), "6.1.1 to 6.1.4") {
			t.Fatalf("a finding on 6.1.9 of ISO 14001: %v, want the sub-clauses of 6.1 named", err)
		}
		w.fill(s2)
		w.clk.set("2025-03-11")
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualEnd: ptr(day("2025-03-11")), ActualDays: ptr(a.PlannedDays), Status: ptr(AuditReportDrafted), Recommendation: ptr(RecommendGrant)}))
		w.clk.set("2025-03-13")
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ReportDate: ptr(day("2025-03-13")), Status: ptr(AuditClosed)}))
		w.must1(w.decide(Grant, "2025-03-20"))
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		if n := f.Certificates[0].Number; !strings.Contains(n, "14001") {
			t.Errorf("certificate number %q does not name 14001", n)
		}
		if len(f.Findings) != 1 || f.Findings[0].Reference != "6.1.2" {
			t.Fatalf("findings %+v, want the minor on 6.1.2", f.Findings)
		}

		// The catalogue grows and retitles; it never loses a line.
		coverage := func() string {
			w.t.Helper()
			var set ObligationSet // as stored: what the schedule reads
			w.must(w.svc.View(w.ctx, func(tx Tx) error { return tx.Get(w.cert, &set) }))
			for _, o := range set.Items {
				if o.Kind == ObCoverage {
					return o.Label
				}
			}
			return ""
		}
		if got := coverage(); !strings.Contains(got, "of 2 not yet audited") && !strings.Contains(got, "all 2 audited") {
			t.Fatalf("coverage obligation %q, want the 2 controls counted", got)
		}
		grown := std
		grown.Items = append(append([]catalogue.Item(nil), std.Items...),
			catalogue.Item{Ref: "10.3.1", Kind: catalogue.Clause, Group: "10 Improvement", Title: "Continual improvement — performance"},
			catalogue.Item{Ref: "A.1.3", Kind: catalogue.Control, Group: "A.1 Site controls", Title: "Fuel storage bunding"})
		grown.Items[0].Title = "Context of the organisation"
		id, err := w.svc.DefineStandard(w.ctx, grown)
		w.must(err)
		if got := coverage(); !strings.Contains(got, "of 3 not yet audited") {
			t.Errorf("after the catalogue grew, the coverage obligation says %q, want the 3 controls counted", got)
		}
		lost := grown
		lost.Items = append(append([]catalogue.Item(nil), lost.Items[:len(std.Items)-5]...), lost.Items[len(std.Items)-3:]...) // drops 10.2, 10.3
		_, err = w.svc.DefineStandard(w.ctx, lost)
		w.refused(err, RuleStandardKeepsLines)
		if !strings.Contains(err.Error(), "leaves out 10.2, 10.3:") {
			t.Errorf("refusal %q does not name the lines left out", err)
		}
		list, err := w.svc.BodyStandards(w.ctx)
		w.must(err)
		if len(list) != 1 || list[0].ID != id || len(list[0].Items) != len(std.Items)+2 || list[0].Items[0].Title != "Context of the organisation" {
			t.Fatalf("standards %+v, want the grown catalogue under one record", list)
		}
		cat, err := catalogue.For(string(std.Name))
		w.must(err)
		if _, ok := cat.Lookup("10.3.1"); !ok {
			t.Error("the process still has the catalogue before it grew")
		}
	})
}

// Only an administrator adds a standard, as only one sets the policy.
func TestDefineStandardIsAnAdministratorsCommand(t *testing.T) {
	if !AdminCommand("define-standard") {
		t.Fatal("define-standard is not an administrator's command")
	}
}

// A body's standards are known as soon as its folder opens: a record
// written without the command (as a desk's catch-up or an import writes
// it) is handed to the catalogues when the store is next opened.
func TestBodyStandardKnownWhenTheFolderOpens(t *testing.T) {
	// The catalogues are the process's: begin, and leave, as a process
	// that has opened no body (so that -count 2 runs it the same again).
	catalogue.ForgetAdded()
	t.Cleanup(catalogue.ForgetAdded)
	dir := t.TempDir()
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	std := iso14001(t)
	std.Name, std.Added = "ISO 99001:2026", day("2026-01-05")
	if KnownStandard(std.Name) {
		t.Fatal("known before any body added it")
	}
	err = db.Update(context.Background(), JournalEntry{Actor: Actor{Name: "test"}, Command: "test", Summary: "a standard written raw"}, func(tx Tx) error {
		std.ID = 1
		return tx.Put(&std)
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	if KnownStandard(std.Name) {
		t.Fatal("known although only written, not opened")
	}
	db, err = storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !KnownStandard(std.Name) {
		t.Fatal("not known once the folder that records it is open")
	}
}

// An audit-time calculation takes an added standard by its number, from
// the MD 5 table, and leaves out one whose time is set by hand.
func TestAuditTimeStandardsOfAddedOnes(t *testing.T) {
	qms := iso14001(t)
	qms.Name, qms.Added = "ISO 98001:2024", day("2025-01-06")
	byHand := qms
	byHand.Name, byHand.Table = "ISO 98002:2024", catalogue.TableNone
	for _, b := range []BodyStandard{qms, byHand} {
		c, err := b.Catalogue()
		if err != nil {
			t.Fatal(err)
		}
		if err := catalogue.Add(c); err != nil {
			t.Fatal(err)
		}
	}
	if calc := CalculableStandards(); !slices.Contains(calc, "ISO 98001:2024") || slices.Contains(calc, "ISO 98002:2024") || !slices.Contains(calc, string(ISO9001)) {
		t.Errorf("calculable standards %q: want the shipped ones and 98001, not 98002 (set by hand)", calc)
	}
	in := audittime.Input{Standards: []string{"9001", "98001", "ISO 98002:2024"}, EffectivePersonnel: 50}
	dropped := AuditTimeStandards(&in)
	if strings.Join(in.Standards, "|") != "9001|ISO 98001:2024" || strings.Join(in.QMSStandards, "|") != "ISO 98001:2024" || strings.Join(dropped, "|") != "ISO 98002:2024" {
		t.Fatalf("standards %q, from the MD 5 table %q, by hand %q", in.Standards, in.QMSStandards, dropped)
	}
	res, err := audittime.Calculate(in)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Standards) != 2 || res.Standards[1].Standard != "ISO 98001:2024" || res.Standards[1].Base != res.Standards[0].Base {
		t.Errorf("calculated %+v, want 98001 from the same MD 5 row as 9001", res.Standards)
	}
}
