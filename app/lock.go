package app

import (
	"errors"
	"fmt"
	"slices"

	"github.com/hearth-app/hearth/data"
)

// LockKind is what the app lock asks for: a PIN or a passphrase.
type LockKind string

// Kinds of app lock. LockNone means there is no app lock: the keychain
// opens Hearth, or the setup passphrase does where there is no keychain.
const (
	LockNone       LockKind = ""
	LockPIN        LockKind = "pin"
	LockPassphrase LockKind = "passphrase"
)

// MinPIN is the shortest PIN accepted. Six digits is a million PINs: with
// the wait after wrong tries (lockDelay) that is years of guessing through
// the app, though a copied database file can be guessed faster offline
// (see SetLock), which is why a passphrase is the stronger choice.
const MinPIN = 6

// settingLockKind is a plain setting: the unlock screen must know, while
// locked, whether to ask for a PIN or a passphrase. It holds no secret.
const settingLockKind = "lock_kind"

// LockSetup is what the user chose for the app lock.
type LockSetup struct {
	Kind    LockKind
	Secret  string // the new PIN or passphrase
	Confirm string // the same, typed again
	// KeychainToo keeps the keychain as a way to open Hearth when it
	// starts, so only an app that locked itself (idle, hidden) asks for the
	// PIN. Without it the keychain entry is removed and the PIN or
	// passphrase is needed every time: nobody can open Hearth from the
	// user's login alone, but forgetting it loses the records.
	KeychainToo bool
}

// LockKind is the app lock in use, or LockNone, for screens to word what
// they ask for. It reports LockNone when the setting cannot be read, so it
// must decide nothing about security: every check that asks for the PIN
// uses lockKind, which fails closed.
func (a *App) LockKind() LockKind {
	k, _ := a.lockKind()
	return k
}

// lockKind is the app lock in use, or an error when the setting cannot be
// read: a caller that skipped the PIN on a failed read would let anyone
// past the lock whenever the store hiccups.
func (a *App) lockKind() (LockKind, error) {
	v, err := a.store.Setting(settingLockKind)
	if err != nil {
		return LockNone, fmt.Errorf("read the app lock setting: %w", err)
	}
	switch k := LockKind(v); k {
	case LockPIN, LockPassphrase:
		return k, nil
	}
	return LockNone, nil
}

// LockEnabled reports whether an app lock is set, for screens (see LockKind).
func (a *App) LockEnabled() bool { return a.LockKind() != LockNone }

// lockEnabled reports whether an app lock is set, failing closed (see
// lockKind).
func (a *App) lockEnabled() (bool, error) {
	k, err := a.lockKind()
	return k != LockNone, err
}

// KeychainOpens reports whether the keychain can open this profile (it
// holds a wrap of the data key), so Hearth opens without typing at start.
func (a *App) KeychainOpens() bool { return a.hasWrap(wrapKeychain) }

func (a *App) hasWrap(method string) bool {
	wraps, err := a.store.KeyWraps()
	if err != nil {
		return false
	}
	return slices.ContainsFunc(wraps, func(w data.KeyWrap) bool { return w.Method == method })
}

// SetLock turns the app lock on, or changes it. Changing needs the current
// PIN or passphrase (current; ignored when no lock is set yet), so someone
// who finds Hearth open cannot change it. Only the data key is wrapped again,
// under a key derived from the new secret with Argon2id; no record is
// re-encrypted.
//
// The derivation uses the store's Argon2id parameters, data.DefaultArgon2:
// t=3 passes over 64 MiB with 4 lanes (RFC 9106's second recommended
// setting, for machines where its first, 2 GiB, is too much: family PCs and
// tablets). One derivation took 0.18 to 0.73 s on a busy two-core machine,
// and each needs 64 MiB of memory, which keeps guessing on graphics cards
// slow. But a six-digit PIN is only a million guesses: days on one core,
// hours on many, for someone holding a copy of the database file and no
// keychain (the PIN's wrap is in the file whether or not the keychain's is
// kept). So a PIN guards Hearth on a shared computer, with the wait after
// wrong tries (lockDelay); only a good passphrase also guards a copied file.
func (a *App) SetLock(current string, s LockSetup) error {
	if a.State() != StateReady {
		return errors.New("set app lock: the profile is not open")
	}
	if err := validateLock(s); err != nil {
		return err
	}
	if on, err := a.lockEnabled(); err != nil {
		return fmt.Errorf("set app lock: %w", err)
	} else if on {
		if _, err := a.checkLock(current); err != nil {
			return err
		}
	}
	seal := a.store.WrapLoadedKey
	if err := a.wrapWithSecret(wrapLock, s.Secret, seal); err != nil {
		return fmt.Errorf("set app lock: %w", err)
	}
	if err := a.store.SetSetting(settingLockKind, string(s.Kind)); err != nil {
		return fmt.Errorf("set app lock: %w", err)
	}
	// The lock's wrap is stored before the keychain's is removed, so there
	// is never a moment with no way in.
	if s.KeychainToo && a.keychainOK && !a.KeychainOpens() {
		return a.wrapInKeychain(seal)
	}
	if !s.KeychainToo {
		return a.forgetKeychain()
	}
	return nil
}

// RemoveLock turns the app lock off, which needs the current PIN or
// passphrase. The keychain is given back its wrap when it answers; a profile
// that would then have no way in at all (no keychain and no setup
// passphrase) keeps its lock.
func (a *App) RemoveLock(current string) error {
	on, err := a.lockEnabled()
	if err != nil {
		return fmt.Errorf("turn off app lock: %w", err)
	}
	if !on {
		return nil
	}
	if _, err := a.checkLock(current); err != nil {
		return err
	}
	if !a.KeychainOpens() {
		switch {
		case a.keychainOK:
			if err := a.wrapInKeychain(a.store.WrapLoadedKey); err != nil {
				return fmt.Errorf("turn off app lock: %w", err)
			}
		case !a.hasWrap(wrapPassphrase):
			return invalid("current", "lock.error.last_way")
		}
	}
	if err := a.store.DeleteKeyWrap(wrapLock); err != nil {
		return fmt.Errorf("turn off app lock: %w", err)
	}
	return a.store.SetSetting(settingLockKind, string(LockNone))
}

// checkLock proves the user knows the app lock's secret, with the same
// counting of wrong tries as unlocking, and returns the data key.
func (a *App) checkLock(current string) ([]byte, error) {
	wraps, err := a.store.KeyWraps()
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(wraps, func(w data.KeyWrap) bool { return w.Method == wrapLock })
	if i < 0 {
		return nil, errors.New("check app lock: no lock is stored")
	}
	return a.tryWraps("current", a.wrongKey(), current, wraps[i:i+1])
}

// forgetKeychain removes the keychain's wrap and its entry in the keychain.
func (a *App) forgetKeychain() error {
	if err := a.store.DeleteKeyWrap(wrapKeychain); err != nil {
		return err
	}
	account, err := a.keychainAccount()
	if err != nil {
		return err
	}
	if err := a.keychain.Delete(account); err != nil {
		return fmt.Errorf("remove key from keychain: %w", err)
	}
	return nil
}

// validateLock checks a new PIN or passphrase.
func validateLock(s LockSetup) error {
	switch s.Kind {
	case LockPIN:
		if !allDigits(s.Secret) {
			return invalid("secret", "lock.error.pin_digits")
		}
		if len(s.Secret) < MinPIN {
			return invalid("secret", "lock.error.pin_short")
		}
	case LockPassphrase:
		if len([]rune(s.Secret)) < MinPassphrase {
			return invalid("secret", "error.passphrase_short")
		}
	default:
		return invalid("kind", "lock.error.kind")
	}
	if s.Secret != s.Confirm {
		return invalid("confirm", "lock.error.mismatch")
	}
	return nil
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// Lock locks an open profile that has an app lock: the store forgets the
// data key and drops the search index, and the user must type the PIN or
// passphrase to go on. Without an app lock there is nothing to type, so it
// does nothing and reports false. When the lock setting cannot be read, it
// locks if a lock's wrap is stored, so a store that hiccups does not keep
// an idle app open.
func (a *App) Lock() bool {
	if a.State() != StateReady {
		return false
	}
	if on, err := a.lockEnabled(); !on && (err == nil || !a.hasWrap(wrapLock)) {
		return false
	}
	a.store.Lock()
	a.setState(StateLocked)
	return true
}
