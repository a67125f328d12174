package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"

	"certdesk/certification"
)

// Store is a certification.Store in memory that keeps records as Go
// values: a read is a deep copy instead of a JSON decode, which makes the
// service's commands several times faster than on storage's in-memory
// Badger store. It exists so that Generate can build a large demo body
// quickly; exchange.Copy then writes the result to the real store.
//
// It follows storage's semantics where the service can see them: Get
// fills the whole destination, ids come from per-kind counters that an
// aborted transaction does not advance, index entries sort by value then
// id, Each does not see writes made during the walk, and an Update whose
// function fails leaves nothing behind. It does not persist anything and
// is not meant for use beyond generating data.
type Store struct {
	// NoJournal, when set before the first Update, keeps only the
	// journal's sequence numbers, not its entries: a large generated
	// body's journal takes much memory and exchange.Copy does not copy it.
	NoJournal bool

	mu      sync.RWMutex
	seq     uint64
	recs    map[certification.Kind][]certification.Record // by id; nil: none
	count   map[certification.Kind]int
	next    map[certification.Kind]certification.ID
	index   map[string]map[string][]certification.ID // index → value → sorted ids
	values  map[string]*sortedValues                 // index → its values in order, for Range
	journal []certification.JournalEntry
}

// NewStore returns an empty Store.
func NewStore() *Store {
	return &Store{recs: map[certification.Kind][]certification.Record{}, count: map[certification.Kind]int{},
		next: map[certification.Kind]certification.ID{}, index: map[string]map[string][]certification.ID{},
		values: map[string]*sortedValues{}}
}

var _ certification.Store = (*Store)(nil)

// View runs fn on a read-only view.
func (s *Store) View(ctx context.Context, fn func(certification.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	return fn(&memTx{s: s})
}

// Update runs fn in one transaction: if fn fails, its writes are undone.
func (s *Store) Update(ctx context.Context, entry certification.JournalEntry, fn func(certification.Tx) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &memTx{s: s, writable: true}
	if err := fn(t); err != nil {
		for i := len(t.undo) - 1; i >= 0; i-- {
			t.undo[i]()
		}
		return err
	}
	s.seq++
	if s.NoJournal {
		return nil
	}
	entry.Seq = s.seq
	entry.Changes = nil
	for _, c := range t.changes {
		var op string
		switch {
		case !c.existed && c.exists:
			op = "create"
		case c.existed && c.exists:
			op = "update"
		case c.existed && !c.exists:
			op = "delete"
		default:
			continue
		}
		entry.Changes = append(entry.Changes, certification.Change{Kind: c.kind, ID: c.id, Op: op})
	}
	s.journal = append(s.journal, entry)
	return nil
}

// Journal calls fn for each entry from sequence number from on.
func (s *Store) Journal(ctx context.Context, from uint64, fn func(certification.JournalEntry) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, e := range s.journal {
		if e.Seq < from {
			continue
		}
		if err := fn(e); err != nil {
			if errors.Is(err, certification.ErrStop) {
				return nil
			}
			return err
		}
	}
	return nil
}

func (s *Store) get(kind certification.Kind, id certification.ID) certification.Record {
	rs := s.recs[kind]
	if uint64(id) >= uint64(len(rs)) {
		return nil
	}
	return rs[id]
}

func (s *Store) set(kind certification.Kind, id certification.ID, r certification.Record) {
	rs := s.recs[kind]
	for uint64(len(rs)) <= uint64(id) {
		rs = append(rs, nil)
	}
	switch {
	case rs[id] == nil && r != nil:
		s.count[kind]++
	case rs[id] != nil && r == nil:
		s.count[kind]--
	}
	rs[id] = r
	s.recs[kind] = rs
}

func (s *Store) addTerm(t certification.IndexTerm, id certification.ID) {
	m := s.index[t.Index]
	if m == nil {
		m = map[string][]certification.ID{}
		s.index[t.Index] = m
	}
	ids := m[string(t.Value)]
	i, found := slices.BinarySearch(ids, id)
	if !found {
		if len(ids) == 0 {
			sv := s.values[t.Index]
			if sv == nil {
				sv = &sortedValues{}
				s.values[t.Index] = sv
			}
			sv.insert(string(t.Value))
		}
		m[string(t.Value)] = slices.Insert(ids, i, id)
	}
}

func (s *Store) removeTerm(t certification.IndexTerm, id certification.ID) {
	m := s.index[t.Index]
	ids := m[string(t.Value)]
	if i, found := slices.BinarySearch(ids, id); found {
		ids = slices.Delete(ids, i, i+1)
		if len(ids) == 0 {
			delete(m, string(t.Value))
			s.values[t.Index].remove(string(t.Value))
		} else {
			m[string(t.Value)] = ids
		}
	}
}

func terms(r certification.Record) []certification.IndexTerm {
	if ix, ok := r.(certification.Indexed); ok {
		return ix.IndexTerms()
	}
	return nil
}

type ref struct {
	kind certification.Kind
	id   certification.ID
}

type change struct {
	ref
	existed, exists bool
}

type memTx struct {
	s        *Store
	writable bool
	undo     []func()
	changes  []*change
	touched  map[ref]*change
}

func (t *memTx) check(op string) error {
	if !t.writable {
		return fmt.Errorf("demo store: %s inside View", op)
	}
	return nil
}

func (t *memTx) Get(id certification.ID, dst certification.Record) error {
	kind := dst.RecordKind()
	r := t.s.get(kind, id)
	if r == nil {
		return fmt.Errorf("%s %d: %w", kind, id, certification.ErrNotFound)
	}
	return copyInto(dst, r)
}

// copyInto deep-copies src into dst, which must be the same type.
func copyInto(dst, src certification.Record) error {
	dv, sv := reflect.ValueOf(dst), reflect.ValueOf(src)
	if dv.Kind() != reflect.Pointer || dv.IsNil() || dv.Type() != sv.Type() {
		return fmt.Errorf("demo store: cannot read a %T into a %T", src, dst)
	}
	deepCopy(dv.Elem(), sv.Elem())
	return nil
}

func (t *memTx) Put(r certification.Record) error {
	if err := t.check("Put"); err != nil {
		return err
	}
	kind, id := r.RecordKind(), r.RecordID()
	if id == 0 {
		return fmt.Errorf("demo store: %s record has no id", kind)
	}
	v := reflect.New(reflect.TypeOf(r).Elem())
	deepCopy(v.Elem(), reflect.ValueOf(r).Elem())
	clone := v.Interface().(certification.Record)
	old := t.s.get(kind, id)
	t.replace(kind, id, old, clone)
	t.touch(kind, id, old != nil, true)
	return nil
}

// replace swaps a record and its index terms, and notes how to undo it.
func (t *memTx) replace(kind certification.Kind, id certification.ID, old, next certification.Record) {
	oldTerms, newTerms := terms(old), terms(next)
	for _, o := range oldTerms {
		if !hasTerm(newTerms, o) {
			t.s.removeTerm(o, id)
		}
	}
	for _, n := range newTerms {
		if !hasTerm(oldTerms, n) {
			t.s.addTerm(n, id)
		}
	}
	t.s.set(kind, id, next)
	t.undo = append(t.undo, func() {
		for _, n := range newTerms {
			if !hasTerm(oldTerms, n) {
				t.s.removeTerm(n, id)
			}
		}
		for _, o := range oldTerms {
			if !hasTerm(newTerms, o) {
				t.s.addTerm(o, id)
			}
		}
		t.s.set(kind, id, old)
	})
}

func hasTerm(ts []certification.IndexTerm, x certification.IndexTerm) bool {
	for _, t := range ts {
		if t.Index == x.Index && bytes.Equal(t.Value, x.Value) {
			return true
		}
	}
	return false
}

func (t *memTx) touch(kind certification.Kind, id certification.ID, existed, exists bool) {
	r := ref{kind, id}
	c, ok := t.touched[r]
	if !ok {
		if t.touched == nil {
			t.touched = map[ref]*change{}
		}
		c = &change{ref: r, existed: existed}
		t.touched[r] = c
		t.changes = append(t.changes, c)
	}
	c.exists = exists
}

func (t *memTx) Delete(kind certification.Kind, id certification.ID) error {
	if err := t.check("Delete"); err != nil {
		return err
	}
	old := t.s.get(kind, id)
	if old == nil {
		return fmt.Errorf("%s %d: %w", kind, id, certification.ErrNotFound)
	}
	t.replace(kind, id, old, nil)
	t.touch(kind, id, true, false)
	return nil
}

func (t *memTx) NextID(kind certification.Kind) (certification.ID, error) {
	if err := t.check("NextID"); err != nil {
		return 0, err
	}
	prev := t.s.next[kind]
	t.s.next[kind] = prev + 1
	t.undo = append(t.undo, func() { t.s.next[kind] = prev })
	return prev + 1, nil
}

func (t *memTx) Lookup(index string, value []byte) ([]certification.ID, error) {
	return slices.Clone(t.s.index[index][string(value)]), nil
}

func (t *memTx) Range(index string, from, to []byte, fn func(value []byte, id certification.ID) error) error {
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

func (t *memTx) Each(kind certification.Kind, fn func(id certification.ID, decode func(dst certification.Record) error) error) error {
	snapshot := slices.Clone(t.s.recs[kind]) // writes during the walk are not seen
	for i, r := range snapshot {
		if r == nil {
			continue
		}
		err := fn(certification.ID(i), func(dst certification.Record) error {
			if dst.RecordKind() != kind {
				return fmt.Errorf("demo store: cannot decode a %s record into a %s", kind, dst.RecordKind())
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

func (t *memTx) Count(kind certification.Kind) (int, error) { return t.s.count[kind], nil }

// --- deep copy --------------------------------------------------------------

// copier deep-copies src into the settable dst of the same type. Strings
// are shared: they are immutable.
type copier func(dst, src reflect.Value)

var (
	copiersMu sync.RWMutex
	copiers   = map[reflect.Type]copier{}
)

// deepCopy sets dst to a deep copy of src.
func deepCopy(dst, src reflect.Value) {
	t := src.Type()
	copiersMu.RLock()
	c, ok := copiers[t]
	copiersMu.RUnlock()
	if !ok {
		copiersMu.Lock()
		c = build(t, map[reflect.Type]*copier{})
		copiers[t] = c
		copiersMu.Unlock()
	}
	c(dst, src)
}

// flat reports whether values of t can be copied by assignment: no
// pointers, slices or maps inside.
func flat(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface, reflect.Chan, reflect.Func, reflect.UnsafePointer:
		return false
	case reflect.Array:
		return flat(t.Elem())
	case reflect.Struct:
		for i := 0; i < t.NumField(); i++ {
			if !flat(t.Field(i).Type) {
				return false
			}
		}
	}
	return true
}

func assign(dst, src reflect.Value) { dst.Set(src) }

// build makes the copier of t once, so that copying walks no type
// information at run time. memo handles recursive types.
func build(t reflect.Type, memo map[reflect.Type]*copier) copier {
	if flat(t) {
		return assign
	}
	if c, ok := memo[t]; ok {
		return func(d, s reflect.Value) { (*c)(d, s) }
	}
	var c copier
	memo[t] = &c
	switch t.Kind() {
	case reflect.Pointer:
		elem, et := build(t.Elem(), memo), t.Elem()
		c = func(d, s reflect.Value) {
			if s.IsNil() {
				d.SetZero()
				return
			}
			n := reflect.New(et)
			elem(n.Elem(), s.Elem())
			d.Set(n)
		}
	case reflect.Struct:
		// Assign the whole struct, then replace the fields that share memory.
		var idx []int
		var fs []copier
		for i := 0; i < t.NumField(); i++ {
			if ft := t.Field(i).Type; !flat(ft) {
				idx = append(idx, i)
				fs = append(fs, build(ft, memo))
			}
		}
		c = func(d, s reflect.Value) {
			d.Set(s)
			for k, i := range idx {
				fs[k](d.Field(i), s.Field(i))
			}
		}
	case reflect.Slice:
		et := t.Elem()
		if flat(et) {
			c = func(d, s reflect.Value) {
				if s.IsNil() {
					d.SetZero()
					return
				}
				n := reflect.MakeSlice(t, s.Len(), s.Len())
				reflect.Copy(n, s)
				d.Set(n)
			}
		} else {
			elem := build(et, memo)
			c = func(d, s reflect.Value) {
				if s.IsNil() {
					d.SetZero()
					return
				}
				n := reflect.MakeSlice(t, s.Len(), s.Len())
				for i := 0; i < s.Len(); i++ {
					elem(n.Index(i), s.Index(i))
				}
				d.Set(n)
			}
		}
	case reflect.Array:
		elem := build(t.Elem(), memo)
		c = func(d, s reflect.Value) {
			for i := 0; i < s.Len(); i++ {
				elem(d.Index(i), s.Index(i))
			}
		}
	case reflect.Map:
		elem, et := build(t.Elem(), memo), t.Elem()
		c = func(d, s reflect.Value) {
			if s.IsNil() {
				d.SetZero()
				return
			}
			n := reflect.MakeMapWithSize(t, s.Len())
			it := s.MapRange()
			for it.Next() {
				v := reflect.New(et).Elem()
				elem(v, it.Value())
				n.SetMapIndex(it.Key(), v)
			}
			d.Set(n)
		}
	default: // interfaces, channels, functions: shared
		c = assign
	}
	return c
}

// --- ordered index values ---------------------------------------------------

// sortedValues keeps an index's values in order, in chunks of a few
// hundred, so that inserting and removing a value and finding where a
// range begins stay cheap with hundreds of thousands of values (an
// index keyed by person and month, say), where sorting all the values
// of the index on every Range would not.
type sortedValues struct {
	chunks [][]string // each sorted, non-empty, in order
}

const chunkMax = 512

// chunk returns the index of the chunk in which v belongs: the first
// whose last value is not below v (the last chunk if v is above all).
func (sv *sortedValues) chunk(v string) int {
	i := sort.Search(len(sv.chunks), func(i int) bool {
		c := sv.chunks[i]
		return c[len(c)-1] >= v
	})
	return min(i, len(sv.chunks)-1)
}

func (sv *sortedValues) insert(v string) {
	if len(sv.chunks) == 0 {
		sv.chunks = [][]string{{v}}
		return
	}
	i := sv.chunk(v)
	c := sv.chunks[i]
	j, found := slices.BinarySearch(c, v)
	if found {
		return
	}
	c = slices.Insert(c, j, v)
	if len(c) <= chunkMax {
		sv.chunks[i] = c
		return
	}
	half := len(c) / 2
	lo, hi := slices.Clone(c[:half]), slices.Clone(c[half:])
	sv.chunks[i] = lo
	sv.chunks = slices.Insert(sv.chunks, i+1, hi)
}

func (sv *sortedValues) remove(v string) {
	if sv == nil || len(sv.chunks) == 0 {
		return
	}
	i := sv.chunk(v)
	c := sv.chunks[i]
	j, found := slices.BinarySearch(c, v)
	if !found {
		return
	}
	c = slices.Delete(c, j, j+1)
	if len(c) == 0 {
		sv.chunks = slices.Delete(sv.chunks, i, i+1)
	} else {
		sv.chunks[i] = c
	}
}

// between returns the values v with from <= v < to (nil: no bound), in order.
func (sv *sortedValues) between(from, to []byte) []string {
	if len(sv.chunks) == 0 {
		return nil
	}
	i, j := 0, 0
	if from != nil {
		i = sv.chunk(string(from))
		j, _ = slices.BinarySearch(sv.chunks[i], string(from))
	}
	var out []string
	for ; i < len(sv.chunks); i, j = i+1, 0 {
		for _, v := range sv.chunks[i][j:] {
			if to != nil && strings.Compare(v, string(to)) >= 0 {
				return out
			}
			out = append(out, v)
		}
	}
	return out
}
