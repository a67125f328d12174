package certification_test

import (
	"context"
	"encoding/binary"
	"testing"

	. "certdesk/certification"
	"certdesk/storage"
)

// BenchmarkCommitteeFile: what the decision screen reads when a
// certification is picked — the committee's file (each audit carried out
// with its team check and audit-time facts) and the gates of a draft
// decision — for the certification of the bench folder with the most
// audits, opened read-only as certctl's reading commands open it. "file"
// is the bare floor: the same file loaded with nothing computed on it.
// The folder is left unchanged. See BENCHMARKS.md.
func BenchmarkCommitteeFile(b *testing.B) {
	db, err := storage.OpenWith(benchData(b), storage.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := NewService(db, FixedClock(benchAsOf.Time())).As(Actor{Name: "bench"})
	ctx := context.Background()
	certID := longestHistory(b, db)
	f, reviews, err := svc.CommitteeFile(ctx, certID)
	if err != nil {
		b.Fatal(err)
	}
	if len(reviews) == 0 || len(f.Decisions) == 0 {
		b.Fatalf("certification %d: %d audits reviewed, %d decisions", certID, len(reviews), len(f.Decisions))
	}
	draft := Decision{CertificationID: certID, Kind: Maintain, Date: benchAsOf,
		Makers: f.Decisions[len(f.Decisions)-1].Makers, Reasons: "bench"}
	b.Logf("certification %d: %d audits (%d reviewed), %d findings, %d decisions",
		certID, len(f.Audits), len(reviews), len(f.Findings), len(f.Decisions))

	b.Run("file", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := svc.File(ctx, certID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("committee-file", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := svc.CommitteeFile(ctx, certID); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(reviews)), "reviews")
	})
	b.Run("draft-decision", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := svc.DraftDecision(ctx, draft); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// longestHistory is the certification with the most audits (the lowest
// id of those tied), counted through the audit-by-certification index.
func longestHistory(b *testing.B, db *storage.DB) ID {
	b.Helper()
	counts := map[ID]int{}
	err := db.View(context.Background(), func(tx Tx) error {
		return tx.Range(IndexAuditByCert, nil, nil, func(v []byte, _ ID) error {
			counts[ID(binary.BigEndian.Uint64(v))]++
			return nil
		})
	})
	if err != nil {
		b.Fatal(err)
	}
	var best ID
	most := 0
	for id, n := range counts {
		if n > most || n == most && id < best {
			best, most = id, n
		}
	}
	if best == 0 {
		b.Fatal("no audits in the bench folder")
	}
	return best
}
