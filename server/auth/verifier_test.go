package auth_test

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hearth-app/hearth/server/auth"
	"github.com/hearth-app/hearth/server/devidp"
)

// startIDP runs a real development provider on loopback for one test.
func startIDP(t *testing.T) *devidp.Provider {
	t.Helper()
	p, err := devidp.Start(t.Context(), devidp.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("devidp.Start: %v", err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func newVerifier(t *testing.T, p *devidp.Provider, mod func(*auth.Config)) *auth.Verifier {
	t.Helper()
	cfg := auth.Config{
		Issuer:     p.Issuer(),
		Audience:   p.APIAudience(),
		StaffClaim: devidp.StaffClaim,
		StaffValue: devidp.StaffValue,
	}
	if mod != nil {
		mod(&cfg)
	}
	v, err := auth.NewVerifier(t.Context(), cfg)
	if err != nil {
		t.Fatalf("NewVerifier: %v", err)
	}
	return v
}

// token signs username in to the app client (or another client) for real.
func token(t *testing.T, p *devidp.Provider, clientID, username string) string {
	t.Helper()
	a, _ := devidp.DemoAccount(username)
	tok, err := p.SignIn(t.Context(), nil, clientID, username, a.Password)
	if err != nil {
		t.Fatalf("SignIn %s: %v", username, err)
	}
	return tok.AccessToken
}

func subject(username string) string {
	a, _ := devidp.DemoAccount(username)
	return a.Subject
}

func request(authz string) *http.Request {
	r, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "http://127.0.0.1/v1/pull", nil)
	if authz != "" {
		r.Header.Set("Authorization", authz)
	}
	return r
}

// refused asserts that err is an *auth.Error with the wanted reason and
// that its message does not leak the token.
func refused(t *testing.T, err error, want auth.Reason, tok string) {
	t.Helper()
	if got := auth.ReasonOf(err); got != want {
		t.Fatalf("reason = %q (%v), want %q", got, err, want)
	}
	if len(tok) > 20 && strings.Contains(err.Error(), tok[len(tok)-20:]) {
		t.Fatalf("error message contains the token: %v", err)
	}
}

func TestValidTokenAccepted(t *testing.T) {
	p := startIDP(t)
	v := newVerifier(t, p, nil)
	got, err := v.Authenticate(request("Bearer " + token(t, p, p.AppClientID(), devidp.FosterCarer)))
	if err != nil {
		t.Fatalf("Authenticate: %v", err)
	}
	if want := (auth.Principal{Subject: subject(devidp.FosterCarer)}); got != want {
		t.Errorf("principal = %+v, want %+v", got, want)
	}
	// The scheme is case-insensitive (RFC 6750 follows RFC 7235).
	if _, err := v.Authenticate(request("bearer " + token(t, p, p.AppClientID(), devidp.FosterCarer))); err != nil {
		t.Errorf("lower-case scheme: %v", err)
	}
}

func TestStaffFromClaimAndFromSubjectList(t *testing.T) {
	p := startIDP(t)
	v := newVerifier(t, p, func(c *auth.Config) { c.StaffSubjects = []string{subject(devidp.KinshipCarer)} })
	for _, tc := range []struct {
		user  string
		staff bool
	}{
		{devidp.LAWorker, true},     // role claim
		{devidp.KinshipCarer, true}, // configured subject
		{devidp.FosterCarer, false},
		{devidp.CareLeaver, false},
	} {
		got, err := v.Authenticate(request("Bearer " + token(t, p, p.AppClientID(), tc.user)))
		if err != nil {
			t.Fatalf("%s: %v", tc.user, err)
		}
		if got.Subject != subject(tc.user) || got.Staff != tc.staff {
			t.Errorf("%s: principal = %+v, want subject %s staff %v", tc.user, got, subject(tc.user), tc.staff)
		}
	}
	// Without the claim configured, the worker's role claim counts for nothing.
	plain := newVerifier(t, p, func(c *auth.Config) { c.StaffClaim, c.StaffValue = "", "" })
	got, err := plain.Authenticate(request("Bearer " + token(t, p, p.AppClientID(), devidp.LAWorker)))
	if err != nil || got.Staff {
		t.Errorf("no staff claim configured: principal %+v, err %v; want not staff", got, err)
	}
}

func TestMissingAndMalformedTokens(t *testing.T) {
	p := startIDP(t)
	v := newVerifier(t, p, nil)
	for header, want := range map[string]auth.Reason{
		"":                       auth.MissingToken,
		"Basic Zm9vOmJhcg==":     auth.MissingToken,
		"Bearer":                 auth.MissingToken,
		"Bearer ":                auth.MissingToken,
		"Bearer not-a-jwt":       auth.MalformedToken,
		"Bearer a.b.c":           auth.MalformedToken,
		"Bearer e30.e30.c2lnbmF": auth.BadSignature, // {}.{}: parses, signed by nobody
	} {
		_, err := v.Authenticate(request(header))
		if err == nil {
			t.Errorf("%q accepted", header)
			continue
		}
		var ae *auth.Error
		if !errors.As(err, &ae) || ae.Reason != want {
			t.Errorf("%q: %v, want reason %q", header, err, want)
		}
	}
}

func TestTokenForAnotherAudienceRefused(t *testing.T) {
	p := startIDP(t)
	v := newVerifier(t, p, nil)
	tok := token(t, p, p.OtherClientID(), devidp.FosterCarer)
	_, err := v.Authenticate(request("Bearer " + tok))
	refused(t, err, auth.WrongAudience, tok)
	if !strings.Contains(err.Error(), p.OtherClientID()) {
		t.Errorf("error does not say which audience the token had: %v", err)
	}
}

func TestExpiredTokenRefused(t *testing.T) {
	p := startIDP(t)
	later := newVerifier(t, p, func(c *auth.Config) {
		c.Now = func() time.Time { return time.Now().Add(time.Hour) } // beyond the 5-minute lifetime
	})
	tok := token(t, p, p.AppClientID(), devidp.FosterCarer)
	_, err := later.Authenticate(request("Bearer " + tok))
	refused(t, err, auth.Expired, tok)
	if _, err := newVerifier(t, p, nil).Authenticate(request("Bearer " + tok)); err != nil {
		t.Errorf("the same token at the real time: %v", err)
	}
}

func TestTamperedTokenRefused(t *testing.T) {
	p := startIDP(t)
	v := newVerifier(t, p, nil)
	tok := token(t, p, p.AppClientID(), devidp.FosterCarer)
	parts := strings.Split(tok, ".")

	// A carer rewrites their token to claim the LA worker's subject.
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	forged := strings.Replace(string(payload), subject(devidp.FosterCarer), subject(devidp.LAWorker), 1)
	if forged == string(payload) {
		t.Fatal("test setup: subject not found in payload")
	}
	payloadTampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(forged)) + "." + parts[2]
	_, err = v.Authenticate(request("Bearer " + payloadTampered))
	refused(t, err, auth.BadSignature, payloadTampered)

	// One bit of the signature flipped.
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		t.Fatal(err)
	}
	sig[len(sig)/2] ^= 0x01
	sigTampered := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(sig)
	_, err = v.Authenticate(request("Bearer " + sigTampered))
	refused(t, err, auth.BadSignature, sigTampered)

	// The untouched token still passes, so the refusals above were about the tampering.
	if _, err := v.Authenticate(request("Bearer " + tok)); err != nil {
		t.Errorf("original token: %v", err)
	}
}

func TestTokenFromAnotherIssuerRefused(t *testing.T) {
	ours, theirs := startIDP(t), startIDP(t)
	v := newVerifier(t, ours, nil)
	tok := token(t, theirs, theirs.AppClientID(), devidp.LAWorker) // same client id and audience, other issuer
	_, err := v.Authenticate(request("Bearer " + tok))
	refused(t, err, auth.WrongIssuer, tok)
}

func TestKeysUnavailable(t *testing.T) {
	p := startIDP(t)
	v := newVerifier(t, p, nil)
	tok := token(t, p, p.AppClientID(), devidp.FosterCarer)
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	_, err := v.Authenticate(request("Bearer " + tok))
	refused(t, err, auth.KeysUnavailable, tok)
}

func TestNewVerifierChecksConfig(t *testing.T) {
	p := startIDP(t)
	for name, cfg := range map[string]auth.Config{
		"no audience":         {Issuer: p.Issuer()},
		"no issuer":           {Audience: "hearth-api"},
		"claim without value": {Issuer: p.Issuer(), Audience: "hearth-api", StaffClaim: "roles"},
		"issuer mismatch":     {Issuer: p.Issuer() + "/other", Audience: "hearth-api"},
	} {
		if _, err := auth.NewVerifier(t.Context(), cfg); err == nil {
			t.Errorf("%s: NewVerifier succeeded", name)
		}
	}
}
