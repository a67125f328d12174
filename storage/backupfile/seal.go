package backupfile

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
)

// An encrypted backup's payload is the compressed entry stream cut into
// chunks of Encryption.ChunkBytes bytes (the last one shorter, maybe
// empty), each sealed with AES-256-GCM:
//
//	key    HKDF-SHA256(master key, payload_salt, "CertDesk backup payload v1")
//	nonce  8-byte big-endian chunk number | 3 zero bytes | 1 if last else 0
//
// A fresh payload salt gives every backup its own key, so chunk numbers
// never repeat a nonce under one key. The last-chunk flag makes a payload
// cut at a chunk boundary fail to decrypt, as a reordered or altered
// chunk does.

// Cipher is the Encryption.Method of an encrypted payload.
const Cipher = "aes-256-gcm-chunked"

// TagBytes is what sealing adds to a chunk.
const TagBytes = 16

const (
	chunkBytes    = 64 << 10
	maxChunkBytes = 16 << 20
)

var payloadInfo = "CertDesk backup payload v1"

func payloadKey(master, salt []byte) ([]byte, error) {
	return hkdf.Key(sha256.New, master, salt, payloadInfo, 32)
}

func chunkNonce(n uint64, last bool) []byte {
	nonce := make([]byte, 12)
	binary.BigEndian.PutUint64(nonce, n)
	if last {
		nonce[11] = 1
	}
	return nonce
}

// NewGCM is AES-256-GCM under key, which must be 32 bytes long: the
// cipher of the payload's chunks and of the sealed master key.
func NewGCM(key []byte) cipher.AEAD {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // keys are always 32 bytes here
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return gcm
}

// sealWriter seals what is written to it in chunks and writes them to w.
// Close seals the last chunk; it does not close w.
type sealWriter struct {
	w      io.Writer
	gcm    cipher.AEAD
	buf    []byte
	size   int
	n      uint64
	err    error
	sealed []byte
}

// newSealWriter returns the writer and the encryption fields of the
// header that reading it needs with master (Method, a fresh payload
// salt, the chunk size); the caller adds the sealed master key.
func newSealWriter(w io.Writer, master []byte) (*sealWriter, Encryption, error) {
	salt := make([]byte, 32)
	if _, err := rand.Read(salt); err != nil {
		return nil, Encryption{}, err
	}
	pk, err := payloadKey(master, salt)
	if err != nil {
		return nil, Encryption{}, err
	}
	enc := Encryption{Method: Cipher, PayloadSalt: salt, ChunkBytes: chunkBytes}
	return &sealWriter{w: w, gcm: NewGCM(pk), size: chunkBytes, buf: make([]byte, 0, chunkBytes)}, enc, nil
}

func (s *sealWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	written := 0
	for len(p) > 0 {
		// A full buffer is sealed only once more data comes: the last
		// chunk must carry the last flag.
		if len(s.buf) == s.size {
			s.flush(false)
			if s.err != nil {
				return written, s.err
			}
		}
		k := min(len(p), s.size-len(s.buf))
		s.buf = append(s.buf, p[:k]...)
		p = p[k:]
		written += k
	}
	return written, nil
}

func (s *sealWriter) flush(last bool) {
	s.sealed = s.gcm.Seal(s.sealed[:0], chunkNonce(s.n, last), s.buf, nil)
	s.n++
	s.buf = s.buf[:0]
	_, s.err = s.w.Write(s.sealed)
}

func (s *sealWriter) Close() error {
	if s.err == nil {
		s.flush(true)
	}
	return s.err
}

// errDecrypt is the authentication failure of a chunk: a payload altered
// or cut, or sealed under another key.
var errDecrypt = errors.New("a part of the payload does not decrypt (altered, cut off, or sealed under another key)")

// openReader opens the chunks read from r, whose stored size is total.
type openReader struct {
	r     io.Reader
	gcm   cipher.AEAD
	size  int
	left  int64 // stored bytes not yet read
	n     uint64
	chunk []byte
	plain []byte
	err   error
}

// NewOpenReader reads the compressed entry stream from the sealed
// payload r of total stored bytes, encrypted as enc says under the
// backup's master key.
func NewOpenReader(r io.Reader, enc Encryption, master []byte, total int64) (io.Reader, error) {
	if enc.ChunkBytes < 1 || enc.ChunkBytes > maxChunkBytes || len(enc.PayloadSalt) < 16 {
		return nil, Damaged("its encryption header is impossible (chunks of %d bytes)", enc.ChunkBytes)
	}
	pk, err := payloadKey(master, enc.PayloadSalt)
	if err != nil {
		return nil, err
	}
	return &openReader{r: r, gcm: NewGCM(pk), size: enc.ChunkBytes, left: total, chunk: make([]byte, enc.ChunkBytes+TagBytes)}, nil
}

func (o *openReader) Read(p []byte) (int, error) {
	for len(o.plain) == 0 {
		if o.err != nil {
			return 0, o.err
		}
		o.next()
	}
	n := copy(p, o.plain)
	o.plain = o.plain[n:]
	return n, nil
}

// next reads and opens one chunk; the one that ends the stored payload
// must be the last.
func (o *openReader) next() {
	if o.left <= 0 {
		o.err = io.EOF
		return
	}
	want := int64(len(o.chunk))
	last := o.left <= want
	if last {
		want = o.left
	}
	if want < TagBytes {
		o.err = errDecrypt
		return
	}
	buf := o.chunk[:want]
	if _, err := io.ReadFull(o.r, buf); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		o.err = err
		return
	}
	o.left -= want
	plain, err := o.gcm.Open(buf[:0], chunkNonce(o.n, last), buf, nil)
	if err != nil {
		o.err = errDecrypt
		return
	}
	o.n++
	o.plain = plain
	if last {
		o.err = io.EOF
	}
	if len(plain) == 0 && o.err == nil {
		o.err = errDecrypt // only the last chunk may be empty
	}
}
