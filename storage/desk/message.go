package desk

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"fmt"

	"certdesk/certification"
)

// message is one entry of the body's journal as the stream holds it: the
// journal entry as its proposer sealed and signed it (the command, its
// arguments, time, actor, the changes it made, the chain link and the
// signature), and the content blobs the command stores (evidence),
// which the entry names by their hashes.
type message struct {
	Entry certification.JournalEntry `json:"entry"`
	Blobs map[string][]byte          `json:"blobs,omitempty"`

	// signs is true when the entry's signature verified over its hash
	// (verifySignature), checked while reading ahead.
	signs bool
}

// verifySignature checks m's signature over the hash m carries, so that
// applying m need not (presigned.Verified): a desk catching up does it
// in the goroutine that reads ahead, on the other core.
func (m *message) verifySignature() {
	m.signs = m.Entry.Signature != nil && m.Entry.Signature.Verify(m.Entry.Hash)
}

func (d *Desk) entry(ctx context.Context, seq uint64) (message, error) {
	data, err := d.log.Get(ctx, seq)
	if err != nil {
		return message{}, err
	}
	return decode(seq, data)
}

func decode(seq uint64, data []byte) (message, error) {
	var m message
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fmt.Errorf("entry %d of the body's journal does not read: %w", seq, err)
	}
	return m, nil
}

// presigned is the signer of an entry applied from the body's journal:
// it "signs" with the signature the entry came with, and remembers what
// it was asked to sign (the hash this desk computed), so that a refusal
// can say whether the entry was altered or its signature is bad.
type presigned struct {
	person certification.ID
	sig    *certification.EntrySignature
	asked  string
	signs  string // the hash sig is known to sign, "" if none
}

func (p *presigned) PersonID() certification.ID   { return p.person }
func (p *presigned) PublicKey() ed25519.PublicKey { return p.sig.Key }
func (p *presigned) Sign(message []byte) []byte {
	p.asked = string(message)
	return p.sig.Sig
}

// Verified reports whether sig is known to sign hash (storage's
// sealEntry verifies it otherwise).
func (p *presigned) Verified(hash string) bool { return p.signs != "" && p.signs == hash }
