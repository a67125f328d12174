package storage

import (
	"fmt"
	"reflect"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/clone"
)

// Decoded keeps records as they were decoded from their stored bytes,
// for the batches of a desk catching up with the body's journal
// (DB.ApplyBatch): a finding's command reads its certification's whole
// file, the same records entry after entry, and decoding their JSON was
// most of a desk's time catching up. A record is decoded from its bytes
// once; a later read of the same bytes gets a deep copy of that record,
// never shared (a command may change what it reads). A read gets what
// decoding the bytes would give, so nothing it holds can be stale: a
// record written anew reads as other bytes. Safe for concurrent use.
type Decoded struct {
	mu     sync.Mutex
	byType map[reflect.Type]map[string]reflect.Value // by the record's pointer type, then its bytes
	size   int                                       // bytes of the keys held
	limit  int

	files keptFiles // files kept from one batch to the next (keptfiles.go)
}

// decodedLimit is how many bytes of stored records a Decoded holds
// before it starts again empty.
const decodedLimit = 8 << 20

// NewDecoded returns an empty Decoded.
func NewDecoded() *Decoded {
	return &Decoded{byType: map[reflect.Type]map[string]reflect.Value{}, limit: decodedLimit}
}

// decodeItem is decodeItem through c (nil: decodeItem).
func (c *Decoded) decodeItem(item *badger.Item, kind certification.Kind, id certification.ID, dst certification.Record) error {
	v := reflect.ValueOf(dst)
	if c == nil || v.Kind() != reflect.Pointer || v.IsNil() || clone.Of(v.Type().Elem()) == nil {
		return decodeItem(item, kind, id, dst)
	}
	v.Elem().SetZero()
	err := item.Value(func(b []byte) error {
		if c.get(b, v) {
			return nil
		}
		if err := unmarshalRecord(b, dst); err != nil {
			return err
		}
		c.put(b, v)
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: decoding %s %d: %w", kind, id, err)
	}
	return nil
}

// get copies the record stored as b into *dst and reports whether c
// held it.
func (c *Decoded) get(b []byte, dst reflect.Value) bool {
	c.mu.Lock()
	r, ok := c.byType[dst.Type()][string(b)]
	c.mu.Unlock()
	if ok {
		clone.Of(r.Type())(dst.Elem(), r)
	}
	return ok
}

// put keeps a copy of *src, the record decoded from b.
func (c *Decoded) put(b []byte, src reflect.Value) {
	r := reflect.New(src.Type().Elem()).Elem()
	clone.Of(r.Type())(r, src.Elem())
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.size+len(b) > c.limit {
		clear(c.byType)
		c.size = 0
	}
	m := c.byType[src.Type()]
	if m == nil {
		m = map[string]reflect.Value{}
		c.byType[src.Type()] = m
	}
	m[string(b)] = r
	c.size += len(b)
}
