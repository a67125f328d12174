package certification

import (
	"reflect"
	"testing"
)

// TestAuditRowRoundTrip: an audit's IndexAuditRow value decodes to its
// Summary (an unknown kind or role included), starts with the start
// date, and every shortened or lengthened value is refused, not misread.
func TestAuditRowRoundTrip(t *testing.T) {
	audits := []Audit{
		{ID: 7, CertificationID: 1 << 40, ClientID: 300, Kind: Recertification, Status: AuditReportDrafted, PlannedStart: NewDate(2027, 3, 31), PlannedEnd: NewDate(2027, 4, 2),
			ActualStart: NewDate(2027, 4, 1), ActualEnd: NewDate(2027, 4, 3), PlannedDays: 2.5, ActualDays: 1.0 / 3,
			Team: []TeamMember{{PersonID: 5, Role: TeamLead}, {PersonID: 1 << 33, Role: "visiting-expert"}}, Sites: []string{"HQ", "Zürich lab"}, IntegratedWith: []ID{8, 9},
			Notes: "not in the key", Checklist: []ChecklistEntry{{Ref: "4.1"}}},
		{ID: 8, CertificationID: 2, ClientID: 3, Kind: "pilot", Status: AuditPlanned, PlannedStart: NewDate(2027, 1, 1), PlannedEnd: NewDate(2027, 1, 1)},
	}
	for _, a := range audits {
		term := a.auditRowTerm()
		if term.Index != IndexAuditRow {
			t.Fatalf("index %q", term.Index)
		}
		if d, _ := keyDate(term.Value, 0); d != a.Start() {
			t.Errorf("audit %d: the key starts with %s, want its start %s", a.ID, d, a.Start())
		}
		got, err := DecodeAuditRow(term.Value, a.ID)
		if want := a.Summary(); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("audit %d: decoded %+v, %v\nwant %+v", a.ID, got, err, want)
		}
		for n := range len(term.Value) {
			if _, err := DecodeAuditRow(term.Value[:n], a.ID); err == nil {
				t.Errorf("audit %d: a value cut to %d of %d bytes decodes", a.ID, n, len(term.Value))
			}
		}
		if _, err := DecodeAuditRow(append(term.Value, 0), a.ID); err == nil {
			t.Errorf("audit %d: a value with a byte too many decodes", a.ID)
		}
	}
}
