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
	// IndexClientStandard files each certification by its client, then
	// its id, whether it is closed and its standard.
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
	// LongTradingName: the trading name was too long for a key (over
	// rowTextMax bytes) and is left out: read it from the record.
	LongTradingName bool
}

// rowTextMax bounds a free text a covering key holds (a key is at most
// 65,000 bytes); a legal name is at most 300 bytes by Validate.
const rowTextMax = 2 << 10

func (c *Client) rowTerm() IndexTerm {
	// The folded name sorts the list; a NUL, which no name should hold,
	// would end it early, so it is replaced.
	key := append([]byte(strings.ReplaceAll(Fold(c.LegalName), "\x00", "\x01")), 0)
	key = append(key, U64(uint64(c.ID))...)
	trading, long := c.TradingName, byte(0)
	if len(trading) > rowTextMax {
		trading, long = "", 1
	}
	key = append(key, long)
	key = appendText(key, c.LegalName)
	key = appendText(key, trading)
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
	if i+1+8+1 > len(v) {
		return ClientRowFields{}, errMalformedKey
	}
	f.LongTradingName = v[i+1+8] == 1
	r := rowReader{b: v[i+1+8+1:]} // after the folded name, its end, the id and the flag
	f.LegalName = string(r.text())
	f.TradingName = string(r.text())
	f.Personnel = r.float()
	f.Sites = int(r.uvarint())
	if n := r.count(); n > 0 {
		f.Sectors = make([]int, n)
		for j := range f.Sectors {
			f.Sectors[j] = int(r.uvarint())
		}
	}
	if r.bad || len(r.b) != 0 {
		return ClientRowFields{}, errMalformedKey
	}
	return f, nil
}

// standardTerms are a certification's entry in IndexClientStandard.
func (c *Certification) standardTerms() []IndexTerm {
	closed := byte(0)
	if !c.Closed.IsZero() {
		closed = 1
	}
	return []IndexTerm{{IndexClientStandard, concat(U64(uint64(c.ClientID)), U64(uint64(c.ID)), []byte{closed}, []byte(c.Standard))}}
}

// ClientStandardOf reads an IndexClientStandard entry: the client, the
// standard and whether the certification is closed.
func ClientStandardOf(v []byte) (client ID, std Standard, closed bool) {
	if len(v) < 17 {
		return 0, "", false
	}
	return ID(binary.BigEndian.Uint64(v)), Standard(v[17:]), v[16] != 0
}

var errMalformedKey = errors.New("a read-model index entry is damaged: certctl verify names it; certctl reindex files it again")
