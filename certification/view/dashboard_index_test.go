package view_test

import (
	"context"
	"encoding/json"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
	"certdesk/storage"
)

// boardFromEveryCertificate is the dashboard as it was read before the
// certificate indexes: the lists picked from every certificate's state
// (Certificates), decoded one by one.
func boardFromEveryCertificate(t *testing.T, r view.Reader, asOf Date) view.Board {
	t.Helper()
	ctx := context.Background()
	d := view.Board{AsOf: asOf}
	obs, err := view.Schedule(ctx, r, asOf, view.HorizonDays)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		switch {
		case o.State == StateOverdue:
			d.Overdue = append(d.Overdue, o)
		case o.Due <= asOf.AddDays(view.SoonDays):
			d.DueSoon = append(d.DueSoon, o)
		default:
			d.DueLater = append(d.DueLater, o)
		}
	}
	var p Policy
	if err := r.View(ctx, func(tx Tx) error { p, err = LoadPolicy(tx); return err }); err != nil {
		t.Fatal(err)
	}
	certs, err := view.Certificates(ctx, r, asOf)
	if err != nil {
		t.Fatal(err)
	}
	d.Expiring = view.ExpiringCertificates(certs, asOf)
	d.Suspensions = view.SuspensionsNearLimit(certs, asOf, p)
	open, err := view.FindingRows(ctx, r, asOf, true)
	if err != nil {
		t.Fatal(err)
	}
	d.Late = view.LateFindings(open, d.Overdue, asOf)
	return d
}

// TestDashboardIndexesShowTheSame: on a demo body in a Badger folder,
// the dashboard read through the certificate indexes is the board read
// from every certificate, at dates across the body's history and after
// it, in the same rows and order.
func TestDashboardIndexesShowTheSame(t *testing.T) {
	ctx := context.Background()
	mem := memstore.New()
	if _, err := demo.Generate(ctx, mem, demo.Options{Clients: 150, Seed: 7, AsOf: d("2026-11-24")}); err != nil {
		t.Fatal(err)
	}
	db, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := exchange.Copy(ctx, mem, db, Actor{Name: "system"}, "demo", nil); err != nil {
		t.Fatal(err)
	}
	var expiring, suspensions int
	for _, on := range []string{"2023-01-10", "2024-06-01", "2025-03-15", "2025-09-30", "2026-01-10", "2026-05-20", "2026-11-24", "2027-02-01", "2028-03-01"} {
		asOf := d(on)
		got, err := view.Dashboard(ctx, db, asOf)
		if err != nil {
			t.Fatal(err)
		}
		want := boardFromEveryCertificate(t, db, asOf)
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		if string(gj) != string(wj) {
			t.Errorf("on %s the dashboard differs from the one read from every certificate:\n%s\nwant\n%s", on, gj, wj)
		}
		expiring += len(want.Expiring)
		suspensions += len(want.Suspensions)
	}
	if expiring < 10 || suspensions < 3 {
		t.Errorf("the body shows too little to compare: %d expiring, %d suspensions over all dates", expiring, suspensions)
	}
	t.Logf("compared %d expiring certificates and %d suspensions", expiring, suspensions)
}
