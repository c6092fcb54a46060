// Package apptest holds test doubles for what the app package depends on,
// so the tests of app and of screens share one rather than each keeping a
// copy.
package apptest

import (
	"errors"
	"sync"
)

// Keychain is an in-memory stand-in for the OS keychain. Its secrets
// survive reopening a store, as the real keychain survives restarting the
// app. An unavailable one behaves like a Linux desktop without a Secret
// Service, where setup must ask for a passphrase.
type Keychain struct {
	mu        sync.Mutex
	secrets   map[string]string
	available bool
}

// NewKeychain returns an empty keychain that answers when available is
// true.
func NewKeychain(available bool) *Keychain {
	return &Keychain{secrets: map[string]string{}, available: available}
}

// Available reports whether the keychain answers.
func (k *Keychain) Available() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.available
}

// Get reads a secret; an unavailable keychain has none.
func (k *Keychain) Get(account string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	s, ok := k.secrets[account]
	if !ok || !k.available {
		return "", errors.New("no such secret")
	}
	return s, nil
}

// Set stores a secret; an unavailable keychain refuses.
func (k *Keychain) Set(account, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if !k.available {
		return errors.New("keychain unavailable")
	}
	k.secrets[account] = secret
	return nil
}

// Delete removes a secret.
func (k *Keychain) Delete(account string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.secrets, account)
	return nil
}

// SetAvailable turns the keychain on or off, as a desktop losing its Secret
// Service would.
func (k *Keychain) SetAvailable(available bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.available = available
}

// Len counts the stored secrets.
func (k *Keychain) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.secrets)
}
