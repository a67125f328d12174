package exchange

import (
	"certdesk/certification"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits on hostile documents (docs/format.md): an import file is read
// whole, so its size is bounded; every text in it is bounded far above
// what any field of the scheme holds; and every text must be UTF-8
// (encoding/json would silently turn bad bytes into U+FFFD).
var (
	// MaxImportBytes is the largest import file Import reads. A data
	// folder of 10,000 clients with years of history exports to well
	// under it.
	MaxImportBytes int64 = 2 << 30
)

// MaxTextBytes bounds any single text (a name, an address, a finding's
// evidence) in an import document. The domain's own limits (a legal name
// of 300 characters, a response of 10,000) are far lower; this one stops
// a multi-megabyte string before it reaches them.
const MaxTextBytes = 1 << 20

// readLimited reads all of r, refusing more than MaxImportBytes.
func readLimited(r io.Reader) ([]byte, error) {
	limit := MaxImportBytes
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("reading the import file: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, &Error{Problems: []Problem{{Record: "file",
			Msg: fmt.Sprintf("the file is larger than %d bytes, the most an import reads: it cannot be a CertDesk interchange document of a plausible size", limit)}}}
	}
	return data, nil
}

// badUTF8 returns the path of the first field of raw (keys in order)
// whose key or text is not valid UTF-8, "" for raw itself, and ok=false
// when raw is valid.
func badUTF8(raw json.RawMessage) (path string, bad bool) {
	if utf8.Valid(raw) {
		return "", false
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) == nil && m != nil {
		// encoding/json has already replaced bad bytes in keys, so a key
		// that went bad cannot be found by name: fall back to raw itself.
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if p, bad := badUTF8(m[k]); bad {
				return join(k, p), true
			}
		}
		return "", true
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) == nil {
		for i, e := range list {
			if p, bad := badUTF8(e); bad {
				return join(fmt.Sprintf("[%d]", i), p), true
			}
		}
	}
	return "", true
}

// firstBadOffset is the offset of the first byte of data that is not
// valid UTF-8, or -1.
func firstBadOffset(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}

// longText returns the path of the first text in v longer than
// MaxTextBytes, and its length.
func longText(v any) (path string, n int) {
	certification.EachValue(v, func(p string, v reflect.Value) error {
		if v.Kind() == reflect.String && v.Len() > MaxTextBytes {
			path, n = strings.TrimSuffix(p, " key"), v.Len()
			return errTooLong
		}
		return nil
	})
	return path, n
}

var errTooLong = errors.New("too long")

func tooLongMsg(n int) string {
	return fmt.Sprintf("the text is %d bytes long; no text in an import may exceed %d bytes", n, MaxTextBytes)
}
