package devidp

import (
	"context"
	"crypto/rand"
	"fmt"
	"net/http"

	"golang.org/x/oauth2"
)

// SignInScopes are the scopes SignIn asks for: an ID token, the profile
// and a refresh token.
var SignInScopes = []string{"openid", "profile", "offline_access"}

// SignIn does a complete authorization code + PKCE (S256) sign-in for
// clientID as a native app would, with BrowserLogin playing the person,
// and returns the tokens. It is for tests and demos that need a real token
// without an app: nothing listens on the redirect URI, because BrowserLogin
// stops at that redirect. httpClient may be nil.
func (p *Provider) SignIn(ctx context.Context, httpClient *http.Client, clientID, username, password string) (*oauth2.Token, error) {
	if httpClient != nil {
		ctx = context.WithValue(ctx, oauth2.HTTPClient, httpClient)
	}
	cfg := oauth2.Config{
		ClientID:    clientID,
		Endpoint:    p.Endpoint(),
		RedirectURL: "http://127.0.0.1:9/callback",
		Scopes:      SignInScopes,
	}
	verifier := oauth2.GenerateVerifier()
	state := rand.Text()
	back, err := BrowserLogin(ctx, httpClient, cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), username, password)
	if err != nil {
		return nil, err
	}
	q := back.Query()
	if q.Get("state") != state {
		return nil, fmt.Errorf("devidp: the redirect carried state %q, not the one sent", q.Get("state"))
	}
	tok, err := cfg.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, fmt.Errorf("devidp: exchanging the code for %s: %w", clientID, err)
	}
	return tok, nil
}
