package memstore

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"

	"certdesk/certification"
)

// copyInto deep-copies src into dst. A dst of another type of the same
// kind (one that reads only some of the record's fields) gets what the
// record's JSON decodes to, as from the Badger store.
func copyInto(dst, src certification.Record) error {
	dv, sv := reflect.ValueOf(dst), reflect.ValueOf(src)
	if dv.Kind() != reflect.Pointer || dv.IsNil() {
		return fmt.Errorf("memstore: cannot read a %T into a %T", src, dst)
	}
	if dv.Type() != sv.Type() {
		b, err := json.Marshal(src)
		if err != nil {
			return fmt.Errorf("memstore: reading a %T into a %T: %w", src, dst, err)
		}
		dv.Elem().SetZero()
		return json.Unmarshal(b, dst)
	}
	deepCopy(dv.Elem(), sv.Elem())
	return nil
}

// copier deep-copies src into the settable dst of the same type. Strings
// are shared: they are immutable.
type copier func(dst, src reflect.Value)

var (
	copiersMu sync.RWMutex
	copiers   = map[reflect.Type]copier{}
)

// deepCopy sets dst to a deep copy of src.
func deepCopy(dst, src reflect.Value) {
	t := src.Type()
	copiersMu.RLock()
	c, ok := copiers[t]
	copiersMu.RUnlock()
	if !ok {
		copiersMu.Lock()
		c = build(t, map[reflect.Type]*copier{})
		copiers[t] = c
		copiersMu.Unlock()
	}
	c(dst, src)
}

// flat reports whether values of t can be copied by assignment: no
// pointers, slices or maps inside.
func flat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return false
	case reflect.Array:
		return flat(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if !flat(t.Field(i).Type) {
				return false
			}
		}
	}
	return true
}

func assign(dst, src reflect.Value) { dst.Set(src) }

// build makes the copier of t once, so that copying walks no type
// information at run time. memo handles recursive types.
func build(t reflect.Type, memo map[reflect.Type]*copier) copier {
	if flat(t) {
		return assign
	}
	if c, ok := memo[t]; ok {
		return func(d, s reflect.Value) { (*c)(d, s) }
	}
	var c copier
	memo[t] = &c
	switch t.Kind() {
	case reflect.Pointer:
		elem, et := build(t.Elem(), memo), t.Elem()
		c = func(d, s reflect.Value) {
			if s.IsNil() {
				d.SetZero()
				return
			}
			n := reflect.New(et)
			elem(n.Elem(), s.Elem())
			d.Set(n)
		}
	case reflect.Struct:
		// Assign the whole struct, then replace the fields that share memory.
		var idx []int
		var fs []copier
		for i := 0; i < t.NumField(); i++ {
			if ft := t.Field(i).Type; !flat(ft) {
				idx = append(idx, i)
				fs = append(fs, build(ft, memo))
			}
		}
		c = func(d, s reflect.Value) {
			d.Set(s)
			for k, i := range idx {
				fs[k](d.Field(i), s.Field(i))
			}
		}
	case reflect.Slice:
		et := t.Elem()
		if flat(et) {
			c = func(d, s reflect.Value) {
				if s.IsNil() {
					d.SetZero()
					return
				}
				n := reflect.MakeSlice(t, s.Len(), s.Len())
				reflect.Copy(n, s)
				d.Set(n)
			}
		} else {
			elem := build(et, memo)
			c = func(d, s reflect.Value) {
				if s.IsNil() {
					d.SetZero()
					return
				}
				n := reflect.MakeSlice(t, s.Len(), s.Len())
				for i := 0; i < s.Len(); i++ {
					elem(n.Index(i), s.Index(i))
				}
				d.Set(n)
			}
		}
	case reflect.Array:
		elem := build(t.Elem(), memo)
		c = func(d, s reflect.Value) {
			for i := 0; i < s.Len(); i++ {
				elem(d.Index(i), s.Index(i))
			}
		}
	case reflect.Map:
		elem, et := build(t.Elem(), memo), t.Elem()
		c = func(d, s reflect.Value) {
			if s.IsNil() {
				d.SetZero()
				return
			}
			n := reflect.MakeMapWithSize(t, s.Len())
			it := s.MapRange()
			for it.Next() {
				v := reflect.New(et).Elem()
				elem(v, it.Value())
				n.SetMapIndex(it.Key(), v)
			}
			d.Set(n)
		}
	default: // interfaces, channels, functions: shared
		c = assign
	}
	return c
}
