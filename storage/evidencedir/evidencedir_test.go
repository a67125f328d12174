package evidencedir_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"certdesk/certification"
	"certdesk/certification/auditfixture"
	"certdesk/certification/document"
	"certdesk/storage"
	"certdesk/storage/evidencedir"
)

// Three files of an audit in a folder on disk, read back: named by id
// so two "scan.pdf" do not collide, a hostile name kept inside the
// folder; a second export keeps them; a different file in the way is
// refused before anything is written.
func TestWriteEvidenceIntoAFolder(t *testing.T) {
	ctx := context.Background()
	db, err := storage.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	fx, err := auditfixture.Build(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	a := fx.Integrated42001
	files := map[string][]byte{}
	for _, x := range []struct {
		ref, name string
		content   []byte
	}{{"4.1", "scan.pdf", []byte("%PDF first scan")}, {"4.2", "scan.pdf", []byte("%PDF second scan")}, {"5.2", `..\..\boot.ini`, []byte("not a path")}} {
		id, err := fx.Svc.AttachEvidence(ctx, certification.Evidence{AuditID: a, Ref: x.ref, FileName: x.name}, x.content)
		if err != nil {
			t.Fatal(err)
		}
		e, _, err := fx.Svc.EvidenceContent(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		files[document.EvidenceFileName(e)] = x.content
	}
	p, err := document.NewAuditPack(ctx, fx.Svc, a)
	if err != nil {
		t.Fatal(err)
	}
	dir := evidencedir.Beside(filepath.Join(t.TempDir(), "report.xlsx"))
	if filepath.Base(dir) != "report evidence" {
		t.Errorf("default folder %q", dir)
	}
	written, err := evidencedir.Write(ctx, fx.Svc, p, dir)
	if err != nil {
		t.Fatal(err)
	}
	es, _ := os.ReadDir(dir)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	if len(written) != 3 || len(names) != 3 || len(files) != 3 {
		t.Fatalf("wrote %q, folder holds %q", written, names)
	}
	for _, path := range written {
		want, ok := files[filepath.Base(path)]
		got, err := os.ReadFile(path)
		if !ok || err != nil || !bytes.Equal(got, want) || filepath.Dir(path) != dir {
			t.Errorf("%s: %q (%v), want %q", path, got, err, want)
		}
		if !slices.ContainsFunc(p.Evidence, func(e document.PackEvidence) bool { return e.SHA256 == certification.ContentHash(got) }) {
			t.Errorf("%s does not hash to any evidence of the report", path)
		}
	}

	// Again: the same files are kept.
	if again, err := evidencedir.Write(ctx, fx.Svc, p, dir); err != nil || !slices.Equal(again, written) {
		t.Errorf("second export %q, %v", again, err)
	}
	// A different file in the way: refused, nothing written.
	other := t.TempDir()
	mine := filepath.Join(other, filepath.Base(written[1]))
	if err := os.WriteFile(mine, []byte("my own notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := evidencedir.Write(ctx, fx.Svc, p, other); !errors.Is(err, evidencedir.ErrDifferentFile) {
		t.Errorf("a different file in the way: %v", err)
	}
	if es, _ := os.ReadDir(other); len(es) != 1 {
		t.Errorf("the refused export wrote %d files", len(es)-1)
	}
	if got, _ := os.ReadFile(mine); string(got) != "my own notes" {
		t.Errorf("the file in the way was replaced: %q", got)
	}
}
