package authority

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// Provider is the LA's OpenID provider, found by discovery from the
// settings' issuer. It signs users in and refreshes their tokens.
type Provider struct {
	settings Settings
	endpoint oauth2.Endpoint
	// revocation is the RFC 7009 endpoint, or "" when there is none.
	revocation string
	hc         *http.Client
}

// providerTimeout bounds each call to the provider when the caller does
// not pass an HTTP client of its own.
const providerTimeout = 30 * time.Second

// Discover fetches the issuer's /.well-known/openid-configuration and
// checks that the document names the same issuer (so a redirect or a
// mistyped address cannot swap in another provider) and that every
// endpoint is https, or on this computer. hc carries every call to the
// provider; nil means a client with a 30-second timeout.
func Discover(ctx context.Context, s Settings, hc *http.Client) (*Provider, error) {
	if err := s.Check(); err != nil {
		return nil, err
	}
	if hc == nil {
		hc = &http.Client{Timeout: providerTimeout}
	}
	op, err := oidc.NewProvider(oidc.ClientContext(ctx, hc), s.Issuer)
	if err != nil {
		return nil, fmt.Errorf("discover the sign-in service at %s: %w", s.Issuer, err)
	}
	ep := op.Endpoint()
	ep.AuthStyle = oauth2.AuthStyleInParams // public client: client_id in the form, no secret
	for name, u := range map[string]string{"authorization_endpoint": ep.AuthURL, "token_endpoint": ep.TokenURL} {
		if u == "" {
			return nil, fmt.Errorf("discover the sign-in service at %s: the document has no %s", s.Issuer, name)
		}
	}
	var extra struct {
		Revocation string `json:"revocation_endpoint"`
	}
	if err := op.Claims(&extra); err != nil {
		return nil, fmt.Errorf("discover the sign-in service at %s: %w", s.Issuer, err)
	}
	for name, u := range map[string]string{"authorization_endpoint": ep.AuthURL, "token_endpoint": ep.TokenURL,
		"device_authorization_endpoint": ep.DeviceAuthURL, "revocation_endpoint": extra.Revocation} {
		if u == "" {
			continue
		}
		if err := checkEndpoint(u); err != nil {
			return nil, fmt.Errorf("discover the sign-in service at %s: %s %w", s.Issuer, name, err)
		}
	}
	return &Provider{settings: s, endpoint: ep, revocation: extra.Revocation, hc: hc}, nil
}

// checkEndpoint is checkURL, except that an endpoint may carry a query
// (some providers put a tenant or policy there).
func checkEndpoint(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("is not a valid address: %v", err)
	}
	u.RawQuery, u.ForceQuery = "", false
	return checkURL(u.String())
}

// Settings returns the settings the provider was discovered from.
func (p *Provider) Settings() Settings { return p.settings }

// CanUseDevice reports whether the provider offers the device grant.
func (p *Provider) CanUseDevice() bool { return p.endpoint.DeviceAuthURL != "" }

// config is the oauth2 configuration for one flow; redirect is "" for the
// device grant and for refreshing.
func (p *Provider) config(redirect string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:    p.settings.ClientID,
		Endpoint:    p.endpoint,
		RedirectURL: redirect,
		Scopes:      p.settings.Scopes,
	}
}

// extra returns the audience and resource parameters the settings ask for.
func (p *Provider) extra() []oauth2.AuthCodeOption {
	var opts []oauth2.AuthCodeOption
	if p.settings.Audience != "" {
		opts = append(opts, oauth2.SetAuthURLParam("audience", p.settings.Audience))
	}
	if p.settings.Resource != "" {
		opts = append(opts, oauth2.SetAuthURLParam("resource", p.settings.Resource))
	}
	return opts
}

// ctx makes oauth2 use the provider's HTTP client.
func (p *Provider) ctx(ctx context.Context) context.Context {
	return context.WithValue(ctx, oauth2.HTTPClient, p.hc)
}
