package memstore

import (
	"bytes"
	"fmt"

	"certdesk/certification"
)

// PutBlob stores a copy of content under its SHA-256, once.
func (t *tx) PutBlob(content []byte) (string, error) {
	if err := t.check("PutBlob"); err != nil {
		return "", err
	}
	hash := certification.ContentHash(content)
	if _, ok := t.s.blobs[hash]; ok {
		return hash, nil
	}
	if t.s.blobs == nil {
		t.s.blobs = map[string][]byte{}
	}
	t.s.blobs[hash] = bytes.Clone(content)
	t.undo = append(t.undo, func() { delete(t.s.blobs, hash) })
	return hash, nil
}

// Blob returns a copy of the content stored under hash.
func (t *tx) Blob(hash string) ([]byte, error) {
	b, ok := t.s.blobs[hash]
	if !ok {
		return nil, fmt.Errorf("content %s: %w", hash, certification.ErrNotFound)
	}
	return bytes.Clone(b), nil
}
