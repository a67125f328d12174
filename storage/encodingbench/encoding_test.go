package encodingbench

import (
	"context"
	"os"
	"reflect"
	"strconv"
	"sync"
	"testing"

	"certdesk/certification"
)

// asOf is the demo bodies' date in BENCHMARKS.md.
var asOf = func() certification.Date {
	d, err := certification.ParseDate("2026-11-24")
	if err != nil {
		panic(err)
	}
	return d
}()

var (
	loaded   []certification.Finding
	loadOnce sync.Once
	loadErr  error
)

// findings are the benchmark's findings: CERTDESK_BENCH_FINDINGS of them
// (default 150,000, the 10,000-client demo body's) from a demo body of
// CERTDESK_BENCH_CLIENTS clients (default 300).
func findings(tb testing.TB) []certification.Finding {
	tb.Helper()
	loadOnce.Do(func() {
		loaded, loadErr = DemoFindings(context.Background(), envInt("CERTDESK_BENCH_CLIENTS", 300), envInt("CERTDESK_BENCH_FINDINGS", 150_000), asOf)
	})
	if loadErr != nil {
		tb.Fatal(loadErr)
	}
	return loaded
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil && n > 0 {
		return n
	}
	return def
}

// Every codec gives back the finding it was given, field for field, for
// findings of every shape the demo makes (responses, reviews, rejected
// reviews, verifications, escalations): a codec that loses a field
// would measure fast for the wrong reason.
func TestEveryCodecRoundTripsEveryFinding(t *testing.T) {
	fs := findings(t)
	fs = fs[:min(len(fs), 20_000):min(len(fs), 20_000)]
	// The demo escalates no minor: one escalated finding joins them.
	escalated := fs[0]
	escalated.Grade, escalated.EscalatedFrom = certification.Major, certification.Minor
	fs = append(fs, escalated)
	shapes := map[string]bool{}
	for _, f := range fs {
		shapes["response"] = shapes["response"] || f.Response != nil
		shapes["review"] = shapes["review"] || f.Review != nil
		shapes["rejected review"] = shapes["rejected review"] || len(f.Rejected) > 0
		shapes["verification"] = shapes["verification"] || f.Verification != nil
		shapes["escalation"] = shapes["escalation"] || f.EscalatedFrom != ""
	}
	for _, shape := range []string{"response", "review", "rejected review", "verification", "escalation"} {
		if !shapes[shape] {
			t.Errorf("no finding with a %s among those checked: the round trip does not cover it", shape)
		}
	}
	for _, c := range Codecs() {
		t.Run(c.Name, func(t *testing.T) {
			for i := range fs {
				data, err := c.Marshal(&fs[i])
				if err != nil {
					t.Fatalf("finding %d: %v", fs[i].ID, err)
				}
				var back certification.Finding
				if err := c.Unmarshal(data, &back); err != nil {
					t.Fatalf("finding %d: %v", fs[i].ID, err)
				}
				if !reflect.DeepEqual(back, fs[i]) {
					t.Fatalf("finding %d came back as\n%+v\nnot\n%+v", fs[i].ID, back, fs[i])
				}
			}
		})
	}
}

// BenchmarkDecodeFindings decodes every finding (150,000 by default)
// from each encoding: one op is all of them. It reports the time per
// finding and the stored bytes per finding.
func BenchmarkDecodeFindings(b *testing.B) {
	fs := findings(b)
	for _, c := range Codecs() {
		encoded := make([][]byte, len(fs))
		size := 0
		for i := range fs {
			data, err := c.Marshal(&fs[i])
			if err != nil {
				b.Fatal(err)
			}
			encoded[i], size = data, size+len(data)
		}
		b.Run(c.Name, func(b *testing.B) {
			b.SetBytes(int64(size))
			for b.Loop() {
				for _, data := range encoded {
					var f certification.Finding
					if err := c.Unmarshal(data, &f); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(fs)), "ns/finding")
			b.ReportMetric(float64(size)/float64(len(fs)), "bytes/finding")
			b.ReportMetric(0, "ns/op")
		})
	}
}

// BenchmarkEncodeFindings encodes every finding in each encoding (a
// command's Put).
func BenchmarkEncodeFindings(b *testing.B) {
	fs := findings(b)
	for _, c := range Codecs() {
		b.Run(c.Name, func(b *testing.B) {
			for b.Loop() {
				for i := range fs {
					if _, err := c.Marshal(&fs[i]); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(fs)), "ns/finding")
			b.ReportMetric(0, "ns/op")
		})
	}
}
