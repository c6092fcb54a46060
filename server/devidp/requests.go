package devidp

import (
	"slices"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// authRequest is one authorization request, from /authorize until the code
// is exchanged. It implements op.AuthRequest.
type authRequest struct {
	id            string
	clientID      string
	audience      []string
	redirectURI   string
	scopes        []string
	state         string
	nonce         string
	responseType  oidc.ResponseType
	responseMode  oidc.ResponseMode
	codeChallenge *oidc.CodeChallenge
	created       time.Time

	// Set by the login page once the user has signed in.
	subject  string
	authTime time.Time
	done     bool
}

func (a *authRequest) GetID() string                         { return a.id }
func (a *authRequest) GetACR() string                        { return "" }
func (a *authRequest) GetAMR() []string                      { return amr(a.done) }
func (a *authRequest) GetAudience() []string                 { return a.audience }
func (a *authRequest) GetAuthTime() time.Time                { return a.authTime }
func (a *authRequest) GetClientID() string                   { return a.clientID }
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.codeChallenge }
func (a *authRequest) GetNonce() string                      { return a.nonce }
func (a *authRequest) GetRedirectURI() string                { return a.redirectURI }
func (a *authRequest) GetResponseType() oidc.ResponseType    { return a.responseType }
func (a *authRequest) GetResponseMode() oidc.ResponseMode    { return a.responseMode }
func (a *authRequest) GetScopes() []string                   { return a.scopes }
func (a *authRequest) GetState() string                      { return a.state }
func (a *authRequest) GetSubject() string                    { return a.subject }
func (a *authRequest) Done() bool                            { return a.done }

// amr says how the user authenticated: by password, once they have.
func amr(done bool) []string {
	if !done {
		return nil
	}
	return []string{"pwd"}
}

// refreshToken is the state behind one opaque refresh token. It implements
// op.RefreshTokenRequest. A refresh token is single-use: redeeming it
// replaces it with a new one (rotation).
type refreshToken struct {
	token    string
	clientID string
	subject  string
	audience []string
	scopes   []string
	authTime time.Time
	expires  time.Time
}

func (r *refreshToken) GetAMR() []string       { return amr(true) }
func (r *refreshToken) GetAudience() []string  { return r.audience }
func (r *refreshToken) GetAuthTime() time.Time { return r.authTime }
func (r *refreshToken) GetClientID() string    { return r.clientID }
func (r *refreshToken) GetScopes() []string    { return r.scopes }
func (r *refreshToken) GetSubject() string     { return r.subject }

// SetCurrentScopes narrows the scopes when a refresh asks for fewer.
func (r *refreshToken) SetCurrentScopes(scopes []string) { r.scopes = slices.Clone(scopes) }
