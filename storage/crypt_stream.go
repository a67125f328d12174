package storage

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"

	"certdesk/storage/backupfile"
)

// An encrypted backup's payload is sealed by package backupfile under
// the folder's master key; its header carries the master key sealed
// under the folder's passphrase, as the key file does. Here: unsealing
// that key, and sealing it anew on a passphrase change.

// backupMaster unseals the master key of an encrypted backup.
func backupMaster(enc BackupEncryption, passphrase []byte) ([]byte, error) {
	env, err := backupEnvelope(enc)
	if err != nil {
		return nil, err
	}
	if passphrase == nil {
		return nil, &kindError{Kind: ErrEncrypted, Msg: "the backup is encrypted: give the passphrase its data folder had when the backup was taken"}
	}
	master, ok := env.open(passphrase)
	if !ok {
		return nil, wrongPassphrase("this backup (a backup keeps the passphrase its data folder had when it was taken)")
	}
	return master, nil
}

// backupEnvelope is the sealed master key an encrypted backup's header
// carries.
func backupEnvelope(enc BackupEncryption) (keyEnvelope, error) {
	env := keyEnvelope{KDF: enc.KDF, Salt: enc.Salt, Nonce: enc.Nonce, WrappedKey: enc.WrappedKey}
	if enc.KDFParams != nil {
		env.KDFParams = KDFParams(*enc.KDFParams)
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
// sealedKey puts the sealed master key env into a backup's header.
func sealedKey(enc *BackupEncryption, env keyEnvelope) {
	params := backupfile.KDFParams(env.KDFParams)
	enc.KDF, enc.KDFParams = env.KDF, &params
	enc.Salt, enc.Nonce, enc.WrappedKey = env.Salt, env.Nonce, env.WrappedKey
}

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
	// readHeader read f up to the payload.
	payloadAt, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return false, err
	}
	sealedKey(&info.Encryption, env)
	err = writeFileAtomically(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		err := backupfile.WriteHeader(bw, info)
		var n int64
		if err == nil {
			n, err = io.Copy(bw, io.NewSectionReader(f, payloadAt, info.PayloadBytes))
		}
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
