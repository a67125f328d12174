package certification

import (
	"encoding/binary"
	"errors"
	"math"
	"strings"
)

// The clients list's read model: three covering indexes, kept by the
// records they come from in the transaction that writes them, from which
// the list is read by key-only scans without decoding a client, a
// certification or an obligation set (view.ClientRows).
const (
	// IndexClientRow files each client by its folded legal name (the
	// list's order), then its id, then the columns of its row.
	IndexClientRow = "client.row"
	// IndexClientStandard files each certification that is not closed
	// by its client, then its id, then its standard.
	IndexClientStandard = "client.standard"
	// IndexClientObligations files each obligation set by its client,
	// then its certification, the last day one of its obligations was
	// done, and for each open obligation the dates that decide its state
	// (ClientObligations).
	IndexClientObligations = "client.obligations"
)

// ClientRowFields are the columns of a client's row in the list.
type ClientRowFields struct {
	LegalName, TradingName string
	Personnel              float64
	Sites                  int
	Sectors                []int
}

func (c *Client) rowTerm() IndexTerm {
	// The folded name sorts the list; a NUL, which no name should hold,
	// would end it early, so it is replaced.
	key := append([]byte(strings.ReplaceAll(Fold(c.LegalName), "\x00", "\x01")), 0)
	key = append(key, U64(uint64(c.ID))...)
	key = appendString(key, c.LegalName)
	key = appendString(key, c.TradingName)
	key = binary.BigEndian.AppendUint64(key, math.Float64bits(c.EffectivePersonnel))
	key = binary.AppendUvarint(key, uint64(len(c.Sites)))
	key = binary.AppendUvarint(key, uint64(len(c.Sectors)))
	for _, s := range c.Sectors {
		key = binary.AppendUvarint(key, uint64(s))
	}
	return IndexTerm{IndexClientRow, key}
}

// DecodeClientRow reads the columns of an IndexClientRow entry.
func DecodeClientRow(v []byte) (ClientRowFields, error) {
	var f ClientRowFields
	i := 0
	for i < len(v) && v[i] != 0 {
		i++
	}
	r := keyReader{b: v}
	r.skip(i + 1 + 8) // the folded name, its end and the id
	f.LegalName = r.string()
	f.TradingName = r.string()
	f.Personnel = math.Float64frombits(r.u64())
	f.Sites = int(r.uvarint())
	if n := r.uvarint(); n > 0 && n <= uint64(len(v)) {
		f.Sectors = make([]int, n)
		for j := range f.Sectors {
			f.Sectors[j] = int(r.uvarint())
		}
	}
	if r.bad {
		return ClientRowFields{}, errMalformedKey
	}
	return f, nil
}

// standardTerm is an open certification's entry in IndexClientStandard.
func (c *Certification) standardTerms() []IndexTerm {
	if !c.Closed.IsZero() {
		return nil
	}
	return []IndexTerm{{IndexClientStandard, concat(U64(uint64(c.ClientID)), U64(uint64(c.ID)), []byte(c.Standard))}}
}

// ClientStandardOf reads the client and the standard of an
// IndexClientStandard entry.
func ClientStandardOf(v []byte) (ID, Standard) {
	if len(v) < 16 {
		return 0, ""
	}
	return ID(binary.BigEndian.Uint64(v)), Standard(v[16:])
}

var errMalformedKey = errors.New("a read-model index entry is malformed: run certctl reindex")

// keyReader reads the fields of an index entry written with the append
// helpers; bad is set, and zero values returned, past its end.
type keyReader struct {
	b   []byte
	bad bool
}

func (r *keyReader) skip(n int) {
	if n > len(r.b) {
		r.bad, r.b = true, nil
		return
	}
	r.b = r.b[n:]
}

func (r *keyReader) u64() uint64 {
	if len(r.b) < 8 {
		r.bad, r.b = true, nil
		return 0
	}
	v := binary.BigEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *keyReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad, r.b = true, nil
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *keyReader) string() string {
	n := r.uvarint()
	if n > uint64(len(r.b)) {
		r.bad, r.b = true, nil
		return ""
	}
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}
