package demo_test

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"testing"
	"time"

	"certdesk/certification/demo"
	"certdesk/certification/memstore"
)

// TestBenchGenerate measures Generate on a memstore.Store: DEMO_N=10000 go test -run Bench -v.
func TestBenchGenerate(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DEMO_N"))
	if n == 0 {
		t.Skip("set DEMO_N to the number of clients")
	}
	db := memstore.New()
	db.NoJournal = true
	start := time.Now()
	calls := 0
	sum, err := demo.Generate(context.Background(), db, demo.Options{Clients: n, Seed: 1, AsOf: asOf, Progress: func(done, total int) {
		if calls++; calls == 1 || done == total/2 {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			t.Logf("%d of %d commands after %v: live heap %d MB", done, total, time.Since(start), ms.HeapAlloc>>20)
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d clients in %v, live heap after %d MB: %+v", n, took, ms.HeapAlloc>>20, sum)
	if p := os.Getenv("DEMO_HEAP"); p != "" {
		f, _ := os.Create(p)
		pprof.WriteHeapProfile(f)
		f.Close()
	}
	runtime.KeepAlive(db)
}

// TestBenchBulk measures Bulk, writing nothing: DEMO_N=10000 go test -run BenchBulk -v.
// It logs the live heap when each shard is handed over.
func TestBenchBulk(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("DEMO_N"))
	if n == 0 {
		t.Skip("set DEMO_N to the number of clients")
	}
	start := time.Now()
	sum, err := demo.Bulk(context.Background(), demo.Options{Clients: n, Seed: 1, AsOf: asOf}, runtime.GOMAXPROCS(0),
		func(ctx context.Context, s demo.Shard) error {
			runtime.GC()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			t.Logf("shard %d of %d after %v: live heap %d MB", s.N+1, s.Of, time.Since(start).Round(time.Millisecond), ms.HeapAlloc>>20)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d clients in %v: %+v", n, time.Since(start), sum)
}
