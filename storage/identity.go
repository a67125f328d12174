package storage

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"certdesk/certification"
)

// A person's identity key (certification/identity.go) lives on the desk
// as a file in the data folder's IdentityDir, named for its public key:
//
//	product, format       "CertDesk", "identity" and 1
//	person_id, name       whose it is when it was made (for people
//	                      reading the folder; the register decides)
//	public                the Ed25519 public key
//	kdf, kdf_params, salt, nonce, wrapped_key
//	                      the 32-byte Ed25519 seed sealed with AES-256-GCM
//	                      under the key Argon2id derives from the person's
//	                      passphrase, bound to the public key
//	checksum              SHA-256 of the fields above
//
// The seed is also a NATS NKey's seed (nkeys.FromRawSeed with the user
// prefix): the shared body signs in with the same key.

// IdentityDir is the folder of identity files inside a data folder.
const IdentityDir = "identities"

// IdentityPassphraseEnv names the environment variable certctl reads an
// identity's passphrase from when it does not ask for it.
const IdentityPassphraseEnv = "CERTDESK_KEY_PASSPHRASE"

// ErrNoIdentity is matched by the error of unlocking an identity whose
// file is not on this desk.
var ErrNoIdentity = errors.New("the identity key is not on this desk")

type identityFile struct {
	Product  string            `json:"product"`
	Kind     string            `json:"kind"`
	Format   int               `json:"format"`
	PersonID certification.ID  `json:"person_id"`
	Name     string            `json:"name"`
	Created  time.Time         `json:"created"`
	Public   ed25519.PublicKey `json:"public"`
	keyEnvelope
	Checksum string `json:"checksum"`
}

func (f *identityFile) sum() string {
	c := *f
	c.Checksum = ""
	b, _ := json.Marshal(c)
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// identityAAD binds a sealed seed to its public key.
func identityAAD(public ed25519.PublicKey) []byte {
	return append([]byte("CertDesk identity v1 "), public...)
}

// Identity is an unlocked identity key: a certification.Signer.
type Identity struct {
	person certification.ID
	key    ed25519.PrivateKey
}

// NewIdentity makes a new identity key for a person (0 for one not yet
// in the register).
func NewIdentity(person certification.ID) (*Identity, error) {
	_, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	return &Identity{person: person, key: key}, nil
}

func (id *Identity) PersonID() certification.ID { return id.person }

func (id *Identity) PublicKey() ed25519.PublicKey { return id.key.Public().(ed25519.PublicKey) }

func (id *Identity) Sign(message []byte) []byte { return ed25519.Sign(id.key, message) }

// Seed is the key's 32-byte seed, for an NKey (nkeys.FromRawSeed).
func (id *Identity) Seed() []byte { return id.key.Seed() }

// For returns the identity as the key of person.
func (id *Identity) For(person certification.ID) *Identity {
	return &Identity{person: person, key: id.key}
}

// identityPath is the file of the identity key public in dir.
func identityPath(dir string, public ed25519.PublicKey) string {
	return filepath.Join(dir, IdentityDir, hex.EncodeToString(public[:16])+".key")
}

// Save seals the identity under passphrase (checked as a new one) and
// writes its file in the data folder dir, for the person named.
func (id *Identity) Save(dir, name string, passphrase []byte) error {
	if err := CheckNewPassphrase(passphrase); err != nil {
		return err
	}
	return id.save(dir, name, passphrase, DefaultKDF)
}

func (id *Identity) save(dir, name string, passphrase []byte, params KDFParams) error {
	pub := id.PublicKey()
	env, err := sealAs(id.key.Seed(), passphrase, params, identityAAD(pub))
	if err != nil {
		return err
	}
	f := identityFile{Product: "CertDesk", Kind: "identity", Format: 1, PersonID: id.person, Name: name,
		Created: time.Now().UTC().Truncate(time.Second), Public: pub, keyEnvelope: env}
	f.Checksum = f.sum()
	b, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(dir, IdentityDir), 0o700); err != nil {
		return fmt.Errorf("making the identity folder in %s: %w", dir, err)
	}
	return writeFileAtomically(identityPath(dir, pub), func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// UnlockIdentity opens the identity file of person's key public in the
// data folder dir with the person's passphrase.
func UnlockIdentity(dir string, person certification.ID, name string, public ed25519.PublicKey, passphrase []byte) (*Identity, error) {
	f, err := readIdentity(dir, public, name)
	if err != nil {
		return nil, err
	}
	seed, ok := f.openAs(passphrase, identityAAD(public))
	if !ok {
		return nil, wrongPassphrase(name + "'s identity key")
	}
	key := ed25519.NewKeyFromSeed(seed)
	if !key.Public().(ed25519.PublicKey).Equal(public) {
		return nil, &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the identity file %s is damaged (its key is not the one it names)", identityPath(dir, public))}
	}
	return &Identity{person: person, key: key}, nil
}

// HasIdentity reports whether the identity file of the key public is on
// this desk (in the data folder dir).
func HasIdentity(dir string, public ed25519.PublicKey) bool {
	if len(public) != ed25519.PublicKeySize {
		return false
	}
	_, err := os.Stat(identityPath(dir, public))
	return err == nil
}

// ChangeIdentityPassphrase seals the identity key public in dir under a
// new passphrase: the key, and so the register, stay as they are.
func ChangeIdentityPassphrase(dir, name string, public ed25519.PublicKey, old, new []byte) error {
	if err := CheckNewPassphrase(new); err != nil {
		return err
	}
	f, err := readIdentity(dir, public, name)
	if err != nil {
		return err
	}
	id, err := UnlockIdentity(dir, f.PersonID, name, public, old)
	if err != nil {
		return err
	}
	return id.save(dir, name, new, f.KDFParams)
}

func readIdentity(dir string, public ed25519.PublicKey, name string) (identityFile, error) {
	var f identityFile
	if len(public) != ed25519.PublicKeySize {
		return f, fmt.Errorf("%s has no identity key in the register", name)
	}
	path := identityPath(dir, public)
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return f, fmt.Errorf("%w: %s's identity file %s is missing: copy it here from the desk where the key was made, or have an administrator set a new key", ErrNoIdentity, name, path)
	} else if err != nil {
		return f, err
	}
	damaged := func(why string) error {
		return &kindError{Kind: ErrKeyFile, Msg: fmt.Sprintf("the identity file %s is damaged (%s): copy it again, or have an administrator set a new key", path, why)}
	}
	if len(b) > 64<<10 {
		return f, damaged("too long")
	}
	if err := json.Unmarshal(b, &f); err != nil {
		return f, damaged(err.Error())
	}
	switch {
	case f.Product != "CertDesk" || f.Kind != "identity":
		return f, damaged("not a CertDesk identity file")
	case f.Format != 1:
		return f, fmt.Errorf("the identity file %s was written by another CertDesk (format %d): update CertDesk", path, f.Format)
	case f.Checksum != f.sum():
		return f, damaged("it does not match its checksum")
	case !f.Public.Equal(public):
		return f, damaged("it holds another key than its name says")
	}
	if err := f.keyEnvelope.valid(); err != nil {
		return f, damaged(err.Error())
	}
	return f, nil
}

// RemoveIdentity removes the identity file of the key public from dir: a
// key the register refused, so that no unused key lies on the desk.
func RemoveIdentity(dir string, public ed25519.PublicKey) error {
	if len(public) != ed25519.PublicKeySize {
		return nil
	}
	err := os.Remove(identityPath(dir, public))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}

// carryIdentities copies the identity files of the data folder from into
// the folder to, which takes its place (an encryption or a restore): the
// keys belong to the desk, not to the records.
func carryIdentities(from, to string) error {
	entries, err := os.ReadDir(filepath.Join(from, IdentityDir))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(to, IdentityDir), 0o700); err != nil {
		return err
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || filepath.Ext(e.Name()) != ".key" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(from, IdentityDir, e.Name()))
		if err != nil {
			return err
		}
		err = writeFileAtomically(filepath.Join(to, IdentityDir, e.Name()), func(w io.Writer) error {
			_, err := w.Write(b)
			return err
		})
		if err != nil {
			return fmt.Errorf("copying the identity key file %s: %w", e.Name(), err)
		}
	}
	return nil
}
