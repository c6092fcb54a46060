package devidp

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// start runs a provider on an ephemeral loopback port for one test.
func start(t *testing.T, cfg Config) *Provider {
	t.Helper()
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	p, err := Start(t.Context(), cfg)
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := p.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return p
}

func account(t *testing.T, username string) Account {
	t.Helper()
	a, ok := DemoAccount(username)
	if !ok {
		t.Fatalf("no demo account %q", username)
	}
	return a
}

// claims decodes a JWT's payload without verifying it; tests that need the
// signature checked use verify.
func claims(t *testing.T, jwt string) map[string]any {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("access token is not a JWT (%d parts)", len(parts))
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatalf("JWT payload: %v", err)
	}
	var c map[string]any
	if err := json.Unmarshal(raw, &c); err != nil {
		t.Fatalf("JWT payload: %v", err)
	}
	return c
}

// verify checks the token's signature, issuer, expiry and audience with an
// independent library through discovery, as a resource server would.
func verify(t *testing.T, p *Provider, token, audience string) *oidc.IDToken {
	t.Helper()
	prov, err := oidc.NewProvider(t.Context(), p.Issuer())
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	tok, err := prov.Verifier(&oidc.Config{ClientID: audience}).Verify(t.Context(), token)
	if err != nil {
		t.Fatalf("verifying the access token for %q: %v", audience, err)
	}
	return tok
}

func appConfig(p *Provider, redirect string) oauth2.Config {
	return oauth2.Config{ClientID: p.AppClientID(), Endpoint: p.Endpoint(), RedirectURL: redirect, Scopes: SignInScopes}
}

func TestAuthorizationCodeWithPKCE(t *testing.T) {
	p := start(t, Config{})
	ctx := t.Context()
	cfg := appConfig(p, "http://127.0.0.1:54321/callback")
	verifier, state := oauth2.GenerateVerifier(), rand.Text()
	authURL := cfg.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier))

	back, err := BrowserLogin(ctx, nil, authURL, FosterCarer, account(t, FosterCarer).Password)
	if err != nil {
		t.Fatalf("BrowserLogin: %v", err)
	}
	if back.Host != "127.0.0.1:54321" || back.Path != "/callback" || back.Query().Get("state") != state {
		t.Fatalf("redirect = %s, want the app's redirect_uri with state %q", back, state)
	}
	code := back.Query().Get("code")

	if _, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(oauth2.GenerateVerifier())); err == nil {
		t.Fatal("exchange with the wrong code_verifier succeeded")
	}
	if _, err := cfg.Exchange(ctx, code); err == nil {
		t.Fatal("exchange without a code_verifier succeeded")
	}
	tok, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	if _, err := cfg.Exchange(ctx, code, oauth2.VerifierOption(verifier)); err == nil {
		t.Fatal("the same code was exchanged twice")
	}

	idt := verify(t, p, tok.AccessToken, p.APIAudience())
	if want := account(t, FosterCarer).Subject; idt.Subject != want {
		t.Errorf("sub = %q, want %q", idt.Subject, want)
	}
	if !slices.Contains(idt.Audience, p.AppClientID()) {
		t.Errorf("aud = %v, want it to include %q too", idt.Audience, p.AppClientID())
	}
	if _, staff := claims(t, tok.AccessToken)[StaffClaim]; staff {
		t.Errorf("a foster carer's token carries %s", StaffClaim)
	}
	if tok.RefreshToken == "" {
		t.Error("no refresh token although offline_access was asked for")
	}
	if id, _ := tok.Extra("id_token").(string); id == "" {
		t.Error("no ID token")
	}
}

func TestRefreshTokenRotates(t *testing.T) {
	p := start(t, Config{})
	ctx := t.Context()
	first, err := p.SignIn(ctx, nil, p.AppClientID(), CareLeaver, account(t, CareLeaver).Password)
	if err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	cfg := appConfig(p, "")
	second, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: first.RefreshToken}).Token()
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if second.RefreshToken == "" || second.RefreshToken == first.RefreshToken {
		t.Fatalf("refresh token did not rotate: old %q new %q", first.RefreshToken, second.RefreshToken)
	}
	if second.AccessToken == first.AccessToken {
		t.Error("refresh returned the same access token")
	}
	if got := verify(t, p, second.AccessToken, p.APIAudience()).Subject; got != account(t, CareLeaver).Subject {
		t.Errorf("refreshed token's sub = %q, want the care leaver's", got)
	}
	if _, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: first.RefreshToken}).Token(); err == nil {
		t.Error("the rotated-out refresh token still works")
	}
	other := cfg
	other.ClientID = p.OtherClientID()
	if _, err := other.TokenSource(ctx, &oauth2.Token{RefreshToken: second.RefreshToken}).Token(); err == nil {
		t.Error("another client redeemed the app's refresh token")
	}
	if _, err := cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: second.RefreshToken}).Token(); err != nil {
		t.Errorf("the new refresh token does not work: %v", err)
	}
}

func TestStaffClaimOnlyForLAWorker(t *testing.T) {
	p := start(t, Config{})
	for _, a := range DemoAccounts() {
		tok, err := p.SignIn(t.Context(), nil, p.AppClientID(), a.Username, a.Password)
		if err != nil {
			t.Fatalf("SignIn %s: %v", a.Username, err)
		}
		role, _ := claims(t, tok.AccessToken)[StaffClaim].(string)
		if a.Staff != (role == StaffValue) {
			t.Errorf("%s: %s = %q, staff = %v", a.Username, StaffClaim, role, a.Staff)
		}
	}
}

func TestOtherClientTokenIsNotForTheAPI(t *testing.T) {
	p := start(t, Config{})
	tok, err := p.SignIn(t.Context(), nil, p.OtherClientID(), FosterCarer, account(t, FosterCarer).Password)
	if err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	aud := verify(t, p, tok.AccessToken, p.OtherClientID()).Audience
	if slices.Contains(aud, p.APIAudience()) {
		t.Errorf("other client's token aud = %v includes the API audience", aud)
	}
}

func TestLoopbackRedirectOnAnyPortOnly(t *testing.T) {
	p := start(t, Config{})
	pw := account(t, KinshipCarer).Password
	for _, redirect := range []string{"http://127.0.0.1:1234/callback", "http://127.0.0.1:60001/", "http://127.0.0.1:2/oauth/done"} {
		cfg := appConfig(p, redirect)
		back, err := BrowserLogin(t.Context(), nil, cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())), KinshipCarer, pw)
		if err != nil {
			t.Errorf("%s: %v", redirect, err)
			continue
		}
		want, _ := url.Parse(redirect)
		if back.Host != want.Host || back.Path != want.Path || back.Query().Get("code") == "" {
			t.Errorf("redirect = %s, want a code at %s", back, redirect)
		}
	}
	for _, redirect := range []string{"http://evil.example:1234/callback", "https://example.org/callback"} {
		cfg := appConfig(p, redirect)
		back, err := BrowserLogin(t.Context(), nil, cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())), KinshipCarer, pw)
		if err == nil || back != nil || !strings.Contains(err.Error(), "redirect_uri") {
			t.Errorf("%s: redirect %v, err %v; want refused for its redirect_uri", redirect, back, err)
		}
	}
}

func TestPKCES256Required(t *testing.T) {
	p := start(t, Config{})
	cfg := appConfig(p, "http://127.0.0.1:1234/callback")
	for name, opts := range map[string][]oauth2.AuthCodeOption{
		"none":  nil,
		"plain": {oauth2.SetAuthURLParam("code_challenge", "abcdefghijklmnopqrstuvwxyz0123456789abcdefgh"), oauth2.SetAuthURLParam("code_challenge_method", "plain")},
	} {
		back, err := BrowserLogin(t.Context(), nil, cfg.AuthCodeURL("s", opts...), FosterCarer, account(t, FosterCarer).Password)
		if err == nil || !strings.Contains(err.Error(), "S256") {
			t.Errorf("%s: redirect %v, err %v; want refused for lack of PKCE S256", name, back, err)
		}
		if back != nil && back.Query().Get("code") != "" {
			t.Errorf("%s: a code was issued without PKCE S256", name)
		}
	}
}

func TestWrongPasswordRefused(t *testing.T) {
	p := start(t, Config{})
	cfg := appConfig(p, "http://127.0.0.1:1234/callback")
	back, err := BrowserLogin(t.Context(), nil, cfg.AuthCodeURL("s", oauth2.S256ChallengeOption(oauth2.GenerateVerifier())), FosterCarer, "not-the-password")
	if err == nil || back != nil {
		t.Fatalf("wrong password: redirect %v, err %v", back, err)
	}
	if !strings.Contains(err.Error(), "do not match") {
		t.Errorf("error does not say why: %v", err)
	}
}

func TestDeviceAuthorizationGrant(t *testing.T) {
	p := start(t, Config{DevicePollInterval: time.Second})
	ctx := t.Context()
	cfg := appConfig(p, "")
	resp, err := cfg.DeviceAuth(ctx)
	if err != nil {
		t.Fatalf("DeviceAuth: %v", err)
	}
	if !strings.HasPrefix(resp.VerificationURI, p.Issuer()+"/device") || resp.UserCode == "" || resp.Interval != 1 {
		t.Fatalf("device response = %+v", resp)
	}
	pw := account(t, KinshipCarer).Password
	if err := ApproveDevice(ctx, nil, resp.VerificationURI, "BCDF-GHJK", KinshipCarer, pw); err == nil {
		t.Error("an unknown user code was approved")
	}
	if err := ApproveDevice(ctx, nil, resp.VerificationURI, resp.UserCode, KinshipCarer, "wrong"); err == nil {
		t.Error("approved with a wrong password")
	}
	// People type codes in lower case and without the dash.
	typed := strings.ToLower(strings.ReplaceAll(resp.UserCode, "-", ""))
	if err := ApproveDevice(ctx, nil, resp.VerificationURI, typed, KinshipCarer, pw); err != nil {
		t.Fatalf("ApproveDevice: %v", err)
	}
	tok, err := cfg.DeviceAccessToken(ctx, resp)
	if err != nil {
		t.Fatalf("DeviceAccessToken: %v", err)
	}
	if got := verify(t, p, tok.AccessToken, p.APIAudience()).Subject; got != account(t, KinshipCarer).Subject {
		t.Errorf("sub = %q, want the kinship carer's", got)
	}
	if tok.RefreshToken == "" {
		t.Error("device grant gave no refresh token although offline_access was asked for")
	}
	if _, err := cfg.DeviceAccessToken(ctx, resp); err == nil {
		t.Error("the device code was redeemed twice")
	}
}

func TestDeviceAuthorizationDenied(t *testing.T) {
	p := start(t, Config{DevicePollInterval: time.Second})
	ctx := t.Context()
	cfg := appConfig(p, "")
	resp, err := cfg.DeviceAuth(ctx)
	if err != nil {
		t.Fatalf("DeviceAuth: %v", err)
	}
	form := url.Values{"user_code": {resp.UserCode}, "username": {LAWorker}, "password": {account(t, LAWorker).Password}, "action": {"deny"}}
	r, err := http.PostForm(p.Issuer()+devicePath, form)
	if err != nil {
		t.Fatalf("deny: %v", err)
	}
	r.Body.Close()
	if r.StatusCode != 200 {
		t.Fatalf("deny: HTTP %d", r.StatusCode)
	}
	_, err = cfg.DeviceAccessToken(ctx, resp)
	var re *oauth2.RetrieveError
	if !errors.As(err, &re) || re.ErrorCode != "access_denied" {
		t.Fatalf("DeviceAccessToken after deny: %v, want access_denied", err)
	}
}

func TestStartRefusesNonLoopback(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "example.org:0", ":0"} {
		if p, err := Start(t.Context(), Config{Addr: addr}); err == nil {
			p.Close()
			t.Errorf("Start(%q) succeeded", addr)
		}
	}
}

func TestCancelledContextStopsProvider(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	p, err := Start(ctx, Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	<-p.done
	if _, err := oidc.NewProvider(t.Context(), p.Issuer()); err == nil {
		t.Error("provider still answers after its context was cancelled")
	}
}

func TestAccessTokenLifetimeConfigurable(t *testing.T) {
	p := start(t, Config{AccessTokenLifetime: 30 * time.Second})
	tok, err := p.SignIn(t.Context(), nil, p.AppClientID(), FosterCarer, account(t, FosterCarer).Password)
	if err != nil {
		t.Fatalf("SignIn: %v", err)
	}
	c := claims(t, tok.AccessToken)
	exp, _ := c["exp"].(float64)
	iat, _ := c["iat"].(float64)
	if got := exp - iat; got < 29 || got > 31 {
		t.Errorf("exp - iat = %v seconds, want 30", got)
	}
}
