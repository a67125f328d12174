package xlsx

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/document"
	"certdesk/certification/exchange"
	"certdesk/certification/memstore"
	"certdesk/storage"
)

// The findings register of a large body, written by CertDesk's writer
// and by a bare excelize StreamWriter writing the same cells (same
// values, same count, one date style), in the same run. See
// BENCHMARKS.md.
//
// The body: `certctl demo --clients N --seed 1 --as-of 2026-11-24`, N
// from CERTDESK_BENCH_CLIENTS (default 10000). It is generated once per
// run on the demo package's in-memory store (about a minute for 10,000
// clients on an idle machine); set CERTDESK_BENCH_DATA to a data folder
// to read it from Badger instead (generated there when the folder is
// empty, as certctl demo does, and kept between runs). Skipped with
// -short.

var benchAsOf = certification.NewDate(2026, 11, 24)

var (
	benchOnce sync.Once
	benchReg  *document.FindingsRegister
	benchSvc  *certification.Service
	benchErr  error
	benchFrom string
	benchTook time.Duration
)

// benchFindings is the findings register of the benchmark body.
func benchFindings(b *testing.B) *document.FindingsRegister {
	b.Helper()
	if testing.Short() {
		b.Skip("the benchmark body takes a minute to generate: not with -short")
	}
	benchOnce.Do(func() {
		n := 10000
		if s := os.Getenv("CERTDESK_BENCH_CLIENTS"); s != "" {
			if n, benchErr = strconv.Atoi(s); benchErr != nil {
				return
			}
		}
		ctx := context.Background()
		opt := demo.Options{Clients: n, Seed: 1, AsOf: benchAsOf}
		var st certification.Store
		if dir := os.Getenv("CERTDESK_BENCH_DATA"); dir != "" {
			fresh := true
			if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err == nil {
				fresh = false
			}
			db, err := storage.Open(dir)
			if err != nil {
				benchErr = err
				return
			}
			// Left open for the benchmarks of this run.
			if fresh {
				mem := memstore.New()
				mem.NoJournal = true
				if _, benchErr = demo.Generate(ctx, mem, opt); benchErr != nil {
					return
				}
				if _, benchErr = exchange.Copy(ctx, mem, db, certification.Actor{Name: "system"}, "demo", nil); benchErr != nil {
					return
				}
			}
			st, benchFrom = db, "Badger folder "+dir
		} else {
			mem := memstore.New()
			mem.NoJournal = true
			if _, benchErr = demo.Generate(ctx, mem, opt); benchErr != nil {
				return
			}
			st, benchFrom = mem, fmt.Sprintf("in-memory demo store, %d clients", n)
		}
		benchSvc = certification.NewService(st, certification.FixedClock(benchAsOf.Time())).As(certification.Actor{Name: "bench"})
		start := time.Now()
		benchReg, benchErr = document.NewFindingsRegister(ctx, benchSvc, benchAsOf)
		benchTook = time.Since(start)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchReg
}

// cpuTime is the CPU time the process has used (all threads, the
// collector's included): on a shared machine it varies less than the
// wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// countWriter counts the bytes of the workbook and throws them away.
type countWriter struct{ n int64 }

func (w *countWriter) Write(p []byte) (int, error) { w.n += int64(len(p)); return len(p), nil }

// peakHeap samples the live heap every millisecond while fn runs and
// returns the peak above the heap before it (after a collection).
func peakHeap(fn func() error) (uint64, error) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			peak = max(peak, read())
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	err := fn()
	close(stop)
	<-done
	peak = max(peak, read())
	if peak < base {
		return 0, err
	}
	return peak - base, err
}

// bareFindings writes the findings register's cells with a bare
// StreamWriter: the same title lines, header and values, one date
// style, no other style, no table, panes or print setup.
func bareFindings(reg *document.FindingsRegister, w *countWriter) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Findings"
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return err
	}
	code := "yyyy-mm-dd"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	row := 0
	put := func(vals []any) error {
		row++
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return sw.SetRow(cell, vals)
	}
	for _, l := range []string{"Findings register", reg.Body + " · as of " + reg.AsOf.String(), "note"} {
		if err := put([]any{l}); err != nil {
			return err
		}
	}
	head := make([]any, len(regFindingCols))
	for i, c := range regFindingCols {
		head[i] = c.Title
	}
	if err := put(head); err != nil {
		return err
	}
	vals := make([]any, len(regFindingCols))
	for i := range reg.Rows {
		clear(vals)
		regFindingValues(&reg.Rows[i], vals)
		for j, v := range vals {
			switch x := v.(type) {
			case certification.Date:
				if x.IsZero() {
					vals[j] = nil
				} else {
					vals[j] = excelize.Cell{StyleID: dateStyle, Value: x.Time()}
				}
			case bool:
				vals[j] = "No"
				if x {
					vals[j] = "Yes"
				}
			}
		}
		if err := put(vals); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// BenchmarkFindingsRegister writes the findings register of the
// benchmark body with CertDesk's writer and with the bare writer, and
// logs the ratio of their times and peak memory.
func BenchmarkFindingsRegister(b *testing.B) {
	reg := benchFindings(b)
	ctx := context.Background()
	type result struct {
		perOp time.Duration
		cpu   time.Duration
		peak  uint64
		size  int64
	}
	results := map[string]*result{}
	run := func(name string, write func(w *countWriter) error) {
		b.Run(name, func(b *testing.B) {
			r := &result{}
			b.ReportAllocs()
			cpu0 := cpuTime()
			for b.Loop() {
				var w countWriter
				peak, err := peakHeap(func() error { return write(&w) })
				if err != nil {
					b.Fatal(err)
				}
				r.peak, r.size = max(r.peak, peak), w.n
			}
			r.perOp = b.Elapsed() / time.Duration(b.N)
			r.cpu = (cpuTime() - cpu0) / time.Duration(b.N)
			b.ReportMetric(float64(r.cpu)/1e6, "cpu-ms/op")
			b.ReportMetric(float64(r.peak)/(1<<20), "peak-MB")
			b.ReportMetric(float64(r.size)/(1<<20), "file-MB")
			b.ReportMetric(float64(len(reg.Rows)), "rows")
			results[name] = r
		})
	}
	run("certdesk", func(w *countWriter) error { return Workbooks{}.FindingsRegister(ctx, w, reg, nil) })
	run("bare", func(w *countWriter) error { return bareFindings(reg, w) })
	c, bare := results["certdesk"], results["bare"]
	if c == nil || bare == nil || bare.perOp == 0 || bare.peak == 0 {
		return
	}
	b.Logf("%s: %d findings, query %s; CertDesk %s (CPU %s), %.0f MB peak, %.1f MB file; bare %s (CPU %s), %.0f MB peak, %.1f MB file",
		benchFrom, len(reg.Rows), benchTook.Round(time.Millisecond),
		c.perOp.Round(time.Millisecond), c.cpu.Round(time.Millisecond), float64(c.peak)/(1<<20), float64(c.size)/(1<<20),
		bare.perOp.Round(time.Millisecond), bare.cpu.Round(time.Millisecond), float64(bare.peak)/(1<<20), float64(bare.size)/(1<<20))
	// The ratio from the two writers taking turns, so that a change in
	// the machine's load weighs on both alike: the median of the pairs.
	pairs := 5
	if s := os.Getenv("CERTDESK_BENCH_PAIRS"); s != "" {
		if n, err := strconv.Atoi(s); err == nil && n > 0 {
			pairs = n
		}
	}
	var wall, cpu, peak []float64
	for range pairs {
		var m [2]struct {
			wall, cpu time.Duration
			peak      uint64
		}
		for i, write := range []func(w *countWriter) error{
			func(w *countWriter) error { return Workbooks{}.FindingsRegister(ctx, w, reg, nil) },
			func(w *countWriter) error { return bareFindings(reg, w) },
		} {
			var w countWriter
			start, cpu0 := time.Now(), cpuTime()
			p, err := peakHeap(func() error { return write(&w) })
			if err != nil {
				b.Fatal(err)
			}
			m[i].wall, m[i].cpu, m[i].peak = time.Since(start), cpuTime()-cpu0, p
		}
		wall = append(wall, float64(m[0].wall)/float64(m[1].wall))
		cpu = append(cpu, float64(m[0].cpu)/float64(m[1].cpu))
		peak = append(peak, float64(m[0].peak)/float64(m[1].peak))
	}
	median := func(x []float64) float64 { slices.Sort(x); return x[len(x)/2] }
	b.Logf("CertDesk / bare over %d pairs taking turns (median): time %.2f×, CPU %.2f×, peak memory %.2f×", pairs, median(wall), median(cpu), median(peak))
}

// BenchmarkRegisterQueries reads each register's rows from the benchmark
// body (the domain's queries, before any writing).
func BenchmarkRegisterQueries(b *testing.B) {
	benchFindings(b)
	ctx := context.Background()
	for _, q := range []struct {
		name string
		run  func() (int, error)
	}{
		{"findings", func() (int, error) {
			r, err := document.NewFindingsRegister(ctx, benchSvc, benchAsOf)
			return len(r.Rows), err
		}},
		{"programme", func() (int, error) {
			r, err := document.NewProgrammeRegister(ctx, benchSvc, benchAsOf)
			return len(r.Rows), err
		}},
		{"certificates", func() (int, error) {
			r, err := document.NewCertificateRegister(ctx, benchSvc, benchAsOf)
			return len(r.Rows), err
		}},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			n := 0
			cpu0 := cpuTime()
			for b.Loop() {
				var err error
				if n, err = q.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cpuTime()-cpu0)/1e6/float64(b.N), "cpu-ms/op")
			b.ReportMetric(float64(n), "rows")
		})
	}
}
