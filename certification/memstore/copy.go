package memstore

import (
	"encoding/json"
	"fmt"
	"reflect"

	"certdesk/certification"
	"certdesk/certification/clone"
)

// copyInto deep-copies src into dst. A dst of another type of the same
// kind (one that reads only some of the record's fields) gets what the
// record's JSON decodes to, as from the Badger store; so does a record
// that clone cannot copy (none of today's).
func copyInto(dst, src certification.Record) error {
	dv, sv := reflect.ValueOf(dst), reflect.ValueOf(src)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("memstore: cannot read a %T into a %T", src, dst)
	}
	if dv.Type() == sv.Type() {
		if f := clone.Of(sv.Type().Elem()); f != nil {
			f(dv.Elem(), sv.Elem())
			return nil
		}
	}
	b, err := json.Marshal(src)
	if err != nil {
		return fmt.Errorf("memstore: reading a %T into a %T: %w", src, dst, err)
	}
	dv.Elem().SetZero()
	return json.Unmarshal(b, dst)
}
