package storage

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"certdesk/certification"

	"github.com/dgraph-io/badger/v4"
)

// records compares every record with what the journal says of it.
func (v *verifier) records() error {
	rep := v.rep
	type ixKey struct {
		key  string
		kind certification.Kind
	}
	var ix []ixKey

	err := v.items([]byte(recordPrefix), func(item *badger.Item) error {
		key := item.Key()
		kind, id, ok := parseRecordKey(key)
		if !ok {
			rep.record(certification.Kind(fmt.Sprintf("%q", key)), 0, 0, "a key that is not a record's: written outside CertDesk")
			return nil
		}
		rep.Records++
		var data []byte
		err := item.Value(func(b []byte) error {
			if v.opt.Indexes {
				data = bytes.Clone(b)
			}
			x := v.want[recordRef{kind, id}]
			switch {
			case x == nil:
				rep.record(kind, id, 0, "not in the journal: written outside CertDesk")
			case !x.exists:
				x.seen = true
				rep.record(kind, id, x.seq, fmt.Sprintf("deleted by journal entry %d but present: written outside CertDesk after it", x.seq))
			default:
				x.seen = true
				if !x.known || sha256.Sum256(b) != x.sum {
					rep.record(kind, id, x.seq, fmt.Sprintf("changed outside CertDesk after journal entry %d", x.seq))
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("storage: reading %s %d: %w", kind, id, err)
		}
		if !v.opt.Indexes {
			return nil
		}
		r, err := newRecord(kind)
		if err != nil {
			return nil // a kind this CertDesk does not know has no index terms it could check
		}
		if err := json.Unmarshal(data, r); err != nil {
			rep.record(kind, id, 0, fmt.Sprintf("cannot be read (%v)", err))
			return nil
		}
		keys, err := indexKeys(r, id)
		if err != nil {
			rep.record(kind, id, 0, err.Error())
			return nil
		}
		for k := range keys {
			ix = append(ix, ixKey{k, kind})
		}
		return nil
	})
	if err != nil {
		return err
	}

	// Records the journal says exist that are not there, in journal order.
	var gone []recordRef
	for ref, x := range v.want {
		if x.exists && !x.seen {
			gone = append(gone, ref)
		}
	}
	slices.SortFunc(gone, func(a, b recordRef) int {
		if c := cmp.Compare(v.want[a].seq, v.want[b].seq); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.kind), string(b.kind)); c != 0 {
			return c
		}
		return cmp.Compare(uint64(a.id), uint64(b.id))
	})
	for _, ref := range gone {
		x := v.want[ref]
		rep.record(ref.kind, ref.id, x.seq, fmt.Sprintf("deleted outside CertDesk after journal entry %d", x.seq))
	}
	if !v.opt.Indexes {
		return nil
	}

	// Index entries: a merge of the sorted expected keys with Badger's.
	slices.SortFunc(ix, func(a, b ixKey) int { return strings.Compare(a.key, b.key) })
	i := 0
	missing := func(k ixKey) {
		index, value, id := splitAnyIndexKey([]byte(k.key))
		rep.index(index, value, id, fmt.Sprintf("missing: %s %d files itself under it", k.kind, id))
	}
	err = eachKey(v.txn, []byte(indexPrefix), nil, func(key []byte) error {
		if err := v.tick(); err != nil {
			return err
		}
		rep.IndexEntries++
		for i < len(ix) && ix[i].key < string(key) {
			missing(ix[i])
			i++
		}
		if i < len(ix) && ix[i].key == string(key) {
			for i < len(ix) && ix[i].key == string(key) {
				i++
			}
			return nil
		}
		index, value, id := splitAnyIndexKey(key)
		rep.index(index, value, id, "left over: no record files itself under it")
		return nil
	})
	for ; i < len(ix); i++ {
		missing(ix[i])
	}
	return err
}

// parseRecordKey splits "r/<kind>/<id>".
func parseRecordKey(key []byte) (certification.Kind, certification.ID, bool) {
	n := len(key)
	if n < len(recordPrefix)+2+8 || key[n-9] != '/' {
		return "", 0, false
	}
	kind := string(key[len(recordPrefix) : n-9])
	if checkName("kind", kind) != nil {
		return "", 0, false
	}
	return certification.Kind(kind), idOf(key), true
}

// splitAnyIndexKey splits "i/<index>/<value><id>" as far as it can.
func splitAnyIndexKey(key []byte) (string, []byte, certification.ID) {
	rest := key[len(indexPrefix):]
	slash := bytes.IndexByte(rest, '/')
	if slash < 0 || len(rest)-slash-1 < 8 {
		return string(rest), nil, 0
	}
	value, id := splitIndexKey(key, len(indexPrefix)+slash+1)
	return string(rest[:slash]), value, id
}
