package authority

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"github.com/hearth-app/hearth/server/devidp"
	"golang.org/x/oauth2"
)

// startIDP runs the real development provider on loopback for one test.
func startIDP(t *testing.T, cfg devidp.Config) *devidp.Provider {
	t.Helper()
	idp, err := devidp.Start(t.Context(), cfg)
	if err != nil {
		t.Fatalf("start the development provider: %v", err)
	}
	t.Cleanup(func() { idp.Close() })
	return idp
}

// discoverIDP returns the Provider the app would build from settings
// pointing at idp.
func discoverIDP(t *testing.T, idp *devidp.Provider, edit func(*Settings)) *Provider {
	t.Helper()
	s := Settings{
		Issuer:   idp.Issuer(),
		ClientID: idp.AppClientID(),
		APIURL:   "http://127.0.0.1:1",
		Scopes:   devidp.SignInScopes,
	}
	if edit != nil {
		edit(&s)
	}
	p, err := Discover(t.Context(), s, nil)
	if err != nil {
		t.Fatalf("discover: %v", err)
	}
	return p
}

// browserFor returns SignIn's open function played by a person at the
// development provider's login page: it signs in as username and then
// follows the redirect to the app's loopback address, as the browser
// would. What the loopback answered arrives on the returned channel.
func browserFor(t *testing.T, username string, edit func(*url.URL)) (func(string) error, <-chan browserVisit) {
	t.Helper()
	visits := make(chan browserVisit, 1)
	open := func(authURL string) error {
		go func() {
			acct, _ := devidp.DemoAccount(username)
			back, err := devidp.BrowserLogin(context.Background(), nil, authURL, acct.Username, acct.Password)
			if err != nil {
				visits <- browserVisit{err: err}
				return
			}
			if edit != nil {
				edit(back)
			}
			visits <- visit(back)
		}()
		return nil
	}
	return open, visits
}

// browserVisit is what the app's loopback page showed the browser.
type browserVisit struct {
	redirect *url.URL
	status   int
	body     string
	err      error
}

func visit(u *url.URL) browserVisit {
	resp, err := http.Get(u.String())
	if err != nil {
		return browserVisit{redirect: u, err: err}
	}
	defer resp.Body.Close()
	var b [4096]byte
	n, _ := resp.Body.Read(b[:])
	return browserVisit{redirect: u, status: resp.StatusCode, body: string(b[:n])}
}

// verifiedSubject checks tok's access token with the provider's keys, as
// the LA's server would, and returns its subject.
func verifiedSubject(t *testing.T, idp *devidp.Provider, tok *oauth2.Token) string {
	t.Helper()
	op, err := oidc.NewProvider(t.Context(), idp.Issuer())
	if err != nil {
		t.Fatal(err)
	}
	v := op.Verifier(&oidc.Config{ClientID: idp.APIAudience()})
	it, err := v.Verify(t.Context(), tok.AccessToken)
	if err != nil {
		t.Fatalf("the access token does not verify for audience %q: %v", idp.APIAudience(), err)
	}
	return it.Subject
}

// memStore is a TokenStore in memory that keeps every token saved, as
// bytes from MarshalToken, so tests see exactly what a keychain would.
type memStore struct {
	mu      sync.Mutex
	saved   [][]byte
	current []byte
	failing int // fail this many Saves
	clears  int
}

func (m *memStore) Load() (*oauth2.Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.current == nil {
		return nil, nil
	}
	return UnmarshalToken(m.current)
}

func (m *memStore) Save(t *oauth2.Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.failing > 0 {
		m.failing--
		return errors.New("keychain is locked")
	}
	b, err := MarshalToken(t)
	if err != nil {
		return err
	}
	m.saved = append(m.saved, b)
	m.current = b
	return nil
}

func (m *memStore) Clear() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.current = nil
	m.clears++
	return nil
}

// refreshTokens lists the refresh token of every save, in order.
func (m *memStore) refreshTokens(t *testing.T) []string {
	t.Helper()
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []string
	for _, b := range m.saved {
		tok, err := UnmarshalToken(b)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tok.RefreshToken)
	}
	return out
}

// revoke revokes token at the provider's revocation endpoint (RFC 7009),
// as an LA does when it ends someone's access.
func revoke(t *testing.T, idp *devidp.Provider, token string) {
	t.Helper()
	resp, err := http.Get(idp.Issuer() + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Revocation string `json:"revocation_endpoint"`
	}
	err = json.NewDecoder(resp.Body).Decode(&doc)
	resp.Body.Close()
	if err != nil || doc.Revocation == "" {
		t.Fatalf("no revocation endpoint in discovery: %v", err)
	}
	resp, err = http.PostForm(doc.Revocation, url.Values{"token": {token}, "token_type_hint": {"refresh_token"}, "client_id": {idp.AppClientID()}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("revoke: status %d", resp.StatusCode)
	}
}

// shortLived makes every access token the provider issues expire at
// once for oauth2 (which treats a token as expired 10 seconds early), so
// each Session.Token call refreshes without the test waiting. (At 1s the
// provider rounds expires_in down to 0, which means "no expiry".)
var shortLived = devidp.Config{AccessTokenLifetime: 2 * time.Second}
