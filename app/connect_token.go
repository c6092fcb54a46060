package app

import (
	"fmt"

	"golang.org/x/oauth2"

	"github.com/hearth-app/hearth/authority"
)

// laTokens keeps the profile's sign-in with its local authority in the
// keychain, under an account of its own per install id, so two profiles
// never share a sign-in and nothing about it reaches the disk. The
// settings flag la_signed_in says whether an entry should be there, so a
// missing entry (never signed in) is told apart from a keychain that fails
// to answer, whatever the keychain's own "not found" error looks like.
//
// Without a keychain (some Linux desktops) the sign-in is kept in memory
// only, for this run of Hearth: never on disk in plain text.
type laTokens struct{ a *App }

var _ authority.TokenStore = (*laTokens)(nil)

// forgetMemorySignIn drops a's in-memory sign-in, if any, without touching
// the la_signed_in flag: the store may already be closing, and a profile
// opened again finds the flag set and no token, so it asks to sign in.
//
// Only Close calls it, not Lock. A lock stops someone at the screen, who
// cannot reach the token while locked; whoever can read Hearth's memory can
// read the keychain too, where a profile with a keychain keeps its sign-in
// through a lock. Dropping it on every idle lock would make people without
// a keychain sign in to their LA again after each one, for no protection
// the keychain users lack.
func (a *App) forgetMemorySignIn() { _ = a.signInMemory.Clear() }

func (a *App) laTokens() *laTokens { return &laTokens{a: a} }

// laTokenAccount names the keychain entry for the LA sign-in.
func (a *App) laTokenAccount() (string, error) {
	id, err := a.store.Setting(settingInstallID)
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", fmt.Errorf("keychain account: store has no install id")
	}
	return "la-token/" + id, nil
}

// Load returns the saved sign-in, or nil when there is none.
func (t *laTokens) Load() (*oauth2.Token, error) {
	on, err := t.a.flag(settingLASignedIn)
	if err != nil || !on {
		return nil, err
	}
	if !t.a.keychainOK {
		return t.a.signInMemory.Load()
	}
	account, err := t.a.laTokenAccount()
	if err != nil {
		return nil, err
	}
	s, err := t.a.keychain.Get(account)
	if err != nil {
		return nil, fmt.Errorf("read the local authority sign-in from the keychain: %w", err)
	}
	return authority.UnmarshalToken([]byte(s))
}

// Save stores a new or refreshed sign-in and marks the profile signed in.
func (t *laTokens) Save(tok *oauth2.Token) error {
	b, err := authority.MarshalToken(tok)
	if err != nil {
		return err
	}
	if t.a.keychainOK {
		account, err := t.a.laTokenAccount()
		if err != nil {
			return err
		}
		if err := t.a.keychain.Set(account, string(b)); err != nil {
			return fmt.Errorf("save the local authority sign-in to the keychain: %w", err)
		}
	} else {
		keep, err := authority.UnmarshalToken(b)
		if err != nil {
			return err
		}
		if err := t.a.signInMemory.Save(keep); err != nil {
			return err
		}
	}
	return t.a.setFlag(settingLASignedIn, true)
}

// Clear forgets the sign-in.
func (t *laTokens) Clear() error {
	if err := t.a.setFlag(settingLASignedIn, false); err != nil {
		return err
	}
	if !t.a.keychainOK {
		t.a.forgetMemorySignIn()
		return nil
	}
	account, err := t.a.laTokenAccount()
	if err != nil {
		return err
	}
	if err := t.a.keychain.Delete(account); err != nil {
		return fmt.Errorf("remove the local authority sign-in from the keychain: %w", err)
	}
	return nil
}
