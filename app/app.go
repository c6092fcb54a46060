// Package app holds Hearth's use cases and rules: first-run setup, unlocking
// the store, validation of what the user types, the TSD deadline and the
// dashboard. It knows nothing about Fyne, so every rule can be tested without
// a window, and nothing about SQL, which stays in the data package.
package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hearth-app/hearth/authority"
	"github.com/hearth-app/hearth/data"
)

// DBFile is the name of the store inside the data directory.
const DBFile = "hearth.db"

// State says what the user has to do before they can see their records.
type State int

const (
	// StateNew means first run: the user must complete setup.
	StateNew State = iota
	// StateLocked means the data key could not be unwrapped from the
	// keychain, so the user must type their passphrase.
	StateLocked
	// StateReady means the store is unlocked and set up.
	StateReady
)

// Options configure Open. The zero value is right for the real app.
type Options struct {
	// Dir is the data directory; it is created when missing.
	Dir string
	// Keychain holds the secret that wraps the data key. Nil means the
	// operating system's keychain.
	Keychain Keychain
	// KDF overrides the Argon2id cost, for tests only: production keys are
	// always derived with data.DefaultArgon2.
	KDF *KDFParams
	// Now overrides the clock, for tests and for reproducible demo data.
	Now func() time.Time
	// IndexAfter, when set, holds back filling the search index (decrypting
	// every record) until it is closed: main closes it once the first frame
	// is on screen. Searches wait for the index meanwhile.
	IndexAfter <-chan struct{}
}

// App is one open profile: its store and the rules around it.
type App struct {
	store    *data.Store
	keychain Keychain
	kdf      data.Argon2Params
	now      func() time.Time
	// state is written by Unlock, which the unlock screen runs off the UI
	// thread because deriving the key takes a while, and read and written
	// by Lock and State on the UI thread: so it is atomic.
	state      atomic.Int32
	keychainOK bool
	syncMu     sync.Mutex // one sync at a time (see SyncWith)
	tryMu      sync.Mutex // one try at the PIN or passphrase at a time (see tryWraps)
	// signInMemory holds the LA sign-in of a profile without a keychain,
	// for this run only (see laTokens).
	signInMemory authority.MemoryTokens
}

// Open opens (or creates) the store in opts.Dir and unlocks it from the
// keychain when it can, so that a returning user on their own device goes
// straight to their records.
func Open(opts Options) (*App, error) {
	if opts.Dir == "" {
		return nil, errors.New("open hearth: no data directory given")
	}
	if err := os.MkdirAll(opts.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("open hearth: create data directory: %w", err)
	}
	store, err := data.Open(filepath.Join(opts.Dir, DBFile))
	if err != nil {
		return nil, fmt.Errorf("open hearth: %w", err)
	}
	a := &App{store: store, keychain: opts.Keychain, kdf: data.DefaultArgon2, now: opts.Now}
	if a.keychain == nil {
		a.keychain = OSKeychain{}
	}
	if opts.KDF != nil {
		a.kdf = *opts.KDF
	}
	if a.now == nil {
		a.now = time.Now
	}
	store.SetClock(a.now)
	store.SetIndexGate(opts.IndexAfter)
	a.keychainOK = a.keychain.Available()
	if err := a.resume(); err != nil {
		store.Close()
		return nil, fmt.Errorf("open hearth: %w", err)
	}
	return a, nil
}

// Close locks and closes the store, and forgets the LA sign-in kept in
// memory for a profile without a keychain.
func (a *App) Close() error {
	a.forgetMemorySignIn()
	a.store.Lock()
	return a.store.Close()
}

// State reports what the user must do next.
func (a *App) State() State { return State(a.state.Load()) }

// setState records what the user must do next (see the state field).
func (a *App) setState(s State) { a.state.Store(int32(s)) }

// KeychainAvailable reports whether the OS keychain answered. When it did
// not (a Linux desktop without a Secret Service), setup must ask for a
// passphrase, because there is nowhere else safe to keep the key.
func (a *App) KeychainAvailable() bool { return a.keychainOK }

// Today is the current date at midnight UTC, the unit every rule counts in.
func (a *App) Today() time.Time { return dateOf(a.now()) }

// dateOf truncates a time to its calendar date in UTC.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// resume works out the state of an existing store and unlocks it from the
// keychain where possible.
func (a *App) resume() error {
	wraps, err := a.store.KeyWraps()
	if err != nil {
		return err
	}
	if len(wraps) == 0 {
		a.setState(StateNew)
		return nil
	}
	for _, w := range wraps {
		if w.Method != wrapKeychain {
			continue
		}
		if key, err := a.keyFromKeychain(w); err == nil {
			if err := a.store.Unlock(key); err != nil {
				return err
			}
			return a.afterUnlock()
		}
	}
	a.setState(StateLocked)
	return nil
}

// afterUnlock decides between setup and ready once the key is in hand: a
// first run that stopped after the key was made resumes at setup. A store
// is ready once it holds the profile of its kind: a carer's household or a
// care leaver's own profile.
func (a *App) afterUnlock() error {
	var err error
	if a.ProfileKind() == ProfileCareLeaver {
		_, err = a.store.LeaverProfile()
	} else {
		_, err = a.store.Household()
	}
	switch {
	case err == nil:
		a.setState(StateReady)
		a.removeEndedPlacementsOnOpen()
	case errors.Is(err, data.ErrNotFound):
		a.setState(StateNew)
	default:
		return err
	}
	return nil
}

// Settings keys. Settings are not sensitive and are readable while locked,
// so the unlock screen already speaks the user's language.
const (
	settingLanguage  = "language"
	settingTheme     = "theme"
	settingTextScale = "text_scale"
	settingInstallID = "install_id"
)

// Languages the app ships, in the order the language picker shows them.
var Languages = []string{"en", "cy"}

// Language is the chosen language code, or "" before the user has chosen.
func (a *App) Language() string {
	v, _ := a.store.Setting(settingLanguage)
	return v
}

// SetLanguage stores the user's language choice.
func (a *App) SetLanguage(code string) error {
	for _, l := range Languages {
		if l == code {
			return a.store.SetSetting(settingLanguage, code)
		}
	}
	return fmt.Errorf("set language: %q is not a supported language", code)
}

// Themes the user can choose between.
const (
	ThemeLight    = "light"
	ThemeDark     = "dark"
	ThemeContrast = "contrast" // high contrast: black on white, strong outlines
)

// Theme is "light", "dark" or "contrast"; light until the user chooses.
func (a *App) Theme() string {
	if v, _ := a.store.Setting(settingTheme); v == ThemeDark || v == ThemeContrast {
		return v
	}
	return ThemeLight
}

// SetTheme stores the theme choice.
func (a *App) SetTheme(theme string) error {
	if theme != ThemeLight && theme != ThemeDark && theme != ThemeContrast {
		return fmt.Errorf("set theme: %q is not a theme", theme)
	}
	return a.store.SetSetting(settingTheme, theme)
}

// Text size bounds: 100% to 200%, as the brief asks for readers with low
// vision.
const (
	MinTextScale = 1.0
	MaxTextScale = 2.0
)

// TextScale is the text size multiplier, 1.0 until the user changes it.
func (a *App) TextScale() float64 {
	v, _ := a.store.Setting(settingTextScale)
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f < MinTextScale || f > MaxTextScale {
		return MinTextScale
	}
	return f
}

// SetTextScale stores the text size multiplier, clamped to 100%–200%.
func (a *App) SetTextScale(f float64) error {
	f = min(max(f, MinTextScale), MaxTextScale)
	return a.store.SetSetting(settingTextScale, strconv.FormatFloat(f, 'f', 2, 64))
}
