//go:build realkeychain

package app

import (
	"errors"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
	"golang.org/x/oauth2"
)

// The LA sign-in goes to the real keychain and comes back whole, and a
// cleared sign-in is gone from it.
func TestRealKeychainKeepsTheSignIn(t *testing.T) {
	a := openTest(t, t.TempDir(), nil)
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindSpecialGuardian, CarerNames: []string{"Keychain Carer"}}); err != nil {
		t.Fatalf("setup: %v", err)
	}
	keyAccount, err := a.keychainAccount()
	if err != nil {
		t.Fatal(err)
	}
	tokenAccount, err := a.laTokenAccount()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = (OSKeychain{}).Delete(keyAccount)
		_ = (OSKeychain{}).Delete(tokenAccount)
	})
	tok := &oauth2.Token{AccessToken: "real-keychain-access", RefreshToken: "real-keychain-refresh", TokenType: "Bearer",
		Expiry: time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC)}
	if err := a.laTokens().Save(tok); err != nil {
		t.Fatalf("save the sign-in: %v", err)
	}
	got, err := a.laTokens().Load()
	if err != nil || got == nil || got.RefreshToken != tok.RefreshToken || got.AccessToken != tok.AccessToken || !got.Expiry.Equal(tok.Expiry) {
		t.Fatalf("load the sign-in: %+v, %v", got, err)
	}
	if err := a.laTokens().Clear(); err != nil {
		t.Fatalf("clear the sign-in: %v", err)
	}
	if _, err := (OSKeychain{}).Get(tokenAccount); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("the cleared sign-in is still in the keychain: %v", err)
	}
}

// An app lock that does not keep the keychain takes the key's entry out of
// the real keychain; deleting the profile removes it and the LA sign-in.
func TestRealKeychainEntryRemoved(t *testing.T) {
	for _, how := range []string{"app lock without keychain", "delete profile"} {
		t.Run(how, func(t *testing.T) {
			a := openTest(t, t.TempDir(), nil)
			if err := a.CompleteSetup(Setup{Language: "en", Kind: KindSpecialGuardian, CarerNames: []string{"Keychain Carer"}}); err != nil {
				t.Fatalf("setup: %v", err)
			}
			account, err := a.keychainAccount()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = (OSKeychain{}).Delete(account) })
			if _, err := (OSKeychain{}).Get(account); err != nil {
				t.Fatalf("setup left no entry in the keychain: %v", err)
			}
			tokenAccount, err := a.laTokenAccount()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = (OSKeychain{}).Delete(tokenAccount) })
			switch how {
			case "app lock without keychain":
				err = a.SetLock("", LockSetup{Kind: LockPassphrase, Secret: "a long lock phrase", Confirm: "a long lock phrase"})
			case "delete profile":
				// Signed in to the LA: that entry must go as well.
				if err := a.laTokens().Save(&oauth2.Token{RefreshToken: "real-keychain-refresh"}); err != nil {
					t.Fatal(err)
				}
				err = a.DeleteProfile("") // no app lock, so nothing to confirm
			}
			if err != nil {
				t.Fatalf("%s: %v", how, err)
			}
			if _, err := (OSKeychain{}).Get(account); !errors.Is(err, keyring.ErrNotFound) {
				t.Fatalf("after %s the key's entry is still in the keychain: %v", how, err)
			}
			if _, err := (OSKeychain{}).Get(tokenAccount); how == "delete profile" && !errors.Is(err, keyring.ErrNotFound) {
				t.Fatalf("after deleting the profile its LA sign-in is still in the keychain: %v", err)
			}
		})
	}
}
