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
	return checkValue(reflect.ValueOf(r), string(r.RecordKind()), "")
}

func checkValue(v reflect.Value, record, path string) error {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return checkValue(v.Elem(), record, path)
	case reflect.String:
		if !utf8.ValidString(v.String()) {
			return invalid(record, path, "holds bytes that are not UTF-8 text (%q): type or paste it again as plain text", v.String())
		}
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return invalid(record, path, "must be a number, got %v", f)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if err := checkValue(v.Index(i), record, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			key := fmt.Sprint(it.Key().Interface())
			if err := checkValue(it.Key(), record, path+" key"); err != nil {
				return err
			}
			if err := checkValue(it.Value(), record, path+"."+key); err != nil {
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
				name = strings.TrimSuffix(path, ".")
			case name == "":
				name = f.Name
			}
			sub := name
			if path != "" && !f.Anonymous {
				sub = path + "." + name
			}
			if err := checkValue(v.Field(i), record, sub); err != nil {
				return err
			}
		}
	}
	return nil
}

// guardedTx checks every record a command writes with CheckValues.
type guardedTx struct{ Tx }

func (t guardedTx) Put(r Record) error {
	if err := CheckValues(r); err != nil {
		return err
	}
	return t.Tx.Put(r)
}
