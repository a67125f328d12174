package backupfile

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
)

// WriteHeader writes the magic, the header info and its checksum to w;
// the payload info describes follows it.
func WriteHeader(w io.Writer, info Info) error {
	header, err := json.Marshal(info)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(header)
	var b bytes.Buffer
	b.WriteString(Magic)
	binary.Write(&b, binary.BigEndian, uint32(len(header)))
	b.Write(header)
	b.Write(sum[:])
	_, err = w.Write(b.Bytes())
	return err
}

// ReadHeader reads and checks the magic, the header and its checksum,
// and refuses what this version cannot restore: a newer format, a
// schema newer than maxSchema, an unknown encryption or compression. It
// reads r exactly up to the payload.
func ReadHeader(r io.Reader, maxSchema uint32) (Info, error) {
	var info Info
	magic := make([]byte, len(Magic))
	n, err := io.ReadFull(r, magic)
	if n == 0 {
		return info, &Error{ErrNotBackup, "this is not a CertDesk backup: the file is empty"}
	}
	if n < len(magic) && !bytes.HasPrefix([]byte(Magic), magic[:n]) || n == len(magic) && string(magic) != Magic {
		return info, &Error{ErrNotBackup, "this is not a CertDesk backup (a backup starts with \"CERTDESK-BACKUP\"): choose a file written by 'certctl backup' or CertDesk's Back up"}
	}
	if err != nil {
		return info, Damaged("the file ends after %d bytes, inside its header", n)
	}
	var size uint32
	if err := binary.Read(r, binary.BigEndian, &size); err != nil {
		return info, Damaged("the file ends inside its header")
	}
	if size == 0 || size > maxHeaderBytes {
		return info, Damaged("its header length (%d bytes) is impossible", size)
	}
	header := make([]byte, size)
	if _, err := io.ReadFull(r, header); err != nil {
		return info, Damaged("the file ends inside its header")
	}
	var sum [sha256.Size]byte
	if _, err := io.ReadFull(r, sum[:]); err != nil {
		return info, Damaged("the file ends inside its header")
	}
	if sha256.Sum256(header) != sum {
		return info, Damaged("its header does not match the header's checksum")
	}
	if err := json.Unmarshal(header, &info); err != nil {
		return info, Damaged("its header cannot be read: %v", err)
	}
	if info.Format > Format {
		return info, &Error{ErrUnsupported, fmt.Sprintf("the backup was written by a newer CertDesk (backup format %d); this version reads up to %d: update CertDesk to restore it", info.Format, Format)}
	}
	if info.Format < 1 || info.Product != "CertDesk" {
		return info, Damaged("its header names format %d of %q", info.Format, info.Product)
	}
	if info.Schema > maxSchema {
		return info, &Error{ErrUnsupported, fmt.Sprintf("the backup was written by a newer CertDesk (schema %d); this version reads up to %d: update CertDesk to restore it", info.Schema, maxSchema)}
	}
	if m := info.Encryption.Method; m != "none" && m != Cipher {
		return info, &Error{ErrUnsupported, fmt.Sprintf("the backup is encrypted (%q) and this CertDesk cannot decrypt it: update CertDesk to restore it", info.Encryption.Method)}
	}
	if info.Compression != "zstd" {
		return info, &Error{ErrUnsupported, fmt.Sprintf("the backup is compressed with %q, which this CertDesk cannot read: update CertDesk to restore it", info.Compression)}
	}
	if info.PayloadBytes <= 0 || len(info.PayloadSHA256) != 2*sha256.Size {
		return info, Damaged("its header gives no payload size or checksum")
	}
	return info, nil
}
