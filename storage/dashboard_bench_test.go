package storage

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/view"
)

// The dashboard benchmarks run on a data folder made by the demo
// generator, as `certctl demo --clients N --seed 1 --today 2026-11-24`
// makes it: N from CERTDESK_BENCH_CLIENTS (default 2000). Set
// CERTDESK_BENCH_DATA to a folder to keep the body between runs (it is
// generated there when empty; a folder certctl demo made does too). See
// BENCHMARKS.md.

var dashAsOf = certification.NewDate(2026, 11, 24)

var (
	dashOnce sync.Once
	dashDir  string
	dashErr  error
)

func dashData(b *testing.B) string {
	b.Helper()
	dashOnce.Do(func() {
		n := 2000
		if s := os.Getenv("CERTDESK_BENCH_CLIENTS"); s != "" {
			if n, dashErr = strconv.Atoi(s); dashErr != nil {
				return
			}
		}
		dashDir = os.Getenv("CERTDESK_BENCH_DATA")
		if dashDir == "" {
			if dashDir, dashErr = os.MkdirTemp("", "certdesk-dash-"); dashErr != nil {
				return
			}
		}
		if _, err := os.Stat(filepath.Join(dashDir, "MANIFEST")); err == nil {
			return
		}
		db, err := OpenBulk(dashDir)
		if err != nil {
			dashErr = err
			return
		}
		_, dashErr = demo.Generate(context.Background(), db, demo.Options{Clients: n, Seed: 1, AsOf: dashAsOf})
		if err := db.Close(); dashErr == nil {
			dashErr = err
		}
	})
	if dashErr != nil {
		b.Fatal(dashErr)
	}
	return dashDir
}

// openDash opens the benchmark body read-only, as certctl dashboard
// does, after one read-write open that upgrades a folder of an older
// schema.
func openDash(b *testing.B) *DB {
	b.Helper()
	dir := dashData(b)
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if db, err = OpenWith(dir, Options{ReadOnly: true}); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	return db
}

// dashboardIndexes are the indexes the dashboard's queries read (the
// certificate ones and the covering obligation keys from schema 5 on: a
// folder of schema 4 has none). The bare scan reads each whole; the
// dashboard reads ranges of them.
var dashboardIndexes = []string{
	certification.IndexDoneOn,
	certification.IndexFindingOpen, certification.IndexCertExpiry, certification.IndexCertSuspension, certification.IndexObligationItem,
}

// bareKeyScan walks every key of the dashboard's indexes, whole, with
// Badger alone and without values: the floor a query of those indexes
// can reach.
func bareKeyScan(db *DB) (int, error) { return bareScanOf(db, dashboardIndexes...) }

// bareScanOf is bareKeyScan of indexes.
func bareScanOf(db *DB, indexes ...string) (int, error) {
	n := 0
	err := db.bdb.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.PrefetchValues = false
		for _, index := range indexes {
			p := indexPrefixOf(index)
			opts.Prefix = p
			it := txn.NewIterator(opts)
			for it.Seek(p); it.ValidForPrefix(p); it.Next() {
				n++
			}
			it.Close()
		}
		return nil
	})
	return n, err
}

// BenchmarkDashboard reads the Dashboard's board, as the app and
// certctl dashboard do, and the bare key scan of the indexes it reads,
// and logs the ratio of the two measured taking turns in the same run.
func BenchmarkDashboard(b *testing.B) {
	db := openDash(b)
	ctx := context.Background()
	dash := func() (view.Board, error) { return view.Dashboard(ctx, db, dashAsOf) }
	b.Run("board", func(b *testing.B) {
		var d view.Board
		for b.Loop() {
			var err error
			if d, err = dash(); err != nil {
				b.Fatal(err)
			}
		}
		for l := range view.Lists {
			b.ReportMetric(float64(d.Count(view.List(l))), []string{"overdue", "soon", "later", "expiring", "suspensions", "late"}[l])
		}
	})
	b.Run("bare-key-scan", func(b *testing.B) {
		n := 0
		for b.Loop() {
			var err error
			if n, err = bareKeyScan(db); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "keys")
	})
	// The parts of the board, to see where its time goes.
	b.Run("part=schedule", func(b *testing.B) {
		for b.Loop() {
			if _, err := view.Schedule(ctx, db, dashAsOf, view.HorizonDays); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decision-queue", func(b *testing.B) {
		n := 0
		for b.Loop() {
			q, err := view.DecisionQueue(ctx, db, dashAsOf)
			if err != nil {
				b.Fatal(err)
			}
			n = len(q)
		}
		b.ReportMetric(float64(n), "files")
	})
	b.Run("decision-queue-bare-key-scan", func(b *testing.B) {
		n := 0
		for b.Loop() {
			var err error
			if n, err = bareScanOf(db, certification.IndexDecisionReady); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "keys")
	})
	b.Run("part=open-findings", func(b *testing.B) {
		for b.Loop() {
			if _, err := view.FindingRows(ctx, db, dashAsOf, true); err != nil {
				b.Fatal(err)
			}
		}
	})
	pairs := 7
	var ratios []float64
	var board, bare []time.Duration
	for range pairs {
		t0 := time.Now()
		if _, err := dash(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := bareKeyScan(db); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		board, bare = append(board, t1.Sub(t0)), append(bare, t2.Sub(t1))
		ratios = append(ratios, float64(t1.Sub(t0))/float64(t2.Sub(t1)))
	}
	b.Logf("dashboard / bare key scan over %d pairs taking turns (median): %s / %s = %.1f×",
		pairs, medianOf(board), medianOf(bare), medianOf(ratios))
}

func medianOf[T float64 | time.Duration](x []T) T {
	y := slices.Clone(x)
	slices.Sort(y)
	return y[len(y)/2]
}
