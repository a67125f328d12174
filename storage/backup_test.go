package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/klauspost/compress/zstd"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/exchange"
	"certdesk/storage/backupfile"
)

// demoDB is an on-disk store with a small demo certification body,
// written command by command (so every command is in the journal).
func demoDB(t *testing.T, clients int) *DB {
	t.Helper()
	db, err := OpenBulk(filepath.Join(t.TempDir(), "data"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	asOf, _ := certification.ParseDate("2026-06-30")
	if _, err := demo.Generate(context.Background(), db, demo.Options{Clients: clients, Seed: 3, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	return db
}

// dump is every key and value of the store, in order.
func dump(t *testing.T, db *DB) [][2]string {
	t.Helper()
	var out [][2]string
	err := db.bdb.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out = append(out, [2]string{string(it.Item().Key()), string(v)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func exportJSON(t *testing.T, db *DB) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := exchange.Export(context.Background(), db, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func backupBytes(t *testing.T, db *DB) ([]byte, BackupInfo) {
	t.Helper()
	var b bytes.Buffer
	info, err := db.Backup(context.Background(), &b, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), info
}

// backupFile writes a backup of db to a file named name in a fresh
// temporary folder and returns the file's path.
func backupFile(t *testing.T, db *DB, name string) (string, BackupInfo) {
	t.Helper()
	file := filepath.Join(t.TempDir(), name+BackupExt)
	info, err := db.BackupFile(context.Background(), file, nil)
	if err != nil {
		t.Fatal(err)
	}
	return file, info
}

func TestBackupRestoreGivesTheSameStore(t *testing.T) {
	ctx := context.Background()
	src := demoDB(t, 12)
	file := filepath.Join(t.TempDir(), "a"+BackupExt)
	var calls, last int
	info, err := src.BackupFile(ctx, file, func(done, total int) { calls++; last = done })
	if err != nil {
		t.Fatal(err)
	}
	if calls < 2 || last != info.Keys {
		t.Errorf("progress: %d calls, last %d of %d keys", calls, last, info.Keys)
	}
	want := dump(t, src)
	if info.Keys != len(want) || info.Records[certification.KindClient] != 12 || info.JournalEntries == 0 ||
		info.JournalLastSeq != uint64(info.JournalEntries) || info.IndexEntries == 0 || info.Schema != currentSchema {
		t.Errorf("header: %+v (store has %d keys)", info, len(want))
	}
	if info.Encryption.Method != "none" || info.Compression != "zstd" || info.Format != BackupFormat || info.Created.IsZero() {
		t.Errorf("header: %+v", info)
	}
	var people int
	src.View(ctx, func(tx certification.Tx) error { people, err = tx.Count(certification.KindPerson); return err })
	if info.Records[certification.KindPerson] != people {
		t.Errorf("header counts %d people, the store %d", info.Records[certification.KindPerson], people)
	}
	checked, err := CheckBackupFile(ctx, file, nil)
	if err != nil || checked.PayloadSHA256 != info.PayloadSHA256 {
		t.Fatalf("CheckBackupFile: %+v, %v", checked, err)
	}

	target := filepath.Join(t.TempDir(), "new", "restored")
	res, err := RestoreFile(ctx, file, target, RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dir != target || res.Previous != "" || res.Keys != info.Keys {
		t.Errorf("result: %+v", res)
	}
	dst := openAt(t, target)
	got := dump(t, dst)
	if len(got) != len(want) {
		t.Fatalf("restored %d keys, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("key %d: %q, want %q", i, got[i][0], want[i][0])
		}
	}
	if a, b := exportJSON(t, src), exportJSON(t, dst); !bytes.Equal(a, b) {
		t.Error("the JSON exports of the original and the restored store differ")
	}
	// The restored store goes on: new ids and journal numbers follow on.
	svc := certification.NewService(dst, certification.FixedClock(info.Created))
	if _, err := svc.AddPerson(ctx, certification.Person{Name: "After Restore", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}
	var lastSeq uint64
	dst.Journal(ctx, 0, func(e certification.JournalEntry) error { lastSeq = e.Seq; return nil })
	if lastSeq != info.JournalLastSeq+1 {
		t.Errorf("next journal entry is %d, want %d", lastSeq, info.JournalLastSeq+1)
	}
	// Nothing but the restored folder was left beside it.
	entries, _ := os.ReadDir(filepath.Dir(target))
	if len(entries) != 1 {
		t.Errorf("beside the target: %v", entries)
	}
}

func TestBackupOfAnEmptyStoreRestores(t *testing.T) {
	db := openMemory(t)
	b, info := backupBytes(t, db)
	if info.Keys != 1 || len(info.Records) != 0 { // meta/schema
		t.Errorf("header of an empty store: %+v", info)
	}
	dir := t.TempDir() // exists and is empty: allowed
	if _, err := Restore(context.Background(), bytes.NewReader(b), dir, RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	dst := openAt(t, dir)
	if empty, err := dst.Empty(context.Background()); err != nil || !empty {
		t.Errorf("Empty: %v, %v", empty, err)
	}
}

// rewriteHeader returns the backup with its header changed by edit and a
// matching header checksum: a well-formed file saying other things.
func rewriteHeader(t *testing.T, b []byte, edit func(h map[string]any)) []byte {
	t.Helper()
	n := binary.BigEndian.Uint32(b[16:20])
	var h map[string]any
	if err := json.Unmarshal(b[20:20+n], &h); err != nil {
		t.Fatal(err)
	}
	edit(h)
	nh, _ := json.Marshal(h)
	sum := sha256.Sum256(nh)
	out := append([]byte(backupfile.Magic), binary.BigEndian.AppendUint32(nil, uint32(len(nh)))...)
	out = append(out, nh...)
	out = append(out, sum[:]...)
	return append(out, b[20+n+32:]...)
}

func TestRestoreRefusesDamagedAndForeignFiles(t *testing.T) {
	ctx := context.Background()
	src := demoDB(t, 3)
	good, info := backupBytes(t, src)
	headerEnd := len(good) - int(info.PayloadBytes)

	// A store of a newer CertDesk: its schema marker is ahead.
	newer := openMemory(t)
	newer.bdb.Update(func(txn *badger.Txn) error { return setSchema(txn, currentSchema+1) })
	newerBackup, _ := backupBytes(t, newer)

	png := append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{7}, 200)...)
	flip := func(at int) []byte {
		b := bytes.Clone(good)
		b[at] ^= 0x40
		return b
	}
	cases := []struct {
		name string
		file []byte
		is   error
		msg  string
	}{
		{"a PNG", png, ErrNotBackup, "not a CertDesk backup"},
		{"an empty file", nil, ErrNotBackup, "the file is empty"},
		{"a JSON export", exportJSON(t, src), ErrNotBackup, "not a CertDesk backup"},
		{"cut inside the marker", good[:9], ErrBackupDamaged, "ends after 9 bytes"},
		{"cut inside the header", good[:headerEnd-40], ErrBackupDamaged, "ends inside its header"},
		{"cut after the header", good[:headerEnd], ErrBackupDamaged, "cut off"},
		{"cut in the middle", good[:headerEnd+int(info.PayloadBytes)/2], ErrBackupDamaged, "cut off"},
		{"last byte missing", good[:len(good)-1], ErrBackupDamaged, "cut off"},
		{"a byte flipped in the header", flip(40), ErrBackupDamaged, "header does not match"},
		{"a byte flipped early in the payload", flip(headerEnd + 20), ErrBackupDamaged, "the backup is damaged"},
		{"a byte flipped in the middle", flip(headerEnd + int(info.PayloadBytes)/2), ErrBackupDamaged, "the backup is damaged"},
		{"a byte flipped at the end", flip(len(good) - 2), ErrBackupDamaged, "the backup is damaged"},
		{"bytes after the end", append(bytes.Clone(good), 0), ErrBackupDamaged, "after its end"},
		{"a wrong checksum", rewriteHeader(t, good, func(h map[string]any) {
			h["payload_sha256"] = strings.Repeat("ab", 32)
		}), ErrBackupDamaged, "does not match its checksum"},
		{"counts that do not match", rewriteHeader(t, good, func(h map[string]any) {
			h["journal_entries"] = h["journal_entries"].(float64) + 1
		}), ErrBackupDamaged, "other counts"},
		{"a newer schema", newerBackup, ErrBackupUnsupported,
			"was written by a newer CertDesk (schema " + itoa(currentSchema+1) + "); this version reads up to " + itoa(currentSchema) + ": update CertDesk to restore it"},
		{"a newer format", rewriteHeader(t, good, func(h map[string]any) { h["format"] = 2 }), ErrBackupUnsupported,
			"newer CertDesk (backup format 2); this version reads up to 1"},
		{"an encrypted backup", rewriteHeader(t, good, func(h map[string]any) {
			h["encryption"] = map[string]any{"method": "xchacha20poly1305-chunked", "kdf": "argon2id"}
		}), ErrBackupUnsupported, "is encrypted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := filepath.Join(t.TempDir(), "p")
			target := filepath.Join(parent, "restored")
			_, err := Restore(ctx, bytes.NewReader(c.file), target, RestoreOptions{})
			if !errors.Is(err, c.is) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("Restore: %v\nwant %v with %q", err, c.is, c.msg)
			}
			if _, err := os.Stat(parent); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the target's parent was left behind: %v", err)
			}
			if _, err := CheckBackup(ctx, bytes.NewReader(c.file), nil); !errors.Is(err, c.is) {
				t.Errorf("CheckBackup: %v", err)
			}
		})
	}
	// The untouched file still restores.
	if _, err := Restore(ctx, bytes.NewReader(good), filepath.Join(t.TempDir(), "ok"), RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
}

func itoa(v uint32) string { return strconv.FormatUint(uint64(v), 10) }

func TestRestoreNeverOverwritesAFolderWithData(t *testing.T) {
	ctx := context.Background()
	src := demoDB(t, 2)
	good, info := backupBytes(t, src)

	// The target: a data folder with one person.
	target := filepath.Join(t.TempDir(), "data")
	old, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	svc := certification.NewService(old, certification.FixedClock(info.Created))
	if _, err := svc.AddPerson(ctx, certification.Person{Name: "Old Data", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}
	before := dump(t, old)

	// While it is open, even --replace is refused.
	_, err = Restore(ctx, bytes.NewReader(good), target, RestoreOptions{Replace: true})
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("restore over an open folder: %v", err)
	}
	if err := old.Close(); err != nil {
		t.Fatal(err)
	}

	unchanged := func(when string) {
		t.Helper()
		db, err := Open(target)
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		defer db.Close()
		after := dump(t, db)
		if len(after) != len(before) {
			t.Fatalf("%s: the folder holds %d keys, had %d", when, len(after), len(before))
		}
		siblings, _ := os.ReadDir(filepath.Dir(target))
		if len(siblings) != 1 {
			t.Errorf("%s: beside the target: %v", when, siblings)
		}
	}
	_, err = Restore(ctx, bytes.NewReader(good), target, RestoreOptions{})
	var thd *TargetHoldsDataError
	if !errors.As(err, &thd) || !errors.Is(err, ErrTargetHoldsData) || !strings.Contains(err.Error(), "already holds data") {
		t.Fatalf("restore over data without Replace: %v", err)
	}
	unchanged("refused without Replace")

	// With Replace but a damaged backup: the old data stays where it was.
	damagedFile := bytes.Clone(good)
	damagedFile[len(damagedFile)-3] ^= 1
	if _, err := Restore(ctx, bytes.NewReader(damagedFile), target, RestoreOptions{Replace: true}); !errors.Is(err, ErrBackupDamaged) {
		t.Fatalf("damaged backup with Replace: %v", err)
	}
	unchanged("damaged backup with Replace")

	// With Replace and a good backup: the backup's data is in place and
	// the old data moved aside, intact.
	res, err := Restore(ctx, bytes.NewReader(good), target, RestoreOptions{Replace: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Previous == "" || filepath.Dir(res.Previous) != filepath.Dir(target) || !strings.Contains(res.Previous, ".before-restore-") {
		t.Fatalf("Previous = %q", res.Previous)
	}
	db, err := Open(target)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := exportJSON(t, src), exportJSON(t, db); !bytes.Equal(a, b) {
		t.Error("the replaced folder does not hold the backup")
	}
	db.Close()
	prev, err := Open(res.Previous)
	if err != nil {
		t.Fatal(err)
	}
	defer prev.Close()
	if got := dump(t, prev); len(got) != len(before) {
		t.Errorf("the old data moved aside holds %d keys, had %d", len(got), len(before))
	}
}

func TestRestoreRefusesAFileAsTarget(t *testing.T) {
	db := openMemory(t)
	b, _ := backupBytes(t, db)
	file := filepath.Join(t.TempDir(), "x")
	os.WriteFile(file, []byte("x"), 0o644)
	if _, err := Restore(context.Background(), bytes.NewReader(b), file, RestoreOptions{Replace: true}); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("restore onto a file: %v", err)
	}
}

// A backup of an older schema restores and is brought up to date.
func TestRestoreMigratesAnOlderSchema(t *testing.T) {
	if _, ok := bulkMigrations[currentSchema-1]; !ok {
		if _, ok := migrations[currentSchema-1]; !ok {
			t.Skip("no migration to the current schema")
		}
	}
	db := openMemory(t)
	db.bdb.Update(func(txn *badger.Txn) error { return setSchema(txn, currentSchema-1) })
	b, info := backupBytes(t, db)
	if info.Schema != currentSchema-1 {
		t.Fatalf("header schema %d", info.Schema)
	}
	dir := filepath.Join(t.TempDir(), "d")
	if _, err := Restore(context.Background(), bytes.NewReader(b), dir, RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	dst := openAt(t, dir)
	for _, kv := range dump(t, dst) {
		if kv[0] == schemaKey && binary.BigEndian.Uint32([]byte(kv[1])) != currentSchema {
			t.Errorf("schema after restore: %v", []byte(kv[1]))
		}
	}
}

func TestRollingBackupsKeepN(t *testing.T) {
	ctx := context.Background()
	db := openMemory(t)
	dataDir := filepath.Join(t.TempDir(), "certdesk")
	folder := RollingBackupDir(dataDir)
	if folder != dataDir+"-backups" {
		t.Fatalf("RollingBackupDir = %q", folder)
	}
	os.MkdirAll(folder, 0o755)
	other := filepath.Join(folder, "notes.txt")
	os.WriteFile(other, []byte("mine"), 0o644)

	var written []string
	for i := range 7 {
		path, removed, err := db.BackupRolling(ctx, folder, 3)
		if err != nil {
			t.Fatal(err)
		}
		written = append(written, path)
		if wantRemoved := max(0, i+1-3); len(removed) != min(1, wantRemoved) {
			t.Errorf("backup %d removed %v", i+1, removed)
		}
	}
	left, err := RollingBackups(folder)
	if err != nil {
		t.Fatal(err)
	}
	if len(left) != 3 || left[0] != written[4] || left[1] != written[5] || left[2] != written[6] {
		t.Errorf("left %v\nwritten %v", left, written)
	}
	if _, err := os.Stat(other); err != nil {
		t.Errorf("another file in the folder was touched: %v", err)
	}
	for _, p := range left {
		if _, err := CheckBackupFile(ctx, p, nil); err != nil {
			t.Error(err)
		}
	}
	if _, _, err := db.BackupRolling(ctx, folder, 0); err == nil {
		t.Error("keep 0 accepted")
	}
}

func TestRollingBackupOrder(t *testing.T) {
	names := []string{
		"certdesk-20261124T101500Z-10" + BackupExt,
		"certdesk-20261124T101500Z" + BackupExt,
		"certdesk-20261124T101500Z-2" + BackupExt,
		"certdesk-20251231T235959Z" + BackupExt,
	}
	dir := t.TempDir()
	for _, n := range names {
		os.WriteFile(filepath.Join(dir, n), nil, 0o644)
	}
	got, _ := RollingBackups(dir)
	want := []string{names[3], names[1], names[2], names[0]}
	for i := range want {
		if filepath.Base(got[i]) != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
}

// craft builds a backup file whose payload is stream (an entry stream,
// compressed here) with a header that matches it in everything but the
// counts given.
func craft(t testing.TB, stream []byte, keys, journal int) []byte {
	t.Helper()
	var payload bytes.Buffer
	zw, _ := zstd.NewWriter(&payload)
	zw.Write(stream)
	zw.Close()
	sum := sha256.Sum256(payload.Bytes())
	info := BackupInfo{Format: 1, Product: "CertDesk", Schema: currentSchema, Records: map[certification.Kind]int{},
		Keys: keys, JournalEntries: journal, Compression: "zstd", Encryption: BackupEncryption{Method: "none"},
		PayloadBytes: int64(payload.Len()), PayloadSHA256: hex.EncodeToString(sum[:])}
	h, _ := json.Marshal(info)
	hs := sha256.Sum256(h)
	out := append([]byte(backupfile.Magic), binary.BigEndian.AppendUint32(nil, uint32(len(h)))...)
	out = append(append(append(out, h...), hs[:]...), payload.Bytes()...)
	return out
}

func kv(key, value string) []byte {
	b := binary.AppendUvarint(nil, uint64(len(key)))
	b = append(b, key...)
	b = binary.AppendUvarint(b, uint64(len(value)))
	return append(b, value...)
}

// Payloads whose checksum matches but whose content is not a store.
func TestRestoreRefusesMalformedStreams(t *testing.T) {
	schema := string(binary.BigEndian.AppendUint32(nil, currentSchema))
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	end := []byte{0}
	cases := []struct {
		name string
		file []byte
		msg  string
	}{
		{"keys out of order", craft(t, cat(kv("meta/schema", schema), kv("j/b", "{}"), kv("j/a", "{}"), end), 3, 2), "keys out of order"},
		{"a key twice", craft(t, cat(kv("j/a", "{}"), kv("j/a", "{}"), kv("meta/schema", schema), end), 3, 2), "keys out of order"},
		{"no end marker", craft(t, cat(kv("meta/schema", schema)), 1, 0), "cannot be read"},
		{"data after the end marker", craft(t, cat(kv("meta/schema", schema), end, end), 1, 0), "after the end marker"},
		{"a value cut short", craft(t, cat(kv("meta/schema", schema), []byte{3, 'j', '/', 'a', 9, '{'}), 2, 1), "cannot be read"},
		{"an impossible key length", craft(t, cat(binary.AppendUvarint(nil, 1<<40), end), 1, 0), "a key of"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			target := filepath.Join(t.TempDir(), "d")
			_, err := Restore(context.Background(), bytes.NewReader(c.file), target, RestoreOptions{})
			if !errors.Is(err, ErrBackupDamaged) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("Restore: %v, want damaged with %q", err, c.msg)
			}
			if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("target left behind: %v", err)
			}
			if leftovers, _ := os.ReadDir(filepath.Dir(target)); len(leftovers) != 0 {
				t.Errorf("left beside the target: %v", leftovers)
			}
		})
	}
	// The crafted form itself is sound: a well-formed stream restores.
	ok := craft(t, cat(kv("j/a", "{}"), kv("meta/schema", schema), end), 2, 1)
	if _, err := Restore(context.Background(), bytes.NewReader(ok), filepath.Join(t.TempDir(), "d"), RestoreOptions{}); err != nil {
		t.Fatalf("well-formed crafted backup: %v", err)
	}
}

func TestRestoreCancelled(t *testing.T) {
	src := demoDB(t, 2)
	good, _ := backupBytes(t, src)
	ctx, cancel := context.WithCancel(context.Background())
	target := filepath.Join(t.TempDir(), "d")
	calls := 0
	_, err := Restore(ctx, bytes.NewReader(good), target, RestoreOptions{Progress: func(done, total int) {
		if calls++; calls == 1 {
			cancel()
		}
	}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Restore: %v", err)
	}
	if leftovers, _ := os.ReadDir(filepath.Dir(target)); len(leftovers) != 0 {
		t.Errorf("left beside the target: %v", leftovers)
	}
}

// FuzzCheckBackup: any input is refused with an error or accepted, never
// a panic or a hang; what is accepted restores.
func FuzzCheckBackup(f *testing.F) {
	schema := string(binary.BigEndian.AppendUint32(nil, currentSchema))
	good := craft(f, bytes.Join([][]byte{kv("j/a", "{}"), kv("meta/schema", schema), {0}}, nil), 2, 1)
	f.Add(good)
	f.Add(good[:40])
	f.Add([]byte(backupfile.Magic))
	f.Add([]byte("\x89PNG\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := CheckBackup(context.Background(), bytes.NewReader(b), nil); err != nil {
			if !errors.Is(err, ErrNotBackup) && !errors.Is(err, ErrBackupDamaged) && !errors.Is(err, ErrBackupUnsupported) {
				t.Fatalf("unclassified error: %v", err)
			}
		}
	})
}
