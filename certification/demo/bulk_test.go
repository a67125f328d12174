package demo_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
	"certdesk/storage"
)

var system = certification.Actor{Name: "demo test"}

// bulkInto generates opt with Bulk into the Badger folder dir, as certctl
// demo does, and returns the summary and the shards in the order write saw them.
func bulkInto(t *testing.T, dir string, opt demo.Options, workers int) (*storage.DB, demo.Summary, []int) {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	cp, err := exchange.NewCopier(ctx, db, system, "demo")
	if err != nil {
		t.Fatal(err)
	}
	var order []int
	sum, err := demo.Bulk(ctx, opt, workers, func(ctx context.Context, s demo.Shard) error {
		order = append(order, s.N)
		return cp.Copy(ctx, s.Store, s.Skip, nil)
	})
	if err != nil {
		t.Fatal(cp.Abort(ctx, err))
	}
	return db, sum, order
}

// TestBulkIsGenerateInShards: Bulk in shards of 4 clients, written into a
// real folder, runs the same commands as Generate in one store: the same
// summary and, client by client, the same history; the folder verifies,
// indexes included, and no id is given twice.
func TestBulkIsGenerateInShards(t *testing.T) {
	ctx := context.Background()
	opt := demo.Options{Clients: 11, Seed: 4, AsOf: asOf}
	one := memstore.New()
	want, err := demo.Generate(ctx, one, opt)
	if err != nil {
		t.Fatal(err)
	}
	opt.Shard = 4
	db, got, order := bulkInto(t, t.TempDir(), opt, 2)
	if !slices.Equal(order, []int{0, 1, 2}) {
		t.Errorf("shards written in the order %v, want 0, 1, 2", order)
	}
	if got != want {
		t.Errorf("Bulk's summary\n%+v\nwant Generate's\n%+v", got, want)
	}
	if a, b := histories(t, one), histories(t, db); !reflect.DeepEqual(a, b) {
		for name := range a {
			if !slices.Equal(a[name], b[name]) {
				t.Errorf("client %s: Generate gave\n%s\nBulk gave\n%s", name, strings.Join(a[name], "\n"), strings.Join(b[name], "\n"))
				break
			}
		}
		t.Fatalf("the histories differ (%d and %d clients)", len(a), len(b))
	}
	rep, err := db.Verify(ctx, storage.VerifyOptions{Indexes: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("the folder does not verify: %v", rep.Lines(10))
	}
	// The next record anyone adds gets an id above every shard's.
	svc := certification.NewService(db, certification.FixedClock(asOf.Time()))
	id, err := svc.AddClient(ctx, certification.Client{LegalName: "After The Demo Ltd", RegisteredAddress: "1 High Street, Leeds", EffectivePersonnel: 10})
	if err != nil {
		t.Fatal(err)
	}
	if id <= certification.ID(got.Clients) {
		t.Errorf("a new client got id %d, at or below the %d demo clients'", id, got.Clients)
	}
}

// TestBulkSameWithAnyWorkers: the output depends on the options only.
func TestBulkSameWithAnyWorkers(t *testing.T) {
	opt := demo.Options{Clients: 7, Seed: 9, AsOf: asOf, Shard: 3}
	db1, s1, _ := bulkInto(t, t.TempDir(), opt, 1)
	db3, s3, _ := bulkInto(t, t.TempDir(), opt, 3)
	if s1 != s3 {
		t.Errorf("summaries differ: %+v and %+v", s1, s3)
	}
	var a, b strings.Builder
	if err := exchange.Export(context.Background(), db1, &a); err != nil {
		t.Fatal(err)
	}
	if err := exchange.Export(context.Background(), db3, &b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("one worker and three workers exported different bodies")
	}
}

// TestBulkRefusesAndStops: a failing write stops every shard and
// returns its error.
func TestBulkRefusesAndStops(t *testing.T) {
	stop := errors.New("disk full")
	calls := 0
	_, err := demo.Bulk(context.Background(), demo.Options{Clients: 9, Seed: 1, AsOf: asOf, Shard: 2}, 2,
		func(ctx context.Context, s demo.Shard) error {
			calls++
			if s.N == 1 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) || calls != 2 {
		t.Errorf("Bulk returned %v after %d writes, want the write's error after 2", err, calls)
	}
	if _, err := demo.Bulk(context.Background(), demo.Options{Clients: 0, AsOf: asOf}, 2, nil); err == nil {
		t.Error("Bulk of 0 clients was not refused")
	}
}

// histories describes each client's history without its ids, by legal
// name: what was audited when, what was found, decided and certified.
func histories(t *testing.T, st certification.Store) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	names := map[certification.ID]string{}
	add := func(client certification.ID, format string, args ...any) {
		out[names[client]] = append(out[names[client]], fmt.Sprintf(format, args...))
	}
	err := st.View(context.Background(), func(tx certification.Tx) error {
		each := func(kind certification.Kind, mk func() certification.Record, fn func(r certification.Record)) error {
			return tx.Each(kind, func(_ certification.ID, decode func(certification.Record) error) error {
				r := mk()
				if err := decode(r); err != nil {
					return err
				}
				fn(r)
				return nil
			})
		}
		return errors.Join(
			each(certification.KindClient, func() certification.Record { return new(certification.Client) }, func(r certification.Record) {
				c := r.(*certification.Client)
				names[c.ID] = c.LegalName
			}),
			each(certification.KindAudit, func() certification.Record { return new(certification.Audit) }, func(r certification.Record) {
				a := r.(*certification.Audit)
				add(a.ClientID, "audit %s %s–%s %s, team %v, %d items", a.Kind, a.PlannedStart, a.PlannedEnd, a.Status, a.Team, len(a.Checklist))
			}),
			each(certification.KindFinding, func() certification.Record { return new(certification.Finding) }, func(r certification.Record) {
				f := r.(*certification.Finding)
				add(f.ClientID, "finding %d %s %s raised %s by %d", f.Number, f.Grade, f.Reference, f.Raised, f.RaisedBy)
			}),
			each(certification.KindDecision, func() certification.Record { return new(certification.Decision) }, func(r certification.Record) {
				d := r.(*certification.Decision)
				add(d.ClientID, "decision %s %s by %v", d.Kind, d.Date, d.Makers)
			}),
			each(certification.KindCertificate, func() certification.Record { return new(certification.Certificate) }, func(r certification.Record) {
				c := r.(*certification.Certificate)
				add(c.ClientID, "certificate rev %d %s issued %s", c.Revision, c.Standard, c.IssueDate)
			}),
			each(certification.KindCase, func() certification.Record { return new(certification.Case) }, func(r certification.Record) {
				c := r.(*certification.Case)
				add(c.ClientID, "case %s %s %q", c.Kind, c.Received, c.Subject)
			}),
		)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range out {
		slices.Sort(h)
	}
	return out
}
