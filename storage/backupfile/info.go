// Package backupfile reads and writes CertDesk's backup files: the
// header, its checksum, and the payload (the entry stream, compressed
// and, for an encrypted data folder, sealed in chunks). It knows nothing
// of the store the entries come from or go to: storage takes a backup's
// entries from Badger and gives a restore's entries to it.
//
// A backup file holds every key and value of a store, byte for byte
// (records, index entries, counters, the journal), so that a restore gives
// back exactly the store that was backed up. Layout (format version 1):
//
//	magic     16 bytes   "CERTDESK-BACKUP\n"
//	length     4 bytes   big-endian length N of the header
//	header     N bytes   JSON of Info
//	checksum  32 bytes   SHA-256 of the N header bytes
//	payload              exactly header.payload_bytes bytes, whose SHA-256
//	                     is header.payload_sha256
//
// The payload is the entry stream, compressed (header.compression, "zstd")
// and then, in an encrypted backup, encrypted (header.encryption; see
// seal.go). The checksum covers the stored payload, so damage is found
// without the key. The entry stream is, in the store's key order:
//
//	uvarint len(key) | key | uvarint len(value) | value     for each key
//	uvarint 0                                              end (keys are never empty)
//
// A restore reads the header and refuses a foreign file, a newer format
// or schema and an encryption it does not know before it creates
// anything; it then loads the payload into a new folder beside the
// target, checks the checksum, the key order and the counts of the
// header, and only then moves the folder into place. See docs/cli.md
// (certctl backup).
package backupfile

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"certdesk/certification"
)

// Format is the backup file format this code writes and reads.
const Format = 1

// Ext is the file name extension of backups.
const Ext = ".certdesk-backup"

// Magic starts every backup file.
const Magic = "CERTDESK-BACKUP\n"

// Limits against hostile or damaged files: nothing near them is ever
// written (a transaction holds about a megabyte).
const (
	maxHeaderBytes = 1 << 20
	maxKeyBytes    = 1 << 16
	maxValueBytes  = 64 << 20
	maxZstdWindow  = 64 << 20
)

// Info is the header of a backup file: what it holds and how to check
// it.
type Info struct {
	// Format is the file format version (Format).
	Format int `json:"format"`
	// Product is always "CertDesk".
	Product string `json:"product"`
	// Schema is the key layout version of the store that was backed up.
	Schema uint32 `json:"schema"`
	// Created is when the backup was taken (UTC).
	Created time.Time `json:"created"`
	// Records counts the records per kind.
	Records map[certification.Kind]int `json:"records"`
	// IndexEntries, JournalEntries and Keys (all keys, these included)
	// count the rest of the store.
	IndexEntries   int `json:"index_entries"`
	JournalEntries int `json:"journal_entries"`
	// JournalLastSeq is the sequence number of the last journal entry.
	JournalLastSeq uint64 `json:"journal_last_seq"`
	// Snapshot is the store's commit counter at the backup's snapshot:
	// the backup holds every commit up to it. The automatic backups
	// compare it with the store's latest commit to know whether anything
	// changed since the newest of them. 0 in backups written before it
	// was recorded.
	Snapshot uint64 `json:"snapshot,omitempty"`
	Keys     int    `json:"keys"`
	// DataBytes is the size of the entry stream before compression.
	DataBytes int64 `json:"data_bytes"`
	// Compression of the entry stream: "zstd".
	Compression string `json:"compression"`
	// Encryption says whether and how the payload is encrypted.
	Encryption Encryption `json:"encryption"`
	// PayloadBytes and PayloadSHA256 (hex) describe the stored payload.
	PayloadBytes  int64  `json:"payload_bytes"`
	PayloadSHA256 string `json:"payload_sha256"`
}

// Encryption describes the encryption of a backup's payload: Method
// "none", or Cipher for a backup of an encrypted data folder (seal.go).
// An encrypted backup carries the folder's master key sealed under the
// folder's passphrase at the time of the backup (the fields of its key
// file), so the passphrase alone restores it, even when the folder is
// lost.
type Encryption struct {
	// Method is "none" or the cipher scheme of the payload.
	Method string `json:"method"`
	// KDF names the key derivation ("argon2id") and KDFParams its
	// parameters.
	KDF       string     `json:"kdf,omitempty"`
	KDFParams *KDFParams `json:"kdf_params,omitempty"`
	// Salt of the derivation, Nonce and WrappedKey of the sealed master
	// key (base64 in JSON).
	Salt       []byte `json:"salt,omitempty"`
	Nonce      []byte `json:"nonce,omitempty"`
	WrappedKey []byte `json:"wrapped_key,omitempty"`
	// PayloadSalt makes the backup's own payload key; ChunkBytes is the
	// size of the sealed chunks before sealing.
	PayloadSalt []byte `json:"payload_salt,omitempty"`
	ChunkBytes  int    `json:"chunk_bytes,omitempty"`
}

// KDFParams are the Argon2id cost parameters of the sealed master key,
// as the header records them (storage.KDFParams converts to and from).
type KDFParams struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// Encrypted reports whether the backup's payload is encrypted.
func (b Info) Encrypted() bool { return b.Encryption.Method != "none" }

// Summary describes the backup in one line for people: "12 people, 150
// clients, …, 1,523 journal entries (the last no. 1,523), taken
// 2026-11-24 10:15 UTC".
func (b Info) Summary() string {
	var parts []string
	seen := map[certification.Kind]bool{certification.KindPolicy: true, certification.KindObligations: true, certification.KindRefresh: true}
	for _, k := range summaryKinds {
		seen[k.kind] = true
		if n := b.Records[k.kind]; n > 0 {
			parts = append(parts, plural(n, k.one, k.many))
		}
	}
	var other []string
	for k := range b.Records {
		if !seen[k] {
			other = append(other, string(k))
		}
	}
	sort.Strings(other)
	for _, k := range other {
		parts = append(parts, fmt.Sprintf("%d %s", b.Records[certification.Kind(k)], k))
	}
	if len(parts) == 0 {
		parts = append(parts, "no records")
	}
	journal := plural(b.JournalEntries, "journal entry", "journal entries")
	if b.JournalEntries > 0 {
		journal += fmt.Sprintf(" (the last no. %d)", b.JournalLastSeq)
	}
	return fmt.Sprintf("%s, %s, taken %s", strings.Join(parts, ", "), journal, b.Created.UTC().Format("2006-01-02 15:04 UTC"))
}

var summaryKinds = []struct {
	kind      certification.Kind
	one, many string
}{
	{certification.KindStandard, "added standard", "added standards"},
	{certification.KindPerson, "person", "people"},
	{certification.KindClient, "client", "clients"},
	{certification.KindCertification, "certification", "certifications"},
	{certification.KindAudit, "audit", "audits"},
	{certification.KindFinding, "finding", "findings"},
	{certification.KindCertificate, "certificate", "certificates"},
	{certification.KindDecision, "decision", "decisions"},
	{certification.KindCase, "complaint or appeal", "complaints and appeals"},
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
