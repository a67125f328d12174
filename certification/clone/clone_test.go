package clone_test

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/clone"
	"certdesk/certification/internal/randfill"
)

// records are the record types the stores keep, one of each.
func records() []certification.Record {
	return []certification.Record{
		new(certification.Policy), new(certification.BodyStandard), new(certification.Person),
		new(certification.Client), new(certification.Certification), new(certification.Audit),
		new(certification.Finding), new(certification.Certificate), new(certification.Decision),
		new(certification.ObligationSet), new(certification.Refresh), new(certification.Case),
		new(certification.Evidence), new(certification.IssuedDocument),
	}
}

// shared reports the first place where a and b (equal values) share
// memory that a deep copy must not share.
func shared(a, b reflect.Value, path string) string {
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		return shared(a.Elem(), b.Elem(), path+".*")
	case reflect.Slice:
		if a.Len() == 0 {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		fallthrough
	case reflect.Array:
		for i := 0; i < a.Len(); i++ {
			if p := shared(a.Index(i), b.Index(i), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	case reflect.Map:
		if a.IsNil() {
			return ""
		}
		if a.Pointer() == b.Pointer() {
			return path
		}
		it := a.MapRange()
		for it.Next() {
			if p := shared(it.Value(), b.MapIndex(it.Key()), path+"[key]"); p != "" {
				return p
			}
		}
	case reflect.Struct:
		for i := 0; i < a.NumField(); i++ {
			if p := shared(a.Field(i), b.Field(i), path+"."+a.Type().Field(i).Name); p != "" {
				return p
			}
		}
	}
	return ""
}

// Every record, filled in every field, copies to an equal value that
// shares nothing but strings with the original, whether its fields are
// full, empty (nil) or partly filled.
func TestDeepCopyOfEveryRecord(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, rec := range records() {
		for depth := range 5 {
			src := reflect.New(reflect.TypeOf(rec).Elem())
			randfill.Fill(r, src.Elem(), depth, true)
			dst := reflect.New(src.Type().Elem())
			f := clone.Of(src.Type().Elem())
			if f == nil {
				t.Fatalf("%T cannot be copied", rec)
			}
			f(dst.Elem(), src.Elem())
			name := fmt.Sprintf("%T at depth %d", rec, depth)
			if !reflect.DeepEqual(dst.Interface(), src.Interface()) {
				t.Errorf("%s: the copy differs from the original", name)
			}
			if p := shared(src.Elem(), dst.Elem(), "record"); p != "" {
				t.Errorf("%s: the copy shares %s with the original", name, p)
			}
		}
	}
	// A filler that filled nothing would make the checks above empty.
	a := new(certification.Audit)
	randfill.Fill(r, reflect.ValueOf(a).Elem(), 4, true)
	if a.TeamCheck == nil || len(a.Checklist) != 2 || len(a.Checklist[0].Interviews) != 2 {
		t.Fatalf("the filler left the audit's nested fields empty: %+v", a)
	}
}

// A recursive type copies, however deep its values go.
func TestDeepCopyRecursive(t *testing.T) {
	type node struct {
		Name string
		Kids []*node
		Next *node
	}
	src := &node{Name: "a", Kids: []*node{{Name: "b"}, {Name: "c", Next: &node{Name: "d"}}}}
	src.Next = &node{Name: "e", Kids: []*node{{Name: "f"}}}
	dst := new(node)
	if !clone.Into(dst, src) {
		t.Fatal("a recursive type cannot be copied")
	}
	if !reflect.DeepEqual(dst, src) {
		t.Fatalf("copy %+v, want %+v", dst, src)
	}
	if p := shared(reflect.ValueOf(src).Elem(), reflect.ValueOf(dst).Elem(), "node"); p != "" {
		t.Errorf("the copy shares %s", p)
	}
}

// A type holding what cannot be copied has no copier (the stores decode
// or marshal it instead); one whose only unexported parts are flat, or a
// time, has one.
func TestOfRefusesWhatCannotBeCopied(t *testing.T) {
	for _, typ := range []reflect.Type{
		reflect.TypeFor[struct{ X any }](),
		reflect.TypeFor[struct{ x []int }](),
		reflect.TypeFor[map[string]func()](),
		reflect.TypeFor[[]chan int](),
		reflect.TypeFor[map[*int]string](),
	} {
		if clone.Of(typ) != nil {
			t.Errorf("%v has a copier", typ)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[struct{ x int }](), reflect.TypeFor[time.Time](), reflect.TypeFor[map[string][]string](), reflect.TypeFor[struct{ at time.Time }]()} {
		if clone.Of(typ) == nil {
			t.Errorf("%v has no copier", typ)
		}
	}
	var dst, src struct{ X any }
	if clone.Into(&dst, &src) {
		t.Error("Into copied an interface")
	}
}

// Maps and arrays of pointers copy deep too.
func TestDeepCopyMapsAndArrays(t *testing.T) {
	type cell struct{ N *int }
	one, two := 1, 2
	src := struct {
		M map[string][]*int
		A [2]cell
	}{M: map[string][]*int{"a": {&one}, "b": nil}, A: [2]cell{{&one}, {&two}}}
	dst := src
	dst.M, dst.A = nil, [2]cell{}
	if !clone.Into(&dst, &src) || !reflect.DeepEqual(dst, src) {
		t.Fatalf("copy %+v, want %+v", dst, src)
	}
	if p := shared(reflect.ValueOf(src), reflect.ValueOf(dst), "value"); p != "" {
		t.Errorf("the copy shares %s", p)
	}
}

// BenchmarkDeepCopyAudit copies an audit of a 42001 checklist's size: 100
// entries, a team of three, a team check.
func BenchmarkDeepCopyAudit(b *testing.B) {
	a := &certification.Audit{ID: 1, Team: make([]certification.TeamMember, 3), TeamCheck: &certification.TeamCheck{Sectors: []int{1, 2}}}
	for i := range 100 {
		a.Checklist = append(a.Checklist, certification.ChecklistEntry{Ref: fmt.Sprint(i), Result: certification.ResultConform})
	}
	src := reflect.ValueOf(a).Elem()
	f := clone.Of(src.Type())
	b.ReportAllocs()
	for b.Loop() {
		f(reflect.New(src.Type()).Elem(), src)
	}
}
