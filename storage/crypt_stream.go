package storage

import (
	"bufio"
	"bytes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// An encrypted backup's payload is the compressed entry stream cut into
// chunks of BackupEncryption.ChunkBytes bytes (the last one shorter, maybe
// empty), each sealed with AES-256-GCM:
//
//	key    HKDF-SHA256(master key, payload_salt, "CertDesk backup payload v1")
//	nonce  8-byte big-endian chunk number | 3 zero bytes | 1 if last else 0
//
// A fresh payload salt gives every backup its own key, so chunk numbers
// never repeat a nonce under one key. The last-chunk flag makes a payload
// cut at a chunk boundary fail to decrypt, as a reordered or altered
// chunk does.

const (
	backupCipher     = "aes-256-gcm-chunked"
	backupChunkBytes = 64 << 10
	maxChunkBytes    = 16 << 20
	gcmTag           = 16
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
// header that reading it needs (the envelope of key, a payload salt).
func newSealWriter(w io.Writer, key Key) (*sealWriter, BackupEncryption, error) {
	salt := make([]byte, 32)
	if _, err := rand.Read(salt); err != nil {
		return nil, BackupEncryption{}, err
	}
	pk, err := payloadKey(key.master, salt)
	if err != nil {
		return nil, BackupEncryption{}, err
	}
	params := key.env.KDFParams
	enc := BackupEncryption{
		Method: backupCipher, KDF: key.env.KDF, KDFParams: &params,
		Salt: key.env.Salt, Nonce: key.env.Nonce, WrappedKey: key.env.WrappedKey,
		PayloadSalt: salt, ChunkBytes: backupChunkBytes,
	}
	return &sealWriter{w: w, gcm: newGCM(pk), size: backupChunkBytes, buf: make([]byte, 0, backupChunkBytes)}, enc, nil
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

func newOpenReader(r io.Reader, enc BackupEncryption, master []byte, total int64) (*openReader, error) {
	if enc.ChunkBytes < 1 || enc.ChunkBytes > maxChunkBytes || len(enc.PayloadSalt) < 16 {
		return nil, damaged("its encryption header is impossible (chunks of %d bytes)", enc.ChunkBytes)
	}
	pk, err := payloadKey(master, enc.PayloadSalt)
	if err != nil {
		return nil, err
	}
	return &openReader{r: r, gcm: newGCM(pk), size: enc.ChunkBytes, left: total, chunk: make([]byte, enc.ChunkBytes+gcmTag)}, nil
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
	if want < gcmTag {
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

// backupMaster unseals the master key of an encrypted backup.
func backupMaster(enc BackupEncryption, passphrase []byte) ([]byte, error) {
	env, err := enc.envelope()
	if err != nil {
		return nil, err
	}
	if passphrase == nil {
		return nil, &kindError{ErrEncrypted, "the backup is encrypted: give the passphrase its data folder had when the backup was taken"}
	}
	master, ok := env.open(passphrase)
	if !ok {
		return nil, wrongPassphrase("this backup (a backup keeps the passphrase its data folder had when it was taken)")
	}
	return master, nil
}

func (enc BackupEncryption) envelope() (keyEnvelope, error) {
	env := keyEnvelope{KDF: enc.KDF, Salt: enc.Salt, Nonce: enc.Nonce, WrappedKey: enc.WrappedKey}
	if enc.KDFParams != nil {
		env.KDFParams = *enc.KDFParams
	}
	if err := env.valid(); err != nil {
		return env, damaged("its encryption header cannot be used: %v", err)
	}
	return env, nil
}

// resealBackups gives the encrypted automatic backups in folder whose
// key is sealed as in old (the key file before a passphrase change) the
// sealing env instead: only the header changes, since the payload's key
// comes from the master key, which stays the same. Backups sealed
// otherwise (under an older passphrase) are listed in kept.
func resealBackups(folder string, old, env keyEnvelope) (resealed, kept []string, err error) {
	paths, err := RollingBackups(folder)
	if err != nil {
		return nil, nil, err
	}
	for _, p := range paths {
		done, err := resealBackup(p, old, env)
		if err != nil {
			return resealed, kept, fmt.Errorf("sealing the automatic backup %s under the new passphrase: %w", p, err)
		}
		if done {
			resealed = append(resealed, p)
		} else {
			kept = append(kept, p)
		}
	}
	return resealed, kept, nil
}

func resealBackup(path string, old, env keyEnvelope) (bool, error) {
	f, err := os.Open(path)
	if err != nil {
		return false, err
	}
	defer f.Close()
	info, err := readHeader(f)
	if err != nil || !info.Encrypted() {
		return false, nil // not one of ours to change
	}
	e := info.Encryption
	if !bytes.Equal(e.Salt, old.Salt) || !bytes.Equal(e.Nonce, old.Nonce) || !bytes.Equal(e.WrappedKey, old.WrappedKey) {
		return false, nil
	}
	var size [4]byte
	if _, err := f.ReadAt(size[:], int64(len(backupMagic))); err != nil {
		return false, err
	}
	payloadAt := int64(len(backupMagic)) + 4 + int64(binary.BigEndian.Uint32(size[:])) + sha256.Size
	params := env.KDFParams
	info.Encryption.KDF, info.Encryption.KDFParams = env.KDF, &params
	info.Encryption.Salt, info.Encryption.Nonce, info.Encryption.WrappedKey = env.Salt, env.Nonce, env.WrappedKey
	header, err := json.Marshal(info)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(header)
	err = writeFileAtomically(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		bw.WriteString(backupMagic)
		binary.Write(bw, binary.BigEndian, uint32(len(header)))
		bw.Write(header)
		bw.Write(sum[:])
		n, err := io.Copy(bw, io.NewSectionReader(f, payloadAt, info.PayloadBytes))
		if err == nil && n != info.PayloadBytes {
			err = fmt.Errorf("the file ends early (%d of %d payload bytes)", n, info.PayloadBytes)
		}
		if err == nil {
			err = bw.Flush()
		}
		return err
	})
	return err == nil, err
}
