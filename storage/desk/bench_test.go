package desk_test

// Benchmarks of a body with an office (issue 15: desks; BENCHMARKS.md):
// a command's round trip from one desk to another, a command on a desk
// against the same command on a folder alone, a new desk catching up,
// and three desks appending at once. Every desk is a Badger folder on
// disk (SyncWrites on) and the office is embedded (JetStream on disk,
// fsyncing every entry), on loopback, as a desk and an office are.

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/storage"
	"certdesk/storage/desk"
	"certdesk/storage/office"
)

// BenchmarkRoundTrip times one command from the moment desk A starts
// recording a finding (catch up, run, append, commit) until desk B,
// watching, has applied it: B's Watch callback reports its head on a
// channel. Run it with -benchtime 1000x for the percentiles over 1,000
// commands; propose-* is A's part alone (RecordFinding returning), and
// trips>1s counts the commands B saw only at its next poll (Watch's
// pollEvery), not on the wake-up of the append.
func BenchmarkRoundTrip(b *testing.B) {
	ctx := testCtx(b)
	body := newBenchBody(b, ctx)
	dB, dbB := joinDesk(b, ctx, body.office.URL())
	if _, err := dB.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	type seen struct {
		seq uint64
		err error
	}
	heads := make(chan seen, 64) // one command in flight: a few callbacks at most
	err := dB.Watch(func(_ int, err error) {
		h, herr := dbB.Head(context.Background())
		heads <- seen{h.Seq, errors.Join(err, herr)}
	})
	if err != nil {
		b.Fatal(err)
	}
	svc := benchService(body.desk.Store(), body.fx, "Desk A")
	var trip, propose []time.Duration
	k := 0
	for b.Loop() {
		t0 := time.Now()
		benchFinding(b, ctx, svc, body.audits, k)
		propose = append(propose, time.Since(t0))
		want := body.head(b, ctx)
		for got := uint64(0); got < want; {
			select {
			case s := <-heads:
				if s.err != nil {
					b.Fatalf("desk B: %v", s.err)
				}
				got = s.seq
			case <-time.After(10 * time.Second):
				b.Fatalf("desk B did not apply entry %d within 10 s", want)
			}
		}
		trip = append(trip, time.Since(t0))
		k++
	}
	reportPercentiles(b, "", trip)
	slow := 0
	for _, t := range trip {
		if t > time.Second {
			slow++
		}
	}
	b.ReportMetric(float64(slow), "trips>1s")
	reportPercentiles(b, "propose-", propose)
}

// BenchmarkRecordFinding records findings on the fixture's body in a
// folder alone and on a desk of a body with an office: the desk's
// command also appends to the journal and waits for the office's fsync
// (the desk's own commit is not fsynced: storage.Options.Desk). Run both with the same
// -benchtime Nx: a finding's cost grows a little with its file's
// findings.
func BenchmarkRecordFinding(b *testing.B) {
	b.Run("alone", func(b *testing.B) {
		ctx := testCtx(b)
		db, err := storage.Open(filepath.Join(b.TempDir(), "data")) // a folder alone: every commit fsynced
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { db.Close() })
		fx, audits := benchData(b, ctx, db, benchSpreadAudits)
		recordFindings(b, ctx, benchService(db, fx, "Alone"), audits)
	})
	b.Run("office", func(b *testing.B) {
		ctx := testCtx(b)
		body := newBenchBody(b, ctx)
		recordFindings(b, ctx, benchService(body.desk.Store(), body.fx, "Desk A"), body.audits)
	})
}

func recordFindings(b *testing.B, ctx context.Context, svc *certification.Service, audits []certification.ID) {
	k := 0
	for b.Loop() {
		benchFinding(b, ctx, svc, audits, k)
		k++
	}
}

// benchBody is an office and a first desk that built the benchmarks'
// body (benchData) through it.
type benchBody struct {
	office *office.Office
	desk   *desk.Desk
	db     *storage.DB
	fx     *auditfixture.Fixture
	audits []certification.ID // in progress, for the findings
}

func newBenchBody(b *testing.B, ctx context.Context) benchBody {
	return newBenchBodyOf(b, ctx, benchSpreadAudits)
}

// newBenchBodyOf is newBenchBody with n audits of spreadAudits'.
func newBenchBodyOf(b *testing.B, ctx context.Context, n int) benchBody {
	b.Helper()
	o := startOffice(b)
	d, db := joinDesk(b, ctx, o.URL())
	fx, audits := benchData(b, ctx, d.Store(), n)
	return benchBody{o, d, db, fx, audits}
}

// benchData builds the fixture's body on st with n audits of
// spreadAudits'.
func benchData(b *testing.B, ctx context.Context, st certification.Store, n int) (*auditfixture.Fixture, []certification.ID) {
	b.Helper()
	fx, err := auditfixture.Build(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	return fx, spreadAudits(b, ctx, fx.Svc, fx, n)
}

// head is the body's journal's head as the first desk has applied it.
func (body benchBody) head(b *testing.B, ctx context.Context) uint64 {
	h, err := body.db.Head(ctx)
	if err != nil {
		b.Fatal(err)
	}
	return h.Seq
}

// benchService is a service on st (a desk's replica or a folder alone).
func benchService(st certification.Store, fx *auditfixture.Fixture, name string) *certification.Service {
	return certification.NewService(st, fx.Clock).As(certification.Actor{Name: name})
}

// benchFinding records the k-th finding of a benchmark.
func benchFinding(b *testing.B, ctx context.Context, svc *certification.Service, audits []certification.ID, k int) {
	if _, err := svc.RecordFinding(ctx, benchFindingOf(audits, k)); err != nil {
		b.Fatalf("finding %d: %v", k+1, err)
	}
}

// benchFindingOf is the k-th finding of a benchmark: the audits take
// turns.
func benchFindingOf(audits []certification.ID, k int) certification.Finding {
	return certification.Finding{AuditID: audits[k%len(audits)], Grade: certification.OFI, Reference: "6.1", Evidence: fmt.Sprintf("bench finding %d", k+1)}
}

// reportPercentiles adds the 50th, 95th and 99th percentiles in ms.
func reportPercentiles(b *testing.B, prefix string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	for _, p := range []struct {
		unit string
		q    float64
	}{{"p50-ms", 0.50}, {"p95-ms", 0.95}, {"p99-ms", 0.99}} {
		b.ReportMetric(float64(lat[min(len(lat)-1, int(p.q*float64(len(lat))))])/1e6, prefix+p.unit)
	}
}
