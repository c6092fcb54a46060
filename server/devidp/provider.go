// Package devidp is a development OpenID provider for Hearth demos and
// tests, built on github.com/zitadel/oidc/v3's op package. It listens on
// loopback, keeps everything in memory, generates its signing key at start
// and knows four seeded demo accounts (see DemoAccounts). It must never
// front real data: the accounts and passwords are public.
//
// What it issues, so the server and the app can be configured to match:
//   - The Hearth app is a public native client (Config.AppClientID, default
//     "hearth-app"): no secret, PKCE S256 required, authorization code,
//     refresh token (rotated on every use; ask for scope offline_access)
//     and device authorization grant (RFC 8628), redirect URIs
//     http://127.0.0.1 on any port and path (RFC 8252).
//   - Access tokens are JWTs signed with ES256 whose aud is
//     [AppClientID, APIAudience] (APIAudience default "hearth-api"). ID
//     tokens carry the same aud, as zitadel derives both from the request.
//   - A second public client (Config.OtherClientID, default "other-app")
//     gets tokens whose aud is only ["other-app"], so tests can present a
//     valid token meant for somebody else.
//   - An LA worker's access token carries StaffClaim = StaffValue
//     ("hearth_role": "staff").
package devidp

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
	"golang.org/x/oauth2"
	"golang.org/x/text/language"
)

// Config says where the provider listens and what it registers. The zero
// value is usable: every field has a default.
type Config struct {
	// Addr is the loopback address to listen on; default "127.0.0.1:0"
	// (an ephemeral port). `hearth-server --dev-idp` fixes a port so the
	// app's issuer setting stays the same between runs.
	Addr string
	// AppClientID is the Hearth app's client id; default "hearth-app".
	AppClientID string
	// APIAudience is added to the aud of the app's tokens; the server
	// checks it. Default "hearth-api".
	APIAudience string
	// OtherClientID is a second client whose tokens are not for the API;
	// default "other-app".
	OtherClientID string
	// AccessTokenLifetime defaults to 5 minutes, RefreshTokenLifetime to
	// 8 hours. Tests shorten them.
	AccessTokenLifetime  time.Duration
	RefreshTokenLifetime time.Duration
	// DevicePollInterval is the interval the device grant tells the app to
	// poll at, in whole seconds (minimum 1); default 5 seconds.
	// DeviceCodeLifetime defaults to 10 minutes.
	DevicePollInterval time.Duration
	DeviceCodeLifetime time.Duration
	// Logger receives zitadel's and the provider's logs; default
	// slog.Default(). Tokens and passwords are never logged.
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	def := func(s *string, v string) {
		if *s == "" {
			*s = v
		}
	}
	defDur := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&c.Addr, "127.0.0.1:0")
	def(&c.AppClientID, "hearth-app")
	def(&c.APIAudience, "hearth-api")
	def(&c.OtherClientID, "other-app")
	defDur(&c.AccessTokenLifetime, 5*time.Minute)
	defDur(&c.RefreshTokenLifetime, 8*time.Hour)
	defDur(&c.DevicePollInterval, 5*time.Second)
	defDur(&c.DeviceCodeLifetime, 10*time.Minute)
	c.DevicePollInterval = max(c.DevicePollInterval.Truncate(time.Second), time.Second)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// Provider is a running development OpenID provider.
type Provider struct {
	cfg    Config
	issuer string
	srv    *http.Server
	done   chan struct{}
	stop   func() bool

	closeOnce sync.Once
	closeErr  error
}

// Start listens on cfg.Addr, which must be a loopback address, and serves
// the provider until Close is called or ctx is cancelled.
func Start(ctx context.Context, cfg Config) (*Provider, error) {
	cfg = cfg.withDefaults()
	if cfg.AppClientID == cfg.OtherClientID {
		return nil, fmt.Errorf("devidp: the app and the other client need different ids, both are %q", cfg.AppClientID)
	}
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("devidp: address %q is not host:port: %w", cfg.Addr, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("devidp: refusing to listen on %q: the development provider's accounts are public, so it only listens on a loopback IP address", cfg.Addr)
	}
	key, err := newSigningKey()
	if err != nil {
		return nil, err
	}
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("devidp: listening on %s: %w", cfg.Addr, err)
	}
	issuer := "http://" + ln.Addr().String()
	handler, err := newHandler(cfg, issuer, key)
	if err != nil {
		ln.Close()
		return nil, err
	}
	p := &Provider{
		cfg:    cfg,
		issuer: issuer,
		done:   make(chan struct{}),
		srv: &http.Server{
			Handler:           handler,
			ReadHeaderTimeout: 10 * time.Second,
			ReadTimeout:       30 * time.Second,
			WriteTimeout:      30 * time.Second,
			IdleTimeout:       2 * time.Minute,
			MaxHeaderBytes:    64 << 10,
		},
	}
	go func() {
		defer close(p.done)
		if err := p.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			cfg.Logger.Error("devidp: serving stopped", "error", err)
		}
	}()
	p.stop = context.AfterFunc(ctx, func() { p.Close() })
	cfg.Logger.Info("devidp: development OpenID provider listening", "issuer", issuer)
	return p, nil
}

// newHandler wires zitadel's protocol endpoints and the provider's pages.
func newHandler(cfg Config, issuer string, key signingKey) (http.Handler, error) {
	clients := []*client{
		{id: cfg.AppClientID, audience: []string{cfg.AppClientID, cfg.APIAudience}, loginPath: loginPath, idTTL: cfg.AccessTokenLifetime},
		{id: cfg.OtherClientID, audience: []string{cfg.OtherClientID}, loginPath: loginPath, idTTL: cfg.AccessTokenLifetime},
	}
	store := newStorage(key, clients, cfg.AccessTokenLifetime, cfg.RefreshTokenLifetime)
	var cryptoKey [32]byte
	if _, err := rand.Read(cryptoKey[:]); err != nil {
		return nil, fmt.Errorf("devidp: generating the encryption key: %w", err)
	}
	opCfg := &op.Config{
		CryptoKey:             cryptoKey,
		CodeMethodS256:        true,
		GrantTypeRefreshToken: true,
		SupportedUILocales:    []language.Tag{language.English},
		DeviceAuthorization: op.DeviceAuthorizationConfig{
			Lifetime:     cfg.DeviceCodeLifetime,
			PollInterval: cfg.DevicePollInterval,
			UserFormPath: devicePath,
			UserCode:     op.UserCodeBase20,
		},
	}
	provider, err := op.NewProvider(opCfg, store, op.StaticIssuer(issuer),
		op.WithAllowInsecure(), // plain http, acceptable only because it is loopback
		op.WithLogger(cfg.Logger.WithGroup("devidp")),
	)
	if err != nil {
		return nil, fmt.Errorf("devidp: creating the OpenID provider: %w", err)
	}
	interceptor := op.NewIssuerInterceptor(provider.IssuerFromRequest)
	mux := http.NewServeMux()
	mux.Handle(loginPath, interceptor.Handler(&loginPage{store: store, callback: op.AuthCallbackURL(provider)}))
	mux.Handle(devicePath, &devicePage{store: store})
	mux.Handle("/", provider)
	return http.MaxBytesHandler(mux, 64<<10), nil
}

// Issuer is the provider's issuer URL, e.g. "http://127.0.0.1:41234";
// discovery is at Issuer()+"/.well-known/openid-configuration".
func (p *Provider) Issuer() string { return p.issuer }

// AppClientID, APIAudience and OtherClientID report the configured values
// (after defaults), so callers need not repeat them.
func (p *Provider) AppClientID() string   { return p.cfg.AppClientID }
func (p *Provider) APIAudience() string   { return p.cfg.APIAudience }
func (p *Provider) OtherClientID() string { return p.cfg.OtherClientID }

// Endpoint is the provider's OAuth 2.0 endpoints for golang.org/x/oauth2,
// the same ones discovery publishes. Public clients send client_id in the
// form body (AuthStyleInParams).
func (p *Provider) Endpoint() oauth2.Endpoint {
	return oauth2.Endpoint{
		AuthURL:       p.issuer + "/authorize",
		TokenURL:      p.issuer + "/oauth/token",
		DeviceAuthURL: p.issuer + "/device_authorization",
		AuthStyle:     oauth2.AuthStyleInParams,
	}
}

// Close stops the provider and waits for in-flight requests (at most five
// seconds). It is safe to call more than once.
func (p *Provider) Close() error {
	p.closeOnce.Do(func() {
		p.stop()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := p.srv.Shutdown(ctx); err != nil {
			p.closeErr = fmt.Errorf("devidp: shutting down: %w", err)
			p.srv.Close()
		}
		<-p.done
	})
	return p.closeErr
}
