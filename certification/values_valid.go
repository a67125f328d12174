package certification

import (
	"math"
	"reflect"
	"sync"
	"unicode/utf8"
)

// valuesValid reports whether every text in v is UTF-8 and every number
// finite, looking where EachValue does (and in fields it skips: a doubt
// only costs the walk that names the value). Every command's records go
// through it, so it walks each type with a checker built once: the
// checker skips what can hold no text or number (ids, dates, counts)
// and never asks reflect for a field's description again.
func valuesValid(v reflect.Value) bool {
	if !v.IsValid() {
		return true
	}
	return checkerOf(v.Type())(v)
}

type checker func(v reflect.Value) bool

var checkers sync.Map // reflect.Type → checker

func checkerOf(t reflect.Type) checker {
	if c, ok := checkers.Load(t); ok {
		return c.(checker)
	}
	c := buildChecker(t, map[reflect.Type]*checker{})
	checkers.Store(t, c)
	return c
}

func valid(reflect.Value) bool { return true }

// buildChecker makes t's checker; memo ends the recursion of recursive
// types.
func buildChecker(t reflect.Type, memo map[reflect.Type]*checker) checker {
	if !holdsValues(t, map[reflect.Type]bool{}) {
		return valid
	}
	if c, ok := memo[t]; ok {
		return func(v reflect.Value) bool { return (*c)(v) }
	}
	var c checker
	memo[t] = &c
	switch t.Kind() {
	case reflect.String:
		c = func(v reflect.Value) bool { return utf8.ValidString(v.String()) }
	case reflect.Float32, reflect.Float64:
		c = func(v reflect.Value) bool {
			f := v.Float()
			return !math.IsNaN(f) && !math.IsInf(f, 0)
		}
	case reflect.Interface:
		c = func(v reflect.Value) bool { return v.IsNil() || valuesValid(v.Elem()) }
	case reflect.Pointer:
		elem := buildChecker(t.Elem(), memo)
		c = func(v reflect.Value) bool { return v.IsNil() || elem(v.Elem()) }
	case reflect.Slice, reflect.Array:
		elem := buildChecker(t.Elem(), memo)
		c = func(v reflect.Value) bool {
			for i := range v.Len() {
				if !elem(v.Index(i)) {
					return false
				}
			}
			return true
		}
	case reflect.Map:
		key, elem := buildChecker(t.Key(), memo), buildChecker(t.Elem(), memo)
		c = func(v reflect.Value) bool {
			it := v.MapRange()
			for it.Next() {
				if !key(it.Key()) || !elem(it.Value()) {
					return false
				}
			}
			return true
		}
	case reflect.Struct:
		var idx []int
		var fs []checker
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsValues(f.Type, map[reflect.Type]bool{}) {
				idx = append(idx, i)
				fs = append(fs, buildChecker(f.Type, memo))
			}
		}
		c = func(v reflect.Value) bool {
			for k, i := range idx {
				if !fs[k](v.Field(i)) {
					return false
				}
			}
			return true
		}
	default:
		c = valid
	}
	return c
}

// holdsValues reports whether a value of t can hold a text or a number
// that valuesValid checks: a string or a float, in t or in what its
// exported fields, elements or pointers lead to (anything, through an
// interface). Byte slices and arrays are not walked.
func holdsValues(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false // a cycle: whatever it holds is found on the way in
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String, reflect.Float32, reflect.Float64, reflect.Interface:
		return true
	case reflect.Pointer:
		return holdsValues(t.Elem(), seen)
	case reflect.Slice, reflect.Array:
		return t.Elem().Kind() != reflect.Uint8 && holdsValues(t.Elem(), seen)
	case reflect.Map:
		return holdsValues(t.Key(), seen) || holdsValues(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if f := t.Field(i); f.IsExported() && holdsValues(f.Type, seen) {
				return true
			}
		}
	}
	return false
}
