// Package randfill fills Go values of any type with random contents, for
// tests that must reach every field of the records (value checks, deep
// copies) without listing them.
package randfill

import (
	"math/rand/v2"
	"reflect"
)

// Fill sets v (settable) to a random value: texts, numbers, up to three
// elements of slices and maps, pointers set or nil; depth bounds
// recursive types. With full, every pointer is set and every slice and
// map holds two elements while depth lasts, so that nothing reachable
// is left nil.
func Fill(r *rand.Rand, v reflect.Value, depth int, full bool) {
	switch v.Kind() {
	case reflect.String:
		v.SetString([]string{"", "Nordwind GmbH", "Zürich", "ISO/IEC 42001:2023"}[r.IntN(4)])
	case reflect.Float32, reflect.Float64:
		v.SetFloat(r.Float64() * 100)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(r.IntN(100)))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(r.IntN(100)))
	case reflect.Bool:
		v.SetBool(r.IntN(2) == 0)
	case reflect.Pointer:
		if depth > 0 && (full || r.IntN(3) > 0) {
			p := reflect.New(v.Type().Elem())
			Fill(r, p.Elem(), depth-1, full)
			v.Set(p)
		}
	case reflect.Slice:
		if depth > 0 {
			n := count(r, 4, full)
			s := reflect.MakeSlice(v.Type(), n, n)
			for i := range n {
				Fill(r, s.Index(i), depth-1, full)
			}
			v.Set(s)
		}
	case reflect.Array:
		for i := range v.Len() {
			Fill(r, v.Index(i), depth-1, full)
		}
	case reflect.Map:
		if depth > 0 {
			m := reflect.MakeMap(v.Type())
			for range count(r, 3, full) {
				k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
				Fill(r, k, depth-1, full)
				Fill(r, e, depth-1, full)
				m.SetMapIndex(k, e)
			}
			v.Set(m)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				Fill(r, v.Field(i), depth, full)
			}
		}
	}
}

// count is how many elements a slice or map gets: two when full,
// otherwise up to n-1.
func count(r *rand.Rand, n int, full bool) int {
	if full {
		return 2
	}
	return r.IntN(n)
}
