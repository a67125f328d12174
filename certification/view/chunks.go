package view

// chunks collects values of a list whose length is known only at its
// end, in blocks of a fixed size, and joins them once: appending to one
// slice copied the decision queue's 200-byte obligations at every
// doubling (a fifth of its time), and the clients list's rows a third
// of its.
type chunks[T any] struct {
	full [][]T
	last []T
	n    int
}

const chunkLen = 256

func (c *chunks[T]) add(v T) {
	if len(c.last) == cap(c.last) {
		if c.last != nil {
			c.full = append(c.full, c.last)
		}
		c.last = make([]T, 0, chunkLen)
	}
	c.last = append(c.last, v)
	c.n++
}

// ref points at the i-th value added, valid until all is called.
func (c *chunks[T]) ref(i int) *T {
	if b := i / chunkLen; b < len(c.full) {
		return &c.full[b][i%chunkLen]
	}
	return &c.last[i%chunkLen]
}

// all returns the values in the order added (nil for none).
func (c *chunks[T]) all() []T {
	if c.n == 0 {
		return nil
	}
	if len(c.full) == 0 {
		return c.last
	}
	out := make([]T, 0, c.n)
	for _, b := range c.full {
		out = append(out, b...)
	}
	return append(out, c.last...)
}
