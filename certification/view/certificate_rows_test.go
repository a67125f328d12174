package view_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
	"certdesk/storage"
)

// rowsFromRecords is the register read from every certificate record
// decoded (view.Certificates), as rows.
func rowsFromRecords(t *testing.T, r view.Reader, asOf Date) []view.CertificateRow {
	t.Helper()
	sts, err := view.Certificates(context.Background(), r, asOf)
	if err != nil {
		t.Fatal(err)
	}
	var out []view.CertificateRow
	for _, s := range sts {
		out = append(out, view.CertificateRow{CertificateRow: s.Row(), ClientName: s.ClientName, Status: s.Status, AsOf: s.AsOf})
	}
	return out
}

// sameRows fails t unless the register read from the covering keys is
// the one read from every record on asOf.
func sameRows(t *testing.T, r view.Reader, asOf Date) []view.CertificateRow {
	t.Helper()
	got, err := view.CertificateRows(context.Background(), r, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if want := rowsFromRecords(t, r, asOf); !reflect.DeepEqual(got, want) {
		t.Errorf("on %s the rows read from keys differ from the records:\n%+v\nwant\n%+v", asOf, got, want)
	}
	return got
}

// TestCertificateRowsAreTheRecords: the Certificates workspace's rows,
// read from certification.IndexCertRow and IndexClientRow alone, are
// the revisions in force read from every record, with the same names and
// statuses in the same order, on the in-memory store and on Badger (on
// disk and in memory): revisions superseded, suspended and restored,
// withdrawn, expired, not yet issued, a scope too long for a key, a
// client's name too long for one, and a client renamed.
func TestCertificateRowsAreTheRecords(t *testing.T) {
	disk, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer disk.Close()
	inMem, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer inMem.Close()
	stores := []struct {
		name string
		s    Store
	}{{"memstore", memstore.New()}, {"badger on disk", disk}, {"badger in memory", inMem}}

	client := func(id ID, legal, trading string) *Client {
		return &Client{ID: id, LegalName: legal, TradingName: trading, RegisteredAddress: "1 Way", EffectivePersonnel: 5}
	}
	sites := []CertificateSite{{Code: "HQ", Address: "1 Way"}, {Code: "S2", Address: "2 Way", Scope: "Design"}}
	longScope := strings.Repeat("Design and manufacture of ", 400) // over 8 KB
	ev := func(on string, s CertificateStatus, dec ID) CertificateEvent {
		return CertificateEvent{Date: d(on), Status: s, DecisionID: dec}
	}
	recs := []Record{
		client(1, "Acme GmbH", ""),
		client(2, "Brightwave Ltd", "Brightwave"),
		client(3, "Long Name Ltd", strings.Repeat("Very long trading name ", 200)),
		client(4, "Ünïcode Çorp", ""),
		// Acme: revision 1 superseded by revision 2, suspended and restored.
		&Certificate{ID: 10, CertificationID: 100, ClientID: 1, Number: "CD-1", Revision: 1, Standard: ISO9001, Scope: "Widgets",
			Sites: sites, OriginalDate: d("2024-01-10"), IssueDate: d("2024-01-10"), Expiry: d("2027-01-09"),
			SupersededOn: d("2025-06-01"), SupersededBy: 11},
		&Certificate{ID: 11, CertificationID: 100, ClientID: 1, Number: "CD-1", Revision: 2, Standard: ISO9001, Scope: "Widgets and gadgets",
			Sites: sites[:1], OriginalDate: d("2024-01-10"), IssueDate: d("2025-06-01"), Expiry: d("2027-01-09"),
			Events: []CertificateEvent{ev("2026-02-01", CertSuspended, 7), ev("2026-03-01", CertActive, 8)}},
		// Brightwave: one expires, one is suspended then withdrawn.
		&Certificate{ID: 20, CertificationID: 200, ClientID: 2, Number: "CD-2", Revision: 1, Standard: ISO27001, Scope: "ISMS",
			OriginalDate: d("2023-05-01"), IssueDate: d("2023-05-01"), Expiry: d("2026-04-30")},
		&Certificate{ID: 21, CertificationID: 201, ClientID: 2, Number: "CD-3", Revision: 1, Standard: ISO42001, Scope: "AI",
			OriginalDate: d("2024-03-01"), IssueDate: d("2024-03-01"), Expiry: d("2027-02-28"),
			Events: []CertificateEvent{ev("2025-07-01", CertSuspended, 9), ev("2025-09-01", CertWithdrawn, 10)}, TransferredFrom: "Other body, C-9"},
		// A scope too long for a key, suspended; and one not yet issued.
		&Certificate{ID: 30, CertificationID: 300, ClientID: 3, Number: "CD-4", Revision: 3, Standard: ISO9001, Scope: longScope,
			Sites: sites, OriginalDate: d("2022-02-02"), IssueDate: d("2025-02-02"), Expiry: d("2028-02-01"),
			Events: []CertificateEvent{ev("2025-12-24", CertSuspended, 11)}},
		&Certificate{ID: 40, CertificationID: 400, ClientID: 4, Number: "CD-5", Revision: 1, Standard: ISO27001, Scope: "Ünïcode scope",
			OriginalDate: d("2027-01-01"), IssueDate: d("2027-01-01"), Expiry: d("2029-12-31")},
	}
	dates := []string{"2022-01-01", "2023-05-01", "2024-01-09", "2024-01-10", "2025-05-31", "2025-06-01", "2025-07-01",
		"2025-09-01", "2026-02-01", "2026-02-15", "2026-03-01", "2026-04-30", "2026-05-01", "2027-01-01", "2027-01-10", "2030-01-01"}
	for _, st := range stores {
		t.Run(st.name, func(t *testing.T) {
			put(t, st.s, recs...)
			seen := map[CertificateStatus]bool{}
			for _, on := range dates {
				for _, r := range sameRows(t, st.s, d(on)) {
					seen[r.Status] = true
				}
			}
			for _, s := range []CertificateStatus{CertActive, CertSuspended, CertWithdrawn, CertExpired} {
				if !seen[s] {
					t.Errorf("no row was %s on any date: the comparison misses it", s)
				}
			}
			rows := sameRows(t, st.s, d("2026-02-15"))
			if len(rows) != 4 || rows[0].ID != 11 || rows[0].Sites != 1 || rows[0].ClientName != "Acme GmbH" || rows[3].Scope != longScope {
				t.Fatalf("as of 2026-02-15: %+v", rows)
			}
			// A rename shows at once: the name is not kept in the
			// certificate's key.
			put(t, st.s, client(1, "Acme Holding GmbH", "Acme Robotics"))
			if rows := sameRows(t, st.s, d("2026-02-15")); rows[0].ClientName != "Acme Robotics" {
				t.Errorf("after the rename: %q", rows[0].ClientName)
			}
		})
	}
}

// TestCertificateRowsOnADemoBody: on a demo body in a Badger folder the
// rows read from keys are the records', across the body's history.
func TestCertificateRowsOnADemoBody(t *testing.T) {
	mem, db := demoBothStores(t, 60, 11)
	n := 0
	for _, on := range []string{"2023-01-10", "2024-06-01", "2025-09-30", "2026-11-24", "2028-03-01"} {
		n += len(sameRows(t, db, d(on)))
		sameRows(t, mem, d(on))
	}
	if n < 50 {
		t.Errorf("only %d rows over all dates: too few to compare", n)
	}
}
