package demo_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
	"certdesk/certification/view"
	"certdesk/storage"
)

var asOf = certification.NewDate(2026, 3, 15)

func generate(t *testing.T, clients int, seed int64) (*storage.DB, demo.Summary) {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	calls := 0
	sum, err := demo.Generate(context.Background(), db, demo.Options{Clients: clients, Seed: seed, AsOf: asOf,
		Progress: func(done, total int) {
			calls++
			if done > total {
				t.Errorf("progress %d of %d", done, total)
			}
		}})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 {
		t.Error("Progress was never called")
	}
	return db, sum
}

func TestGenerate(t *testing.T) {
	const n = 30
	db, sum := generate(t, n, 2)
	t.Logf("summary: %+v", sum)
	if sum.Clients != n {
		t.Errorf("clients = %d, want %d", sum.Clients, n)
	}
	if sum.People < 14 || sum.People > 45 {
		t.Errorf("people = %d, want the 14 core staff and a few hired auditors and experts", sum.People)
	}
	if sum.Certifications < n || sum.Audits < 4*n || sum.Findings < 2*sum.Audits || sum.Decisions < n || sum.Certificates < 2*n/3 {
		t.Errorf("too few records: %+v", sum)
	}

	checkNothingAfter(t, db, asOf) // future_test.go
	svc := certification.NewService(db, certification.FixedClock(asOf.Time()))
	ctx := context.Background()
	sched, err := view.Schedule(ctx, svc, asOf, 90)
	if err != nil {
		t.Fatal(err)
	}
	states := map[certification.ObligationState]int{}
	kinds := map[certification.ObligationKind]int{}
	for _, o := range sched {
		states[o.State]++
		kinds[o.Kind]++
	}
	t.Logf("schedule: %v %v", states, kinds)
	for _, st := range []certification.ObligationState{certification.StateOverdue, certification.StateDueSoon, certification.StateUpcoming} {
		if states[st] == 0 {
			t.Errorf("the schedule has no %s obligation", st)
		}
	}
	if kinds[certification.ObSurveillance] == 0 || kinds[certification.ObClientResponse] == 0 {
		t.Errorf("the schedule lacks surveillance or client responses: %v", kinds)
	}

	sts, err := view.Certificates(ctx, svc, asOf)
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[certification.CertificateStatus]int{}
	for _, s := range sts {
		byStatus[s.Status]++
	}
	t.Logf("certificates: %v", byStatus)
	for _, st := range []certification.CertificateStatus{certification.CertActive, certification.CertSuspended, certification.CertExpired, certification.CertWithdrawn} {
		if byStatus[st] == 0 {
			t.Errorf("no certificate is %s", st)
		}
	}

	// Findings: most closed, some open, some late.
	open, late, total := 0, 0, 0
	err = db.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindFinding, func(id certification.ID, decode func(certification.Record) error) error {
			var f certification.Finding
			if err := decode(&f); err != nil {
				return err
			}
			if !f.Grade.IsNC() {
				return nil
			}
			total++
			if f.Open() {
				open++
			}
			if f.Response != nil && f.Response.Received > f.ResponseDue || f.Response == nil && asOf > f.ResponseDue && f.Open() {
				late++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("nonconformities: %d, open %d, late %d", total, open, late)
	if open == 0 || late == 0 || open > total/2 {
		t.Errorf("nonconformities: %d, open %d, late %d: want most closed, some open and some late", total, open, late)
	}

	// Every record passes the import checks (the gates on the file at the time).
	var buf bytes.Buffer
	if err := exchange.Export(ctx, db, &buf); err != nil {
		t.Fatal(err)
	}
	b, err := exchange.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if err := exchange.Check(b); err != nil {
		t.Fatalf("generated data fails the import checks: %v", err)
	}
}

func TestSameSeedSameData(t *testing.T) {
	export := func(seed int64) []byte {
		db, _ := generate(t, 20, seed)
		var buf bytes.Buffer
		if err := exchange.Export(context.Background(), db, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b, c := export(3), export(3), export(4)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different exports")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same export")
	}
}

// The in-memory memstore gives exactly what storage's Badger store gives.
func TestStoreMatchesStorage(t *testing.T) {
	db, _ := generate(t, 25, 9)
	mem := memstore.New()
	if _, err := demo.Generate(context.Background(), mem, demo.Options{Clients: 25, Seed: 9, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	if err := exchange.Export(context.Background(), db, &a); err != nil {
		t.Fatal(err)
	}
	if err := exchange.Export(context.Background(), mem, &b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("exports differ: %d vs %d bytes", a.Len(), b.Len())
	}
	// The journals agree too, entry by entry.
	var ja, jb []certification.JournalEntry
	db.Journal(context.Background(), 0, func(e certification.JournalEntry) error { ja = append(ja, e); return nil })
	mem.Journal(context.Background(), 0, func(e certification.JournalEntry) error { jb = append(jb, e); return nil })
	if len(ja) != len(jb) {
		t.Fatalf("journals: %d vs %d entries", len(ja), len(jb))
	}
	for i := range ja {
		x, y := ja[i], jb[i]
		if x.Seq != y.Seq || !x.At.Equal(y.At) || x.Actor != y.Actor || x.Command != y.Command || x.Summary != y.Summary || len(x.Changes) != len(y.Changes) {
			t.Fatalf("journal entry %d differs:\n%+v\n%+v", i, x, y)
		}
	}
	// And the obligations: the schedule read through the index.
	sa, _ := view.Schedule(context.Background(), db, asOf, 400)
	sb, _ := view.Schedule(context.Background(), mem, asOf, 400)
	if len(sa) != len(sb) || len(sa) == 0 {
		t.Errorf("schedules: %d vs %d obligations", len(sa), len(sb))
	}
}

func TestOptions(t *testing.T) {
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, opt := range []demo.Options{{Clients: 0, AsOf: asOf}, {Clients: 3}} {
		if _, err := demo.Generate(context.Background(), db, opt); err == nil {
			t.Errorf("Generate(%+v) succeeded", opt)
		}
	}
	if _, err := demo.Generate(context.Background(), db, demo.Options{Clients: 2, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Generate(context.Background(), db, demo.Options{Clients: 2, AsOf: asOf}); !errors.Is(err, exchange.ErrNotEmpty) {
		t.Errorf("Generate into a full store: %v", err)
	}
}

// Many seeds and awkward dates: every history passes the service's gates
// while it is generated and the import checks afterwards.
func TestManySeeds(t *testing.T) {
	dates := []certification.Date{
		certification.NewDate(2024, 2, 29), certification.NewDate(2026, 12, 31), certification.NewDate(2025, 1, 1),
		certification.NewDate(2027, 8, 31), certification.NewDate(2030, 3, 30), certification.NewDate(2026, 6, 15),
	}
	seeds := 6
	if testing.Short() {
		seeds = 2
	}
	for i := 0; i < seeds; i++ {
		on := dates[i%len(dates)]
		st := memstore.New()
		if _, err := demo.Generate(context.Background(), st, demo.Options{Clients: 40, Seed: int64(100 + i), AsOf: on}); err != nil {
			t.Fatalf("seed %d as of %s: %v", 100+i, on, err)
		}
		var buf bytes.Buffer
		if err := exchange.Export(context.Background(), st, &buf); err != nil {
			t.Fatal(err)
		}
		b, err := exchange.Decode(buf.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		if err := exchange.Check(b); err != nil {
			t.Fatalf("seed %d as of %s: the generated data fails the import checks: %v", 100+i, on, err)
		}
	}
}
