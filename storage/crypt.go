package storage

import (
	"bytes"
	"certdesk/storage/backupfile"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// Encryption at rest (docs/integrity.md, "Encryption"):
//
// An encrypted data folder holds, beside Badger's files, the key file
// KeyFileName. It is plain JSON that reveals nothing about the records:
//
//	kdf, kdf_params, salt   Argon2id and its parameters
//	nonce, wrapped_key      the folder's 32-byte master key, sealed with
//	                        AES-256-GCM under the key Argon2id derives
//	                        from the passphrase
//	key_id                  HMAC-SHA256 of a fixed text under the master
//	                        key: names the key without revealing it
//	checksum                SHA-256 of the fields above, to tell a damaged
//	                        key file from a wrong passphrase
//
// Badger encrypts its tables, value log and write-ahead log with data keys
// that it keeps in its KEYREGISTRY, sealed with the master key (Badger's
// "encryption key"). The master key never changes: a passphrase change
// seals it anew in a new key file, written beside the old one and renamed
// over it, so the records are not re-encrypted and a crash leaves either
// the old or the new passphrase working, never neither.
//
// Without the key file the folder cannot be opened by anyone: keep backups
// (they carry their own sealed copy of the key; see package backupfile).

// KeyFileName is the key file of an encrypted data folder.
const KeyFileName = "CERTDESK-KEY.json"

// PassphraseEnv names the environment variable certctl reads a data
// folder's passphrase from when it does not ask for it.
const PassphraseEnv = "CERTDESK_PASSPHRASE"

// MinPassphrase is the shortest passphrase CertDesk accepts for a new
// key, in characters.
const MinPassphrase = 12

const keyFileFormat = 1

// KDFParams are Argon2id's cost parameters.
type KDFParams struct {
	Time      uint32 `json:"time"`
	MemoryKiB uint32 `json:"memory_kib"`
	Threads   uint8  `json:"threads"`
}

// DefaultKDF is RFC 9106's second recommended Argon2id setting (t=3,
// 64 MiB, 4 lanes): about a tenth of a second on a laptop per unlock,
// much more per guess for anyone trying passphrases.
var DefaultKDF = KDFParams{Time: 3, MemoryKiB: 64 << 10, Threads: 4}

// Limits a key file must keep: a hostile one cannot make the unlock take
// hours or gigabytes.
const (
	maxKDFTime    = 8
	maxKDFMemory  = 256 << 10 // KiB: 256 MiB
	maxKDFThreads = 16
)

func (p KDFParams) check() error {
	if p.Time < 1 || p.Time > maxKDFTime || p.MemoryKiB < 8*uint32(max(p.Threads, 1)) || p.MemoryKiB > maxKDFMemory || p.Threads < 1 || p.Threads > maxKDFThreads {
		return fmt.Errorf("Argon2id parameters out of range (time %d, memory %d KiB, threads %d)", p.Time, p.MemoryKiB, p.Threads)
	}
	return nil
}

// keyEnvelope is the sealed master key with what opens it. The key file
// and an encrypted backup's header both hold one.
type keyEnvelope struct {
	KDF        string    `json:"kdf"`
	KDFParams  KDFParams `json:"kdf_params"`
	Salt       []byte    `json:"salt"`
	Nonce      []byte    `json:"nonce"`
	WrappedKey []byte    `json:"wrapped_key"`
}

// keyFile is the JSON of KeyFileName.
type keyFile struct {
	Product string    `json:"product"`
	Format  int       `json:"format"`
	Cipher  string    `json:"cipher"`
	Created time.Time `json:"created"`
	Changed time.Time `json:"changed"`
	keyEnvelope
	KeyID    string `json:"key_id"`
	Checksum string `json:"checksum"`
}

// wrapAAD binds a sealed key to its use.
var wrapAAD = []byte("CertDesk master key v1")

// sum is the key file's checksum: over the envelope and the key id.
func (kf *keyFile) sum() string {
	h := sha256.New()
	b, _ := json.Marshal(kf.keyEnvelope)
	h.Write(b)
	h.Write([]byte(kf.KeyID))
	return hex.EncodeToString(h.Sum(nil))
}

// keyID names a master key without revealing it.
func keyID(master []byte) string {
	m := hmac.New(sha256.New, master)
	m.Write([]byte("CertDesk key id v1"))
	return hex.EncodeToString(m.Sum(nil))[:32]
}

// Key is an unlocked data folder key. Its zero value is no key.
type Key struct {
	master []byte
	env    keyEnvelope
}

// ErrEncrypted is matched (errors.Is) by the error of opening an
// encrypted data folder without its passphrase.
var ErrEncrypted = errors.New("the data folder is encrypted")

// ErrWrongPassphrase is matched by the error of a passphrase that does
// not open the folder's (or backup's) key. Nothing is changed.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// ErrKeyFile is matched by the errors of a missing or damaged key file.
var ErrKeyFile = errors.New("the key file is missing or damaged")

func needPassphrase(dir string) error {
	return &kindError{Kind: ErrEncrypted, Msg: fmt.Sprintf("the CertDesk data folder %s is encrypted: give its passphrase (certctl asks for it in a terminal, or reads $%s)", dir, PassphraseEnv)}
}

func wrongPassphrase(what string) error {
	return &kindError{Kind: ErrWrongPassphrase, Msg: fmt.Sprintf("the passphrase does not open %s: check it (upper and lower case, keyboard layout) and try again; nothing was opened or changed", what)}
}

// IsEncrypted reports whether dir is an encrypted data folder (holds a
// key file).
func IsEncrypted(dir string) (bool, error) {
	_, err := os.Stat(filepath.Join(dir, KeyFileName))
	if err == nil {
		return true, nil
	}
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return false, err
}

// readKeyFile reads and checks the key file of dir.
func readKeyFile(dir string) (keyFile, error) {
	var kf keyFile
	path := filepath.Join(dir, KeyFileName)
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return kf, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s is missing", path)}
		}
		return kf, err
	}
	if len(b) > 64<<10 {
		return kf, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s is damaged: it is %d bytes long; restore it from a copy, or restore a backup", path, len(b))}
	}
	if err := json.Unmarshal(b, &kf); err != nil {
		return kf, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s is damaged (%v): restore it from a copy, or restore a backup", path, err)}
	}
	if kf.Product != "CertDesk" || kf.Format < 1 {
		return kf, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("%s is not a CertDesk key file", path)}
	}
	if kf.Format > keyFileFormat {
		return kf, fmt.Errorf("the key file %s was written by a newer CertDesk (format %d): update CertDesk to open this folder", path, kf.Format)
	}
	if kf.Checksum != kf.sum() {
		return kf, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s is damaged (it does not match its checksum): restore it from a copy, or restore a backup", path)}
	}
	if err := kf.keyEnvelope.valid(); err != nil {
		return kf, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s is damaged: %v", path, err)}
	}
	return kf, nil
}

func (e *keyEnvelope) valid() error {
	if e.KDF != "argon2id" {
		return fmt.Errorf("it names the key derivation %q, this CertDesk knows argon2id", e.KDF)
	}
	if err := e.KDFParams.check(); err != nil {
		return err
	}
	if len(e.Salt) < 16 || len(e.Nonce) != 12 || len(e.WrappedKey) != 32+16 {
		return errors.New("its salt, nonce or sealed key has the wrong length")
	}
	return nil
}

// kek derives the key-encryption key from the passphrase, normalised to
// Unicode NFC first: "é" typed as one character or as "e" and an accent
// (keyboards and systems differ) is the same passphrase (RFC 8265).
func (e *keyEnvelope) kek(passphrase []byte) []byte {
	p := e.KDFParams
	return argon2.IDKey(norm.NFC.Bytes(passphrase), e.Salt, p.Time, p.MemoryKiB, p.Threads, 32)
}

// open unseals the master key; a wrong passphrase fails GCM's check.
func (e *keyEnvelope) open(passphrase []byte) ([]byte, bool) { return e.openAs(passphrase, wrapAAD) }

// openAs unseals the secret sealed for the use aad names.
func (e *keyEnvelope) openAs(passphrase, aad []byte) ([]byte, bool) {
	gcm := backupfile.NewGCM(e.kek(passphrase))
	secret, err := gcm.Open(nil, e.Nonce, e.WrappedKey, aad)
	return secret, err == nil
}

// seal returns a new envelope for master under passphrase: a fresh salt
// and nonce every time.
func seal(master, passphrase []byte, params KDFParams) (keyEnvelope, error) {
	return sealAs(master, passphrase, params, wrapAAD)
}

// sealAs seals a 32-byte secret for the use aad names.
func sealAs(master, passphrase []byte, params KDFParams, aad []byte) (keyEnvelope, error) {
	e := keyEnvelope{KDF: "argon2id", KDFParams: params, Salt: make([]byte, 32), Nonce: make([]byte, 12)}
	if err := params.check(); err != nil {
		return e, err
	}
	if _, err := rand.Read(e.Salt); err != nil {
		return e, err
	}
	if _, err := rand.Read(e.Nonce); err != nil {
		return e, err
	}
	e.WrappedKey = backupfile.NewGCM(e.kek(passphrase)).Seal(nil, e.Nonce, master, aad)
	return e, nil
}

// currentKey is the key to seal a backup with: the folder's key as its
// key file holds it now (its passphrase may have changed since the folder
// was opened, here or by another process), or the key it was opened with
// when the key file is unreadable or holds another key.
func (db *DB) currentKey() Key {
	if db.dir == "" {
		return db.key
	}
	kf, err := readKeyFile(db.dir)
	if err != nil || kf.KeyID != keyID(db.key.master) {
		return db.key
	}
	return Key{master: db.key.master, env: kf.keyEnvelope}
}

// CheckNewPassphrase says what is wrong with a passphrase for a new key,
// or returns nil.
func CheckNewPassphrase(p []byte) error {
	if !utf8.Valid(p) {
		return errors.New("the passphrase is not valid text (UTF-8)")
	}
	if n := utf8.RuneCount(bytes.TrimSpace(p)); n < MinPassphrase {
		return fmt.Errorf("the passphrase is too short (%d characters): use at least %d, for example a few unrelated words", n, MinPassphrase)
	}
	if len(bytes.TrimSpace(p)) != len(p) {
		return errors.New("the passphrase starts or ends with a space: spaces at the ends are easily lost when typed; remove them")
	}
	return nil
}

// unlock reads dir's key file and unseals its master key.
func unlock(dir string, passphrase []byte) (Key, error) {
	kf, err := readKeyFile(dir)
	if err != nil {
		return Key{}, err
	}
	master, ok := kf.open(passphrase)
	if !ok {
		return Key{}, wrongPassphrase("the CertDesk data folder " + dir)
	}
	if kf.KeyID != keyID(master) {
		return Key{}, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the key file %s is damaged (its key id does not match its key): restore it from a copy, or restore a backup", filepath.Join(dir, KeyFileName))}
	}
	return Key{master: master, env: kf.keyEnvelope}, nil
}

// CheckPassphrase reports whether passphrase opens the encrypted data
// folder dir (nil), or why not, without opening the folder.
func CheckPassphrase(dir string, passphrase []byte) error {
	_, err := unlock(dir, passphrase)
	return err
}

// newKey makes a random master key sealed under passphrase.
func newKey(passphrase []byte, params KDFParams) (Key, error) {
	master := make([]byte, 32)
	if _, err := rand.Read(master); err != nil {
		return Key{}, err
	}
	env, err := seal(master, passphrase, params)
	if err != nil {
		return Key{}, err
	}
	return Key{master: master, env: env}, nil
}

// writeKeyFile writes k's envelope as dir's key file: into a temporary
// file first, synced and renamed over the old one.
func writeKeyFile(dir string, k Key, created time.Time) error {
	env := k.env
	now := time.Now().UTC().Truncate(time.Second)
	if created.IsZero() {
		created = now
	}
	kf := keyFile{Product: "CertDesk", Format: keyFileFormat, Cipher: "badger-aes-256", Created: created, Changed: now, keyEnvelope: env, KeyID: keyID(k.master)}
	kf.Checksum = kf.sum()
	b, err := json.MarshalIndent(kf, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	err = writeFileAtomically(filepath.Join(dir, KeyFileName), func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
	if err != nil {
		return fmt.Errorf("writing the key file in %s: %w", dir, err)
	}
	return nil
}

// writeFileAtomically writes path through write: into a temporary file
// beside it (mode 0600) first, synced and renamed over path, so that path
// holds the old content or the new one, never part of it.
func writeFileAtomically(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// ChangePassphrase seals dir's master key under a new passphrase. The
// records are not touched (no re-encryption, no export): only the key
// file is replaced, atomically. dir may be open meanwhile. The automatic
// backups beside it (RollingBackupDir) that the old passphrase opens are
// sealed anew too (their headers only), so that they do not keep the old
// passphrase working; other backups keep the passphrase of their day.
func ChangePassphrase(dir string, old, new []byte) (PassphraseResult, error) {
	return changePassphrase(dir, old, new, DefaultKDF)
}

// PassphraseResult says what ChangePassphrase did.
type PassphraseResult struct {
	Dir string
	// Resealed are the automatic backups now sealed under the new
	// passphrase; Kept are those sealed under an older one than the old
	// passphrase given, left as they were.
	Resealed, Kept []string
}

// Summary says what ChangePassphrase did, for people.
func (r PassphraseResult) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "The passphrase of %s is changed.", r.Dir)
	if n := len(r.Resealed); n > 0 {
		fmt.Fprintf(&b, " %s with the new passphrase too.", plural(n, "automatic backup now opens", "automatic backups now open"))
	}
	if n := len(r.Kept); n > 0 {
		fmt.Fprintf(&b, " %s, taken under an even older passphrase, %s it.", plural(n, "automatic backup", "automatic backups"), map[bool]string{true: "keeps", false: "keep"}[n == 1])
	}
	b.WriteString(" Backups kept elsewhere keep the passphrase of their day: whoever has one of them and that passphrase can read the folder's data as it was then.")
	return b.String()
}

func changePassphrase(dir string, old, new []byte, params KDFParams) (PassphraseResult, error) {
	res := PassphraseResult{Dir: dir}
	if err := CheckNewPassphrase(new); err != nil {
		return res, err
	}
	kf, err := readKeyFile(dir)
	if err != nil {
		return res, err
	}
	master, ok := kf.open(old)
	if !ok {
		return res, wrongPassphrase("the CertDesk data folder " + dir)
	}
	if bytes.Equal(old, new) {
		return res, errors.New("the new passphrase is the current one: choose another, or keep the current one")
	}
	env, err := seal(master, new, params)
	if err != nil {
		return res, err
	}
	if err := writeKeyFile(dir, Key{master: master, env: env}, kf.Created); err != nil {
		return res, err
	}
	res.Resealed, res.Kept, err = resealBackups(RollingBackupDir(dir), kf.keyEnvelope, env)
	return res, err
}
