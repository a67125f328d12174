package office

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nkeys"
)

// Desks: each enrolled desk holds an NKey (an Ed25519 key pair, NATS's
// own) whose seed is its credentials file; the office keeps only the
// public keys, one file per desk, and admits no one else.

const desksDir = "desks"

var deskName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// Enrol makes the credentials of a new desk called name (letters,
// digits, dot, dash, underscore) and returns them: the seed a desk
// connects with, to be handed to it privately. The office admits the
// desk from its next start.
func Enrol(dir, name string) ([]byte, error) {
	if !deskName.MatchString(name) {
		return nil, fmt.Errorf("office: desk name %q: use letters, digits, dot, dash or underscore (at most 64)", name)
	}
	if _, err := os.Stat(CAFile(dir)); err != nil {
		return nil, fmt.Errorf("office: %s is not an office's folder (run office init first): %w", dir, err)
	}
	d := filepath.Join(dir, desksDir)
	if err := os.MkdirAll(d, 0o700); err != nil {
		return nil, err
	}
	pub := filepath.Join(d, name+".pub")
	if _, err := os.Stat(pub); err == nil {
		return nil, fmt.Errorf("office: a desk called %s is enrolled already: choose another name", name)
	}
	kp, err := nkeys.CreateUser()
	if err != nil {
		return nil, err
	}
	seed, err := kp.Seed()
	if err != nil {
		return nil, err
	}
	pk, err := kp.PublicKey()
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(pub, []byte(pk+"\n"), 0o600); err != nil {
		return nil, err
	}
	return append(seed, '\n'), nil
}

// enrolled are the public keys of the enrolled desks, by name.
func enrolled(dir string) ([]*server.NkeyUser, error) {
	files, err := filepath.Glob(filepath.Join(dir, desksDir, "*.pub"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var out []*server.NkeyUser
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		pk := strings.TrimSpace(string(b))
		if !nkeys.IsValidPublicUserKey(pk) {
			return nil, errors.New("office: " + f + " does not hold a desk's public key: enrol the desk again")
		}
		out = append(out, &server.NkeyUser{Nkey: pk, Permissions: deskPermissions()})
	}
	return out, nil
}

// deskPermissions are what an enrolled desk may do with the office's
// JetStream: append to the journal and read it, make the stream and the
// snapshots' bucket when there are none, store snapshots. The body's
// record is never deleted, purged, rewritten, reconfigured or restored
// from elsewhere by a desk, whatever software it runs: the JetStream API
// calls that would do it are denied.
func deskPermissions() *server.Permissions {
	return &server.Permissions{Publish: &server.SubjectPermission{Deny: []string{
		"$JS.API.STREAM.DELETE.>",
		"$JS.API.STREAM.UPDATE.>",
		"$JS.API.STREAM.PURGE.>",
		"$JS.API.STREAM.MSG.DELETE.>",
		"$JS.API.STREAM.RESTORE.>",
		"$JS.API.STREAM.PEER.REMOVE.>",
	}}}
}
