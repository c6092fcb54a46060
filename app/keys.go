package app

import (
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/hearth-app/hearth/data"
)

// Ways the data key can be wrapped. A store may have both: the keychain for
// everyday opening, the passphrase as the way back in when the keychain is
// missing.
const (
	wrapKeychain   = "keychain"
	wrapPassphrase = "passphrase"
)

// MinPassphrase is the shortest passphrase accepted. Argon2id makes each
// guess expensive, but a very short passphrase is still guessable.
const MinPassphrase = 8

// keyFromKeychain unwraps the data key with the keychain's secret.
func (a *App) keyFromKeychain(w data.KeyWrap) ([]byte, error) {
	kek, err := a.keychainSecret()
	if err != nil {
		return nil, err
	}
	return data.UnwrapKey(w.Wrapped, kek)
}

// Unlock opens the store with the user's passphrase.
func (a *App) Unlock(passphrase string) error {
	if a.state != StateLocked {
		return nil
	}
	wraps, err := a.store.KeyWraps()
	if err != nil {
		return err
	}
	for _, w := range wraps {
		if w.Method != wrapPassphrase {
			continue
		}
		key, err := data.UnwrapKey(w.Wrapped, data.DeriveKey(passphrase, w.Salt, w.Params))
		if errors.Is(err, data.ErrWrongKey) {
			return invalid("passphrase", "error.wrong_passphrase")
		}
		if err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		if err := a.store.Unlock(key); err != nil {
			return fmt.Errorf("unlock: %w", err)
		}
		return a.afterUnlock()
	}
	// Keychain-only store whose keychain entry has gone: nothing the user
	// can type will help, and saying so is kinder than "wrong passphrase".
	return invalid("passphrase", "error.keychain_missing")
}

// HasPassphrase reports whether the store can be unlocked by passphrase.
func (a *App) HasPassphrase() bool {
	wraps, err := a.store.KeyWraps()
	if err != nil {
		return false
	}
	for _, w := range wraps {
		if w.Method == wrapPassphrase {
			return true
		}
	}
	return false
}

// createKey makes the data key at first run and wraps it in every way
// available: the keychain when it answers, and the passphrase when given.
func (a *App) createKey(passphrase string) error {
	if err := a.ensureInstallID(); err != nil {
		return err
	}
	key, err := data.NewKey()
	if err != nil {
		return err
	}
	if a.keychainOK {
		if err := a.wrapInKeychain(key); err != nil {
			return err
		}
	}
	if passphrase != "" {
		if err := a.wrapWithPassphrase(key, passphrase); err != nil {
			return err
		}
	}
	return a.store.Unlock(key)
}

func (a *App) ensureInstallID() error {
	id, err := a.store.Setting(settingInstallID)
	if err != nil || id != "" {
		return err
	}
	raw, err := data.NewSalt()
	if err != nil {
		return err
	}
	return a.store.SetSetting(settingInstallID, base64.RawURLEncoding.EncodeToString(raw))
}

func (a *App) wrapInKeychain(key []byte) error {
	kek, err := data.NewKey()
	if err != nil {
		return err
	}
	account, err := a.keychainAccount()
	if err != nil {
		return err
	}
	if err := a.keychain.Set(account, base64.StdEncoding.EncodeToString(kek)); err != nil {
		return fmt.Errorf("store key in keychain: %w", err)
	}
	wrapped, err := data.WrapKey(key, kek)
	if err != nil {
		return err
	}
	return a.store.SaveKeyWrap(data.KeyWrap{Method: wrapKeychain, Wrapped: wrapped})
}

func (a *App) wrapWithPassphrase(key []byte, passphrase string) error {
	salt, err := data.NewSalt()
	if err != nil {
		return err
	}
	wrapped, err := data.WrapKey(key, data.DeriveKey(passphrase, salt, a.kdf))
	if err != nil {
		return err
	}
	return a.store.SaveKeyWrap(data.KeyWrap{Method: wrapPassphrase, Salt: salt, Params: a.kdf, Wrapped: wrapped})
}
