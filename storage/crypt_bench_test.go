package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/view"
)

// What encryption at rest and SyncWrites cost (issue 6; BENCHMARKS.md,
// "Encryption at rest"). Each benchmark makes two data folders in its
// temporary folder holding the same demo body (demo.Generate with
// cryptBenchClients clients, seed 3, as of 2026-06-30), one plain and one
// encrypted (DefaultKDF), written the same way: a bulk load into an empty
// folder, then compacted into one level (cryptBenchFlatten). Every
// measured run works on a fresh copy of one of them.
//
// Recording a finding makes the certification's file bigger, and the next
// finding loads that file again: give every variant the same number of
// findings (-benchtime 1000x), or the variants do different work.

const cryptBenchClients = 300

var (
	// cryptBenchAsOf is the demo body's as-of date; the service's clock
	// (cryptBenchToday) is a month later, so that the audits confirmed for
	// July can be started: as of 2026-06-30 a 300-client body has only one
	// audit in progress.
	cryptBenchAsOf  = certification.NewDate(2026, 6, 30)
	cryptBenchToday = cryptBenchAsOf.AddDays(30)
	cryptBenchPass  = []byte("correct horse battery staple")
)

// cryptBenchFolders are the two closed template folders and the audits in
// progress in both (the same ids: the demo body is reproducible).
type cryptBenchFolders struct {
	plain, encrypted string
	audits           []certification.ID
}

// makeCryptBenchFolders makes the two template folders in b's temporary
// folder (about 30 s) and checks that they hold the same body.
func makeCryptBenchFolders(b *testing.B) cryptBenchFolders {
	b.Helper()
	ctx := context.Background()
	root := b.TempDir()
	f := cryptBenchFolders{plain: filepath.Join(root, "plain"), encrypted: filepath.Join(root, "encrypted")}
	if _, err := encryptFolder(ctx, f.encrypted, cryptBenchPass, DefaultKDF, nil); err != nil {
		b.Fatal(err)
	}
	var sums [2]demo.Summary
	var audits [2][]certification.ID
	var layouts [2]string
	for i, dir := range []string{f.plain, f.encrypted} {
		db, err := OpenWith(dir, Options{Passphrase: cryptBenchPass, Bulk: true})
		if err != nil {
			b.Fatal(err)
		}
		if db.Encrypted() != (dir == f.encrypted) {
			b.Fatalf("%s: encrypted %v", dir, db.Encrypted())
		}
		sums[i], err = demo.Generate(ctx, db, demo.Options{Clients: cryptBenchClients, Seed: 3, AsOf: cryptBenchAsOf})
		if err != nil {
			b.Fatal(err)
		}
		audits[i] = cryptBenchAudits(b, cryptBenchService(db), 50)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		layouts[i] = cryptBenchFlatten(b, dir)
	}
	if sums[0] != sums[1] || !slices.Equal(audits[0], audits[1]) {
		b.Fatalf("the plain and the encrypted folder differ: %+v %v / %+v %v", sums[0], audits[0], sums[1], audits[1])
	}
	f.audits = audits[0]
	// The load leaves a large heap behind: collect it and give it back to
	// the system now, not during the first measurement.
	runtime.GC()
	debug.FreeOSMemory()
	b.Logf("demo body: %d clients, %d certifications, %d audits, %d findings; findings recorded round-robin on %d audits in progress; tables: plain %s, encrypted %s",
		sums[0].Clients, sums[0].Certifications, sums[0].Audits, sums[0].Findings, len(f.audits), layouts[0], layouts[1])
	return f
}

// cryptBenchFlatten compacts the closed data folder dir into one level
// and describes its tables. Without it, the two folders' trees differ by
// when Badger happened to compact during the load (one had a 2.8 MB
// table over the whole key range left in level 0, the other a 0.4 MB
// one), and a lookup that has more tables to look in reads more blocks:
// that difference was larger than the cost of encryption.
func cryptBenchFlatten(b *testing.B, dir string) string {
	b.Helper()
	var key Key
	if enc, _ := IsEncrypted(dir); enc {
		var err error
		if key, err = unlock(dir, cryptBenchPass); err != nil {
			b.Fatal(err)
		}
	}
	// Opened with Badger directly, its logging at ERROR: Flatten logs
	// harmless warnings ("Unable to fill tables") on its way to one level.
	db, err := badger.Open(options(dir).WithEncryptionKey(key.master).WithLoggingLevel(badger.ERROR))
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Flatten(2); err != nil {
		b.Fatal(err)
	}
	levels := map[int]int{}
	var size uint64
	for _, t := range db.Tables() {
		levels[t.Level]++
		size += uint64(t.OnDiskSize)
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	var desc []string
	for l, n := range levels {
		desc = append(desc, fmt.Sprintf("L%d×%d", l, n))
	}
	slices.Sort(desc)
	return fmt.Sprintf("%s (%.1f MB)", strings.Join(desc, " "), float64(size)/(1<<20))
}

func cryptBenchService(db *DB) *certification.Service {
	return certification.NewService(db, certification.FixedClock(cryptBenchToday.Time())).As(certification.Actor{Name: "bench"})
}

// cryptBenchAudits returns up to n audits in progress, starting confirmed
// ones whose planned start has come by cryptBenchToday (as certification's
// inProgressAudits does for BenchmarkRecordFindingDurable).
func cryptBenchAudits(b *testing.B, svc *certification.Service, n int) []certification.ID {
	b.Helper()
	ctx := context.Background()
	rows, err := view.AuditsBetween(ctx, svc, cryptBenchToday.AddMonths(-24), cryptBenchToday.AddMonths(12))
	if err != nil {
		b.Fatal(err)
	}
	var ids []certification.ID
	for _, r := range rows {
		if len(ids) == n {
			break
		}
		switch {
		case r.Status == certification.AuditInProgress:
			ids = append(ids, r.ID)
		case r.Status == certification.AuditConfirmed && r.PlannedStart <= cryptBenchToday:
			start, status := r.PlannedStart, certification.AuditInProgress
			if err := svc.ChangeAudit(ctx, r.ID, certification.AuditChange{ActualStart: &start, Status: &status}); err == nil {
				ids = append(ids, r.ID)
			}
		}
	}
	if len(ids) == 0 {
		b.Fatal("no audit in progress or confirmed in the demo body")
	}
	return ids
}

// cryptBenchCopy copies the closed data folder src into a new folder under
// b's temporary folder and returns it.
func cryptBenchCopy(b *testing.B, src string) string {
	b.Helper()
	dst := filepath.Join(b.TempDir(), "data")
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o700)
		}
		in, err := os.Open(p)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(filepath.Join(dst, rel), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		if err == nil {
			err = out.Sync() // no writeback of the copy while a run measures
		}
		return errors.Join(err, out.Close())
	})
	if err != nil {
		b.Fatal(err)
	}
	return dst
}

// cryptBenchVariant is one way of opening a copy of a template folder.
type cryptBenchVariant struct {
	name      string
	encrypted bool
	sync      bool
}

var cryptBenchVariants = []cryptBenchVariant{
	{"plain-sync", false, true},
	{"encrypted-sync", true, true},
	{"plain-nosync", false, false},
	{"encrypted-nosync", true, false},
}

// open opens a fresh copy of v's template: SyncWrites on (Open, the
// product's default) or off (Bulk).
func (v cryptBenchVariant) open(b *testing.B, f cryptBenchFolders) *DB {
	b.Helper()
	src := f.plain
	if v.encrypted {
		src = f.encrypted
	}
	db, err := OpenWith(cryptBenchCopy(b, src), Options{Passphrase: cryptBenchPass, Bulk: !v.sync})
	if err != nil {
		b.Fatal(err)
	}
	if db.Encrypted() != v.encrypted {
		b.Fatalf("%s: the copy opened with encryption %v", v.name, db.Encrypted())
	}
	return db
}

// cryptBenchRecord records the i-th finding of a run, round-robin over the
// audits.
func cryptBenchRecord(b *testing.B, svc *certification.Service, audits []certification.ID, i int) {
	_, err := svc.RecordFinding(context.Background(), certification.Finding{AuditID: audits[i%len(audits)], Grade: certification.OFI,
		Reference: "9.2", Requirement: "Internal audit programme", Evidence: "The programme could sample AI suppliers"})
	if err != nil {
		b.Fatal(err)
	}
}

// BenchmarkRecordFinding records one OFI finding per op (the audit, the
// finding, the certification's obligations and the journal entry, in one
// transaction) on a plain and an encrypted folder, with SyncWrites on
// (the product) and off (Bulk). cpu-ms/op is the whole process's CPU time
// (Badger's flushes and compactions included) per finding, where the
// system tells it (Linux); block-misses/op and index-misses/op count
// Badger's cache misses per finding (cryptBenchCacheMisses).
func BenchmarkRecordFinding(b *testing.B) {
	f := makeCryptBenchFolders(b)
	for _, v := range cryptBenchVariants {
		b.Run(v.name, func(b *testing.B) {
			db := v.open(b, f)
			defer db.Close()
			svc := cryptBenchService(db)
			cpu0, cpuOK := cryptBenchCPU()
			blk0, idx0 := cryptBenchCacheMisses(db)
			i := 0
			for b.Loop() {
				cryptBenchRecord(b, svc, f.audits, i)
				i++
			}
			if cpu1, ok := cryptBenchCPU(); ok && cpuOK {
				b.ReportMetric(float64(cpu1-cpu0)/1e6/float64(b.N), "cpu-ms/op")
			}
			blk1, idx1 := cryptBenchCacheMisses(db)
			b.ReportMetric(float64(blk1-blk0)/float64(b.N), "block-misses/op")
			b.ReportMetric(float64(idx1-idx0)/float64(b.N), "index-misses/op")
		})
	}
}

// BenchmarkRecordFindingRounds runs the four variants of
// BenchmarkRecordFinding taking turns: each op is one round in which every
// variant records the same CERTDESK_BENCH_ROUND_OPS findings (default 500)
// on a fresh copy of its folder (copied, opened and closed outside the
// timing, one variant at a time), in an order that rotates from round to
// round, so that the machine's changing load weighs on all alike. It
// reports the cryptBenchMedian over the rounds of each round's ratios (wall clock
// and CPU): encrypted/plain with and without SyncWrites, and sync/nosync
// for the plain folder. Run it with -benchtime Nx for N rounds.
func BenchmarkRecordFindingRounds(b *testing.B) {
	ops := 500
	if s := os.Getenv("CERTDESK_BENCH_ROUND_OPS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			b.Fatalf("CERTDESK_BENCH_ROUND_OPS=%q: want a positive number", s)
		}
		ops = n
	}
	f := makeCryptBenchFolders(b)
	type took struct{ wall, cpu time.Duration }
	var rounds []map[string]took
	round := 0
	for b.Loop() {
		r := map[string]took{}
		for k := range cryptBenchVariants {
			v := cryptBenchVariants[(k+round)%len(cryptBenchVariants)]
			b.StopTimer()
			db := v.open(b, f)
			svc := cryptBenchService(db)
			b.StartTimer()
			start := time.Now()
			cpu0, _ := cryptBenchCPU()
			for n := range ops {
				cryptBenchRecord(b, svc, f.audits, n)
			}
			cpu1, _ := cryptBenchCPU()
			r[v.name] = took{time.Since(start) / time.Duration(ops), (cpu1 - cpu0) / time.Duration(ops)}
			b.StopTimer()
			if err := db.Close(); err != nil {
				b.Fatal(err)
			}
			os.RemoveAll(db.Dir())
			b.StartTimer()
		}
		rounds = append(rounds, r)
		round++
	}
	ratios := []struct{ metric, num, den string }{
		{"enc/plain-sync", "encrypted-sync", "plain-sync"},
		{"enc/plain-nosync", "encrypted-nosync", "plain-nosync"},
		{"sync/nosync-plain", "plain-sync", "plain-nosync"},
	}
	_, cpuOK := cryptBenchCPU()
	var log bytes.Buffer
	fmt.Fprintf(&log, "%d rounds of %d findings per variant", len(rounds), ops)
	for _, q := range ratios {
		var wall, cpu []float64
		for _, r := range rounds {
			wall = append(wall, float64(r[q.num].wall)/float64(r[q.den].wall))
			if r[q.den].cpu > 0 {
				cpu = append(cpu, float64(r[q.num].cpu)/float64(r[q.den].cpu))
			}
		}
		b.ReportMetric(cryptBenchMedian(wall), q.metric+"-time")
		fmt.Fprintf(&log, "\n%-18s time %.2f× (%.2f–%.2f)", q.metric, cryptBenchMedian(wall), slices.Min(wall), slices.Max(wall))
		if cpuOK && len(cpu) > 0 {
			b.ReportMetric(cryptBenchMedian(cpu), q.metric+"-cpu")
			fmt.Fprintf(&log, "  CPU %.2f× (%.2f–%.2f)", cryptBenchMedian(cpu), slices.Min(cpu), slices.Max(cpu))
		}
	}
	for _, v := range cryptBenchVariants {
		var wall, cpu []float64
		for _, r := range rounds {
			wall = append(wall, float64(r[v.name].wall)/1e6)
			cpu = append(cpu, float64(r[v.name].cpu)/1e6)
		}
		fmt.Fprintf(&log, "\n%-18s time/op %.3f ms (%.3f–%.3f)", v.name, cryptBenchMedian(wall), slices.Min(wall), slices.Max(wall))
		if cpuOK {
			fmt.Fprintf(&log, "  CPU/op %.3f ms (%.3f–%.3f)", cryptBenchMedian(cpu), slices.Min(cpu), slices.Max(cpu))
		}
	}
	b.Log(log.String())
}

// cryptBenchCacheMisses are the misses so far of Badger's block cache
// (a miss reads the block from the table file and, in an encrypted
// folder, decrypts it) and index cache (only an encrypted folder's tables
// keep their index there: a miss decrypts and decodes a table's index).
func cryptBenchCacheMisses(db *DB) (block, index uint64) {
	if m := db.bdb.BlockCacheMetrics(); m != nil {
		block = m.Misses()
	}
	if m := db.bdb.IndexCacheMetrics(); m != nil {
		index = m.Misses()
	}
	return block, index
}

// cryptBenchMedian sorts x and returns its median (the mean of the
// middle two for an even count).
func cryptBenchMedian(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	slices.Sort(x)
	if n := len(x); n%2 == 0 {
		return (x[n/2-1] + x[n/2]) / 2
	}
	return x[len(x)/2]
}

// BenchmarkUnlock is what a person waits for before an encrypted folder
// opens: "argon2id" reads the key file and unseals the master key with
// DefaultKDF (Argon2id t=3, 64 MiB, 4 lanes); "open-plain" and
// "open-encrypted" open (and close) the demo folder, the latter with its
// passphrase, so the unlock included.
func BenchmarkUnlock(b *testing.B) {
	f := makeCryptBenchFolders(b)
	b.Run("argon2id", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			k, err := unlock(f.encrypted, cryptBenchPass)
			if err != nil {
				b.Fatal(err)
			}
			if len(k.master) != 32 {
				b.Fatal("no master key")
			}
		}
	})
	for _, v := range []cryptBenchVariant{{"open-plain", false, true}, {"open-encrypted", true, true}} {
		b.Run(v.name, func(b *testing.B) {
			dir := f.plain
			if v.encrypted {
				dir = f.encrypted
			}
			for b.Loop() {
				db, err := OpenWith(dir, Options{Passphrase: cryptBenchPass})
				if err != nil {
					b.Fatal(err)
				}
				if db.Encrypted() != v.encrypted {
					b.Fatalf("encrypted %v", db.Encrypted())
				}
				if err := db.Close(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBackupEncrypted writes a backup of the same demo body from the
// plain and from the encrypted folder to io.Discard (the payload is
// spooled to a temporary file first, as always).
func BenchmarkBackupEncrypted(b *testing.B) {
	f := makeCryptBenchFolders(b)
	for _, v := range []cryptBenchVariant{{"plain", false, true}, {"encrypted", true, true}} {
		b.Run(v.name, func(b *testing.B) {
			dir := f.plain
			if v.encrypted {
				dir = f.encrypted
			}
			db, err := OpenWith(dir, Options{Passphrase: cryptBenchPass})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			var info BackupInfo
			b.ReportAllocs()
			for b.Loop() {
				if info, err = db.Backup(context.Background(), io.Discard, nil); err != nil {
					b.Fatal(err)
				}
			}
			if info.Encrypted() != v.encrypted {
				b.Fatalf("backup encrypted %v", info.Encrypted())
			}
			b.ReportMetric(float64(info.PayloadBytes)/(1<<20), "payload-MB")
		})
	}
}

// cryptBenchCPU is the CPU time (user and system, all threads) the process
// has used so far, from /proc/self/stat in clock ticks of 10 ms; ok is
// false where there is no such file (not Linux).
func cryptBenchCPU() (time.Duration, bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// The fields after the command name (in parentheses, which may hold
	// spaces): state is field 3, utime 14, stime 15.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	fields := bytes.Fields(b[i+1:])
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(string(fields[11]), 10, 64)
	stime, err2 := strconv.ParseInt(string(fields[12]), 10, 64)
	if err1 != nil || err2 != nil {
		return 0, false
	}
	const tick = 10 * time.Millisecond // USER_HZ is 100 on Linux
	return time.Duration(utime+stime) * tick, true
}
