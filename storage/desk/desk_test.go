package desk_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
	"certdesk/storage/office"
)

func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// startOffice runs an office on 127.0.0.1 and a free port.
func startOffice(t testing.TB) *office.Office {
	t.Helper()
	o, err := office.Start(office.Options{Dir: t.TempDir(), Host: "127.0.0.1", Port: -1})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(o.Close)
	return o
}

// joinDesk opens a new data folder on disk as a desk of the office's body.
func joinDesk(t testing.TB, ctx context.Context, url string) (*desk.Desk, *storage.DB) {
	t.Helper()
	db := openFolder(t)
	t.Cleanup(func() { db.Close() })
	d, err := desk.Open(ctx, db, url, bodylog.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Close)
	return d, db
}

// openFolder opens a new data folder on disk as a desk's, as certctl and
// the app open one (storage.Options.Desk: commits not fsynced, since the
// office fsynced every entry first).
func openFolder(t testing.TB) *storage.DB {
	t.Helper()
	db, err := storage.OpenWith(filepath.Join(t.TempDir(), "data"), storage.Options{Desk: true})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// heads syncs every desk and returns their journals' heads, which must
// all be the body's.
func sameHead(t testing.TB, ctx context.Context, desks []*desk.Desk, dbs []*storage.DB) storage.ChainLink {
	t.Helper()
	var first storage.ChainLink
	for i, d := range desks {
		if _, err := d.Sync(ctx); err != nil {
			t.Fatalf("desk %d: %v", i+1, err)
		}
		h, err := dbs[i].Head(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = h
		} else if h != first {
			t.Fatalf("desk %d's head is %+v, desk 1's %+v", i+1, h, first)
		}
	}
	return first
}

// findings lists the findings of an audit as "number reference" lines.
func findings(t testing.TB, ctx context.Context, db *storage.DB, audit certification.ID) []string {
	t.Helper()
	var out []string
	err := db.View(ctx, func(tx certification.Tx) error {
		ids, err := tx.Lookup(certification.IndexFindingByAudit, certification.U64(uint64(audit)))
		if err != nil {
			return err
		}
		for _, id := range ids {
			var f certification.Finding
			if err := tx.Get(id, &f); err != nil {
				return err
			}
			out = append(out, fmt.Sprintf("%d %d %s", f.ID, f.Number, f.Reference))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Three desks on one office: one builds a body (every command through
// the body's journal), then all three record findings and checklist
// results on the same audit at once. Every desk ends with the same
// journal (the same head hash) and the same findings, numbered without
// a gap or a repeat although the desks raced for the same numbers.
func TestThreeDesksConverge(t *testing.T) {
	ctx := testCtx(t)
	o := startOffice(t)
	var desks []*desk.Desk
	var dbs []*storage.DB
	for range 3 {
		d, db := joinDesk(t, ctx, o.URL())
		desks, dbs = append(desks, d), append(dbs, db)
	}
	fx, err := auditfixture.Build(ctx, desks[0].Store())
	if err != nil {
		t.Fatal(err)
	}
	built := sameHead(t, ctx, desks, dbs)
	if built.Seq < 50 {
		t.Fatalf("the fixture made %d entries", built.Seq)
	}
	audit := fx.Integrated42001
	before := len(findings(t, ctx, dbs[0], audit))

	const each = 70
	var wg sync.WaitGroup
	errs := make(chan error, 3*each)
	for i, d := range desks {
		svc := certification.NewService(d.Store(), fx.Clock).As(certification.Actor{Name: fmt.Sprintf("Desk %d", i+1)})
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range each {
				x := certification.Finding{AuditID: audit, Grade: certification.OFI, Reference: "6.1", Evidence: fmt.Sprintf("desk %d, finding %d", i+1, k+1)}
				if _, err := svc.RecordFinding(ctx, x); err != nil {
					errs <- fmt.Errorf("desk %d finding %d: %w", i+1, k+1, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	head := sameHead(t, ctx, desks, dbs)
	if want := built.Seq + 3*each; head.Seq != want {
		t.Fatalf("head at %d, want %d (every finding one entry)", head.Seq, want)
	}
	got := findings(t, ctx, dbs[0], audit)
	if len(got) != before+3*each {
		t.Fatalf("%d findings, want %d", len(got), before+3*each)
	}
	numbers := map[string]bool{}
	for _, f := range got {
		var id, n int
		fmt.Sscanf(f, "%d %d", &id, &n)
		key := fmt.Sprint(n)
		if numbers[key] {
			t.Fatalf("finding number %d given twice: %v", n, got)
		}
		numbers[key] = true
	}
	for i := 1; i < 3; i++ {
		if fmt.Sprint(findings(t, ctx, dbs[i], audit)) != fmt.Sprint(got) {
			t.Fatalf("desk %d's findings differ from desk 1's", i+1)
		}
	}
	for i, db := range dbs {
		rep, err := db.Verify(ctx, storage.VerifyOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.OK() {
			t.Fatalf("desk %d does not verify: %+v", i+1, rep)
		}
	}
}
