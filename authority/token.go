package authority

import (
	"encoding/json"
	"fmt"
	"time"

	"golang.org/x/oauth2"
)

// TokenStore keeps the session's token, in the OS keychain. The app
// implements it; MarshalToken and UnmarshalToken give the bytes to keep.
type TokenStore interface {
	// Load returns the saved token, or nil and no error when there is none.
	Load() (*oauth2.Token, error)
	// Save replaces the saved token.
	Save(*oauth2.Token) error
	// Clear forgets the saved token (sign-out, or a revoked session).
	Clear() error
}

// MaxStoredToken is the most MarshalToken writes: Windows' credential
// manager holds at most 2560 bytes, and an LA's JWT access token plus its
// refresh token can exceed that.
const MaxStoredToken = 2560

// storedToken is the saved form; V lets a later version change it.
type storedToken struct {
	V            int       `json:"v"`
	RefreshToken string    `json:"refresh_token,omitempty"`
	AccessToken  string    `json:"access_token,omitempty"`
	TokenType    string    `json:"token_type,omitempty"`
	Expiry       time.Time `json:"expiry,omitzero"`
}

// MarshalToken encodes t for a TokenStore, in at most MaxStoredToken
// bytes. The refresh token comes first: when both tokens do not fit, the
// access token is left out, and the session refreshes it when it resumes.
func MarshalToken(t *oauth2.Token) ([]byte, error) {
	if t == nil || (t.RefreshToken == "" && t.AccessToken == "") {
		return nil, fmt.Errorf("save token: there is no token to save")
	}
	st := storedToken{V: 1, RefreshToken: t.RefreshToken, AccessToken: t.AccessToken, TokenType: t.TokenType, Expiry: t.Expiry.UTC()}
	b, err := json.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("save token: %w", err)
	}
	if len(b) <= MaxStoredToken {
		return b, nil
	}
	if st.RefreshToken == "" {
		return nil, fmt.Errorf("save token: the access token is %d bytes, more than the keychain holds, and there is no refresh token", len(t.AccessToken))
	}
	st.AccessToken, st.TokenType, st.Expiry = "", "", time.Time{}
	if b, err = json.Marshal(st); err != nil {
		return nil, fmt.Errorf("save token: %w", err)
	}
	if len(b) > MaxStoredToken {
		return nil, fmt.Errorf("save token: the refresh token is %d bytes, more than the keychain holds", len(t.RefreshToken))
	}
	return b, nil
}

// UnmarshalToken decodes what MarshalToken wrote. A token saved without
// its access token is not Valid, so the session refreshes it first.
func UnmarshalToken(b []byte) (*oauth2.Token, error) {
	var st storedToken
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, fmt.Errorf("read saved token: %w", err)
	}
	if st.V != 1 {
		return nil, fmt.Errorf("read saved token: unknown format version %d", st.V)
	}
	if st.RefreshToken == "" && st.AccessToken == "" {
		return nil, fmt.Errorf("read saved token: it holds no token")
	}
	return &oauth2.Token{RefreshToken: st.RefreshToken, AccessToken: st.AccessToken, TokenType: st.TokenType, Expiry: st.Expiry}, nil
}
