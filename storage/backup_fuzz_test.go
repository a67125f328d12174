package storage_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/storage"
)

// Fuzz tests of the backup reader (docs/testing.md). Property: hostile
// bytes never panic, and a refused file never creates the target folder
// or leaves anything beside it. FuzzBackupReader takes whole files (most
// mutations fail the header checksum); FuzzBackupFramed takes a header
// and a payload and frames them with correct checksums, so that mutations
// reach the header's fields, the zstd stream and the entry stream.
//
// Seeds: testdata/fuzz/FuzzBackupReader and FuzzBackupFramed (committed;
// regenerate with CERTDESK_WRITE_FUZZ_SEEDS=1 go test -run TestWriteBackupSeeds
// ./storage) and a backup made at run time.

const backupMagic = "CERTDESK-BACKUP\n"

// smallBackup is the backup of a store with one person and two clients.
func smallBackup(tb testing.TB) []byte {
	tb.Helper()
	ctx := context.Background()
	db, err := storage.OpenMemory()
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	svc := certification.NewService(db, certification.FixedClock(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)))
	if _, err := svc.AddPerson(ctx, certification.Person{Name: "Ana Auditor", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		tb.Fatal(err)
	}
	for _, name := range []string{"Acme GmbH", "Zeta SA"} {
		if _, err := svc.AddClient(ctx, certification.Client{LegalName: name, RegisteredAddress: "1 Main Street", EffectivePersonnel: 12}); err != nil {
			tb.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := db.Backup(ctx, &buf, nil); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// splitBackup cuts a backup into its header JSON and its payload.
func splitBackup(tb testing.TB, b []byte) (header, payload []byte) {
	tb.Helper()
	if len(b) < len(backupMagic)+4 || string(b[:len(backupMagic)]) != backupMagic {
		tb.Fatal("not a backup")
	}
	n := int(binary.BigEndian.Uint32(b[len(backupMagic):]))
	start := len(backupMagic) + 4
	return b[start : start+n], b[start+n+sha256.Size:]
}

// frame builds a backup file of a header and a payload. If the header is
// a JSON object, its payload size and checksum are set to the payload's.
func frame(header, payload []byte) []byte {
	var m map[string]any
	if json.Unmarshal(header, &m) == nil && m != nil {
		sum := sha256.Sum256(payload)
		m["payload_bytes"] = len(payload)
		m["payload_sha256"] = hex.EncodeToString(sum[:])
		if h, err := json.Marshal(m); err == nil {
			header = h
		}
	}
	var out bytes.Buffer
	out.WriteString(backupMagic)
	binary.Write(&out, binary.BigEndian, uint32(len(header)))
	out.Write(header)
	sum := sha256.Sum256(header)
	out.Write(sum[:])
	out.Write(payload)
	return out.Bytes()
}

// restoreHostile restores data into a folder that does not exist yet and
// checks the property.
func restoreHostile(t *testing.T, data []byte) {
	ctx := context.Background()
	parent := t.TempDir()
	target := filepath.Join(parent, "restored")
	_, checkErr := storage.CheckBackup(ctx, bytes.NewReader(data), nil)
	_, err := storage.Restore(ctx, bytes.NewReader(data), target, storage.RestoreOptions{})
	if err != nil {
		if err.Error() == "" {
			t.Fatal("an empty error message")
		}
		if _, serr := os.Stat(target); !errors.Is(serr, os.ErrNotExist) {
			t.Fatalf("a refused backup (%v) created the target folder (stat: %v)", err, serr)
		}
		left, _ := os.ReadDir(parent)
		if len(left) > 0 {
			t.Fatalf("a refused backup (%v) left %s beside the target", err, left[0].Name())
		}
		return
	}
	if checkErr != nil {
		t.Fatalf("Restore accepted a file that CheckBackup refuses: %v", checkErr)
	}
	db, err := storage.Open(target)
	if err != nil {
		t.Fatalf("a restored folder does not open: %v", err)
	}
	db.Close()
}

func FuzzBackupReader(f *testing.F) {
	real := smallBackup(f)
	f.Add(real)
	f.Add(real[:len(real)/2])
	f.Add(real[:len(backupMagic)+10])
	flipped := bytes.Clone(real)
	flipped[len(flipped)-5] ^= 0x40
	f.Add(flipped)
	f.Add([]byte(backupMagic))
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04 a zip, not a backup"))
	f.Fuzz(restoreHostile)
}

func FuzzBackupFramed(f *testing.F) {
	header, payload := splitBackup(f, smallBackup(f))
	f.Add(header, payload)
	f.Add(header, payload[:len(payload)/2])
	f.Add(bytes.Replace(header, []byte(`"schema":`), []byte(`"schema":9`), 1), payload)
	f.Add([]byte(`{"format":1,"product":"CertDesk","compression":"zstd","encryption":{"method":"none"},"keys":-1}`), payload)
	f.Add([]byte(`{"format":1,"product":"CertDesk","compression":"zstd","encryption":{"method":"aes-256-gcm"}}`), payload)
	f.Add([]byte(`null`), []byte{})
	f.Fuzz(func(t *testing.T, header, payload []byte) {
		restoreHostile(t, frame(header, payload))
	})
}

// TestBackupFuzzSeedsRefused: a damaged or foreign backup in the
// catalogue below is refused and creates nothing (the property of the
// fuzz tests, on named cases); the real backup restores.
func TestBackupFuzzSeedsRefused(t *testing.T) {
	real := smallBackup(t)
	header, payload := splitBackup(t, real)
	cases := map[string][]byte{
		"cut in the magic":       real[:7],
		"cut in the header":      real[:len(backupMagic)+20],
		"cut in the payload":     real[:len(real)-3],
		"payload byte flipped":   append(bytes.Clone(real[:len(real)-1]), real[len(real)-1]^1),
		"bytes after the end":    append(bytes.Clone(real), 0),
		"header length 4 GB":     append([]byte(backupMagic), 0xff, 0xff, 0xff, 0xff),
		"payload not zstd":       frame(header, []byte("plain text, not zstd")),
		"empty payload":          frame(header, nil),
		"payload of another":     frame(header, payload[:len(payload)-1]),
		"newer schema":           frame(bytes.Replace(header, []byte(`"schema":`), []byte(`"schema":9`), 1), payload),
		"header not JSON":        frame([]byte("{not json"), payload),
		"header of another tool": frame([]byte(`{"format":1,"product":"Other","compression":"zstd","encryption":{"method":"none"}}`), payload),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			parent := t.TempDir()
			target := filepath.Join(parent, "restored")
			if _, err := storage.Restore(ctx, bytes.NewReader(data), target, storage.RestoreOptions{}); err == nil {
				t.Fatal("restored")
			}
			if left, _ := os.ReadDir(parent); len(left) > 0 {
				t.Fatalf("left %s behind", left[0].Name())
			}
		})
	}
	t.Run("the real backup", func(t *testing.T) { restoreHostile(t, real) })
	t.Run("reframed", func(t *testing.T) { restoreHostile(t, frame(header, payload)) })
}

// TestWriteBackupSeeds rewrites the committed seed corpora of the backup
// fuzz tests (after a change of the backup format).
func TestWriteBackupSeeds(t *testing.T) {
	if os.Getenv("CERTDESK_WRITE_FUZZ_SEEDS") == "" {
		t.Skip("set CERTDESK_WRITE_FUZZ_SEEDS=1 to rewrite testdata/fuzz/FuzzBackup*")
	}
	real := smallBackup(t)
	header, payload := splitBackup(t, real)
	write := func(fuzz, name string, args ...[]byte) {
		dir := filepath.Join("testdata", "fuzz", fuzz)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.WriteString("go test fuzz v1\n")
		for _, a := range args {
			fmt.Fprintf(&b, "[]byte(%s)\n", strconv.Quote(string(a)))
		}
		if err := os.WriteFile(filepath.Join(dir, name), b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("FuzzBackupReader", "real", real)
	write("FuzzBackupReader", "truncated", real[:len(real)*2/3])
	write("FuzzBackupReader", "header-only", real[:len(real)-len(payload)])
	write("FuzzBackupFramed", "real", header, payload)
	write("FuzzBackupFramed", "bad-counts", bytes.Replace(header, []byte(`"keys":`), []byte(`"keys":1`), 1), payload)
	write("FuzzBackupFramed", "garbage-payload", header, []byte("\x28\xb5\x2f\xfd garbage after a zstd magic"))
}
