package storage

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
)

// blobs re-hashes the content each evidence record names: content that
// is missing or no longer hashes to the record's SHA-256 (whose hash the
// journal chains) was changed outside CertDesk.
func (v *verifier) blobs() error {
	return v.items(kindPrefix(certification.KindEvidence), func(item *badger.Item) error {
		id := idOf(item.Key())
		var e certification.Evidence
		if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &e) }); err != nil {
			v.rep.record(certification.KindEvidence, id, 0, fmt.Sprintf("cannot be read to check its content: %v", err))
			return nil
		}
		if checkHash(e.SHA256) != nil {
			v.rep.record(certification.KindEvidence, id, 0, fmt.Sprintf("names no content (sha256 %q)", e.SHA256))
			return nil
		}
		content, err := readBlob(v.txn, e.SHA256)
		switch {
		case errors.Is(err, certification.ErrNotFound):
			v.rep.record(certification.KindEvidence, id, 0, fmt.Sprintf("its content (%s, sha256 %s) is missing", e.FileName, e.SHA256))
		case err != nil:
			v.rep.record(certification.KindEvidence, id, 0, fmt.Sprintf("its content (%s) cannot be read: %v", e.FileName, err))
		case certification.ContentHash(content) != e.SHA256 || int64(len(content)) != e.Size:
			v.rep.record(certification.KindEvidence, id, 0, fmt.Sprintf("its content (%s) no longer matches its SHA-256 %s: changed outside CertDesk", e.FileName, e.SHA256))
		}
		return nil
	})
}
