package storage

import (
	"crypto/ed25519"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"certdesk/certification"
)

// testSigner signs as person 4 with a fixed key.
type testSigner struct{ key ed25519.PrivateKey }

func (s testSigner) PersonID() certification.ID   { return 4 }
func (s testSigner) PublicKey() ed25519.PublicKey { return s.key.Public().(ed25519.PublicKey) }
func (s testSigner) Sign(message []byte) []byte   { return ed25519.Sign(s.key, message) }

// A sealed entry is stored as encoding it again would store it (its hash
// and signature added to the JSON it was hashed from, not encoded a
// second time), byte for byte for an ordinary entry; an entry whose
// strings do not survive JSON (invalid UTF-8) reads back as the entry
// the hash was computed over.
func TestSealedEntryIsStoredAsItEncodes(t *testing.T) {
	zone := time.FixedZone("CET", 3600)
	at := time.Date(2026, 12, 7, 9, 30, 0, 123456789, zone)
	signer := testSigner{ed25519.NewKeyFromSeed(make([]byte, ed25519.SeedSize))}
	for _, c := range []struct {
		name  string
		e     certification.JournalEntry
		prev  string
		exact bool
	}{
		{"the first entry", certification.JournalEntry{Seq: 1, At: at, Command: "add-client", Summary: "add client"}, "", true},
		{"a command", certification.JournalEntry{Seq: 9, At: at, Recorded: at.Add(time.Second), Actor: certification.Actor{PersonID: 4, Name: "Ann"},
			Command: "record-finding", Args: json.RawMessage(`{"audit_id":3, "grade":"minor"}`), Summary: "record minor finding",
			IDs: []certification.ID{12}, Changes: []certification.Change{{Kind: certification.KindFinding, ID: 12, Op: "put", Hash: "ab"}}}, "f00d", true},
		{"a signed command", certification.JournalEntry{Seq: 10, At: at, Actor: certification.Actor{PersonID: 4, Name: "Ann"},
			Command: "grant", Args: json.RawMessage(`{"id":5}`), Summary: "grant", Signer: signer}, "beef", true},
		{"a refused entry", certification.JournalEntry{Seq: 11, At: at, Command: "grant", Args: json.RawMessage(`{}`), Refused: "no"}, "beef", true},
		{"invalid UTF-8", certification.JournalEntry{Seq: 12, At: at, Actor: certification.Actor{Name: "Bad \xff"}, Command: "x\xfe", Summary: "caf\xc3", Signer: signer}, "beef", false},
	} {
		sealed, data, err := sealEntry(c.e, c.prev)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if c.e.Signer != nil && (sealed.Signature == nil || !sealed.Signature.Verify(sealed.Hash)) {
			t.Fatalf("%s: not signed", c.name)
		}
		sealed.Signer = nil
		again, err := json.Marshal(sealed)
		if err != nil {
			t.Fatal(err)
		}
		if c.exact && string(data) != string(again) {
			t.Errorf("%s: stored\n%s\nencoding the sealed entry gives\n%s", c.name, data, again)
		}
		var back certification.JournalEntry
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !reflect.DeepEqual(back, sealed) || entryHash(&back) != sealed.Hash {
			t.Errorf("%s: reads back as\n%+v\nsealed\n%+v", c.name, back, sealed)
		}
	}
}
