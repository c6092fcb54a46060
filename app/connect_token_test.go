package app

import (
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/app/apptest"
)

// inMemory reports whether the process still holds a's LA sign-in.
func inMemory(a *App) bool {
	tok, _ := a.signInMemory.Load()
	return tok != nil
}

// Without a keychain the sign-in lives in memory: it survives a lock, as a
// keychain's would, but not closing the profile.
func TestMemorySignInOutlivesALockButNotClose(t *testing.T) {
	a := openTest(t, t.TempDir(), apptest.NewKeychain(false))
	if err := a.CompleteSetup(Setup{Language: "en", Kind: KindFoster, CarerNames: []string{"Ann Test"}, ApprovalDate: date(2026, 3, 1), Passphrase: "correct horse battery"}); err != nil {
		t.Fatal(err)
	}
	tok := &oauth2.Token{AccessToken: "access-1", RefreshToken: "refresh-1", TokenType: "Bearer", Expiry: fixedNow.Add(time.Hour)}
	if err := a.laTokens().Save(tok); err != nil {
		t.Fatal(err)
	}
	if err := a.SetLock("", LockSetup{Kind: LockPIN, Secret: "246810", Confirm: "246810"}); err != nil {
		t.Fatal(err)
	}
	if !a.Lock() {
		t.Fatal("Lock did not lock")
	}
	if err := a.Unlock("246810"); err != nil {
		t.Fatal(err)
	}
	if got, err := a.laTokens().Load(); err != nil || got == nil || got.RefreshToken != "refresh-1" {
		t.Fatalf("sign-in after a lock: %+v, %v", got, err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if inMemory(a) {
		t.Fatal("the closed profile's LA sign-in is still in memory")
	}
}
