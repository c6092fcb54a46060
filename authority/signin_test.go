package authority

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/hearth-app/hearth/server/devidp"
)

func TestSignInWithPKCEAtTheDevelopmentProvider(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	p := discoverIDP(t, idp, nil)
	browse, visits := browserFor(t, devidp.FosterCarer, nil)
	var authURL string
	tok, err := p.SignIn(t.Context(), func(u string) error { authURL = u; return browse(u) })
	if err != nil {
		t.Fatal(err)
	}
	q := mustQuery(t, authURL)
	if q.Get("code_challenge_method") != "S256" || len(q.Get("code_challenge")) < 43 || q.Get("client_id") != idp.AppClientID() ||
		q.Has("client_secret") || len(q.Get("state")) < 40 || !strings.HasPrefix(q.Get("redirect_uri"), "http://127.0.0.1:") ||
		!strings.HasSuffix(q.Get("redirect_uri"), CallbackPath) {
		t.Fatalf("authorization request is not PKCE S256 for a public loopback client: %v", q)
	}
	if tok.RefreshToken == "" {
		t.Fatal("no refresh token, though offline_access was asked for")
	}
	acct, _ := devidp.DemoAccount(devidp.FosterCarer)
	if sub := verifiedSubject(t, idp, tok); sub != acct.Subject {
		t.Fatalf("token subject %q, want the foster carer's %q", sub, acct.Subject)
	}
	v := <-visits
	if v.err != nil || v.status != http.StatusOK || !strings.Contains(v.body, "Signed in") || !strings.Contains(v.body, "Wedi mewngofnodi") {
		t.Fatalf("the browser was shown %d %q (%v)", v.status, v.body, v.err)
	}
	// One use only: the listener is gone, so the same redirect cannot be
	// replayed.
	if _, err := http.Get(v.redirect.String()); err == nil {
		t.Fatal("the loopback address still answers after sign-in")
	}
}

func TestSignInRefusesAStateItDidNotSend(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	p := discoverIDP(t, idp, nil)
	var realCallback *url.URL
	browse, visits := browserFor(t, devidp.KinshipCarer, func(u *url.URL) {
		c := *u
		realCallback = &c
		q := u.Query()
		q.Set("state", "forged-state")
		u.RawQuery = q.Encode()
	})
	tok, err := p.SignIn(t.Context(), browse)
	if !errors.Is(err, ErrStateMismatch) || tok != nil {
		t.Fatalf("want ErrStateMismatch and no token, got %v, %v", tok, err)
	}
	v := <-visits
	if v.status != http.StatusBadRequest || !strings.Contains(v.body, "did not work") {
		t.Fatalf("the browser was shown %d %q", v.status, v.body)
	}
	// The genuine redirect, arriving after the forged one, finds nobody.
	if _, err := http.Get(realCallback.String()); err == nil {
		t.Fatal("the loopback listener stayed open after a refused callback")
	}
}

func TestSignInReportsADeclinedSignIn(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	p := discoverIDP(t, idp, nil)
	_, err := p.SignIn(t.Context(), func(authURL string) error {
		q := mustQuery(t, authURL)
		back, _ := url.Parse(q.Get("redirect_uri"))
		back.RawQuery = url.Values{"state": {q.Get("state")}, "error": {"access_denied"}}.Encode()
		go visit(back)
		return nil
	})
	if !errors.Is(err, ErrSignInDenied) {
		t.Fatalf("want ErrSignInDenied, got %v", err)
	}
}

func TestSignInUsesTheFixedPortAndStopsWhenCancelled(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	port := freePort(t)
	p := discoverIDP(t, idp, func(s *Settings) { s.RedirectPort = port })
	ctx, cancel := context.WithCancel(t.Context())
	var redirect string
	_, err := p.SignIn(ctx, func(authURL string) error {
		redirect = mustQuery(t, authURL).Get("redirect_uri")
		cancel() // the user closes the sign-in window instead
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v", err)
	}
	if want := "http://127.0.0.1:" + strconv.Itoa(port) + CallbackPath; redirect != want {
		t.Fatalf("redirect_uri %q, want %q", redirect, want)
	}
	if _, err := http.Get(redirect); err == nil {
		t.Fatal("the loopback listener stayed open after cancelling")
	}
	// The port is free again, and a full sign-in on it works.
	browse, _ := browserFor(t, devidp.CareLeaver, nil)
	tok, err := p.SignIn(t.Context(), browse)
	if err != nil {
		t.Fatal(err)
	}
	acct, _ := devidp.DemoAccount(devidp.CareLeaver)
	if sub := verifiedSubject(t, idp, tok); sub != acct.Subject {
		t.Fatalf("subject %q, want %q", sub, acct.Subject)
	}
}

func TestSignInFailsWhenTheBrowserCannotOpen(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	p := discoverIDP(t, idp, nil)
	var redirect string
	_, err := p.SignIn(t.Context(), func(authURL string) error {
		redirect = mustQuery(t, authURL).Get("redirect_uri")
		return errors.New("no browser installed")
	})
	if err == nil || !strings.Contains(err.Error(), "no browser installed") {
		t.Fatalf("want the browser's error, got %v", err)
	}
	if _, err := http.Get(redirect); err == nil {
		t.Fatal("the loopback listener stayed open")
	}
}

func mustQuery(t *testing.T, raw string) url.Values {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// freePort finds a loopback port nobody is using right now.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// The exchange must carry the PKCE verifier matching the challenge, the
// client id and no secret, the same redirect_uri, and the audience and
// resource the settings name. A scripted provider on loopback checks
// each, since the development provider ignores audience and resource.
func TestSignInExchangeCarriesVerifierAudienceAndResource(t *testing.T) {
	var challenge, redirect string
	var mu sync.Mutex
	var exchanged url.Values
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	defer srv.Close()
	mux.HandleFunc("/.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, map[string]any{"issuer": srv.URL, "authorization_endpoint": srv.URL + "/authorize", "token_endpoint": srv.URL + "/token", "jwks_uri": srv.URL + "/keys"})
	})
	mux.HandleFunc("/token", func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		mu.Lock()
		exchanged = r.PostForm
		mu.Unlock()
		if _, _, basic := r.BasicAuth(); basic {
			t.Error("the client sent HTTP Basic credentials")
		}
		writeJSON(w, 200, map[string]any{"access_token": "at", "token_type": "Bearer", "refresh_token": "rt", "expires_in": 300})
	})
	s := Settings{Issuer: srv.URL, ClientID: "hearth-app", APIURL: srv.URL, Scopes: []string{"openid", "offline_access"},
		Audience: "hearth-api", Resource: "https://hearth.example.gov.uk/api"}
	p, err := Discover(t.Context(), s, nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := p.SignIn(t.Context(), func(authURL string) error {
		q := mustQuery(t, authURL)
		if q.Get("audience") != s.Audience || q.Get("resource") != s.Resource || q.Get("scope") != "openid offline_access" {
			t.Errorf("authorization request %v", q)
		}
		challenge, redirect = q.Get("code_challenge"), q.Get("redirect_uri")
		back, _ := url.Parse(redirect)
		back.RawQuery = url.Values{"code": {"the-code"}, "state": {q.Get("state")}, "iss": {srv.URL}}.Encode()
		go visit(back)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	sum := sha256.Sum256([]byte(exchanged.Get("code_verifier")))
	if base64.RawURLEncoding.EncodeToString(sum[:]) != challenge {
		t.Fatal("the code_verifier does not match the S256 code_challenge")
	}
	if exchanged.Get("code") != "the-code" || exchanged.Get("client_id") != "hearth-app" || exchanged.Has("client_secret") ||
		exchanged.Get("redirect_uri") != redirect || exchanged.Get("audience") != s.Audience || exchanged.Get("resource") != s.Resource ||
		exchanged.Get("grant_type") != "authorization_code" {
		t.Fatalf("token request %v", exchanged)
	}
	if tok.AccessToken != "at" || tok.RefreshToken != "rt" {
		t.Fatalf("token %+v", tok)
	}
}

// RFC 9207: an answer naming another issuer is a mix-up, refused.
func TestSignInRefusesAnAnswerFromAnotherIssuer(t *testing.T) {
	idp := startIDP(t, devidp.Config{})
	p := discoverIDP(t, idp, nil)
	_, err := p.SignIn(t.Context(), func(authURL string) error {
		q := mustQuery(t, authURL)
		back, _ := url.Parse(q.Get("redirect_uri"))
		back.RawQuery = url.Values{"code": {"c"}, "state": {q.Get("state")}, "iss": {"https://evil.example"}}.Encode()
		go visit(back)
		return nil
	})
	if err == nil || !strings.Contains(err.Error(), "evil.example") {
		t.Fatalf("want the other issuer refused, got %v", err)
	}
}
