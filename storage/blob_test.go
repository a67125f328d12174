package storage

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
)

// evidenceContent is a file past one blob chunk, with a marker that must
// not appear in an encrypted folder's files.
func evidenceContent() []byte {
	marker := []byte("EVIDENCE-MARKER-7f3a ")
	return bytes.Repeat(marker, blobChunk/len(marker)+1000)
}

func blobKeys(t *testing.T, db *DB) []string {
	t.Helper()
	var keys []string
	err := db.bdb.View(func(txn *badger.Txn) error {
		return eachKey(txn, []byte(blobPrefix), nil, func(k []byte) error {
			keys = append(keys, string(k[:len(k)-4]))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

// TestEvidenceInEncryptedFolder attaches a file of two chunks twice to
// an encrypted data folder: it is stored once, encrypted, read back
// after reopening, and verify re-hashes it; a chunk changed outside
// CertDesk is reported by verify and refused on reading.
func TestEvidenceInEncryptedFolder(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "data")
	if _, err := encryptFolder(ctx, dir, pass1, testKDF, nil); err != nil {
		t.Fatal(err)
	}
	db := openEncrypted(t, dir, pass1)
	fx, err := auditfixture.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	content := evidenceContent()
	var ids []certification.ID
	for _, ref := range []string{"4.1", "4.2"} {
		id, err := fx.Svc.AttachEvidence(ctx, certification.Evidence{AuditID: fx.Integrated42001, Ref: ref, FileName: "scan.pdf"}, content)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if keys := blobKeys(t, db); len(keys) != 2 || keys[0] != keys[1] {
		t.Fatalf("blob chunks %q, want the two chunks of one blob", keys)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if hits := filesHolding(t, dir, []string{"EVIDENCE-MARKER-7f3a"}); len(hits) > 0 {
		t.Fatalf("the encrypted folder reveals the evidence: %v", hits)
	}

	db = openEncrypted(t, dir, pass1)
	defer db.Close()
	svc := certification.NewService(db, fx.Clock).As(certification.Actor{Name: "Sam Scheme"})
	for _, id := range ids {
		if _, got, err := svc.EvidenceContent(ctx, id); err != nil || !bytes.Equal(got, content) {
			t.Fatalf("evidence %d read back %d bytes, %v", id, len(got), err)
		}
	}
	if rep := mustVerifyOK(t, db); rep.Records == 0 {
		t.Fatal("verify read no records")
	}

	// A chunk changed outside CertDesk.
	hash := certification.ContentHash(content)
	err = db.bdb.Update(func(txn *badger.Txn) error {
		return txn.Set(blobKey(hash, 1), []byte("tampered"))
	})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := db.Verify(ctx, VerifyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.OK() || rep.RecordProblemsTotal != 2 || rep.RecordProblems[0].Kind != certification.KindEvidence ||
		rep.RecordProblems[0].ID != ids[0] || !strings.Contains(rep.RecordProblems[0].Problem, "no longer matches its SHA-256") {
		t.Errorf("verify after tampering: %+v", rep.RecordProblems)
	}
	if _, _, err := svc.EvidenceContent(ctx, ids[0]); !errors.Is(err, certification.ErrEvidenceAltered) {
		t.Errorf("reading tampered evidence: %v", err)
	}

	// A missing chunk.
	err = db.bdb.Update(func(txn *badger.Txn) error { return txn.Delete(blobKey(hash, 0)) })
	if err != nil {
		t.Fatal(err)
	}
	if rep, err := db.Verify(ctx, VerifyOptions{}); err != nil || rep.RecordProblemsTotal != 2 || !strings.Contains(rep.RecordProblems[0].Problem, "chunk 0 is missing") {
		t.Errorf("verify after a chunk went: %+v, %v", rep, err)
	}
}

// TestBlobLargerThanATransaction stores a file many times a Badger
// transaction's size limit in one command on disk, and backs it up and
// restores it.
func TestBlobLargerThanATransaction(t *testing.T) {
	ctx := context.Background()
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fx, err := auditfixture.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	content := bytes.Repeat([]byte{0, 1, 2, 3, 4, 5, 6, 7}, (certification.DefaultEvidenceMaxMB<<20)/8)
	id, err := fx.Svc.AttachEvidence(ctx, certification.Evidence{AuditID: fx.Integrated42001, Ref: "4.1", FileName: "video.mp4"}, content)
	if err != nil {
		t.Fatal(err)
	}
	if _, got, err := fx.Svc.EvidenceContent(ctx, id); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("read back %d bytes, %v", len(got), err)
	}
	if keys := blobKeys(t, db); len(keys) != 7 {
		t.Errorf("%d chunks, want 7 of 4 MB", len(keys))
	}
	mustVerifyOK(t, db)

	// A backup carries it; the restored folder reads it back.
	var b bytes.Buffer
	if _, err := db.Backup(ctx, &b, nil); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "restored")
	if _, err := Restore(ctx, &b, dir, RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	back, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	svc := certification.NewService(back, fx.Clock)
	if _, got, err := svc.EvidenceContent(ctx, id); err != nil || !bytes.Equal(got, content) {
		t.Fatalf("restored: read back %d bytes, %v", len(got), err)
	}
	mustVerifyOK(t, back)
}

func mustVerifyOK(t *testing.T, db *DB) *VerifyReport {
	t.Helper()
	rep, err := db.Verify(context.Background(), VerifyOptions{Indexes: true})
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("verify: %+v %+v %+v", rep.BrokenEntries, rep.RecordProblems, rep.IndexProblems)
	}
	return rep
}
