package authority

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"golang.org/x/oauth2"
)

// Session is the signed-in user's token source. It refreshes the access
// token when it expires and saves every new token to the TokenStore at
// once, because providers rotate refresh tokens: the old one stops working
// as soon as the new one is issued, and oauth2 does not report refreshes.
// It is safe for concurrent use.
type Session struct {
	p     *Provider
	store TokenStore

	mu  sync.Mutex
	tok *oauth2.Token
	// stale: the API refused tok, so refresh before using it again.
	stale bool
	// retried: tok came from a refresh made because the API refused the
	// token before it; a refusal of this one means sign in again.
	retried bool
	// unsaved: tok is newer than what the store holds.
	unsaved bool
}

// NewSession starts a session. With tok (just signed in) it saves tok
// first; with nil it resumes from the store, and returns ErrNotSignedIn
// when the store holds nothing.
func NewSession(p *Provider, store TokenStore, tok *oauth2.Token) (*Session, error) {
	if tok != nil {
		if err := store.Save(tok); err != nil {
			return nil, fmt.Errorf("save the new sign-in to the keychain: %w", err)
		}
	} else {
		var err error
		if tok, err = store.Load(); err != nil {
			return nil, fmt.Errorf("load the sign-in from the keychain: %w", err)
		}
		if tok == nil {
			return nil, ErrNotSignedIn
		}
	}
	return &Session{p: p, store: store, tok: tok}, nil
}

// Token returns a valid access token, refreshing it if needed, and saves
// any new token before returning it. A refresh the provider refuses with
// invalid_grant (revoked or expired) clears the store and returns
// ErrSignInAgain; a network failure returns an error IsRetryable accepts.
func (s *Session) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.unsaved {
		if err := s.store.Save(s.tok); err != nil {
			return nil, fmt.Errorf("save the refreshed sign-in to the keychain: %w", err)
		}
		s.unsaved = false
	}
	if s.tok.Valid() && !s.stale {
		return s.tok, nil
	}
	if s.tok.AccessToken == "" && s.tok.RefreshToken == "" {
		return nil, ErrNotSignedIn // signed out
	}
	if s.tok.RefreshToken == "" {
		return nil, fmt.Errorf("%w: the access token has expired and the provider gave no refresh token", ErrSignInAgain)
	}
	fresh, err := s.p.config("").TokenSource(s.p.ctx(context.Background()), &oauth2.Token{RefreshToken: s.tok.RefreshToken}).Token()
	if err != nil {
		if re, ok := errors.AsType[*oauth2.RetrieveError](err); ok && re.ErrorCode == "invalid_grant" {
			if cerr := s.store.Clear(); cerr != nil {
				slog.Warn("could not clear the revoked sign-in from the keychain", "err", cerr)
			}
			return nil, fmt.Errorf("%w: the provider refused the refresh token (invalid_grant)", ErrSignInAgain)
		}
		return nil, fmt.Errorf("refresh the sign-in: %w", err)
	}
	s.retried = s.stale
	s.stale = false
	s.tok = fresh
	if err := s.store.Save(fresh); err != nil {
		s.unsaved = true
		return nil, fmt.Errorf("save the refreshed sign-in to the keychain: %w", err)
	}
	return fresh, nil
}

// rejected is told that the API answered 401 to tok. It returns true when
// that means sign in again: tok was itself the refresh made after an
// earlier refusal. Otherwise the next Token call refreshes first.
func (s *Session) rejected(tok *oauth2.Token) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if tok.AccessToken != s.tok.AccessToken {
		return false // refreshed meanwhile; the next call uses the new token
	}
	if s.retried {
		return true
	}
	s.stale = true
	return false
}
