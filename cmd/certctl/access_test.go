package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/storage"
)

// The attack of issue 13: a lead auditor of a client adds a decision
// maker of their own and grants in that person's name. Each step that
// lacks the right is refused: the register is the administrator's (the
// first person of the body), "system" makes no change once it has one,
// and nobody acts as someone else without that person's passphrase.
func TestRegisterAndPolicyNeedTheAdministrator(t *testing.T) {
	cleanEnv(t)
	dir := walkedFolder(t, walkThrough)
	if out := ok(t, dir, "person", "list"); !strings.Contains(out, "administrator") {
		t.Fatalf("the first person of the body is not its administrator:\n%s", out)
	}
	ok(t, dir, "--as", "Lena Lead", "person", "add", "--name", "Leo Lead", "--roles", "lead-auditor")

	add := []string{"person", "add", "--name", "Mallory Maker", "--roles", "decision-maker"}
	fails(t, dir, exitRule, "refused by rule change-needs-a-person-of-the-register", add...)
	fails(t, dir, exitRule, "refused by rule register-and-policy-need-administrator: Leo Lead is not an administrator", append([]string{"--as", "Leo Lead"}, add...)...)
	fails(t, dir, exitRule, "refused by rule register-and-policy-need-administrator", "--as", "Leo Lead", "policy", "set", "response_days=60")
	if out := ok(t, dir, "person", "list"); strings.Contains(out, "Mallory") {
		t.Errorf("the refused person is in the register:\n%s", out)
	}

	// Leo, who knows only his own passphrase, cannot act as Lena or Dora.
	leo := filepath.Join(t.TempDir(), "leo")
	if err := os.WriteFile(leo, []byte("Leo's own passphrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(NewPassphraseEnv, "Leo's own passphrase")
	ok(t, dir, "--as", "Leo Lead", "person", "passphrase")
	t.Setenv(storage.IdentityPassphraseEnv, "")
	for _, who := range []string{"Lena Lead", "Dora Decider"} {
		fails(t, dir, exitInput, "the passphrase does not open "+who+"'s identity key", "--as", who, "--key-passphrase-file", leo, "policy", "set", "response_days=60")
	}
	fails(t, dir, exitInput, "give its passphrase with --key-passphrase-file FILE or $CERTDESK_KEY_PASSPHRASE", "--as", "Dora Decider", "policy", "set", "response_days=60")
	// Nor set a key of his own making for them.
	fails(t, dir, exitRule, "refused by rule register-and-policy-need-administrator: Leo Lead is not an administrator", "--as", "Leo Lead", "--key-passphrase-file", leo, "person", "key", "Dora Decider")
	ok(t, dir, "--as", "Leo Lead", "--key-passphrase-file", leo, "client", "add", "--name", "Leo's Client", "--address", "1 Road", "--personnel", "3")

	// The administrator may.
	withKeys(t)
	ok(t, dir, append([]string{"--as", "Lena Lead"}, add...)...)
	ok(t, dir, "--as", "Lena Lead", "policy", "set", "response_days=60")
	if out := ok(t, dir, "verify"); !strings.Contains(out, "signed by the person who acted") {
		t.Errorf("verify does not count the signed entries:\n%s", out)
	}
}

// A key file missing from the desk, or a forgotten passphrase: the person
// is told what to do, and an administrator's new key for them puts them
// back to work; the old key signs no more.
func TestIdentityKeyLostAndReplaced(t *testing.T) {
	cleanEnv(t)
	dir := walkedFolder(t, walkThrough)
	files, err := filepath.Glob(filepath.Join(dir, storage.IdentityDir, "*.key"))
	if err != nil || len(files) != 2 {
		t.Fatalf("identity files %v (%v), want Lena's and Dora's", files, err)
	}
	client := []string{"client", "add", "--name", "Dora's Client", "--address", "1 Road", "--personnel", "3"}
	dora := append([]string{"--as", "Dora Decider"}, client...)
	old := t.TempDir()
	for _, f := range files {
		if err := os.Rename(f, filepath.Join(old, filepath.Base(f))); err != nil {
			t.Fatal(err)
		}
	}
	fails(t, dir, exitInput, "Dora Decider's identity file", dora...)

	// Lena's file is back; she sets Dora a new key.
	for _, f := range files {
		if err := os.Rename(filepath.Join(old, filepath.Base(f)), f); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(NewPassphraseEnv, "Dora's new passphrase")
	out := ok(t, dir, "--as", "Lena Lead", "person", "key", "Dora Decider")
	if !strings.Contains(out, "Set a new identity key for Dora Decider (ed25519:") {
		t.Errorf("person key says:\n%s", out)
	}
	fails(t, dir, exitInput, "the passphrase does not open Dora Decider's identity key", dora...)
	t.Setenv(storage.IdentityPassphraseEnv, "Dora's new passphrase")
	ok(t, dir, dora...)
	if out := ok(t, dir, "journal"); !strings.Contains(out, "set-person-key") {
		t.Errorf("the new key is not in the journal:\n%s", out)
	}
	ok(t, dir, "verify")
}
