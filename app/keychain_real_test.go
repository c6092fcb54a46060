//go:build realkeychain

package app

import (
	"errors"
	"testing"

	"github.com/zalando/go-keyring"
)

// These tests talk to the real OS keychain through OSKeychain. On Linux,
// scripts/keychain-test.sh runs them against gnome-keyring in a private
// D-Bus session with a throwaway home folder, so the user's own keyring is
// never touched. They fail, rather than skip, when no keychain answers:
// with the realkeychain tag a keychain was promised.

func TestRealKeychainAvailable(t *testing.T) {
	if !(OSKeychain{}).Available() {
		t.Fatal("OSKeychain.Available() is false: no Secret Service answered (is gnome-keyring running and unlocked in this D-Bus session?)")
	}
}

func TestRealKeychainSetGetDelete(t *testing.T) {
	k := OSKeychain{}
	const account, secret = "real-keychain-test", "c2VjcmV0IGZvciB0aGUgdGVzdA=="
	if err := k.Set(account, secret); err != nil {
		t.Fatalf("set: %v", err)
	}
	t.Cleanup(func() { _ = k.Delete(account) })
	got, err := k.Get(account)
	if err != nil || got != secret {
		t.Fatalf("get after set: %q, %v; want %q", got, err, secret)
	}
	if err := k.Set(account, "cmVwbGFjZWQ="); err != nil {
		t.Fatalf("set again: %v", err)
	}
	if got, _ := k.Get(account); got != "cmVwbGFjZWQ=" {
		t.Fatalf("get after replacing: %q", got)
	}
	if err := k.Delete(account); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := k.Get(account); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("get after delete: %v, want keyring.ErrNotFound", err)
	}
}

// A returning user on their own device goes straight to their records: set
// up with no passphrase, close, reopen, and the real keychain unlocks it.
func TestRealKeychainUnlocksOnReopen(t *testing.T) {
	dir := t.TempDir()
	a := openTest(t, dir, nil) // nil: the operating system's keychain
	if !a.KeychainAvailable() {
		t.Fatal("app sees no keychain")
	}
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindSpecialGuardian, CarerNames: []string{"Keychain Carer"}}); err != nil {
		t.Fatalf("setup without a passphrase: %v", err)
	}
	if a.HasPassphrase() {
		t.Fatal("setup made a passphrase wrap; this test needs the keychain to be the only way in")
	}
	account, err := a.keychainAccount()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = (OSKeychain{}).Delete(account) })
	c := Child{Name: "Keychain Child", DateOfBirth: date(2017, 5, 2), Arrangement: ArrangementSGO, PlacementStart: date(2023, 9, 4)}
	if err := a.SaveChild(&c); err != nil {
		t.Fatalf("save child: %v", err)
	}
	if err := a.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}

	b := openTest(t, dir, nil)
	if b.State() != StateReady {
		t.Fatalf("reopened store is in state %d, want ready (unlocked from the keychain without a passphrase)", b.State())
	}
	got, err := b.Child(c.ID)
	if err != nil || got.Name != "Keychain Child" {
		t.Fatalf("child after reopening: %+v, %v", got, err)
	}

	// Without the keychain entry the store stays locked: the key really
	// came from the keychain, not from somewhere in the data folder.
	if err := b.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	if err := (OSKeychain{}).Delete(account); err != nil {
		t.Fatalf("delete the keychain entry: %v", err)
	}
	if s := openTest(t, dir, nil).State(); s != StateLocked {
		t.Fatalf("with the keychain entry gone the store is in state %d, want locked", s)
	}
}
