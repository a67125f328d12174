package certification

import (
	"encoding/binary"
	"math"
)

// rowReader reads the fields of a covering key in turn (the rows of the
// read models: audit_row.go, certificate_row.go, client_row.go,
// obligation_codec.go); a read past the end or a malformed number sets
// bad and reads zero.
type rowReader struct {
	b   []byte
	bad bool
}

func (r *rowReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *rowReader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a number of items, each at least a byte long: a count
// longer than what is left is damage, not a reason to allocate.
func (r *rowReader) count() int {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return 0
	}
	return int(n)
}

// date reads a date written by appendDate.
func (r *rowReader) date() Date {
	v := r.varint()
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.bad, r.b = true, nil
		return 0
	}
	return Date(v)
}

// appendDate appends d as a signed varint: every binary form writes its
// dates so.
func appendDate(b []byte, d Date) []byte { return binary.AppendVarint(b, int64(d)) }

func (r *rowReader) float() float64 {
	if len(r.b) < 8 {
		r.bad, r.b = true, nil
		return 0
	}
	v := math.Float64frombits(binary.BigEndian.Uint64(r.b))
	r.b = r.b[8:]
	return v
}

// text reads a length-prefixed string; the bytes are the key's.
func (r *rowReader) text() []byte {
	n := r.count()
	if r.bad {
		return nil
	}
	t := r.b[:n]
	r.b = r.b[n:]
	return t
}

// known reads a text and returns it as one of names when it is one (no
// allocation for the usual kinds, statuses and roles), else as a new string.
func (r *rowReader) known(names []string) string {
	t := r.text()
	for _, s := range names {
		if string(t) == s {
			return s
		}
	}
	return string(t)
}

func namesOf[T ~string](v []T) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}
