package memstore

import (
	"bytes"
	"slices"
	"sort"
	"strings"

	"certdesk/certification"
)

// addTerm files id under t's value in t's index.
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

// removeTerm takes id out from under t's value in t's index.
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

// terms returns the index terms r names, if it is Indexed.
func terms(r certification.Record) []certification.IndexTerm {
	if ix, ok := r.(certification.Indexed); ok {
		return ix.IndexTerms()
	}
	return nil
}

// hasTerm reports whether ts holds x.
// swapTerms moves record id from the index terms in from to those in
// to: it removes the terms only from names and adds those only to names.
func (s *Store) swapTerms(from, to []certification.IndexTerm, id certification.ID) {
	for _, f := range from {
		if !hasTerm(to, f) {
			s.removeTerm(f, id)
		}
	}
	for _, t := range to {
		if !hasTerm(from, t) {
			s.addTerm(t, id)
		}
	}
}

func hasTerm(ts []certification.IndexTerm, x certification.IndexTerm) bool {
	for _, t := range ts {
		if t.Index == x.Index && bytes.Equal(t.Value, x.Value) {
			return true
		}
	}
	return false
}

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
