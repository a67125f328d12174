package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"certdesk/certification"
)

// BenchmarkVerify checks the data folder in $CERTDESK_BENCH_DATA (made by
// certctl demo, see BENCHMARKS.md) against its journal; it only reads.
// Without the variable it is skipped.
func BenchmarkVerify(b *testing.B) {
	dir := os.Getenv("CERTDESK_BENCH_DATA")
	if dir == "" {
		b.Skip("set CERTDESK_BENCH_DATA to a folder made by certctl demo")
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		b.Skipf("%s holds no data folder: make it with certctl demo (BENCHMARKS.md)", dir)
	}
	db, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	for _, bc := range []struct {
		name string
		opt  VerifyOptions
	}{{"chain", VerifyOptions{}}, {"indexes", VerifyOptions{Indexes: true}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				rep, err := db.Verify(context.Background(), bc.opt)
				if err != nil {
					b.Fatal(err)
				}
				if !rep.OK() {
					b.Fatalf("the bench folder does not verify: %+v", rep.FirstBroken())
				}
			}
		})
	}
}

// BenchmarkJournalEntryCost is the CPU the chain adds to one command the
// size of recording a finding (three records written: the audit, the
// finding and the certification's obligations): "plain" encodes the
// journal entry as before the chain, "chained" also hashes the three
// records' bytes and seals the entry (sealEntry). The difference is what
// the chain adds to BenchmarkRecordFindingDurable (BENCHMARKS.md);
// "chained-signed" also signs the entry's hash with an identity key and
// checks the signature (certification/identity.go).
func BenchmarkJournalEntryCost(b *testing.B) {
	records := [][]byte{bytes.Repeat([]byte(`{"audit":"x"}`), 4096/13), bytes.Repeat([]byte(`{"f":1}`), 512/7), bytes.Repeat([]byte(`{"ob":2}`), 2048/8)}
	e := certification.JournalEntry{At: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC), Actor: certification.Actor{PersonID: 12, Name: "Lena Lead"},
		Command: "record-finding", Summary: "record ofi finding on audit 53161",
		Changes: []certification.Change{{Kind: "audit", ID: 53161, Op: "update"}, {Kind: "finding", ID: 149922, Op: "create"}, {Kind: "obligations", ID: 6547, Op: "update"}}}
	b.Run("plain", func(b *testing.B) {
		for b.Loop() {
			if _, err := json.Marshal(e); err != nil {
				b.Fatal(err)
			}
		}
	})
	id, err := NewIdentity(12)
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range []struct {
		name   string
		signer certification.Signer
	}{{"chained", nil}, {"chained-signed", id}} {
		b.Run(v.name, func(b *testing.B) {
			prev := recordHash(nil)
			for b.Loop() {
				c := e
				c.Signer = v.signer
				c.Changes = append([]certification.Change(nil), e.Changes...)
				for i := range c.Changes {
					c.Changes[i].Hash = recordHash(records[i])
				}
				if _, _, err := sealEntry(c, prev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
