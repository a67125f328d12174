package desk_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"certdesk/storage"
	"certdesk/storage/bodylog"
	"certdesk/storage/desk"
)

// catchUpFindings is how many findings one desk records on top of the
// fixture before a new desk catches up with the body.
const catchUpFindings = 2000

// BenchmarkCatchUp times a new, empty desk's Sync applying the whole
// body: the fixture and catchUpFindings findings, each entry run through
// its command and committed in its own Badger transaction (synced). One
// op is one new desk catching up; run it with -benchtime 5x, say.
func BenchmarkCatchUp(b *testing.B) {
	ctx := testCtx(b)
	body := newBenchBody(b, ctx)
	svc := benchService(body.desk.Store(), body.fx, "Desk A")
	for k := range catchUpFindings {
		benchFinding(b, ctx, svc, body.audits, k)
	}
	head := body.head(b, ctx)
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		db := openFolder(b)
		d, err := desk.Open(ctx, db, body.office.URL(), bodylog.Config{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		n, err := d.Sync(ctx)
		b.StopTimer()
		h, herr := db.Head(ctx)
		d.Close()
		db.Close()
		switch {
		case err != nil || herr != nil:
			b.Fatal(err, herr)
		case uint64(n) != head || h.Seq != head:
			b.Fatalf("the new desk applied %d entries and is at %d; the body is at %d", n, h.Seq, head)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(head)*float64(b.N)/b.Elapsed().Seconds(), "entries/s")
	b.ReportMetric(float64(head), "entries")
}

// BenchmarkThreeDesks has three desks record findings as fast as they
// can, all at once, b.N each (-benchtime 300x): the body's throughput
// and the percentiles of a proposal (retries after another desk appended
// first included). A proposal that loses the race proposeAttempts times
// in a row is refused ("gave-up", appended nowhere) and the desk goes on
// with its next. Afterwards every desk must be at the same head, with
// exactly one entry and one finding per proposal the body took: none
// lost, none twice.
func BenchmarkThreeDesks(b *testing.B) {
	ctx := testCtx(b)
	body := newBenchBody(b, ctx)
	desks, dbs := []*desk.Desk{body.desk}, []*storage.DB{body.db}
	for range 2 {
		d, db := joinDesk(b, ctx, body.office.URL())
		desks, dbs = append(desks, d), append(dbs, db)
	}
	start := sameHead(b, ctx, desks, dbs).Seq
	before := countFindings(b, body)
	lat := make([][]time.Duration, len(desks))
	errs := make([]error, len(desks))
	gave := make([]int, len(desks))
	var wg sync.WaitGroup
	b.ResetTimer()
	for i, d := range desks {
		svc := benchService(d.Store(), body.fx, fmt.Sprintf("Desk %d", i+1))
		wg.Go(func() {
			for k := range b.N {
				t0 := time.Now()
				_, err := svc.RecordFinding(ctx, benchFindingOf(body.audits, i*b.N+k))
				switch {
				case err != nil && strings.Contains(err.Error(), gaveUp):
					gave[i]++
					continue
				case err != nil:
					errs[i] = fmt.Errorf("desk %d, finding %d: %w", i+1, k+1, err)
					return
				}
				lat[i] = append(lat[i], time.Since(t0))
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	for _, err := range errs {
		if err != nil {
			b.Fatal(err)
		}
	}
	proposed := uint64(len(desks)*b.N - gave[0] - gave[1] - gave[2])
	b.ReportMetric(float64(proposed)/b.Elapsed().Seconds(), "entries/s")
	b.ReportMetric(float64(len(desks)*b.N)-float64(proposed), "gave-up")
	reportPercentiles(b, "", append(append(lat[0], lat[1]...), lat[2]...))
	if head := sameHead(b, ctx, desks, dbs).Seq; head != start+proposed {
		b.Fatalf("the body's journal has %d entries after the fixture's %d, and the body took %d proposals", head-start, start, proposed)
	}
	if n := countFindings(b, body); n != before+int(proposed) {
		b.Fatalf("%d findings, %d before and %d proposals taken", n, before, proposed)
	}
}

// gaveUp is in the error of a proposal that other desks kept beating
// (storage/desk's Propose has no sentinel error for it).
const gaveUp = "other desks kept appending"

// countFindings counts the findings on the audits the benchmarks record
// on, on the first desk.
func countFindings(b *testing.B, body benchBody) int {
	n := 0
	for _, a := range body.audits {
		n += len(findings(b, testCtx(b), body.db, a))
	}
	return n
}
