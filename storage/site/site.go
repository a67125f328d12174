// Package site writes the body's public certificate register as a static
// site (certctl publish, docs/documents.md): index.html with a search box,
// cert/NUMBER.html per certificate and register.json, from
// view.Register. Everything is escaped by html/template; the pages load
// nothing from elsewhere.
package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"certdesk/certification"
	"certdesk/certification/view"
)

// PageName is the file name of a certificate's page under cert/, as
// the certificate's QR code addresses it: certification.RegisterPageName.
func PageName(number string) string { return certification.RegisterPageName(number) }

// Written says what Write wrote.
type Written struct {
	Pages   int      `json:"pages"`
	Removed []string `json:"removed"` // pages of certificates no longer listed
}

// Write writes the register into dir (made if missing): index.html,
// register.json and one page per certificate under cert/, each file
// written beside and renamed. A page under cert/ of a certificate no
// longer listed (withdrawn longer ago than the body lists it) is removed.
func Write(dir string, reg view.Register) (Written, error) {
	var w Written
	certDir := filepath.Join(dir, "cert")
	if err := os.MkdirAll(certDir, 0o755); err != nil {
		return w, err
	}
	keep := map[string]bool{}
	for _, e := range reg.Certificates {
		name := PageName(e.Number)
		if keep[name] {
			return w, fmt.Errorf("two certificates have the page name %s: %s", name, e.Number)
		}
		keep[name] = true
		if err := writeFile(filepath.Join(certDir, name), func(b *bytes.Buffer) error {
			return certificatePage.Execute(b, pageData{Register: reg, Entry: e})
		}); err != nil {
			return w, err
		}
		w.Pages++
	}
	if err := writeFile(filepath.Join(dir, "index.html"), func(b *bytes.Buffer) error { return indexPage.Execute(b, reg) }); err != nil {
		return w, err
	}
	if err := writeFile(filepath.Join(dir, "register.json"), func(b *bytes.Buffer) error {
		enc := json.NewEncoder(b)
		enc.SetIndent("", "  ")
		return enc.Encode(reg)
	}); err != nil {
		return w, err
	}
	old, err := filepath.Glob(filepath.Join(certDir, "*.html"))
	if err != nil {
		return w, err
	}
	for _, f := range old {
		if !keep[filepath.Base(f)] {
			if err := os.Remove(f); err != nil {
				return w, err
			}
			w.Removed = append(w.Removed, filepath.Base(f))
		}
	}
	return w, nil
}

// writeFile writes what fill makes to a file beside path and renames it.
func writeFile(path string, fill func(*bytes.Buffer) error) error {
	var b bytes.Buffer
	if err := fill(&b); err != nil {
		return err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
