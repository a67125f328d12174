// Package storage keeps CertDesk's records in a Badger key-value store and
// implements certification.Store on it. It is the only package that
// imports Badger.
//
// # Key layout
//
// Every key starts with a short fixed prefix, so each kind of data is one
// contiguous range in Badger's byte order. Numbers are 8-byte big-endian,
// so numeric order is byte order.
//
//	meta/schema                         uint32 big-endian: layout version (see currentSchema)
//	meta/chain                          uint64 big-endian seq, then hex hash: the journal's last entry
//	meta/reindex                        one byte, present only while the index entries are rebuilt (reindex.go)
//	r/<kind>/<id>                       JSON of one record (encoding/json, the domain's tags)
//	i/<index>/<value><id>               empty: one secondary index entry
//	s/<kind>                            uint64 big-endian: last id handed out for kind
//	s/journal                           uint64 big-endian: last journal sequence number
//	j/<seq>                             JSON of one certification.JournalEntry, hash-chained
//
// <id> and <seq> are 8 bytes big-endian. Kind and index names must not
// contain '/'. An index value may hold any bytes, '/' included: the id is
// the last 8 bytes of an index key, and the value is what lies between the
// "i/<index>/" prefix and those 8 bytes.
//
// Index entries sort by value, then by id, because ids start with 0x00
// bytes (ids below 2^56): a value that is a prefix of another ("acme",
// "acme ltd") sorts first. This holds for text and for fixed-length values
// such as certification.U64; variable-length values that contain 0x00
// bytes could interleave and must not be used.
//
// # Transactions
//
// Index entries are written in the same transaction as their record: Put
// reads the old version inside the transaction and removes the entries it
// no longer names. Update appends the journal entry in that transaction
// too, so a record, its index entries and its journal line are saved
// together or not at all.
//
// Ids come from the transactional counters s/<kind>: a transaction that
// is aborted (fn fails, or it conflicts and is retried) hands out no ids,
// so the next transaction gets the same ones again. Ids are never reused
// after a commit, even when the record is deleted.
//
// A Badger iterator sees the transaction's writes made before it was
// created, not those made while it runs: a Tx.Each or Tx.Range walk does
// not see the records fn writes during the walk.
//
// # Tamper evidence
//
// The journal is a hash chain that also covers the content of every
// record (chain.go; docs/integrity.md): each entry holds the hash of the
// entry before it and of its own content, and each change the SHA-256 of
// the record's stored bytes after it. Verify checks a folder against it.
package storage
