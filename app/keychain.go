package app

import (
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/zalando/go-keyring"
)

// Keychain is where the secret that wraps the data key lives. The secret
// never touches the data directory, so a copied database file is useless on
// its own.
type Keychain interface {
	// Available reports whether the keychain answers at all.
	Available() bool
	Get(account string) (string, error)
	Set(account, secret string) error
	Delete(account string) error
}

// keychainService is the service name Hearth's entries are filed under.
const keychainService = "Hearth"

// OSKeychain is the operating system's keychain (Windows Credential
// Manager, macOS Keychain, the Secret Service on Linux).
type OSKeychain struct{}

// Available probes the keychain with a lookup of an account that never
// exists: "not found" means it answered.
func (OSKeychain) Available() bool {
	_, err := keyring.Get(keychainService, "availability-probe")
	return errors.Is(err, keyring.ErrNotFound)
}

// Get reads a secret.
func (OSKeychain) Get(account string) (string, error) {
	return keyring.Get(keychainService, account)
}

// Set stores a secret.
func (OSKeychain) Set(account, secret string) error {
	return keyring.Set(keychainService, account, secret)
}

// Delete removes a secret. One that is not there is already deleted:
// turning an app lock on removes the entry, and deleting the profile
// afterwards must not fail over it.
func (OSKeychain) Delete(account string) error {
	if err := keyring.Delete(keychainService, account); err != nil && !errors.Is(err, keyring.ErrNotFound) {
		return err
	}
	return nil
}

// keychainAccount names this data directory's keychain entry. It is keyed
// by a random install id kept in the store, so two data directories (or two
// profiles) never share a key.
func (a *App) keychainAccount() (string, error) {
	id, err := a.store.Setting(settingInstallID)
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", errors.New("keychain account: store has no install id")
	}
	return "data-key-wrap/" + id, nil
}

// keychainSecret decodes the wrapping secret held in the keychain.
func (a *App) keychainSecret() ([]byte, error) {
	account, err := a.keychainAccount()
	if err != nil {
		return nil, err
	}
	s, err := a.keychain.Get(account)
	if err != nil {
		return nil, fmt.Errorf("read keychain: %w", err)
	}
	kek, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("read keychain: entry is not valid: %w", err)
	}
	return kek, nil
}

// NoKeychain is used where no keychain should be touched: the throwaway demo
// store, which must not leave entries behind in the user's real keychain.
// With it, the data key is wrapped only by a passphrase.
type NoKeychain struct{}

// Available reports false, so setup asks for (or is given) a passphrase.
func (NoKeychain) Available() bool { return false }

// Get always fails: there is nothing stored.
func (NoKeychain) Get(string) (string, error) { return "", errNoKeychain }

// Set always fails: there is nowhere to store.
func (NoKeychain) Set(string, string) error { return errNoKeychain }

// Delete always succeeds: there is nothing to delete.
func (NoKeychain) Delete(string) error { return nil }

var errNoKeychain = errors.New("keychain not in use")
