package view

import (
	"slices"
	"testing"
)

// chunks gives back what was added, in order, across block boundaries,
// with what was changed through ref.
func TestChunks(t *testing.T) {
	for _, n := range []int{0, 1, chunkLen - 1, chunkLen, chunkLen + 1, 3*chunkLen + 7} {
		var c chunks[int]
		var want []int
		for i := range n {
			c.add(i * 7)
			want = append(want, i*7)
		}
		for i := range n {
			if p := c.ref(i); *p != i*7 {
				t.Fatalf("%d values: ref(%d) = %d, want %d", n, i, *p, i*7)
			}
			*c.ref(i) += 1 // written through ref, seen by all
			want[i]++
		}
		if got := c.all(); !slices.Equal(got, want) || len(got) != n {
			t.Errorf("%d values: got %d back, not the same", n, len(got))
		}
	}
}
