package clone

import "reflect"

// deepen makes a shallow copy deep: given a settable value that shares
// memory with the original, it replaces what is shared (a pointer's
// target, a slice's or a map's contents) by copies. Nil pointers, slices
// and maps, strings and everything flat are left as they are.
type deepen func(v reflect.Value)

// deepens reports whether a value of t can share memory that a copy must
// not: it holds a pointer, a slice or a map (time.Time's location aside).
func deepens(t reflect.Type, seen map[reflect.Type]bool) bool {
	if t == timeType {
		return false
	}
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
		for i := range t.NumField() {
			if deepens(t.Field(i).Type, seen) {
				return true
			}
		}
	}
	return false
}

// deepenOf makes the deepen of a copyable t once; nil when t needs none.
// memo holds those being built, for a type that refers to itself.
func deepenOf(t reflect.Type, memo map[reflect.Type]*deepen) deepen {
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
		elem, et := deepenOf(t.Elem(), memo), t.Elem()
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
		for i := range t.NumField() {
			if fd := deepenOf(t.Field(i).Type, memo); fd != nil {
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
		elem := deepenOf(t.Elem(), memo)
		f = func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.MakeSlice(t, v.Len(), v.Len())
			reflect.Copy(n, v)
			if elem != nil {
				for i := range n.Len() {
					elem(n.Index(i))
				}
			}
			v.Set(n)
		}
	case reflect.Array:
		elem := deepenOf(t.Elem(), memo)
		f = func(v reflect.Value) {
			for i := range v.Len() {
				elem(v.Index(i))
			}
		}
	case reflect.Map:
		kt, elem, et := t.Key(), deepenOf(t.Elem(), memo), t.Elem()
		f = func(v reflect.Value) {
			if v.IsNil() {
				return
			}
			n := reflect.MakeMapWithSize(t, v.Len())
			k, e := reflect.New(kt).Elem(), reflect.New(et).Elem()
			for it := v.MapRange(); it.Next(); {
				k.Set(it.Key()) // flat or a string (copyable)
				e.Set(it.Value())
				if elem != nil {
					elem(e)
				}
				n.SetMapIndex(k, e) // copies k and e into the map
			}
			v.Set(n)
		}
	}
	return f
}
