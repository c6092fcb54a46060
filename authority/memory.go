package authority

import (
	"sync"

	"golang.org/x/oauth2"
)

// MemoryTokens is a TokenStore that keeps the token in this process only.
// The app uses it on a device with no keychain, where a sign-in must never
// reach the disk, and so do tools and tests that sign in for one run. The
// zero value is empty and ready to use.
type MemoryTokens struct {
	mu  sync.Mutex
	tok *oauth2.Token
}

var _ TokenStore = (*MemoryTokens)(nil)

// Load returns the kept token, or nil when there is none.
func (m *MemoryTokens) Load() (*oauth2.Token, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.tok, nil
}

// Save replaces the kept token.
func (m *MemoryTokens) Save(t *oauth2.Token) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tok = t
	return nil
}

// Clear forgets the kept token.
func (m *MemoryTokens) Clear() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.tok = nil
	return nil
}
