package memstore

import (
	"errors"
	"fmt"
	"reflect"
	"slices"

	"certdesk/certification"
)

// tx is one transaction on a Store. It writes into the Store directly
// and keeps, for each write, a function that undoes it (run in reverse
// order when Update's function fails).
type tx struct {
	s        *Store
	writable bool
	undo     []func()
	changes  certification.ChangeLog
}

func (t *tx) check(op string) error {
	if !t.writable {
		return fmt.Errorf("memstore: %s inside View", op)
	}
	return nil
}

func (t *tx) Get(id certification.ID, dst certification.Record) error {
	kind := dst.RecordKind()
	r := t.s.get(kind, id)
	if r == nil {
		return fmt.Errorf("%s %d: %w", kind, id, certification.ErrNotFound)
	}
	return copyInto(dst, r)
}

func (t *tx) Put(r certification.Record) error {
	if err := t.check("Put"); err != nil {
		return err
	}
	kind, id := r.RecordKind(), r.RecordID()
	if id == 0 {
		return fmt.Errorf("memstore: %s record has no id", kind)
	}
	v := reflect.New(reflect.TypeOf(r).Elem())
	if err := copyInto(v.Interface().(certification.Record), r); err != nil {
		return err
	}
	kept := v.Interface().(certification.Record)
	old := t.s.slot(kind, id)
	t.replace(kind, id, old, slot{kept, terms(kept)})
	t.changes.Touch(kind, id, old.rec != nil, true, "")
	return nil
}

// replace swaps a record and its index terms, and notes how to undo it.
func (t *tx) replace(kind certification.Kind, id certification.ID, old, next slot) {
	t.s.swapTerms(old.terms, next.terms, id)
	t.s.set(kind, id, next)
	t.undo = append(t.undo, func() {
		t.s.swapTerms(next.terms, old.terms, id)
		t.s.set(kind, id, old)
	})
}

func (t *tx) Delete(kind certification.Kind, id certification.ID) error {
	if err := t.check("Delete"); err != nil {
		return err
	}
	old := t.s.slot(kind, id)
	if old.rec == nil {
		return fmt.Errorf("%s %d: %w", kind, id, certification.ErrNotFound)
	}
	t.replace(kind, id, old, slot{})
	t.changes.Touch(kind, id, true, false, "")
	return nil
}

func (t *tx) NextID(kind certification.Kind) (certification.ID, error) {
	if err := t.check("NextID"); err != nil {
		return 0, err
	}
	prev := t.s.next[kind]
	id := prev + 1
	if st := t.s.stride; st > 1 {
		id += (t.s.offset - id%st + st) % st // the next id ≡ offset
	}
	t.s.next[kind] = id
	t.undo = append(t.undo, func() { t.s.next[kind] = prev })
	return id, nil
}

func (t *tx) Lookup(index string, value []byte) ([]certification.ID, error) {
	return slices.Clone(t.s.index[index][string(value)]), nil
}

func (t *tx) Range(index string, from, to []byte, fn func(value []byte, id certification.ID) error) error {
	m := t.s.index[index]
	var values []string // a snapshot: fn may write
	if sv := t.s.values[index]; sv != nil {
		values = sv.between(from, to)
	}
	for _, v := range values {
		for _, id := range slices.Clone(m[v]) {
			if err := fn([]byte(v), id); err != nil {
				if errors.Is(err, certification.ErrStop) {
					return nil
				}
				return err
			}
		}
	}
	return nil
}

func (t *tx) Each(kind certification.Kind, fn func(id certification.ID, decode func(dst certification.Record) error) error) error {
	snapshot := slices.Clone(t.s.recs[kind]) // writes during the walk are not seen
	for i, sl := range snapshot {
		r := sl.rec
		if r == nil {
			continue
		}
		err := fn(certification.ID(i), func(dst certification.Record) error {
			if dst.RecordKind() != kind {
				return fmt.Errorf("memstore: cannot decode a %s record into a %s", kind, dst.RecordKind())
			}
			return copyInto(dst, r)
		})
		if err != nil {
			if errors.Is(err, certification.ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

func (t *tx) Count(kind certification.Kind) (int, error) { return t.s.count[kind], nil }
