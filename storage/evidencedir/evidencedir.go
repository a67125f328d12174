// Package evidencedir writes the evidence files of an audit into a
// folder on disk, beside the audit report they belong to: the one place
// certctl (export xlsx audit-report) and the app (Export → Audit report)
// do it. The domain names the files and reads their content, re-hashed
// (document.AuditPack.WriteEvidence); this package only puts them on
// disk, and never replaces a different file.
package evidencedir

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"certdesk/certification"
	"certdesk/certification/document"
)

// ErrDifferentFile is returned (wrapped, naming the file) when the folder
// already holds a different file of an evidence file's name.
var ErrDifferentFile = errors.New("a different file of that name is already there")

// Beside is the folder the evidence of the workbook at path goes to when
// none is chosen: "report evidence" beside "report.xlsx".
func Beside(path string) string {
	stem := strings.TrimSuffix(path, filepath.Ext(path))
	return stem + " evidence"
}

// Write writes the files of p's evidence into dir, made when p has any
// (nothing is made for an audit without evidence), and returns their
// paths. Each is written to a temporary file renamed when complete. A
// file already there with the same content is kept; a different one is
// refused (ErrDifferentFile) before any file is written.
func Write(ctx context.Context, svc *certification.Service, p *document.AuditPack, dir string) ([]string, error) {
	if len(p.Evidence) == 0 {
		return nil, nil
	}
	same := map[string]bool{} // names already there with the content
	for _, e := range p.Evidence {
		name := document.EvidenceFileName(e.Evidence)
		switch h, err := hashFile(filepath.Join(dir, name)); {
		case errors.Is(err, fs.ErrNotExist):
		case err != nil:
			return nil, err
		case h != e.SHA256:
			return nil, fmt.Errorf("%s: %w (it is not evidence %d of the report); choose another folder or move it away", filepath.Join(dir, name), ErrDifferentFile, e.ID)
		default:
			same[name] = true
		}
	}
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, err
	}
	var out []string
	err := p.WriteEvidence(ctx, svc, func(name string, content []byte) error {
		path := filepath.Join(dir, name)
		out = append(out, path)
		if same[name] {
			return nil
		}
		return writeNew(path, content)
	})
	return out, err
}

func hashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil {
		return "", err
	} else if !st.Mode().IsRegular() {
		return "", fmt.Errorf("%s: %w (not a file)", path, ErrDifferentFile)
	}
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// writeNew writes content to path through a temporary file beside it,
// renamed once written and synced.
func writeNew(path string, content []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".evidence-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(content)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
