package view_test

import (
	"slices"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

func TestNearSuspensionLimit(t *testing.T) {
	limit := d("2026-12-10")
	for _, tc := range []struct {
		asOf       string
		near, past bool
	}{
		{"2026-11-09", false, false}, // 31 days before
		{"2026-11-10", true, false},  // 30 days before
		{"2026-12-10", true, false},  // the limit
		{"2026-12-11", true, true},   // the day after
	} {
		s := view.Suspension{Limit: limit}
		if got := NearSuspensionLimit(d(tc.asOf), limit); got != tc.near {
			t.Errorf("on %s: near = %v, want %v", tc.asOf, got, tc.near)
		}
		if got := s.PastLimit(d(tc.asOf)); got != tc.past {
			t.Errorf("on %s: past = %v, want %v", tc.asOf, got, tc.past)
		}
	}
}

func TestSuspensionsNearLimit(t *testing.T) {
	p := DefaultPolicy()
	asOf := d("2026-11-24")
	cert := func(id ID, events ...CertificateEvent) view.CertificateState {
		c := Certificate{ID: id, IssueDate: d("2024-05-06"), Expiry: d("2027-05-05"), Events: events}
		return view.CertificateState{Certificate: c, Status: c.StatusOn(asOf), AsOf: asOf}
	}
	suspended := func(on string) CertificateEvent { return CertificateEvent{Date: d(on), Status: CertSuspended} }
	restored := func(on string) CertificateEvent { return CertificateEvent{Date: d(on), Status: CertActive} }
	certs := []view.CertificateState{
		cert(1, suspended("2026-06-10")),                          // limit 2026-12-10: near
		cert(2, suspended("2026-05-01")),                          // limit 2026-11-01: past
		cert(3, suspended("2026-06-01"), restored("2026-07-01")),  // restored
		cert(4, suspended("2026-07-01")),                          // limit 2027-01-01: not yet near
		cert(5),                                                   // active
		cert(6, suspended("2026-05-25")),                          // limit 2026-11-25
		cert(7, suspended("2026-05-24"), suspended("2026-06-24")), // the later suspension counts: limit 2026-12-24, near
	}
	got := view.SuspensionsNearLimit(certs, asOf, p)
	want := []struct {
		id           ID
		since, limit string
	}{{2, "2026-05-01", "2026-11-01"}, {6, "2026-05-25", "2026-11-25"}, {1, "2026-06-10", "2026-12-10"}, {7, "2026-06-24", "2026-12-24"}}
	if len(got) != len(want) {
		t.Fatalf("%d suspensions, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].ID != w.id || got[i].Since != d(w.since) || got[i].Limit != d(w.limit) {
			t.Errorf("suspension %d = certificate %d since %s limit %s; want %d since %s limit %s", i, got[i].ID, got[i].Since, got[i].Limit, w.id, w.since, w.limit)
		}
	}
}

func TestExpiringCertificates(t *testing.T) {
	asOf := d("2026-11-24")
	st := func(id ID, client string, expiry string, s CertificateStatus) view.CertificateState {
		return view.CertificateState{Certificate: Certificate{ID: id, Expiry: d(expiry)}, ClientName: client, Status: s}
	}
	certs := []view.CertificateState{
		st(1, "Bravo", "2027-01-19", CertActive),
		st(2, "Alpha", "2027-01-19", CertSuspended),
		st(3, "Alpha", "2026-11-23", CertActive),    // expired yesterday
		st(4, "Alpha", "2026-11-24", CertActive),    // expires today
		st(5, "Alpha", "2027-02-22", CertActive),    // the 90th day
		st(6, "Alpha", "2027-02-23", CertActive),    // the 91st day
		st(7, "Alpha", "2026-12-01", CertWithdrawn), // withdrawn
	}
	var got []ID
	for _, c := range view.ExpiringCertificates(certs, asOf) {
		got = append(got, c.ID)
	}
	if want := []ID{4, 2, 1, 5}; !slices.Equal(got, want) {
		t.Errorf("expiring %v, want %v", got, want)
	}
}
