package storage

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"certdesk/certification"
	"certdesk/certification/clone"
	"certdesk/certification/demo"
)

// Every record of the demo body, of every kind, read through a Decoded
// is what decoding its bytes gives: when first read, when read again (a
// copy of what it kept) and after the reader changed everything it was
// given, which must change nothing the Decoded keeps.
func TestDecodedReadsWhatDecodingReads(t *testing.T) {
	ctx := context.Background()
	db, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	asOf, _ := certification.ParseDate("2026-11-24")
	if _, err := demo.Generate(ctx, db, demo.Options{Clients: 6, Seed: 2, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	p := certification.DefaultPolicy()
	p.ResponseDays++
	if err := certification.NewService(db, fixedClock{}).As(certification.Actor{Name: "Sam Scheme"}).SetPolicy(ctx, p); err != nil {
		t.Fatal(err)
	}
	// The demo makes no complaint or appeal: one, with a step, for the case kind.
	svc := certification.NewService(db, certification.FixedClock(asOf.Time())).As(certification.Actor{PersonID: 1, Name: "demo"})
	cid, err := svc.ReceiveCase(ctx, certification.Case{Kind: certification.CaseComplaint, ClientID: 1, From: certification.CaseParty{Name: "Paul Public"}, Subject: "late report"})
	if err != nil || svc.AcknowledgeCase(ctx, cid, certification.CaseStep{Text: "letter"}) != nil {
		t.Fatalf("a complaint: %v", err)
	}
	for _, limit := range []int{decodedLimit, 4 << 10} { // all kept; kept and dropped
		dec := NewDecoded()
		dec.limit = limit
		for _, kind := range certification.Kinds {
			mk := recordTypes[kind]
			if clone.Of(reflect.TypeOf(mk()).Elem()) == nil {
				t.Errorf("%s records cannot be copied, so a Decoded decodes them every time", kind)
			}
			n := 0
			err := db.bdb.View(func(txn *badger.Txn) error {
				return eachKey(txn, []byte(recordKey(kind, 0)[:len(recordKey(kind, 0))-8]), nil, func(key []byte) error {
					n++
					item, err := txn.Get(key)
					if err != nil {
						return err
					}
					id := idOf(key)
					want := mk()
					if err := decodeItem(item, kind, id, want); err != nil {
						return err
					}
					for read := range 3 {
						got := mk()
						if err := dec.decodeItem(item, kind, id, got); err != nil {
							return err
						}
						if !reflect.DeepEqual(got, want) {
							t.Fatalf("%s %d, read %d through a Decoded:\n%+v\ndecoded:\n%+v", kind, id, read+1, got, want)
						}
						scribble(reflect.ValueOf(got).Elem())
						if reflect.DeepEqual(got, want) {
							t.Fatalf("%s %d: scribbling changed nothing", kind, id)
						}
					}
					b, err := item.ValueCopy(nil)
					if err != nil {
						return err
					}
					if _, kept := dec.byType[reflect.TypeOf(want)][string(b)]; !kept && limit == decodedLimit {
						t.Fatalf("%s %d: the Decoded did not keep it", kind, id)
					}
					return nil
				})
			})
			if err != nil {
				t.Fatal(err)
			}
			if n == 0 && kind != certification.KindRefresh && kind != certification.KindEvidence {
				t.Errorf("the demo body has no %s record", kind)
			}
		}
		if dec.size > limit {
			t.Errorf("the Decoded holds %d bytes, more than its limit %d", dec.size, limit)
		}
	}
}

// scribble changes every value v holds or refers to.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(!v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(v.Int() + 1)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(v.Uint() + 1)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(v.Float() + 1)
	case reflect.String:
		v.SetString(v.String() + "~")
	case reflect.Pointer:
		if !v.IsNil() {
			scribble(v.Elem())
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			scribble(v.Index(i))
		}
		if v.Kind() == reflect.Slice {
			v.Set(reflect.Append(v, reflect.New(v.Type().Elem()).Elem()))
		}
	case reflect.Map:
		if v.IsNil() {
			v.Set(reflect.MakeMap(v.Type()))
		}
		for _, k := range v.MapKeys() {
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(k))
			scribble(e)
			v.SetMapIndex(k, e)
		}
		k := reflect.New(v.Type().Key()).Elem()
		scribble(k)
		v.SetMapIndex(k, reflect.New(v.Type().Elem()).Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Hour)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				scribble(v.Field(i))
			}
		}
	}
}

type fixedClock struct{}

func (fixedClock) Now() time.Time { return time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC) }
