package storage

import (
	"context"
	"encoding/json"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
)

// Schema 5 indexes certificates by expiry and by suspension and files
// each obligation as a covering key (the dashboard and the schedule read
// them): a folder written before (no such entries,
// schema 4) refuses a read-only open with what to do, gets them on its
// first open for changes, verifies clean, and shows the dashboard it
// showed before the change.
func TestMigrationTo5IndexesCertificateStatuses(t *testing.T) {
	ctx := context.Background()
	asOf := certification.NewDate(2026, 11, 24)
	dir, db := demoOnDisk(t, 120, 5, asOf)
	dates := []certification.Date{asOf, certification.NewDate(2025, 6, 1), certification.NewDate(2026, 2, 1)}
	var before []string
	for _, on := range dates {
		b, err := view.Dashboard(ctx, db, on)
		if err != nil {
			t.Fatal(err)
		}
		j, _ := json.Marshal(b)
		before = append(before, string(j))
	}
	// Make it a schema 4 folder: no certificate status entries.
	expiry := downgrade(t, db, certification.IndexCertExpiry, 4)
	suspension := downgrade(t, db, certification.IndexCertSuspension, 4)
	items := downgrade(t, db, certification.IndexObligationItem, 4)
	if expiry == 0 || suspension == 0 || items == 0 {
		t.Fatalf("%d expiry, %d suspension and %d obligation entries before, want some of each", expiry, suspension, items)
	}
	db.Close()

	if ro, err := OpenWith(dir, Options{ReadOnly: true}); err == nil {
		ro.Close()
		t.Fatal("a schema 4 folder opened read-only, with no certificate status index")
	}
	db = openAt(t, dir)
	if v := readSchema(t, db); v != currentSchema {
		t.Fatalf("schema %d after opening, want %d", v, currentSchema)
	}
	verifyClean(t, db)
	for i, on := range dates {
		b, err := view.Dashboard(ctx, db, on)
		if err != nil {
			t.Fatal(err)
		}
		if j, _ := json.Marshal(b); string(j) != before[i] {
			t.Errorf("on %s the dashboard after the upgrade differs:\n%s\nwant\n%s", on, j, before[i])
		}
	}
	n := 0
	mustView(t, db, func(tx certification.Tx) error {
		return tx.Range(certification.IndexCertExpiry, nil, nil, func([]byte, certification.ID) error { n++; return nil })
	})
	if n != expiry {
		t.Errorf("%d expiry entries after the upgrade, want %d", n, expiry)
	}
}
