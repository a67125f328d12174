package main

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"github.com/alecthomas/kong"

	"certdesk/certification"
)

// csv is a list flag given repeated or comma-separated ("--x a,b --x c");
// values are trimmed and empty ones dropped.
type csv []string

func (l *csv) Decode(ctx *kong.DecodeContext) error {
	var s string
	if err := ctx.Scan.PopValueInto("list", &s); err != nil {
		return err
	}
	if *l == nil {
		*l = csv{}
	}
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// seed is the seed of a random draw; set says whether one was given.
type seed struct {
	n   uint64
	set bool
}

func (s *seed) Decode(ctx *kong.DecodeContext) error {
	var v string
	if err := ctx.Scan.PopValueInto("seed", &v); err != nil {
		return err
	}
	n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
	if err != nil {
		return inputf("%q is not a whole number from 0 to %d", v, uint64(1<<64-1))
	}
	s.n, s.set = n, true
	return nil
}

// orToday is d, or today when the date was left out.
func (e *env) orToday(d certification.Date) certification.Date {
	if d.IsZero() {
		return e.todayDate()
	}
	return d
}

// parseID reads an id inside a flag's value; what names it in the message.
func parseID(what, s string) (certification.ID, error) {
	id, err := certification.ParseID(s)
	if err != nil {
		return 0, inputf("%s: %v", what, err)
	}
	return id, nil
}

// multi is a list flag given repeated ("--x a --x b"); a value may
// start with a hyphen ("--adjust -5:REASON").
type multi []string

func (l *multi) Decode(ctx *kong.DecodeContext) error {
	var s string
	if err := ctx.Scan.PopValueInto("value", &s); err != nil {
		return err
	}
	*l = append(*l, s)
	return nil
}

var (
	dateType = reflect.TypeFor[certification.Date]()
	idType   = reflect.TypeFor[certification.ID]()
)

// mappers reads certctl's typed flags: dates as YYYY-MM-DD, record ids,
// and numbers with the messages certctl has always given.
func mappers() kong.Option {
	return kong.OptionFunc(func(k *kong.Kong) error {
		for _, o := range []kong.Option{
			kong.TypeMapper(dateType, decodeOptional(certification.ParseDate)),
			kong.TypeMapper(idType, decodeOptional(certification.ParseID)),
			kong.TypeMapper(reflect.TypeFor[int](), kong.MapperFunc(decodeNumber)),
			kong.TypeMapper(reflect.TypeFor[int64](), kong.MapperFunc(decodeNumber)),
			kong.TypeMapper(reflect.TypeFor[uint64](), kong.MapperFunc(decodeNumber)),
			kong.TypeMapper(reflect.TypeFor[float64](), kong.MapperFunc(decodeNumber)),
		} {
			if err := o.Apply(k); err != nil {
				return err
			}
		}
		return nil
	})
}

// decodeOptional reads a value with parse; an empty one is T's zero
// value (left out). It reads dates and record ids.
func decodeOptional[T any](parse func(string) (T, error)) kong.MapperFunc {
	return func(ctx *kong.DecodeContext, target reflect.Value) error {
		var s string
		if err := ctx.Scan.PopValueInto("value", &s); err != nil {
			return err
		}
		var v T
		if s != "" {
			var err error
			if v, err = parse(s); err != nil {
				return err
			}
		}
		target.Set(reflect.ValueOf(v))
		return nil
	}
}

// decodeNumber reads an int, int64, uint64 or float64 flag.
func decodeNumber(ctx *kong.DecodeContext, target reflect.Value) error {
	var s string
	if err := ctx.Scan.PopValueInto("number", &s); err != nil {
		return err
	}
	var err error
	switch target.Kind() {
	case reflect.Float64:
		var f float64
		f, err = strconv.ParseFloat(s, 64)
		target.SetFloat(f)
	case reflect.Uint64:
		var u uint64
		u, err = strconv.ParseUint(s, 0, 64)
		target.SetUint(u)
	default:
		var n int64
		n, err = strconv.ParseInt(s, 0, target.Type().Bits())
		target.SetInt(n)
	}
	if err != nil {
		return fmt.Errorf("invalid value %q for flag -%s: parse error", s, ctx.Value.Name)
	}
	return nil
}
