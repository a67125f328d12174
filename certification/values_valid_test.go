package certification

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"unicode/utf8"

	"certdesk/certification/internal/randfill"
)

// walkValid is the plain reflective walk valuesValid replaced: the
// reference its checkers must agree with.
func walkValid(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || walkValid(v.Elem())
	case reflect.String:
		return utf8.ValidString(v.String())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		return !math.IsNaN(f) && !math.IsInf(f, 0)
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return true
		}
		for i := range v.Len() {
			if !walkValid(v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if !walkValid(it.Key()) || !walkValid(it.Value()) {
				return false
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && !walkValid(v.Field(i)) {
				return false
			}
		}
	}
	return true
}

// fill sets v (settable) to a random value (randfill.Fill).
func fill(r *rand.Rand, v reflect.Value, depth int) { randfill.Fill(r, v, depth, false) }

// TestValuesValidAgreesWithTheWalk: on random records of every kind,
// valid and with one text or number spoilt, the checkers say what the
// plain walk says.
func TestValuesValidAgreesWithTheWalk(t *testing.T) {
	records := []func() Record{
		func() Record { return new(Client) }, func() Record { return new(Certification) }, func() Record { return new(Audit) },
		func() Record { return new(Finding) }, func() Record { return new(Decision) }, func() Record { return new(Certificate) },
		func() Record { return new(Case) }, func() Record { return new(Person) }, func() Record { return new(Evidence) },
		func() Record { return new(ObligationSet) }, func() Record { return new(BodyStandard) }, func() Record { return new(Policy) },
	}
	r := rand.New(rand.NewPCG(7, 18))
	spoilt := 0
	for round := range 300 {
		for _, mk := range records {
			rec := mk()
			fill(r, reflect.ValueOf(rec).Elem(), 3)
			if got, want := valuesValid(reflect.ValueOf(rec)), walkValid(reflect.ValueOf(rec)); got != want || !got {
				t.Fatalf("round %d, %T: valuesValid %v, the walk %v (want both true)", round, rec, got, want)
			}
			// Spoil one settable text or number.
			var places []reflect.Value
			EachValue(rec, func(_ string, v reflect.Value) error {
				if v.CanSet() {
					places = append(places, v)
				}
				return nil
			})
			if len(places) == 0 {
				continue
			}
			p := places[r.IntN(len(places))]
			if p.Kind() == reflect.String {
				p.SetString("bad \xff byte")
			} else {
				p.SetFloat(math.NaN())
			}
			spoilt++
			if got, want := valuesValid(reflect.ValueOf(rec)), walkValid(reflect.ValueOf(rec)); got != want || got {
				t.Fatalf("round %d, %T spoilt: valuesValid %v, the walk %v (want both false)", round, rec, got, want)
			}
		}
	}
	if spoilt < 1000 {
		t.Errorf("only %d records spoilt: the filler reaches too little", spoilt)
	}
}

func BenchmarkValuesValid(b *testing.B) {
	a := new(Audit)
	fill(rand.New(rand.NewPCG(1, 2)), reflect.ValueOf(a).Elem(), 3)
	b.Run("checkers", func(b *testing.B) {
		for b.Loop() {
			valuesValid(reflect.ValueOf(a))
		}
	})
	b.Run("walk", func(b *testing.B) {
		for b.Loop() {
			walkValid(reflect.ValueOf(a))
		}
	})
}
