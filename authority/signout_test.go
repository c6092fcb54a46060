package authority

import (
	"errors"
	"testing"

	"github.com/hearth-app/hearth/server/devidp"
)

func TestSignOutForgetsAndRevokesTheSignIn(t *testing.T) {
	idp := startIDP(t, shortLived)
	_, sess, store, tok := signedIn(t, idp, devidp.LAWorker)
	if err := sess.SignOut(t.Context()); err != nil {
		t.Fatal(err)
	}
	if store.current != nil {
		t.Fatal("the store still holds the sign-in")
	}
	if _, err := sess.Token(); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("after sign-out: want ErrNotSignedIn, got %v", err)
	}
	// A copy of the refresh token no longer works at the provider.
	copied := &memStore{}
	if err := copied.Save(tok); err != nil {
		t.Fatal(err)
	}
	_, other, err := resumeFrom(t, idp, copied)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := other.Token(); !errors.Is(err, ErrSignInAgain) {
		t.Fatalf("the revoked refresh token still works: %v", err)
	}
}
