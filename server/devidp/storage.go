package devidp

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// authRequestTTL bounds how long a user may take on the login page.
const authRequestTTL = 10 * time.Minute

// storage is the provider's in-memory state: registered clients, pending
// authorization requests and codes, issued access token ids, refresh tokens
// and device authorizations. Everything is lost on Close, which is what a
// development provider wants. It implements op.Storage and
// op.DeviceAuthorizationStorage.
type storage struct {
	key        signingKey
	clients    map[string]*client
	accessTTL  time.Duration
	refreshTTL time.Duration

	mu            sync.Mutex
	authRequests  map[string]*authRequest
	codes         map[string]string // code -> auth request id
	accessTokens  map[string]accessToken
	refreshTokens map[string]*refreshToken
	devices       map[string]*deviceEntry // device code -> entry
	userCodes     map[string]string       // user code -> device code
}

// accessToken is what the provider remembers about an issued JWT access
// token: enough to answer the userinfo endpoint and to revoke it.
type accessToken struct {
	clientID string
	subject  string
	scopes   []string
	expires  time.Time
}

type deviceEntry struct {
	userCode string
	state    op.DeviceAuthorizationState
}

var (
	_ op.Storage                    = (*storage)(nil)
	_ op.DeviceAuthorizationStorage = (*storage)(nil)
	_ op.CanSetUserinfoFromRequest  = (*storage)(nil)
)

func newStorage(key signingKey, clients []*client, accessTTL, refreshTTL time.Duration) *storage {
	s := &storage{
		key:           key,
		clients:       map[string]*client{},
		accessTTL:     accessTTL,
		refreshTTL:    refreshTTL,
		authRequests:  map[string]*authRequest{},
		codes:         map[string]string{},
		accessTokens:  map[string]accessToken{},
		refreshTokens: map[string]*refreshToken{},
		devices:       map[string]*deviceEntry{},
		userCodes:     map[string]string{},
	}
	for _, c := range clients {
		s.clients[c.id] = c
	}
	return s
}

// randomID returns 256 random bits as text (two crypto/rand.Text values):
// request ids and refresh tokens must not be guessable.
func randomID() string { return rand.Text() + rand.Text() }

// purgeLocked drops everything that has expired, so a long-running demo
// server does not grow without bound. The caller holds s.mu.
func (s *storage) purgeLocked(now time.Time) {
	for id, r := range s.authRequests {
		if now.Sub(r.created) > authRequestTTL {
			delete(s.authRequests, id)
		}
	}
	for code, id := range s.codes {
		if _, ok := s.authRequests[id]; !ok {
			delete(s.codes, code)
		}
	}
	for id, t := range s.accessTokens {
		if now.After(t.expires) {
			delete(s.accessTokens, id)
		}
	}
	for tok, r := range s.refreshTokens {
		if now.After(r.expires) {
			delete(s.refreshTokens, tok)
		}
	}
	for code, d := range s.devices {
		if now.After(d.state.Expires) {
			delete(s.userCodes, d.userCode)
			delete(s.devices, code)
		}
	}
}

// CreateAuthRequest records a validated /authorize request. It insists on
// PKCE with S256, which zitadel only demands at the token endpoint.
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	if slices.Contains(req.Prompt, oidc.PromptNone) {
		return nil, oidc.ErrLoginRequired().WithDescription("the development provider keeps no sessions, so prompt=none cannot succeed")
	}
	if req.CodeChallenge == "" || req.CodeChallengeMethod != oidc.CodeChallengeMethodS256 {
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE with code_challenge_method S256 is required")
	}
	c, ok := s.clients[req.ClientID]
	if !ok {
		return nil, oidc.ErrInvalidClient().WithDescription("unknown client_id")
	}
	now := time.Now()
	r := &authRequest{
		id:            randomID(),
		clientID:      c.id,
		audience:      slices.Clone(c.audience),
		redirectURI:   req.RedirectURI,
		scopes:        slices.Clone(req.Scopes),
		state:         req.State,
		nonce:         req.Nonce,
		responseType:  req.ResponseType,
		responseMode:  req.ResponseMode,
		codeChallenge: &oidc.CodeChallenge{Challenge: req.CodeChallenge, Method: req.CodeChallengeMethod},
		created:       now,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.purgeLocked(now)
	s.authRequests[r.id] = r
	return r, nil
}

func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.authRequests[id]
	if !ok {
		return nil, errors.New("authorization request not found or expired")
	}
	return r, nil
}

func (s *storage) AuthRequestByCode(ctx context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	id, ok := s.codes[code]
	s.mu.Unlock()
	if !ok {
		return nil, errors.New("authorization code not found, already used or expired")
	}
	return s.AuthRequestByID(ctx, id)
}

func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.authRequests[id]; !ok {
		return errors.New("authorization request not found or expired")
	}
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest is called once the code has been exchanged, which makes
// the code single-use.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.authRequests, id)
	for code, rid := range s.codes {
		if rid == id {
			delete(s.codes, code)
		}
	}
	return nil
}

// completeLogin marks an authorization request as signed in by subject.
func (s *storage) completeLogin(id, subject string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.authRequests[id]
	if !ok {
		return errors.New("this sign-in request has expired; start again from the app")
	}
	r.subject = subject
	r.authTime = time.Now()
	r.done = true
	return nil
}

func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	clientID, _ := requestInfo(req)
	id, exp := s.newAccessToken(clientID, req.GetSubject(), req.GetScopes())
	return id, exp, nil
}

func (s *storage) newAccessToken(clientID, subject string, scopes []string) (string, time.Time) {
	now := time.Now()
	id := randomID()
	exp := now.Add(s.accessTTL)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.purgeLocked(now)
	s.accessTokens[id] = accessToken{clientID: clientID, subject: subject, scopes: slices.Clone(scopes), expires: exp}
	return id, exp
}

// CreateAccessAndRefreshTokens issues an access token id and a refresh
// token. With a current refresh token it rotates: the old one is deleted
// and can never be redeemed again.
func (s *storage) CreateAccessAndRefreshTokens(_ context.Context, req op.TokenRequest, current string) (string, string, time.Time, error) {
	clientID, authTime := requestInfo(req)
	now := time.Now()
	s.mu.Lock()
	if current != "" {
		old, ok := s.refreshTokens[current]
		if !ok || now.After(old.expires) {
			s.mu.Unlock()
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("refresh token not found, already used or expired")
		}
		delete(s.refreshTokens, current)
		authTime = old.authTime
	}
	rt := &refreshToken{
		token:    randomID(),
		clientID: clientID,
		subject:  req.GetSubject(),
		audience: slices.Clone(req.GetAudience()),
		scopes:   slices.Clone(req.GetScopes()),
		authTime: authTime,
		expires:  now.Add(s.refreshTTL),
	}
	s.refreshTokens[rt.token] = rt
	s.mu.Unlock()
	id, exp := s.newAccessToken(clientID, req.GetSubject(), req.GetScopes())
	return id, rt.token, exp, nil
}

// requestInfo extracts the client and sign-in time from any of the token
// request types zitadel hands to storage.
func requestInfo(req op.TokenRequest) (clientID string, authTime time.Time) {
	switch r := req.(type) {
	case *authRequest:
		return r.clientID, r.authTime
	case *refreshToken:
		return r.clientID, r.authTime
	case *op.DeviceAuthorizationState:
		return r.ClientID, r.AuthTime
	}
	return "", time.Time{}
}

func (s *storage) TokenRequestByRefreshToken(_ context.Context, token string) (op.RefreshTokenRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.refreshTokens[token]
	if !ok || time.Now().After(rt.expires) {
		return nil, oidc.ErrInvalidGrant().WithDescription("refresh token not found, already used or expired")
	}
	c := *rt
	return &c, nil
}

func (s *storage) TerminateSession(_ context.Context, subject, clientID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for tok, rt := range s.refreshTokens {
		if rt.subject == subject && rt.clientID == clientID {
			delete(s.refreshTokens, tok)
		}
	}
	return nil
}

// RevokeToken revokes a refresh token (by value) or an access token (by id).
func (s *storage) RevokeToken(_ context.Context, tokenOrID, _, clientID string) *oidc.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if rt, ok := s.refreshTokens[tokenOrID]; ok {
		if rt.clientID != clientID {
			return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
		}
		delete(s.refreshTokens, tokenOrID)
		return nil
	}
	if at, ok := s.accessTokens[tokenOrID]; ok {
		if at.clientID != clientID {
			return oidc.ErrInvalidClient().WithDescription("token was not issued to this client")
		}
		delete(s.accessTokens, tokenOrID)
	}
	return nil
}

func (s *storage) GetRefreshTokenInfo(_ context.Context, clientID, token string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt, ok := s.refreshTokens[token]
	if !ok || rt.clientID != clientID {
		return "", "", op.ErrInvalidRefreshToken
	}
	return rt.subject, rt.token, nil
}

func (s *storage) SigningKey(context.Context) (op.SigningKey, error) { return &s.key, nil }

func (s *storage) SignatureAlgorithms(context.Context) ([]jose.SignatureAlgorithm, error) {
	return []jose.SignatureAlgorithm{s.key.SignatureAlgorithm()}, nil
}

func (s *storage) KeySet(context.Context) ([]op.Key, error) {
	return []op.Key{publicKey{s.key}}, nil
}

func (s *storage) GetClientByClientID(_ context.Context, id string) (op.Client, error) {
	c, ok := s.clients[id]
	if !ok {
		return nil, fmt.Errorf("client %q is not registered with the development provider", id)
	}
	return c, nil
}

// AuthorizeClientIDSecret always refuses: every client here is public.
func (s *storage) AuthorizeClientIDSecret(context.Context, string, string) error {
	return errors.New("the development provider registers only public clients; no client secret is accepted")
}

// SetUserinfoFromScopes is deprecated in zitadel and must stay empty;
// SetUserinfoFromRequest does the work.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	return setUserinfo(info, req.GetSubject(), scopes)
}

func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	s.mu.Lock()
	at, ok := s.accessTokens[tokenID]
	s.mu.Unlock()
	if !ok || time.Now().After(at.expires) || at.subject != subject {
		return errors.New("access token not found or expired")
	}
	return setUserinfo(info, subject, at.scopes)
}

// setUserinfo fills the standard claims a scope asks for, plus the staff
// role so the app can tell an LA worker apart from a carer.
func setUserinfo(info *oidc.UserInfo, subject string, scopes []string) error {
	a, ok := accountBySubject(subject)
	if !ok {
		return errors.New("no demo account has this subject")
	}
	info.Subject = a.Subject
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = a.Name
		info.PreferredUsername = a.Username
	}
	if a.Staff {
		info.AppendClaims(StaffClaim, StaffValue)
	}
	return nil
}

// SetIntrospectionFromToken is unreachable in practice (introspection needs
// an authenticated client and every client here is public); resource
// servers verify the JWT access token instead.
func (s *storage) SetIntrospectionFromToken(context.Context, *oidc.IntrospectionResponse, string, string, string) error {
	return errors.New("the development provider does not offer token introspection; verify the JWT access token instead")
}

// GetPrivateClaimsFromScopes adds the staff role claim to an LA worker's
// JWT access token, whatever scopes were asked for.
func (s *storage) GetPrivateClaimsFromScopes(_ context.Context, subject, _ string, _ []string) (map[string]any, error) {
	if a, ok := accountBySubject(subject); ok && a.Staff {
		return map[string]any{StaffClaim: StaffValue}, nil
	}
	return nil, nil
}

func (s *storage) GetKeyByIDAndClientID(context.Context, string, string) (*jose.JSONWebKey, error) {
	return nil, errors.New("the development provider does not support the JWT profile grant")
}

func (s *storage) ValidateJWTProfileScopes(context.Context, string, []string) ([]string, error) {
	return nil, errors.New("the development provider does not support the JWT profile grant")
}

func (s *storage) Health(context.Context) error { return nil }
