package storage

import "context"

// EncryptCheap is Encrypt with Argon2id at its cheapest, for the
// external tests (crash_test.go): the key file records the parameters, so
// every later unlock of the folder is cheap too.
func EncryptCheap(ctx context.Context, dir string, passphrase []byte) (EncryptResult, error) {
	return encryptFolder(ctx, dir, passphrase, testKDF, nil)
}
