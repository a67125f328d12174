package storage

import (
	"reflect"
	"sync"
	"time"
)

// copier deep-copies src into dst, two values of one type: afterwards
// nothing dst holds is shared with src (strings aside: Go's strings do
// not change), so that changing one never changes the other.
type copier func(dst, src reflect.Value)

var copiers sync.Map // reflect.Type → copier (nil: one it cannot copy)

// copierOf returns the deep copier of t, or nil when t holds something
// it cannot copy: an interface, a channel, a function, or an unexported
// field that refers to memory (time.Time's location aside, which never
// changes). A record decoded from JSON holds none of these.
func copierOf(t reflect.Type) copier {
	if c, ok := copiers.Load(t); ok {
		return c.(copier)
	}
	c := buildCopier(t, map[reflect.Type]*copier{})
	copiers.Store(t, c)
	return c
}

var timeType = reflect.TypeFor[time.Time]()

// shallow reports whether a value of t is copied by assignment: it
// refers to no memory that can change.
func shallow(t reflect.Type) bool {
	return t == timeType || t.Kind() == reflect.String || !refersToMemory(t)
}

// buildCopier builds t's copier; building holds the copiers of the types
// being built, for a type that refers to itself.
func buildCopier(t reflect.Type, building map[reflect.Type]*copier) copier {
	if p, ok := building[t]; ok {
		return func(dst, src reflect.Value) { (*p)(dst, src) }
	}
	if shallow(t) {
		return func(dst, src reflect.Value) { dst.Set(src) }
	}
	var c copier
	building[t] = &c
	defer delete(building, t)
	switch t.Kind() {
	case reflect.Pointer:
		elem := buildCopier(t.Elem(), building)
		if elem == nil {
			return nil
		}
		c = func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			p := reflect.New(t.Elem())
			elem(p.Elem(), src.Elem())
			dst.Set(p)
		}
	case reflect.Slice:
		elem := buildCopier(t.Elem(), building)
		if elem == nil {
			return nil
		}
		c = func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			s := reflect.MakeSlice(t, src.Len(), src.Len())
			for i := range src.Len() {
				elem(s.Index(i), src.Index(i))
			}
			dst.Set(s)
		}
	case reflect.Array:
		elem := buildCopier(t.Elem(), building)
		if elem == nil {
			return nil
		}
		c = func(dst, src reflect.Value) {
			for i := range src.Len() {
				elem(dst.Index(i), src.Index(i))
			}
		}
	case reflect.Map:
		key, val := buildCopier(t.Key(), building), buildCopier(t.Elem(), building)
		if key == nil || val == nil {
			return nil
		}
		c = func(dst, src reflect.Value) {
			if src.IsNil() {
				dst.SetZero()
				return
			}
			m := reflect.MakeMapWithSize(t, src.Len())
			for it := src.MapRange(); it.Next(); {
				k, v := reflect.New(t.Key()).Elem(), reflect.New(t.Elem()).Elem()
				key(k, it.Key())
				val(v, it.Value())
				m.SetMapIndex(k, v)
			}
			dst.Set(m)
		}
	case reflect.Struct:
		c = structCopier(t, building)
	}
	return c // nil for interfaces, channels, functions, unsafe pointers
}

// structCopier copies a struct whole, then anew each field that refers
// to memory.
func structCopier(t reflect.Type, building map[reflect.Type]*copier) copier {
	type field struct {
		i int
		c copier
	}
	var deep []field
	for i := range t.NumField() {
		f := t.Field(i)
		if shallow(f.Type) {
			continue // copied with the struct
		}
		if !f.IsExported() {
			return nil
		}
		fc := buildCopier(f.Type, building)
		if fc == nil {
			return nil
		}
		deep = append(deep, field{i, fc})
	}
	return func(dst, src reflect.Value) {
		dst.Set(src)
		for _, f := range deep {
			f.c(dst.Field(f.i), src.Field(f.i))
		}
	}
}

// refersToMemory reports whether a value of t holds a pointer, a slice,
// a map, a string or anything else that refers to memory elsewhere.
func refersToMemory(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return false
	case reflect.Array:
		return t.Len() > 0 && refersToMemory(t.Elem())
	case reflect.Struct:
		for i := range t.NumField() {
			if refersToMemory(t.Field(i).Type) {
				return true
			}
		}
		return false
	}
	return true
}
