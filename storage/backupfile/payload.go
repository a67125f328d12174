package backupfile

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/klauspost/compress/zstd"
)

// A PayloadWriter writes a backup's payload: the entries put to it, in
// the store's key order, as the entry stream, compressed and, with a
// master key, sealed.
type PayloadWriter struct {
	hash   hash.Hash
	stored *countWriter // the stored payload
	sealer *sealWriter  // nil for a plain payload
	zw     *zstd.Encoder
	buf    *bufio.Writer
	raw    *countWriter // the entry stream
	enc    Encryption
	lenBuf [binary.MaxVarintLen64]byte
}

// NewPayloadWriter writes a payload to w, sealed under master when it is
// not nil.
func NewPayloadWriter(w io.Writer, master []byte) (*PayloadWriter, error) {
	p := &PayloadWriter{hash: sha256.New(), enc: Encryption{Method: "none"}}
	p.stored = &countWriter{w: io.MultiWriter(w, p.hash)}
	// compressed is what zstd writes to: the stored payload, or the
	// sealing of it.
	var compressed io.Writer = p.stored
	if master != nil {
		var err error
		if p.sealer, p.enc, err = newSealWriter(p.stored, master); err != nil {
			return nil, err
		}
		compressed = p.sealer
	}
	zw, err := zstd.NewWriter(compressed, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithWindowSize(8<<20))
	if err != nil {
		return nil, err
	}
	p.zw = zw
	p.buf = bufio.NewWriterSize(zw, 1<<16)
	p.raw = &countWriter{w: p.buf}
	return p, nil
}

// Encryption is the header's Encryption for this payload, without the
// sealed master key, which the caller adds.
func (p *PayloadWriter) Encryption() Encryption { return p.enc }

// Put writes one entry.
func (p *PayloadWriter) Put(key, value []byte) error {
	p.raw.Write(p.lenBuf[:binary.PutUvarint(p.lenBuf[:], uint64(len(key)))])
	p.raw.Write(key)
	p.raw.Write(p.lenBuf[:binary.PutUvarint(p.lenBuf[:], uint64(len(value)))])
	_, err := p.raw.Write(value)
	return err
}

// Close ends the entry stream and the payload and sets the header
// fields that describe it (DataBytes, PayloadBytes, PayloadSHA256). It
// does not close the writer the payload went to.
func (p *PayloadWriter) Close(info *Info) error {
	defer p.zw.Close()
	p.raw.Write([]byte{0})
	if err := p.buf.Flush(); err != nil {
		return err
	}
	if err := p.zw.Close(); err != nil {
		return err
	}
	if p.sealer != nil {
		if err := p.sealer.Close(); err != nil {
			return err
		}
	}
	info.DataBytes = p.raw.n
	info.PayloadBytes = p.stored.n
	info.PayloadSHA256 = hex.EncodeToString(p.hash.Sum(nil))
	return nil
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// A PayloadReader reads the entries of the payload that follows a
// header, checking the key order, the checksum and the end of the file.
type PayloadReader struct {
	br      *bufio.Reader // the file after the header
	info    Info
	hash    hash.Hash
	payload *countReader
	zr      *zstd.Decoder
	sr      *bufio.Reader
	prev    []byte
}

// NewPayloadReader reads the payload described by info from br, the
// file after its header; master is the unsealed key of an encrypted
// backup. Close it when done.
func NewPayloadReader(br *bufio.Reader, info Info, master []byte) (*PayloadReader, error) {
	p := &PayloadReader{br: br, info: info, hash: sha256.New()}
	p.payload = &countReader{r: io.TeeReader(io.LimitReader(br, info.PayloadBytes), p.hash)}
	var compressed io.Reader = p.payload
	if info.Encrypted() {
		or, err := NewOpenReader(p.payload, info.Encryption, master, info.PayloadBytes)
		if err != nil {
			return nil, err
		}
		compressed = or
	}
	zr, err := zstd.NewReader(compressed, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(maxZstdWindow), zstd.WithDecoderMaxMemory(1<<30))
	if err != nil {
		return nil, err
	}
	p.zr = zr
	p.sr = bufio.NewReaderSize(zr, 1<<16)
	return p, nil
}

// Close releases the decoder.
func (p *PayloadReader) Close() { p.zr.Close() }

// Next returns the next entry (key and value are not reused). After the
// last one it checks the end marker, the payload's size and checksum and
// that nothing follows, and returns io.EOF. Every other error matches
// ErrDamaged.
func (p *PayloadReader) Next() (key, value []byte, err error) {
	klen, err := binary.ReadUvarint(p.sr)
	if err != nil {
		return nil, nil, p.damage(err)
	}
	if klen == 0 {
		return nil, nil, p.end()
	}
	if klen > maxKeyBytes {
		return nil, nil, p.damage(fmt.Errorf("a key of %d bytes", klen))
	}
	key = make([]byte, klen)
	if _, err := io.ReadFull(p.sr, key); err != nil {
		return nil, nil, p.damage(err)
	}
	vlen, err := binary.ReadUvarint(p.sr)
	if err != nil {
		return nil, nil, p.damage(err)
	}
	if vlen > maxValueBytes {
		return nil, nil, p.damage(fmt.Errorf("a value of %d bytes", vlen))
	}
	value = make([]byte, vlen)
	if _, err := io.ReadFull(p.sr, value); err != nil {
		return nil, nil, p.damage(err)
	}
	if p.prev != nil && bytes.Compare(p.prev, key) >= 0 {
		return nil, nil, p.damage(errors.New("keys out of order"))
	}
	p.prev = key
	return key, value, nil
}

// damage says what is wrong in the file's terms: a truncated or damaged
// payload shows up as a decoding error, so the rest is read to tell a
// file cut off or not matching its checksum from one that does not
// decode.
func (p *PayloadReader) damage(err error) error {
	p.zr.Close()
	io.Copy(io.Discard, p.payload)
	if err := checkPayload(p.payload.n, p.hash, p.info); err != nil {
		return err
	}
	return Damaged("its content cannot be read: %v", err)
}

// end checks what follows the end marker: nothing in the stream, the
// rest of the payload matching the header, nothing after the payload.
func (p *PayloadReader) end() error {
	if _, err := p.sr.ReadByte(); err != io.EOF {
		return p.damage(errors.New("data after the end marker"))
	}
	if _, err := io.Copy(io.Discard, p.payload); err != nil {
		return p.damage(err)
	}
	if err := checkEnd(p.payload.n, p.hash, p.info, p.br); err != nil {
		return err
	}
	return io.EOF
}

// CheckChecksum reads the payload described by info from br, the file
// after its header, and checks its size and checksum and that nothing
// follows, without decoding it: it finds damage without the key of an
// encrypted backup.
func CheckChecksum(br *bufio.Reader, info Info) error {
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(br, info.PayloadBytes))
	if err != nil {
		return err
	}
	return checkEnd(n, h, info, br)
}

func checkEnd(n int64, h hash.Hash, info Info, br *bufio.Reader) error {
	if err := checkPayload(n, h, info); err != nil {
		return err
	}
	if n, _ := br.Read(make([]byte, 1)); n > 0 {
		return Damaged("there are bytes after its end")
	}
	return nil
}

// checkPayload checks the size and checksum of the n payload bytes
// hashed into h against the header.
func checkPayload(n int64, h hash.Hash, info Info) error {
	if n < info.PayloadBytes {
		return Damaged("the file ends early (after %d of %d payload bytes): it was cut off", n, info.PayloadBytes)
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != info.PayloadSHA256 {
		return Damaged("its content does not match its checksum (SHA-256 %s, the header says %s)", got[:16]+"…", info.PayloadSHA256[:16]+"…")
	}
	return nil
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
