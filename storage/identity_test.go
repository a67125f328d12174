package storage

import (
	"context"
	"crypto/ed25519"
	"errors"
	"os"
	"strings"
	"testing"

	"certdesk/certification"
)

// An identity key is sealed on the desk with its person's passphrase:
// it opens with that passphrase only, its file cannot be passed off as
// another key's, and a passphrase change keeps the key.
func TestIdentityFile(t *testing.T) {
	dir := t.TempDir()
	id, err := NewIdentity(3)
	if err != nil {
		t.Fatal(err)
	}
	pass, other := []byte("correct horse battery"), []byte("wrong horse battery")
	if err := id.Save(dir, "Lena Lead", []byte("short")); err == nil {
		t.Fatal("a 5-character passphrase was accepted for an identity key")
	}
	if err := id.save(dir, "Lena Lead", pass, testKDF); err != nil {
		t.Fatal(err)
	}
	pub := id.PublicKey()
	if !HasIdentity(dir, pub) {
		t.Fatal("HasIdentity: the saved key is not found")
	}
	got, err := UnlockIdentity(dir, 3, "Lena Lead", pub, pass)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("entry hash")
	if got.PersonID() != 3 || !got.PublicKey().Equal(pub) || !ed25519.Verify(pub, msg, got.Sign(msg)) {
		t.Fatal("the unlocked identity is not the saved one")
	}
	if _, err := UnlockIdentity(dir, 3, "Lena Lead", pub, other); !errors.Is(err, ErrWrongPassphrase) || !strings.Contains(err.Error(), "Lena Lead's identity key") {
		t.Errorf("wrong passphrase: %v", err)
	}

	// Another key's name on this file: refused as damaged.
	id2, _ := NewIdentity(4)
	b, _ := os.ReadFile(identityPath(dir, pub))
	if err := os.WriteFile(identityPath(dir, id2.PublicKey()), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := UnlockIdentity(dir, 4, "Ada", id2.PublicKey(), pass); !errors.Is(err, ErrKeyFile) {
		t.Errorf("a file copied under another key's name: %v, want it named damaged", err)
	}
	// A key whose file is not on this desk.
	id3, _ := NewIdentity(5)
	if _, err := UnlockIdentity(dir, 5, "Dan", id3.PublicKey(), pass); !errors.Is(err, ErrNoIdentity) || !strings.Contains(err.Error(), "copy it here") {
		t.Errorf("a missing identity file: %v", err)
	}
	// A byte changed in the file.
	bad := strings.Replace(string(b), `"Lena Lead"`, `"Lena Lurk"`, 1)
	if err := os.WriteFile(identityPath(dir, pub), []byte(bad), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := UnlockIdentity(dir, 3, "Lena Lead", pub, pass); !errors.Is(err, ErrKeyFile) {
		t.Errorf("an altered identity file: %v", err)
	}
	if err := os.WriteFile(identityPath(dir, pub), b, 0o600); err != nil {
		t.Fatal(err)
	}

	if err := ChangeIdentityPassphrase(dir, "Lena Lead", pub, other, []byte("a new passphrase here")); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("a passphrase change with the wrong old one: %v", err)
	}
	if err := ChangeIdentityPassphrase(dir, "Lena Lead", pub, pass, []byte("a new passphrase here")); err != nil {
		t.Fatal(err)
	}
	if _, err := UnlockIdentity(dir, 3, "Lena Lead", pub, pass); !errors.Is(err, ErrWrongPassphrase) {
		t.Errorf("the old passphrase after a change: %v", err)
	}
	if got, err := UnlockIdentity(dir, 3, "Lena Lead", pub, []byte("a new passphrase here")); err != nil || !got.PublicKey().Equal(pub) {
		t.Errorf("the new passphrase: %v", err)
	}
}

// signedBody writes, through the service, a body whose administrator
// Lena (person 1, entry 1) set her own key (entry 2), added Ada (person
// 2, entry 3) and set her key (entry 4), and Ada then added a client
// (entry 5).
func signedBody(t *testing.T, db *DB) (lena, ada *Identity) {
	t.Helper()
	ctx := context.Background()
	svc := certification.NewService(db, demoDay{})
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	l, err := svc.AddPerson(ctx, certification.Person{Name: "Lena Lead", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAdministrator}})
	must(err)
	lena, _ = NewIdentity(l)
	ls := svc.As(certification.Actor{PersonID: l, Name: "Lena Lead"}).SignedBy(lena)
	must(ls.SetPersonKey(ctx, l, lena.PublicKey()))
	a, err := ls.AddPerson(ctx, certification.Person{Name: "Ada Auditor", Roles: []certification.Role{certification.RoleAuditor}})
	must(err)
	ada, _ = NewIdentity(a)
	must(ls.SetPersonKey(ctx, a, ada.PublicKey()))
	_, err = svc.As(certification.Actor{PersonID: a, Name: "Ada Auditor"}).SignedBy(ada).AddClient(ctx, certification.Client{LegalName: "Acme", RegisteredAddress: "1 Road", EffectivePersonnel: 5})
	must(err)
	return lena, ada
}

// storeWrite writes an entry through the store's Update, past the
// domain's rules; edit, if not nil, changes Lena (person 1) in it.
func storeWrite(t *testing.T, db *DB, e certification.JournalEntry, edit func(p *certification.Person)) {
	t.Helper()
	err := db.Update(context.Background(), e, func(tx certification.Tx) error {
		if edit == nil {
			return nil
		}
		var p certification.Person
		if err := tx.Get(1, &p); err != nil {
			return err
		}
		edit(&p)
		return tx.Put(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Verify checks every signature against the register, and names a
// signature removed, forged, or left on an entry changed under it.
func TestVerifyChecksSignatures(t *testing.T) {
	t.Run("clean", func(t *testing.T) {
		db := openDisk(t)
		signedBody(t, db)
		if rep := verifyClean(t, db); rep.Signed != 4 {
			t.Errorf("signed entries %d, want 4 (entries 2 to 5)", rep.Signed)
		}
	})
	cases := []struct {
		name   string
		tamper func(t *testing.T, db *DB, lena, ada *Identity)
		seq    uint64
		want   string
	}{
		{"a signature removed", func(t *testing.T, db *DB, _, _ *Identity) {
			alterEntry(t, db, 5, func(e *certification.JournalEntry) { e.Signature = nil })
		}, 5, "is not signed although"},
		{"the first key's signature removed", func(t *testing.T, db *DB, _, _ *Identity) {
			alterEntry(t, db, 2, func(e *certification.JournalEntry) { e.Signature = nil })
		}, 2, "sets an identity key without a signature"},
		{"signed by a key outside the register", func(t *testing.T, db *DB, _, _ *Identity) {
			mallory, _ := NewIdentity(2)
			alterEntry(t, db, 5, func(e *certification.JournalEntry) {
				e.Signature = &certification.EntrySignature{Key: mallory.PublicKey(), Sig: mallory.Sign([]byte(e.Hash))}
			})
		}, 5, "a key that is not Ada Auditor (#2)'s key in force"},
		{"signed by another person's key", func(t *testing.T, db *DB, lena, _ *Identity) {
			alterEntry(t, db, 5, func(e *certification.JournalEntry) {
				e.Signature = &certification.EntrySignature{Key: lena.PublicKey(), Sig: lena.Sign([]byte(e.Hash))}
			})
		}, 5, "a key that is not Ada Auditor (#2)'s key in force"},
		// Through the store's own Update, past the domain's rules, as
		// someone with the folder and CertDesk's code could.
		{"a key added by a recomputation entry", func(t *testing.T, db *DB, _, _ *Identity) {
			evil, _ := NewIdentity(1)
			storeWrite(t, db, certification.JournalEntry{Command: "refresh-obligations"}, func(p *certification.Person) {
				p.Keys = append(p.Keys, certification.PersonKey{Public: evil.PublicKey()})
			})
		}, 6, "changes person 1"},
		{"a non-administrator sets the administrator's key", func(t *testing.T, db *DB, _, ada *Identity) {
			evil, _ := NewIdentity(1)
			storeWrite(t, db, certification.JournalEntry{Actor: certification.Actor{PersonID: 2, Name: "Ada Auditor"}, Command: "set-person-key", Signer: ada,
				Register: &certification.RegisterChange{Person: 1, Name: "Lena Lead", Roles: []certification.Role{certification.RoleAdministrator}, Key: evil.PublicKey()}},
				func(p *certification.Person) {
					p.Keys = append(p.Keys, certification.PersonKey{Public: evil.PublicKey()})
				})
		}, 6, "by someone who was not an administrator holding a key"},
		{"a non-administrator makes herself one", func(t *testing.T, db *DB, _, ada *Identity) {
			storeWrite(t, db, certification.JournalEntry{Actor: certification.Actor{PersonID: 2, Name: "Ada Auditor"}, Command: "update-person", Signer: ada,
				Register: &certification.RegisterChange{Person: 2, Name: "Ada Auditor", Roles: []certification.Role{certification.RoleAdministrator}}}, nil)
		}, 6, "Ada Auditor (#2) was not an administrator"},
		{"a replaced key signs", func(t *testing.T, db *DB, _, ada *Identity) {
			next, _ := NewIdentity(2)
			svc := certification.NewService(db, demoDay{}).As(certification.Actor{PersonID: 2, Name: "Ada Auditor"})
			if err := svc.SignedBy(ada).SetPersonKey(context.Background(), 2, next.PublicKey()); err != nil {
				t.Fatal(err)
			}
			storeWrite(t, db, certification.JournalEntry{Actor: certification.Actor{PersonID: 2, Name: "Ada Auditor"}, Command: "add-client", Signer: ada}, nil)
		}, 7, "a key that is not Ada Auditor (#2)'s key in force"},
		{"an entry changed and rechained, its signature kept", func(t *testing.T, db *DB, _, _ *Identity) {
			sig := rawEntry(t, db, 5).Signature
			alterEntry(t, db, 5, func(e *certification.JournalEntry) { e.Summary = "nothing happened" })
			rechain(t, db, 5)
			alterEntry(t, db, 5, func(e *certification.JournalEntry) { e.Signature = sig })
		}, 5, "the signature does not match it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openDisk(t)
			lena, ada := signedBody(t, db)
			c.tamper(t, db, lena, ada)
			rep := mustVerify(t, db, VerifyOptions{})
			if first := rep.FirstBroken(); first == nil || first.Seq != c.seq || !strings.Contains(first.Problem, c.want) {
				t.Errorf("first broken entry %+v, want entry %d: %q", first, c.seq, c.want)
			}
		})
	}
}

// The desk's identity key files stay with the data folder when it is
// encrypted and when a backup is restored over it.
func TestIdentitiesStayWithTheFolder(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := mustOpen(t, dir)
	lena, _ := signedBody(t, db)
	if err := lena.save(dir, "Lena Lead", []byte("lena keeps these words"), testKDF); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	pass := []byte("the folder's own passphrase")
	if _, err := encryptFolder(ctx, dir, pass, testKDF, nil); err != nil {
		t.Fatalf("encrypting a folder with identity keys: %v", err)
	}
	if !HasIdentity(dir, lena.PublicKey()) {
		t.Fatal("Lena's key file is gone after the encryption")
	}
	db, err := OpenWith(dir, Options{Passphrase: pass})
	if err != nil {
		t.Fatal(err)
	}
	file, _ := backupFile(t, db, "body")
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := RestoreFile(ctx, file, dir, RestoreOptions{Replace: true, Passphrase: pass}); err != nil {
		t.Fatalf("restoring over the folder: %v", err)
	}
	if !HasIdentity(dir, lena.PublicKey()) {
		t.Fatal("Lena's key file is gone after the restore")
	}
	if _, err := UnlockIdentity(dir, 1, "Lena Lead", lena.PublicKey(), []byte("lena keeps these words")); err != nil {
		t.Fatal(err)
	}
}
