package storage

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/klauspost/compress/zstd"

	"certdesk/storage/backupfile"
)

func TestEncryptedBackupRevealsNothingAndRestores(t *testing.T) {
	ctx := context.Background()
	dir, names := encryptedDemo(t, 10)
	db := openEncrypted(t, dir, pass1)
	want := dump(t, db)
	file, info := backupFile(t, db, "enc")
	plainDB, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	fillDemo(t, plainDB, 10)
	plainFile, _ := backupFile(t, plainDB, "plain")
	plainDB.Close()
	db.Close()

	if !info.Encrypted() || info.Encryption.Method != backupfile.Cipher || info.Encryption.KDF != "argon2id" || len(info.Encryption.WrappedKey) != 48 {
		t.Errorf("header: %+v", info.Encryption)
	}
	// The payload is compressed, so names are not in the raw bytes of
	// even a plain backup: look at what decompressing the payload shows.
	// A plain backup shows the names; an encrypted one is no zstd stream
	// at all, and shows them only once decrypted with the key.
	unzstd := func(r io.Reader) ([]byte, error) {
		zr, err := zstd.NewReader(r)
		if err != nil {
			return nil, err
		}
		defer zr.Close()
		return io.ReadAll(zr)
	}
	plainBytes, _ := os.ReadFile(plainFile)
	_, plainPayload := splitBackup(t, plainBytes)
	stream, err := unzstd(bytes.NewReader(plainPayload))
	if err != nil || !bytes.Contains(stream, []byte(names[0])) {
		t.Fatalf("the plain backup's stream does not show %q (%v): the test cannot tell", names[0], err)
	}
	encBytes, _ := os.ReadFile(file)
	if hits := filesHolding(t, filepath.Dir(file), names); len(hits) > 0 {
		t.Errorf("the encrypted backup reveals client names: %v", hits)
	}
	_, encPayload := splitBackup(t, encBytes)
	if out, err := unzstd(bytes.NewReader(encPayload)); err == nil {
		t.Errorf("the encrypted payload decompresses without the key (%d bytes)", len(out))
	}
	master, err := backupMaster(info.Encryption, pass1)
	if err != nil {
		t.Fatal(err)
	}
	or, err := backupfile.NewOpenReader(bytes.NewReader(encPayload), info.Encryption, master, int64(len(encPayload)))
	if err != nil {
		t.Fatal(err)
	}
	if stream, err := unzstd(or); err != nil || !bytes.Contains(stream, []byte(names[0])) {
		t.Errorf("decrypted with the key, the payload does not show %q: %v", names[0], err)
	}

	// Checking it: the checksum alone without the passphrase, the whole
	// of it with.
	if _, err := CheckBackupFile(ctx, file, nil); err != nil {
		t.Errorf("checksum check: %v", err)
	}
	if _, err := CheckBackupFile(ctx, file, pass2); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("check with a wrong passphrase: %v", err)
	}
	if _, err := CheckBackupFile(ctx, file, pass1); err != nil {
		t.Errorf("full check: %v", err)
	}

	// Restore refuses without, and with a wrong, passphrase before it
	// creates anything.
	target := filepath.Join(t.TempDir(), "restored")
	for _, p := range [][]byte{nil, pass2} {
		_, err := RestoreFile(ctx, file, target, RestoreOptions{Passphrase: p})
		if !errors.Is(err, ErrEncrypted) && !errors.Is(err, ErrWrongPassphrase) {
			t.Errorf("restore with %q: %v", p, err)
		}
		if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("restore with %q created the folder", p)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(target), ".restored*")); len(left) > 0 {
			t.Errorf("left behind: %v", left)
		}
	}
	res, err := RestoreFile(ctx, file, target, RestoreOptions{Passphrase: pass1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Keys != len(want) {
		t.Errorf("restored %d keys, want %d", res.Keys, len(want))
	}
	if hits := filesHolding(t, target, names); len(hits) > 0 {
		t.Errorf("the restored folder reveals client names: %v", hits)
	}
	if _, err := Open(target); !errors.Is(err, ErrEncrypted) {
		t.Errorf("the restored folder opens without a passphrase: %v", err)
	}
	r := openEncrypted(t, target, pass1)
	got := dump(t, r)
	r.Close()
	if len(got) != len(want) {
		t.Fatalf("%d keys restored, %d backed up", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("key %q differs after restore", got[i][0])
		}
	}
}

// splitBackup cuts a backup file into its header JSON and its payload.
func splitBackup(t *testing.T, b []byte) (header map[string]any, payload []byte) {
	t.Helper()
	n := len(backupfile.Magic)
	size := int(b[n])<<24 | int(b[n+1])<<16 | int(b[n+2])<<8 | int(b[n+3])
	header = map[string]any{}
	if err := json.Unmarshal(b[n+4:n+4+size], &header); err != nil {
		t.Fatal(err)
	}
	return header, b[n+4+size+32:]
}

func TestEncryptedBackupRefusesAlteredPayloads(t *testing.T) {
	ctx := context.Background()
	dir, _ := encryptedDemo(t, 40)
	db := openEncrypted(t, dir, pass1)
	good, info := backupBytes(t, db)
	db.Close()
	_, payload := splitBackup(t, good)
	chunk := info.Encryption.ChunkBytes + backupfile.TagBytes
	if len(payload) < 2*chunk {
		t.Fatalf("payload of %d bytes: want at least two chunks of %d", len(payload), chunk)
	}
	// Each alteration comes with a header whose checksums match, as an
	// attacker would write it: only the encryption can tell.
	withPayload := func(p []byte) []byte {
		sum := sha256.Sum256(p)
		b := rewriteHeader(t, good, func(h map[string]any) {
			h["payload_bytes"] = len(p)
			h["payload_sha256"] = hex.EncodeToString(sum[:])
		})
		_, old := splitBackup(t, b)
		return append(b[:len(b)-len(old):len(b)-len(old)], p...)
	}
	flip := bytes.Clone(payload)
	flip[chunk+7] ^= 1
	swapped := append(append(bytes.Clone(payload[chunk:2*chunk]), payload[:chunk]...), payload[2*chunk:]...)
	cases := map[string][]byte{
		"a flipped bit":           withPayload(flip),
		"cut at a chunk boundary": withPayload(payload[:chunk]),
		"two chunks swapped":      withPayload(swapped),
		"the last chunk dropped":  withPayload(payload[:(len(payload)-1)/chunk*chunk]),
	}
	for name, b := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := CheckBackup(ctx, bytes.NewReader(b), pass1)
			if !errors.Is(err, ErrBackupDamaged) {
				t.Errorf("check: %v", err)
			}
			target := filepath.Join(t.TempDir(), "r")
			if _, err := Restore(ctx, bytes.NewReader(b), target, RestoreOptions{Passphrase: pass1}); !errors.Is(err, ErrBackupDamaged) {
				t.Errorf("restore: %v", err)
			}
			if _, err := os.Stat(target); !errors.Is(err, os.ErrNotExist) {
				t.Error("restore created the folder")
			}
		})
	}
}

// FuzzCheckEncryptedBackup: an encrypted backup altered anywhere is
// refused with a classified error (or, altered only where nothing is
// checked, accepted), never a panic or a hang. The seed is a real
// encrypted backup with a cheap key derivation; inputs whose header asks
// for a costly one are skipped to keep the fuzzer fast.
func FuzzCheckEncryptedBackup(f *testing.F) {
	dir := filepath.Join(f.TempDir(), "data")
	if _, err := encryptFolder(context.Background(), dir, pass1, testKDF, nil); err != nil {
		f.Fatal(err)
	}
	db := openEncrypted(f, dir, pass1)
	var b bytes.Buffer
	if _, err := db.Backup(context.Background(), &b, nil); err != nil {
		f.Fatal(err)
	}
	db.Close()
	f.Add(b.Bytes())
	f.Add(b.Bytes()[:b.Len()-1])
	f.Fuzz(func(t *testing.T, data []byte) {
		if info, err := readHeader(bytes.NewReader(data)); err == nil && info.Encryption.KDFParams != nil &&
			(info.Encryption.KDFParams.MemoryKiB > 1024 || info.Encryption.KDFParams.Time > 2) {
			t.Skip("a costly key derivation")
		}
		for _, p := range [][]byte{nil, pass1, pass2} {
			_, err := CheckBackup(context.Background(), bytes.NewReader(data), p)
			if err != nil && !errors.Is(err, ErrNotBackup) && !errors.Is(err, ErrBackupDamaged) &&
				!errors.Is(err, ErrBackupUnsupported) && !errors.Is(err, ErrWrongPassphrase) {
				t.Fatalf("passphrase %q: unclassified error: %v", p, err)
			}
		}
	})
}
