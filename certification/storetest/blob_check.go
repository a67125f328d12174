package storetest

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"certdesk/certification"
)

// blobs: PutBlob files content under its SHA-256 and Blob reads it back
// (also an empty one); an unknown hash is ErrNotFound; PutBlob inside a
// View is refused; a blob written by a failed Update is not kept.
func blobs(t *testing.T, s certification.Store) {
	content := bytes.Repeat([]byte("evidence "), 1000)
	for _, c := range [][]byte{content, {}} {
		var hash string
		update(t, s, "put-blob", func(tx certification.Tx) (err error) {
			if hash, err = tx.PutBlob(c); err != nil {
				return err
			}
			_, err = tx.PutBlob(c) // the same bytes again: stored once
			return err
		})
		if hash != certification.ContentHash(c) {
			t.Fatalf("PutBlob filed %d bytes under %s, want their SHA-256", len(c), hash)
		}
		view(t, s, func(tx certification.Tx) error {
			got, err := tx.Blob(hash)
			if err != nil || !bytes.Equal(got, c) {
				t.Errorf("Blob(%s) = %d bytes, %v; want %d bytes", hash, len(got), err, len(c))
			}
			return nil
		})
	}
	lost := []byte("written by a command that failed")
	failed := errors.New("fail")
	err := s.Update(context.Background(), entry("put-blob-fails"), func(tx certification.Tx) error {
		if _, err := tx.PutBlob(lost); err != nil {
			return err
		}
		return failed
	})
	if !errors.Is(err, failed) {
		t.Fatalf("failing Update: %v", err)
	}
	view(t, s, func(tx certification.Tx) error {
		if _, err := tx.Blob(certification.ContentHash(lost)); !errors.Is(err, certification.ErrNotFound) {
			t.Errorf("a blob of a failed Update: %v, want ErrNotFound", err)
		}
		if _, err := tx.PutBlob(lost); err == nil {
			t.Error("PutBlob inside a View succeeded")
		}
		return nil
	})
}
