package storage

import "testing"

// BenchmarkUnlockIdentity opens an identity key file with its passphrase
// under DefaultKDF (Argon2id t=3, 64 MiB, 4 lanes): what every certctl
// change by a person with a key, and the app once per session, pays.
func BenchmarkUnlockIdentity(b *testing.B) {
	dir := b.TempDir()
	id, err := NewIdentity(1)
	if err != nil {
		b.Fatal(err)
	}
	pass := []byte("correct horse battery staple")
	if err := id.Save(dir, "Bench", pass); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := UnlockIdentity(dir, 1, "Bench", id.PublicKey(), pass); err != nil {
			b.Fatal(err)
		}
	}
}
