package view_test

import (
	"cmp"
	"context"
	"fmt"
	"reflect"
	"slices"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
	"certdesk/storage"
)

// TestAuditsBetweenReadsTheCoveringKeys: the rows AuditsBetween reads
// from the audits' covering keys (IndexAuditRow) are, row for row and in
// order, the rows made from the whole audits and the records they name,
// on the Badger store and the in-memory one, with the names looked up
// one by one and by walking every record: audits of several kinds and
// statuses on both sides of month boundaries, one whose team and dates
// changed after it was filed, one moved out of the span, a cancelled
// one, one without a lead, a client renamed after its audits were filed.
func TestAuditsBetweenReadsTheCoveringKeys(t *testing.T) {
	stores := map[string]func(t *testing.T) Store{
		"badger": func(t *testing.T) Store {
			db, err := storage.Open(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		},
		"memory": func(*testing.T) Store { return memstore.New() },
	}
	for name, open := range stores {
		for _, bulk := range []int{3000, 1} {
			t.Run(fmt.Sprintf("%s/walk-from-%d", name, bulk), func(t *testing.T) {
				old := *view.BulkFrom
				*view.BulkFrom = bulk
				t.Cleanup(func() { *view.BulkFrom = old })
				s := open(t)
				fileAudits(t, s)
				for _, span := range [][2]string{{"2027-01-01", "2027-02-28"}, {"2027-01-15", "2027-01-20"}, {"2027-02-01", "2027-03-31"}, {"2026-01-01", "2028-12-31"}, {"2027-05-01", "2027-05-31"}} {
					from, to := d(span[0]), d(span[1])
					got, err := view.AuditsBetween(context.Background(), s, from, to)
					if err != nil {
						t.Fatal(err)
					}
					want := wholeAudits(t, s, from, to)
					if len(want) == 0 && span[0] != "2027-05-01" {
						t.Fatalf("%v: the fixture has no audit in the span", span)
					}
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%v (names walked from %d):\n got %+v\nwant %+v", span, bulk, got, want)
					}
					// Chosen before the names are looked up: the same rows less the cancelled.
					open := func(a *AuditSummary) bool { return a.Status != AuditCancelled }
					got, err = view.AuditsWhere(context.Background(), s, from, to, open)
					if err != nil {
						t.Fatal(err)
					}
					want = slices.DeleteFunc(want, func(r view.AuditRow) bool { return !open(&r.AuditSummary) })
					if !reflect.DeepEqual(got, want) {
						t.Errorf("%v, not cancelled (names walked from %d):\n got %+v\nwant %+v", span, bulk, got, want)
					}
				}
			})
		}
	}
}

// fileAudits writes two clients, two certifications, two people and
// the audits, then changes some of them.
func fileAudits(t *testing.T, s Store) {
	t.Helper()
	lead := []TeamMember{{PersonID: 30, Role: TeamLead}, {PersonID: 31, Role: TeamAuditor}}
	put(t, s,
		&Client{ID: 1, LegalName: "Acme Analytics GmbH", TradingName: "Acme"},
		&Client{ID: 2, LegalName: "Borealis Ltd"},
		&Certification{ID: 10, ClientID: 1, Standard: ISO42001},
		&Certification{ID: 11, ClientID: 2, Standard: ISO27001},
		&Person{ID: 30, Name: "Lena Lead"},
		&Person{ID: 31, Name: "Otto Auditor"},
		&Audit{ID: 100, CertificationID: 10, ClientID: 1, Kind: Stage1, Status: AuditClosed, PlannedStart: d("2027-01-31"), PlannedEnd: d("2027-02-01"),
			ActualStart: d("2027-01-31"), ActualEnd: d("2027-02-02"), PlannedDays: 1.5, ActualDays: 2.25, Team: lead, Sites: []string{"HQ", "Lab"}},
		&Audit{ID: 101, CertificationID: 10, ClientID: 1, Kind: Stage2, Status: AuditInProgress, PlannedStart: d("2027-01-28"), PlannedEnd: d("2027-01-29"),
			ActualStart: d("2027-02-01"), PlannedDays: 2, Team: lead, IntegratedWith: []ID{102}},
		&Audit{ID: 102, CertificationID: 11, ClientID: 2, Kind: Surveillance, Status: AuditPlanned, PlannedStart: d("2027-02-01"), PlannedEnd: d("2027-02-01"),
			PlannedDays: 0.5, IntegratedWith: []ID{101}},
		&Audit{ID: 103, CertificationID: 11, ClientID: 2, Kind: Special, Status: AuditCancelled, PlannedStart: d("2027-01-15"), PlannedEnd: d("2027-01-16"),
			PlannedDays: 1, Team: []TeamMember{{PersonID: 31, Role: TeamLead}}},
		&Audit{ID: 104, CertificationID: 11, ClientID: 2, Kind: Recertification, Status: AuditConfirmed, PlannedStart: d("2027-03-01"), PlannedEnd: d("2027-03-03"),
			PlannedDays: 3, Team: lead},
		&Audit{ID: 105, CertificationID: 10, ClientID: 1, Kind: FollowUp, Status: AuditReportDrafted, PlannedStart: d("2027-01-15"), PlannedEnd: d("2027-01-15"),
			ActualStart: d("2027-01-15"), ActualEnd: d("2027-01-15"), PlannedDays: 0.25, ActualDays: 0.25,
			Team: []TeamMember{{PersonID: 99, Role: TeamLead}}}, // a lead not in the register
		&Audit{ID: 106, CertificationID: 10, ClientID: 1, Kind: Surveillance, Status: AuditPlanned, PlannedStart: d("2027-02-27"), PlannedEnd: d("2027-02-28"), PlannedDays: 2},
	)
	// After filing: the team and dates of 104 change (March to
	// January), 106 moves to May, 102 is cancelled, Borealis is renamed.
	put(t, s,
		&Audit{ID: 104, CertificationID: 11, ClientID: 2, Kind: Recertification, Status: AuditConfirmed, PlannedStart: d("2027-01-20"), PlannedEnd: d("2027-01-22"),
			PlannedDays: 3.5, Team: []TeamMember{{PersonID: 31, Role: TeamLead}, {PersonID: 30, Role: TeamTechnicalExpert}}},
		&Audit{ID: 106, CertificationID: 10, ClientID: 1, Kind: Surveillance, Status: AuditPlanned, PlannedStart: d("2027-05-03"), PlannedEnd: d("2027-05-04"), PlannedDays: 2},
		&Audit{ID: 102, CertificationID: 11, ClientID: 2, Kind: Surveillance, Status: AuditCancelled, PlannedStart: d("2027-02-01"), PlannedEnd: d("2027-02-01"),
			PlannedDays: 0.5, IntegratedWith: []ID{101}},
		&Client{ID: 2, LegalName: "Borealis Holdings Ltd", TradingName: "Borealis"},
	)
}

func put(t *testing.T, s Store, recs ...Record) {
	t.Helper()
	err := s.Update(context.Background(), JournalEntry{Actor: Actor{Name: "tester"}, Command: "fixture"}, func(tx Tx) error {
		for _, r := range recs {
			if err := tx.Put(r); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// wholeAudits are the rows made from every whole audit starting in the
// months of from to to, and the whole records they name.
func wholeAudits(t *testing.T, s Store, from, to Date) []view.AuditRow {
	t.Helper()
	var rows []view.AuditRow
	err := s.View(context.Background(), func(tx Tx) error {
		return tx.Each(KindAudit, func(id ID, decode func(Record) error) error {
			var a Audit
			if err := decode(&a); err != nil {
				return err
			}
			if m := int(a.Start()) / 100; m < int(from)/100 || m > int(to)/100 {
				return nil
			}
			var c Client
			var cert Certification
			var lead Person
			if err := tx.Get(a.ClientID, &c); err != nil {
				return err
			}
			if err := tx.Get(a.CertificationID, &cert); err != nil {
				return err
			}
			tx.Get(a.Lead(), &lead) // none: no name
			rows = append(rows, view.AuditRow{AuditSummary: a.Summary(), ClientName: c.DisplayName(), Standard: cert.Standard, LeadName: lead.Name})
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortStableFunc(rows, func(a, b view.AuditRow) int { return cmp.Compare(a.Start(), b.Start()) })
	return rows
}
