package devidp

import (
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// loopbackRedirectGlobs accept http://127.0.0.1 on any port and any path
// (RFC 8252 section 7.3: a native app picks an ephemeral port at sign-in).
// zitadel matches these with doublestar through op.HasRedirectGlobs.
var loopbackRedirectGlobs = []string{
	"http://127.0.0.1:*",
	"http://127.0.0.1:*/**",
}

// client is a registered public native client: no secret (token endpoint
// auth "none"), PKCE S256 required, JWT access tokens whose audience is
// audience plus the client id. Both registered clients share this shape;
// they differ only in id and audience.
type client struct {
	id        string
	audience  []string
	loginPath string
	idTTL     time.Duration
}

var _ op.HasRedirectGlobs = (*client)(nil)

func (c *client) GetID() string { return c.id }

// RedirectURIs registers the loopback address without a port; zitadel
// ignores the port of a loopback redirect for native clients, and the globs
// below cover the same ground explicitly.
func (c *client) RedirectURIs() []string               { return []string{"http://127.0.0.1/callback"} }
func (c *client) RedirectURIGlobs() []string           { return loopbackRedirectGlobs }
func (c *client) PostLogoutRedirectURIs() []string     { return nil }
func (c *client) PostLogoutRedirectURIGlobs() []string { return loopbackRedirectGlobs }
func (c *client) ApplicationType() op.ApplicationType  { return op.ApplicationTypeNative }
func (c *client) AuthMethod() oidc.AuthMethod          { return oidc.AuthMethodNone }
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}
func (c *client) GrantTypes() []oidc.GrantType {
	return []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken, oidc.GrantTypeDeviceCode}
}
func (c *client) LoginURL(authRequestID string) string {
	return c.loginPath + "?authRequestID=" + authRequestID
}
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }
func (c *client) IDTokenLifetime() time.Duration      { return c.idTTL }

// DevMode stays off so zitadel applies its normal redirect checks.
func (c *client) DevMode() bool { return false }
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(s []string) []string { return s }
}

// IsScopeAllowed admits only the standard OpenID scopes (which zitadel
// always allows); anything else is dropped from the request, not refused.
func (c *client) IsScopeAllowed(string) bool           { return false }
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return false }
func (c *client) ClockSkew() time.Duration             { return 0 }
