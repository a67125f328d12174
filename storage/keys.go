package storage

import (
	"encoding/binary"
	"fmt"
	"strings"

	"certdesk/certification"
)

// Key prefixes; see the package documentation for the layout.
const (
	schemaKey      = "meta/schema"
	recordPrefix   = "r/"
	indexPrefix    = "i/"
	counterPrefix  = "s/"
	journalPrefix  = "j/"
	journalCounter = counterPrefix + "journal"
)

func u64(v uint64) []byte {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v)
	return b
}

// kindPrefix is "r/<kind>/".
func kindPrefix(kind certification.Kind) []byte {
	return []byte(recordPrefix + string(kind) + "/")
}

// recordKey is "r/<kind>/<id>".
func recordKey(kind certification.Kind, id certification.ID) []byte {
	return append(kindPrefix(kind), u64(uint64(id))...)
}

// indexPrefixOf is "i/<index>/".
func indexPrefixOf(index string) []byte {
	return []byte(indexPrefix + index + "/")
}

// indexKey is "i/<index>/<value><id>".
func indexKey(index string, value []byte, id certification.ID) []byte {
	k := indexPrefixOf(index)
	k = append(k, value...)
	return append(k, u64(uint64(id))...)
}

// splitIndexKey returns the value and id of an index key whose prefix
// "i/<index>/" is prefixLen bytes long. The value is a copy.
func splitIndexKey(key []byte, prefixLen int) ([]byte, certification.ID) {
	idAt := len(key) - 8
	value := append([]byte(nil), key[prefixLen:idAt]...)
	return value, certification.ID(binary.BigEndian.Uint64(key[idAt:]))
}

// idOf returns the id at the end of a record or index key.
func idOf(key []byte) certification.ID {
	return certification.ID(binary.BigEndian.Uint64(key[len(key)-8:]))
}

func journalKey(seq uint64) []byte {
	return append([]byte(journalPrefix), u64(seq)...)
}

func counterKey(kind certification.Kind) []byte {
	return []byte(counterPrefix + string(kind))
}

// checkName refuses kind and index names that would make key prefixes
// overlap.
func checkName(what, name string) error {
	if name == "" || strings.Contains(name, "/") {
		return fmt.Errorf("storage: %s name %q must be non-empty and free of '/'", what, name)
	}
	return nil
}
