package bodylog

import (
	"context"
	"slices"
	"testing"
	"time"
)

// The floor a desk's command round trip stands on: appends with
// expected-last-sequence to an embedded office that fsyncs every entry,
// one after the other, with their latency percentiles; and reading 2,000
// entries back in order. See BENCHMARKS.md.

func BenchmarkAppend(b *testing.B) {
	ctx := context.Background()
	l := open(b, ctx, startOffice(b, b.TempDir()).URL())
	entry := make([]byte, 600) // about a journal entry with its command and signature
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		t0 := time.Now()
		if _, err := l.Append(ctx, uint64(i), "", entry); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	reportLatency(b, lat)
}

func BenchmarkRead2000(b *testing.B) {
	ctx := context.Background()
	l := open(b, ctx, startOffice(b, b.TempDir()).URL())
	entry := make([]byte, 600)
	for i := range 2000 {
		if _, err := l.Append(ctx, uint64(i), "", entry); err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		n := 0
		if err := l.Read(ctx, 1, func(uint64, []byte) error { n++; return nil }); err != nil || n != 2000 {
			b.Fatalf("read %d entries: %v", n, err)
		}
	}
	b.ReportMetric(float64(2000*b.N)/b.Elapsed().Seconds(), "entries/s")
}

// reportLatency adds the 50th, 95th and 99th percentiles in ms.
func reportLatency(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))]) / 1e6
	}
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.95), "p95-ms")
	b.ReportMetric(at(0.99), "p99-ms")
	b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "appends/s")
}
