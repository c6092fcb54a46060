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
	// wrapLock is the app lock's PIN or passphrase (see lock.go). It is
	// kept apart from the setup passphrase, so turning a lock on or off
	// never takes that way back in away.
	wrapLock = "lock"
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

// Unlock opens the store with what the user typed: the app lock's PIN or
// passphrase when a lock is set, or the passphrase chosen at setup (which
// still opens a locked app, as the way back in when a PIN is forgotten).
// Wrong attempts are counted and slowed down (see lockDelay); a try made
// while the user must still wait is refused without deriving anything.
func (a *App) Unlock(secret string) error {
	if a.State() != StateLocked {
		return nil
	}
	wraps, err := a.store.KeyWraps()
	if err != nil {
		return err
	}
	var tried []data.KeyWrap
	for _, w := range wraps {
		if w.Method == wrapLock || w.Method == wrapPassphrase {
			tried = append(tried, w)
		}
	}
	if len(tried) == 0 {
		// Keychain-only store whose keychain entry has gone: nothing the
		// user can type will help, and saying so is kinder than "wrong
		// passphrase".
		return invalid("passphrase", "error.keychain_missing")
	}
	key, err := a.tryWraps("passphrase", a.wrongKey(), secret, tried)
	if err != nil {
		return err
	}
	if err := a.store.Unlock(key); err != nil {
		return fmt.Errorf("unlock: %w", err)
	}
	clear(key)
	return a.afterUnlock()
}

// wrongKey is the message for a wrong secret on the unlock screen, in the
// words of what the screen asked for.
func (a *App) wrongKey() wrongKeys {
	if a.LockKind() == LockPIN {
		return wrongKeys{"lock.error.wrong_pin", "lock.error.wrong_pin_wait"}
	}
	return wrongKeys{"error.wrong_passphrase", "lock.error.wrong_passphrase_wait"}
}

// tryWraps unwraps the data key from the first of wraps that secret opens,
// counting a failure (and so the wait before the next try) when none does.
// field and wrong are the UserError's field and key for a wrong secret.
//
// Tries are taken one at a time: run in parallel, several guesses would be
// derived before the first wrong one was counted, and each would read the
// same count, so the wait after wrong tries could be outrun.
func (a *App) tryWraps(field string, wrong wrongKeys, secret string, wraps []data.KeyWrap) ([]byte, error) {
	a.tryMu.Lock()
	defer a.tryMu.Unlock()
	if err := a.mustWait(field); err != nil {
		return nil, err
	}
	for _, w := range wraps {
		key, err := data.UnwrapKey(w.Wrapped, data.DeriveKey(secret, w.Salt, w.Params))
		if err == nil {
			return key, a.clearFailures()
		}
		if !errors.Is(err, data.ErrWrongKey) {
			return nil, fmt.Errorf("unlock: %w", err)
		}
	}
	return nil, a.failed(field, wrong)
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
	seal := func(kek []byte) ([]byte, error) { return data.WrapKey(key, kek) }
	if a.keychainOK {
		if err := a.wrapInKeychain(seal); err != nil {
			return err
		}
	}
	if passphrase != "" {
		if err := a.wrapWithSecret(wrapPassphrase, passphrase, seal); err != nil {
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

// sealer wraps the data key under a key-encryption key: data.WrapKey over
// a key in hand at first run, or the store's WrapLoadedKey while unlocked.
type sealer func(kek []byte) ([]byte, error)

// wrapInKeychain stores a fresh random secret in the keychain and the data
// key wrapped under it.
func (a *App) wrapInKeychain(seal sealer) error {
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
	wrapped, err := seal(kek)
	if err != nil {
		return err
	}
	return a.store.SaveKeyWrap(data.KeyWrap{Method: wrapKeychain, Wrapped: wrapped})
}

// wrapWithSecret stores the data key wrapped under a key derived from a
// passphrase or PIN with Argon2id, under a fresh salt, as method.
func (a *App) wrapWithSecret(method, secret string, seal sealer) error {
	salt, err := data.NewSalt()
	if err != nil {
		return err
	}
	wrapped, err := seal(data.DeriveKey(secret, salt, a.kdf))
	if err != nil {
		return err
	}
	return a.store.SaveKeyWrap(data.KeyWrap{Method: method, Salt: salt, Params: a.kdf, Wrapped: wrapped})
}
