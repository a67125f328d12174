// Package clone makes deep copies of records. The stores hand out and
// keep copies (the memory store's records, the Badger store's decoded
// records and a desk's kept files), so that changing what a caller got
// never changes what is stored, and the copies are cheaper than decoding
// the record again.
//
// A copy is one assignment plus new memory only where the value holds a
// non-nil pointer, slice or map: flat values and strings (which never
// change) are shared. The copier of a type is built once and walks no
// type information when it runs.
package clone

import (
	"reflect"
	"sync"
	"time"
)

// Func sets the settable dst to a deep copy of src, a value of the same
// type.
type Func func(dst, src reflect.Value)

var funcs sync.Map // reflect.Type → Func (nil: a type it cannot copy)

// Of returns the deep copier of t, or nil when t holds something it
// cannot copy: an interface, a channel, a function, an unsafe pointer, a
// map keyed by something that refers to memory, or an unexported field
// that refers to memory (time.Time's location aside, which never
// changes). A record decoded from JSON holds none of these.
func Of(t reflect.Type) Func {
	if f, ok := funcs.Load(t); ok {
		return f.(Func)
	}
	var f Func
	if copyable(t, map[reflect.Type]bool{}) {
		if d := deepenOf(t, map[reflect.Type]*deepen{}); d != nil {
			f = func(dst, src reflect.Value) {
				dst.Set(src)
				d(dst)
			}
		} else {
			f = func(dst, src reflect.Value) { dst.Set(src) }
		}
	}
	got, _ := funcs.LoadOrStore(t, f)
	return got.(Func)
}

// Into sets *dst to a deep copy of *src; false (and *dst unchanged) when
// T cannot be copied (see Of).
func Into[T any](dst, src *T) bool {
	f := Of(reflect.TypeFor[T]())
	if f == nil {
		return false
	}
	f(reflect.ValueOf(dst).Elem(), reflect.ValueOf(src).Elem())
	return true
}

var timeType = reflect.TypeFor[time.Time]()

// copyable reports whether every value of t can be copied; seen holds the
// types being looked at, for a type that refers to itself.
func copyable(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == timeType || seen[t] {
		return true
	}
	switch t.Kind() {
	case reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return false
	case reflect.Pointer, reflect.Slice, reflect.Array:
		seen[t] = true
		return copyable(t.Elem(), seen)
	case reflect.Map:
		// A key that refers to memory stays shared: a pointer key copied
		// would be another key. So such a map is not copied at all.
		seen[t] = true
		return !deepens(t.Key(), map[reflect.Type]bool{}) && copyable(t.Key(), seen) && copyable(t.Elem(), seen)
	case reflect.Struct:
		seen[t] = true
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && deepens(f.Type, map[reflect.Type]bool{}) {
				return false // reflect cannot set it, so cannot copy it
			}
			if !copyable(f.Type, seen) {
				return false
			}
		}
	}
	return true
}
