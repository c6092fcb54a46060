package authority

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/hearth-app/hearth/server/devidp"
	"golang.org/x/oauth2"
)

// signedIn signs username in at idp through the app's own SignIn and
// starts a session saving to a fresh memStore.
func signedIn(t *testing.T, idp *devidp.Provider, username string) (*Provider, *Session, *memStore, *oauth2.Token) {
	t.Helper()
	p := discoverIDP(t, idp, nil)
	browse, _ := browserFor(t, username, nil)
	tok, err := p.SignIn(t.Context(), browse)
	if err != nil {
		t.Fatal(err)
	}
	store := &memStore{}
	sess, err := NewSession(p, store, tok)
	if err != nil {
		t.Fatal(err)
	}
	return p, sess, store, tok
}

func TestSessionSavesEveryRotatedRefreshTokenAtOnce(t *testing.T) {
	idp := startIDP(t, shortLived)
	_, sess, store, first := signedIn(t, idp, devidp.FosterCarer)
	t1, err := sess.Token()
	if err != nil {
		t.Fatal(err)
	}
	t2, err := sess.Token()
	if err != nil {
		t.Fatal(err)
	}
	got := store.refreshTokens(t)
	want := []string{first.RefreshToken, t1.RefreshToken, t2.RefreshToken}
	if len(got) != 3 || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("store saw refresh tokens %q, want %q", got, want)
	}
	if want[0] == want[1] || want[1] == want[2] {
		t.Fatal("the provider did not rotate the refresh token, so this test shows nothing")
	}
	acct, _ := devidp.DemoAccount(devidp.FosterCarer)
	if sub := verifiedSubject(t, idp, t2); sub != acct.Subject {
		t.Fatalf("refreshed token's subject %q, want %q", sub, acct.Subject)
	}
	// The old refresh token is spent: only the saved one can resume.
	_, resumed, err := resumeFrom(t, idp, store)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := resumed.Token(); err != nil {
		t.Fatalf("resuming from the saved token: %v", err)
	}
}

func resumeFrom(t *testing.T, idp *devidp.Provider, store TokenStore) (*Provider, *Session, error) {
	p := discoverIDP(t, idp, nil)
	s, err := NewSession(p, store, nil)
	return p, s, err
}

func TestSessionAsksToSignInAgainWhenTheProviderRevokes(t *testing.T) {
	idp := startIDP(t, shortLived)
	_, sess, store, tok := signedIn(t, idp, devidp.KinshipCarer)
	revoke(t, idp, tok.RefreshToken)
	_, err := sess.Token()
	if !errors.Is(err, ErrSignInAgain) || IsRetryable(err) {
		t.Fatalf("want ErrSignInAgain (not retryable), got %v", err)
	}
	if store.clears != 1 || store.current != nil {
		t.Fatal("the revoked sign-in was not cleared from the store")
	}
	if _, _, err := resumeFrom(t, idp, store); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("resuming after a revoked sign-in: want ErrNotSignedIn, got %v", err)
	}
}

func TestSessionKeepsARefreshedTokenTheKeychainRefused(t *testing.T) {
	idp := startIDP(t, shortLived)
	_, sess, store, _ := signedIn(t, idp, devidp.CareLeaver)
	store.failing = 1
	if _, err := sess.Token(); err == nil || !strings.Contains(err.Error(), "keychain") {
		t.Fatalf("want the keychain's error, got %v", err)
	}
	before := store.refreshTokens(t)
	// The next call first saves the rotated token it kept in memory, then
	// refreshes with it (the short-lived access token has expired again);
	// had it kept the spent one, the provider would refuse the refresh.
	tok, err := sess.Token()
	if err != nil {
		t.Fatal(err)
	}
	saved := store.refreshTokens(t)
	n := len(before)
	if len(saved) != n+2 || saved[n] == before[n-1] || saved[n+1] != tok.RefreshToken {
		t.Fatal("the kept token was not saved before the next refresh")
	}
}

func TestNewSessionWithAnEmptyStoreIsNotSignedIn(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	if _, _, err := resumeFrom(t, idp, &memStore{}); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("want ErrNotSignedIn, got %v", err)
	}
}

// A 401 from the API first makes the session refresh; a 401 to the
// refreshed token means the LA no longer accepts this user.
func TestClientAsksToSignInAgainWhenTheAPIRefusesARefreshedToken(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	_, sess, store, first := signedIn(t, idp, devidp.FosterCarer)
	var accept atomic.Value
	accept.Store("")
	var mu sync.Mutex
	var seen []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		mu.Lock()
		seen = append(seen, tok)
		mu.Unlock()
		if tok != accept.Load().(string) {
			writeJSON(w, http.StatusUnauthorized, map[string]string{"reason": "the access token is not valid"})
			return
		}
		writeJSON(w, 200, map[string]string{"subject": "s", "role": "carer"})
	}))
	defer api.Close()
	c, err := NewClient(api.URL, sess, ClientOptions{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Me(t.Context())
	if se, ok := errors.AsType[*StatusError](err); !ok || se.Status != 401 || errors.Is(err, ErrSignInAgain) || !IsRetryable(err) {
		t.Fatalf("first 401: want a retryable StatusError 401, got %v", err)
	}
	_, err = c.Me(t.Context())
	if !errors.Is(err, ErrSignInAgain) || IsRetryable(err) {
		t.Fatalf("401 after a refresh: want ErrSignInAgain, got %v", err)
	}
	mu.Lock()
	refreshed := len(seen) == 2 && seen[0] == first.AccessToken && seen[1] != first.AccessToken
	mu.Unlock()
	if !refreshed {
		t.Fatal("the second call did not carry a refreshed token")
	}
	if n := len(store.refreshTokens(t)); n != 2 {
		t.Fatalf("store saw %d tokens, want the sign-in and the refresh", n)
	}

	// When the API accepts the refreshed token, all is well again.
	_, sess2, _, _ := signedIn(t, idp, devidp.FosterCarer)
	c2, _ := NewClient(api.URL, sess2, ClientOptions{})
	if _, err := c2.Me(context.Background()); !IsRetryable(err) {
		t.Fatalf("first call: want a retryable 401, got %v", err)
	}
	fresh, err := sess2.Token()
	if err != nil {
		t.Fatal(err)
	}
	accept.Store(fresh.AccessToken)
	if me, err := c2.Me(t.Context()); err != nil || me.Subject != "s" {
		t.Fatalf("after refresh: %v, %v", me, err)
	}
}

func TestSessionOfflineIsRetryableAndKeepsTheSignIn(t *testing.T) {
	idp := startIDP(t, shortLived)
	_, sess, store, _ := signedIn(t, idp, devidp.FosterCarer)
	idp.Close() // the provider is unreachable: the laptop went offline
	_, err := sess.Token()
	if err == nil || errors.Is(err, ErrSignInAgain) || !IsRetryable(err) {
		t.Fatalf("want a retryable network error, got %v", err)
	}
	if store.clears != 0 || store.current == nil {
		t.Fatal("going offline forgot the sign-in")
	}
}
