package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
)

// Config says which tokens the server accepts and who counts as staff.
// Nothing about any particular provider is built in: the issuer's
// discovery document supplies the keys and algorithms, so Microsoft Entra
// ID, Keycloak or the development provider all work the same way.
type Config struct {
	// Issuer is the identity provider's issuer URL, exactly as its
	// discovery document states it (for Entra ID,
	// https://login.microsoftonline.com/<tenant>/v2.0).
	Issuer string
	// Audience must appear in the token's aud claim: the identifier the
	// provider uses for this API (e.g. "hearth-api", or Entra's
	// application ID URI / client id of the API registration).
	Audience string
	// StaffClaim and StaffValue mark LA staff: a token whose StaffClaim is
	// StaffValue, or is a list containing it (as Entra's "roles" claim
	// is), belongs to staff. Leave both empty to rely on StaffSubjects.
	StaffClaim string
	StaffValue string
	// StaffSubjects lists subjects that are staff whatever their token says.
	StaffSubjects []string
	// HTTPClient fetches discovery and keys; default a client with a
	// 10-second timeout.
	HTTPClient *http.Client
	// Now is the clock expiry is checked against; default time.Now. Tests
	// move it forward instead of waiting for a token to expire.
	Now func() time.Time
}

// Verifier checks bearer tokens. It is safe for concurrent use; keys are
// fetched from the issuer's JWKS once and again when a token names a key
// it has not seen (key rotation).
type Verifier struct {
	issuer   string
	audience string
	keys     *oidc.RemoteKeySet
	verifier *oidc.IDTokenVerifier

	staffClaim    string
	staffValue    string
	staffSubjects map[string]bool
}

// NewVerifier fetches the issuer's discovery document and prepares to
// check tokens against its published keys. ctx bounds discovery only.
func NewVerifier(ctx context.Context, cfg Config) (*Verifier, error) {
	if cfg.Issuer == "" {
		return nil, errors.New("auth: no issuer configured")
	}
	if cfg.Audience == "" {
		return nil, errors.New("auth: no audience configured; without one a token issued for any other application would be accepted")
	}
	if (cfg.StaffClaim == "") != (cfg.StaffValue == "") {
		return nil, errors.New("auth: the staff claim and its value must be configured together")
	}
	client := cfg.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	ctx = oidc.ClientContext(ctx, client)
	provider, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("auth: discovering issuer %s: %w", cfg.Issuer, err)
	}
	var meta struct {
		JWKS string   `json:"jwks_uri"`
		Algs []string `json:"id_token_signing_alg_values_supported"`
	}
	if err := provider.Claims(&meta); err != nil {
		return nil, fmt.Errorf("auth: reading issuer %s's discovery document: %w", cfg.Issuer, err)
	}
	if meta.JWKS == "" {
		return nil, fmt.Errorf("auth: issuer %s publishes no jwks_uri", cfg.Issuer)
	}
	// The key set keeps the HTTP client but not ctx's cancellation.
	keys := oidc.NewRemoteKeySet(oidc.ClientContext(context.WithoutCancel(ctx), client), meta.JWKS)
	v := &Verifier{
		issuer:   cfg.Issuer,
		audience: cfg.Audience,
		keys:     keys,
		verifier: oidc.NewVerifier(cfg.Issuer, keys, &oidc.Config{
			ClientID:             cfg.Audience,
			SupportedSigningAlgs: meta.Algs,
			Now:                  cfg.Now,
		}),
		staffClaim:    cfg.StaffClaim,
		staffValue:    cfg.StaffValue,
		staffSubjects: map[string]bool{},
	}
	for _, s := range cfg.StaffSubjects {
		v.staffSubjects[s] = true
	}
	return v, nil
}

// Authenticate reads the request's bearer token and verifies it. A refusal
// is always an *Error.
func (v *Verifier) Authenticate(r *http.Request) (Principal, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return Principal{}, refuse(MissingToken, nil, "no Authorization header")
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return Principal{}, refuse(MissingToken, nil, "the Authorization header is not a Bearer token")
	}
	return v.Verify(r.Context(), strings.TrimSpace(token))
}

// Verify checks one raw access token: signature against the issuer's keys,
// issuer, expiry and audience, then decides whether its subject is staff.
func (v *Verifier) Verify(ctx context.Context, token string) (Principal, error) {
	if token == "" {
		return Principal{}, refuse(MissingToken, nil, "the Bearer token is empty")
	}
	t, err := v.verifier.Verify(ctx, token)
	if err != nil {
		return Principal{}, v.classify(ctx, token, err)
	}
	if t.Subject == "" {
		return Principal{}, refuse(MalformedToken, nil, "the token names no subject")
	}
	staff, err := v.isStaff(t)
	if err != nil {
		return Principal{}, err
	}
	return Principal{Subject: t.Subject, Staff: staff}, nil
}

func (v *Verifier) isStaff(t *oidc.IDToken) (bool, error) {
	if v.staffSubjects[t.Subject] {
		return true, nil
	}
	if v.staffClaim == "" {
		return false, nil
	}
	var claims map[string]any
	if err := t.Claims(&claims); err != nil {
		return false, refuse(MalformedToken, err, "reading the token's claims")
	}
	switch c := claims[v.staffClaim].(type) {
	case string:
		return c == v.staffValue, nil
	case []any:
		return slices.Contains(c, any(v.staffValue)), nil
	}
	return false, nil
}

// classify turns a verification failure into a Reason. go-oidc checks the
// signature first and reports the rest as plain strings, so the reason is
// worked out from the token itself: an expiry error is typed; otherwise
// the unverified claims and a signature-only check tell which test failed.
// Unverified claims only ever choose the wording; the token was refused
// by the full check already.
func (v *Verifier) classify(ctx context.Context, token string, err error) *Error {
	var expired *oidc.TokenExpiredError
	if errors.As(err, &expired) {
		return refuse(Expired, err, "expired at %s", expired.Expiry.UTC().Format(time.RFC3339))
	}
	c, perr := unverifiedClaims(token)
	if perr != nil {
		return refuse(MalformedToken, err, "%v", perr)
	}
	if _, serr := v.keys.VerifySignature(ctx, token); serr != nil {
		// go-oidc's RemoteKeySet prefixes a failed key download this way.
		if strings.HasPrefix(serr.Error(), "fetching keys") {
			return refuse(KeysUnavailable, serr, "could not fetch the issuer's keys")
		}
		if c.Issuer != "" && c.Issuer != v.issuer {
			return refuse(WrongIssuer, err, "issued by %s, not %s", short(c.Issuer), v.issuer)
		}
		return refuse(BadSignature, err, "not signed by any of the issuer's keys")
	}
	if c.Issuer != v.issuer {
		return refuse(WrongIssuer, err, "issued by %s, not %s", short(c.Issuer), v.issuer)
	}
	if !slices.Contains(c.Audience, v.audience) {
		return refuse(WrongAudience, err, "issued for %s, not %q", short(strings.Join(c.Audience, ", ")), v.audience)
	}
	return refuse(InvalidToken, err, "%v", err)
}

// short quotes and truncates text taken from an unverified token before it
// reaches an error message or the audit log.
func short(s string) string {
	if len(s) > 100 {
		s = s[:100] + "..."
	}
	return fmt.Sprintf("%q", s)
}

type claimSet struct {
	Issuer   string
	Audience []string
}

// unverifiedClaims reads iss and aud from a JWT without checking it.
func unverifiedClaims(token string) (claimSet, error) {
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return claimSet{}, fmt.Errorf("a JWT has 3 parts, this has %d", len(parts))
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return claimSet{}, fmt.Errorf("the payload is not base64url: %w", err)
	}
	var raw struct {
		Iss string          `json:"iss"`
		Aud json.RawMessage `json:"aud"`
	}
	if err := json.Unmarshal(payload, &raw); err != nil {
		return claimSet{}, fmt.Errorf("the payload is not a JSON object: %w", err)
	}
	c := claimSet{Issuer: raw.Iss}
	var one string
	if json.Unmarshal(raw.Aud, &one) == nil {
		c.Audience = []string{one}
	} else if err := json.Unmarshal(raw.Aud, &c.Audience); err != nil && len(raw.Aud) > 0 {
		return claimSet{}, errors.New("the aud claim is neither a string nor a list of strings")
	}
	return c, nil
}
