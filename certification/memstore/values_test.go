package memstore

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// sortedValues agrees with a sorted slice through many inserts, removals
// and ranges, across chunk splits and emptied chunks.
func TestSortedValues(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var sv sortedValues
	model := map[string]bool{}
	key := func() string { return fmt.Sprintf("%05d", r.IntN(5000)) }
	for step := 0; step < 40000; step++ {
		v := key()
		if r.IntN(3) == 0 {
			sv.remove(v)
			delete(model, v)
		} else {
			sv.insert(v)
			model[v] = true
		}
		if step%97 != 0 {
			continue
		}
		var want []string
		for k := range model {
			want = append(want, k)
		}
		sort.Strings(want)
		var from, to []byte
		if r.IntN(4) > 0 {
			from = []byte(key())
		}
		if r.IntN(4) > 0 {
			to = []byte(key())
		}
		var exp []string
		for _, k := range want {
			if (from == nil || k >= string(from)) && (to == nil || k < string(to)) {
				exp = append(exp, k)
			}
		}
		if got := sv.between(from, to); !slices.Equal(got, exp) {
			t.Fatalf("step %d: between(%s, %s) = %d values, want %d", step, from, to, len(got), len(exp))
		}
		for _, c := range sv.chunks {
			if len(c) == 0 || len(c) > chunkMax {
				t.Fatalf("step %d: chunk of %d values", step, len(c))
			}
		}
	}
	if len(sv.chunks) < 3 {
		t.Errorf("only %d chunks: the test did not split any", len(sv.chunks))
	}
}
