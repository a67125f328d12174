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

// deepen makes a shallow copy deep: given a settable value that shares
// memory with the original, it replaces what is shared (a pointer's
// target, a slice's or a map's contents) by copies. Nil pointers, slices
// and maps, and everything flat, are left as they are, so a record is
// copied by one assignment plus work only where it holds something.
type deepen func(v reflect.Value)

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
		c = copierOf(t)
		copiers[t] = c
		copiersMu.Unlock()
	}
	c(dst, src)
}

func copierOf(t reflect.Type) copier {
	if flat(t) {
		return func(d, s reflect.Value) { d.Set(s) }
	}
	deep := build(t, map[reflect.Type]*deepen{})
	return func(d, s reflect.Value) {
		d.Set(s)
		deep(d)
	}
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

// deepens reports whether build(t) has anything to do: false for flat
// types and for those whose only shared memory is strings, interfaces,
// channels or functions, which stay shared.
func deepens(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map:
		return true
	case reflect.Array:
		return deepens(t.Elem(), seen)
	case reflect.Struct:
		seen[t] = true
		defer delete(seen, t)
		for i := 0; i < t.NumField(); i++ {
			if deepens(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// build makes the deepen of t once, so that copying walks no type
// information at run time; it returns nil when t needs none. memo
// handles recursive types.
func build(t reflect.Type, memo map[reflect.Type]*deepen) deepen {
	if !deepens(t, map[reflect.Type]bool{}) {
		return nil
	}
	if f, ok := memo[t]; ok {
		return func(v reflect.Value) { (*f)(v) }
	}
	var f deepen
	memo[t] = &f
	switch t.Kind() {
	case reflect.Pointer:
		elem, et := build(t.Elem(), memo), t.Elem()
		f = func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.New(et)
			n.Elem().Set(v.Elem())
			if elem != nil {
				elem(n.Elem())
			}
			v.Set(n)
		}
	case reflect.Struct:
		var idx []int
		var fs []deepen
		for i := 0; i < t.NumField(); i++ {
			if fd := build(t.Field(i).Type, memo); fd != nil {
				idx = append(idx, i)
				fs = append(fs, fd)
			}
		}
		f = func(v reflect.Value) {
			for k, i := range idx {
				fs[k](v.Field(i))
			}
		}
	case reflect.Slice:
		elem := build(t.Elem(), memo)
		f = func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.MakeSlice(t, v.Len(), v.Len())
			reflect.Copy(n, v)
			if elem != nil {
				for i := 0; i < n.Len(); i++ {
					elem(n.Index(i))
				}
			}
			v.Set(n)
		}
	case reflect.Array:
		elem := build(t.Elem(), memo)
		f = func(v reflect.Value) {
			for i := 0; i < v.Len(); i++ {
				elem(v.Index(i))
			}
		}
	case reflect.Map:
		elem, et := build(t.Elem(), memo), t.Elem()
		f = func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.MakeMapWithSize(t, v.Len())
			it := v.MapRange()
			for it.Next() {
				e := reflect.New(et).Elem()
				e.Set(it.Value())
				if elem != nil {
					elem(e)
				}
				n.SetMapIndex(it.Key(), e)
			}
			v.Set(n)
		}
	}
	return f
}
