package view

import (
	"slices"
	"testing"
)

// chunks gives back what was added, in order, across block boundaries.
func TestChunks(t *testing.T) {
	for _, n := range []int{0, 1, chunkLen - 1, chunkLen, chunkLen + 1, 3*chunkLen + 7} {
		var c chunks[int]
		var want []int
		for i := range n {
			c.add(i * 7)
			want = append(want, i*7)
		}
		if got := c.all(); !slices.Equal(got, want) || len(got) != n {
			t.Errorf("%d values: got %d back, not the same", n, len(got))
		}
	}
}
