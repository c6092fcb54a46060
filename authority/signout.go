package authority

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"
)

// SignOut ends the session for "disconnect from my local authority": it
// clears the store first, so the device forgets the sign-in even when
// offline, then asks the provider to revoke the refresh token (RFC 7009)
// if it offers revocation, so a copy of the token elsewhere stops
// working too. An error means only that the provider could not be told.
func (s *Session) SignOut(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.store.Clear(); err != nil {
		return fmt.Errorf("sign out: forget the sign-in in the keychain: %w", err)
	}
	rt := s.tok.RefreshToken
	s.tok, s.unsaved = &oauth2.Token{}, false
	if s.p.revocation == "" || rt == "" {
		return nil
	}
	form := url.Values{"token": {rt}, "token_type_hint": {"refresh_token"}, "client_id": {s.p.settings.ClientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.p.revocation, strings.NewReader(form.Encode()))
	if err != nil {
		return fmt.Errorf("sign out: %w", err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := s.p.hc.Do(req)
	if err != nil {
		return fmt.Errorf("sign out: tell the provider to revoke the sign-in: %w", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("sign out: the provider answered %d to the revocation", resp.StatusCode)
	}
	return nil
}
