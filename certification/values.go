package certification

import (
	"fmt"
	"math"
	"reflect"
	"strings"
	"unicode/utf8"
)

// CheckValues refuses a record holding text that is not valid UTF-8 or a
// number that is not finite (NaN, ±Inf), naming the field by its JSON
// path ("sites[2].name"). JSON cannot carry such values faithfully: the
// store would keep U+FFFD instead of the bytes given, or fail to encode
// the record at all. Every command writes through it (guardedTx), so the
// command line, the app, the imports and the workbook reader are all
// refused alike; each record's Validate checks the ranges.
func CheckValues(r Record) error {
	return checkValues(string(r.RecordKind()), r)
}

// checkValues is CheckValues for any value, named as what in messages.
// Every command writes through it, so it first looks without naming
// anything (no paths built, nothing allocated) and walks again with the
// paths only to name what it found.
func checkValues(what string, x any) error {
	if valuesValid(reflect.ValueOf(x)) {
		return nil
	}
	return EachValue(x, func(path string, v reflect.Value) error {
		switch v.Kind() {
		case reflect.String:
			if !utf8.ValidString(v.String()) {
				return invalid(what, path, "holds bytes that are not UTF-8 text (%q): type or paste it again as plain text", v.String())
			}
		case reflect.Float32, reflect.Float64:
			if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
				return invalid(what, path, "must be a number, got %v", f)
			}
		}
		return nil
	})
}

// EachValue calls fn with each text and number in v (a record, or any
// value of exported fields), in field order, with its JSON path
// ("sites[2].name"; a map key's path ends in " key"). An error from fn
// ends the walk and is returned. Byte slices are not walked.
func EachValue(v any, fn func(path string, v reflect.Value) error) error {
	return eachValue(reflect.ValueOf(v), "", fn)
}

func eachValue(v reflect.Value, path string, fn func(string, reflect.Value) error) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return eachValue(v.Elem(), path, fn)
	case reflect.String, reflect.Float32, reflect.Float64:
		return fn(path, v)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return nil
		}
		for i := range v.Len() {
			if err := eachValue(v.Index(i), fmt.Sprintf("%s[%d]", path, i), fn); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if err := eachValue(it.Key(), path+" key", fn); err != nil {
				return err
			}
			if err := eachValue(it.Value(), fieldPath(path, fmt.Sprint(it.Key().Interface())), fn); err != nil {
				return err
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			switch {
			case name == "-":
				continue
			case name == "" && f.Anonymous:
				name = ""
			case name == "":
				name = f.Name
			}
			if err := eachValue(v.Field(i), fieldPath(path, name), fn); err != nil {
				return err
			}
		}
	}
	return nil
}

// fieldPath is the path of field name inside path.
func fieldPath(path, name string) string {
	switch {
	case name == "":
		return path
	case path == "":
		return name
	}
	return path + "." + name
}

// guardedTx checks every record a command writes with CheckValues.
type guardedTx struct{ Tx }

func (t guardedTx) Put(r Record) error {
	if err := CheckValues(r); err != nil {
		return err
	}
	return t.Tx.Put(r)
}
